//! One `sync`: fetch, merge under the state lock, commit on the fetched tip, push without
//! force, and start again when another machine pushed first (at most five rounds).

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::error::SyncError;
use super::git::Git;
use super::remote::{self, Theirs};
use super::{Report, Settings, StepChange};
use crate::domain::progress::Progress;
use crate::domain::roadmap::Roadmap;
use crate::error::{Error, Result};
use crate::storage::{HISTORY_FILE, Store};

const ROUNDS: usize = 5;

/// Runs the loop; the caller holds `sync.lock`.
pub fn run(
    store: &Store,
    git: &Git,
    settings: &Settings,
    roadmap: &Roadmap,
    now: DateTime<FixedOffset>,
    on_wait: impl Fn(&Path),
) -> Result<Report> {
    let branch = &settings.branch;
    let tracking = format!("refs/remotes/origin/{branch}");
    for _ in 0..ROUNDS {
        let tip = fetch(store, git, settings, &tracking)?;
        if tip.is_some() && tip == settings.last_sync && unchanged(store, git)? {
            // The clone is already at the tip: only the time of this sync is new.
            record(store, git, None, branch, now)?;
            return Ok(Report::default());
        }
        let theirs = match &tip {
            Some(tip) => Some(remote::read_theirs(git, tip, branch)?),
            None => None,
        };
        let (bytes, mut report) = merge(store, theirs.as_ref(), roadmap, &on_wait)?;
        let new_tip = if theirs.as_ref().is_some_and(|t| t.bytes == bytes) {
            tip.clone()
        } else {
            let message = format!("sync: {} event(s) added", report.sent);
            let commit = remote::commit(store, git, tip.as_deref(), &bytes, &message)?;
            test_hook_before_push();
            if !super::tree::push(git, &commit, branch)? {
                continue;
            }
            report.pushed = true;
            Some(commit)
        };
        record(store, git, new_tip.as_deref(), branch, now)?;
        return Ok(report);
    }
    Err(SyncError::KeptChanging.into())
}

/// Fetches every branch of origin and returns the tip of `tracking`; any failure, the
/// time limit included, is "offline". `--porcelain` (git 2.41) names the tip, which saves
/// a `rev-parse`; an older git is asked again without it.
fn fetch(store: &Store, git: &Git, settings: &Settings, tracking: &str) -> Result<Option<String>> {
    let fetch = |mode: &[&str]| {
        let rest = [
            "--no-tags",
            "--prune",
            "--no-write-fetch-head",
            "origin",
            "+refs/heads/*:refs/remotes/origin/*",
        ];
        let args: Vec<&str> = ["fetch"].iter().chain(mode).chain(&rest).copied().collect();
        git.call(&args, None)
    };
    // --quiet would hide the porcelain lines too.
    let mut result = fetch(&["--porcelain", "--verbose"]);
    let porcelain = match &result {
        Ok(out) if !out.success && out.last_error_line().contains("porcelain") => {
            result = fetch(&["--quiet"]);
            false
        }
        _ => true,
    };
    let failed = match result {
        Ok(out) if out.success && porcelain => return Ok(tip_of(&out.text(), tracking)),
        Ok(out) if out.success => {
            let name = format!("{tracking}^{{commit}}");
            let found = git.call(&["rev-parse", "-q", "--verify", &name], None)?;
            return Ok(found.success.then(|| found.text()));
        }
        Ok(out) => out.last_error_line(),
        Err(SyncError::GitMissing) => return Err(SyncError::GitMissing.into()),
        Err(other) => other.to_string(),
    };
    Err(SyncError::Offline {
        pending: super::pending(store, git, settings)?,
        detail: failed,
    }
    .into())
}

/// The new value of `tracking` in `fetch --porcelain --verbose` output: lines of
/// `<flag> <old> <new> <ref>`, where `-` is a pruned ref.
fn tip_of(porcelain: &str, tracking: &str) -> Option<String> {
    porcelain.lines().find_map(|line| {
        let mut fields = line.split(' ');
        let (flag, _old, new, name) = (
            fields.next()?,
            fields.next()?,
            fields.next()?,
            fields.next()?,
        );
        (name == tracking && flag != "-").then(|| new.to_owned())
    })
}

