//! The team repository: `team.json` from the lead, `members/<handle>.json` from each
//! member, one writer per file. The clone lives in `<data dir>/teams/<name>/`; this module
//! moves bytes, and `domain::team` decides what they hold.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use tempfile::TempDir;

use super::error::SyncError;
use super::git::{self, Git};
use super::tree::{self, Change};
use crate::domain::team::table::Published;
use crate::domain::team::{TeamConfig, valid_handle};
use crate::error::{Error, Result};
use crate::storage::{self, Store};

pub const TEAM_FILE: &str = "team.json";
const MEMBERS_DIR: &str = "members";
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

/// A team cloned aside, not yet followed: `join` shows what will be shared first.
pub struct Joining {
    temp: TempDir,
    pub config: TeamConfig,
    url: String,
    handle: String,
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

/// The directory name of a team: the repository's name, made safe.
fn dir_name(url: &str) -> String {
    let last = url
        .trim_end_matches('/')
        .rsplit(['/', ':'])
        .next()
        .unwrap_or("")
        .trim_end_matches(".git")
        .to_ascii_lowercase();
    let safe: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if valid_handle(&safe) {
        safe
    } else {
        "team".to_owned()
    }
}

/// A local path made absolute from where the user stands; git runs elsewhere.
fn absolute_remote(remote: &str) -> String {
    std::path::absolute(remote)
        .ok()
        .filter(|_| Path::new(remote).exists())
        .and_then(|p| p.to_str().map(str::to_owned))
        .unwrap_or_else(|| remote.to_owned())
}

/// Refuses a second team; `teams/` holds at most one clone.
fn refuse_second(store: &Store) -> Result<()> {
    if let Some(dir) = followed(store) {
        return Err(SyncError::AlreadyInTeam {
            dir: dir.display().to_string(),
        }
        .into());
    }
    Ok(())
}

fn followed(store: &Store) -> Option<PathBuf> {
    std::fs::read_dir(store.teams_dir())
        .ok()?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.join(".git").is_dir())
}

fn clone_aside(store: &Store, url: &str) -> Result<(TempDir, Git)> {
    store.prepare()?;
    let teams = store.teams_dir();
    store.create_subdir(storage::TEAMS_DIR)?;
    let temp = tempfile::Builder::new()
        .prefix(".team-join.")
        .tempdir_in(&teams)
        .map_err(|e| Error::io("cannot create a directory in", &teams, e))?;
    let git = Git::new(
        temp.path().to_owned(),
        store.dir().to_owned(),
        git::timeout_from_env()?,
    );
    let out = git.call(
        &[
            "clone",
            "--quiet",
            "--no-checkout",
            "--no-tags",
            "--",
            url,
            ".",
        ],
        None,
    )?;
    if !out.success {
        return Err(SyncError::TeamOffline {
            detail: out.last_error_line(),
        }
        .into());
    }
    Ok((temp, git))
}

/// Puts a clone made aside in place and records its settings.
fn settle(store: &Store, temp: TempDir, url: &str, handle: Option<&str>) -> Result<Team> {
    let git = Git::new(
        temp.path().to_owned(),
        store.dir().to_owned(),
        git::timeout_from_env()?,
    );
    git.ok(&["config", "mlops-path.branch", BRANCH], None)?;
    if let Some(handle) = handle {
        git.ok(&["config", "mlops-path.handle", handle], None)?;
    }
    let dir = store.teams_dir().join(dir_name(url));
    let path = temp.keep();
    std::fs::rename(&path, &dir)
        .map_err(|e| Error::io("cannot move the team clone to", &dir, e))?;
    open(store)
}

/// `team init`: the lead commits `team.json`, a pinned roadmap if any, and a README to an
/// empty repository, and follows the team without a member file.
pub fn init(
    store: &Store,
    remote: &str,
    config: &TeamConfig,
    pinned: Option<Vec<u8>>,
    today: NaiveDate,
) -> Result<Team> {
    git::check_remote(remote)?;
    let url = absolute_remote(remote);
    refuse_second(store)?;
    let (temp, git) = clone_aside(store, &url)?;
    if git
        .call(&["rev-parse", "-q", "--verify", "HEAD^{commit}"], None)?
        .success
    {
        return Err(SyncError::TeamExists { url }.into());
    }
    let mut changes: Vec<Change> = vec![
        (TEAM_FILE.to_owned(), Some(config.to_bytes())),
        ("README.md".to_owned(), Some(README.as_bytes().to_vec())),
    ];
    if let (Some(path), Some(bytes)) = (&config.roadmap_file, pinned) {
        changes.push((path.clone(), Some(bytes)));
    }
    let message = format!("team: {}", config.title);
    tree::commit_and_push(&as_author(&git, "lead", today), BRANCH, &changes, &message)?;
    settle(store, temp, &url, None)
}

/// `team join`, first half: clones aside and reads `team.json`, so the caller can show
/// what will be shared before anything is kept.
pub fn begin_join(store: &Store, remote: &str, handle: &str) -> Result<Joining> {
    git::check_remote(remote)?;
    if !valid_handle(handle) {
        return Err(SyncError::BadHandle {
            handle: handle.to_owned(),
        }
        .into());
    }
    let url = absolute_remote(remote);
    refuse_second(store)?;
    let (temp, git) = clone_aside(store, &url)?;
    let not_a_team = |detail: String| SyncError::NotATeam {
        url: url.clone(),
        detail,
    };
    let bytes = git
        .call(&["cat-file", "blob", &format!("HEAD:{TEAM_FILE}")], None)?
        .success
        .then_some(())
        .ok_or_else(|| not_a_team("it has no team.json".into()))
        .and_then(|()| {
            Ok(git
                .ok(&["cat-file", "blob", &format!("HEAD:{TEAM_FILE}")], None)?
                .stdout)
        })?;
    let config = TeamConfig::parse(&bytes).map_err(not_a_team)?;
    Ok(Joining {
        temp,
        config,
        url,
        handle: handle.to_owned(),
    })
}

impl Joining {
    /// Keeps the clone: the caller publishes next.
    pub fn finish(self, store: &Store) -> Result<Team> {
        settle(store, self.temp, &self.url, Some(&self.handle))
    }
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
fn as_author(git: &Git, handle: &str, today: NaiveDate) -> Git {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_is_named_after_the_repository() {
        assert_eq!(dir_name("git@github.com:acme/mlops-team.git"), "mlops-team");
        assert_eq!(dir_name("file:///srv/Team Repo/"), "team-repo");
        assert_eq!(dir_name("/"), "team");
    }
}
