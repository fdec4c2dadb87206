//! `check --watch`: notices when the learner's files change by polling their sizes and
//! modification times, so it needs no notification crate, no thread and no privileges, and
//! works the same on every file system.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, SystemTime};

/// Directories whose changes are not the learner's work: environments, caches, VCS data.
pub const IGNORED: &[&str] = &[
    ".venv",
    "venv",
    ".git",
    ".mlops-path",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    "node_modules",
];

/// A lab directory is small; past this many entries the rest is not watched.
const MAX_ENTRIES: usize = 20_000;
/// How often the directory is looked at.
const POLL: Duration = Duration::from_millis(250);
/// How long the files must stay unchanged before the checks rerun: an editor's save or a
/// training run writes several files in a row.
const SETTLE: Duration = Duration::from_millis(400);

/// Every entry under a directory with its size and modification time.
pub type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

/// What `dir` holds now. Symlinks are recorded as links and never followed, so a link to
/// a large or distant tree is not walked.
pub fn snapshot(dir: &Path) -> Snapshot {
    let mut seen = Snapshot::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            if seen.len() >= MAX_ENTRIES {
                return seen;
            }
            let name = entry.file_name();
            if IGNORED.iter().any(|ignored| name == *ignored) {
                continue;
            }
            let Ok(meta) = fs::symlink_metadata(entry.path()) else {
                continue;
            };
            if meta.is_dir() {
                pending.push(entry.path());
            }
            seen.insert(entry.path(), (meta.len(), meta.modified().ok()));
        }
    }
    seen
}

/// Waits until `dir` differs from `before` and then holds still for a moment; returns it
/// as it is then.
pub fn wait_for_change(dir: &Path, before: &Snapshot) -> Snapshot {
    let mut last = loop {
        sleep(POLL);
        let now = snapshot(dir);
        if &now != before {
            break now;
        }
    };
    loop {
        sleep(SETTLE);
        let now = snapshot(dir);
        if now == last {
            return now;
        }
        last = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_skips_environments_and_does_not_follow_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("train.py"), "x").unwrap();
        fs::create_dir_all(root.join(".venv/lib")).unwrap();
        fs::write(root.join(".venv/lib/big.py"), "y").unwrap();
        fs::create_dir(root.join("src")).unwrap();
        fs::write(root.join("src/model.py"), "z").unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("far.txt"), "far").unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join("link")).unwrap();

        let names: Vec<String> = snapshot(root)
            .keys()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["link", "src", "src/model.py", "train.py"]);
    }

    #[test]
    fn a_changed_size_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.json"), "1").unwrap();
        let before = snapshot(dir.path());
        assert_eq!(snapshot(dir.path()), before);
        fs::write(dir.path().join("a.json"), "12").unwrap();
        assert_ne!(snapshot(dir.path()), before);
    }
}
