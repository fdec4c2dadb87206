//! Finding and loading roadmaps: built into the binary, or a JSON file the user names.

use std::fs;
use std::path::Path;

use crate::domain::roadmap::{DEFAULT_ROADMAP, Roadmap, RoadmapFile};
use crate::domain::validate::validate;
use crate::error::{Error, Result};

/// The roadmap `choice` names: a built-in id or a path to a file; the default when `None`.
pub fn load(choice: Option<&str>, _data_dir: &Path) -> Result<Roadmap> {
    let choice = choice.unwrap_or(DEFAULT_ROADMAP);
    if let Some(roadmap) = Roadmap::built_in(choice) {
        return Ok(roadmap);
    }
    load_file(Path::new(choice))
}

/// Reads, parses and validates a roadmap file; any problem stops the command.
pub fn load_file(path: &Path) -> Result<Roadmap> {
    let text =
        fs::read_to_string(path).map_err(|e| Error::io("cannot read the roadmap", path, e))?;
    let invalid = |problems: Vec<String>| Error::InvalidRoadmap {
        path: path.to_owned(),
        problems,
    };
    let file: RoadmapFile =
        serde_json::from_str(&text).map_err(|e| invalid(vec![e.to_string()]))?;
    let problems = validate(&file);
    if !problems.is_empty() {
        return Err(invalid(problems.iter().map(ToString::to_string).collect()));
    }
    Ok(Roadmap::new(file))
}
