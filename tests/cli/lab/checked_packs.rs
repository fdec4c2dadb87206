//! The built-in labs past the beginner four, run as a learner would from the built-in
//! roadmap: the untouched starter fails, our solution passes, a different correct solution
//! passes too (the checks hold the learner to the brief's contract, not to our code), and
//! a typical mistake fails with a message that names it.
//!
//! The interpreter is found as in `builtin.rs`; without one these tests print "skipped"
//! outside CI.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::builtin::python;
use super::labs_dir;
use crate::common::{Run, TestEnv};

/// The packs this file tests.
const PACKS: &[&str] = &[
    "lab-ml-tests",
    "lab-dvc-pipeline",
    "lab-mlflow-registry",
    "lab-kfp-pipeline",
    "lab-onnx-parity",
];

fn fixtures(step: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/labs")
        .join(step)
}

/// One lab directory started from the built-in roadmap.
struct Lab {
    env: TestEnv,
    python: PathBuf,
    step: &'static str,
    dir: PathBuf,
}

impl Lab {
    /// `None` when there is no lab Python (the skip is printed by `python()`).
    fn start(step: &'static str) -> Option<Self> {
        let python = python()?;
        let env = TestEnv::new();
        let dir = env.root().join(step);
        env.run(&["lab", "start", step, "--dir", dir.to_str().unwrap()])
            .success();
        Some(Self {
            env,
            python,
            step,
            dir,
        })
    }

    /// Another fresh directory of the same lab, in the same data directory.
    fn again(&self, name: &str) -> PathBuf {
        let dir = self.env.root().join(name);
        self.env
            .run(&["lab", "start", self.step, "--dir", dir.to_str().unwrap()])
            .success();
        dir
    }

    /// Without the harness's 60 s limit: each check has its own timeout.
    fn check(&self, dir: &Path) -> Run {
        Run::from(
            self.env
                .command_std()
                .env("MLOPS_PATH_LAB_PYTHON", &self.python)
                .args(["check", self.step, "--json", "--dir", dir.to_str().unwrap()])
                .output()
                .unwrap(),
        )
    }

    /// All checks pass, and the pass is recorded as verified evidence.
    fn passes(&self, dir: &Path) {
        let run = self.check(dir);
        assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
        for check in run.json()["checks"].as_array().unwrap() {
            assert_eq!(check["status"], "pass", "{check}");
        }
        let done = self
            .env
            .events()
            .into_iter()
            .find(|e| e["kind"] == "done")
            .expect("a done event");
        assert_eq!(done["evidence"]["lab"], self.step);
    }

    /// The lab fails, and the check `id` fails with a message holding `needle`.
    fn fails(&self, dir: &Path, id: &str, needle: &str) {
        let run = self.check(dir).code(1);
        let report = run.json();
        assert_eq!(report["status"], "fail");
        let check =
            failed(&report, id).unwrap_or_else(|| panic!("{id} did not fail: {}", run.stdout));
        let message = check["message"].as_str().unwrap();
        assert!(
            message.contains(needle),
            "{id}: {message:?} lacks {needle:?}"
        );
    }

    /// Runs an argument list in `dir`, `python` meaning the lab interpreter; it must succeed.
    fn run_in(&self, dir: &Path, argv: &[&str]) {
        let bin = self.python.parent().unwrap();
        let (program, rest) = match argv.split_first() {
            Some((&"python", after)) => (self.python.clone(), after),
            Some((first, after)) => (PathBuf::from(first), after),
            None => unreachable!("an argument list"),
        };
        // The venv first on PATH, so `dvc repro` runs the stages with its python.
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let done = Command::new(&program)
            .args(rest)
            .current_dir(dir)
            .env("PATH", path)
            .env("HOME", self.env.root())
            .env("DVC_NO_ANALYTICS", "1")
            .output()
            .unwrap();
        assert!(
            done.status.success(),
            "{argv:?}: {}{}",
            String::from_utf8_lossy(&done.stdout),
            String::from_utf8_lossy(&done.stderr)
        );
    }
}

