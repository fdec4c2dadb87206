//! Everything a command needs, resolved once from flags and environment before any work.

use std::cell::OnceCell;
use std::ffi::OsStr;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local, SubsecRound};

use crate::catalog;
use crate::cli::GlobalArgs;
use crate::domain::roadmap::Roadmap;
use crate::domain::text::shell_word;
use crate::domain::when::storable;
use crate::error::{Error, Result};
use crate::storage::{State, Store};
use crate::ui::{Theme, Ui, color_enabled};

/// Replaces the clock everywhere; meant for tests and scripts.
pub const NOW_VAR: &str = "MLOPS_PATH_NOW";
/// The data directory's variable; clap reads it as `--data-dir`.
pub const DATA_DIR_VAR: &str = "MLOPS_PATH_DATA_DIR";

/// Checked before parsing: clap reports an empty variable as a missing `--data-dir` value,
/// which names a flag the user never typed.
pub fn check_variables() -> Result<()> {
    if std::env::var_os(DATA_DIR_VAR).is_some_and(|v| v.is_empty()) {
        return Err(Error::Usage {
            what: format!("{DATA_DIR_VAR} is set but empty"),
            detail: "unset it to use the default directory, or give a directory".into(),
        });
    }
    Ok(())
}

/// Seconds a writer waits for the lock before giving up.
pub const LOCK_TIMEOUT_VAR: &str = "MLOPS_PATH_LOCK_TIMEOUT";
const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// Everything a command needs, resolved once. The roadmap is loaded on first use: the
/// `roadmap` commands and `doctor` must work when the chosen one is missing or broken.
pub struct Context {
    pub store: Store,
    /// `--roadmap` or `MLOPS_PATH_ROADMAP`, if given.
    pub roadmap_choice: Option<String>,
    /// The current time, at the local UTC offset.
    pub now: DateTime<FixedOffset>,
    pub ui: Ui,
    /// How to call this program again with the same data directory and roadmap, for hints.
    pub invocation: Invocation,
    followed: OnceCell<Followed>,
    history: OnceCell<State>,
}

/// The roadmap a command follows, with what its lab packs need to know.
pub struct Followed {
    pub roadmap: Roadmap,
    /// The directory lab packs of a roadmap file are relative to; `None` when built in.
    pub dir: Option<PathBuf>,
    /// The roadmap is installed and the user trusted its packs' checks at install.
    pub packs_trusted: bool,
}

impl Context {
    pub fn resolve(global: &GlobalArgs) -> Result<Self> {
        let ui = ui(global);
        let dir = data_dir(global)?;
        // Once per run: the clock would otherwise fall back without a word.
        if let Some(warning) = tz_warning() {
            ui.warn(&warning);
        }
        Ok(Self {
            store: Store::new(dir, lock_timeout()?),
            roadmap_choice: global.roadmap.clone(),
            now: now()?,
            ui,
            invocation: Invocation::of(global),
            followed: OnceCell::new(),
            history: OnceCell::new(),
        })
    }

    /// The roadmap to follow: `--roadmap` or `MLOPS_PATH_ROADMAP`, else the one `roadmap use`
    /// chose; `None` for the built-in default.
    pub fn chosen_roadmap(&self) -> Result<Option<String>> {
        match &self.roadmap_choice {
            Some(choice) => Ok(Some(choice.clone())),
            None => self.store.default_roadmap(),
        }
    }

    /// The chosen roadmap, loaded on the first call.
    pub fn followed(&self) -> Result<&Followed> {
        if let Some(followed) = self.followed.get() {
            return Ok(followed);
        }
        let choice = self.chosen_roadmap()?;
        let data_dir = self.store.dir();
        let followed = Followed {
            roadmap: catalog::load(choice.as_deref(), data_dir)?,
            dir: catalog::source_dir(choice.as_deref(), data_dir),
            packs_trusted: catalog::packs_trusted(choice.as_deref(), data_dir),
        };
        Ok(self.followed.get_or_init(|| followed))
    }

    /// The chosen roadmap's steps, loaded on the first call.
    pub fn roadmap(&self) -> Result<&Roadmap> {
        self.followed().map(|followed| &followed.roadmap)
    }

    /// The learning history, read on the first call: for commands that only read it.
    /// A command that writes goes through `store.update`, which reads under the lock.
    pub fn history(&self) -> Result<&State> {
        if let Some(state) = self.history.get() {
            return Ok(state);
        }
        let state = self.store.read()?;
        Ok(self.history.get_or_init(|| state))
    }
}

impl Drop for Context {
    fn drop(&mut self) {
        // The process ends next, and the OS reclaims its memory at once: freeing a large
        // roadmap piece by piece took longer than the command itself, and freeing a year of
        // history took an eighth of `next`.
        if let Some(followed) = self.followed.take() {
            std::mem::forget(followed);
        }
        if let Some(history) = self.history.take() {
            std::mem::forget(history);
        }
    }
}

/// Output settings alone, for commands that need no data directory or roadmap.
pub fn ui(global: &GlobalArgs) -> Ui {
    Ui {
        theme: Theme {
            color: color_enabled(global.color, std::io::stdout().is_terminal()),
        },
        message_theme: Theme {
            color: color_enabled(global.color, std::io::stderr().is_terminal()),
        },
        quiet: global.quiet,
        width: crate::ui::output_width(),
    }
}

