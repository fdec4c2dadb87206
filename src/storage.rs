//! The one place that touches the learner's state on disk.
//!
//! Owns the data directory, `state.json`, its backup `state.json.bak` and the lock file
//! `state.lock`. Promises:
//! - reading never creates or changes anything;
//! - a file that does not parse, or has a newer format, is refused and left byte-identical;
//! - every change happens under an exclusive lock, is written to a temporary file that is
//!   fsynced and renamed over `state.json` (atomic on POSIX), and the directory is fsynced so
//!   the rename survives a power cut; the version it replaced is kept as `state.json.bak`;
//! - fields this version does not know, at the top level or in an event, survive a rewrite.

mod atomic;
mod default_roadmap;
pub mod doctor;
mod guard;
pub mod installed;
mod layout;
mod output;
mod records;
mod state;
mod state_file;
pub mod tree;
mod typed_read;
mod unique_keys;

use std::fs::{self, DirBuilder, File};
use std::io::{self, Read};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::error::{Error, Result};

use atomic::stale_temp_files;
pub use atomic::{remove_durably, replace_atomically};
use guard::{open_lock_file, refuse_shared_dir};
pub use layout::{
    HISTORY_FILE, SYNC_DIR, SYNC_LOCK_FILE, TEAMS_DIR, history_bytes, read_state_file,
};
pub use state::State;
pub use state_file::{FORMAT, MAX_STATE_BYTES, MAX_WRITE_BYTES};
use state_file::{serialize, too_large};

pub const STATE_FILE: &str = "state.json";
pub const BACKUP_FILE: &str = "state.json.bak";
pub const LOCK_FILE: &str = "state.lock";
/// Temporary files are named `.state.json.<random>.tmp`, so leftovers can be recognised.
/// A temporary file untouched this long has no live writer: every write finishes in seconds.
const STALE_AFTER: Duration = Duration::from_secs(60);
/// Symbolic links followed from `state.json` to the file written, as the kernel's own limit.
const MAX_LINKS: usize = 40;

/// The data directory and how to write to it.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    lock_timeout: Duration,
}

impl Store {
    pub fn new(dir: PathBuf, lock_timeout: Duration) -> Self {
        Self { dir, lock_timeout }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn lock_timeout(&self) -> Duration {
        self.lock_timeout
    }

    pub fn state_path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// Reads the state without creating or changing anything; no file means no history yet.
    pub fn read(&self) -> Result<State> {
        self.check_dir()?;
        let path = self.state_path();
        match read_state_bytes(&path)? {
            Some(bytes) => parse(&path, &bytes),
            None => Ok(State::default()),
        }
    }

    /// A data directory that exists must be a directory; a missing one is created on write.
    fn check_dir(&self) -> Result<()> {
        match fs::metadata(&self.dir) {
            Ok(meta) if !meta.is_dir() => Err(Error::NotADirectory {
                path: self.dir.clone(),
            }),
            _ => Ok(()),
        }
    }

    /// Locks, reads, applies `change`, and writes the result if `change` recorded anything.
    /// `on_wait` is called once if another process holds the lock.
    pub fn update<T>(
        &self,
        on_wait: impl FnOnce(&Path),
        change: impl FnOnce(&mut State) -> Result<T>,
    ) -> Result<T> {
        self.check_dir()?;
        self.create_dir()?;
        refuse_shared_dir(&self.dir)?;
        let _lock = self.lock(on_wait)?;
        // Under the lock no other state writer runs; an old temporary file is a killed one's.
        self.remove_stale_temp_files();
        let path = self.state_path();
        let previous = read_state_bytes(&path)?;
        let mut state = match &previous {
            Some(bytes) => parse(&path, bytes)?,
            None => State::default(),
        };
        let result = change(&mut state)?;
        if state.dirty {
            self.write(&state, previous.as_deref())?;
        }
        Ok(result)
    }

    /// Runs `change` under the state lock, for files that live beside the state
    /// (installed roadmaps), so they change in step with it.
    pub fn with_lock<T>(
        &self,
        on_wait: impl FnOnce(&Path),
        change: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        self.create_dir()?;
        refuse_shared_dir(&self.dir)?;
        let _lock = self.lock(on_wait)?;
        change()
    }

    /// A directory inside the data directory (installed roadmaps), created private like the
    /// data directory itself. Call it under the lock, from `with_lock`.
    pub fn create_subdir(&self, name: &str) -> Result<PathBuf> {
        let dir = self.dir.join(name);
        match DirBuilder::new().mode(0o700).create(&dir) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(dir),
            result => result
                .map(|()| dir.clone())
                .map_err(|e| Error::io("cannot create", &dir, e)),
        }
    }

    /// Creates the data directory and any missing parents, each `0700`: a fresh machine has
    /// no `~/.local/share`, and `doctor` promises the first change creates what is missing.
    fn create_dir(&self) -> Result<()> {
        if self.dir.is_dir() {
            return Ok(());
        }
        match DirBuilder::new()
            .mode(0o700)
            .recursive(true)
            .create(&self.dir)
        {
            // Another first-time writer created it between the check and here.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && self.dir.is_dir() => Ok(()),
            result => {
                result.map_err(|e| Error::io("cannot create the data directory", &self.dir, e))
            }
        }
    }