fn failed<'a>(report: &'a Value, id: &str) -> Option<&'a Value> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id && c["status"] == "fail")
}

/// Copies a tree of files over `dir`, creating directories as needed.
fn overlay(from: &Path, dir: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = dir.join(path.file_name().unwrap());
        if path.is_dir() {
            fs::create_dir_all(&target).unwrap();
            overlay(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

fn solution(step: &str) -> PathBuf {
    labs_dir().join(step).join("solution")
}

#[test]
fn every_new_pack_validates_and_is_a_step_of_the_built_in_roadmap() {
    let env = TestEnv::new();
    let listed = env.run(&["lab", "list", "--json"]).success().json();
    for &step in PACKS {
        env.run(&["lab", "validate", labs_dir().join(step).to_str().unwrap()])
            .success()
            .stdout_has(&format!("{step}: valid"));
        let lab = listed["labs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["step"] == step)
            .unwrap_or_else(|| panic!("{step} is not a lab of the built-in roadmap"));
        assert_eq!(lab["tier"], "python");
    }
}

#[test]
fn lab_ml_tests() {
    let Some(lab) = Lab::start("lab-ml-tests") else {
        return;
    };
    lab.fails(&lab.dir, "contract", "NotImplementedError");

    overlay(&solution(lab.step), &lab.dir);
    // The learner's view first: the suite passes when run by hand.
    lab.run_in(
        &lab.dir,
        &["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"],
    );
    lab.passes(&lab.dir);

    let other = lab.again("other");
    overlay(&fixtures(lab.step).join("other"), &other);
    lab.passes(&other);

    // Tests that pass whatever src/ does: the first broken copy goes unnoticed.
    let weak = lab.again("weak");
    overlay(&solution(lab.step), &weak);
    for test in ["test_features.py", "test_data.py", "test_model.py"] {
        fs::remove_file(weak.join("tests").join(test)).unwrap();
    }
    overlay(&fixtures(lab.step).join("broken"), &weak);
    lab.fails(
        &weak,
        "mutants",
        "your tests still pass when features.transform forgets to subtract the mean",
    );
}

/// What the brief asks of the learner, as argument lists.
fn build_dvc_project(lab: &Lab, dir: &Path, dvc_yaml: &Path, remote: &str) {
    fs::copy(dvc_yaml, dir.join("dvc.yaml")).unwrap();
    let git = |args: &[&str]| {
        let mut argv = vec![
            "git",
            "-c",
            "user.name=Learner",
            "-c",
            "user.email=learner@example.com",
        ];
        argv.extend_from_slice(args);
        lab.run_in(dir, &argv);
    };
    git(&["init", "-q"]);
    lab.run_in(dir, &["python", "-m", "dvc", "init", "-q"]);
    lab.run_in(dir, &["python", "-m", "dvc", "add", "-q", "data/raw.csv"]);
    lab.run_in(dir, &["python", "-m", "dvc", "repro", "-q"]);
    lab.run_in(
        dir,
        &[
            "python", "-m", "dvc", "remote", "add", "-d", "store", remote,
        ],
    );
    lab.run_in(dir, &["python", "-m", "dvc", "push", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "pipeline"]);
}

#[test]
fn lab_dvc_pipeline() {
    let Some(lab) = Lab::start("lab-dvc-pipeline") else {
        return;
    };
    lab.fails(&lab.dir, "tracked", "not a Git repository");

    build_dvc_project(
        &lab,
        &lab.dir,
        &solution(lab.step).join("dvc.yaml"),
        "../dvc-store",
    );
    lab.passes(&lab.dir);

    // A new parameter value, reproduced but never pushed.
    let params = lab.dir.join("params.yaml");
    let text = fs::read_to_string(&params)
        .unwrap()
        .replace("C: 1.0", "C: 0.5");
    fs::write(&params, text).unwrap();
    lab.run_in(&lab.dir, &["python", "-m", "dvc", "repro", "-q"]);
    lab.fails(&lab.dir, "pushed", "run dvc push");

    let other = lab.again("other");
    build_dvc_project(
        &lab,
        &other,
        &fixtures(lab.step).join("other/dvc.yaml"),
        "../other-store",
    );
    lab.passes(&other);
}

#[test]
fn lab_mlflow_registry() {
    let Some(lab) = Lab::start("lab-mlflow-registry") else {
        return;
    };
    lab.fails(&lab.dir, "store", "mlflow.db not found");

    overlay(&solution(lab.step), &lab.dir);
    lab.run_in(&lab.dir, &["python", "train.py"]);
    lab.run_in(&lab.dir, &["python", "register.py"]);
    lab.passes(&lab.dir);

    // Promoting on any gain moves the champion for a gain of 0.003.
    fs::copy(
        fixtures(lab.step).join("broken/promote.py"),
        lab.dir.join("promote.py"),
    )
    .unwrap();
    lab.fails(
        &lab.dir,
        "promote",
        "better by only 0.003 (champion 0.94, challenger 0.943), promote.py should leave champion on version 1, but champion is on version 2",
    );

    let other = lab.again("other");
    overlay(&fixtures(lab.step).join("other"), &other);
    lab.run_in(&other, &["python", "train.py"]);
    lab.run_in(&other, &["python", "register.py"]);
    lab.passes(&other);
}

#[test]
fn lab_kfp_pipeline() {
    let Some(lab) = Lab::start("lab-kfp-pipeline") else {
        return;
    };
    lab.fails(&lab.dir, "compiled", "pipeline.yaml not found");

    overlay(&solution(lab.step), &lab.dir);
    lab.run_in(&lab.dir, &["python", "pipeline.py"]);
    lab.passes(&lab.dir);

    let other = lab.again("other");
    overlay(&fixtures(lab.step).join("other"), &other);
    lab.run_in(&other, &["python", "pipeline.py"]);
    lab.passes(&other);

    // deploy after evaluate, but whatever the score.
    let ungated = lab.again("ungated");
    overlay(&fixtures(lab.step).join("broken"), &ungated);
    lab.run_in(&ungated, &["python", "pipeline.py"]);
    lab.fails(&ungated, "gate", "deploy runs unconditionally");

    // Compiled once, then changed without compiling again.
    fs::write(
        ungated.join("pipeline.py"),
        fs::read_to_string(solution(lab.step).join("pipeline.py")).unwrap(),
    )
    .unwrap();
    lab.fails(&ungated, "fresh", "run python pipeline.py again");
}

#[test]
fn lab_onnx_parity() {
    let Some(lab) = Lab::start("lab-onnx-parity") else {
        return;
    };
    lab.run_in(&lab.dir, &["python", "train.py"]);
    lab.fails(&lab.dir, "valid", "model.onnx not found");

    overlay(&solution(lab.step), &lab.dir);
    lab.run_in(&lab.dir, &["python", "export.py"]);
    lab.passes(&lab.dir);

    fs::copy(
        fixtures(lab.step).join("other/export.py"),
        lab.dir.join("export.py"),
    )
    .unwrap();
    lab.run_in(&lab.dir, &["python", "export.py"]);
    lab.passes(&lab.dir);

    fs::copy(
        fixtures(lab.step).join("broken/export.py"),
        lab.dir.join("export.py"),
    )
    .unwrap();
    lab.run_in(&lab.dir, &["python", "export.py"]);
    lab.fails(&lab.dir, "shape", "a fixed batch of 1");

    // A model.onnx from another model than the one in model/model.joblib.
    overlay(&solution(lab.step), &lab.dir);
    lab.run_in(&lab.dir, &["python", "export.py"]);
    lab.run_in(&lab.dir, &["python", "train.py", "--seed", "3"]);
    lab.fails(&lab.dir, "probabilities", "probabilities differ by up to");
}
