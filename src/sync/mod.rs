//! Sync through git: the user's `git` moves the bytes, the union by id merges the events.
//!
//! The clone lives in the data directory (`storage::SYNC_DIR`) and holds one file that
//! matters, `history.json`: the state, byte for byte. Nothing here runs unless `sync` is
//! asked for; every other command stays offline.

mod doctor;
pub mod error;
pub mod git;
mod remote;
mod round;
pub mod team;
mod tree;

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::domain::progress::StepStatus;
use crate::domain::roadmap::Roadmap;
use crate::error::Result;
use crate::storage::{self, HISTORY_FILE, Store};
pub use doctor::checks as doctor_checks;
pub use error::SyncError;
use git::Git;

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Events the remote lacked.
    pub sent: usize,
    /// Events this machine lacked, and how many of them undo something.
    pub received: usize,
    pub undoing: usize,
    /// Steps of the followed roadmap whose status the merge changed.
    pub changed: Vec<StepChange>,
    pub pushed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepChange {
    pub step: String,
    pub title: String,
    pub before: StepStatus,
    pub after: StepStatus,
}

/// `sync status`: read from the clone alone, without the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub remote: String,
    pub branch: String,
    pub last_sync: Option<String>,
    pub last_sync_commit: Option<String>,
    /// Local events not in the `history.json` last pushed or fetched.
    pub pending: usize,
}

/// The clone's settings, kept in its git config.
#[derive(Debug, Clone)]
struct Settings {
    branch: String,
    last_sync: Option<String>,
}

/// `sync init REMOTE`: clones `remote` into the data directory, then syncs once.
pub fn init(
    store: &Store,
    remote: &str,
    roadmap: &Roadmap,
    now: DateTime<FixedOffset>,
    on_wait: impl Fn(&Path),
) -> Result<Report> {
    git::check_remote(remote)?;
    let remote = &git::absolute_remote(remote);
    let timeout = git::timeout_from_env()?;
    let _lock = lock(store)?;
    let target = store.sync_dir();
    if target.exists() {
        let git = Git::new(target, store.dir().to_owned(), timeout);
        return Err(SyncError::AlreadySetUp {
            remote: remote_url(&git).unwrap_or_else(|_| "an unreadable remote".into()),
        }
        .into());
    }
    // Cloned aside and renamed into place: a failed clone leaves nothing behind.
    let temp = tempfile::Builder::new()
        .prefix(".sync-init.")
        .tempdir_in(store.dir())
        .map_err(|e| crate::error::Error::io("cannot create a directory in", store.dir(), e))?;
    let git = Git::new(temp.path().to_owned(), store.dir().to_owned(), timeout);
    let args = [
        "clone",
        "--quiet",
        "--no-checkout",
        "--no-tags",
        "--",
        remote,
        ".",
    ];
    git.ok(&args, None)?;
    let branch = if git
        .call(&["rev-parse", "-q", "--verify", "HEAD^{commit}"], None)?
        .success
    {
        let branch = git.ok(&["symbolic-ref", "--short", "HEAD"], None)?.text();
        let branch = branch.strip_prefix("heads/").unwrap_or(&branch).to_owned();
        let has_history = git.call(&["cat-file", "-e", &format!("HEAD:{HISTORY_FILE}")], None)?;
        if !has_history.success {
            let commit = git.ok(&["rev-parse", "--short", "HEAD"], None)?.text();
            return Err(SyncError::NoHistory { branch, commit }.into());
        }
        branch
    } else {
        git.ok(&["symbolic-ref", "HEAD", "refs/heads/main"], None)?;
        "main".to_owned()
    };
    git.ok(&["config", "mlops-path.branch", &branch], None)?;
    let path = temp.keep();
    std::fs::rename(&path, &target)
        .map_err(|e| crate::error::Error::io("cannot move the clone to", &target, e))?;
    let git = Git::new(target, store.dir().to_owned(), timeout);
    let settings = settings(&git)?;
    round::run(store, &git, &settings, roadmap, now, on_wait)
}

/// `sync`: one full round trip with the remote.
pub fn sync(
    store: &Store,
    roadmap: &Roadmap,
    now: DateTime<FixedOffset>,
    on_wait: impl Fn(&Path),
) -> Result<Report> {
    let timeout = git::timeout_from_env()?;
    let _lock = lock(store)?;
    let git = open(store, timeout)?;
    let settings = settings(&git)?;
    round::run(store, &git, &settings, roadmap, now, on_wait)
}

/// `sync status`: what the clone knows, without the network.
pub fn status(store: &Store) -> Result<Status> {
    let git = open(store, git::timeout_from_env()?)?;
    let settings = settings(&git)?;
    Ok(Status {
        remote: remote_url(&git)?,
        pending: pending(store, &git, &settings)?,
        branch: settings.branch,
        last_sync: store.last_sync_time(),
        last_sync_commit: settings.last_sync,
    })
}

/// The events of `state.json` the last synced `history.json` lacks.
fn pending(store: &Store, git: &Git, settings: &Settings) -> Result<usize> {
    let ours = store.read()?;
    let Some(last) = &settings.last_sync else {
        return Ok(ours.record_count());
    };
    let synced = git.ok(
        &["cat-file", "blob", &format!("{last}:{HISTORY_FILE}")],
        None,
    )?;
    let synced = storage::parse(Path::new(HISTORY_FILE), &synced.stdout)?;
    let ids: HashSet<&str> = remote::ids(&synced);
    Ok(ours.each_record().filter(|r| !ids.contains(r.id())).count())
}

fn lock(store: &Store) -> Result<std::fs::File> {
    store.try_sync_lock()?.ok_or_else(|| {
        SyncError::Busy {
            lock: store
                .dir()
                .join(storage::SYNC_LOCK_FILE)
                .display()
                .to_string(),
        }
        .into()
    })
}

/// The clone, which must have been made by `sync init`.
fn open(store: &Store, timeout: Duration) -> Result<Git> {
    let dir = store.sync_dir();
    if !dir.join(".git").is_dir() {
        return Err(SyncError::NotSetUp.into());
    }
    Ok(Git::new(dir, store.dir().to_owned(), timeout))
}

fn remote_url(git: &Git) -> Result<String, SyncError> {
    Ok(git
        .ok(&["config", "--get", "remote.origin.url"], None)?
        .text())
}

/// One `git config` call for every setting.
fn settings(git: &Git) -> Result<Settings, SyncError> {
    let out = git.call(&["config", "--get-regexp", r"^mlops-path\."], None)?;
    let mut settings = Settings {
        branch: String::new(),
        last_sync: None,
    };
    for line in out.text().lines() {
        let (key, value) = line.split_once(' ').unwrap_or((line, ""));
        let value = value.to_owned();
        match key {
            "mlops-path.branch" => settings.branch = value,
            "mlops-path.lastsync" => settings.last_sync = Some(value),
            _ => {}
        }
    }
    if settings.branch.is_empty() {
        return Err(SyncError::GitFailed {
            what: "reading the clone's settings".into(),
            detail: "mlops-path.branch is not set".into(),
        });
    }
    Ok(settings)
}
