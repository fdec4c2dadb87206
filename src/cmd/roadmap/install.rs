//! `roadmap install FILE [--trust-checks]`: the roadmap, its lab packs, and the user's trust
//! in their checks, copied into the data directory together.

use std::fmt::Write as _;
use std::path::Path;

use super::super::waiting_notice;
use crate::catalog::{self, Companions, Installed};
use crate::cli::InstallArgs;
use crate::config::Context;
use crate::domain::roadmap::RoadmapFile;
use crate::domain::roadmap_json::read_roadmap;
use crate::error::Result;
use crate::input;
use crate::lab::manifest::Spec;
use crate::lab::pack::Pack;
use crate::render::visible;

pub fn install(args: &InstallArgs, ctx: &Context) -> Result<()> {
    // The bytes validated are the bytes installed: text that is not UTF-8 is refused as
    // `validate` refuses it, never checked as a lossy copy.
    let text = input::read_capped_text(
        &args.file,
        input::MAX_ROADMAP_BYTES,
        "cannot read the roadmap",
    )?;
    let file = read_roadmap(&text).map_err(|problems| catalog::invalid(&args.file, &problems))?;
    catalog::check_install(&ctx.store, &file, args.force)?;
    let base = args.file.parent().unwrap_or(Path::new(""));
    let packs = packs_beside(&file, base, ctx)?;
    let mut companions = Companions::default();
    let runs = programs_run(&packs);
    if args.trust_checks {
        ctx.ui.confirm(&trust_notice(&runs));
        companions.trust = Some(runs.join("\n").into_bytes());
    }
    for (path, pack) in &packs {
        for (relative, bytes) in &pack.files {
            companions
                .packs
                .insert(format!("{path}/{relative}"), bytes.clone());
        }
    }
    let outcome = catalog::install(
        &ctx.store,
        &file,
        text.as_bytes(),
        &companions,
        args.force,
        waiting_notice(&ctx.ui, &ctx.store),
    )?;
    confirm_install(ctx, &file, &outcome);
    if !packs.is_empty() {
        let trusted = if args.trust_checks {
            "their checks are trusted"
        } else if runs.is_empty() {
            "their checks run no programs"
        } else {
            "checks that run programs wait for --trust-checks or check --trust"
        };
        ctx.ui
            .confirm(&format!("With {} lab pack(s); {trusted}.", packs.len()));
    }
    Ok(())
}

/// The packs the roadmap's lab steps name, read (and validated) from beside the file. A
/// step whose pack is not there stays valid, and can only be self-reported.
fn packs_beside<'f>(
    file: &'f RoadmapFile,
    base: &Path,
    ctx: &Context,
) -> Result<Vec<(&'f str, Pack)>> {
    let mut packs = Vec::new();
    for step in file.sections.iter().flat_map(|s| &s.steps) {
        let Some(path) = step.lab.as_deref() else {
            continue;
        };
        let dir = base.join(path);
        if !dir.is_dir() {
            ctx.ui.warn(&format!(
                "{} names the lab pack {}, which is not beside the roadmap file; the step can only be self-reported",
                visible(&step.id),
                visible(path)
            ));
            continue;
        }
        packs.push((path, Pack::from_dir(path, &dir)?));
    }
    Ok(packs)
}

/// One line per check that runs a program: what the user trusts.
fn programs_run(packs: &[(&str, Pack)]) -> Vec<String> {
    let mut lines = Vec::new();
    for (path, pack) in packs {
        for check in &pack.manifest.checks {
            let program = match &check.spec {
                Spec::Command { argv, .. } => argv.join(" "),
                Spec::Python { script, args, .. } => format!("python {script} {}", args.join(" "))
                    .trim_end()
                    .to_owned(),
                _ => continue,
            };
            lines.push(format!("{path}: check {}: {program}", check.id));
        }
    }
    lines
}

fn trust_notice(runs: &[String]) -> String {
    if runs.is_empty() {
        return "Trusting the packs' checks; none of them runs a program.".into();
    }
    let mut notice = format!(
        "Trusting the packs' checks; these {} run programs on your machine:",
        runs.len()
    );
    for line in runs {
        let _ = write!(notice, "\n  {}", visible(line));
    }
    notice
}

pub(super) fn confirm_install(ctx: &Context, file: &RoadmapFile, outcome: &Installed) {
    let steps: usize = file.sections.iter().map(|s| s.steps.len()).sum();
    let (verb, path) = match outcome {
        Installed::New(path) => ("Installed", path),
        Installed::Replaced(path) => ("Replaced", path),
        Installed::Unchanged(path) => ("Already installed, unchanged:", path),
    };
    ctx.ui.confirm(&format!(
        "{verb} {} ({}, {steps} steps) at {}",
        file.id,
        visible(&file.title),
        path.display()
    ));
    if !matches!(outcome, Installed::Unchanged(_)) {
        ctx.ui.confirm(&format!(
            "Follow it with: {} --roadmap {} next",
            ctx.invocation.without_roadmap(),
            file.id
        ));
    }
}
