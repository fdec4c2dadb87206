//! The built-in labs of monitoring, CI and the feature store. For each: the untouched
//! starter fails, the pack's solution passes, a different correct solution (kept under
//! tests/fixtures/labs/STEP/other/) passes too, so the checks hold the learner to the
//! contract and not to our solution's details, and a broken one (…/broken/) fails the
//! check it should, with a message that says what is wrong.
//!
//! Needs the lab Python, as builtin.rs does.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::builtin::{bring_model, python};
use super::labs_dir;
use crate::common::{Run, TestEnv};

const LABS: [&str; 4] = [
    "lab-drift-gate",
    "lab-metrics-endpoint",
    "lab-ci-quality-gate",
    "lab-feast-local",
];

/// A roadmap file whose lab steps name the packs in roadmap/labs/ (linked beside it), so
/// the packs are read from disk and need `--trust`.
fn roadmap(env: &TestEnv) -> PathBuf {
    let link = env.root().join("labs");
    if !link.exists() {
        std::os::unix::fs::symlink(labs_dir(), &link).unwrap();
    }
    let steps: Vec<String> = LABS
        .iter()
        .map(|id| {
            format!(
                r#"{{"id": "{id}", "title": "{id}", "kind": "lab", "minutes": 40, "summary": "", "lab": "labs/{id}"}}"#
            )
        })
        .collect();
    let roadmap = env.root().join("ops-labs.json");
    fs::write(
        &roadmap,
        format!(
            r#"{{"id": "ops-labs", "title": "Ops labs", "sections": [{{"id": "labs", "title": "Labs", "steps": [{}]}}]}}"#,
            steps.join(",")
        ),
    )
    .unwrap();
    roadmap
}

fn fixtures(step: &str, which: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/labs")
        .join(step)
        .join(which)
}

/// Copies a tree of files over `dir`, hidden directories (`.github`) included.
fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// Runs `python ARGS` in `dir`; its exit status is the caller's business.
fn python_in(python: &Path, dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(python)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// One learner: a fresh lab directory from `lab start`, `prepare` run on it, the files of
/// `sources` copied over it, `after` run, then `check --json`.
struct Attempt {
    env: TestEnv,
    run: Run,
}

fn attempt(
    python: &Path,
    step: &str,
    sources: &[PathBuf],
    prepare: &dyn Fn(&Path, &Path),
    after: &dyn Fn(&Path, &Path),
) -> Attempt {
    let env = TestEnv::new();
    let dir = env.root().join(step);
    let roadmap = roadmap(&env);
    let roadmap = roadmap.to_str().unwrap();
    let dir_arg = dir.to_str().unwrap();
    env.run(&["--roadmap", roadmap, "lab", "start", step, "--dir", dir_arg])
        .success();
    prepare(python, &dir);
    for source in sources {
        copy_tree(source, &dir);
    }
    after(python, &dir);
    // Without the harness's 60 s limit: several Python checks on a loaded machine take
    // longer; each check has its own timeout.
    let run = Run::from(
        env.command_std()
            .env("MLOPS_PATH_LAB_PYTHON", python)
            .args(["--roadmap", roadmap, "check", step, "--trust", "--json"])
            .args(["--dir", dir_arg])
            .output()
            .unwrap(),
    );
    Attempt { env, run }
}

fn statuses(run: &Run) -> Vec<(String, String, String)> {
    run.json()["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let text = |key: &str| c[key].as_str().unwrap_or_default().to_owned();
            (text("id"), text("status"), text("message"))
        })
        .collect()
}

#[track_caller]
fn assert_passes(attempt: &Attempt, step: &str) {
    let run = &attempt.run;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for (id, status, message) in statuses(run) {
        assert_eq!(status, "pass", "{id}: {message}");
    }
    let done = attempt
        .env
        .events()
        .into_iter()
        .find(|e| e["kind"] == "done")
        .expect("a done event");
    assert_eq!(done["evidence"]["lab"], format!("labs/{step}"));
}

