//! The three Docker labs for real, where a Docker daemon answers: each solution is built
//! and started as its brief says, `mlops-path check` passes on it, and `lab clean --yes`
//! leaves no container with the lab's label. Where `docker info` fails or does not answer
//! within 10 s, or an image a brief says to pull once is not there, the lab is skipped
//! and the reason printed. Nothing is pulled; only `docker build` installs the images'
//! pinned requirements, as a learner's build would.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::labs_dir;
use crate::common::TestEnv;

/// `docker`, or the program `MLOPS_PATH_DOCKER` names, as the checks find it.
fn docker_program() -> PathBuf {
    std::env::var_os("MLOPS_PATH_DOCKER").map_or_else(|| PathBuf::from("docker"), PathBuf::from)
}

/// Runs `program args` in `dir` and waits at most `limit`; the error says why it failed.
fn run(
    program: &Path,
    args: &[&str],
    dir: &Path,
    env: &[(&str, &str)],
    limit: Duration,
) -> Result<String, String> {
    let shown = format!("{} {}", program.display(), args.join(" "));
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{shown} could not start: {e}"))?;
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{shown} did not finish within {} s",
                limit.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    if status.success() {
        Ok(stdout)
    } else {
        Err(format!("{shown} exited with {status}: {stderr}"))
    }
}

fn docker(args: &[&str], dir: &Path, limit: Duration) -> Result<String, String> {
    run(&docker_program(), args, dir, &[], limit)
}

/// Why the labs cannot run for real here, or `None` when a daemon answers and every
/// image is present.
fn unavailable(images: &[&str]) -> Option<String> {
    let here = Path::new(".");
    if let Err(why) = docker(
        &["info", "--format", "{{.ServerVersion}}"],
        here,
        Duration::from_secs(10),
    ) {
        return Some(format!("no Docker daemon ({why})"));
    }
    let missing: Vec<&str> = images
        .iter()
        .copied()
        .filter(|image| {
            docker(&["image", "inspect", image], here, Duration::from_secs(10)).is_err()
        })
        .collect();
    (!missing.is_empty()).then(|| format!("images not pulled: {}", missing.join(", ")))
}

/// The lab interpreter, with the lab requirements, that trains the model and runs the
/// checks' Python.
fn lab_python() -> Option<String> {
    std::env::var("MLOPS_PATH_LAB_PYTHON").ok().or_else(|| {
        let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/labs-venv/bin/python");
        venv.is_file().then(|| venv.to_string_lossy().into_owned())
    })
}

/// Containers of any state that carry the lab's label.
fn labelled(lab: &str) -> Vec<String> {
    let filter = format!("label=mlops-path.lab={lab}");
    docker(
        &["ps", "--all", "--quiet", "--filter", &filter],
        Path::new("."),
        Duration::from_secs(30),
    )
    .expect("docker ps")
    .lines()
    .map(str::to_owned)
    .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// A started lab with its solution, the serving app and a freshly trained model, as
/// the briefs have the learner copy them in.
fn solved(env: &TestEnv, step: &str, python: &str) -> PathBuf {
    let dir = env.root().join(step);
    env.run(&["lab", "start", step, "--dir", dir.to_str().unwrap()])
        .success();
    copy_dir(&labs_dir().join(step).join("solution"), &dir);
    if !dir.join("app.py").exists() {
        fs::copy(
            labs_dir().join("lab-fastapi-serve/solution/app.py"),
            dir.join("app.py"),
        )
        .unwrap();
    }
    fs::create_dir_all(dir.join("model")).unwrap();
    let train = labs_dir().join("lab-baseline-model/solution/train.py");
    let trained = run(
        Path::new(python),
        &[train.to_str().unwrap(), "--seed", "7", "--out", "."],
        &dir,
        &[],
        Duration::from_secs(300),
    );
    trained.expect("the baseline's solution trains the model");
    dir
}

/// Checks the lab for real, then cleans it whatever the check said; the error is a
/// failed check, a failed clean or a labelled container left behind.
fn check_and_clean(env: &TestEnv, step: &str, dir: &Path, python: &str) -> Result<(), String> {
    let checked = env
        .command()
        .args(["check", step, "--dir", dir.to_str().unwrap()])
        .env("MLOPS_PATH_LAB_PYTHON", python)
        .env("MLOPS_PATH_DOCKER", docker_program())
        .output()
        .unwrap();
    let clean = env
        .command()
        .args(["lab", "clean", step, "--yes"])
        .env("MLOPS_PATH_DOCKER", docker_program())
        .output()
        .unwrap();
    if !checked.status.success() {
        let out = String::from_utf8_lossy(&checked.stdout);
        let err = String::from_utf8_lossy(&checked.stderr);
        return Err(format!("{step} did not pass for real:\n{out}{err}"));
    }
    if !clean.status.success() {
        return Err(format!(
            "lab clean {step}: {}",
            String::from_utf8_lossy(&clean.stderr)
        ));
    }
    let left = labelled(step);
    if left.is_empty() {
        Ok(())
    } else {
        Err(format!("{step} left labelled containers: {left:?}"))
    }
}

/// `GET` on a loopback port, the body when it answers 200.
fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer.starts_with("HTTP/1.1 200").then(|| {
        answer
            .split_once("\r\n\r\n")
            .map_or(String::new(), |(_, body)| body.to_owned())
    })
}

