//! `export`: progress as JSON, CSV or a Markdown checklist, to stdout or atomically to a file.

use std::path::Path;

use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Context;
use crate::domain::progress::Progress;
use crate::error::{Error, Result};
use crate::render;
use crate::storage::{self, replace_atomically};

pub fn run(args: &ExportArgs, ctx: &Context) -> Result<()> {
    let output = args
        .output
        .as_deref()
        .filter(|path| *path != Path::new("-"));
    if let Some(path) = output {
        refuse_the_state_file(path, ctx)?;
    }
    let state = ctx.store.read()?;
    let progress = Progress::derive(&ctx.roadmap, state.events());
    let text = match args.format {
        ExportFormat::Json => {
            let export = render::export::json(
                &ctx.roadmap,
                &progress,
                state.events(),
                state.records(),
                storage::FORMAT,
                ctx.now,
            );
            let mut text =
                serde_json::to_string_pretty(&export).expect("export values always serialize");
            text.push('\n');
            text
        }
        ExportFormat::Csv => render::export::csv(&ctx.roadmap, &progress, state.events()),
        ExportFormat::Md => {
            render::checklist::markdown(&ctx.roadmap, &progress, state.events(), ctx.now)
        }
    };
    let Some(path) = output else {
        return ctx.ui.data(&text);
    };
    replace_atomically(path, text.as_bytes())?;
    ctx.ui.confirm(&format!(
        "Exported {} steps and {} events to {}.",
        ctx.roadmap.step_count(),
        state.events().len(),
        path.display()
    ));
    Ok(())
}

/// `-o` naming `state.json` would replace the history with its own export.
fn refuse_the_state_file(path: &Path, ctx: &Context) -> Result<()> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(path, &ctx.store.state_path()) {
        return Err(Error::Usage {
            what: format!("--output {}", path.display()),
            detail: "that is the state file itself; export to another file".into(),
        });
    }
    Ok(())
}
