//! Files the user names for output (`export -o`): never inside the data directory, and never
//! a rename over something that is not a regular file.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

use super::{Store, replace_atomically};
use crate::error::{Error, Result};

impl Store {
    /// Writes `bytes` to `target`, a file the user chose. A path inside the data directory,
    /// however spelled (`..`, symbolic links, a hard link to one of its files), is refused
    /// with exit 2, also before the directory exists. An existing FIFO or device is written
    /// into, as a shell redirection would; a regular file is replaced atomically.
    pub fn write_output(&self, target: &Path, bytes: &[u8]) -> Result<()> {
        self.refuse_inside(target)?;
        match fs::metadata(target) {
            Ok(meta) if !meta.is_file() && !meta.is_dir() => OpenOptions::new()
                .write(true)
                .open(target)
                .and_then(|mut file| file.write_all(bytes).and_then(|()| file.flush()))
                .map_err(|e| Error::io("cannot write", target, e)),
            // A symbolic link stays a link: the file it names is replaced.
            Ok(_) if target.is_symlink() => {
                let real = target
                    .canonicalize()
                    .map_err(|e| Error::io("cannot resolve", target, e))?;
                replace_atomically(&real, bytes)
            }
            _ => replace_atomically(target, bytes),
        }
    }

    fn refuse_inside(&self, target: &Path) -> Result<()> {
        let dir = resolved(&self.dir);
        let inside = resolved(target).starts_with(&dir) || self.hard_link_of_own_file(target);
        if inside {
            return Err(Error::Usage {
                what: format!("--output {}", target.display()),
                detail: format!(
                    "that is inside the data directory {}, whose files only mlops-path writes; choose a file outside it",
                    self.dir.display()
                ),
            });
        }
        Ok(())
    }

    /// A second name for the state, its backup, the lock or an installed roadmap.
    fn hard_link_of_own_file(&self, target: &Path) -> bool {
        let Ok(meta) = fs::metadata(target) else {
            return false;
        };
        if !meta.is_file() || meta.nlink() < 2 {
            return false;
        }
        let same = |path: &Path| {
            fs::metadata(path).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
        };
        let listed = |dir: &Path| -> Vec<PathBuf> {
            fs::read_dir(dir)
                .map(|entries| entries.flatten().map(|e| e.path()).collect())
                .unwrap_or_default()
        };
        // The data directory and its subdirectories (installed roadmaps).
        listed(&self.dir)
            .into_iter()
            .flat_map(|path| {
                let below = if path.is_dir() {
                    listed(&path)
                } else {
                    Vec::new()
                };
                std::iter::once(path).chain(below)
            })
            .any(|path| same(&path))
    }
}

/// `path` made absolute with every symbolic link and `..` resolved, as far as it exists;
/// the part that does not exist yet is appended as written, `..` applied lexically.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let parts: Vec<Component<'_>> = absolute.components().collect();
    for split in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..split].iter().collect();
        if let Ok(mut out) = head.canonicalize() {
            for part in &parts[split..] {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(name) => out.push(name),
                    _ => {}
                }
            }
            return out;
        }
    }
    absolute
}
