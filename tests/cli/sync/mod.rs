//! Sync through real git: bare repositories in a temporary directory, `file://` only
//! (`GIT_ALLOW_PROTOCOL=file`), no system config, a private `HOME`, no network.

mod driver;
mod machines;
mod refusals;
mod team;

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use crate::common::{BIN, Run, TestEnv};

/// A bare remote and the git configuration every machine of a test shares.
pub struct Net {
    temp: TempDir,
    pub remote: PathBuf,
    pub url: String,
}

/// Set in CI, so that a missing git fails instead of skipping.
const REQUIRE_GIT: &str = "MLOPS_PATH_TEST_REQUIRE_GIT";

impl Net {
    /// `None` (the test skips, saying so) when git is not installed.
    pub fn new() -> Option<Self> {
        let found = Command::new("git")
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success());
        if !found {
            assert!(std::env::var_os(REQUIRE_GIT).is_none(), "git not found");
            eprintln!("skipped: git not found");
            return None;
        }
        let temp = tempfile::tempdir().unwrap();
        std::fs::write(
            temp.path().join("gitconfig"),
            "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgSign = false\n[user]\n\tname = Test\n\temail = test@example.invalid\n",
        )
        .unwrap();
        let remote = temp.path().join("remote.git");
        let net = Self {
            url: format!("file://{}", remote.display()),
            remote,
            temp,
        };
        net.git(
            net.temp.path(),
            &["init", "--quiet", "--bare", "remote.git"],
        );
        Some(net)
    }

    pub fn root(&self) -> &Path {
        self.temp.path()
    }

    /// The variables every git and every machine of this test runs with.
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        vec![
            ("GIT_CONFIG_NOSYSTEM", "1".into()),
            (
                "GIT_CONFIG_GLOBAL",
                self.temp.path().join("gitconfig").display().to_string(),
            ),
            ("GIT_ALLOW_PROTOCOL", "file".into()),
            ("GIT_TERMINAL_PROMPT", "0".into()),
            ("LC_ALL", "C".into()),
            ("MLOPS_PATH_SYNC_TIMEOUT", "30".into()),
        ]
    }

    /// Runs git in `dir`; it must succeed. Returns its stdout, trimmed.
    #[track_caller]
    pub fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.temp.path())
            .envs(self.vars())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim_end().to_owned()
    }

    /// The remote's branch tip, or an empty string while it has none.
    pub fn tip(&self) -> String {
        let out = Command::new("git")
            .args(["rev-parse", "-q", "--verify", "refs/heads/main"])
            .current_dir(&self.remote)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// A new machine: its own data directory and home, and this test's git settings.
    pub fn machine(&self) -> Machine<'_> {
        Machine {
            env: TestEnv::new(),
            net: self,
        }
    }

    /// Commits `bytes` as `history.json` on the remote from a plain clone of the test's own;
    /// returns the commit's short hash.
    pub fn push_history(&self, bytes: &[u8], message: &str) -> String {
        let work = self.temp.path().join("hand-clone");
        if !work.exists() {
            self.git(
                self.temp.path(),
                &["clone", "--quiet", &self.url, "hand-clone"],
            );
        }
        self.git(&work, &["pull", "--quiet", "--ff-only"]);
        std::fs::write(work.join("history.json"), bytes).unwrap();
        self.git(&work, &["add", "history.json"]);
        self.git(&work, &["commit", "--quiet", "-m", message]);
        self.git(&work, &["push", "--quiet", "origin", "HEAD:main"]);
        self.git(&work, &["rev-parse", "--short", "HEAD"])
    }
}

pub struct Machine<'n> {
    pub env: TestEnv,
    net: &'n Net,
}

impl Machine<'_> {
    /// The git settings of this test, for processes started by hand.
    pub fn net_vars(&self) -> Vec<(&'static str, String)> {
        self.net.vars()
    }

    pub fn command(&self) -> assert_cmd::Command {
        let mut command = self.env.command();
        command.envs(self.net.vars());
        command
    }

    #[track_caller]
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command().args(args).output().expect("the binary runs"))
    }

    /// With more variables set.
    #[track_caller]
    pub fn run_with(&self, vars: &[(&str, String)], args: &[&str]) -> Run {
        let mut command = self.command();
        for (name, value) in vars {
            command.env(name, value);
        }
        Run::from(command.args(args).output().expect("the binary runs"))
    }

    /// The same machine with its clock at `now`.
    #[track_caller]
    pub fn run_at(&self, now: &str, args: &[&str]) -> Run {
        Run::from(
            self.command()
                .env("MLOPS_PATH_NOW", now)
                .args(args)
                .output()
                .expect("the binary runs"),
        )
    }

    #[track_caller]
    pub fn init(&self) -> Run {
        self.run(&["sync", "init", &self.net.url]).success()
    }

    #[track_caller]
    pub fn sync(&self) -> Run {
        self.run(&["sync"]).success()
    }

    pub fn clone_dir(&self) -> PathBuf {
        self.env.data_dir().join("sync")
    }

    pub fn state(&self) -> Vec<u8> {
        self.env.state_bytes().expect("state.json exists")
    }

    /// `status --json`, which every machine must agree on.
    pub fn status(&self) -> String {
        self.run(&["status", "--json"]).success().stdout
    }

    /// The clone holds no unmerged paths and no conflict markers.
    #[track_caller]
    pub fn assert_clean_clone(&self) {
        assert_eq!(self.net.git(&self.clone_dir(), &["ls-files", "-u"]), "");
        let history = std::fs::read_to_string(self.clone_dir().join("history.json")).unwrap();
        assert!(!history.contains("<<<<<<<") && !history.contains(">>>>>>>"));
        assert_eq!(
            history.as_bytes(),
            self.state(),
            "history.json is the state"
        );
    }
}

/// Every machine holds the same bytes and shows the same status.
#[track_caller]
pub fn assert_agree(machines: &[&Machine]) {
    let (first, rest) = machines.split_first().unwrap();
    first.assert_clean_clone();
    for machine in rest {
        machine.assert_clean_clone();
        assert_eq!(
            String::from_utf8_lossy(&machine.state()),
            String::from_utf8_lossy(&first.state())
        );
        assert_eq!(machine.status(), first.status());
    }
}

/// Writes an executable shell script (a test hook or a stand-in program) and returns its path.
pub fn script(net: &Net, name: &str, body: &str) -> PathBuf {
    let path = net.root().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    path
}

/// The binary's path, for hooks that run it as another machine.
pub fn bin() -> &'static str {
    BIN
}
