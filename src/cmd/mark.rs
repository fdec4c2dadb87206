//! `done`, `start`, `skip` and `reopen`: the commands that move a step to a new status.

use crate::cli::{DoneArgs, MarkArgs, ReopenArgs, SkipArgs, WhenArgs};
use crate::config::Context;
use crate::domain::event::{Event, EventKind};
use crate::domain::focus;
use crate::domain::lookup::find_step;
use crate::domain::progress::{Progress, StepProgress, StepStatus};
use crate::domain::roadmap::Step;
use crate::domain::spent::{Minutes, with_spent};
use crate::error::{Error, Result};
use crate::render::{minute, next_line, past_tense, progress_line, status_words, visible};
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

/// What happened to one step.
enum Outcome {
    Recorded { unmet: Vec<String> },
    Already { since: Option<String> },
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

/// What of a note and a time spent a command that recorded nothing did not keep.
fn lost_extra(note: Option<&str>, spent: Option<Minutes>) -> Option<&'static str> {
    match (note, spent) {
        (Some(_), None) => Some("the note was not kept; add it"),
        (None, Some(_)) => Some("the time spent was not kept; add it"),
        (Some(_), Some(_)) => Some("the note and time spent were not kept; add them"),
        (None, None) => None,
    }
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
                    let current = progress.step(index);
                    refuse_taking_back(roadmap.step_at(index), current, kind)?;
                    if current.status.already(kind) {
                        outcomes.push(Outcome::Already {
                            since: current.since.as_ref().map(minute),
                        });
                        continue;
                    }
                    let unmet = if kind == EventKind::Reopen {
                        Vec::new()
                    } else {
                        progress
                            .unmet_requires(roadmap, index)
                            .into_iter()
                            .map(str::to_owned)
                            .collect()
                    };
                    let step = &roadmap.step_at(index).id;
                    let event = Event::new(at, roadmap.id(), step, kind, note.map(str::to_owned));
                    state.record(with_spent(event, spent))?;
                    progress = Progress::derive(roadmap, state.events());
                    outcomes.push(Outcome::Recorded { unmet });
                }
                Ok((indexes, outcomes, progress))
            })?;

    if let (Batch::Unsettled(candidates), true) = (batch, indexes.is_empty()) {
        let section = roadmap.section_of(candidates[0]);
        ctx.ui.confirm(&format!(
            "Every step of {} ({}) is already done or skipped; nothing recorded.",
            section.id, section.title
        ));
    }

    for (&index, outcome) in indexes.iter().zip(&outcomes) {
        let step = roadmap.step_at(index);
        match outcome {
            Outcome::Recorded { unmet } => {
                if !unmet.is_empty() {
                    ctx.ui.warn(&format!(
                        "{} requires {}, not yet done or skipped",
                        step.id,
                        unmet.join(", ")
                    ));
                }
                ctx.ui.confirm(&format!(
                    "{}: {}  {}",
                    past_tense(kind),
                    step.id,
                    visible(&step.title)
                ));
            }
            Outcome::Already { since } => {
                let status = status_words(progress.status(index));
                let when = since
                    .as_deref()
                    .map(|s| format!(" since {s}"))
                    .unwrap_or_default();
                ctx.ui.confirm(&format!(
                    "{} is already {status}{when}; nothing recorded.",
                    step.id
                ));
                let lost = lost_extra(note, spent);
                if let Some(lost) = lost {
                    let spent = spent
                        .map(|m| format!(" --spent {}", m.get()))
                        .unwrap_or_default();
                    ctx.ui.warn(&format!(
                        "{lost} with: {} note {} \"...\"{spent}",
                        ctx.invocation, step.id
                    ));
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

/// `start` or `skip` would silently take back a finished step: refuse, saying since when.
fn refuse_taking_back(step: &Step, current: &StepProgress, kind: EventKind) -> Result<()> {
    if current.status == StepStatus::Done && matches!(kind, EventKind::Start | EventKind::Skip) {
        return Err(Error::StepIsDone {
            step: step.id.clone(),
            since: current.since.as_ref().map(minute),
            command: kind.as_str(),
        });
    }
    Ok(())
}
