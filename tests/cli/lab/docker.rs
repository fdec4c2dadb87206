//! The docker check through the binary, against a fake `docker` that records its calls.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use super::tools::{Fake, argv, check_with, run_with};
use super::{LabEnv, Said};

const INSPECT: &str = r#"[{"id": "image", "title": "The image runs as a user, not root", "type": "docker",
  "verb": "image_inspect", "image": "mlops-lab/model-api:1.0", "hint": 1,
  "assert": [{"pointer": "/0/Config/User", "op": "not_in", "value": ["", "root", "0"]},
             {"pointer": "/0/Config/ExposedPorts/8080~1tcp", "op": "exists"}]}]"#;

fn image(user: &str) -> String {
    format!(r#"[{{"Config": {{"User": "{user}", "ExposedPorts": {{"8080/tcp": {{}}}}}}}}]"#)
}

#[test]
fn image_inspect_is_one_argument_list_and_its_json_is_asserted() {
    let lab = LabEnv::new(INSPECT);
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("image", &image("app"), "", 0);
    // Read-only verbs need no trust, even from a pack that is not built in.
    check_with(&lab, &[&docker], &[])
        .success()
        .stdout_has("pass   The image runs as a user, not root");
    assert_eq!(
        docker.calls(),
        [argv(&["image", "inspect", "mlops-lab/model-api:1.0"])]
    );

    docker.answer("image", &image("root"), "", 0);
    let failed = check_with(&lab, &[&docker], &[]).code(1);
    failed.says_out("fail   The image runs as a user, not root");
    failed.says_out(r#"image mlops-lab/model-api:1.0: "/0/Config/User" is "root""#);
    failed.says_out("hint 1 may help");
    lab.run(&["lab", "validate", lab.pack.to_str().unwrap()])
        .success()
        .stdout_has("docker   image  The image runs as a user, not root\n           uses docker image inspect mlops-lab/model-api:1.0\n");
}

#[test]
fn a_missing_image_fails_and_a_docker_that_cannot_answer_is_an_error() {
    let lab = LabEnv::new(INSPECT);
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer(
        "image",
        "[]",
        "Error: No such image: mlops-lab/model-api:1.0\n",
        1,
    );
    check_with(&lab, &[&docker], &[])
        .code(1)
        .says_out("there is no image mlops-lab/model-api:1.0: build it with docker build -t mlops-lab/model-api:1.0 .");

    docker.answer(
        "image",
        "",
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n",
        1,
    );
    let run = check_with(&lab, &[&docker], &["--json"]).code(2);
    let report = run.json();
    assert_eq!(report["status"], "error");
    let message = report["checks"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("docker image inspect exited with 1")
            && message.contains("Is the docker daemon running?"),
        "{message}"
    );
    run.says_err("could not be run; nothing was judged");
    assert!(lab.env.events().iter().all(|e| e["kind"] != "done"));
}

#[test]
fn docker_output_over_the_cap_could_not_be_checked() {
    let lab = LabEnv::new(INSPECT);
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("image", &format!("[{}]", " ".repeat(70 * 1024)), "", 0);
    check_with(&lab, &[&docker], &[])
        .code(2)
        .says_out("docker image printed more than 64 KiB, which was cut, so it cannot be read");
}

#[test]
fn what_docker_says_reaches_the_terminal_escaped() {
    let lab = LabEnv::new(INSPECT);
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("image", "", "daemon says \u{1b}[2Jhello\n", 1);
    let run = check_with(&lab, &[&docker], &[]).code(2);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    run.says_out("daemon says \u{fffd}[2Jhello");
}

#[test]
fn without_docker_the_check_is_skipped_with_the_reason_and_nothing_is_judged() {
    let lab = LabEnv::new(INSPECT);
    lab.start().success();
    let empty = lab.env.root().join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let dir = lab.lab.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "lab-tiny", "--dir", dir];
        args.extend_from_slice(extra);
        run_with(&lab, &[], &[("PATH", empty.to_str().unwrap())], &args)
    };
    let skipped = run(&[]).code(2);
    skipped.says_out("skip   The image runs as a user, not root");
    skipped.says_out(
        "docker not found on PATH; install it (see the brief) or name it with MLOPS_PATH_DOCKER",
    );
    skipped
        .says_err("1 required check(s) skipped, so nothing was judged: docker not found on PATH");
    skipped.says_err("not a verdict on your work");
    assert!(
        !skipped.stdout.contains("hint 1 may help"),
        "{}",
        skipped.stdout
    );

    let report = run(&["--json"]).code(2).json();
    assert_eq!(report["status"], "skip");
    assert_eq!(report["checks"][0]["status"], "skip");
    assert!(
        report["checks"][0]["message"]
            .as_str()
            .unwrap()
            .contains("docker not found on PATH")
    );
    assert!(lab.env.events().iter().all(|e| e["kind"] != "done"));

    // A variable that names nothing is a reason too.
    let named = run_with(
        &lab,
        &[],
        &[("MLOPS_PATH_DOCKER", "/nonexistent/docker")],
        &["check", "lab-tiny", "--dir", dir],
    )
    .code(2);
    named.says_out("MLOPS_PATH_DOCKER names /nonexistent/docker, which is not a file");
}

