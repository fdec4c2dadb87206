//! `sync`, `sync init`, `sync status`: wiring between the clone, the state and the output.

use std::path::Path;

use crate::cli::{SyncArgs, SyncCommand};
use crate::config::Context;
use crate::error::{Error, Result};
use crate::render;
use crate::sync::{self, SyncError};

use super::waiting_notice;

pub fn run(args: &SyncArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let notice = |lock: &Path| waiting_notice(&ctx.ui, &ctx.store)(lock);
    match &args.command {
        Some(SyncCommand::Init(init)) => {
            let report = sync::init(&ctx.store, &init.remote, roadmap, ctx.now, notice)?;
            ctx.ui.confirm(&format!(
                "Sync set up with {}.",
                ctx.store.sync_dir().display()
            ));
            ctx.ui.confirm(&render::sync::report(&report));
            Ok(())
        }
        Some(SyncCommand::Status(output)) => {
            let status = sync::status(&ctx.store)?;
            if output.json {
                ctx.ui.json(&status)
            } else {
                ctx.ui.data(&render::sync::status(&status))
            }
        }
        None => match sync::sync(&ctx.store, roadmap, ctx.now, notice) {
            Ok(report) => {
                ctx.ui.confirm(&render::sync::report(&report));
                Ok(())
            }
            Err(Error::Sync(offline @ SyncError::Offline { .. })) if args.best_effort => {
                ctx.ui.warn(&offline.to_string());
                Ok(())
            }
            Err(other) => Err(other),
        },
    }
}
