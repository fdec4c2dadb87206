//! Finding, loading, installing and removing roadmaps: built into the binary, installed in
//! `<data dir>/roadmaps/<id>.json`, or a JSON file the user names.
//!
//! Every roadmap read from a file goes through the same validation, so an invalid one stops
//! any command with the same messages. Installed files change only under the state lock,
//! through `storage::replace_atomically`; reading never creates anything.

use std::path::{Path, PathBuf};

use crate::domain::roadmap::{BUILT_IN, DEFAULT_ROADMAP, Roadmap, RoadmapFile, is_kebab_case};
use crate::domain::roadmap_json::read_roadmap;
use crate::domain::validate::{Location, Problem};
use crate::error::{Error, Result};
use crate::input;
use crate::storage::installed::{
    ROADMAPS_DIR, installed_ids, installed_path, is_installed, packs_dir, read_installed,
};
use crate::storage::{self, Store};

mod packs;
use packs::install_companions;
pub use packs::{Companions, packs_trusted};

/// The roadmap `choice` names: a built-in id, an installed id, or a path to a file; the
/// default when `None`. An id wins over a file of the same name in the current directory.
pub fn load(choice: Option<&str>, data_dir: &Path) -> Result<Roadmap> {
    let choice = choice.unwrap_or(DEFAULT_ROADMAP);
    if let Some(roadmap) = Roadmap::built_in(choice) {
        return Ok(roadmap);
    }
    if is_kebab_case(choice) {
        if is_installed(data_dir, choice) {
            return load_installed(&installed_path(data_dir, choice), choice).map(Roadmap::new);
        }
        if !Path::new(choice).exists() {
            return Err(Error::UnknownRoadmap {
                id: choice.to_owned(),
                installed: installed_ids(data_dir)?,
            });
        }
    }
    let path = Path::new(choice);
    let file = read_file(path)?;
    refuse_borrowed_id(path, &file.id, data_dir)?;
    Ok(Roadmap::new(file))
}

/// The built-in or installed roadmap `id`, for titles in the log; `None` when there is no
/// such roadmap or it cannot be loaded (its events still show, by step id).
pub fn load_known(id: &str, data_dir: &Path) -> Option<Roadmap> {
    if let Some(roadmap) = Roadmap::built_in(id) {
        return Some(roadmap);
    }
    is_installed(data_dir, id)
        .then(|| {
            load_installed(&installed_path(data_dir, id), id)
                .ok()
                .map(Roadmap::new)
        })
        .flatten()
}

/// A file with the id of a built-in or installed roadmap would record under that id: its
/// progress and `undo` would reach the other roadmap's events. The installed file itself,
/// named by its path, is no borrower.
fn refuse_borrowed_id(path: &Path, id: &str, data_dir: &Path) -> Result<()> {
    let installed = installed_path(data_dir, id);
    let owner = if Roadmap::built_in(id).is_some() {
        "built-in"
    } else if is_installed(data_dir, id) && !same_file(path, &installed) {
        "installed"
    } else {
        return Ok(());
    };
    Err(Error::BorrowedRoadmapId {
        path: path.to_owned(),
        id: id.to_owned(),
        owner,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// Where the roadmap `load` finds for `choice` lives, for paths relative to it (lab
/// packs); `None` for a built-in one.
pub fn source_dir(choice: Option<&str>, data_dir: &Path) -> Option<PathBuf> {
    let choice = choice.unwrap_or(DEFAULT_ROADMAP);
    if BUILT_IN.iter().any(|(id, _)| *id == choice) {
        return None;
    }
    if is_installed(data_dir, choice) {
        return Some(packs_dir(data_dir, choice));
    }
    let parent = Path::new(choice).parent().unwrap_or(Path::new(""));
    Some(if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent.to_owned()
    })
}

/// Reads, parses and validates a roadmap file; any problem stops the command.
pub fn load_file(path: &Path) -> Result<Roadmap> {
    read_file(path).map(Roadmap::new)
}

/// A valid roadmap file, or `Error::InvalidRoadmap` with every problem.
pub fn read_file(path: &Path) -> Result<RoadmapFile> {
    check_file(path)?.map_err(|problems| invalid(path, &problems))
}

/// The roadmap in `path`, or every problem in it; `Err` only when it cannot be read.
pub fn check_file(path: &Path) -> Result<Result<RoadmapFile, Vec<Problem>>> {
    let text = input::read_capped_text(path, input::MAX_ROADMAP_BYTES, "cannot read the roadmap")?;
    Ok(read_roadmap(&text))
}

pub fn invalid(path: &Path, problems: &[Problem]) -> Error {
    Error::InvalidRoadmap {
        path: path.to_owned(),
        problems: problems.iter().map(ToString::to_string).collect(),
    }
}

/// An installed roadmap, which must also carry the id its file is named after.
fn load_installed(path: &Path, id: &str) -> Result<RoadmapFile> {
    let file = read_file(path)?;
    if file.id != id {
        return Err(invalid(
            path,
            &[Problem {
                location: Location::Roadmap,
                field: Some("id"),
                message: format!(
                    "id {:?} does not match the file name; installed roadmaps are named <id>.json",
                    file.id
                ),
            }],
        ));
    }
    Ok(file)
}

/// Where a listed roadmap comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Installed(PathBuf),
}

/// One roadmap of `roadmap list`: loaded, or the error that stops it from loading.
pub struct Listed {
    pub id: String,
    pub origin: Origin,
    pub roadmap: Result<Roadmap>,
}

/// The built-in roadmaps, then the installed ones by id. A broken installed file is listed
/// with its error rather than hiding the others.
pub fn list(data_dir: &Path) -> Result<Vec<Listed>> {
    let mut listed: Vec<Listed> = BUILT_IN
        .iter()
        .filter_map(|(id, _)| Roadmap::built_in(id))
        .map(|roadmap| Listed {
            id: roadmap.id().to_owned(),
            origin: Origin::BuiltIn,
            roadmap: Ok(roadmap),
        })
        .collect();
    for id in installed_ids(data_dir)? {
        let path = installed_path(data_dir, &id);
        listed.push(Listed {
            roadmap: load_installed(&path, &id).map(Roadmap::new),
            id,
            origin: Origin::Installed(path),
        });
    }
    Ok(listed)
}

/// What `install` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    New(PathBuf),
    Replaced(PathBuf),
    Unchanged(PathBuf),
}

