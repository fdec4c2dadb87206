//! The built-in Docker and Kubernetes labs and the capstone, checked against the docker
//! and kubectl output in their packs' fixtures through fake binaries: the starter fails
//! with a useful message, the solution's outputs pass, and the commands are the argument
//! lists the brief promises. The loopback services the checks call stand in for what the
//! containers would serve.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::Said;
use super::labs_dir;
use super::tools::{Fake, argv};
use crate::common::{Run, TestEnv};

/// A loopback HTTP server on a fixed port answering with `answer(request)`, until dropped.
struct Server {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn on(port: u16, answer: fn(&str) -> (u16, String)) -> Self {
        Self::after(port, None, answer)
    }

    /// Answers only once the fake's record shows `kubectl port-forward` was called, as
    /// the real one forwards only after it started.
    fn forwarded(port: u16, fake: &Fake, answer: fn(&str) -> (u16, String)) -> Self {
        Self::after(port, Some(fake.dir.join("calls")), answer)
    }

    fn after(port: u16, wait_for: Option<PathBuf>, answer: fn(&str) -> (u16, String)) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .unwrap_or_else(|e| panic!("port {port}, which the lab's checks call, is taken: {e}"));
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (stopped, seen) = (stop.clone(), requests.clone());
        let thread = std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let mut buffer = vec![0u8; 65536];
                let n = stream.read(&mut buffer).unwrap_or(0);
                if n == 0 {
                    // A probe that only connects (the port-forward's readiness wait).
                    continue;
                }
                let request = String::from_utf8_lossy(&buffer[..n]).into_owned();
                if let Some(calls) = &wait_for {
                    let deadline = std::time::Instant::now() + Duration::from_secs(10);
                    while !fs::read_to_string(calls)
                        .unwrap_or_default()
                        .contains("port-forward")
                        && std::time::Instant::now() < deadline
                    {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                }
                let (status, body) = answer(&request);
                let reply = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes());
                seen.lock().unwrap().push(request);
            }
        });
        Self {
            stop,
            thread: Some(thread),
            requests,
        }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn fixture(lab: &str, name: &str) -> String {
    fs::read_to_string(labs_dir().join(lab).join("checks/fixtures").join(name)).unwrap()
}

/// A started lab of the built-in roadmap.
struct BuiltIn {
    env: TestEnv,
    step: &'static str,
    dir: PathBuf,
}

impl BuiltIn {
    fn start(step: &'static str) -> Self {
        let env = TestEnv::new();
        let dir = env.root().join(step);
        env.run(&["lab", "start", step, "--dir", dir.to_str().unwrap()])
            .success();
        Self { env, step, dir }
    }

    fn solve(&self) {
        copy_tree(&labs_dir().join(self.step).join("solution"), &self.dir);
    }

    fn check(&self, fakes: &[&Fake], extra: &[&str]) -> Run {
        let mut command = self.env.command();
        command
            .args([
                "check",
                self.step,
                "--json",
                "--dir",
                self.dir.to_str().unwrap(),
            ])
            .args(extra);
        for fake in fakes {
            command.env(fake.variable, &fake.program);
        }
        Run::from(command.output().unwrap())
    }

    fn status_of<'r>(report: &'r serde_json::Value, id: &str) -> (&'r str, &'r str) {
        let check = report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no check {id}"));
        (
            check["status"].as_str().unwrap(),
            check["message"].as_str().unwrap(),
        )
    }

    fn verified(&self) -> bool {
        self.env.events().iter().any(|e| e["kind"] == "done")
    }
}

#[track_caller]
fn all_pass(run: &Run) {
    let report = run.json();
    assert!(
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "pass"),
        "{}",
        run.stdout
    );
}

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

fn body(request: &str) -> &str {
    request.split("\r\n\r\n").nth(1).unwrap_or_default()
}

