//! The kube check and the context guard through the binary, against a fake `kubectl`.

use std::io::{Read, Write};
use std::net::TcpListener;

use super::tools::{Fake, argv, check_with, run_with};
use super::{LabEnv, Said};

fn kube_lab(checks: &str, kube: &str) -> LabEnv {
    // The manifest's "env" is the last field before "checks": the cluster goes beside it.
    LabEnv::with_env(checks, &format!(r#"[], "kube": {kube}"#))
}

const LOCAL: &str =
    r#"{"namespace": "mlops-lab", "mutations": ["create job --from=cronjob/batch-score"]}"#;

const DEPLOYMENT: &str = r#"[{"id": "replicas", "title": "Two replicas are available", "type": "kube",
  "verb": "get", "kind": "deployment", "name": "model-api",
  "assert": [{"pointer": "/status/availableReplicas", "op": "gte", "value": 2}]}]"#;

#[test]
fn get_names_context_and_namespace_and_asserts_on_the_object() {
    let lab = kube_lab(DEPLOYMENT, LOCAL);
    lab.start().success();
    let kubectl = Fake::kubectl(&lab);
    kubectl.answer(
        "get",
        r#"{"metadata": {"name": "model-api"}, "status": {"availableReplicas": 2}}"#,
        "",
        0,
    );
    check_with(&lab, &[&kubectl], &[])
        .success()
        .stdout_has("pass   Two replicas are available");
    assert_eq!(
        kubectl.calls(),
        [argv(&[
            "--context",
            "kind-mlops-lab",
            "--namespace",
            "mlops-lab",
            "get",
            "deployment",
            "model-api",
            "--output",
            "json"
        ])]
    );
    kubectl.answer(
        "get",
        r#"{"metadata": {"name": "model-api"}, "status": {"availableReplicas": 1}}"#,
        "",
        0,
    );
    check_with(&lab, &[&kubectl], &[])
        .code(1)
        .says_out(r#"deployment/model-api: "/status/availableReplicas" is 1, expected at least 2"#);

    kubectl.answer(
        "get",
        "",
        "Error from server (NotFound): deployments.apps \"model-api\" not found\n",
        1,
    );
    check_with(&lab, &[&kubectl], &[])
        .code(1)
        .says_out("deployment/model-api not found in the namespace mlops-lab of kind-mlops-lab");

    kubectl.answer(
        "get",
        "",
        "The connection to the server 127.0.0.1:6443 was refused\n",
        1,
    );
    check_with(&lab, &[&kubectl], &[])
        .code(2)
        .says_out("kubectl get deployment exited with 1:\nThe connection to the server 127.0.0.1:6443 was refused");
}

#[test]
fn each_listed_pod_must_hold_the_condition() {
    let lab = kube_lab(
        r#"[{"id": "ready", "title": "Every pod is Ready", "type": "kube", "verb": "get", "kind": "pods",
             "selector": "app=model-api", "each": true, "condition": {"type": "Ready", "status": "True"},
             "assert": [{"pointer": "/status/containerStatuses/0/restartCount", "op": "lte", "value": 1}]}]"#,
        LOCAL,
    );
    lab.start().success();
    let kubectl = Fake::kubectl(&lab);
    let pod = |name: &str, ready: &str, restarts: u32| {
        format!(
            r#"{{"metadata": {{"name": "{name}"}}, "status": {{"conditions": [{{"type": "Ready", "status": "{ready}"}}],
               "containerStatuses": [{{"restartCount": {restarts}}}]}}}}"#
        )
    };
    kubectl.answer(
        "get",
        &format!(
            r#"{{"items": [{}, {}]}}"#,
            pod("a", "True", 0),
            pod("b", "True", 1)
        ),
        "",
        0,
    );
    check_with(&lab, &[&kubectl], &[]).success();
    assert_eq!(
        kubectl.calls()[0][4..],
        argv(&[
            "get",
            "pods",
            "--selector",
            "app=model-api",
            "--output",
            "json"
        ])
    );
    kubectl.answer(
        "get",
        &format!(
            r#"{{"items": [{}, {}]}}"#,
            pod("a", "True", 0),
            pod("b", "False", 0)
        ),
        "",
        0,
    );
    check_with(&lab, &[&kubectl], &[])
        .code(1)
        .says_out("pods/b: its condition Ready is \"False\", expected True");
    kubectl.answer(
        "get",
        &format!(r#"{{"items": [{}]}}"#, pod("a", "True", 3)),
        "",
        0,
    );
    check_with(&lab, &[&kubectl], &[])
        .code(1)
        .says_out("pods/a: \"/status/containerStatuses/0/restartCount\" is 3");
    kubectl.answer("get", r#"{"items": []}"#, "", 0);
    check_with(&lab, &[&kubectl], &[])
        .code(1)
        .says_out("no pods with app=model-api in the namespace mlops-lab");
}

#[test]
fn the_context_guard_refuses_a_cluster_that_is_not_local_unless_the_user_names_it() {
    let lab = kube_lab(
        DEPLOYMENT,
        r#"{"context": "prod-eu-1", "namespace": "mlops-lab"}"#,
    );
    lab.start().success();
    let kubectl = Fake::kubectl(&lab);
    kubectl.answer("get", r#"{"status": {"availableReplicas": 2}}"#, "", 0);
    let refused = check_with(&lab, &[&kubectl], &[]).code(2);
    refused.says_err(
        "refused to use the kubectl context \"prod-eu-1\" of pack: it is not a local cluster",
    );
    refused.says_err("mlops-path check --kube-context NAME");
    assert!(refused.stdout.is_empty(), "{}", refused.stdout);
    assert!(kubectl.calls().is_empty(), "nothing ran");
    assert!(lab.env.events().iter().all(|e| e["kind"] != "done"));

    // Named by the user, that one context is used, with a warning.
    check_with(&lab, &[&kubectl], &["--kube-context", "prod-eu-1"])
        .success()
        .stderr_has(
            "using the kubectl context \"prod-eu-1\", which you named; it is not a local cluster",
        );
    assert_eq!(kubectl.calls()[0][..2], argv(&["--context", "prod-eu-1"]));

    // Local clusters of other tools pass without a word.
    for context in ["kind-other", "minikube", "k3d-lab", "docker-desktop"] {
        let run = check_with(&lab, &[&kubectl], &["--kube-context", context]).success();
        assert!(
            !run.stderr.contains("not a local cluster"),
            "{}",
            run.stderr
        );
        assert_eq!(kubectl.calls().last().unwrap()[1], context);
    }
}

#[test]
fn without_kubectl_kube_checks_are_skipped() {
    let lab = kube_lab(DEPLOYMENT, LOCAL);
    lab.start().success();
    let empty = lab.env.root().join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let run = run_with(
        &lab,
        &[],
        &[("PATH", empty.to_str().unwrap())],
        &[
            "check",
            "lab-tiny",
            "--dir",
            lab.lab.to_str().unwrap(),
            "--json",
        ],
    )
    .code(2);
    let report = run.json();
    assert_eq!(report["status"], "skip");
    assert!(
        report["checks"][0]["message"]
            .as_str()
            .unwrap()
            .contains("kubectl not found on PATH")
    );
    run.says_err("skipped, so nothing was judged");
}

#[test]
fn kubectl_gets_kubeconfig_and_no_credentials() {
    let lab = kube_lab(DEPLOYMENT, LOCAL);
    lab.start().success();
    let kubectl = Fake::kubectl(&lab);
    kubectl.answer("get", r#"{"status": {"availableReplicas": 2}}"#, "", 0);
    run_with(
        &lab,
        &[&kubectl],
        &[
            ("KUBECONFIG", "/home/me/.kube/kind"),
            ("AWS_ACCESS_KEY_ID", "AKIA-secret"),
            ("DOCKER_HOST", "tcp://x"),
        ],
        &["check", "lab-tiny", "--dir", lab.lab.to_str().unwrap()],
    )
    .success();
    let env = kubectl.env();
    assert!(env.contains("KUBECONFIG=/home/me/.kube/kind"), "{env}");
    assert!(!env.contains("AKIA-secret"), "{env}");
    assert!(!env.contains("DOCKER_HOST"), "{env}");
}

#[test]
fn logs_reads_the_last_json_line() {
    let lab = kube_lab(
        r#"[{"id": "metrics", "title": "The job logs its accuracy", "type": "kube", "verb": "logs",
             "target": "job/train-v2", "assert": [{"pointer": "/val_accuracy", "op": "gte", "value": 0.9}]}]"#,
        LOCAL,
    );
    lab.start().success();
    let kubectl = Fake::kubectl(&lab);
    kubectl.answer("logs", "training...\n{\"val_accuracy\": 0.95}\n\n", "", 0);
    check_with(&lab, &[&kubectl], &[]).success();
    assert_eq!(kubectl.calls()[0][4..], argv(&["logs", "job/train-v2"]));
    kubectl.answer("logs", "{\"val_accuracy\": 0.5}\n", "", 0);
    check_with(&lab, &[&kubectl], &[]).code(1).says_out(
        "the last line of job/train-v2's log: \"/val_accuracy\" is 0.5, expected at least 0.9",
    );
    kubectl.answer("logs", "done\n", "", 0);
    check_with(&lab, &[&kubectl], &[])
        .code(1)
        .says_out("the last line of job/train-v2's log is not JSON: done");
}

const CREATE: &str = r#"[{"id": "batch", "title": "The CronJob runs", "type": "kube", "verb": "create_job",
  "from_cronjob": "batch-score", "wait_s": 30}]"#;

