//! What an installed roadmap brings along: the lab packs its steps name, and the user's
//! trust in their checks, kept beside the roadmap's file in the data directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{ROADMAPS_DIR, installed_path};
use crate::domain::roadmap::is_kebab_case;
use crate::error::Result;
use crate::storage::{self, Store, tree};

/// The lab packs installed with roadmap `id`, at the paths its `lab` fields give.
pub fn packs_dir(data_dir: &Path, id: &str) -> PathBuf {
    data_dir.join(ROADMAPS_DIR).join(packs_name(id))
}

fn packs_name(id: &str) -> String {
    format!("{id}.labs")
}

/// Present when `roadmap install --trust-checks` trusted the packs installed with `id`: it
/// lists what they run, as they were shown to the user.
pub fn trust_path(data_dir: &Path, id: &str) -> PathBuf {
    data_dir.join(ROADMAPS_DIR).join(format!("{id}.trusted"))
}

/// True when `choice` is an installed roadmap whose packs the user trusted.
pub fn packs_trusted(choice: Option<&str>, data_dir: &Path) -> bool {
    choice.is_some_and(|id| {
        is_kebab_case(id)
            && installed_path(data_dir, id).is_file()
            && trust_path(data_dir, id).is_file()
    })
}

/// What comes with a roadmap: its lab packs' files (paths relative to the roadmap file),
/// and, when the user trusted their checks, the record of what they were shown.
#[derive(Debug, Default)]
pub struct Companions {
    pub packs: BTreeMap<String, Vec<u8>>,
    pub trust: Option<Vec<u8>>,
}

/// The packs, then the trust: trust is never left standing over packs it did not see.
pub(super) fn install_companions(store: &Store, id: &str, companions: &Companions) -> Result<()> {
    let trust = trust_path(store.dir(), id);
    if trust.exists() {
        storage::remove_durably(&trust)?;
    }
    let roadmaps = store.dir().join(ROADMAPS_DIR);
    tree::replace_tree(&roadmaps, &packs_name(id), &companions.packs)?;
    if let Some(record) = &companions.trust {
        storage::replace_atomically(&trust, record)?;
    }
    Ok(())
}
