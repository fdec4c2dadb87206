//! What doctor says of a data directory that does not exist yet: whether the first change
//! can create it, with whatever parents are missing.

use std::fs;
use std::path::Path;

use super::Check;

/// The check for a missing `dir`, looking up to its nearest existing ancestor.
pub fn missing_dir_check(dir: &Path) -> Check {
    let mut missing = dir;
    let mut ancestor = dir.parent();
    while let Some(parent) = ancestor {
        if fs::symlink_metadata(parent).is_ok() {
            break;
        }
        missing = parent;
        ancestor = parent.parent();
    }
    match ancestor.map(fs::metadata) {
        Some(Ok(meta)) if !meta.is_dir() => Check::problem(
            "data directory",
            format!(
                "{} cannot be created: {} is not a directory",
                dir.display(),
                ancestor.unwrap_or(dir).display()
            ),
            "choose another directory with --data-dir",
        ),
        _ if missing == dir => Check::ok(
            "data directory",
            format!(
                "{} does not exist yet; the first change creates it",
                dir.display()
            ),
        ),
        _ => Check::ok(
            "data directory",
            format!(
                "{} does not exist yet, nor does {}; the first change creates them (0700)",
                dir.display(),
                missing.display()
            ),
        ),
    }
}
