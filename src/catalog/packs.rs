//! What an installed roadmap brings along: the lab packs its steps name, and the user's
//! trust in their checks, kept beside the roadmap's file in the data directory.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Result;
use crate::storage::installed::{ROADMAPS_DIR, is_trusted, packs_name, trust_path};
use crate::storage::{self, Store, tree};

/// True when `choice` is an installed roadmap whose packs the user trusted.
pub fn packs_trusted(choice: Option<&str>, data_dir: &Path) -> bool {
    choice.is_some_and(|id| is_trusted(data_dir, id))
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