/// The lab fails, and each check named in `expected` fails with a message holding its text.
#[track_caller]
fn assert_fails(attempt: &Attempt, expected: &[(&str, &str)]) {
    let run = &attempt.run;
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.json()["status"], "fail");
    let found = statuses(run);
    for (id, says) in expected {
        let (_, status, message) = found
            .iter()
            .find(|(check, _, _)| check == id)
            .unwrap_or_else(|| panic!("no check {id}: {found:?}"));
        assert_eq!(status, "fail", "{id}: {message}");
        assert!(message.contains(says), "{id}: {message:?} lacks {says:?}");
    }
    assert!(
        attempt.env.events().iter().all(|e| e["kind"] != "done"),
        "a failing lab recorded done"
    );
}

/// Starter, solution, other solution and broken solution of one lab.
fn four_learners(
    step: &str,
    prepare: &dyn Fn(&Path, &Path),
    after: &dyn Fn(&Path, &Path),
    broken: &[(&str, &str)],
) {
    let Some(python) = python() else { return };
    let starter = attempt(&python, step, &[], prepare, &|_, _| {});
    assert_eq!(starter.run.code, 1, "{}", starter.run.stdout);
    assert!(
        statuses(&starter.run).iter().any(|(_, s, _)| s == "fail"),
        "{}",
        starter.run.stdout
    );
    assert_eq!(starter.run.json()["status"], "fail");

    let solution = labs_dir().join(step).join("solution");
    assert_passes(&attempt(&python, step, &[solution], prepare, after), step);
    let other = fixtures(step, "other");
    assert_passes(&attempt(&python, step, &[other], prepare, after), step);
    let wrong = fixtures(step, "broken");
    assert_fails(&attempt(&python, step, &[wrong], prepare, after), broken);
}

#[test]
fn every_pack_validates_and_is_a_step_of_the_built_in_roadmap() {
    let env = TestEnv::new();
    for step in LABS {
        let dir = labs_dir().join(step);
        env.run(&["lab", "validate", dir.to_str().unwrap()])
            .success()
            .stdout_has(&format!("{step}: valid"));
    }
    let listed = env.run(&["lab", "list", "--json"]).success().json();
    for step in LABS {
        let lab = listed["labs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["step"] == step)
            .unwrap_or_else(|| panic!("{step} is not in lab list"));
        assert_eq!(lab["tier"], "python", "{step}");
    }
}

#[test]
fn every_starter_comes_from_the_binary() {
    let env = TestEnv::new();
    for step in LABS {
        let dir = env.root().join(step);
        env.run(&["lab", "start", step, "--dir", dir.to_str().unwrap()])
            .success();
        for entry in fs::read_dir(labs_dir().join(step).join("starter")).unwrap() {
            let name = entry.unwrap().file_name();
            assert!(dir.join(&name).exists(), "{step}: {name:?} not written");
        }
    }
}

/// The report check looks at the learner's own run on the sample data.
fn run_monitor_on_samples(python: &Path, dir: &Path) {
    python_in(
        python,
        dir,
        &["monitor.py", "data/reference.csv", "data/current.csv"],
    );
}

#[test]
fn lab_drift_gate() {
    four_learners(
        "lab-drift-gate",
        &|_, _| {},
        &run_monitor_on_samples,
        &[(
            "category",
            "the dataset drifts when at least half of its columns do",
        )],
    );
}

#[test]
fn lab_metrics_endpoint() {
    four_learners(
        "lab-metrics-endpoint",
        &bring_model,
        &|_, _| {},
        &[(
            "exposed",
            "model_inference_seconds is a summary, and a histogram is what gives latency percentiles",
        )],
    );
}

#[test]
fn lab_ci_quality_gate() {
    four_learners(
        "lab-ci-quality-gate",
        &|_, _| {},
        &|_, _| {},
        &[
            (
                "nan",
                "exited 0 on a candidate whose accuracy is NaN: the gate let it through",
            ),
            ("workflow-closed", "lets the gate step fail softly"),
        ],
    );
}

#[test]
fn lab_feast_local() {
    four_learners(
        "lab-feast-local",
        &|_, _| {},
        &|_, _| {},
        &[(
            "historical",
            "more than 24 hours older than the row, past the feature view's TTL",
        )],
    );
}
