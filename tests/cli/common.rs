//! The one test environment every integration test goes through.
//!
//! It fixes everything that could make output vary: the data directory, the clock
//! (`MLOPS_PATH_NOW`), the time zone, the terminal width and colour.

// Not every test file uses every helper.
#![allow(dead_code)]

mod outcome;

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use assert_cmd::Command;
use tempfile::TempDir;

use crate::synth::Rng;

/// Tuesday 10 March 2026, 09:00 in Berlin.
pub const NOW: &str = "2026-03-10T09:00:00+01:00";
pub const TZ: &str = "Europe/Berlin";
pub const BIN: &str = env!("CARGO_BIN_EXE_mlops-path");

pub struct TestEnv {
    temp: TempDir,
    data_dir: PathBuf,
    now: String,
    tz: String,
}

impl TestEnv {
    pub fn new() -> Self {
        let temp = tempfile::tempdir().expect("temporary directory");
        let data_dir = temp.path().join("data");
        Self {
            temp,
            data_dir,
            now: NOW.to_owned(),
            tz: TZ.to_owned(),
        }
    }

    /// The same environment with the clock at `now`.
    pub fn at(&mut self, now: &str) -> &mut Self {
        now.clone_into(&mut self.now);
        self
    }

    pub fn tz(&mut self, tz: &str) -> &mut Self {
        tz.clone_into(&mut self.tz);
        self
    }

    pub fn root(&self) -> &Path {
        self.temp.path()
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn state_path(&self) -> PathBuf {
        self.data_dir.join("state.json")
    }

    /// The binary with a clean, fixed environment.
    pub fn command(&self) -> Command {
        self.command_via(&[])
    }

    /// The binary run through `wrapper` (for example `setpriv ... --`), with the same environment.
    pub fn command_via(&self, wrapper: &[&str]) -> Command {
        let mut command = Command::from_std(self.command_std_via(wrapper));
        command.timeout(std::time::Duration::from_secs(60));
        command
    }

    /// The same environment as a plain `std::process::Command`, for tests that spawn
    /// several processes at once.
    pub fn command_std(&self) -> std::process::Command {
        self.command_std_via(&[])
    }

    fn command_std_via(&self, wrapper: &[&str]) -> std::process::Command {
        let mut command = match wrapper.split_first() {
            None => std::process::Command::new(BIN),
            Some((program, args)) => {
                let mut command = std::process::Command::new(program);
                command.args(args).arg(BIN);
                command
            }
        };
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.temp.path())
            .env("MLOPS_PATH_DATA_DIR", &self.data_dir)
            .env("MLOPS_PATH_NOW", &self.now)
            .env("TZ", &self.tz)
            .env("COLUMNS", "100")
            .env("NO_COLOR", "1")
            .current_dir(self.temp.path());
        command
    }

