//! `export`: progress as JSON, CSV or a Markdown checklist, to stdout or atomically to a file.

use std::path::Path;

use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Context;
use crate::domain::progress::Progress;
use crate::error::Result;
use crate::render;
use crate::storage;

pub fn run(args: &ExportArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let output = args
        .output
        .as_deref()
        .filter(|path| *path != Path::new("-"));
    let state = ctx.history()?;
    let progress = Progress::derive(roadmap, state.events());
    let text = match args.format {
        ExportFormat::Json => {
            let records = state.records();
            let export = render::export::json(
                roadmap,
                &progress,
                state.events(),
                &records,
                storage::FORMAT,
                ctx.now,
            );
            let mut text =
                serde_json::to_string_pretty(&export).expect("export values always serialize");
            text.push('\n');
            text
        }
        ExportFormat::Csv => render::export::csv(roadmap, &progress, state.events()),
        // Markdown is text for people too: no escape sequence reaches a terminal through it.
        ExportFormat::Md => render::visible_lines(&render::checklist::markdown(
            roadmap,
            &progress,
            state.events(),
            ctx.now,
        ))
        .into_owned(),
    };
    let Some(path) = output else {
        return ctx.ui.data(&text);
    };
    ctx.store.write_output(path, text.as_bytes())?;
    ctx.ui.confirm(&format!(
        "Exported {} steps and {} events to {}.",
        roadmap.step_count(),
        state.events().len(),
        path.display()
    ));
    Ok(())
}
