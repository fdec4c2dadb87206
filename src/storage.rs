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

mod quick;

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use crate::domain::event::Event;
use crate::error::{Error, Result};

pub const STATE_FILE: &str = "state.json";
pub const BACKUP_FILE: &str = "state.json.bak";
pub const LOCK_FILE: &str = "state.lock";
/// Temporary files are named `.state.json.<random>.tmp`, so leftovers can be recognised.
const TEMP_PREFIX: &str = ".state.json.";
const TEMP_SUFFIX: &str = ".tmp";
/// The newest state format this version reads and the one it writes.
pub const FORMAT: u64 = 1;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const LOCK_POLL: Duration = Duration::from_millis(20);

/// The learner's history, as read from `state.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    events: Vec<Event>,
    /// Top-level fields written by a newer version, kept as they are.
    extra: Map<String, Value>,
    dirty: bool,
}

impl State {
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn record(&mut self, event: Event) {
        self.events.push(event);
        self.dirty = true;
    }

    /// Removes and returns the event at `index` in recorded order.
    pub fn remove(&mut self, index: usize) -> Event {
        self.dirty = true;
        self.events.remove(index)
    }
}

/// The data directory and how to write to it.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    lock_timeout: Duration,
    /// The default location may create its parents (`~/.local/share` on a fresh machine);
    /// a directory the user named must have an existing parent, so a typo fails loudly.
    create_parents: bool,
}

impl Store {
    pub fn new(dir: PathBuf, lock_timeout: Duration, create_parents: bool) -> Self {
        Self {
            dir,
            lock_timeout,
            create_parents,
        }
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
        let path = self.state_path();
        match fs::read(&path) {
            Ok(bytes) => parse(&path, &bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(Error::io("cannot read", path, e)),
        }
    }

    /// Locks, reads, applies `change`, and writes the result if `change` recorded anything.
    /// `on_wait` is called once if another process holds the lock.
    pub fn update<T>(
        &self,
        on_wait: impl FnOnce(&Path),
        change: impl FnOnce(&mut State) -> Result<T>,
    ) -> Result<T> {
        self.create_dir()?;
        let _lock = self.lock(on_wait)?;
        let path = self.state_path();
        let previous = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io("cannot read", path, e)),
        };
        let mut state = match &previous {
            Some(bytes) => parse(&path, bytes)?,
            None => State::default(),
        };
        let result = change(&mut state)?;
        if state.dirty {
            self.remove_stale_temp_files();
            self.write(&state, previous.as_deref())?;
        }
        Ok(result)
    }

    fn create_dir(&self) -> Result<()> {
        if self.dir.is_dir() {
            return Ok(());
        }
        DirBuilder::new()
            .mode(0o700)
            .recursive(self.create_parents)
            .create(&self.dir)
            .map_err(|e| Error::io("cannot create the data directory", &self.dir, e))
    }

    /// Takes the exclusive lock on `state.lock`, polling until the timeout; released on drop.
    fn lock(&self, on_wait: impl FnOnce(&Path)) -> Result<File> {
        let path = self.dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| Error::io("cannot open the lock file", &path, e))?;
        let started = Instant::now();
        let mut on_wait = Some(on_wait);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(fs::TryLockError::WouldBlock) => {
                    if let Some(tell) = on_wait.take() {
                        tell(&path);
                    }
                    if started.elapsed() >= self.lock_timeout {
                        return Err(Error::LockTimeout {
                            path,
                            seconds: self.lock_timeout.as_secs(),
                        });
                    }
                    thread::sleep(LOCK_POLL);
                }
                Err(fs::TryLockError::Error(e)) => return Err(Error::io("cannot lock", path, e)),
            }
        }
    }

    /// Writes `state` atomically, keeping `previous` (the last good bytes) as the backup.
    fn write(&self, state: &State, previous: Option<&[u8]>) -> Result<()> {
        let link = self.state_path();
        // A symlinked state.json (dotfiles) is written through: the link stays a link.
        let target = match fs::read_link(&link) {
            Ok(points_to) => link
                .parent()
                .map_or(points_to.clone(), |dir| dir.join(points_to)),
            Err(_) => link,
        };
        if let Some(bytes) = previous {
            replace_atomically(&self.dir.join(BACKUP_FILE), bytes)?;
        }
        replace_atomically(&target, &serialize(state))
    }

    /// Temporary files left by a process that was killed mid-write. Only called under the
    /// lock, so no live writer owns them. Best effort: a leftover is harmless.
    fn remove_stale_temp_files(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Temporary file, fsync, rename over `target`, fsync the directory: readers see the old
/// bytes or the new ones, never a mix. For any file the program writes, not only the state.
pub fn replace_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .map_err(|e| Error::io("cannot create a temporary file in", dir, e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::io("cannot write", temp.path().to_owned(), e))?;
    temp.persist(target)
        .map_err(|e| Error::io("cannot replace", target, e.error))?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io("cannot sync the directory", dir, e))
}

