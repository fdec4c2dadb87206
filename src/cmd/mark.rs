//! `done`, `start`, `skip` and `reopen`: the commands that move a step to a new status.

use crate::cli::{DoneArgs, MarkArgs, ReopenArgs, SkipArgs, WhenArgs};
use crate::config::Context;
use crate::domain::event::{Event, EventKind};
use crate::domain::focus;
use crate::domain::lookup::find_step;
use crate::domain::marking::{self, Outcome, TakesBackDone};
use crate::domain::progress::Progress;
use crate::domain::spent::{Minutes, with_spent};
use crate::error::{Error, Result};
use crate::render::{self, minute, next_line, progress_line};
use crate::ui::Theme;

use super::{event_time, refuse_blank_note, waiting_notice};

pub fn done(args: &DoneArgs, ctx: &Context) -> Result<()> {
    record_each(
        ctx,
        EventKind::Done,
        &args.steps,
        Extra {
            note: args.note.as_deref(),
            spent: args.spent.spent,
        },
        &args.when,
    )
}

pub fn start(args: &MarkArgs, ctx: &Context) -> Result<()> {
    record_each(
        ctx,
        EventKind::Start,
        &args.steps,
        Extra {
            note: args.note.as_deref(),
            spent: args.spent.spent,
        },
        &args.when,
    )
}

/// What a command records with each event besides its kind.
#[derive(Clone, Copy, Default)]
struct Extra<'a> {
    note: Option<&'a str>,
    spent: Option<Minutes>,
}

pub fn skip(args: &SkipArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let extra = Extra {
        note: args.note.as_deref(),
        spent: args.spent.spent,
    };
    let Some(section) = &args.section else {
        return record_each(ctx, EventKind::Skip, &args.steps, extra, &args.when);
    };
    if let Some(note) = &args.note {
        refuse_blank_note(note)?;
    }
    if extra.spent.is_some() {
        return Err(spent_for_several());
    }
    let number = focus::find_section(roadmap, section)?;
    let steps = focus::steps_of(roadmap, number);
    let at = event_time(&args.when, ctx)?;
    record(
        ctx,
        EventKind::Skip,
        &Batch::Unsettled(steps.collect()),
        extra,
        at,
    )
}

/// The steps one command records for.
enum Batch {
    /// Exactly these, each told about when it is already there.
    Named(Vec<usize>),
    /// Those of these not yet settled when the lock is held; the others are left alone.
    Unsettled(Vec<usize>),
}

pub fn reopen(args: &ReopenArgs, ctx: &Context) -> Result<()> {
    record_each(
        ctx,
        EventKind::Reopen,
        std::slice::from_ref(&args.step),
        Extra {
            note: args.note.as_deref(),
            spent: None,
        },
        &args.when,
    )
}

fn record_each(
    ctx: &Context,
    kind: EventKind,
    queries: &[String],
    extra: Extra,
    when: &WhenArgs,
) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    // Resolve everything before taking the lock: a typo in the third id records nothing.
    let indexes = queries
        .iter()
        .map(|query| find_step(roadmap, query))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(note) = extra.note {
        refuse_blank_note(note)?;
    }
    if extra.spent.is_some() && indexes.len() > 1 {
        return Err(spent_for_several());
    }
    let at = event_time(when, ctx)?;
    record(ctx, kind, &Batch::Named(indexes), extra, at)
}

/// A time spent belongs to one step: split over several it would be a guess.
fn spent_for_several() -> Error {
    Error::Usage {
        what: "--spent with several steps".into(),
        detail: "a time spent belongs to one step; record the steps one at a time".into(),
    }
}

fn record(
    ctx: &Context,
    kind: EventKind,
    batch: &Batch,
    extra: Extra,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let Extra { note, spent } = extra;
    let (indexes, outcomes, progress) =
        ctx.store
            .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
                let mut progress = Progress::derive(roadmap, state.events());
                let indexes: Vec<usize> = match batch {
                    Batch::Named(indexes) => indexes.clone(),
                    Batch::Unsettled(candidates) => candidates
                        .iter()
                        .copied()
                        .filter(|&index| !progress.status(index).is_settled())
                        .collect(),
                };
                let mut outcomes = Vec::with_capacity(indexes.len());
                for &index in &indexes {
                    let step = &roadmap.step_at(index).id;
                    let outcome = marking::decide(roadmap, &progress, index, kind).map_err(
                        |TakesBackDone { since }| Error::StepIsDone {
                            step: step.clone(),
                            since: since.as_ref().map(minute),
                            command: kind.as_str(),
                        },
                    )?;
                    if matches!(outcome, Outcome::Recorded { .. }) {
                        let event =
                            Event::new(at, roadmap.id(), step, kind, note.map(str::to_owned));
                        state.record(with_spent(event, spent))?;
                        progress = Progress::derive(roadmap, state.events());
                    }
                    outcomes.push(outcome);
                }
                Ok((indexes, outcomes, progress))
            })?;

    if let (Batch::Unsettled(candidates), true) = (batch, indexes.is_empty()) {
        ctx.ui.confirm(&render::mark::section_settled(
            roadmap.section_of(candidates[0]),
        ));
    }
    for (&index, outcome) in indexes.iter().zip(&outcomes) {
        let step = roadmap.step_at(index);
        match outcome {
            Outcome::Recorded { unmet } => {
                if !unmet.is_empty() {
                    ctx.ui.warn(&render::mark::unmet(step, unmet));
                }
                ctx.ui.confirm(&render::mark::recorded(kind, step));
            }
            Outcome::Already { since } => {
                let status = progress.status(index);
                ctx.ui
                    .confirm(&render::mark::already(step, status, since.as_ref()));
                let spent = spent.map(Minutes::get);
                if let Some(lost) =
                    render::mark::lost_extra(step, note.is_some(), spent, &ctx.invocation)
                {
                    ctx.ui.warn(&lost);
                }
            }
        }
    }
    let totals = progress.totals();
    ctx.ui.confirm(&progress_line(&totals));
    let next = progress.next(roadmap, 1).first().copied();
    if let Some(line) = next_line(roadmap, &totals, next, Theme::PLAIN) {
        ctx.ui.confirm(&line);
    }
    Ok(())
}
