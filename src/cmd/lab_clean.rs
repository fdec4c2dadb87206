//! `lab clean [STEP]`: removes the containers and cluster objects carrying the lab's label,
//! after showing them and asking (or with --yes). Progress is kept.

use std::io::{BufRead, IsTerminal, Write};

use crate::cli::CleanArgs;
use crate::config::Context;
use crate::error::Result;
use crate::lab::clean;
use crate::lab::tool::{ToolError, label};
use crate::render::lab::printable;

use super::check::{kube_context, resolve};

pub fn run(args: &CleanArgs, ctx: &Context) -> Result<()> {
    let lab = resolve(ctx, &args.lab)?;
    let manifest = &lab.pack.manifest;
    let context = kube_context(ctx, &lab.pack, args.kube.kube_context.as_deref())?;
    let dir = lab
        .dir
        .canonicalize()
        .unwrap_or_else(|_| std::env::temp_dir());
    let plan = clean::survey(manifest, &dir, context.as_deref())?;
    for note in &plan.notes {
        ctx.ui.warn(&printable(note));
    }
    if plan.count() == 0 {
        ctx.ui.confirm(&format!(
            "Nothing to clean: nothing carries the label {}.",
            label(&manifest.id)
        ));
        return Ok(());
    }
    let mut listing = plan.shown.join("\n");
    listing.push('\n');
    ctx.ui.data(&printable(&listing))?;
    if !args.yes && !asked(plan.count())? {
        ctx.ui.confirm("Nothing removed.");
        return Ok(());
    }
    clean::remove(&plan)?;
    ctx.ui.confirm(&format!(
        "Removed {} object(s) labelled {}; your progress is kept.",
        plan.count(),
        label(&manifest.id)
    ));
    Ok(())
}

/// Asks on the terminal; without one there is nobody to answer, so --yes is needed.
fn asked(count: usize) -> Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(ToolError::NeedsYes { count }.into());
    }
    eprint!("Remove these {count}? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = stdin.lock().read_line(&mut answer);
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
