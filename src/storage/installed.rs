//! The installed roadmaps' part of the data directory, `roadmaps/`: each roadmap's file
//! `<id>.json`, its lab packs `<id>.labs/` and the user's trust in them `<id>.trusted`.
//! Storage names them so that nothing else decides where they live.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::roadmap::is_kebab_case;
use crate::error::{Error, Result};

/// The folder of installed roadmaps, inside the data directory.
pub const ROADMAPS_DIR: &str = "roadmaps";

pub fn installed_path(data_dir: &Path, id: &str) -> PathBuf {
    data_dir.join(ROADMAPS_DIR).join(format!("{id}.json"))
}

/// The name of the folder of lab packs installed with roadmap `id`, inside `roadmaps/`.
pub fn packs_name(id: &str) -> String {
    format!("{id}.labs")
}

/// The lab packs installed with roadmap `id`, at the paths its `lab` fields give.
pub fn packs_dir(data_dir: &Path, id: &str) -> PathBuf {
    data_dir.join(ROADMAPS_DIR).join(packs_name(id))
}

/// Present when `roadmap install --trust-checks` trusted the packs installed with `id`: it
/// lists what they run, as they were shown to the user.
pub fn trust_path(data_dir: &Path, id: &str) -> PathBuf {
    data_dir.join(ROADMAPS_DIR).join(format!("{id}.trusted"))
}

/// True when `id` names an installed roadmap.
pub fn is_installed(data_dir: &Path, id: &str) -> bool {
    is_kebab_case(id) && installed_path(data_dir, id).is_file()
}

/// True when `id` is installed and the user trusted its packs' checks.
pub fn is_trusted(data_dir: &Path, id: &str) -> bool {
    is_installed(data_dir, id) && trust_path(data_dir, id).is_file()
}

/// Ids of the installed roadmaps, sorted; none when the folder does not exist.
pub fn installed_ids(data_dir: &Path) -> Result<Vec<String>> {
    let dir = data_dir.join(ROADMAPS_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io("cannot list", dir, e)),
    };
    let mut ids = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("cannot list", &dir, e))?;
        let name = entry.file_name();
        // Temporary files start with a dot and end in .tmp, so they never match.
        if let Some(id) = name.to_str().and_then(|n| n.strip_suffix(".json"))
            && is_kebab_case(id)
        {
            ids.push(id.to_owned());
        }
    }
    ids.sort();
    Ok(ids)
}

/// The bytes of the roadmap installed at `path`, or `None` when nothing is there.
pub fn read_installed(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("cannot read the roadmap", path, e)),
    }
}
