//! Every failure a user can cause or meet, with its exit code and a hint.

use std::io;
use std::path::PathBuf;

use crate::config::Invocation;

const MIB: u64 = 1024 * 1024;

/// Exit code for a failure: bad state file, I/O, nothing to undo.
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for a usage error: bad arguments, unknown step, bad date.
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Sync(crate::sync::SyncError),

    #[error("unknown step {query:?}")]
    UnknownStep {
        query: String,
        suggestions: Vec<String>,
    },

    #[error("unknown section {query:?}")]
    UnknownSection {
        query: String,
        suggestions: Vec<String>,
        sections: Vec<String>,
    },

    #[error("{step} has no link to open")]
    NoLink { step: String },

    #[error(
        "{step} links to {url:?}, which is not an http or https address; only those are opened"
    )]
    NotAWebLink { step: String, url: String },

    #[error("{query:?} matches several steps: {}", candidates.join(", "))]
    AmbiguousStep {
        query: String,
        candidates: Vec<String>,
    },

    #[error("cannot read {input:?} as a date or time")]
    BadDate { input: String },

    #[error("--at {input:?} is {}, after now ({})", at.format("%Y-%m-%d %H:%M"), now.format("%Y-%m-%d %H:%M"))]
    FutureAt {
        input: String,
        at: chrono::DateTime<chrono::FixedOffset>,
        now: chrono::DateTime<chrono::FixedOffset>,
    },

    #[error("{what}: {detail}")]
    Usage { what: String, detail: String },

    #[error("{path} is not a valid state file: {detail}")]
    CorruptState { path: PathBuf, detail: String },

    #[error(
        "{path} has format {found}, but this version of mlops-path supports format {supported} at most"
    )]
    StateTooNew {
        path: PathBuf,
        found: u64,
        supported: u64,
    },

    #[error(
        "not saved: {path} would be {size} bytes ({}.{} MiB), more than the {} MiB this version writes (it reads up to {} MiB)",
        size / MIB, size % MIB * 10 / MIB, limit / MIB, read_limit / MIB
    )]
    WouldBeTooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
        read_limit: u64,
    },

    #[error("{path} is larger than {} MiB, the most a roadmap file or a list to import may be", limit / MIB)]
    InputTooLarge { path: PathBuf, limit: u64 },

    #[error("cannot import {path}: {detail}")]
    BadImport { path: PathBuf, detail: String },
    #[error("the data directory {path} is not a directory")]
    NotADirectory { path: PathBuf },

    #[error("gave up after {seconds} s waiting for the lock on {path}")]
    LockTimeout { path: PathBuf, seconds: u64 },

    #[error("cannot restore the backup: {reason}")]
    CannotRestore { reason: String },

    #[error("{problems} problem(s) found in {dir}")]
    Unhealthy { dir: PathBuf, problems: usize },

    #[error("{step} is done{}; nothing recorded", since.as_deref().map(|at| format!(" since {at}")).unwrap_or_default())]
    StepIsDone {
        step: String,
        /// When it was done, to the minute.
        since: Option<String>,
        /// The command that was refused: `start` or `skip`.
        command: &'static str,
    },

    #[error("nothing to undo on roadmap {roadmap:?}")]
    NothingToUndo { roadmap: String },

    #[error("invalid roadmap {path}:\n{}", problems.join("\n"))]
    InvalidRoadmap {
        path: PathBuf,
        problems: Vec<String>,
    },

    #[error("unknown roadmap {id:?}")]
    UnknownRoadmap { id: String, installed: Vec<String> },

    #[error("{id:?} is the id of a built-in roadmap, which cannot be {action}")]
    BuiltInRoadmap { id: String, action: &'static str },

    #[error(
        "the roadmap file {path} has the id {id:?} of the {owner} roadmap; their progress would mix"
    )]
    BorrowedRoadmapId {
        path: PathBuf,
        id: String,
        owner: &'static str,
    },

    #[error("{dir} can be written by other users (mode {mode:04o}), so nothing is written there")]
    SharedDataDir { dir: PathBuf, mode: u32 },

    #[error("a different roadmap with the id {id:?} is already installed at {path}")]
    RoadmapExists { id: String, path: PathBuf },

    #[error("{path} should hold the id of the roadmap in use, and does not")]
    BadDefaultRoadmap { path: PathBuf },

    #[error("{path} is not a valid roadmap: {count} problem(s)")]
    ProblemsFound { path: PathBuf, count: usize },

    #[error("invalid lab pack {path}:\n{}", problems.join("\n"))]
    InvalidLab {
        path: PathBuf,
        problems: Vec<String>,
    },

    #[error("refused {path}: {detail}")]
    LabEscape { path: PathBuf, detail: String },

    #[error("{path} is not empty")]
    LabDirNotEmpty { path: PathBuf },

    #[error("{step} has no lab pack to check it")]
    NoLabPack { step: String },

    #[error("{dir} is not a lab directory (it has no .mlops-path/lab.json)")]
    NotALabDir { dir: PathBuf },

    #[error(
        "refused to run the checks of {lab}: {count} of them run programs, and the pack at {origin} is not built in"
    )]
    UntrustedChecks {
        lab: String,
        origin: String,
        count: usize,
    },

    #[error("{failed} of {total} required check(s) failed")]
    LabFailed { failed: usize, total: usize },

    #[error("{count} check(s) could not be run; nothing was judged")]
    CouldNotCheck { count: usize },

    #[error(transparent)]
    LabTool(#[from] crate::lab::tool::ToolError),

    /// The reader of our output went away (`mlops-path list | head -1`): end quietly.
    #[error("standard output was closed")]
    ClosedPipe,

    #[error("{what} {path}: {cause}")]
    Io {
        what: &'static str,
        path: PathBuf,
        cause: io::Error,
    },
}