    /// Takes the exclusive lock on `state.lock`, waiting up to the timeout; released on drop.
    fn lock(&self, on_wait: impl FnOnce(&Path)) -> Result<File> {
        let path = self.dir.join(LOCK_FILE);
        let file = open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::WouldBlock) => on_wait(&path),
            Err(fs::TryLockError::Error(e)) => return Err(Error::io("cannot lock", path, e)),
        }
        // A blocking wait, not polling: the kernel wakes a waiter the moment the lock is
        // released, so under contention no writer starves between polls. The waiting thread
        // owns the file; on timeout it is abandoned, and ends (closing the file, which
        // releases any lock it then got) when the lock comes or the process exits.
        let (sender, receiver) = mpsc::channel();
        thread::spawn(move || {
            let locked = file.lock().map(|()| file);
            let _ = sender.send(locked);
        });
        match receiver.recv_timeout(self.lock_timeout) {
            Ok(Ok(file)) => Ok(file),
            Ok(Err(e)) => Err(Error::io("cannot lock", path, e)),
            Err(_) => Err(Error::LockTimeout {
                path,
                seconds: self.lock_timeout.as_secs(),
            }),
        }
    }

    /// Writes `state` atomically, keeping `previous` (the last good bytes) as the backup.
    /// A result over `MAX_WRITE_BYTES` is refused before anything is touched: written, it
    /// would be a file no command (`undo` included) could read.
    fn write(&self, state: &State, previous: Option<&[u8]>) -> Result<()> {
        let bytes = serialize(state);
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if size > MAX_WRITE_BYTES {
            return Err(Error::WouldBeTooLarge {
                path: self.state_path(),
                size,
                limit: MAX_WRITE_BYTES,
                read_limit: MAX_STATE_BYTES,
            });
        }
        if let Some(bytes) = previous {
            replace_atomically(&self.dir.join(BACKUP_FILE), bytes)?;
        }
        replace_atomically(&self.state_target(), &bytes)
    }

    /// The file `state.json` stands for. A symlinked `state.json` (dotfiles) is written
    /// through, so the link stays a link; chains of links are followed to their end.
    fn state_target(&self) -> PathBuf {
        let mut path = self.state_path();
        for _ in 0..MAX_LINKS {
            match fs::read_link(&path) {
                Ok(points_to) => {
                    path = path
                        .parent()
                        .map_or(points_to.clone(), |dir| dir.join(&points_to));
                }
                Err(_) => break,
            }
        }
        path
    }

    /// Temporary files left by a process that was killed mid-write, wherever a write puts
    /// them. Only provably stale ones go: untouched for a minute, since a writer outside
    /// the lock (an install's copy, say) may own a fresh one. Best effort: a leftover is
    /// harmless.
    fn remove_stale_temp_files(&self) {
        let now = std::time::SystemTime::now();
        for path in self
            .temp_dirs()
            .iter()
            .flat_map(|dir| stale_temp_files(dir))
        {
            let untouched = fs::symlink_metadata(&path)
                .and_then(|meta| meta.modified())
                .ok()
                .and_then(|at| now.duration_since(at).ok());
            if untouched.is_some_and(|age| age > STALE_AFTER) {
                let _ = fs::remove_file(path);
            }
        }
    }

    /// Where writes leave temporary files: the data directory, the installed roadmaps, and
    /// the directory of the file a symbolic `state.json` stands for.
    fn temp_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.dir.clone(), self.dir.join(installed::ROADMAPS_DIR)];
        if let Some(parent) = self.state_target().parent()
            && !dirs.iter().any(|d| d == parent)
        {
            dirs.push(parent.to_owned());
        }
        dirs
    }
}
/// The bytes of a state file, or `None` when there is none. The size is checked before
/// reading, so a stray huge file is refused without being read into memory.
fn read_state_bytes(path: &Path) -> Result<Option<Vec<u8>>> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("cannot read", path, e)),
    };
    let corrupt = |detail: String| Error::CorruptState {
        path: path.to_owned(),
        detail,
    };
    if !meta.is_file() {
        // A FIFO would block the read forever; a directory cannot be read at all.
        return Err(corrupt("it is not a regular file".into()));
    }
    if meta.len() > MAX_STATE_BYTES {
        return Err(corrupt(too_large(meta.len())));
    }
    // Sized from the metadata, one byte over so the read sees the end at once; a file that
    // grew since is still read whole, up to the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).map_or(0, |len| len + 1));
    File::open(path)
        .and_then(|file| file.take(MAX_STATE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io("cannot read", path, e))?;
    Ok(Some(bytes))
}

/// Parses `state.json`, naming what is wrong and where. A good file within the size limit
/// takes the quick path; anything else is parsed again precisely, so the refusal and its
/// message never depend on the path taken.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<State> {
    let within_limit = u64::try_from(bytes.len()).is_ok_and(|len| len <= MAX_STATE_BYTES);
    // The quick path gives up on anything unexpected, a duplicate key included; the precise
    // parser then names what is wrong.
    match within_limit.then(|| typed_read::parse(bytes)).flatten() {
        Some(state) => Ok(state),
        None => state_file::parse(path, bytes),
    }
}
