//! The one repair `doctor --restore` makes: the backup put back in place of a broken
//! `state.json`, which keeps its bytes under a new name.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Reading, reading, what_is_wrong};
use crate::error::{Error, Result};
use crate::storage::{BACKUP_FILE, STATE_FILE, Store, replace_atomically};

/// What `restore_backup` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the broken file now is; `None` when there was no `state.json` to move.
    pub aside: Option<PathBuf>,
    pub events: usize,
}

impl Store {
    /// Moves a broken `state.json` aside as `state.json.broken-<stamp>` and puts the backup in
    /// its place, under the lock. Refuses, changing nothing, when `state.json` is healthy or
    /// newer, or the backup is missing or broken too.
    pub fn restore_backup(&self, on_wait: impl FnOnce(&Path), stamp: &str) -> Result<Restored> {
        let refuse = |reason: String| Error::CannotRestore { reason };
        self.check_dir()?;
        if !self.dir().is_dir() {
            return Err(refuse(format!(
                "{} does not exist: nothing to restore",
                self.dir().display()
            )));
        }
        let _lock = self.lock(on_wait)?;
        let target = self.state_target();
        let broken = match reading(&self.state_path()) {
            Reading::Good(_) => {
                return Err(refuse(format!(
                    "{STATE_FILE} is healthy; `mlops-path undo` takes back the last change"
                )));
            }
            Reading::Bad(error @ Error::StateTooNew { .. }) => {
                return Err(refuse(format!(
                    "{STATE_FILE} is not broken, it was {}",
                    what_is_wrong(&error)
                )));
            }
            // Unreadable is not broken: a file `sudo` left to root reads "permission denied",
            // and setting it aside would hide a healthy, newer history.
            Reading::Bad(error @ Error::Io { .. }) => {
                return Err(refuse(format!(
                    "{STATE_FILE} cannot be read ({error}), which does not mean it is broken; fix its owner or permissions first"
                )));
            }
            Reading::Bad(_) => true,
            Reading::Missing => false,
        };
        let backup_path = self.dir().join(BACKUP_FILE);
        let backup = match reading(&backup_path) {
            Reading::Good(state) => state,
            Reading::Missing => return Err(refuse(format!("there is no {BACKUP_FILE}"))),
            Reading::Bad(error) => {
                return Err(refuse(format!(
                    "{BACKUP_FILE} is {}",
                    what_is_wrong(&error)
                )));
            }
        };
        let bytes =
            fs::read(&backup_path).map_err(|e| Error::io("cannot read", &backup_path, e))?;
        let aside = if broken {
            Some(move_aside(&target, stamp)?)
        } else {
            None
        };
        replace_atomically(&target, &bytes)?;
        Ok(Restored {
            aside,
            events: backup.events().len(),
        })
    }
}

/// Gives the broken file a second name, `<name>.broken-<stamp>`, never replacing a file,
/// and returns it. The hard link keeps `state.json` in place until the atomic replace.
fn move_aside(target: &Path, stamp: &str) -> Result<PathBuf> {
    let name = target
        .file_name()
        .map_or_else(|| STATE_FILE.into(), |n| n.to_string_lossy().into_owned());
    for attempt in 1..=100 {
        let suffix = if attempt == 1 {
            String::new()
        } else {
            format!("-{attempt}")
        };
        let aside = target.with_file_name(format!("{name}.broken-{stamp}{suffix}"));
        match fs::hard_link(target, &aside) {
            Ok(()) => return Ok(aside),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            // Some file systems have no hard links; a rename, still under the lock, will do.
            Err(_) if !aside.exists() => {
                return fs::rename(target, &aside)
                    .map(|()| aside)
                    .map_err(|e| Error::io("cannot move aside", target, e));
            }
            Err(e) => return Err(Error::io("cannot move aside", target, e)),
        }
    }
    Err(Error::CannotRestore {
        reason: format!("too many {name}.broken-{stamp}* files already"),
    })
}
