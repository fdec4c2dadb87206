//! The remote side of a sync round: reading the tip's `history.json` strictly, and writing
//! a commit on the tip with plumbing (no hooks, no user merge settings, no work tree).

use std::collections::HashSet;
use std::path::Path;

use super::error::SyncError;
use super::git::Git;
use crate::domain::history::RecordRef;
use crate::error::Error;
use crate::storage::{self, HISTORY_FILE, MAX_STATE_BYTES, State};

/// Written with the first commit, for clones made by hand.
const GITATTRIBUTES: &str = "history.json text eol=lf merge=mlops-path\n";
const README: &str = "# mlops-path history\n\n\
This repository is written by `mlops-path sync`; do not edit it.\n\n\
`history.json` is the learning history of one person, one event per line, with notes and\n\
full times. Keep the repository private.\n";

/// The tip's `history.json`: its bytes and what they hold.
pub struct Theirs {
    pub bytes: Vec<u8>,
    pub state: State,
}

/// Reads `tip:history.json`, refusing before anything is written what no machine should
/// merge: a missing file, one over the size limit, conflict markers, bad JSON or shape,
/// and a newer format. Every refusal names the commit that brought the file.
pub fn read_theirs(git: &Git, tip: &str, branch: &str) -> Result<Theirs, SyncError> {
    let object = format!("{tip}:{HISTORY_FILE}");
    let size = git.call(&["cat-file", "-s", &object], None)?;
    if !size.success {
        return Err(SyncError::NoHistory {
            branch: branch.to_owned(),
            commit: short(git, tip),
        });
    }
    let size: u64 = size.text().parse().unwrap_or(u64::MAX);
    let corrupt = |detail: String| SyncError::CorruptRemote {
        commit: brought_by(git, tip),
        detail,
    };
    if size > MAX_STATE_BYTES {
        return Err(corrupt(format!(
            "it is {size} bytes, more than the {MAX_STATE_BYTES} bytes a history may hold"
        )));
    }
    let bytes = git.ok(&["cat-file", "blob", &object], None)?.stdout;
    if let Some(line) = conflict_marker(&bytes) {
        return Err(corrupt(format!(
            "it has git conflict markers (line {line})"
        )));
    }
    match storage::parse(Path::new(HISTORY_FILE), &bytes) {
        Ok(state) => Ok(Theirs { bytes, state }),
        Err(Error::StateTooNew { found, .. }) => Err(SyncError::RemoteTooNew {
            commit: brought_by(git, tip),
            found,
        }),
        Err(Error::CorruptState { detail, .. }) => Err(corrupt(detail)),
        Err(other) => Err(corrupt(other.to_string())),
    }
}

/// The line number of the first line a text merge left as a conflict marker.
fn conflict_marker(bytes: &[u8]) -> Option<usize> {
    bytes
        .split(|b| *b == b'\n')
        .position(|line| {
            [b"<<<<<<<", b"=======", b">>>>>>>"]
                .iter()
                .any(|marker| line.starts_with(*marker))
        })
        .map(|index| index + 1)
}

/// `abc1234 Alice 2026-03-10 message`: the last commit that changed `history.json`.
fn brought_by(git: &Git, tip: &str) -> String {
    git.ok(
        &[
            "log",
            "-1",
            "--no-show-signature",
            "--date=short",
            "--format=%h %an %ad %s",
            tip,
            "--",
            HISTORY_FILE,
        ],
        None,
    )
    .map(|out| out.text())
    .ok()
    .filter(|text| !text.is_empty())
    .unwrap_or_else(|| short(git, tip))
}

fn short(git: &Git, commit: &str) -> String {
    git.ok(&["rev-parse", "--short", commit], None)
        .map_or_else(|_| commit.to_owned(), |out| out.text())
}

/// The ids of a history, for counting what was sent and what is not yet pushed.
pub fn ids(state: &State) -> HashSet<&str> {
    state.each_record().map(RecordRef::id).collect()
}

/// Writes `history.json` (and, on a first commit, `.gitattributes` and the README) into the
/// clone and commits the tree on `tip` with plumbing; returns the new commit.
pub fn commit(
    store: &storage::Store,
    git: &Git,
    tip: Option<&str>,
    bytes: &[u8],
    message: &str,
) -> Result<String, SyncError> {
    let clone = git.clone_dir();
    let mut files: Vec<(&str, &[u8])> = vec![(HISTORY_FILE, bytes)];
    if tip.is_none() {
        files.push((".gitattributes", GITATTRIBUTES.as_bytes()));
        files.push(("README.md", README.as_bytes()));
    }
    match tip {
        Some(tip) => git.ok(&["read-tree", tip], None)?,
        None => git.ok(&["read-tree", "--empty"], None)?,
    };
    for (name, content) in files {
        store
            .write_in_clone(&clone.join(name), content)
            .map_err(|e| SyncError::GitFailed {
                what: "writing the clone".into(),
                detail: e.to_string(),
            })?;
        let blob = git
            .ok(&["hash-object", "-w", "--no-filters", "--", name], None)?
            .text();
        let info = format!("100644,{blob},{name}");
        git.ok(&["update-index", "--add", "--cacheinfo", &info], None)?;
    }
    let tree = git.ok(&["write-tree"], None)?.text();
    // Commit dates in UTC: the offset would say where the machine was.
    let git = git.with_env("TZ", "UTC");
    let identity = if git.call(&["var", "GIT_AUTHOR_IDENT"], None)?.success {
        Vec::new()
    } else {
        // No identity configured: commit-tree would refuse. The history is the content.
        vec![
            "-c",
            "user.name=mlops-path",
            "-c",
            "user.email=mlops-path@mlops-path.invalid",
        ]
    };
    let mut args = identity;
    args.extend(["commit-tree", &tree, "-m", message]);
    if let Some(tip) = tip {
        args.extend(["-p", tip]);
    }
    Ok(git.ok(&args, None)?.text())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_markers_are_found_by_line() {
        assert_eq!(conflict_marker(b"{\n<<<<<<< HEAD\n"), Some(2));
        assert_eq!(conflict_marker(b"{\n  \"a\": \"=======\"\n}"), None);
        assert_eq!(conflict_marker(b">>>>>>> theirs"), Some(1));
    }
}
