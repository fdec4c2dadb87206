//! `check [STEP]`: runs a lab's checks; a pass records the step done, with evidence.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use crate::cli::{CheckArgs, LabArgs};
use crate::config::{self, Context};
use crate::domain::event::{Event, EventKind};
use crate::domain::evidence::{is_verified, with_evidence};
use crate::domain::lookup::find_step;
use crate::domain::progress::Progress;
use crate::error::{Error, Result};
use crate::lab::kube;
use crate::lab::pack::Pack;
use crate::lab::run::{self, Status};
use crate::lab::tool::ToolError;
use crate::lab::watch;
use crate::lab::workdir::read_marker;
use crate::render::lab::{CheckJson, check_text};
use crate::render::show::history;
use crate::render::visible;

use super::waiting_notice;

/// The lab a command is about: the step's index, its pack and the learner's directory.
pub struct Lab {
    pub index: usize,
    pub pack: Pack,
    pub dir: PathBuf,
}

/// STEP, or the marker of the directory (`--dir` or the current one).
pub fn resolve(ctx: &Context, args: &LabArgs) -> Result<Lab> {
    let roadmap = ctx.roadmap()?;
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let index = if let Some(step) = &args.step {
        find_step(roadmap, step)?
    } else {
        {
            let marker =
                read_marker(&dir)?.ok_or_else(|| Error::NotALabDir { dir: dir.clone() })?;
            if marker.roadmap != roadmap.id() {
                return Err(Error::Usage {
                    what: format!("this lab belongs to the roadmap {:?}", marker.roadmap),
                    detail: format!("pass --roadmap {} to check it", marker.roadmap),
                });
            }
            find_step(roadmap, &marker.step)?
        }
    };
    Ok(Lab {
        index,
        pack: pack_of(ctx, index)?,
        dir,
    })
}

/// The pack of step `index`: built in for a built-in roadmap, else beside the roadmap file.
pub fn pack_of(ctx: &Context, index: usize) -> Result<Pack> {
    let roadmap = ctx.roadmap()?;
    let step = roadmap.step_at(index);
    let no_pack = || Error::NoLabPack {
        step: step.id.clone(),
    };
    let name = step.lab.as_deref().ok_or_else(no_pack)?;
    match &ctx.followed()?.dir {
        None => Pack::built_in(name).ok_or_else(no_pack)?,
        Some(base) => {
            let dir = base.join(name);
            if !dir.is_dir() {
                return Err(no_pack());
            }
            let mut pack = Pack::from_dir(name, &dir)?;
            pack.trusted = ctx.followed()?.packs_trusted;
            Ok(pack)
        }
    }
}

pub fn run(args: &CheckArgs, ctx: &Context) -> Result<()> {
    let lab = resolve(ctx, &args.lab)?;
    refuse_untrusted(&lab.pack, args.trust)?;
    if args.watch {
        return watch_until_pass(args, ctx, &lab);
    }
    check_once(args, ctx, &lab, ctx.now)
}

/// `--watch`: a failing or unrunnable check waits for the next change of the lab's files;
/// a pass (recorded at the time it happens) ends it, as does any other error.
fn watch_until_pass(args: &CheckArgs, ctx: &Context, lab: &Lab) -> Result<()> {
    loop {
        match check_once(args, ctx, lab, config::now()?) {
            Err(error @ (Error::LabFailed { .. } | Error::CouldNotCheck { .. })) => {
                ctx.ui.warn(&error.to_string());
            }
            outcome => return outcome,
        }
        ctx.ui.confirm(&format!(
            "Watching {} for changes; Ctrl-C to stop.",
            visible(&lab.dir.display().to_string())
        ));
        let before = watch::snapshot(&lab.dir);
        watch::wait_for_change(&lab.dir, &before);
        ctx.ui.confirm("Files changed: checking again.");
    }
}

fn check_once(
    args: &CheckArgs,
    ctx: &Context,
    lab: &Lab,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let context = kube_context(ctx, &lab.pack, args.kube.kube_context.as_deref())?;
    let outcomes = run::run_all(&lab.pack, &lab.dir, context.as_deref())?;
    let verdict = run::verdict(&outcomes);
    let step = roadmap.step_at(lab.index);
    if args.output.json {
        ctx.ui.json(&CheckJson {
            lab: &lab.pack.name,
            step: &step.id,
            status: verdict,
            checks: &outcomes,
        })?;
    } else {
        ctx.ui
            .data(&check_text(&outcomes, lab.pack.hints().len()))?;
    }
    let required = outcomes.iter().filter(|o| o.required);
    match verdict {
        Status::Pass => {
            let passed: Vec<&str> = outcomes
                .iter()
                .filter(|o| o.status == Status::Pass)
                .map(|o| o.id.as_str())
                .collect();
            record_pass(ctx, lab, &passed, now)
        }
        Status::Fail => Err(Error::LabFailed {
            failed: required
                .clone()
                .filter(|o| o.status == Status::Fail)
                .count(),
            total: required.count(),
        }),
        Status::Error => Err(Error::CouldNotCheck {
            count: required.filter(|o| o.status == Status::Error).count(),
        }),
        Status::Skip => {
            let skipped: Vec<_> = required.filter(|o| o.status == Status::Skip).collect();
            Err(ToolError::Skipped {
                count: skipped.len(),
                reason: skipped[0].message.clone(),
            }
            .into())
        }
    }
}

/// The context kube checks use: one the user named, or the manifest's if it is a local
/// cluster. Anything else is refused before a check runs.
pub fn kube_context(ctx: &Context, pack: &Pack, named: Option<&str>) -> Result<Option<String>> {
    let Some(conf) = &pack.manifest.kube else {
        return Ok(None);
    };
    let context =
        kube::choose_context(conf, named).map_err(|context| ToolError::ContextRefused {
            lab: pack.name.clone(),
            context,
        })?;
    if !kube::is_local(&context) {
        ctx.ui.warn(&format!(
            "using the kubectl context {context:?}, which you named; it is not a local cluster"
        ));
    }
    Ok(Some(context))
}

/// A pack that is not built in runs no program until the user trusts it; nothing runs.
pub fn refuse_untrusted(pack: &Pack, trust: bool) -> Result<()> {
    let count = pack
        .manifest
        .checks
        .iter()
        .filter(|c| c.spec.runs_code())
        .count();
    if pack.trusted || trust || count == 0 {
        return Ok(());
    }
    Err(Error::UntrustedChecks {
        lab: pack.name.clone(),
        origin: pack.origin(),
        count,
    })
}

/// Records `done` with evidence, unless the step is already done and verified.
fn record_pass(
    ctx: &Context,
    lab: &Lab,
    passed: &[&str],
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let step = roadmap.step_at(lab.index);
    let recorded = ctx
        .store
        .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
            if is_verified(history(roadmap, state.events(), lab.index)) {
                return Ok(false);
            }
            let done = Event::new(now, roadmap.id(), &step.id, EventKind::Done, None);
            state.record(with_evidence(done, &lab.pack.name, passed))?;
            Ok(true)
        })?;
    if recorded {
        let progress = Progress::derive(roadmap, ctx.store.read()?.events());
        ctx.ui.confirm(&format!(
            "All checks pass. Done, verified: {}  {}",
            step.id, step.title
        ));
        ctx.ui
            .confirm(&crate::render::progress_line(&progress.totals()));
    } else {
        ctx.ui.confirm(&format!(
            "All checks pass; {} is already done and verified, nothing recorded.",
            step.id
        ));
    }
    Ok(())
}