#[test]
fn docker_is_found_on_path_and_gets_a_minimal_environment() {
    let lab = LabEnv::new(INSPECT);
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("image", &image("app"), "", 0);
    let path = format!(
        "{}:{}",
        docker.dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let dir = lab.lab.to_str().unwrap();
    run_with(
        &lab,
        &[],
        &[
            ("PATH", &path),
            ("DOCKER_HOST", "unix:///tmp/fake.sock"),
            ("AWS_SECRET_ACCESS_KEY", "do-not-pass"),
            ("KUBECONFIG", "/somewhere/config"),
        ],
        &["check", "lab-tiny", "--dir", dir],
    )
    .success();
    assert_eq!(docker.calls().len(), 1);
    let env = docker.env();
    assert!(env.contains("DOCKER_HOST=unix:///tmp/fake.sock"), "{env}");
    assert!(!env.contains("AWS_SECRET_ACCESS_KEY"), "{env}");
    assert!(!env.contains("KUBECONFIG"), "{env}");
}

fn run_check(port: u16, then: &str) -> String {
    format!(
        r#"[{{"id": "serves", "title": "The image serves /health", "type": "docker", "verb": "run",
            "image": "mlops-lab/model-api:1.0", "port": {{"host": {port}, "container": 8080}},
            "memory": "512m", "cpus": "0.5", "wait_health_s": 2, "then": {then}}}]"#
    )
}

fn health(status: &str, running: bool) -> String {
    format!(
        r#"[{{"State": {{"Running": {running}, "ExitCode": 0, "Health": {{"Status": "{status}"}}}}}}]"#
    )
}

#[test]
fn a_run_check_starts_a_labelled_limited_loopback_container_probes_it_and_removes_it() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 1024];
        let _ = stream.read(&mut request).unwrap();
        let body = r#"{"status": "ok"}"#;
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(answer.as_bytes()).unwrap();
    });
    let then = format!(
        r#"[{{"type": "http", "url": "http://127.0.0.1:{port}/health", "expect_status": 200,
             "json_assert": [{{"pointer": "/status", "op": "eq", "value": "ok"}}]}}]"#
    );
    let lab = LabEnv::new(&run_check(port, &then));
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("run", "abc123\n", "", 0);
    docker.answer("inspect", &health("healthy", true), "", 0);

    // Starting a container runs code: a pack that is not built in needs trust.
    check_with(&lab, &[&docker], &[])
        .code(2)
        .says_err("refused to run the checks of pack");
    assert!(docker.calls().is_empty());

    check_with(&lab, &[&docker], &["--trust"])
        .success()
        .stdout_has("pass   The image serves /health");
    server.join().unwrap();
    let calls = docker.calls();
    let name = calls[0][5].clone();
    assert!(name.starts_with("mlops-path-tiny-"), "{name}");
    assert_eq!(
        calls[0],
        argv(&[
            "run",
            "--detach",
            "--pull",
            "never",
            "--name",
            &name,
            "--label",
            "mlops-path.lab=tiny",
            "--memory",
            "512m",
            "--cpus",
            "0.5",
            "--publish",
            &format!("127.0.0.1:{port}:8080"),
            "mlops-lab/model-api:1.0",
        ])
    );
    assert_eq!(calls[1], argv(&["inspect", &name]));
    assert_eq!(calls.last().unwrap(), &argv(&["rm", "--force", &name]));
}

#[test]
fn an_unhealthy_container_fails_the_check_and_is_still_removed() {
    let lab = LabEnv::new(&run_check(18080, "[]"));
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("run", "abc123\n", "", 0);
    docker.answer("inspect", &health("unhealthy", true), "", 0);
    check_with(&lab, &[&docker], &["--trust"])
        .code(1)
        .says_out("its HEALTHCHECK reports unhealthy");
    assert_eq!(
        docker.calls().last().unwrap()[..2],
        argv(&["rm", "--force"])
    );

    docker.answer("inspect", &health("starting", true), "", 0);
    check_with(&lab, &[&docker], &["--trust"])
        .code(1)
        .says_out("not healthy after 2 s (HEALTHCHECK still \"starting\")");
    assert_eq!(
        docker.calls().last().unwrap()[..2],
        argv(&["rm", "--force"])
    );

    docker.answer("inspect", &health("starting", false), "", 0);
    check_with(&lab, &[&docker], &["--trust"])
        .code(1)
        .says_out("the container stopped (exit code 0) before it was ready");
}

