//! Directories of files the program owns in the data directory (the lab packs of an
//! installed roadmap), replaced as a whole: written under a temporary name, each file and
//! directory fsynced, then renamed into place, so a reader sees the old tree or the new.

use std::collections::BTreeMap;
use std::fs::{self, DirBuilder, File};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Component, Path};

use super::atomic::{TEMP_PREFIX, TEMP_SUFFIX};
use crate::error::{Error, Result};

/// Replaces the directory `dir/name` with `files` (relative paths with `/` → bytes); an
/// empty map removes it. Paths that are not plain relative ones are refused.
pub fn replace_tree(dir: &Path, name: &str, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    let target = dir.join(name);
    if files.is_empty() {
        return remove_tree(&target);
    }
    let temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempdir_in(dir)
        .map_err(|e| Error::io("cannot create a temporary directory in", dir, e))?;
    for (relative, bytes) in files {
        let path = temp.path().join(plain(relative)?);
        if let Some(parent) = path.parent() {
            DirBuilder::new()
                .mode(0o700)
                .recursive(true)
                .create(parent)
                .map_err(|e| Error::io("cannot create", parent, e))?;
        }
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
            .map_err(|e| Error::io("cannot write", &path, e))?;
    }
    sync_dirs(temp.path())?;
    // The old tree steps aside under a temporary name, the new one takes its place, and
    // the old one goes: a crash in between leaves a temporary directory that doctor reports.
    let old = temp.path().with_extension("old.tmp");
    if target.exists() {
        fs::rename(&target, &old).map_err(|e| Error::io("cannot replace", &target, e))?;
    }
    let fresh = temp.keep();
    fs::rename(&fresh, &target).map_err(|e| Error::io("cannot replace", &target, e))?;
    sync(dir)?;
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| Error::io("cannot remove", &old, e))?;
    }
    Ok(())
}

/// Removes `target` and everything in it, durably; nothing there is no error.
pub fn remove_tree(target: &Path) -> Result<()> {
    match fs::remove_dir_all(target) {
        Ok(()) => target.parent().map_or(Ok(()), sync),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("cannot remove", target, e)),
    }
}

/// A pack path as a relative path of normal components only.
fn plain(relative: &str) -> Result<&Path> {
    let path = Path::new(relative);
    let normal =
        !relative.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if normal {
        Ok(path)
    } else {
        Err(Error::LabEscape {
            path: path.to_owned(),
            detail: "a pack file must have a plain relative path".into(),
        })
    }
}

fn sync_dirs(root: &Path) -> Result<()> {
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| Error::io("cannot list", &dir, e))?;
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(entry.path());
            }
        }
        sync(&dir)?;
    }
    Ok(())
}

fn sync(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io("cannot sync the directory", dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        entries
            .iter()
            .map(|(path, text)| ((*path).to_owned(), text.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn a_tree_is_replaced_whole_and_an_empty_one_removed() {
        let dir = tempfile::tempdir().unwrap();
        replace_tree(
            dir.path(),
            "x.labs",
            &files(&[("a/lab.json", "1"), ("a/checks/c.py", "2")]),
        )
        .unwrap();
        replace_tree(dir.path(), "x.labs", &files(&[("b/lab.json", "3")])).unwrap();
        let target = dir.path().join("x.labs");
        assert!(!target.join("a").exists(), "the old tree is gone");
        assert_eq!(fs::read_to_string(target.join("b/lab.json")).unwrap(), "3");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["x.labs"], "no temporary directory is left");
        replace_tree(dir.path(), "x.labs", &BTreeMap::new()).unwrap();
        assert!(!target.exists());
    }

    #[test]
    fn paths_that_leave_the_tree_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../escape", "/abs", "a/../../b", ""] {
            assert!(
                replace_tree(dir.path(), "x.labs", &files(&[(bad, "1")])).is_err(),
                "{bad}"
            );
        }
        assert!(!dir.path().join("escape").exists());
    }
}
