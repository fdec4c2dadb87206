//! `lab list|start|hint|solution|reset|validate`: the checked labs around `check`.

use std::fmt::Write;
use std::path::PathBuf;

use crate::cli::{JsonArgs, LabArgs, LabCommand, LabValidateArgs, SolutionArgs, StartArgs};
use crate::config::Context;
use crate::domain::event::{Event, EventKind};
use crate::domain::evidence::is_verified;
use crate::domain::lookup::find_step;
use crate::domain::progress::{Progress, StepStatus};
use crate::domain::roadmap::StepKind;
use crate::error::{Error, Result};
use crate::lab::pack::Pack;
use crate::lab::workdir::{self, Marker};
use crate::render::lab::{LabRow, list_text, printable};
use crate::render::show::history;
use crate::render::status_words;

use super::check::{Lab, pack_of, resolve};
use super::waiting_notice;

/// Notes that record a hint shown start with this, so the next hint is the one after.
const HINT_NOTE: &str = "lab hint ";

pub fn run(command: LabCommand, ctx: &Context) -> Result<()> {
    match command {
        LabCommand::List(args) => list(&args, ctx),
        LabCommand::Start(args) => start(&args, ctx),
        LabCommand::Hint(args) => hint(&args, ctx),
        LabCommand::Solution(args) => solution(&args, ctx),
        LabCommand::Reset(args) => reset(&args, ctx),
        LabCommand::Clean(args) => super::lab_clean::run(&args, ctx),
        LabCommand::Validate(args) => validate(&args, ctx),
    }
}

fn list(args: &JsonArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let state = ctx.store.read()?;
    let progress = Progress::derive(roadmap, state.events());
    let packs: Vec<(usize, Pack)> = roadmap
        .steps()
        .filter(|(_, step)| step.kind == StepKind::Lab && step.lab.is_some())
        .map(|(index, _)| pack_of(ctx, index).map(|pack| (index, pack)))
        .collect::<Result<_>>()?;
    let rows: Vec<LabRow> = packs
        .iter()
        .map(|(index, pack)| {
            let step = roadmap.step_at(*index);
            LabRow {
                step: &step.id,
                title: &step.title,
                level: pack.manifest.level,
                tier: pack.manifest.tier,
                status: status_words(progress.status(*index)),
                verified: is_verified(history(roadmap, state.events(), *index)),
                needs: &pack.manifest.needs,
            }
        })
        .collect();
    if args.json {
        ctx.ui.json(&serde_json::json!({ "labs": rows }))
    } else {
        ctx.ui.data(&list_text(&rows))
    }
}

fn start(args: &StartArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let index = find_step(roadmap, &args.step)?;
    let pack = pack_of(ctx, index)?;
    let step = roadmap.step_at(index);
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from(&step.id));
    let marker = Marker {
        roadmap: roadmap.id().to_owned(),
        step: step.id.clone(),
        lab: pack.name.clone(),
    };
    let report = workdir::start(&pack, &marker, &dir, args.force)?;
    for kept in &report.kept {
        ctx.ui
            .warn(&format!("kept your {kept}, which differs from the starter"));
    }
    let started = ctx
        .store
        .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
            let progress = Progress::derive(roadmap, state.events());
            if progress.status(index) != StepStatus::Pending {
                return Ok(false);
            }
            state.record(Event::new(
                ctx.now,
                roadmap.id(),
                &step.id,
                EventKind::Start,
                None,
            ))?;
            Ok(true)
        })?;
    ctx.ui
        .data(&printable(&String::from_utf8_lossy(pack.brief())))?;
    ctx.ui.confirm(&format!(
        "Wrote {} starter file(s) into {}{}. Next: cd {} and, when ready, mlops-path check",
        report.written.len(),
        dir.display(),
        if started { "; recorded the start" } else { "" },
        dir.display()
    ));
    Ok(())
}

