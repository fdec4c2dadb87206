//! Health checks of the data directory for `mlops-path doctor`, and its one repair.
//!
//! Checking never creates or changes anything. The repair, restoring the backup, runs under
//! the lock and deletes nothing: the broken file keeps its bytes under a new name.

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use rustix::fs::{Access, access};

use super::{
    BACKUP_FILE, FORMAT, LOCK_FILE, STATE_FILE, State, Store, parse, read_state_bytes,
    stale_temp_files,
};
use crate::domain::text::{count_of, shell_word};
use crate::error::Error;

mod history;
mod missing;
mod restore;

pub use history::history_checks;
pub use restore::Restored;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Ok,
    Warning,
    Problem,
}

/// One line of the report: what was looked at, how it is, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub subject: String,
    pub level: Level,
    pub detail: String,
    pub fix: Option<String>,
}

impl Check {
    pub fn ok(subject: &str, detail: impl Into<String>) -> Self {
        Self::new(subject, Level::Ok, detail, None)
    }

    pub fn warning(subject: &str, detail: impl Into<String>, fix: impl Into<String>) -> Self {
        Self::new(subject, Level::Warning, detail, Some(fix.into()))
    }

    pub fn problem(subject: &str, detail: impl Into<String>, fix: impl Into<String>) -> Self {
        Self::new(subject, Level::Problem, detail, Some(fix.into()))
    }

    fn new(subject: &str, level: Level, detail: impl Into<String>, fix: Option<String>) -> Self {
        Self {
            subject: subject.to_owned(),
            level,
            detail: detail.into(),
            fix,
        }
    }
}

/// The checks, and the state when it parsed, for checks that need a roadmap.
#[derive(Debug)]
pub struct Examination {
    pub checks: Vec<Check>,
    pub state: Option<State>,
}

/// How a state file (`state.json` or its backup) reads.
enum Reading {
    Missing,
    Good(State),
    Bad(Error),
}

fn reading(path: &Path) -> Reading {
    match read_state_bytes(path) {
        Ok(None) => Reading::Missing,
        Ok(Some(bytes)) => match parse(path, &bytes) {
            Ok(state) => Reading::Good(state),
            Err(e) => Reading::Bad(e),
        },
        Err(e) => Reading::Bad(e),
    }
}

/// What is wrong with a state file, without the path the check's subject already names.
fn what_is_wrong(error: &Error) -> String {
    match error {
        Error::CorruptState { detail, .. } => format!("not valid: {detail}"),
        Error::StateTooNew {
            found, supported, ..
        } => format!(
            "written by a newer mlops-path: format {found}, this version reads format {supported} at most"
        ),
        other => other.to_string(),
    }
}

impl Store {
    /// Looks at the data directory and everything in it; changes nothing.
    pub fn examine(&self) -> Examination {
        let dir = self.dir();
        let meta = match fs::metadata(dir) {
            Ok(meta) if meta.is_dir() => meta,
            // Without a directory there is nothing more to look at.
            found => {
                let check = match found {
                    Err(e)
                        if matches!(
                            e.kind(),
                            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                        ) =>
                    {
                        missing::missing_dir_check(dir)
                    }
                    Err(e) => Check::problem(
                        "data directory",
                        format!("cannot look at {}: {e}", dir.display()),
                        "check the permissions of its parent, or choose another with --data-dir",
                    ),
                    Ok(_) => Check::problem(
                        "data directory",
                        format!("{} is not a directory", dir.display()),
                        "move that file away, or choose another directory with --data-dir",
                    ),
                };
                return Examination {
                    checks: vec![check],
                    state: None,
                };
            }
        };
        let mut checks = vec![directory_check(dir, meta.permissions().mode() & 0o777)];

        let backup = reading(&dir.join(BACKUP_FILE));
        let (state_check, state) = self.state_check(&backup);
        checks.push(state_check);
        checks.push(backup_check(&backup));
        checks.push(self.lock_check());
        checks.push(temp_files_check(&self.temp_dirs()));
        Examination { checks, state }
    }