/// "Nothing new" without parsing: `state.json` and the clone's `history.json` are the
/// same bytes.
fn unchanged(store: &Store, git: &Git) -> Result<bool> {
    let ours = store.state_bytes()?;
    let copy = std::fs::read(git.clone_dir().join(HISTORY_FILE)).ok();
    Ok(ours.is_some() && ours == copy)
}

/// Merges `theirs` into the state under the state lock; returns the merged bytes.
fn merge(
    store: &Store,
    theirs: Option<&Theirs>,
    roadmap: &Roadmap,
    on_wait: &impl Fn(&Path),
) -> Result<(Vec<u8>, Report)> {
    store.update(on_wait, |state| {
        let before = Progress::derive(roadmap, state.events());
        state.rewrite_in_current_format();
        let merged = theirs.map(|t| state.merge(t.state.records()));
        let theirs_ids: HashSet<&str> = theirs.map(|t| remote::ids(&t.state)).unwrap_or_default();
        let after = Progress::derive(roadmap, state.events());
        let changed = roadmap
            .ids()
            .enumerate()
            .filter(|(index, _)| before.status(*index) != after.status(*index))
            .map(|(index, id)| StepChange {
                step: id.to_owned(),
                title: roadmap.step_at(index).title.clone(),
                before: before.status(index),
                after: after.status(index),
            })
            .collect();
        let report = Report {
            sent: state
                .each_record()
                .filter(|r| !theirs_ids.contains(r.id()))
                .count(),
            received: merged.map_or(0, |m| m.new),
            undoing: merged.map_or(0, |m| m.undoing),
            changed,
            pushed: false,
        };
        Ok((state.to_bytes(), report))
    })
}

/// Moves the clone's branch and work tree to `tip` and remembers it as the last sync.
/// The time goes to a file of storage's, not git config: one git call less on every sync.
fn record(
    store: &Store,
    git: &Git,
    tip: Option<&str>,
    branch: &str,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    if let Some(tip) = tip {
        git.ok(&["update-ref", &format!("refs/heads/{branch}"), tip], None)?;
        git.ok(&["read-tree", "-u", "--reset", tip], None)?;
        git.ok(&["config", "mlops-path.lastSync", tip], None)?;
    }
    store.record_sync_time(&now.to_rfc3339())
}

/// Debug builds only: runs `MLOPS_PATH_TEST_BEFORE_PUSH` between the commit and the push of
/// every round, so a test can make another machine push first. Release builds have no hook.
#[cfg(debug_assertions)]
fn test_hook_before_push() {
    const HOOK: &str = "MLOPS_PATH_TEST_BEFORE_PUSH";
    if let Some(program) = std::env::var_os(HOOK) {
        let _ = std::process::Command::new(program)
            .env_remove(HOOK)
            .status();
    }
}

/// Release builds: nothing runs between the commit and the push.
#[cfg(not(debug_assertions))]
fn test_hook_before_push() {}

impl From<SyncError> for Error {
    fn from(error: SyncError) -> Self {
        Error::Sync(error)
    }
}

#[cfg(test)]
mod tests {
    use super::tip_of;

    #[test]
    fn the_tip_is_read_from_porcelain_fetch_output() {
        let out = "= 44be 44be refs/remotes/origin/main\n* 0000 9abc refs/remotes/origin/other\n- 1234 0000 refs/remotes/origin/gone";
        assert_eq!(
            tip_of(out, "refs/remotes/origin/main").as_deref(),
            Some("44be")
        );
        assert_eq!(
            tip_of(out, "refs/remotes/origin/other").as_deref(),
            Some("9abc")
        );
        assert_eq!(tip_of(out, "refs/remotes/origin/gone"), None);
        assert_eq!(tip_of("", "refs/remotes/origin/main"), None);
    }
}