#[test]
fn a_declared_job_from_a_cronjob_is_created_labelled_waited_for_and_deleted() {
    let lab = kube_lab(CREATE, LOCAL);
    lab.start().success();
    let kubectl = Fake::kubectl(&lab);
    check_with(&lab, &[&kubectl], &[])
        .code(2)
        .says_err("refused to run the checks of pack");
    assert!(kubectl.calls().is_empty());
    check_with(&lab, &[&kubectl], &["--trust"]).success();
    let calls = kubectl.calls();
    let job = calls[0][6].clone();
    assert!(job.starts_with("mlops-path-check-"), "{job}");
    let tail: Vec<Vec<String>> = calls.iter().map(|c| c[4..].to_vec()).collect();
    assert_eq!(
        tail,
        [
            argv(&["create", "job", &job, "--from=cronjob/batch-score"]),
            argv(&["label", "job", &job, "mlops-path.lab=tiny"]),
            argv(&[
                "wait",
                "--for=condition=complete",
                &format!("job/{job}"),
                "--timeout=30s"
            ]),
            argv(&["delete", "job", &job, "--ignore-not-found", "--wait=false"]),
        ]
    );
    assert!(
        calls
            .iter()
            .all(|c| c[..4] == argv(&["--context", "kind-mlops-lab", "--namespace", "mlops-lab"]))
    );

    kubectl.answer(
        "wait",
        "",
        "error: timed out waiting for the condition on jobs/x\n",
        1,
    );
    check_with(&lab, &[&kubectl], &["--trust"])
        .code(1)
        .says_out("did not complete within 30 s");
    assert_eq!(kubectl.calls().last().unwrap()[4], "delete");
}