fn hint(args: &LabArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let Lab { index, pack, .. } = resolve(ctx, args)?;
    let hints = pack.hints();
    let step = &roadmap.step_at(index).id;
    let state = ctx.store.read()?;
    let shown = history(roadmap, state.events(), index)
        .iter()
        .filter(|e| {
            e.kind == EventKind::Note && e.note.as_deref().is_some_and(|n| n.starts_with(HINT_NOTE))
        })
        .count();
    let Some(text) = hints.get(shown).or(hints.last()) else {
        return Err(Error::Usage {
            what: format!("{step} has no hints"),
            detail: "its brief is all there is: `mlops-path lab start` prints it".into(),
        });
    };
    if shown < hints.len() {
        let note = format!("{HINT_NOTE}{} of {} shown", shown + 1, hints.len());
        record_note(ctx, step, note)?;
        ctx.ui.confirm(&format!(
            "Hint {} of {} (recorded as a note):",
            shown + 1,
            hints.len()
        ));
    } else {
        ctx.ui.confirm(&format!(
            "All {} hints shown; the last one again:",
            hints.len()
        ));
    }
    ctx.ui.data(&printable(&String::from_utf8_lossy(text)))
}

fn solution(args: &SolutionArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let Lab { index, pack, .. } = resolve(ctx, &args.lab)?;
    let step = &roadmap.step_at(index).id;
    let passed = is_verified(history(roadmap, ctx.store.read()?.events(), index));
    if !passed && !args.reveal {
        return Err(Error::Usage {
            what: format!("{step} has not passed its checks yet, so its solution stays hidden"),
            detail:
                "run `mlops-path check`; to look now, pass --reveal, which is recorded as a note"
                    .into(),
        });
    }
    if !passed {
        record_note(ctx, step, "lab solution revealed before a pass".to_owned())?;
        ctx.ui
            .confirm("Revealed before a pass; recorded as a note.");
    }
    let mut out = String::new();
    for (path, bytes) in pack.under("solution") {
        let _ = write!(out, "==> {path} <==\n{}\n", String::from_utf8_lossy(bytes));
    }
    ctx.ui.data(&printable(&out))
}

fn reset(args: &LabArgs, ctx: &Context) -> Result<()> {
    let lab = resolve(ctx, args)?;
    let stamp = ctx.now.format("%Y%m%dT%H%M%S").to_string();
    let report = workdir::reset(&lab.pack, &lab.dir, &stamp)?;
    if let Some(backup) = &report.backup {
        ctx.ui.confirm(&format!(
            "Moved {} changed file(s) aside to {}: {}",
            report.moved.len(),
            backup.display(),
            report.moved.join(", ")
        ));
    }
    ctx.ui.confirm(&format!(
        "Restored {} starter file(s) in {}.",
        report.written.len(),
        lab.dir.display()
    ));
    Ok(())
}

fn validate(args: &LabValidateArgs, ctx: &Context) -> Result<()> {
    let name = args
        .dir
        .file_name()
        .map_or_else(|| "lab".into(), |n| n.to_string_lossy().into_owned());
    let pack = Pack::from_dir(&name, &args.dir)?;
    let mut problems = Vec::new();
    if pack.brief().is_empty() {
        problems.push("README.md, the brief, is missing or empty".to_owned());
    }
    for part in ["starter", "solution"] {
        if pack.under(part).next().is_none() {
            problems.push(format!("{part}/ has no files"));
        }
    }
    if !problems.is_empty() {
        return Err(Error::InvalidLab {
            path: args.dir.join("lab.json"),
            problems,
        });
    }
    let mut out = format!(
        "{}: valid, {} check(s), {} hint(s)\n",
        printable(&pack.manifest.id),
        pack.manifest.checks.len(),
        pack.hints().len()
    );
    for check in &pack.manifest.checks {
        let _ = writeln!(
            out,
            "  {:<8} {}  {}",
            check.spec.type_name(),
            printable(&check.id),
            printable(&check.title)
        );
        if let crate::lab::manifest::Spec::Command { argv, .. } = &check.spec {
            let _ = writeln!(out, "           runs {}", printable(&format!("{argv:?}")));
        }
        if let Some(uses) = crate::lab::tool::describe(&check.spec) {
            let _ = writeln!(out, "           uses {}", printable(&uses));
        }
    }
    ctx.ui.data(&out)
}

/// Records `note` on `step`: a hint seen or a solution revealed stays in the learner's log.
fn record_note(ctx: &Context, step: &str, note: String) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    ctx.store
        .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
            state.record(Event::new(
                ctx.now,
                roadmap.id(),
                step,
                EventKind::Note,
                Some(note),
            ))
        })
}
