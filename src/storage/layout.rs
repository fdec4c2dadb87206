//! The parts of the data directory sync owns: the clone `sync/`, its lock `sync.lock`, and
//! `teams/`. Storage names them so that nothing else decides where they live.

use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::guard::{open_lock_file, refuse_shared_dir};
use super::{State, Store, read_state_bytes};
use crate::error::{Error, Result};

/// The clone of the personal sync repository.
pub const SYNC_DIR: &str = "sync";
/// Keeps a cron run and a manual run of `sync` apart.
pub const SYNC_LOCK_FILE: &str = "sync.lock";
/// When `sync` last succeeded, as RFC 3339 text.
pub const SYNC_TIME_FILE: &str = "sync.last";
/// Team clones, one directory each.
pub const TEAMS_DIR: &str = "teams";
/// The file the sync repository holds: the state, byte for byte.
pub const HISTORY_FILE: &str = "history.json";

impl Store {
    pub fn sync_dir(&self) -> PathBuf {
        self.dir.join(SYNC_DIR)
    }

    pub fn teams_dir(&self) -> PathBuf {
        self.dir.join(TEAMS_DIR)
    }

    /// Creates the data directory if needed (private) and refuses one others can write to,
    /// before anything is cloned into it.
    pub fn prepare(&self) -> Result<()> {
        self.check_dir()?;
        self.create_dir()?;
        refuse_shared_dir(&self.dir)
    }

    /// The exclusive `sync.lock`, or `None` when another sync holds it; released on drop.
    pub fn try_sync_lock(&self) -> Result<Option<File>> {
        self.prepare()?;
        let path = self.dir.join(SYNC_LOCK_FILE);
        let file = open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(Error::io("cannot lock", path, e)),
        }
    }

    /// Remembers when `sync` last succeeded. A plain write: a torn one only makes
    /// `sync status` say it does not know.
    pub fn record_sync_time(&self, at: &str) -> Result<()> {
        let path = self.dir.join(SYNC_TIME_FILE);
        OpenOptions::new()
            .create(true)
            .truncate(true)
            .write(true)
            .mode(0o600)
            .open(&path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, format!("{at}\n").as_bytes()))
            .map_err(|e| Error::io("cannot write", path, e))
    }

    /// When `sync` last succeeded, if it ever did and the file reads as a time.
    pub fn last_sync_time(&self) -> Option<String> {
        let text = fs::read_to_string(self.dir.join(SYNC_TIME_FILE)).ok()?;
        let text = text.trim();
        chrono::DateTime::parse_from_rfc3339(text)
            .is_ok()
            .then(|| text.to_owned())
    }

    /// The bytes of `state.json` as they are, for comparing with a copy; `None` without one.
    pub fn state_bytes(&self) -> Result<Option<Vec<u8>>> {
        self.check_dir()?;
        read_state_bytes(&self.state_path())
    }

    /// Writes `bytes` to `path` inside the sync clone (its `history.json`), atomically.
    pub fn write_in_clone(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        debug_assert!(path.starts_with(self.sync_dir()) || path.starts_with(self.teams_dir()));
        super::replace_atomically(path, bytes)
    }
}

/// The bytes of a history holding just `events` (a team member file), in state format.
pub fn history_bytes(events: Vec<crate::domain::event::Event>) -> Vec<u8> {
    let records = events
        .into_iter()
        .map(crate::domain::history::Record::Event)
        .collect();
    super::serialize(&State::from_records(
        records,
        crate::domain::event::Extra::default(),
        super::FORMAT,
    ))
}

impl State {
    /// Sync is a write: a format 1 file is rewritten in the current format even when the
    /// merge brings nothing, so the state and `history.json` are the same bytes.
    pub fn rewrite_in_current_format(&mut self) {
        self.dirty |= self.format != super::FORMAT;
    }

    /// The bytes `state.json` holds once this state is written.
    pub fn to_bytes(&self) -> Vec<u8> {
        super::serialize(self)
    }
}

/// Reads a state file someone else named (a merge driver's `%A` and `%B`): at most the size
/// limit, and parsed like `state.json`.
pub fn read_state_file(path: &Path) -> Result<State> {
    match read_state_bytes(path)? {
        Some(bytes) => super::parse(path, &bytes),
        None => Err(Error::io(
            "cannot read",
            path,
            std::io::Error::from(std::io::ErrorKind::NotFound),
        )),
    }
}