fn model_api(request: &str) -> (u16, String) {
    if request.starts_with("GET /health") {
        (200, r#"{"status": "ok"}"#.into())
    } else if request.starts_with("POST /predict") && body(request).contains("not a list") {
        (422, r#"{"detail": "instances must be a list"}"#.into())
    } else if request.starts_with("POST /predict") {
        (200, r#"{"predictions": [1, 1]}"#.into())
    } else {
        (404, "{}".into())
    }
}

#[test]
fn containerize_model_starter_image_fails_and_the_solution_image_passes() {
    const STEP: &str = "lab-containerize-model";
    let lab = BuiltIn::start(STEP);
    let docker = Fake::docker_in(lab.env.root());
    docker.answer("image", &fixture(STEP, "inspect-starter.json"), "", 0);
    docker.answer(
        "run",
        "",
        "docker: Error response from daemon: No such image: mlops-lab/model-api:1.0\n",
        125,
    );
    let starter = lab.check(&[&docker], &[]).code(1);
    let report = starter.json();
    assert_eq!(report["status"], "fail");
    let (status, message) = BuiltIn::status_of(&report, "non-root");
    assert_eq!(status, "fail");
    assert!(
        message.contains(r#""/0/Config/User" is "", expected none of"#),
        "{message}"
    );
    assert_eq!(BuiltIn::status_of(&report, "healthcheck").0, "fail");
    assert_eq!(BuiltIn::status_of(&report, "serves").0, "fail");
    assert!(!lab.verified());

    lab.solve();
    let server = Server::on(18080, model_api);
    docker.answer("image", &fixture(STEP, "inspect-solution.json"), "", 0);
    docker.answer("run", "4f2a9c0d1e3b\n", "", 0);
    docker.answer(
        "inspect",
        r#"[{"State": {"Status": "running", "Running": true, "ExitCode": 0, "Health": {"Status": "healthy"}}}]"#,
        "",
        0,
    );
    let solved = lab.check(&[&docker], &[]).success();
    all_pass(&solved);
    assert!(lab.verified());
    let calls = docker.calls();
    let run = calls.iter().rfind(|c| c[0] == "run").unwrap();
    let name = run[5].clone();
    assert_eq!(
        run,
        &argv(&[
            "run",
            "--detach",
            "--pull",
            "never",
            "--name",
            &name,
            "--label",
            "mlops-path.lab=lab-containerize-model",
            "--memory",
            "1g",
            "--cpus",
            "1",
            "--publish",
            "127.0.0.1:18080:8080",
            "mlops-lab/model-api:1.0",
        ])
    );
    assert_eq!(calls.last().unwrap(), &argv(&["rm", "--force", &name]));
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "{requests:?}");
    assert!(
        requests[1].starts_with("POST /predict")
            && body(&requests[1]).contains("\"instances\":[[11.14")
    );
}

fn prometheus(request: &str) -> (u16, String) {
    if request.starts_with("GET /api/v1/query?query=up%7Bjob%3D%22model-api%22%7D ") {
        (200, fixture("lab-compose-observability", "query-up.json"))
    } else if request.starts_with("GET /api/v1/query?query=sum(model_predictions_total) ") {
        (
            200,
            fixture("lab-compose-observability", "query-predictions.json"),
        )
    } else {
        (404, "{}".into())
    }
}

#[test]
fn compose_observability_needs_prometheus_running_and_scraping() {
    const STEP: &str = "lab-compose-observability";
    let lab = BuiltIn::start(STEP);
    let docker = Fake::docker_in(lab.env.root());
    docker.answer("compose", &fixture(STEP, "compose-ps-broken.jsonl"), "", 0);
    // A Prometheus that is not ready answers at once; with none at all the checks would
    // wait their retry_for_s for it to start.
    let not_ready = Server::on(9090, |_| (503, "Service Unavailable".into()));
    let starter = lab.check(&[&docker], &[]).code(1);
    drop(not_ready);
    let report = starter.json();
    assert_eq!(BuiltIn::status_of(&report, "prometheus-config").0, "fail");
    let (status, message) = BuiltIn::status_of(&report, "up");
    assert_eq!(status, "fail");
    assert!(
        message.contains("service prometheus is \"exited\", expected running"),
        "{message}"
    );
    starter.says_out("prometheus.yml not found");

    lab.solve();
    let _prometheus = Server::on(9090, prometheus);
    docker.answer(
        "compose",
        &fixture(STEP, "compose-ps-solution.jsonl"),
        "",
        0,
    );
    let solved = lab.check(&[&docker], &[]).success();
    let report = solved.json();
    for id in [
        "compose-file",
        "prometheus-config",
        "up",
        "scraped",
        "counted",
    ] {
        assert_eq!(
            BuiltIn::status_of(&report, id).0,
            "pass",
            "{id}: {}",
            solved.stdout
        );
    }
    assert_eq!(
        docker.calls().last().unwrap(),
        &argv(&[
            "compose",
            "-p",
            "mlops-lab",
            "ps",
            "--all",
            "--format",
            "json"
        ])
    );
}

/// A Prometheus that runs but whose api target is down and has counted 19 predictions.
fn prometheus_short(request: &str) -> (u16, String) {
    let (status, body) = prometheus(request);
    let body = body
        .replace(",\"1\"]", ",\"0\"]")
        .replace(",\"20\"]", ",\"19\"]");
    (status, body)
}

#[test]
fn compose_observability_fails_a_target_that_is_down_and_too_few_predictions() {
    const STEP: &str = "lab-compose-observability";
    let lab = BuiltIn::start(STEP);
    lab.solve();
    let docker = Fake::docker_in(lab.env.root());
    docker.answer(
        "compose",
        &fixture(STEP, "compose-ps-solution.jsonl"),
        "",
        0,
    );
    let _prometheus = Server::on(9090, prometheus_short);
    let _grafana = Server::on(3000, |request| {
        if request.starts_with("GET /api/health ") {
            (200, r#"{"database": "ok"}"#.into())
        } else {
            (404, "{}".into())
        }
    });
    let run = lab.check(&[&docker], &[]).code(1);
    let report = run.json();
    assert_eq!(BuiltIn::status_of(&report, "up").0, "pass");
    let (status, message) = BuiltIn::status_of(&report, "scraped");
    assert_eq!(status, "fail");
    assert!(message.contains("\"/data/result/0/value/1\""), "{message}");
    let (status, message) = BuiltIn::status_of(&report, "counted");
    assert_eq!(status, "fail");
    assert!(message.contains("19"), "{message}");
    // The optional Grafana is checked too, and passes when it answers.
    assert_eq!(BuiltIn::status_of(&report, "grafana").0, "pass");
    assert!(!lab.verified());
}

fn mlflow_server(request: &str) -> (u16, String) {
    let lab = "lab-mlflow-server";
    if request.starts_with("GET /health ") {
        (200, "OK".into())
    } else if request
        .starts_with("GET /api/2.0/mlflow/experiments/get-by-name?experiment_name=lab-remote ")
    {
        (200, fixture(lab, "experiment.json"))
    } else if request.starts_with("POST /api/2.0/mlflow/runs/search ") {
        (200, fixture(lab, "runs-search.json"))
    } else {
        (404, r#"{"error_code": "RESOURCE_DOES_NOT_EXIST"}"#.into())
    }
}

/// python3 for the stdlib check scripts: the lab interpreter when set, else PATH's.
fn python_env() -> Vec<(&'static str, String)> {
    std::env::var("MLOPS_PATH_LAB_PYTHON")
        .map(|p| vec![("MLOPS_PATH_LAB_PYTHON", p)])
        .unwrap_or_default()
}

#[test]
fn mlflow_server_runs_survive_a_restart_of_the_labelled_containers() {
    const STEP: &str = "lab-mlflow-server";
    let lab = BuiltIn::start(STEP);
    lab.solve();
    let docker = Fake::docker_in(lab.env.root());
    docker.answer(
        "compose",
        &fixture(STEP, "compose-ps-solution.jsonl"),
        "",
        0,
    );
    docker.answer("ps", "9e8d7c6b5a4f\n", "", 0);
    let server = Server::on(5000, mlflow_server);
    let mut command = lab.env.command();
    command
        .args(["check", STEP, "--json", "--dir", lab.dir.to_str().unwrap()])
        .env(docker.variable, &docker.program)
        .envs(python_env());
    let solved = Run::from(command.output().unwrap()).success();
    all_pass(&solved);
    assert!(docker.calls().contains(&argv(&[
        "ps",
        "--quiet",
        "--filter",
        "label=mlops-path.lab=lab-mlflow-server"
    ])));
    assert!(docker.calls().contains(&argv(&["restart", "9e8d7c6b5a4f"])));
    // remote.py asked for the runs before and after the restart.
    let searches = server
        .requests()
        .iter()
        .filter(|r| r.starts_with("POST /api/2.0/mlflow/runs/search"))
        .count();
    assert_eq!(searches, 2);
    drop(server);

    // Without the run on the server, the check says what is missing.
    let empty = Server::on(5000, |request| {
        if request.starts_with("POST /api/2.0/mlflow/runs/search ") {
            (200, "{}".into())
        } else {
            mlflow_server(request)
        }
    });
    let mut command = lab.env.command();
    command
        .args(["check", STEP, "--json", "--dir", lab.dir.to_str().unwrap()])
        .env(docker.variable, &docker.program)
        .envs(python_env());
    let failed = Run::from(command.output().unwrap()).code(1);
    let report = failed.json();
    let (status, message) = BuiltIn::status_of(&report, "runs");
    assert_eq!(status, "fail");
    assert_eq!(message, "no run of lab-remote has val_accuracy above 0.9");
    drop(empty);
}

fn scope(rest: &[&str]) -> Vec<String> {
    let mut all = vec!["--context", "kind-mlops-lab", "--namespace"];
    all.extend_from_slice(rest);
    argv(&all)
}

#[test]
fn k8s_deploy_model_reads_the_deployment_pods_and_service_and_predicts_through_a_port_forward() {
    const STEP: &str = "lab-k8s-deploy-model";
    let lab = BuiltIn::start(STEP);
    let kubectl = Fake::kubectl_in(lab.env.root());
    kubectl.answer(
        "get-deployment",
        &fixture(STEP, "deployment-starter.json"),
        "",
        0,
    );
    kubectl.answer(
        "get-pods",
        r#"{"apiVersion": "v1", "kind": "List", "items": []}"#,
        "",
        0,
    );
    kubectl.answer(
        "get-service",
        "",
        "Error from server (NotFound): services \"model-api\" not found\n",
        1,
    );
    let starter = lab.check(&[&kubectl], &[]).code(1);
    let report = starter.json();
    let (status, message) = BuiltIn::status_of(&report, "available");
    assert_eq!(status, "fail");
    assert_eq!(
        message,
        "deployment/model-api: \"/status/availableReplicas\" is 0, expected at least 2"
    );
    assert!(
        BuiltIn::status_of(&report, "image")
            .1
            .contains("mlops-lab/model-api:latest")
    );
    let (_, forwarded) = BuiltIn::status_of(&report, "predicts");
    assert!(
        forwarded.starts_with(
            "kubectl port-forward svc/model-api ended (exit status: 0) before it forwarded anything"
        ),
        "{forwarded}"
    );
    assert_eq!(
        BuiltIn::status_of(&report, "service").1,
        "service/model-api not found in the namespace mlops-lab of kind-mlops-lab"
    );

    lab.solve();
    let server = Server::forwarded(18081, &kubectl, model_api);
    kubectl.answer(
        "get-deployment",
        &fixture(STEP, "deployment-solution.json"),
        "",
        0,
    );
    kubectl.answer("get-pods", &fixture(STEP, "pods-solution.json"), "", 0);
    kubectl.answer(
        "get-service",
        &fixture(STEP, "service-solution.json"),
        "",
        0,
    );
    let solved = lab.check(&[&kubectl], &[]).success();
    all_pass(&solved);
    let calls = kubectl.calls();
    assert!(calls.contains(&scope(&[
        "mlops-lab",
        "get",
        "deployment",
        "model-api",
        "--output",
        "json"
    ])));
    assert!(calls.contains(&scope(&[
        "mlops-lab",
        "get",
        "pods",
        "--selector",
        "app=model-api",
        "--output",
        "json"
    ])));
    assert!(calls.contains(&scope(&[
        "mlops-lab",
        "port-forward",
        "--address",
        "127.0.0.1",
        "svc/model-api",
        "18081:80"
    ])));
    assert!(
        calls.iter().all(|c| c[..4] == scope(&["mlops-lab"])[..4]),
        "every call names the context and namespace"
    );
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn k8s_ct_jobs_starter_fails_where_the_jobs_and_the_gate_are_missing() {
    const STEP: &str = "lab-k8s-ct-jobs";
    let lab = BuiltIn::start(STEP);
    let kubectl = Fake::kubectl_in(lab.env.root());
    kubectl.answer(
        "get-configmap",
        "",
        "Error from server (NotFound): configmaps \"train-params\" not found\n",
        1,
    );
    kubectl.answer("get-job", &fixture(STEP, "job-starter.json"), "", 0);
    kubectl.answer(
        "logs-job_train-v2",
        &fixture(STEP, "train-v2-starter.log"),
        "",
        0,
    );
    kubectl.answer(
        "get-cronjob",
        "",
        "Error from server (NotFound): cronjobs.batch \"batch-score\" not found\n",
        1,
    );
    kubectl.answer(
        "create-job",
        "",
        "error: failed to retrieve cronjob: cronjobs.batch \"batch-score\" not found\n",
        1,
    );
    kubectl.answer(
        "get-deployment",
        &fixture("lab-k8s-deploy-model", "deployment-solution.json"),
        "",
        0,
    );
    let starter = lab.check(&[&kubectl], &[]).code(1);
    let report = starter.json();
    assert_eq!(
        BuiltIn::status_of(&report, "trained").1,
        "job/train-v2: \"/status/succeeded\" is missing"
    );
    assert_eq!(
        BuiltIn::status_of(&report, "metrics").1,
        "the last line of job/train-v2's log is not JSON: TODO: train with seed 42"
    );
    assert_eq!(
        BuiltIn::status_of(&report, "gated").1,
        "deployment/model-api: \"/metadata/annotations/mlops.example~1model-version\" is missing"
    );
    // The job it tried to create is deleted all the same.
    let calls = kubectl.calls();
    let tried = calls.iter().find(|c| c[4] == "create").unwrap()[6].clone();
    assert!(calls.contains(&scope(&[
        "mlops-lab",
        "delete",
        "job",
        &tried,
        "--ignore-not-found",
        "--wait=false"
    ])));
}

#[test]
fn k8s_ct_jobs_solution_runs_the_declared_job_from_the_cronjob_and_only_that_mutates() {
    const STEP: &str = "lab-k8s-ct-jobs";
    let lab = BuiltIn::start(STEP);
    let kubectl = Fake::kubectl_in(lab.env.root());
    lab.solve();
    kubectl.answer(
        "get-configmap",
        &fixture(STEP, "configmap-solution.json"),
        "",
        0,
    );
    kubectl.answer("get-job", &fixture(STEP, "job-solution.json"), "", 0);
    kubectl.answer(
        "logs-job_train-v2",
        &fixture(STEP, "train-v2-solution.log"),
        "",
        0,
    );
    kubectl.answer(
        "get-cronjob",
        &fixture(STEP, "cronjob-solution.json"),
        "",
        0,
    );
    kubectl.answer("create-job", "job.batch/x created\n", "", 0);
    kubectl.answer(
        "get-deployment",
        &fixture(STEP, "deployment-gated.json"),
        "",
        0,
    );
    let solved = lab.check(&[&kubectl], &[]).success();
    all_pass(&solved);
    let calls = kubectl.calls();
    let create = calls.iter().find(|c| c[4] == "create").unwrap();
    let job = create[6].clone();
    assert_eq!(
        create[4..],
        argv(&["create", "job", &job, "--from=cronjob/batch-score"])
    );
    assert!(calls.contains(&scope(&[
        "mlops-lab",
        "label",
        "job",
        &job,
        "mlops-path.lab=lab-k8s-ct-jobs"
    ])));
    assert!(calls.contains(&scope(&[
        "mlops-lab",
        "delete",
        "job",
        &job,
        "--ignore-not-found",
        "--wait=false"
    ])));
    let mutating: Vec<&String> = calls
        .iter()
        .map(|c| &c[4])
        .filter(|v| !["get", "logs", "wait"].contains(&v.as_str()))
        .collect();
    assert_eq!(
        mutating,
        ["create", "label", "delete"],
        "only the declared mutation"
    );
}

#[test]
fn kserve_waits_for_ready_and_predicts_through_the_predictor() {
    const STEP: &str = "lab-kserve";
    let lab = BuiltIn::start(STEP);
    let kubectl = Fake::kubectl_in(lab.env.root());
    kubectl.answer("get-pvc", &fixture(STEP, "pvc-solution.json"), "", 0);
    kubectl.answer(
        "get-inferenceservice",
        &fixture(STEP, "isvc-not-ready.json"),
        "",
        0,
    );
    let failed = lab.check(&[&kubectl], &[]).code(1);
    let report = failed.json();
    let (status, message) = BuiltIn::status_of(&report, "ready");
    assert_eq!(status, "fail");
    assert!(message.starts_with("inferenceservice/lab-sklearn: its condition Ready is \"False\", expected True (Revision"), "{message}");
    assert!(message.contains("failed to load the model"), "{message}");

    lab.solve();
    let server = Server::forwarded(18082, &kubectl, |request| {
        if request.starts_with("POST /v1/models/lab-sklearn:predict ") {
            (200, r#"{"predictions": [1, 1]}"#.into())
        } else {
            (404, "{}".into())
        }
    });
    kubectl.answer(
        "get-inferenceservice",
        &fixture(STEP, "isvc-solution.json"),
        "",
        0,
    );
    let solved = lab.check(&[&kubectl], &[]).success();
    all_pass(&solved);
    assert!(kubectl.calls().iter().all(|c| c[..4] == argv(&["--context", "kind-mlops-lab", "--namespace", "kserve-test"])));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn capstone_history_check_tells_a_steady_batch_that_moved_the_champion() {
    const STEP: &str = "lab-capstone-ct";
    let lab = BuiltIn::start(STEP);
    lab.solve();
    let docker = Fake::docker_in(lab.env.root());
    docker.answer(
        "image",
        r#"[{"Config": {"Labels": {"ml.model.version": "1"}}}]"#,
        "",
        0,
    );
    let run = |history: &str| {
        fs::write(lab.dir.join("ct-history.json"), fixture(STEP, history)).unwrap();
        let mut command = lab.env.command();
        command
            .args(["check", STEP, "--json", "--dir", lab.dir.to_str().unwrap()])
            .env(docker.variable, &docker.program)
            .envs(python_env());
        Run::from(command.output().unwrap())
    };
    let moved = run("history-moved.json");
    let report = moved.json();
    assert_eq!(BuiltIn::status_of(&report, "makefile").0, "pass");
    assert_eq!(
        BuiltIn::status_of(&report, "ct-target").0,
        "pass",
        "{}",
        moved.stdout
    );
    let (status, message) = BuiltIn::status_of(&report, "history");
    assert_eq!(status, "fail");
    assert_eq!(
        message,
        "the steady batch batches/steady.csv (entry 1) moved the champion; without drift nothing should move"
    );
    assert_eq!(BuiltIn::status_of(&report, "image").0, "pass");
    assert_eq!(
        docker.calls()[0],
        argv(&["image", "inspect", "mlops-lab/model-api:ct"])
    );

    let steady = run("history-solution.json");
    assert_eq!(
        BuiltIn::status_of(&steady.json(), "history").0,
        "pass",
        "{}",
        steady.stdout
    );
}

/// The lab interpreter with mlflow, as the built-in lab tests find it; `None` outside CI
/// when there is none.
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
        eprintln!("skipped: python3 with mlflow not found (set MLOPS_PATH_LAB_PYTHON)");
    }
    chosen
}

/// A registry in `dir/mlflow.db` whose `champion` is version 1 of lab-classifier, from a
/// run with `accuracy`.
fn registry(python: &Path, dir: &Path, accuracy: f64) {
    let script = format!(
        r#"
import mlflow
from mlflow.tracking import MlflowClient
uri = "sqlite:///mlflow.db"
mlflow.set_tracking_uri(uri)
mlflow.set_experiment("lab-ct")
with mlflow.start_run() as run:
    mlflow.log_metric("val_accuracy", {accuracy})
client = MlflowClient(tracking_uri=uri)
client.create_registered_model("lab-classifier")
version = client.create_model_version("lab-classifier", source=run.info.artifact_uri + "/model", run_id=run.info.run_id)
client.set_registered_model_alias("lab-classifier", "champion", version.version)
"#
    );
    let done = std::process::Command::new(python)
        .args(["-c", &script])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
}

#[test]
fn capstone_champion_and_serving_checks_read_the_registry() {
    const STEP: &str = "lab-capstone-ct";
    let Some(python) = lab_python() else { return };
    let lab = BuiltIn::start(STEP);
    lab.solve();
    fs::write(
        lab.dir.join("ct-history.json"),
        fixture(STEP, "history-solution.json"),
    )
    .unwrap();
    registry(&python, &lab.dir, 0.96);
    let _port = super::tools::PORT_8080
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let server = Server::on(8080, |request| {
        if request.starts_with("GET /version ") {
            (200, r#"{"model_version": "1"}"#.into())
        } else {
            (404, "{}".into())
        }
    });
    let run = || {
        let mut command = lab.env.command_std();
        command
            .args(["check", STEP, "--json", "--dir", lab.dir.to_str().unwrap()])
            .env("MLOPS_PATH_LAB_PYTHON", &python);
        Run::from(command.output().unwrap())
    };
    let checked = run();
    let report = checked.json();
    let (status, message) = BuiltIn::status_of(&report, "champion");
    assert_eq!(status, "pass", "{message}");
    assert_eq!(message, "champion is version 1, val_accuracy 0.960");
    let (status, message) = BuiltIn::status_of(&report, "serving");
    assert_eq!(status, "pass", "{message}");
    assert_eq!(server.requests().len(), 1);
    drop(server);

    // A service that serves another version, and a champion that is not good enough.
    let _stale = Server::on(8080, |_| (200, r#"{"model_version": "0"}"#.into()));
    fs::remove_file(lab.dir.join("mlflow.db")).unwrap();
    registry(&python, &lab.dir, 0.5);
    let report = run().json();
    assert_eq!(
        BuiltIn::status_of(&report, "champion").1,
        "the champion (version 1) has val_accuracy 0.5, need at least 0.93"
    );
    assert_eq!(
        BuiltIn::status_of(&report, "serving").1,
        "http://127.0.0.1:8080/version reports model_version '0', but the champion is version 1"
    );
}

#[test]
fn every_container_lab_validates_and_is_listed_with_its_tier() {
    let env = TestEnv::new();
    let labs = [
        ("lab-containerize-model", "docker", "beginner"),
        ("lab-compose-observability", "docker", "intermediate"),
        ("lab-mlflow-server", "docker", "intermediate"),
        ("lab-k8s-deploy-model", "kubernetes", "intermediate"),
        ("lab-k8s-ct-jobs", "kubernetes", "advanced"),
        ("lab-kserve", "kubernetes", "advanced"),
        ("lab-capstone-ct", "docker", "advanced"),
    ];
    let listed = env.run(&["lab", "list", "--json"]).success().json();
    for (step, tier, level) in labs {
        let pack = labs_dir().join(step);
        env.run(&["lab", "validate", pack.to_str().unwrap()])
            .success()
            .stdout_has(&format!("{step}: valid"));
        let row = listed["labs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["step"] == step)
            .unwrap_or_else(|| panic!("{step} is not a lab of the built-in roadmap"));
        assert_eq!(row["tier"], tier, "{step}");
        assert_eq!(row["level"], level, "{step}");
        assert!(
            fs::read_dir(pack.join("hints")).unwrap().count() >= 2,
            "{step}"
        );
        assert!(
            fs::read_dir(pack.join("checks/fixtures")).unwrap().count() >= 2,
            "{step}"
        );
    }
}
