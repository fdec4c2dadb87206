//! The Python parts of the container labs' solutions that run without a daemon or a
//! cluster, in the lab interpreter: K2's trainer, scorer and gate (the gate against a fake
//! kubectl), and the capstone's batches and drift decision.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::labs_dir;
use super::tools::{Fake, argv};
use crate::common::TestEnv;

fn lab_python() -> Option<PathBuf> {
    let chosen = std::env::var_os("MLOPS_PATH_LAB_PYTHON")
        .map(PathBuf::from)
        .or_else(|| {
            let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/labs-venv/bin/python");
            venv.is_file().then_some(venv)
        });
    if chosen.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but there is no lab Python: set MLOPS_PATH_LAB_PYTHON"
        );
        eprintln!(
            "skipped: python3 with the lab requirements not found (set MLOPS_PATH_LAB_PYTHON)"
        );
    }
    chosen
}

fn solution(lab: &str, file: &str) -> PathBuf {
    labs_dir().join(lab).join("solution").join(file)
}

fn python(python: &Path, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(python);
    command.args(args).current_dir(dir);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn last_json_line(output: &Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&output.stdout);
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {last}"))
}

#[test]
fn ct_jobs_trainer_prints_its_metrics_last_and_the_scorer_reads_its_model() {
    let Some(interpreter) = lab_python() else {
        return;
    };
    let env = TestEnv::new();
    let models = env.root().join("models/v2");
    let models = models.to_str().unwrap();
    let train = solution("lab-k8s-ct-jobs", "train.py");
    let trained = python(
        &interpreter,
        env.root(),
        &[train.to_str().unwrap()],
        &[("MODEL_DIR", models), ("SEED", "42")],
    );
    assert!(
        trained.status.success(),
        "{}",
        String::from_utf8_lossy(&trained.stderr)
    );
    let metrics = last_json_line(&trained);
    assert_eq!(metrics["model_version"], "v2");
    assert!(
        metrics["val_accuracy"].as_f64().unwrap() >= 0.93,
        "{metrics}"
    );
    assert!(env.root().join("models/v2/model.joblib").is_file());

    let score = solution("lab-k8s-ct-jobs", "score.py");
    let scored = python(
        &interpreter,
        env.root(),
        &[score.to_str().unwrap()],
        &[("MODEL_DIR", models)],
    );
    assert!(
        scored.status.success(),
        "{}",
        String::from_utf8_lossy(&scored.stderr)
    );
    assert_eq!(last_json_line(&scored)["scored"], 50);
}

#[test]
fn ct_jobs_gate_annotates_only_when_the_metrics_pass_and_names_context_and_namespace() {
    let Some(interpreter) = lab_python() else {
        return;
    };
    let env = TestEnv::new();
    let kubectl = Fake::kubectl_in(env.root());
    let path = format!(
        "{}:{}",
        kubectl.dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let gate = solution("lab-k8s-ct-jobs", "gate.py");
    let fixture = labs_dir().join("lab-k8s-ct-jobs/checks/fixtures/train-v2-solution.log");
    kubectl.answer("logs", &std::fs::read_to_string(fixture).unwrap(), "", 0);
    let open = python(
        &interpreter,
        env.root(),
        &[gate.to_str().unwrap()],
        &[("PATH", &path)],
    );
    assert!(
        open.status.success(),
        "{}",
        String::from_utf8_lossy(&open.stderr)
    );
    let scope = ["--context", "kind-mlops-lab", "--namespace", "mlops-lab"];
    let with = |rest: &[&str]| {
        let mut all = scope.to_vec();
        all.extend_from_slice(rest);
        argv(&all)
    };
    assert_eq!(
        kubectl.calls(),
        [
            with(&["logs", "job/train-v2"]),
            with(&[
                "annotate",
                "deployment",
                "model-api",
                "mlops.example/model-version=v2",
                "--overwrite"
            ]),
        ]
    );

    kubectl.answer(
        "logs",
        "{\"model_version\": \"v2\", \"val_accuracy\": 0.9}\n",
        "",
        0,
    );
    let closed = python(
        &interpreter,
        env.root(),
        &[gate.to_str().unwrap()],
        &[("PATH", &path)],
    );
    assert_eq!(closed.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&closed.stdout).contains("gate closed: val_accuracy 0.900 < 0.93")
    );
    assert_eq!(kubectl.calls().len(), 3, "no annotate after a closed gate");
}

#[test]
fn capstone_batches_drift_when_shifted_and_not_when_steady() {
    let Some(interpreter) = lab_python() else {
        return;
    };
    let env = TestEnv::new();
    let dir = env.root();
    for file in ["make_batches.py", "ct.py"] {
        std::fs::copy(solution("lab-capstone-ct", file), dir.join(file)).unwrap();
    }
    let made = python(&interpreter, dir, &["make_batches.py"], &[]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let decide = "import ct, pandas as pd\n\
        reference = pd.read_csv('data/reference.csv')\n\
        for batch in ['batches/steady.csv', 'batches/drifted.csv']:\n\
        \x20   drift, moved = ct.drifted(reference, pd.read_csv(batch))\n\
        \x20   print(batch, drift, len(moved))\n";
    let decided = python(&interpreter, dir, &["-c", decide], &[]);
    assert!(
        decided.status.success(),
        "{}",
        String::from_utf8_lossy(&decided.stderr)
    );
    let text = String::from_utf8_lossy(&decided.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("batches/steady.csv False "), "{text}");
    assert!(lines[1].starts_with("batches/drifted.csv True "), "{text}");
}