#[test]
fn an_undeclared_mutation_or_a_kube_check_without_a_cluster_is_invalid() {
    let lab = kube_lab(CREATE, r#"{"namespace": "mlops-lab"}"#);
    lab.run(&["lab", "validate", lab.pack.to_str().unwrap()])
        .code(1)
        .says_err("the mutation \"create job --from=cronjob/batch-score\" is not declared in kube.mutations");
    let bare = LabEnv::new(DEPLOYMENT);
    bare.run(&["lab", "validate", bare.pack.to_str().unwrap()])
        .code(1)
        .says_err("kube checks need the manifest's \"kube\"");
    let sneaky = kube_lab(DEPLOYMENT, r#"{"namespace": "--all-namespaces"}"#);
    sneaky
        .run(&["lab", "validate", sneaky.pack.to_str().unwrap()])
        .code(1)
        .says_err("kube: \"--all-namespaces\" cannot be an argument");
}

#[test]
fn a_port_forward_runs_for_the_probes_on_loopback() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let lab = kube_lab(
        &format!(
            r#"[{{"id": "serves", "title": "The Service predicts", "type": "kube", "verb": "port_forward",
                 "target": "svc/model-api", "port": {{"host": {port}, "container": 80}},
                 "then": [{{"type": "http", "method": "POST", "url": "http://127.0.0.1:{port}/predict",
                            "body": {{"instances": [[1]]}}, "expect_status": 200, "retry_for_s": 30,
                            "json_assert": [{{"pointer": "/predictions", "op": "len_eq", "value": 2}}]}}]}}]"#
        ),
        LOCAL,
    );
    lab.start().success();
    let kubectl = Fake::kubectl(&lab);
    let record = kubectl.dir.join("calls");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stopped = stop.clone();
    listener.set_nonblocking(true).unwrap();
    // Answers every request until the check ends: under load the checker may give up on a
    // slow first answer and ask again, and a one-shot server would then fail the test.
    let server = std::thread::spawn(move || {
        let give_up = std::time::Instant::now() + std::time::Duration::from_secs(120);
        while !stopped.load(std::sync::atomic::Ordering::Relaxed)
            && std::time::Instant::now() < give_up
        {
            let Ok((mut stream, _)) = listener.accept() else {
                std::thread::sleep(std::time::Duration::from_millis(10));
                continue;
            };
            stream.set_nonblocking(false).unwrap();
            stream
                .set_read_timeout(Some(std::time::Duration::from_secs(5)))
                .unwrap();
            let mut request = [0u8; 1024];
            // A readiness probe connects and sends nothing.
            if stream.read(&mut request).unwrap_or(0) == 0 {
                continue;
            }
            // The real port-forward answers only once it runs: wait (bounded) until the fake
            // has written its whole call, one argument at a time and then a newline; answering
            // sooner lets the checker stop it halfway through the record.
            let recorded = || {
                std::fs::read_to_string(&record)
                    .unwrap_or_default()
                    .split_inclusive('\n')
                    .any(|line| line.ends_with('\n') && line.contains("port-forward"))
            };
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while !recorded() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            let body = r#"{"predictions": [0, 1]}"#;
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    let checked = check_with(&lab, &[&kubectl], &["--trust"]);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    server.join().unwrap();
    checked.success().stdout_has("pass   The Service predicts");
    assert_eq!(
        kubectl.calls()[0][4..],
        argv(&[
            "port-forward",
            "--address",
            "127.0.0.1",
            "svc/model-api",
            &format!("{port}:80")
        ])
    );
}

#[test]
fn validate_lists_what_each_kube_check_asks_of_kubectl() {
    let lab = kube_lab(CREATE, LOCAL);
    lab.run(&["lab", "validate", lab.pack.to_str().unwrap()])
        .success()
        .stdout_has("kube     batch  The CronJob runs\n           uses kubectl create job --from=cronjob/batch-score (declared; the Job is deleted afterwards)\n");
    let get = kube_lab(DEPLOYMENT, LOCAL);
    get.run(&["lab", "validate", get.pack.to_str().unwrap()])
        .success()
        .stdout_has("uses kubectl get deployment model-api\n");
}

#[test]
fn ctrl_c_while_waiting_for_the_job_still_deletes_it() {
    let lab = kube_lab(CREATE, LOCAL);
    lab.start().success();
    let kubectl = Fake::kubectl(&lab);
    kubectl.slow("wait", 20);
    let mut child = lab
        .env
        .command_std()
        .args(["--roadmap", lab.roadmap.to_str().unwrap()])
        .args([
            "check",
            "lab-tiny",
            "--trust",
            "--dir",
            lab.lab.to_str().unwrap(),
        ])
        .env(kubectl.variable, &kubectl.program)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let waiting =
        |calls: &[Vec<String>]| calls.iter().any(|c| c.get(4).is_some_and(|v| v == "wait"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !waiting(&kubectl.calls()) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(waiting(&kubectl.calls()), "{:?}", kubectl.calls());
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the check did not end after Ctrl-C");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    let calls = kubectl.calls();
    let job = calls[0][6].clone();
    assert_eq!(
        calls.last().unwrap()[4..],
        argv(&["delete", "job", &job, "--ignore-not-found", "--wait=false"])
    );
}
