//! Writing a file so a crash leaves the old bytes or the new, never a mix: the temporary
//! file beside the target, its naming, its cleanup, and removal that survives a power cut.

use std::fs::{self, File};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub(super) const TEMP_PREFIX: &str = ".state.json.";
pub(super) const TEMP_SUFFIX: &str = ".tmp";

/// Leftover temporary files (`.state.json.<random>.tmp`) in `dir`.
pub(super) fn stale_temp_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
        })
        .map(|entry| entry.path())
        .collect()
}

/// Temporary file, fsync, rename over `target`, fsync the directory: readers see the old
/// bytes or the new ones, never a mix. For any file the program writes, not only the state.
pub fn replace_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .map_err(|e| Error::io("cannot create a temporary file in", dir, e))?;
    // The owner and group of the file replaced (a new one takes the directory's): a `sudo`
    // run must not leave the user's files to root. Only root can change them; others keep
    // their own, so a failure here is no reason to stop.
    if let Ok(owner) = fs::metadata(target).or_else(|_| fs::metadata(dir)) {
        let _ = std::os::unix::fs::fchown(temp.as_file(), Some(owner.uid()), Some(owner.gid()));
    }
    // Named by its target: the temporary name means nothing to the user, and is gone on error.
    temp.as_file_mut()
        .write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::io("cannot write", target, e))?;
    temp.persist(target)
        .map_err(|e| Error::io("cannot replace", target, e.error))?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io("cannot sync the directory", dir, e))
}

/// Removes `target` and fsyncs its directory, so the removal survives a power cut.
pub fn remove_durably(target: &Path) -> Result<()> {
    fs::remove_file(target).map_err(|e| Error::io("cannot remove", target, e))?;
    let dir = target.parent().unwrap_or(Path::new("."));
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io("cannot sync the directory", dir, e))
}
