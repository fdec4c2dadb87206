//! A lab pack's files, from the binary (built in, trusted) or from a directory next to a
//! roadmap file (untrusted until the user says so). Packs are small: all files are read.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::embedded;
use super::manifest::{self, Manifest};
use crate::error::{Error, Result};

pub struct Pack {
    /// The name the step's `lab` field gives.
    pub name: String,
    /// Where it was read from; `None` when built in.
    pub dir: Option<PathBuf>,
    pub trusted: bool,
    /// Path inside the pack, with `/` → contents.
    pub files: BTreeMap<String, Vec<u8>>,
    pub manifest: Manifest,
}

impl Pack {
    pub fn built_in(name: &str) -> Option<Result<Self>> {
        let prefix = format!("{name}/");
        let files: BTreeMap<String, Vec<u8>> = embedded::FILES
            .iter()
            .filter_map(|(path, bytes)| {
                path.strip_prefix(&prefix)
                    .map(|rest| (rest.to_owned(), bytes.to_vec()))
            })
            .collect();
        if files.is_empty() {
            return None;
        }
        Some(Self::from_files(name, None, true, files))
    }

    /// Reads a pack directory, refusing any entry (symlinks included) that leads outside it.
    pub fn from_dir(name: &str, dir: &Path) -> Result<Self> {
        let root = dir
            .canonicalize()
            .map_err(|e| Error::io("cannot open the lab pack", dir, e))?;
        let mut files = BTreeMap::new();
        read_tree(&root, &root, &mut files)?;
        Self::from_files(name, Some(root), false, files)
    }

    fn from_files(
        name: &str,
        dir: Option<PathBuf>,
        trusted: bool,
        files: BTreeMap<String, Vec<u8>>,
    ) -> Result<Self> {
        let place = dir.clone().unwrap_or_else(|| PathBuf::from(name));
        let bad = |problems: Vec<String>| Error::InvalidLab {
            path: place.join("lab.json"),
            problems,
        };
        let text = files
            .get("lab.json")
            .ok_or_else(|| bad(vec!["the pack has no lab.json".into()]))?;
        let manifest: Manifest =
            serde_json::from_slice(text).map_err(|e| bad(vec![e.to_string()]))?;
        let problems = manifest::problems(&manifest, &|path| files.contains_key(path));
        if !problems.is_empty() {
            return Err(bad(problems));
        }
        Ok(Self {
            name: name.to_owned(),
            dir,
            trusted,
            files,
            manifest,
        })
    }

    /// Files under `prefix/`, with the prefix taken off.
    pub fn under<'p>(&'p self, prefix: &str) -> impl Iterator<Item = (&'p str, &'p [u8])> + 'p {
        let prefix = format!("{prefix}/");
        self.files.iter().filter_map(move |(path, bytes)| {
            path.strip_prefix(&prefix)
                .map(|rest| (rest, bytes.as_slice()))
        })
    }

    /// The numbered hints, `hints/1.md`, `hints/2.md`, … in order.
    pub fn hints(&self) -> Vec<&[u8]> {
        (1..)
            .map_while(|n| self.files.get(&format!("hints/{n}.md")))
            .map(Vec::as_slice)
            .collect()
    }

    pub fn brief(&self) -> &[u8] {
        self.files.get("README.md").map_or(&[], Vec::as_slice)
    }

    /// Where the pack is, for messages: its directory, or "built in".
    pub fn origin(&self) -> String {
        self.dir
            .as_ref()
            .map_or_else(|| "built in".into(), |d| d.display().to_string())
    }
}

fn read_tree(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io("cannot read the lab pack", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("cannot read the lab pack", dir, e))?;
        let path = entry.path();
        let name = entry.file_name();
        if name == "__pycache__" || name == ".venv" {
            continue;
        }
        let real = path
            .canonicalize()
            .map_err(|e| Error::io("cannot read the lab pack", &path, e))?;
        if !real.starts_with(root) {
            return Err(Error::LabEscape {
                path,
                detail: "it leads outside the lab pack".into(),
            });
        }
        if real.is_dir() {
            read_tree(root, &real, files)?;
        } else {
            let bytes = fs::read(&real).map_err(|e| Error::io("cannot read", &real, e))?;
            let relative = path.strip_prefix(root).unwrap_or(&path);
            files.insert(relative.to_string_lossy().replace('\\', "/"), bytes);
        }
    }
    Ok(())
}
