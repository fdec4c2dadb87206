//! Checked labs: the engine with tiny packs written here (no Python needed), and the
//! built-in labs, whose starters must fail and solutions pass.

mod builtin;
mod builtin_ops;
mod checked_packs;
mod clean;
mod commands;
mod container_labs;
mod container_solutions;
mod docker;
mod docker_daemon;
mod engine;
mod installed;
mod kube;
mod tools;
mod watch;

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{Run, TestEnv};

/// A roadmap file with one lab step whose pack, `pack/`, holds `manifest_checks`.
pub struct LabEnv {
    pub env: TestEnv,
    pub roadmap: PathBuf,
    pub pack: PathBuf,
    pub lab: PathBuf,
}

impl LabEnv {
    pub fn new(checks: &str) -> Self {
        Self::with_env(checks, "[]")
    }

    pub fn with_env(checks: &str, env_names: &str) -> Self {
        let env = TestEnv::new();
        let root = env.root().to_owned();
        let roadmap = root.join("roadmap.json");
        fs::write(
            &roadmap,
            r#"{"id": "tiny", "title": "Tiny", "sections": [{"id": "s", "title": "S", "steps": [
              {"id": "reading", "title": "Reading", "kind": "concept", "minutes": 5, "summary": ""},
              {"id": "lab-tiny", "title": "Tiny lab", "kind": "lab", "minutes": 5, "summary": "",
               "requires": ["reading"], "lab": "pack"}]}]}"#,
        )
        .unwrap();
        let pack = root.join("pack");
        for dir in ["starter", "solution", "checks", "hints"] {
            fs::create_dir_all(pack.join(dir)).unwrap();
        }
        fs::write(
            pack.join("lab.json"),
            format!(
                r#"{{"id": "tiny", "title": "Tiny lab", "format_version": 1, "tier": "python",
                  "level": "beginner", "minutes": 5, "step": "lab-tiny", "env": {env_names},
                  "checks": {checks}}}"#
            ),
        )
        .unwrap();
        fs::write(pack.join("README.md"), "# Tiny lab\n\nWrite answer.json.\n").unwrap();
        fs::write(pack.join("hints/1.md"), "First hint.\n").unwrap();
        fs::write(pack.join("hints/2.md"), "Second hint.\n").unwrap();
        fs::write(pack.join("starter/answer.json"), "{\"answer\": 0}\n").unwrap();
        fs::write(pack.join("solution/answer.json"), "{\"answer\": 42}\n").unwrap();
        let lab = root.join("work");
        Self {
            env,
            roadmap,
            pack,
            lab,
        }
    }

    /// The binary with `--roadmap` set to the tiny roadmap.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut all = vec!["--roadmap", self.roadmap.to_str().unwrap()];
        all.extend_from_slice(args);
        self.env.run(&all)
    }

    pub fn start(&self) -> Run {
        self.run(&[
            "lab",
            "start",
            "lab-tiny",
            "--dir",
            self.lab.to_str().unwrap(),
        ])
    }

    pub fn check(&self, extra: &[&str]) -> Run {
        let mut args = vec!["check", "lab-tiny", "--dir", self.lab.to_str().unwrap()];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn write(&self, path: &str, text: &str) {
        let target = self.lab.join(path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, text).unwrap();
    }
}

/// A roadmap file with the four beginner labs, whose packs are `roadmap/labs/` (linked
/// beside it). Until they join the built-in roadmap they are reached this way, trusted
/// with `--trust`.
pub fn beginner_labs_roadmap(env: &TestEnv) -> PathBuf {
    let link = env.root().join("labs");
    if !link.exists() {
        std::os::unix::fs::symlink(labs_dir(), &link).unwrap();
    }
    let steps: Vec<String> = ["lab-baseline-model", "lab-data-contract", "lab-mlflow-tracking", "lab-fastapi-serve"]
        .iter()
        .map(|id| {
            format!(
                r#"{{"id": "{id}", "title": "{id}", "kind": "lab", "minutes": 40, "summary": "", "lab": "labs/{id}"}}"#
            )
        })
        .collect();
    let roadmap = env.root().join("beginner-labs.json");
    fs::write(
        &roadmap,
        format!(
            r#"{{"id": "beginner-labs", "title": "Beginner labs", "sections": [{{"id": "labs", "title": "Labs", "steps": [{}]}}]}}"#,
            steps.join(",")
        ),
    )
    .unwrap();
    roadmap
}

pub fn labs_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/roadmap/labs"))
}

/// Assertions on a run by reference, for several in a row.
pub trait Said {
    fn says_err(&self, needle: &str) -> &Self;
    fn says_out(&self, needle: &str) -> &Self;
}

impl Said for Run {
    #[track_caller]
    fn says_err(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    fn says_out(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }
}
