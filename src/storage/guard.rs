//! Refusals before a write: a data directory others can write to, a lock file that is not
//! a regular file. Either would let someone else decide where a write lands, or hang it.

use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use crate::error::{Error, Result};

/// As ssh refuses key files others can write: in a group- or world-writable directory a
/// planted symbolic link at `state.json` or `state.lock` would make a writer (root, say)
/// create or replace a file anywhere.
pub(super) fn refuse_shared_dir(dir: &Path) -> Result<()> {
    let mode = fs::metadata(dir)
        .map_err(|e| Error::io("cannot look at", dir, e))?
        .permissions()
        .mode();
    if mode & 0o022 != 0 {
        return Err(Error::SharedDataDir {
            dir: dir.to_owned(),
            mode: mode & 0o7777,
        });
    }
    Ok(())
}

/// Opening a FIFO at `state.lock` would block past any timeout, and a device is no lock:
/// anything there but a regular file (or nothing) is refused.
pub(super) fn refuse_odd_lock_file(path: &Path) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => Err(Error::io(
            "cannot lock with",
            path,
            std::io::Error::other(
                "not a regular file; move it away, and mlops-path makes a new one",
            ),
        )),
        _ => Ok(()),
    }
}

/// Opens a lock file (`state.lock`, `sync.lock`), creating it private, after refusing
/// anything there that is not a regular file.
pub(super) fn open_lock_file(path: &Path) -> Result<File> {
    refuse_odd_lock_file(path)?;
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| Error::io("cannot open the lock file", path, e))
}