    fn state_check(&self, backup: &Reading) -> (Check, Option<State>) {
        let path = self.state_path();
        let target = self.state_target();
        let link = if target == path {
            String::new()
        } else {
            format!(" (a link to {})", target.display())
        };
        match reading(&path) {
            Reading::Missing => (
                Check::ok(STATE_FILE, format!("none yet: nothing recorded{link}")),
                None,
            ),
            Reading::Good(state) => (
                Check::ok(
                    STATE_FILE,
                    format!(
                        "{}, format {}{}{link}",
                        count_of(state.events().len(), "event"),
                        state.format(),
                        if state.format() < FORMAT {
                            format!(" (the next change rewrites it in format {FORMAT})")
                        } else {
                            String::new()
                        }
                    ),
                ),
                Some(state),
            ),
            Reading::Bad(error @ Error::StateTooNew { .. }) => (
                Check::problem(
                    STATE_FILE,
                    what_is_wrong(&error),
                    "install a newer mlops-path; the file is left untouched",
                ),
                None,
            ),
            Reading::Bad(error) => {
                let fix = match backup {
                    Reading::Good(saved) => format!(
                        "`mlops-path doctor --restore-backup` moves it aside and restores {BACKUP_FILE} ({})",
                        count_of(saved.events().len(), "event")
                    ),
                    _ => {
                        "repair it by hand where the message says; it is left untouched".to_owned()
                    }
                };
                (Check::problem(STATE_FILE, what_is_wrong(&error), fix), None)
            }
        }
    }

    fn lock_check(&self) -> Check {
        let path = self.dir().join(LOCK_FILE);
        if let Ok(meta) = fs::symlink_metadata(&path)
            && !meta.is_file()
        {
            // Opening a FIFO would hang the check.
            return Check::problem(
                LOCK_FILE,
                "is not a regular file, so no change can take the lock",
                format!(
                    "move it away: mv {} {}",
                    shell_word(&path.to_string_lossy()),
                    shell_word(&format!("{}.odd", path.display()))
                ),
            );
        }
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Check::ok(LOCK_FILE, "none yet");
            }
            Err(e) => {
                return Check::problem(
                    LOCK_FILE,
                    format!("cannot open: {e}"),
                    "check the permissions of the data directory",
                );
            }
        };
        match file.try_lock_shared() {
            // The kernel releases a lock when its process ends, so a lock file is never stale.
            Ok(()) => Check::ok(LOCK_FILE, "free"),
            Err(fs::TryLockError::WouldBlock) => Check::warning(
                LOCK_FILE,
                "held by a running mlops-path right now",
                format!(
                    "wait for it to finish; a change waits up to {} s for it",
                    self.lock_timeout().as_secs()
                ),
            ),
            Err(fs::TryLockError::Error(e)) => Check::problem(
                LOCK_FILE,
                format!("cannot be locked: {e}"),
                "the file system may not support locks; choose another with --data-dir",
            ),
        }
    }
}

fn directory_check(dir: &Path, mode: u32) -> Check {
    let subject = "data directory";
    if access(dir, Access::READ_OK | Access::WRITE_OK | Access::EXEC_OK).is_err() {
        return Check::problem(
            subject,
            format!("{} is not writable (mode {mode:04o})", dir.display()),
            format!("chmod u+rwx {}", shell_word(&dir.to_string_lossy())),
        );
    }
    if mode & 0o022 != 0 {
        return Check::problem(
            subject,
            format!(
                "{} can be written by other users (mode {mode:04o}); changes are refused there",
                dir.display()
            ),
            format!("chmod 700 {}", shell_word(&dir.to_string_lossy())),
        );
    }
    if mode & 0o077 != 0 {
        return Check::warning(
            subject,
            format!(
                "{} can be read by other users (mode {mode:04o})",
                dir.display()
            ),
            format!("chmod 700 {}", shell_word(&dir.to_string_lossy())),
        );
    }
    Check::ok(
        subject,
        format!("{} (mode {mode:04o}, writable)", dir.display()),
    )
}

fn backup_check(backup: &Reading) -> Check {
    match backup {
        Reading::Missing => Check::ok(BACKUP_FILE, "none yet: kept from the second change on"),
        Reading::Good(state) => Check::ok(BACKUP_FILE, count_of(state.events().len(), "event")),
        Reading::Bad(error) => Check::warning(
            BACKUP_FILE,
            what_is_wrong(error),
            "the next change replaces it with the current state.json",
        ),
    }
}

fn temp_files_check(dirs: &[PathBuf]) -> Check {
    let subject = "temporary files";
    let leftovers: Vec<PathBuf> = dirs.iter().flat_map(|dir| stale_temp_files(dir)).collect();
    if leftovers.is_empty() {
        return Check::ok(subject, "none");
    }
    let names: Vec<String> = leftovers.iter().map(|p| p.display().to_string()).collect();
    Check::warning(
        subject,
        format!(
            "{} left by an interrupted write: {}",
            names.len(),
            names.join(", ")
        ),
        "harmless: a change removes those untouched for a minute",
    )
}