#[test]
fn ctrl_c_during_a_run_check_still_removes_the_container() {
    let lab = LabEnv::new(
        &run_check(18080, "[]").replace("\"wait_health_s\": 2", "\"wait_health_s\": 60"),
    );
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("run", "abc123\n", "", 0);
    docker.answer("inspect", &health("starting", true), "", 0);
    let mut command = lab.env.command_std();
    command
        .args(["--roadmap", lab.roadmap.to_str().unwrap()])
        .args([
            "check",
            "lab-tiny",
            "--trust",
            "--dir",
            lab.lab.to_str().unwrap(),
        ])
        .env(docker.variable, &docker.program)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = command.spawn().unwrap();
    // Wait (bounded) until the container was started and is being polled.
    let deadline = Instant::now() + Duration::from_secs(30);
    while docker.calls().len() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(docker.calls().len() >= 2, "{:?}", docker.calls());
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the check did not end after Ctrl-C");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    let calls = docker.calls();
    let name = calls[0][5].clone();
    assert_eq!(calls.last().unwrap(), &argv(&["rm", "--force", &name]));
}

#[test]
fn compose_ps_wants_every_service_running_and_healthy() {
    let lab = LabEnv::new(
        r#"[{"id": "up", "title": "Every service is up", "type": "docker", "verb": "compose_ps", "project": "mlops-lab"}]"#,
    );
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer(
        "compose",
        "{\"Service\":\"api\",\"State\":\"running\",\"Health\":\"healthy\"}\n{\"Service\":\"prometheus\",\"State\":\"running\",\"Health\":\"\"}\n",
        "",
        0,
    );
    check_with(&lab, &[&docker], &[]).success();
    assert_eq!(
        docker.calls(),
        [argv(&[
            "compose",
            "-p",
            "mlops-lab",
            "ps",
            "--all",
            "--format",
            "json"
        ])]
    );
    // Older Compose prints one array.
    docker.answer(
        "compose",
        r#"[{"Service":"api","State":"exited","Health":""}]"#,
        "",
        0,
    );
    check_with(&lab, &[&docker], &[])
        .code(1)
        .says_out("service api is \"exited\", expected running");
    docker.answer("compose", "", "", 0);
    check_with(&lab, &[&docker], &[])
        .code(1)
        .says_out("the compose project mlops-lab has no containers: start it with docker compose -p mlops-lab up -d");
}

#[test]
fn restart_touches_only_the_containers_with_the_lab_label() {
    let lab = LabEnv::new(
        r#"[{"id": "restart", "title": "Restart the server", "type": "docker", "verb": "restart"}]"#,
    );
    lab.start().success();
    let docker = Fake::docker(&lab);
    docker.answer("ps", "c1\nc2\n", "", 0);
    check_with(&lab, &[&docker], &["--trust"]).success();
    assert_eq!(
        docker.calls(),
        [
            argv(&["ps", "--quiet", "--filter", "label=mlops-path.lab=tiny"]),
            argv(&["restart", "c1", "c2"])
        ]
    );
    docker.answer("ps", "", "", 0);
    check_with(&lab, &[&docker], &["--trust"])
        .code(1)
        .says_out("no running container carries the label mlops-path.lab=tiny");
}

#[test]
fn validate_refuses_docker_arguments_that_are_options_and_probes_that_are_not_http() {
    let lab = LabEnv::new(
        r#"[{"id": "bad", "title": "Bad", "type": "docker", "verb": "image_inspect", "image": "--privileged"},
            {"id": "limits", "title": "Limits", "type": "docker", "verb": "run", "image": "x:1",
             "port": {"host": 1, "container": 2}, "memory": "--privileged"},
            {"id": "probe", "title": "Probe", "type": "docker", "verb": "run", "image": "x:1",
             "port": {"host": 1, "container": 2}, "then": [{"type": "file", "path": "a"}]},
            {"id": "far", "title": "Far", "type": "docker", "verb": "run", "image": "x:1",
             "port": {"host": 1, "container": 2}, "then": [{"type": "http", "url": "http://example.com/", "expect_status": 200}]}]"#,
    );
    let run = lab
        .run(&["lab", "validate", lab.pack.to_str().unwrap()])
        .code(1);
    run.says_err("check \"bad\": \"--privileged\" cannot be an argument");
    run.says_err("check \"limits\": \"--privileged\" cannot be an argument");
    run.says_err("check \"probe\": then holds http checks only, not file");
    run.says_err("check \"far\":");
    let unknown = LabEnv::new(
        r#"[{"id": "x", "title": "X", "type": "docker", "verb": "exec", "image": "x:1"}]"#,
    );
    unknown
        .run(&["lab", "validate", unknown.pack.to_str().unwrap()])
        .code(1)
        .says_err("unknown variant `exec`");
}
