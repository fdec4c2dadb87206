//! Every failure a user can cause or meet, with its exit code and a hint.

use std::io;
use std::path::PathBuf;

use crate::domain::lookup::LookupError;
use crate::domain::when::WhenError;

mod hint;

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
}

// The domain's own errors, worded here with the rest so a message or hint is in one place.
impl From<LookupError> for Error {
    fn from(error: LookupError) -> Self {
        match error {
            LookupError::UnknownStep { query, suggestions } => {
                Self::UnknownStep { query, suggestions }
            }
            LookupError::AmbiguousStep { query, candidates } => {
                Self::AmbiguousStep { query, candidates }
            }
            LookupError::UnknownSection {
                query,
                suggestions,
                sections,
            } => Self::UnknownSection {
                query,
                suggestions,
                sections,
            },
        }
    }
}

impl From<WhenError> for Error {
    fn from(error: WhenError) -> Self {
        match error {
            WhenError::BadDate { input } => Self::BadDate { input },
            WhenError::FutureAt { input, at, now } => Self::FutureAt { input, at, now },
            WhenError::OutOfRange { what, detail } => Self::Usage { what, detail },
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
