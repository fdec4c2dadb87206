//! The team repository: `team.json` from the lead, `members/<handle>.json` from each
//! member, one writer per file. The clone lives in `<data dir>/teams/<name>/`; this module
//! moves bytes, and `domain::team` decides what they hold.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::error::SyncError;
use super::git::{self, Git};
use super::tree;
use crate::domain::team::TeamConfig;
use crate::domain::team::table::Published;
use crate::error::Result;
use crate::storage::{self, Store};

mod setup;

use setup::followed;
pub use setup::{Joining, begin_join, init};

pub const TEAM_FILE: &str = "team.json";
pub(super) const MEMBERS_DIR: &str = "members";
const BRANCH: &str = "main";
const README: &str = "# mlops-path team\n\n\
`team.json` is written by the lead; `members/<handle>.json` by that member alone, with\n\
`mlops-path team publish`. Git keeps every version ever pushed.\n";

/// A team this machine follows.
pub struct Team {
    git: Git,
    pub dir: PathBuf,
    /// `None` on the lead's machine, and after `team leave`.
    pub handle: Option<String>,
    pub url: String,
}

/// Everything `team status` reads from the tip.
pub struct Snapshot {
    pub config: TeamConfig,
    /// The pinned roadmap's text, when `team.json` names one.
    pub pinned_roadmap: Option<String>,
    pub files: Vec<Published>,
    /// Set when the fetch failed and the last fetch is shown.
    pub offline: Option<String>,
}

fn member_path(handle: &str) -> String {
    format!("{MEMBERS_DIR}/{handle}.json")
}

/// The team this machine follows.
pub fn open(store: &Store) -> Result<Team> {
    let dir = followed(store).ok_or(SyncError::NoTeam)?;
    let git = Git::new(
        dir.clone(),
        store.dir().to_owned(),
        git::timeout_from_env()?,
    );
    let handle = git
        .call(&["config", "--get", "mlops-path.handle"], None)?
        .success
        .then(|| {
            git.ok(&["config", "--get", "mlops-path.handle"], None)
                .map(|o| o.text())
        })
        .transpose()?;
    let url = git
        .ok(&["config", "--get", "remote.origin.url"], None)?
        .text();
    Ok(Team {
        git,
        dir,
        handle,
        url,
    })
}

/// The committer of a team commit: the handle, at noon UTC of the day, so the history
/// tells neither the time of day nor where the member was.
pub(super) fn as_author(git: &Git, handle: &str, today: NaiveDate) -> Git {
    let email = format!("{handle}@mlops-path.invalid");
    let date = format!("{today}T12:00:00Z");
    git.with_env("GIT_AUTHOR_NAME", handle)
        .with_env("GIT_AUTHOR_EMAIL", &email)
        .with_env("GIT_COMMITTER_NAME", handle)
        .with_env("GIT_COMMITTER_EMAIL", &email)
        .with_env("GIT_AUTHOR_DATE", &date)
        .with_env("GIT_COMMITTER_DATE", &date)
}

impl Team {
    fn member(&self) -> Result<&str, SyncError> {
        self.handle.as_deref().ok_or(SyncError::NotPublishing {
            why: "it follows the team as its lead, or left it",
        })
    }

    /// Fetches and returns `team.json` from the tip.
    pub fn config(&self) -> Result<TeamConfig> {
        let _ = tree::fetch(&self.git);
        let tip = tree::tip(&self.git, BRANCH)?.ok_or(SyncError::NoTeam)?;
        let bytes = tree::read(&self.git, &tip, TEAM_FILE)?.unwrap_or_default();
        TeamConfig::parse(&bytes).map_err(|detail| {
            SyncError::NotATeam {
                url: self.url.clone(),
                detail,
            }
            .into()
        })
    }

    /// The member file now at the tip, for `--dry-run` to compare with.
    pub fn published(&self) -> Result<Option<Vec<u8>>> {
        let handle = self.member()?;
        Ok(match tree::tip(&self.git, BRANCH)? {
            Some(tip) => tree::read(&self.git, &tip, &member_path(handle))?,
            None => None,
        })
    }

    /// Commits the member file when it differs from the tip's; `false` when it does not.
    pub fn publish(&self, bytes: Vec<u8>, today: NaiveDate) -> Result<bool> {
        let handle = self.member()?;
        let changes = [(member_path(handle), Some(bytes))];
        let git = as_author(&self.git, handle, today);
        tree::commit_and_push(&git, BRANCH, &changes, &format!("{handle}: progress"))
    }

    /// Stops publishing; with `remove`, first commits the deletion of the member file.
    pub fn leave(&self, remove: bool, today: NaiveDate) -> Result<bool> {
        let handle = self.member()?.to_owned();
        let removed = if remove {
            let changes = [(member_path(&handle), None)];
            let git = as_author(&self.git, &handle, today);
            tree::commit_and_push(&git, BRANCH, &changes, &format!("{handle}: leaves"))?
        } else {
            false
        };
        self.git
            .ok(&["config", "--unset", "mlops-path.handle"], None)?;
        Ok(removed)
    }

    /// Fetches (unless `offline`), then reads `team.json` and every member file from the
    /// tip's tree. One unreadable file is one error row, never a failed command.
    pub fn snapshot(&self, offline: bool) -> Result<Snapshot> {
        let offline = if offline {
            Some("--offline".to_owned())
        } else {
            tree::fetch(&self.git).err().map(|e| match e {
                SyncError::TeamOffline { detail } => detail,
                other => other.to_string(),
            })
        };
        let tip = tree::tip(&self.git, BRANCH)?.ok_or(SyncError::NoTeam)?;
        let bytes = tree::read(&self.git, &tip, TEAM_FILE)?.unwrap_or_default();
        let config = TeamConfig::parse(&bytes).map_err(|detail| SyncError::NotATeam {
            url: self.url.clone(),
            detail,
        })?;
        let pinned_roadmap = match &config.roadmap_file {
            Some(path) => tree::read(&self.git, &tip, path)?
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
            None => None,
        };
        let files = tree::list(&self.git, &tip, MEMBERS_DIR)?
            .into_iter()
            .filter_map(|entry| {
                let name = entry.path.strip_prefix("members/")?.strip_suffix(".json")?;
                Some(self.member_file(&tip, name.to_owned(), &entry))
            })
            .collect();
        Ok(Snapshot {
            config,
            pinned_roadmap,
            files,
            offline,
        })
    }

    fn member_file(&self, tip: &str, handle: String, entry: &tree::Entry) -> Published {
        let published = tree::changed_on(&self.git, tip, &entry.path)
            .and_then(|day| day.parse::<NaiveDate>().ok());
        let events = if entry.mode == "120000" {
            Err(format!("{} is a symbolic link", entry.path))
        } else if entry
            .size
            .is_none_or(|size| size > storage::MAX_STATE_BYTES)
        {
            Err(format!(
                "{} is not a file within the size limit",
                entry.path
            ))
        } else {
            tree::read(&self.git, tip, &entry.path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    storage::parse(Path::new(&entry.path), &bytes.unwrap_or_default())
                        .map(|state| state.events().to_vec())
                        .map_err(|e| e.to_string())
                })
        };
        Published {
            handle,
            published,
            events,
        }
    }
}