    /// The binary as a plain process, for tests that start many or kill them; output discarded.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut command = self.command_std();
        command
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    }

    #[track_caller]
    pub fn run_via(&self, wrapper: &[&str], args: &[&str]) -> Run {
        Run::from(
            self.command_via(wrapper)
                .args(args)
                .output()
                .expect("the binary runs"),
        )
    }

    #[track_caller]
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command().args(args).output().expect("the binary runs"))
    }

    /// Records a sequence of commands, each of which must succeed.
    #[track_caller]
    pub fn record(&self, commands: &[&[&str]]) {
        for args in commands {
            self.run(args).success();
        }
    }

    pub fn state_bytes(&self) -> Option<Vec<u8>> {
        std::fs::read(self.state_path()).ok()
    }

    pub fn state(&self) -> serde_json::Value {
        serde_json::from_slice(&self.state_bytes().expect("state.json exists"))
            .expect("state.json is JSON")
    }

    /// Every record of `state.json` as written, `id` and `seq` included.
    pub fn records(&self) -> Vec<serde_json::Value> {
        let state = self.state();
        assert_eq!(state["format"], 2, "state.json is written in format 2");
        state["events"].as_array().expect("events array").clone()
    }

    /// The records without their `id` and `seq`, which are checked here: every id is 16
    /// lowercase hex characters and unique, every `seq` a whole number from 1.
    pub fn events(&self) -> Vec<serde_json::Value> {
        let mut ids = std::collections::HashSet::new();
        self.records()
            .into_iter()
            .map(|mut record| {
                let fields = record.as_object_mut().expect("records are objects");
                let id = fields.remove("id").expect("every record has an id");
                let id = id.as_str().expect("ids are strings").to_owned();
                assert!(
                    id.len() == 16
                        && id
                            .bytes()
                            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
                    "{id:?} is 16 lowercase hex characters"
                );
                assert!(ids.insert(id), "ids are unique");
                let seq = fields.remove("seq").expect("every record has a seq");
                assert!(
                    seq.as_u64().is_some_and(|seq| seq >= 1),
                    "seq {seq} is from 1"
                );
                record
            })
            .collect()
    }

    pub fn write_state(&self, bytes: impl AsRef<[u8]>) {
        std::fs::create_dir_all(&self.data_dir).unwrap();
        std::fs::write(self.state_path(), bytes).unwrap();
    }

    /// The names in the data directory, sorted; empty when it does not exist.
    pub fn files(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.data_dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Temporary files a write left behind in the data directory.
    pub fn temp_files(&self) -> Vec<String> {
        self.files()
            .into_iter()
            .filter(|n| {
                n.starts_with(".state.json.")
                    && Path::new(n).extension().is_some_and(|e| e == "tmp")
            })
            .collect()
    }

    /// Makes the temporary files look two minutes old, as a killed writer's become: only
    /// those are removed by the next change.
    pub fn age_temp_files(&self) {
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
        for name in self.temp_files() {
            std::fs::File::options()
                .write(true)
                .open(self.data_dir.join(name))
                .and_then(|file| file.set_modified(then))
                .expect("temporary file can be aged");
        }
    }

    /// Every file of the data directory with its bytes: to show that nothing changed.
    pub fn snapshot_files(&self) -> Vec<(String, Vec<u8>)> {
        self.files()
            .into_iter()
            .map(|name| {
                let bytes = std::fs::read(self.data_dir.join(&name)).unwrap_or_default();
                (name, bytes)
            })
            .collect()
    }

    /// Takes the write lock as another mlops-path would; released when the file is dropped.
    pub fn hold_lock(&self) -> std::fs::File {
        std::fs::create_dir_all(&self.data_dir).unwrap();
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.data_dir.join("state.lock"))
            .unwrap();
        lock.try_lock().expect("the lock is free");
        lock
    }

    /// Stdout or stderr with this environment's paths replaced, for snapshots. A whole run
    /// is rendered by [`TestEnv::outcome`].
    pub fn redact(&self, text: &str) -> String {
        text.replace(&self.data_dir.display().to_string(), "[DATA]")
            .replace(&self.temp.path().display().to_string(), "[ROOT]")
    }
}

/// A seeded generator, from `MLOPS_PATH_TEST_SEED` when set, else from the clock; prints
/// the seed, so a failing run can be repeated.
pub fn seeded_rng(test: &str) -> Rng {
    let seed = std::env::var("MLOPS_PATH_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            u64::try_from(nanos % u128::from(u64::MAX)).unwrap()
        });
    eprintln!("{test}: seed {seed} (MLOPS_PATH_TEST_SEED={seed} repeats this run)");
    Rng::new(seed)
}

/// True when this test runs as root, which ignores permission bits.
pub fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// Runs as root without the capabilities that bypass permission bits, so a read-only
/// directory is read-only for the binary too. Empty when not root.
pub fn without_root_powers() -> &'static [&'static str] {
    if is_root() {
        &[
            "setpriv",
            "--bounding-set=-dac_override,-dac_read_search,-fowner",
            "--",
        ]
    } else {
        &[]
    }
}

/// For tests in a subfolder of `tests/cli/`: keeps their snapshots with the others in
/// `tests/cli/snapshots/`.
pub fn in_shared_snapshots(assert: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.bind(assert);
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn success(self) -> Self {
        self.code(0)
    }

    #[track_caller]
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_empty(self) -> Self {
        assert_eq!(self.stdout, "", "stdout should be empty");
        self
    }

    #[track_caller]
    pub fn stderr_empty(self) -> Self {
        assert_eq!(self.stderr, "", "stderr should be empty");
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}