impl Error {
    pub fn io(what: &'static str, path: impl Into<PathBuf>, cause: io::Error) -> Self {
        Self::Io {
            what,
            path: path.into(),
            cause,
        }
    }

    pub fn code(&self) -> i32 {
        match self {
            Self::Sync(e) => e.code(),
            Self::UnknownStep { .. }
            | Self::UnknownSection { .. }
            | Self::AmbiguousStep { .. }
            | Self::BadDate { .. }
            | Self::FutureAt { .. }
            | Self::Usage { .. }
            | Self::UnknownRoadmap { .. }
            | Self::BuiltInRoadmap { .. }
            | Self::BorrowedRoadmapId { .. }
            | Self::LabEscape { .. }
            | Self::LabDirNotEmpty { .. }
            | Self::NoLabPack { .. }
            | Self::NotALabDir { .. }
            | Self::UntrustedChecks { .. }
            | Self::CouldNotCheck { .. } => EXIT_USAGE,
            Self::CorruptState { .. }
            | Self::BadImport { .. }
            | Self::NoLink { .. }
            | Self::NotAWebLink { .. }
            | Self::StateTooNew { .. }
            | Self::WouldBeTooLarge { .. }
            | Self::InputTooLarge { .. }
            | Self::NotADirectory { .. }
            | Self::SharedDataDir { .. }
            | Self::CannotRestore { .. }
            | Self::Unhealthy { .. }
            | Self::LockTimeout { .. }
            | Self::NothingToUndo { .. }
            | Self::StepIsDone { .. }
            | Self::InvalidRoadmap { .. }
            | Self::RoadmapExists { .. }
            | Self::ProblemsFound { .. }
            | Self::InvalidLab { .. }
            | Self::LabFailed { .. }
            | Self::BadDefaultRoadmap { .. }
            | Self::Io { .. } => EXIT_FAILURE,
            Self::LabTool(e) => e.code(),
            Self::ClosedPipe => 0,
        }
    }