/// How to call this program again: `mlops-path`, with `--data-dir` and `--roadmap` when
/// they were given on the command line, so that a command a hint suggests works when pasted
/// as it is. A value from the environment needs no flag: the variable is still set there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invocation {
    data_dir: Option<String>,
    roadmap: Option<String>,
}

impl Invocation {
    pub fn of(global: &GlobalArgs) -> Self {
        let from_flag = |var: &str, value: &OsStr| std::env::var_os(var).as_deref() != Some(value);
        Self {
            data_dir: global
                .data_dir
                .as_ref()
                .filter(|dir| from_flag("MLOPS_PATH_DATA_DIR", dir.as_os_str()))
                .map(|dir| shell_word(&dir.to_string_lossy())),
            roadmap: global
                .roadmap
                .as_ref()
                .filter(|id| from_flag("MLOPS_PATH_ROADMAP", OsStr::new(id.as_str())))
                .map(|id| shell_word(id)),
        }
    }

    /// The same data directory, but no roadmap: for the hints of an unknown roadmap.
    #[must_use]
    pub fn without_roadmap(&self) -> Self {
        Self {
            data_dir: self.data_dir.clone(),
            roadmap: None,
        }
    }
}

impl std::fmt::Display for Invocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("mlops-path")?;
        if let Some(dir) = &self.data_dir {
            write!(f, " --data-dir {dir}")?;
        }
        if let Some(id) = &self.roadmap {
            write!(f, " --roadmap {id}")?;
        }
        Ok(())
    }
}

/// The data directory: `--data-dir` (or its variable), else the platform's default.
fn data_dir(global: &GlobalArgs) -> Result<PathBuf> {
    if let Some(dir) = &global.data_dir {
        return std::path::absolute(dir).map_err(|e| Error::io("cannot resolve", dir, e));
    }
    directories::ProjectDirs::from("", "", "mlops-path")
        .map(|dirs| dirs.data_dir().to_owned())
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

/// A time zone file is a few kilobytes; the local clock reads `TZ` whole, every run.
const MAX_TZ_FILE_BYTES: u64 = 1024 * 1024;

/// `TZ` naming a path (`/dev/zero`, a FIFO, a huge file) would make the clock read without
/// end: only a regular file of a time zone file's size is let through.
fn check_tz() -> Result<()> {
    let Some(tz) = std::env::var_os("TZ") else {
        return Ok(());
    };
    let text = tz.to_string_lossy();
    let path = text.strip_prefix(':').unwrap_or(&text);
    if !path.starts_with('/') {
        return Ok(());
    }
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() || meta.len() > MAX_TZ_FILE_BYTES => Err(Error::Usage {
            what: format!("TZ={text:?}"),
            detail: "that is not a time zone file (a regular file of at most 1 MiB); unset TZ or name a zone such as Europe/Berlin".into(),
        }),
        _ => Ok(()),
    }
}

/// Where the clock looks for a zone file `TZ` names, as chrono does.
const ZONE_DIRS: [&str; 4] = [
    "/usr/share/zoneinfo",
    "/share/zoneinfo",
    "/etc/zoneinfo",
    "/usr/share/lib/zoneinfo",
];

/// A warning when `TZ` names no time zone: neither a zone file (by path or by name) nor a
/// POSIX rule. The clock then uses the system's zone, or UTC, and days would shift silently.
fn tz_warning() -> Option<String> {
    let tz = std::env::var_os("TZ")?;
    let text = tz.to_string_lossy();
    if text.is_empty() {
        return None; // an empty TZ means UTC, by common agreement
    }
    let name = text.strip_prefix(':').unwrap_or(&text);
    let is_zone_file = |path: &Path| {
        let mut magic = [0; 4];
        path.is_file()
            && std::fs::File::open(path)
                .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut magic))
                .is_ok()
            && &magic == b"TZif"
    };
    let found = if Path::new(name).is_absolute() {
        is_zone_file(Path::new(name))
    } else {
        ZONE_DIRS
            .iter()
            .any(|dir| is_zone_file(&Path::new(dir).join(name)))
    };
    let rule = !text.starts_with(':') && crate::domain::zone::is_posix_rule(&text);
    (!found && !rule).then(|| {
        format!(
            "TZ={text:?} is not a time zone known here; using the system's zone (UTC without one). Name a zone such as Europe/Berlin, or unset TZ"
        )
    })
}

/// The clock: `MLOPS_PATH_NOW` when set, else the local time, in whole seconds (events are
/// recorded to the second). Read once per command, and again by `check --watch` on each run.
pub fn now() -> Result<DateTime<FixedOffset>> {
    check_tz()?;
    match std::env::var(NOW_VAR) {
        Err(_) => Ok(Local::now().fixed_offset().trunc_subsecs(0)),
        Ok(text) => DateTime::parse_from_rfc3339(&text)
            .ok()
            .map(|at| at.with_timezone(&Local).fixed_offset())
            .filter(storable)
            .ok_or_else(|| Error::Usage {
                what: format!("{NOW_VAR}={text:?}"),
                detail: "expected an RFC 3339 timestamp such as 2026-03-01T09:30:00+01:00, well within the years 0001 to 9999 so that events can be written and read back".into(),
            }),
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::text::shell_word;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("team"), "team");
        assert_eq!(shell_word("./my roadmap.json"), "'./my roadmap.json'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word("$(x)"), "'$(x)'");
        assert_eq!(shell_word(""), "''");
    }
}
