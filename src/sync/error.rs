//! What can go wrong while syncing through git, each with its exit code and hint.

use crate::config::Invocation;
use crate::error::{EXIT_FAILURE, EXIT_USAGE};

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("sync needs git; install it or put it on PATH")]
    GitMissing,

    #[error("{what} failed: {detail}")]
    GitFailed { what: String, detail: String },

    #[error("{what} gave no answer within {seconds} s")]
    Timeout { what: String, seconds: u64 },

    #[error("MLOPS_PATH_SYNC_TIMEOUT is {value:?}, not a whole number of seconds from 1")]
    BadTimeout { value: String },

    #[error("cannot use {url:?} as a remote: {why}")]
    BadRemote { url: String, why: &'static str },

    #[error("sync is not set up on this machine")]
    NotSetUp,

    #[error("sync is already set up with {remote}")]
    AlreadySetUp { remote: String },

    #[error("another sync is running (it holds {lock})")]
    Busy { lock: String },

    #[error("offline: {pending} event(s) not yet synced ({detail})")]
    Offline { pending: usize, detail: String },

    #[error("the remote history.json is refused: {detail}; it came with commit {commit}")]
    CorruptRemote { commit: String, detail: String },

    #[error(
        "history.json was written by a newer mlops-path (format {found}); update this machine; it came with commit {commit}"
    )]
    RemoteTooNew { commit: String, found: u64 },

    #[error("the remote has commits but no history.json (branch {branch}, commit {commit})")]
    NoHistory { branch: String, commit: String },

    #[error("the remote kept changing; run sync again")]
    KeptChanging,

    #[error("the push was refused: {detail}")]
    PushRefused { detail: String },

    #[error("cannot reach the team repository: {detail}")]
    TeamOffline { detail: String },

    #[error("this machine follows no team")]
    NoTeam,

    #[error("this machine already follows the team in {dir}")]
    AlreadyInTeam { dir: String },

    #[error(
        "{handle:?} cannot be a handle: use lower-case letters, digits, - and _, starting with a letter or digit, at most 39"
    )]
    BadHandle { handle: String },

    #[error("{url} is not a team repository: {detail}")]
    NotATeam { url: String, detail: String },

    #[error("{url} already has commits; team init needs an empty repository")]
    TeamExists { url: String },

    #[error("this machine publishes nothing to the team: {why}")]
    NotPublishing { why: &'static str },

    #[error("joining shares your progress, so it needs a yes: none was given")]
    NotConfirmed,
}

impl SyncError {
    pub fn code(&self) -> i32 {
        match self {
            Self::BadTimeout { .. }
            | Self::BadRemote { .. }
            | Self::BadHandle { .. }
            | Self::NotConfirmed => EXIT_USAGE,
            _ => EXIT_FAILURE,
        }
    }

    pub fn hint(&self, mlops: &Invocation) -> Option<String> {
        match self {
            Self::NotSetUp => Some(format!(
                "`{mlops} sync init REMOTE` sets it up, with the URL or path of a private git repository"
            )),
            Self::AlreadySetUp { .. } => Some(format!(
                "`{mlops} sync` syncs with it; `{mlops} sync status` shows it"
            )),
            Self::Offline { .. } => Some(format!(
                "nothing was changed; run `{mlops} sync` again when the remote can be reached, or add --best-effort in scripts"
            )),
            Self::CorruptRemote { .. } | Self::RemoteTooNew { .. } => Some(
                "nothing was changed here and nothing was pushed; `git revert` that commit in any clone, then sync again"
                    .into(),
            ),
            Self::Timeout { .. } => Some(
                "MLOPS_PATH_SYNC_TIMEOUT sets the limit in seconds (default 60)".into(),
            ),
            Self::Busy { .. } => Some("wait for it to finish, then sync again".into()),
            Self::NoHistory { .. } => Some(
                "give sync init an empty repository of its own, or one another machine set up".into(),
            ),
            Self::NoTeam => Some(format!(
                "`{mlops} team join REMOTE --as HANDLE` joins one; a lead starts one with `{mlops} team init REMOTE --title TITLE`"
            )),
            Self::NotConfirmed => Some(
                "read what will be shared above; run it in a terminal to answer, or add --yes".into(),
            ),
            Self::NotPublishing { .. } => Some(format!(
                "`{mlops} team status` still shows the team; `{mlops} team join REMOTE --as HANDLE` joins as a member"
            )),
            _ => None,
        }
    }
}