/// Parses `state.json`, naming what is wrong and where. A good file takes the quick path;
/// anything else is parsed again precisely, so messages never depend on the path taken.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<State> {
    quick::parse(bytes).map_or_else(|| parse_precisely(path, bytes), Ok)
}

/// Parses through a `Value` tree, which can say exactly what is wrong and at which event.
fn parse_precisely(path: &Path, bytes: &[u8]) -> Result<State> {
    let corrupt = |detail: String| Error::CorruptState {
        path: path.to_owned(),
        detail,
    };
    if bytes.starts_with(UTF8_BOM) {
        return Err(corrupt(
            "it starts with a UTF-8 byte order mark (line 1, column 1); JSON files must not".into(),
        ));
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string()))?;
    let Value::Object(mut top) = value else {
        return Err(corrupt(format!(
            "expected a JSON object at the top level, found {}",
            type_name(&value)
        )));
    };
    let format = match top.remove("format") {
        None => return Err(corrupt("missing the \"format\" key".into())),
        Some(Value::Number(n)) if n.as_u64().is_some_and(|f| f >= 1) => {
            n.as_u64().unwrap_or_default()
        }
        Some(other) => {
            return Err(corrupt(format!(
                "\"format\" must be a positive integer, found {other}"
            )));
        }
    };
    if format > FORMAT {
        return Err(Error::StateTooNew {
            path: path.to_owned(),
            found: format,
            supported: FORMAT,
        });
    }
    let events = match top.remove("events") {
        None => return Err(corrupt("missing the \"events\" key".into())),
        Some(Value::Array(events)) => events,
        Some(other) => {
            return Err(corrupt(format!(
                "\"events\" must be an array, found {}",
                type_name(&other)
            )));
        }
    };
    let events = events
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            serde_json::from_value::<Event>(value)
                .map_err(|e| corrupt(format!("event {index}: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(State {
        events,
        extra: top,
        dirty: false,
    })
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// One event per line, so the file reads well and diffs cleanly.
fn serialize(state: &State) -> Vec<u8> {
    let mut out = format!("{{\n  \"format\": {FORMAT},\n  \"events\": [");
    for (index, event) in state.events.iter().enumerate() {
        out.push_str(if index == 0 { "\n    " } else { ",\n    " });
        out.push_str(&serde_json::to_string(event).expect("events always serialize"));
    }
    out.push_str(if state.events.is_empty() {
        "]"
    } else {
        "\n  ]"
    });
    for (key, value) in &state.extra {
        out.push_str(",\n  ");
        out.push_str(&Value::String(key.clone()).to_string());
        out.push_str(": ");
        out.push_str(&value.to_string());
    }
    out.push_str("\n}\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventKind;

    fn path() -> PathBuf {
        PathBuf::from("state.json")
    }

    fn detail(bytes: &[u8]) -> String {
        match parse(&path(), bytes) {
            Err(Error::CorruptState { detail, .. }) => detail,
            other => panic!("expected a corrupt-state error, got {other:?}"),
        }
    }

    #[test]
    fn round_trips_and_keeps_unknown_fields() {
        let text = br#"{"format":1,"events":[{"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"done","mood":"great"}],"sync":{"peer":"laptop"}}"#;
        let mut state = parse(&path(), text).unwrap();
        assert_eq!(state.events()[0].extra["mood"], "great");
        state.record(Event::new(
            state.events()[0].at,
            "mlops",
            "mlflow",
            EventKind::Note,
            Some("line \"one\"\nline two".into()),
        ));
        let written = serialize(&state);
        let again = parse(&path(), &written).unwrap();
        assert_eq!(again.events(), state.events());
        assert_eq!(again.extra["sync"]["peer"], "laptop");
        assert_eq!(serialize(&again), written);
    }

    #[test]
    fn names_what_is_wrong_and_where() {
        assert_eq!(
            detail(br#"{"format":1,"events":["#),
            "EOF while parsing a list at line 1 column 22"
        );
        assert_eq!(
            detail(b"[]"),
            "expected a JSON object at the top level, found an array"
        );
        assert_eq!(detail(br#"{"events":[]}"#), "missing the \"format\" key");
        assert_eq!(detail(br#"{"format":1}"#), "missing the \"events\" key");
        assert_eq!(
            detail(br#"{"format":"1","events":[]}"#),
            "\"format\" must be a positive integer, found \"1\""
        );
        assert!(detail(b"\xEF\xBB\xBF{}").contains("byte order mark"));
        let unknown_kind =
            br#"{"format":1,"events":[{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"finish"}]}"#;
        assert!(
            detail(unknown_kind).starts_with("event 0: unknown variant `finish`"),
            "{}",
            detail(unknown_kind)
        );
    }

    #[test]
    fn a_newer_format_is_refused_naming_both_versions() {
        match parse(&path(), br#"{"format":7,"events":[]}"#) {
            Err(Error::StateTooNew {
                found: 7,
                supported: FORMAT,
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
    }
}
