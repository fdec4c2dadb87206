//! Setting up a team clone: `team init` for the lead, `team join` for a member. Clones are
//! made aside and renamed into `teams/` only when they are kept.

use std::path::PathBuf;

use chrono::NaiveDate;
use tempfile::TempDir;

use super::{BRANCH, README, TEAM_FILE, Team, as_author, open};
use crate::domain::team::{TeamConfig, valid_handle};
use crate::error::{Error, Result};
use crate::storage::{self, Store};
use crate::sync::error::SyncError;
use crate::sync::git::{self, Git};
use crate::sync::tree::{self, Change};

/// A team cloned aside, not yet followed: `join` shows what will be shared first.
pub struct Joining {
    temp: TempDir,
    pub config: TeamConfig,
    url: String,
    handle: String,
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

pub(super) fn followed(store: &Store) -> Option<PathBuf> {
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
    let url = git::absolute_remote(remote);
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
    let url = git::absolute_remote(remote);
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