fn post_predictions(port: u16, count: usize) {
    let body = r#"{"instances": [[11.14, 14.07, 71.24, 384.6, 0.07274, 0.06064, 0.04505, 0.01471, 0.169, 0.06083, 0.4222, 0.8092, 3.33, 28.84, 0.005541, 0.03387, 0.04505, 0.01471, 0.03102, 0.004831, 12.12, 15.82, 79.62, 453.5, 0.08864, 0.1256, 0.1201, 0.03922, 0.2576, 0.07018]]}"#;
    for _ in 0..count {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the api listens");
        write!(
            stream,
            "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
}

/// Waits up to `limit` for `ready`, polling every half second.
fn wait_for(limit: Duration, what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ready() {
        assert!(
            Instant::now() < deadline,
            "{what} within {} s",
            limit.as_secs()
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// Runs one lab for real, or prints why it cannot here.
fn for_real(step: &str, images: &[&str], body: impl FnOnce(&TestEnv, &str)) {
    let Some(python) = lab_python() else {
        eprintln!("skipped {step} for real: no lab Python (set MLOPS_PATH_LAB_PYTHON)");
        return;
    };
    if let Some(why) = unavailable(images) {
        eprintln!("skipped {step} for real: {why}");
        return;
    }
    body(&TestEnv::new(), &python);
}

#[test]
fn containerize_model_passes_for_real_and_leaves_nothing_labelled() {
    const STEP: &str = "lab-containerize-model";
    for_real(STEP, &["python:3.12-slim"], |env, python| {
        let dir = solved(env, STEP, python);
        let built = docker(
            &["build", "-t", "mlops-lab/model-api:1.0", "."],
            &dir,
            Duration::from_secs(900),
        );
        built.expect("the solution's image builds");
        check_and_clean(env, STEP, &dir, python).unwrap();
    });
}

#[test]
fn compose_observability_passes_for_real_and_leaves_nothing_labelled() {
    const STEP: &str = "lab-compose-observability";
    for_real(
        STEP,
        &["python:3.12-slim", "prom/prometheus:v3.5.0"],
        |env, python| {
            let dir = solved(env, STEP, python);
            let project = ["compose", "-p", "mlops-lab"];
            let up = docker(
                &[&project[..], &["up", "-d", "--build", "--wait"]].concat(),
                &dir,
                Duration::from_secs(900),
            );
            if let Err(why) = up {
                let _ = docker(
                    &[&project[..], &["down"]].concat(),
                    &dir,
                    Duration::from_secs(120),
                );
                panic!("the solution's project starts: {why}");
            }
            wait_for(Duration::from_secs(60), "the api answers /health", || {
                get(8080, "/health").is_some()
            });
            post_predictions(8080, 20);
            // Prometheus scrapes every 5 s; wait until it has seen all twenty.
            wait_for(
                Duration::from_secs(60),
                "Prometheus counts 20 predictions",
                || {
                    get(9090, "/api/v1/query?query=sum(model_predictions_total)")
                        .is_some_and(|body| body.contains("\"20\""))
                },
            );
            let outcome = check_and_clean(env, STEP, &dir, python);
            docker(
                &[&project[..], &["down"]].concat(),
                &dir,
                Duration::from_secs(120),
            )
            .expect("compose down");
            outcome.unwrap();
        },
    );
}

#[test]
fn mlflow_server_passes_for_real_and_leaves_nothing_labelled() {
    const STEP: &str = "lab-mlflow-server";
    for_real(STEP, &["ghcr.io/mlflow/mlflow:v3.17.2"], |env, python| {
        let dir = env.root().join(STEP);
        env.run(&["lab", "start", STEP, "--dir", dir.to_str().unwrap()])
            .success();
        copy_dir(&labs_dir().join(STEP).join("solution"), &dir);
        let project = ["compose", "-p", "mlops-lab-mlflow"];
        docker(
            &[&project[..], &["up", "-d", "--wait"]].concat(),
            &dir,
            Duration::from_secs(300),
        )
        .expect("the server starts");
        wait_for(
            Duration::from_secs(60),
            "the server answers /health",
            || get(5000, "/health").is_some(),
        );
        run(
            Path::new(python),
            &["log.py"],
            &dir,
            &[("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000")],
            Duration::from_secs(120),
        )
        .expect("log.py logs a run to the server");
        let outcome = check_and_clean(env, STEP, &dir, python);
        docker(
            &[&project[..], &["down", "--volumes"]].concat(),
            &dir,
            Duration::from_secs(120),
        )
        .expect("compose down");
        outcome.unwrap();
    });
}