/// Copies a validated roadmap (`bytes`, whose meaning is `file`) into the data directory,
/// with its packs and trust, which replace what was there. The same roadmap again leaves
/// the file as it is; a different one with the same id needs `force`.
pub fn install(
    store: &Store,
    file: &RoadmapFile,
    bytes: &[u8],
    companions: &Companions,
    force: bool,
    on_wait: impl FnOnce(&Path),
) -> Result<Installed> {
    if Roadmap::built_in(&file.id).is_some() {
        return Err(Error::BuiltInRoadmap {
            id: file.id.clone(),
            action: "replaced",
        });
    }
    let path = installed_path(store.dir(), &file.id);
    store.with_lock(on_wait, || {
        let outcome = match installed_match(&path, file)? {
            None => Installed::New(path.clone()),
            Some(true) => {
                install_companions(store, &file.id, companions)?;
                return Ok(Installed::Unchanged(path.clone()));
            }
            Some(false) if !force => {
                return Err(Error::RoadmapExists {
                    id: file.id.clone(),
                    path: path.clone(),
                });
            }
            Some(false) => Installed::Replaced(path.clone()),
        };
        store.create_subdir(ROADMAPS_DIR)?;
        storage::replace_atomically(&path, bytes)?;
        install_companions(store, &file.id, companions)?;
        Ok(outcome)
    })
}

/// What is installed under `file`'s id: nothing (`None`), the same roadmap, or another one
/// (a broken file counts as another, so `--force` may replace it).
fn installed_match(path: &Path, file: &RoadmapFile) -> Result<Option<bool>> {
    Ok(read_installed(path)?.map(|bytes| {
        // Not UTF-8: broken.
        String::from_utf8(bytes).is_ok_and(|text| {
            read_roadmap(&text)
                .is_ok_and(|same| same.sections == file.sections && same.title == file.title)
        })
    }))
}

/// The refusal `install` would give, found before any work is reported: a built-in id, or
/// a different roadmap installed under the id without `force`. `install` checks again
/// under the lock.
pub fn check_install(store: &Store, file: &RoadmapFile, force: bool) -> Result<()> {
    if Roadmap::built_in(&file.id).is_some() {
        return Err(Error::BuiltInRoadmap {
            id: file.id.clone(),
            action: "replaced",
        });
    }
    let path = installed_path(store.dir(), &file.id);
    match installed_match(&path, file)? {
        Some(false) if !force => Err(Error::RoadmapExists {
            id: file.id.clone(),
            path,
        }),
        _ => Ok(()),
    }
}

/// Removes an installed roadmap's file; the progress recorded under its id stays.
pub fn remove(store: &Store, id: &str, on_wait: impl FnOnce(&Path)) -> Result<PathBuf> {
    if Roadmap::built_in(id).is_some() {
        return Err(Error::BuiltInRoadmap {
            id: id.to_owned(),
            action: "removed",
        });
    }
    let path = installed_path(store.dir(), id);
    let unknown = || -> Result<Error> {
        Ok(Error::UnknownRoadmap {
            id: id.to_owned(),
            installed: installed_ids(store.dir())?,
        })
    };
    // Checked before locking so that removing a typo creates no data directory.
    if !is_installed(store.dir(), id) {
        return Err(unknown()?);
    }
    store.with_lock(on_wait, || {
        if !is_installed(store.dir(), id) {
            return Err(unknown()?);
        }
        storage::remove_durably(&path)?;
        install_companions(store, id, &Companions::default())?;
        Ok(path.clone())
    })
}
