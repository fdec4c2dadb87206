//! `doctor`: check the data directory and, with `--restore-backup`, restore the backup.

use crate::cli::DoctorArgs;
use crate::config::Context;
use crate::domain::progress::Progress;
use crate::domain::roadmap::Roadmap;
use crate::error::{Error, Result};
use crate::render;
use crate::storage::doctor::{Check, Level, history_checks};

use super::waiting_notice;

/// A roadmap that fails to load is one more finding, not a reason the check cannot run.
pub fn run(args: &DoctorArgs, ctx: &Context) -> Result<()> {
    let restored = if args.restore_backup {
        let stamp = ctx.now.format("%Y%m%dT%H%M%S").to_string();
        let restored = ctx
            .store
            .restore_backup(waiting_notice(&ctx.ui, &ctx.store), &stamp)?;
        ctx.ui.confirm(&render::doctor::restored_line(&restored));
        Some(restored)
    } else {
        None
    };

    let examination = ctx.store.examine();
    let mut checks = examination.checks;
    checks.extend(crate::sync::doctor_checks(&ctx.store));
    // Storage words its fixes for the default directory; a pasted fix must act on this one.
    let mlops = format!("`{} ", ctx.invocation);
    for fix in checks.iter_mut().filter_map(|check| check.fix.as_mut()) {
        *fix = fix.replace("`mlops-path ", &mlops);
    }
    if let Some(state) = &examination.state {
        checks.extend(history_checks(state, ctx.now));
        checks.push(match ctx.roadmap() {
            Ok(roadmap) => steps_check(roadmap, &Progress::derive(roadmap, state.events())),
            Err(error) => Check::problem(
                "roadmap",
                error.to_string(),
                error
                    .hint(&ctx.invocation)
                    .unwrap_or_else(|| "choose another with --roadmap, or fix the file".into()),
            ),
        });
    }
    if args.output.json {
        ctx.ui
            .json(&render::doctor::json(&checks, restored.as_ref()))?;
    } else {
        ctx.ui.data(&render::doctor::text(&checks, ctx.ui.theme))?;
    }
    match render::doctor::count(&checks, Level::Problem) {
        0 => Ok(()),
        problems => Err(Error::Unhealthy {
            dir: ctx.store.dir().to_owned(),
            problems,
        }),
    }
}

/// Events whose step the current roadmap no longer has: kept, but counted nowhere.
fn steps_check(roadmap: &Roadmap, progress: &Progress) -> Check {
    let subject = "steps";
    let roadmap = roadmap.id();
    let unknown = progress.unknown_steps();
    if unknown.is_empty() {
        return Check::ok(
            subject,
            format!("every event of roadmap {roadmap} refers to one of its steps"),
        );
    }
    let listed: Vec<String> = unknown
        .iter()
        .map(|u| format!("\"{}\" ({} events)", render::visible(&u.id), u.events))
        .collect();
    Check::warning(
        subject,
        format!(
            "events of roadmap {roadmap} refer to steps it does not have: {}",
            listed.join(", ")
        ),
        "they are kept and shown by `status`; a roadmap maps old ids to new steps with `replaces`",
    )
}
