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

#[track_caller]
fn succeeded(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
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
    succeeded(&trained);
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
    succeeded(&scored);
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
    succeeded(&open);
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
    succeeded(&made);
    let decide = "import ct, pandas as pd\n\
        reference = pd.read_csv('data/reference.csv')\n\
        for batch in ['batches/steady.csv', 'batches/drifted.csv']:\n\
        \x20   drift, moved = ct.drifted(reference, pd.read_csv(batch))\n\
        \x20   print(batch, drift, len(moved))\n";
    let decided = python(&interpreter, dir, &["-c", decide], &[]);
    succeeded(&decided);
    let text = String::from_utf8_lossy(&decided.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("batches/steady.csv False "), "{text}");
    assert!(lines[1].starts_with("batches/drifted.csv True "), "{text}");
}

/// The capstone's solution, two rounds of `ct.py` with `dvc` and `docker` stood in for
/// (dvc runs the train stage itself; docker records), then every check passes.
#[test]
fn capstone_solution_runs_two_rounds_and_then_passes_every_check() {
    let Some(interpreter) = lab_python() else {
        return;
    };
    let env = TestEnv::new();
    let dir = env.root().join("capstone");
    env.run(&[
        "lab",
        "start",
        "lab-capstone-ct",
        "--dir",
        dir.to_str().unwrap(),
    ])
    .success();
    for entry in std::fs::read_dir(labs_dir().join("lab-capstone-ct/solution")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let made = python(&interpreter, &dir, &["make_batches.py"], &[]);
    succeeded(&made);

    let bin = fake_dvc(env.root(), &interpreter);
    let docker = Fake::docker_in(env.root());
    let path = format!(
        "{}:{}:{}",
        bin.display(),
        docker.dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for batch in ["batches/drifted.csv", "batches/steady.csv"] {
        let round = python(
            &interpreter,
            &dir,
            &["ct.py", "--batch", batch],
            &[("PATH", &path)],
        );
        succeeded(&round);
    }
    let history: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ct-history.json")).unwrap())
            .unwrap();
    assert_eq!(history[0]["promoted"], true);
    assert_eq!(history[1]["drift"], false);
    assert_eq!(history[1]["champion"], "1");
    let calls = docker.calls();
    assert_eq!(
        calls[0],
        argv(&[
            "build",
            "--tag",
            "mlops-lab/model-api:ct",
            "--build-arg",
            "MODEL_VERSION=1",
            "."
        ])
    );
    assert!(calls.iter().any(|c| c.first().is_some_and(|v| v == "run")
        && c.contains(&"mlops-path.lab=lab-capstone-ct".to_owned())
        && c.contains(&"127.0.0.1:8080:8080".to_owned())));

    docker.answer(
        "image",
        r#"[{"Config": {"Labels": {"ml.model.version": "1"}}}]"#,
        "",
        0,
    );
    let _port = super::tools::PORT_8080
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let server = serve_version_once("1");
    let checked = crate::common::Run::from(
        env.command_std()
            .args([
                "check",
                "lab-capstone-ct",
                "--json",
                "--dir",
                dir.to_str().unwrap(),
            ])
            .env("PATH", &path)
            .env("MLOPS_PATH_LAB_PYTHON", &interpreter)
            .env(docker.variable, &docker.program)
            .output()
            .unwrap(),
    )
    .success();
    server.join().unwrap();
    let report = checked.json();
    assert!(
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "pass"),
        "{}",
        checked.stdout
    );
    assert!(
        std::fs::read_to_string(bin.join("dvc-calls"))
            .unwrap()
            .contains("status --quiet")
    );
}

/// A dvc in `root/bin` whose repro runs the one stage, and whose status finds it up to date;
/// it records its arguments in `bin/dvc-calls`. Returns the `bin` directory.
fn fake_dvc(root: &Path, interpreter: &Path) -> PathBuf {
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let dvc = bin.join("dvc");
    std::fs::write(
        &dvc,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{}/dvc-calls'\n[ \"$1\" = repro ] && exec '{}' train.py\nexit 0\n",
            bin.display(),
            interpreter.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&dvc, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    bin
}

/// The running service's `/version`, answered once on 127.0.0.1:8080.
fn serve_version_once(version: &str) -> std::thread::JoinHandle<()> {
    let listener = std::net::TcpListener::bind("127.0.0.1:8080")
        .unwrap_or_else(|e| panic!("port 8080, which the capstone's checks call, is taken: {e}"));
    let body = format!(r#"{{"model_version": "{version}"}}"#);
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 1024];
        let _ = stream.read(&mut request).unwrap();
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(reply.as_bytes()).unwrap();
    })
}