    /// What the user can do about it, if there is something to say; the commands it
    /// suggests start with `mlops`, so that they work when pasted.
    pub fn hint(&self, mlops: &Invocation) -> Option<String> {
        match self {
            Self::Sync(e) => e.hint(mlops),
            Self::UnknownStep { suggestions, .. } | Self::UnknownSection { suggestions, .. }
                if !suggestions.is_empty() =>
            {
                Some(format!("did you mean {}?", suggestions.join(", ")))
            }
            Self::UnknownStep { .. } => Some(format!("`{mlops} list` shows every step id")),
            Self::AmbiguousStep { .. } => Some("type more of the id".into()),
            Self::UnknownSection { sections, .. } => {
                Some(format!("the sections are: {}", sections.join(", ")))
            }
            Self::NoLink { step } => Some(format!(
                "it is a concept to read up on; `{mlops} show {step}` describes it"
            )),
            Self::NotAWebLink { .. } => {
                Some("the roadmap file gives this link; fix it there, or open it yourself".into())
            }
            Self::BadDate { .. } => Some(
                "use today, yesterday, HH:MM (today), yesterday HH:MM, YYYY-MM-DD (noon local time that day) or an RFC 3339 timestamp such as 2026-03-01T09:30:00+01:00"
                    .into(),
            ),
            Self::FutureAt { .. } => Some(
                "events are recorded as they happen, not ahead; leave out --at to record it now"
                    .into(),
            ),
            Self::CorruptState { path, .. } => Some(format!(
                "the file was left untouched; `{mlops} doctor` checks it and its backup {}.bak, and says what to do",
                path.display()
            )),
            Self::BadImport { .. } => Some(
                "import takes the JSON of `mlops-path export` or a state.json; nothing was changed"
                    .into(),
            ),
            Self::StateTooNew { .. } => {
                Some("the file was left untouched; install a newer mlops-path to read it".into())
            }
            Self::WouldBeTooLarge { .. } => Some(
                "the file was left untouched; keep this history as it is and record new work in a fresh data directory (--data-dir or MLOPS_PATH_DATA_DIR)"
                    .into(),
            ),
            Self::NotADirectory { .. } => Some(
                "move that file away, or choose another directory with --data-dir".into(),
            ),
            Self::StepIsDone { step, command, .. } => Some(format!(
                "to {command} it again, reopen it first: {mlops} reopen {step}"
            )),
            Self::Unhealthy { .. } => Some("each problem above says what to do".into()),
            Self::LockTimeout { .. } => Some(
                "another mlops-path is writing; if none is running, set MLOPS_PATH_LOCK_TIMEOUT to wait longer"
                    .into(),
            ),
            Self::UnknownRoadmap { installed, .. } => {
                let mlops = mlops.without_roadmap();
                Some(if installed.is_empty() {
                    format!("the built-in roadmap is `mlops` and none is installed; pass a path to a roadmap file, or install one with `{mlops} roadmap install FILE`")
                } else {
                    format!(
                        "installed: {}; `{mlops} roadmap list` shows every roadmap, and a path to a roadmap file works too",
                        installed.join(", ")
                    )
                })
            }
            Self::BuiltInRoadmap { .. } => Some(
                "give your roadmap another id; the built-in one is always there".into(),
            ),
            Self::SharedDataDir { dir, .. } => Some(format!(
                "chmod 700 {}; in a directory others can write to, a planted link could redirect the write",
                dir.display()
            )),
            Self::BorrowedRoadmapId { .. }
            | Self::BadDefaultRoadmap { .. }
            | Self::RoadmapExists { .. } => self.roadmap_hint(mlops),
            Self::LabDirNotEmpty { .. }
            | Self::NoLabPack { .. }
            | Self::NotALabDir { .. }
            | Self::UntrustedChecks { .. }
            | Self::LabFailed { .. }
            | Self::CouldNotCheck { .. } => self.lab_hint(),
            Self::LabTool(e) => e.hint(),
            Self::Io { cause, .. }
                if matches!(
                    cause.kind(),
                    io::ErrorKind::StorageFull
                        | io::ErrorKind::FileTooLarge
                        | io::ErrorKind::QuotaExceeded
                ) =>
            {
                Some("free some space and run it again; state.json was left as it was".into())
            }
            Self::Io { cause, .. } if cause.kind() == io::ErrorKind::PermissionDenied => {
                Some("check the permissions of the data directory, or choose another with --data-dir".into())
            }
            _ => None,
        }
    }

    /// The hints of the roadmap choices' failures.
    fn roadmap_hint(&self, mlops: &Invocation) -> Option<String> {
        match self {
            Self::BorrowedRoadmapId { id, .. } => Some(format!(
                "give the file its own \"id\", such as \"{id}-mine\"; progress is kept per roadmap id"
            )),
            Self::BadDefaultRoadmap { .. } => Some(format!(
                "`{} roadmap use ID` chooses one again; `{} roadmap use --default` goes back to the built-in one",
                mlops.without_roadmap(),
                mlops.without_roadmap()
            )),
            Self::RoadmapExists { .. } => {
                Some("pass --force to replace it; progress recorded under this id is kept".into())
            }
            _ => None,
        }
    }

    /// The hints of the lab commands' failures.
    fn lab_hint(&self) -> Option<String> {
        match self {
            Self::LabDirNotEmpty { .. } => Some(
                "choose another with --dir, or pass --force to add the starter beside what is there; a file you changed is never overwritten".into(),
            ),
            Self::NoLabPack { .. } => Some(
                "it can only be self-reported: `mlops-path done STEP`; `mlops-path lab list` shows the checked labs".into(),
            ),
            Self::NotALabDir { .. } => Some(
                "run it inside a directory made by `mlops-path lab start STEP`, or name the lab: `mlops-path check STEP --dir DIR`".into(),
            ),
            Self::UntrustedChecks { origin, .. } => Some(format!(
                "read them with `mlops-path lab validate {origin}`, then trust them for one run with `mlops-path check --trust`, or for good by installing the roadmap with `mlops-path roadmap install FILE --trust-checks`; file, json and http checks need no trust"
            )),
            Self::LabFailed { .. } => Some("fix the first failure above and run `mlops-path check` again; `mlops-path lab hint` helps".into()),
            Self::CouldNotCheck { .. } => Some("the messages above say what was missing; this is not a verdict on your work".into()),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
