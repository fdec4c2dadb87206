//! The roadmap in use by default, chosen with `roadmap use ID`: one id in
//! `<data dir>/default-roadmap`, written like every other file here (under the lock,
//! atomically). Reading it never creates anything.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Store, remove_durably, replace_atomically};
use crate::domain::roadmap::is_kebab_case;
use crate::error::{Error, Result};

pub const DEFAULT_ROADMAP_FILE: &str = "default-roadmap";

impl Store {
    fn default_roadmap_path(&self) -> PathBuf {
        self.dir().join(DEFAULT_ROADMAP_FILE)
    }

    /// The id `roadmap use` chose, if any. A file that holds no valid id is refused, not
    /// ignored: following another roadmap without a word would record progress in the
    /// wrong place.
    pub fn default_roadmap(&self) -> Result<Option<String>> {
        let path = self.default_roadmap_path();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            // A data directory that is a file is refused where the state is read, by name.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(None);
            }
            Err(e) => return Err(Error::io("cannot read", &path, e)),
        };
        let id = text.trim();
        if !is_kebab_case(id) {
            return Err(Error::BadDefaultRoadmap { path });
        }
        Ok(Some(id.to_owned()))
    }

    /// Makes `id` the default, or goes back to the built-in default with `None`.
    pub fn set_default_roadmap(&self, id: Option<&str>, on_wait: impl FnOnce(&Path)) -> Result<()> {
        let path = self.default_roadmap_path();
        self.with_lock(on_wait, || match id {
            Some(id) => replace_atomically(&path, format!("{id}\n").as_bytes()),
            None if path.exists() => remove_durably(&path),
            None => Ok(()),
        })
    }
}
