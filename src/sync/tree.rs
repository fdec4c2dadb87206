//! Plumbing on a team clone: read files from the fetched tip's tree (never through a work
//! tree, so a symbolic link is just an entry), and commit paths on the tip and push, again
//! when another member pushed first.

use super::error::SyncError;
use super::git::{Git, Output};
use crate::error::Result;
use crate::storage::MAX_STATE_BYTES;

const ROUNDS: usize = 5;

/// One entry of `ls-tree -l`.
pub struct Entry {
    pub mode: String,
    pub size: Option<u64>,
    pub path: String,
}

/// Fetches every branch (a fetch of one branch an empty repository lacks would fail);
/// `Err` with git's last line when the remote cannot be reached.
pub fn fetch(git: &Git) -> Result<(), SyncError> {
    let out = git.call(
        &[
            "fetch",
            "--quiet",
            "--no-tags",
            "--prune",
            "--no-write-fetch-head",
            "origin",
            "+refs/heads/*:refs/remotes/origin/*",
        ],
        None,
    )?;
    if out.success {
        Ok(())
    } else {
        Err(SyncError::TeamOffline {
            detail: out.last_error_line(),
        })
    }
}

/// The fetched tip, if the branch has one.
pub fn tip(git: &Git, branch: &str) -> Result<Option<String>, SyncError> {
    let name = format!("refs/remotes/origin/{branch}^{{commit}}");
    let out = git.call(&["rev-parse", "-q", "--verify", &name], None)?;
    Ok(out.success.then(|| out.text()))
}

/// The bytes of `path` at `tip`, `None` when it is not there; refused over the size limit.
pub fn read(git: &Git, tip: &str, path: &str) -> Result<Option<Vec<u8>>, SyncError> {
    let object = format!("{tip}:{path}");
    let size = git.call(&["cat-file", "-s", &object], None)?;
    if !size.success {
        return Ok(None);
    }
    if size.text().parse::<u64>().unwrap_or(u64::MAX) > MAX_STATE_BYTES {
        return Err(SyncError::GitFailed {
            what: format!("reading {path}"),
            detail: format!("it is over {MAX_STATE_BYTES} bytes"),
        });
    }
    Ok(Some(git.ok(&["cat-file", "blob", &object], None)?.stdout))
}

/// The entries directly under `dir/` at `tip`.
pub fn list(git: &Git, tip: &str, dir: &str) -> Result<Vec<Entry>, SyncError> {
    let out = git.ok(
        &["ls-tree", "-l", "-z", tip, "--", &format!("{dir}/")],
        None,
    )?;
    Ok(out
        .stdout
        .split(|b| *b == 0)
        .filter(|line| !line.is_empty())
        .filter_map(|line| {
            let line = String::from_utf8_lossy(line);
            let (meta, path) = line.split_once('\t')?;
            let mut fields = meta.split_whitespace();
            let mode = fields.next()?.to_owned();
            let size = fields.nth(2).and_then(|s| s.parse().ok());
            Some(Entry {
                mode,
                size,
                path: path.to_owned(),
            })
        })
        .collect())
}

/// The day (`YYYY-MM-DD`) of the last commit at `tip` that changed `path`.
pub fn changed_on(git: &Git, tip: &str, path: &str) -> Option<String> {
    git.ok(&["log", "-1", "--format=%cs", tip, "--", path], None)
        .ok()
        .map(|out| out.text())
        .filter(|day| !day.is_empty())
}

/// What a commit changes: a path and its new bytes, or `None` to delete it.
pub type Change = (String, Option<Vec<u8>>);

/// Commits `changes` on the fetched tip and pushes without force, fetching and starting
/// again when another member pushed first. `git` carries the author, committer and dates.
/// Returns `false` when the tip already holds exactly these files: nothing to commit.
pub fn commit_and_push(git: &Git, branch: &str, changes: &[Change], message: &str) -> Result<bool> {
    for _ in 0..ROUNDS {
        fetch(git)?;
        let tip = tip(git, branch)?;
        let mut same = tip.is_some();
        if let Some(tip) = &tip {
            for (path, bytes) in changes {
                same &= read(git, tip, path)? == *bytes;
            }
        }
        if same {
            return Ok(false);
        }
        match &tip {
            Some(tip) => git.ok(&["read-tree", tip], None)?,
            None => git.ok(&["read-tree", "--empty"], None)?,
        };
        for (path, bytes) in changes {
            match bytes {
                Some(bytes) => {
                    let blob = git
                        .ok(
                            &["hash-object", "-w", "--no-filters", "--stdin"],
                            Some(bytes),
                        )?
                        .text();
                    let info = format!("100644,{blob},{path}");
                    git.ok(&["update-index", "--add", "--cacheinfo", &info], None)?;
                }
                None => {
                    git.ok(&["update-index", "--force-remove", "--", path], None)?;
                }
            }
        }
        let tree = git.ok(&["write-tree"], None)?.text();
        let mut args = vec!["commit-tree", tree.as_str(), "-m", message];
        if let Some(tip) = &tip {
            args.extend(["-p", tip.as_str()]);
        }
        let commit = git.ok(&args, None)?.text();
        if push(git, &commit, branch)? {
            git.ok(
                &["update-ref", &format!("refs/heads/{branch}"), &commit],
                None,
            )?;
            return Ok(true);
        }
    }
    Err(SyncError::KeptChanging.into())
}

/// Pushes `commit` to `branch` without force; `false` when another push came first.
pub fn push(git: &Git, commit: &str, branch: &str) -> Result<bool, SyncError> {
    let refspec = format!("{commit}:refs/heads/{branch}");
    let out = git.call(
        &["push", "--porcelain", "--quiet", "origin", &refspec],
        None,
    )?;
    if out.success {
        return Ok(true);
    }
    refused_unless_raced(&out)?;
    Ok(false)
}

/// After a failed `push --porcelain`: `Ok` when another push came first (the branch moved,
/// or the remote's ref was locked by that push), the refusal otherwise.
fn refused_unless_raced(out: &Output) -> Result<(), SyncError> {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let refused = stdout.lines().find(|line| line.starts_with('!'));
    let raced = refused.is_some_and(|line| {
        line.contains("[rejected]")
            || (line.contains("[remote rejected]")
                && (line.contains("cannot lock ref") || line.contains("failed to update ref")))
    });
    if raced {
        return Ok(());
    }
    Err(SyncError::PushRefused {
        detail: refused.map_or_else(|| out.last_error_line(), |line| line.trim().to_owned()),
    })
}
