//! The learner's lab directory: its marker file, the starter written by `lab start`, and
//! `lab reset`, which moves changed files aside rather than deleting them.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::pack::Pack;
use crate::error::{Error, Result};

/// The marker, as exercism's `.exercism/metadata.json`: which roadmap and lab this is.
pub const MARKER_DIR: &str = ".mlops-path";
pub const MARKER_FILE: &str = "lab.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    pub roadmap: String,
    pub step: String,
    pub lab: String,
}

pub fn marker_path(dir: &Path) -> PathBuf {
    dir.join(MARKER_DIR).join(MARKER_FILE)
}

/// The marker of `dir`, or `None` when it is not a lab directory.
pub fn read_marker(dir: &Path) -> Result<Option<Marker>> {
    let path = marker_path(dir);
    match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::Usage {
                what: format!("{} is not a lab marker", path.display()),
                detail: e.to_string(),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("cannot read", path, e)),
    }
}

#[derive(Debug, Default)]
pub struct Written {
    /// Starter files written.
    pub written: Vec<String>,
    /// Files the learner changed, left as they are.
    pub kept: Vec<String>,
    /// Files moved aside by a reset, and where to.
    pub moved: Vec<String>,
    pub backup: Option<PathBuf>,
}

/// Writes the starter into `dir` and the marker; never overwrites a file that differs.
pub fn start(pack: &Pack, marker: &Marker, dir: &Path, force: bool) -> Result<Written> {
    if !force && is_non_empty(dir)? {
        return Err(Error::LabDirNotEmpty {
            path: dir.to_owned(),
        });
    }
    let mut report = Written::default();
    for (path, bytes) in pack.under("starter") {
        let target = dir.join(path);
        match fs::symlink_metadata(&target) {
            Ok(meta) if meta.is_file() && fs::read(&target).is_ok_and(|b| b == bytes) => {}
            Ok(_) => report.kept.push(path.to_owned()),
            Err(_) => {
                write(&target, bytes)?;
                report.written.push(path.to_owned());
            }
        }
    }
    let text = serde_json::to_vec_pretty(marker).expect("a marker serializes");
    write(&marker_path(dir), &text)?;
    Ok(report)
}

/// Restores the starter: each changed starter file moves to `.mlops-path/reset-<stamp>/`.
pub fn reset(pack: &Pack, dir: &Path, stamp: &str) -> Result<Written> {
    let backup = dir.join(MARKER_DIR).join(format!("reset-{stamp}"));
    let mut report = Written::default();
    for (path, bytes) in pack.under("starter") {
        let target = dir.join(path);
        if let Ok(meta) = fs::symlink_metadata(&target) {
            if meta.is_file() && fs::read(&target).is_ok_and(|b| b == bytes) {
                continue;
            }
            let aside = backup.join(path);
            if let Some(parent) = aside.parent() {
                fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
            }
            fs::rename(&target, &aside).map_err(|e| Error::io("cannot move aside", &target, e))?;
            report.moved.push(path.to_owned());
            report.backup = Some(backup.clone());
        }
        write(&target, bytes)?;
        report.written.push(path.to_owned());
    }
    Ok(report)
}

fn is_non_empty(dir: &Path) -> Result<bool> {
    match fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_some()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io("cannot read", dir, e)),
    }
}

fn write(target: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
    }
    fs::write(target, bytes).map_err(|e| Error::io("cannot write", target, e))
}
