//! `next`: what to learn now, optionally within a time budget or in one section.

use crate::cli::NextArgs;
use crate::config::Context;
use crate::domain::budget;
use crate::domain::focus;
use crate::domain::progress::Progress;
use crate::domain::ratio::Ratio;
use crate::error::Result;
use crate::render;
use crate::render::next::FocusJson;

/// Steps shown when neither `-n` nor `--minutes` says otherwise.
const DEFAULT_COUNT: usize = 3;

pub fn run(args: &NextArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let section = args
        .section
        .as_deref()
        .map(|query| focus::find_section(roadmap, query))
        .transpose()?;
    let state = ctx.history()?;
    let progress = Progress::derive(roadmap, state.events());
    let range = section.map(|number| focus::steps_of(roadmap, number));
    let candidates: Vec<usize> = progress
        .next(roadmap, usize::MAX)
        .into_iter()
        .filter(|index| range.as_ref().is_none_or(|range| range.contains(index)))
        .collect();
    let plan = args.minutes.map(|minutes| {
        let ratio = Ratio::of_history(roadmap, &progress, state.events(), ctx.now.date_naive());
        budget::fit(
            roadmap,
            &candidates,
            minutes,
            args.count.unwrap_or(usize::MAX),
            ratio,
        )
    });
    let picks = match &plan {
        Some(plan) => plan.picks.clone(),
        None => candidates
            .iter()
            .copied()
            .take(args.count.unwrap_or(DEFAULT_COUNT))
            .collect(),
    };
    // A section with nothing ready says what it waits for, rather than "nothing is ready".
    let waits = match (section, &range) {
        (Some(_), Some(range)) if picks.is_empty() => {
            Some(focus::waiting_for(roadmap, &progress, range.clone()))
        }
        (Some(_), _) => Some(Vec::new()),
        _ => None,
    };
    if args.output.json {
        let mut json = render::next::json(roadmap, &progress, &picks, plan.as_ref());
        json.focus = section
            .zip(waits.as_ref())
            .map(|(number, waits)| FocusJson {
                section: &roadmap.sections()[number].id,
                waiting_for: waits
                    .iter()
                    .map(|&i| roadmap.step_at(i).id.as_str())
                    .collect(),
            });
        return ctx.ui.json(&json);
    }
    if let (Some(number), Some(waits), true) = (section, &waits, picks.is_empty()) {
        return ctx.ui.page(&render::next::idle_section_text(
            roadmap,
            number,
            waits,
            ctx.ui.theme,
        ));
    }
    ctx.ui.page(&render::next::text(
        roadmap,
        &progress,
        &picks,
        plan.as_ref(),
        ctx.ui.theme,
        &ctx.invocation,
    ))
}
