//! The built-in labs: each pack validates, its untouched starter fails at least one
//! required check, and its solution passes every check, in a real Python environment.
//!
//! The interpreter is `MLOPS_PATH_LAB_PYTHON` (`.ci/run` sets it to a virtual environment
//! made from roadmap/labs/requirements.txt), else `target/labs-venv/bin/python`. Without
//! one these tests print "skipped" outside CI and fail in CI (`CI` set).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{beginner_labs_roadmap, labs_dir};
use crate::common::{Run, TestEnv};

const LABS: [&str; 4] = [
    "lab-baseline-model",
    "lab-data-contract",
    "lab-mlflow-tracking",
    "lab-fastapi-serve",
];

pub(super) fn python() -> Option<PathBuf> {
    let chosen = std::env::var_os("MLOPS_PATH_LAB_PYTHON")
        .map(PathBuf::from)
        .or_else(|| {
            let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/labs-venv/bin/python");
            venv.is_file().then_some(venv)
        });
    if chosen.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but there is no lab Python: set MLOPS_PATH_LAB_PYTHON (.ci/run does)"
        );
        eprintln!(
            "skipped: python3 not found (set MLOPS_PATH_LAB_PYTHON to a venv with roadmap/labs/requirements.txt)"
        );
    }
    chosen
}

/// Without the harness's 60 s limit: five Python checks on a loaded machine take longer;
/// each check has its own timeout.
fn check(env: &TestEnv, python: &Path, step: &str, dir: &Path) -> Run {
    Run::from(
        env.command_std()
            .env("MLOPS_PATH_LAB_PYTHON", python)
            .args(["--roadmap", beginner_labs_roadmap(env).to_str().unwrap()])
            .args([
                "check",
                step,
                "--trust",
                "--json",
                "--dir",
                dir.to_str().unwrap(),
            ])
            .output()
            .unwrap(),
    )
}

fn copy_solution(step: &str, dir: &Path) {
    for entry in fs::read_dir(labs_dir().join(step).join("solution")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
}

/// Runs `python ARGS` in `dir`, which must succeed.
fn python_in(python: &Path, dir: &Path, args: &[&str]) {
    let done = Command::new(python)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&done.stderr)
    );
}

/// The serving lab needs the baseline's model: trained by the baseline solution.
fn bring_model(python: &Path, dir: &Path) {
    let train = labs_dir().join("lab-baseline-model/solution/train.py");
    python_in(python, dir, &[train.to_str().unwrap(), "--out", "."]);
    fs::remove_file(dir.join("metrics.json")).unwrap();
}

fn starter_fails_and_solution_passes(
    step: &str,
    prepare: impl Fn(&Path, &Path),
    after_solution: impl Fn(&Path, &Path),
) {
    let Some(python) = python() else { return };
    let env = TestEnv::new();
    let dir = env.root().join(step);
    let roadmap = beginner_labs_roadmap(&env);
    env.run(&[
        "--roadmap",
        roadmap.to_str().unwrap(),
        "lab",
        "start",
        step,
        "--dir",
        dir.to_str().unwrap(),
    ])
    .success();
    prepare(&python, &dir);
    let starter = check(&env, &python, step, &dir).code(1);
    let report = starter.json();
    let failed = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "fail")
        .count();
    assert!(failed >= 1, "{}", starter.stdout);
    assert_eq!(report["status"], "fail");

    copy_solution(step, &dir);
    after_solution(&python, &dir);
    let solved = check(&env, &python, step, &dir);
    assert_eq!(solved.code, 0, "{}\n{}", solved.stdout, solved.stderr);
    let report = solved.json();
    for check in report["checks"].as_array().unwrap() {
        assert_eq!(check["status"], "pass", "{check}");
    }
    let done = env
        .events()
        .into_iter()
        .find(|e| e["kind"] == "done")
        .expect("a done event");
    assert_eq!(done["evidence"]["lab"], format!("labs/{step}"));
}

#[test]
fn every_built_in_pack_validates() {
    let env = TestEnv::new();
    for step in LABS {
        let dir = labs_dir().join(step);
        env.run(&["lab", "validate", dir.to_str().unwrap()])
            .success()
            .stdout_has(&format!("{step}: valid"));
    }
}

#[test]
fn lab_baseline_model() {
    starter_fails_and_solution_passes(
        "lab-baseline-model",
        |_, _| {},
        |python, dir| {
            python_in(python, dir, &["train.py"]);
        },
    );
}

#[test]
fn lab_data_contract() {
    starter_fails_and_solution_passes("lab-data-contract", |_, _| {}, |_, _| {});
}

#[test]
fn lab_mlflow_tracking() {
    starter_fails_and_solution_passes(
        "lab-mlflow-tracking",
        |_, _| {},
        |python, dir| {
            python_in(python, dir, &["track.py"]);
        },
    );
}

#[test]
fn lab_fastapi_serve() {
    starter_fails_and_solution_passes("lab-fastapi-serve", bring_model, |_, _| {});
}
