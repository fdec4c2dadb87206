//! Everything a command needs, resolved once from flags and environment before any work.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local, SubsecRound};

use crate::catalog;
use crate::cli::GlobalArgs;
use crate::domain::roadmap::Roadmap;
use crate::error::{Error, Result};
use crate::storage::Store;
use crate::ui::{Theme, Ui, color_enabled};

/// Replaces the clock everywhere; meant for tests and scripts.
pub const NOW_VAR: &str = "MLOPS_PATH_NOW";
/// Seconds a writer waits for the lock before giving up.
pub const LOCK_TIMEOUT_VAR: &str = "MLOPS_PATH_LOCK_TIMEOUT";
const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Context {
    pub store: Store,
    pub roadmap: Roadmap,
    /// The directory lab packs of a roadmap file are relative to; `None` when built in.
    pub roadmap_dir: Option<PathBuf>,
    /// The current time, at the local UTC offset.
    pub now: DateTime<FixedOffset>,
    pub ui: Ui,
}

impl Context {
    pub fn resolve(global: &GlobalArgs) -> Result<Self> {
        let setup = Setup::resolve(global)?;
        let choice = setup.roadmap_choice.as_deref();
        let roadmap = catalog::load(choice, setup.store.dir())?;
        let roadmap_dir = catalog::source_dir(choice, setup.store.dir());
        Ok(Self {
            store: setup.store,
            roadmap,
            roadmap_dir,
            now: setup.now,
            ui: setup.ui,
        })
    }
}

/// Everything but the chosen roadmap, which is still only named: the `roadmap` commands
/// manage roadmaps, so they must work when the chosen one is missing or broken.
pub struct Setup {
    pub store: Store,
    /// `--roadmap` or `MLOPS_PATH_ROADMAP`, if given.
    pub roadmap_choice: Option<String>,
    pub now: DateTime<FixedOffset>,
    pub ui: Ui,
}

impl Setup {
    pub fn resolve(global: &GlobalArgs) -> Result<Self> {
        let ui = ui(global);
        let (dir, is_default) = data_dir(global)?;
        Ok(Self {
            store: Store::new(dir, lock_timeout()?, is_default),
            roadmap_choice: global.roadmap.clone(),
            now: now()?,
            ui,
        })
    }
}

/// Output settings alone, for commands that need no data directory or roadmap.
pub fn ui(global: &GlobalArgs) -> Ui {
    Ui {
        theme: Theme {
            color: color_enabled(global.color),
        },
        quiet: global.quiet,
    }
}

/// The data directory, and whether it is the default one (which may create its parents).
fn data_dir(global: &GlobalArgs) -> Result<(PathBuf, bool)> {
    if let Some(dir) = &global.data_dir {
        let absolute = std::path::absolute(dir).map_err(|e| Error::io("cannot resolve", dir, e))?;
        return Ok((absolute, false));
    }
    directories::ProjectDirs::from("", "", "mlops-path")
        .map(|dirs| (dirs.data_dir().to_owned(), true))
        .ok_or_else(|| Error::Usage {
            what: "no data directory".into(),
            detail: "cannot find a home directory; pass --data-dir or set MLOPS_PATH_DATA_DIR"
                .into(),
        })
}

fn lock_timeout() -> Result<Duration> {
    match std::env::var(LOCK_TIMEOUT_VAR) {
        Err(_) => Ok(DEFAULT_LOCK_TIMEOUT),
        Ok(text) => text
            .trim()
            .parse::<u64>()
            .map(Duration::from_secs)
            .map_err(|_| Error::Usage {
                what: format!("{LOCK_TIMEOUT_VAR}={text:?}"),
                detail: "expected a whole number of seconds".into(),
            }),
    }
}

/// Whole seconds: events are recorded to the second.
fn now() -> Result<DateTime<FixedOffset>> {
    match std::env::var(NOW_VAR) {
        Err(_) => Ok(Local::now().fixed_offset().trunc_subsecs(0)),
        Ok(text) => DateTime::parse_from_rfc3339(&text)
            .map(|at| at.with_timezone(&Local).fixed_offset())
            .map_err(|_| Error::Usage {
                what: format!("{NOW_VAR}={text:?}"),
                detail: "expected an RFC 3339 timestamp such as 2026-03-01T09:30:00+01:00".into(),
            }),
    }
}
