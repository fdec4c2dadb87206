//! Each check type, its refusals and limits, through the binary with tiny packs.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use super::{LabEnv, Said};

const ANSWER: &str = r#"[{"id": "exists", "title": "answer.json exists", "type": "file", "path": "answer.json"},
  {"id": "right", "title": "The answer is 42", "type": "json", "path": "answer.json", "hint": 1,
   "assert": [{"pointer": "/answer", "op": "eq", "value": 42}]}]"#;

#[test]
fn declarative_checks_fail_on_the_starter_and_a_pass_records_done_verified_once() {
    let lab = LabEnv::new(ANSWER);
    lab.start().success().stdout_has("Write answer.json.");
    let failed = lab.check(&[]).code(1);
    assert!(
        failed.stdout.contains("pass   answer.json exists"),
        "{}",
        failed.stdout
    );
    assert!(
        failed.stdout.contains("fail   The answer is 42"),
        "{}",
        failed.stdout
    );
    assert!(
        failed
            .stdout
            .contains("right: answer.json: \"/answer\" is 0, expected equal to 42")
    );
    assert!(failed.stdout.contains("hint 1 may help"));
    failed.says_err("1 of 2 required check(s) failed");
    let kinds = |lab: &LabEnv| -> Vec<String> {
        lab.env
            .events()
            .iter()
            .map(|e| e["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(kinds(&lab), ["start"]);

    lab.write("answer.json", "{\"answer\": 42}");
    lab.check(&[])
        .success()
        .stderr_has("Done, verified: lab-tiny");
    let events = lab.env.events();
    assert_eq!(events[1]["kind"], "done");
    assert_eq!(events[1]["evidence"]["lab"], "pack");
    assert_eq!(
        events[1]["evidence"]["checks"],
        serde_json::json!(["exists", "right"])
    );
    let before = lab.env.state_bytes();
    lab.check(&[])
        .success()
        .stderr_has("already done and verified, nothing recorded");
    assert_eq!(lab.env.state_bytes(), before);

    let shown = lab.run(&["show", "lab-tiny", "--json"]).success().json();
    assert_eq!(shown["verified"], true);
    lab.run(&["show", "lab-tiny"])
        .success()
        .stdout_has("verified by mlops-path check");
    lab.run(&["log"])
        .success()
        .stdout_has("Tiny lab  (verified)");
    let exported = lab.run(&["export"]).success().json();
    let steps = exported["steps"].as_array().unwrap();
    let verified = |id: &str| steps.iter().find(|s| s["id"] == id).unwrap()["verified"].clone();
    assert_eq!(verified("lab-tiny"), true);
    assert_eq!(verified("reading"), false);
    let csv = lab.run(&["export", "--format", "csv"]).success();
    assert!(csv.stdout.starts_with(
        "section,id,title,status,first_started,done_at,verified,notes,spent_minutes\n"
    ));
    assert!(
        csv.stdout.contains(",lab-tiny,Tiny lab,done,"),
        "{}",
        csv.stdout
    );
    assert!(csv.stdout.contains(",true,0,0\n"), "{}", csv.stdout);
    lab.run(&["export", "--format", "md"])
        .success()
        .stdout_has(", verified by mlops-path check\n");
}

#[test]
fn check_json_reports_every_check_and_the_verdict() {
    let lab = LabEnv::new(ANSWER);
    lab.start().success();
    let run = lab.check(&["--json"]).code(1);
    let report = run.json();
    assert_eq!(report["status"], "fail");
    assert_eq!(report["lab"], "pack");
    assert_eq!(report["step"], "lab-tiny");
    assert_eq!(report["checks"][0]["status"], "pass");
    assert_eq!(report["checks"][1]["id"], "right");
    assert_eq!(report["checks"][1]["status"], "fail");
}

#[test]
fn a_self_reported_done_is_not_verified() {
    let lab = LabEnv::new(ANSWER);
    lab.run(&["done", "lab-tiny"]).success();
    assert_eq!(
        lab.run(&["show", "lab-tiny", "--json"]).success().json()["verified"],
        false
    );
    lab.run(&["show", "lab-tiny"])
        .success()
        .stdout_has("self-reported");
    let listed = lab.run(&["lab", "list", "--json"]).success().json();
    assert_eq!(listed["labs"][0]["verified"], false);
    assert_eq!(listed["labs"][0]["status"], "done");
    // A pass after it adds the evidence.
    lab.start().success();
    lab.write("answer.json", "{\"answer\": 42}");
    lab.check(&[]).success();
    assert_eq!(
        lab.run(&["show", "lab-tiny", "--json"]).success().json()["verified"],
        true
    );
}

#[test]
fn untrusted_command_checks_are_refused_and_nothing_runs_until_trusted() {
    let lab = LabEnv::new(
        r#"[{"id": "ran", "title": "Runs touch", "type": "command", "argv": ["touch", "ran"]}]"#,
    );
    lab.start().success();
    let refused = lab.check(&[]).code(2);
    refused.says_err("refused to run the checks of pack: 1 of them run programs");
    refused.says_err("mlops-path lab validate");
    refused.says_err("mlops-path check --trust");
    assert!(refused.stdout.is_empty(), "{}", refused.stdout);
    assert!(!lab.lab.join("ran").exists(), "an untrusted command ran");
    assert_eq!(lab.env.events().len(), 1, "only the start is recorded");

    lab.check(&["--trust"]).success();
    assert!(lab.lab.join("ran").exists());
}

#[test]
fn untrusted_python_checks_are_refused_too() {
    let lab = LabEnv::new(
        r#"[{"id": "py", "title": "A script", "type": "python", "script": "checks/x.py"}]"#,
    );
    fs::write(
        lab.pack.join("checks/x.py"),
        "print('{\"status\": \"pass\"}')\n",
    )
    .unwrap();
    lab.start().success();
    lab.check(&[])
        .code(2)
        .stderr_has("refused to run the checks of pack");
}

#[test]
fn command_exit_codes_and_json_output_are_checked() {
    let lab = LabEnv::new(
        r#"[{"id": "no", "title": "false fails", "type": "command", "argv": ["false"]},
            {"id": "yes", "title": "false exits 1", "type": "command", "argv": ["false"], "expect_exit": [1]},
            {"id": "json", "title": "cat answers 42", "type": "command", "argv": ["cat", "answer.json"],
             "stdout_json_assert": [{"pointer": "/answer", "op": "gte", "value": 42}]}]"#,
    );
    lab.start().success();
    let run = lab.check(&["--trust", "--json"]).code(1);
    let checks = &run.json()["checks"];
    assert_eq!(checks[0]["status"], "fail");
    assert_eq!(checks[0]["message"], "false exited with 1, expected [0]");
    assert_eq!(checks[1]["status"], "pass");
    assert_eq!(checks[2]["status"], "fail");
    assert_eq!(
        checks[2]["message"],
        "its output: \"/answer\" is 0, expected at least 42"
    );
}

#[test]
fn a_command_over_its_timeout_is_stopped_and_reported_as_could_not_check() {
    let lab = LabEnv::new(
        r#"[{"id": "slow", "title": "Sleeps", "type": "command", "argv": ["sleep", "30"], "timeout_s": 1}]"#,
    );
    lab.start().success();
    let started = Instant::now();
    let run = lab.check(&["--trust"]).code(2);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the timeout did not stop it"
    );
    assert!(run.stdout.contains("error  Sleeps"), "{}", run.stdout);
    assert!(
        run.stdout.contains("timed out after 1 s and was stopped"),
        "{}",
        run.stdout
    );
    run.says_err("1 check(s) could not be run; nothing was judged");
    assert_eq!(
        lab.env.events().len(),
        1,
        "nothing but the start is recorded"
    );
}

#[test]
fn output_over_the_cap_is_cut_and_cannot_be_judged_as_json() {
    let lab = LabEnv::new(
        r#"[{"id": "big", "title": "Prints a lot", "type": "command", "argv": ["cat", "big.json"],
             "stdout_json_assert": [{"pointer": "/a", "op": "exists"}]}]"#,
    );
    lab.start().success();
    lab.write(
        "big.json",
        &format!("{{\"a\": \"{}\"}}", "x".repeat(200 * 1024)),
    );
    let run = lab.check(&["--trust"]).code(2);
    run.says_out("its output went over 64 KiB and was cut");
}

#[test]
fn commands_get_only_the_allowlisted_environment() {
    let lab = LabEnv::with_env(
        r#"[{"id": "secret", "title": "No secret", "type": "command", "argv": ["printenv", "AWS_SECRET_ACCESS_KEY"], "expect_exit": [1]},
            {"id": "named", "title": "Named variable", "type": "command", "argv": ["printenv", "LAB_SETTING"]},
            {"id": "home", "title": "HOME passes", "type": "command", "argv": ["printenv", "HOME"]}]"#,
        r#"["LAB_SETTING"]"#,
    );
    lab.start().success();
    let run = lab
        .env
        .command()
        .env("AWS_SECRET_ACCESS_KEY", "do-not-pass")
        .env("LAB_SETTING", "on")
        .args([
            "--roadmap",
            lab.roadmap.to_str().unwrap(),
            "check",
            "lab-tiny",
            "--trust",
        ])
        .args(["--dir", lab.lab.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{stdout}");
}

#[test]
fn a_path_with_dotdot_makes_the_pack_invalid_and_nothing_runs() {
    let lab = LabEnv::new(
        r#"[{"id": "ran", "title": "Runs touch", "type": "command", "argv": ["touch", "ran"]},
            {"id": "out", "title": "Outside", "type": "file", "path": "../secret"}]"#,
    );
    fs::create_dir_all(&lab.lab).unwrap();
    let run = lab.check(&["--trust"]).code(1);
    run.says_err("check \"out\": path \"../secret\" must be relative and stay inside the lab");
    assert!(!lab.lab.join("ran").exists());
    lab.run(&["lab", "validate", lab.pack.to_str().unwrap()])
        .code(1)
        .stderr_has("must be relative and stay inside the lab");
}

#[test]
fn a_symlink_out_of_the_lab_directory_is_refused() {
    let lab = LabEnv::new(
        r#"[{"id": "link", "title": "Reads a link", "type": "json", "path": "answer.json", "assert": [{"pointer": "/answer", "op": "exists"}]}]"#,
    );
    lab.start().success();
    let outside = lab.env.root().join("outside.json");
    fs::write(&outside, "{\"answer\": 42}").unwrap();
    fs::remove_file(lab.lab.join("answer.json")).unwrap();
    std::os::unix::fs::symlink(&outside, lab.lab.join("answer.json")).unwrap();
    let run = lab.check(&[]).code(2);
    run.says_out("refused: answer.json is a symlink that leads outside the lab directory");
    assert_eq!(lab.env.events().len(), 1);
}

#[test]
fn a_symlink_out_of_the_pack_is_refused() {
    let lab = LabEnv::new(ANSWER);
    let outside = lab.env.root().join("stolen.txt");
    fs::write(&outside, "secret").unwrap();
    std::os::unix::fs::symlink(&outside, lab.pack.join("starter/stolen.txt")).unwrap();
    let run = lab.start().code(2);
    run.says_err("it leads outside the lab pack");
    assert!(!lab.lab.exists(), "nothing was written");
}

#[test]
fn http_checks_reach_only_loopback() {
    let lab = LabEnv::new(
        r#"[{"id": "far", "title": "Far away", "type": "http", "url": "http://10.0.0.1:80/health", "expect_status": 200}]"#,
    );
    let run = lab
        .run(&["lab", "validate", lab.pack.to_str().unwrap()])
        .code(1);
    run.says_err("is not a loopback http address");
}

#[test]
fn an_http_check_waits_for_a_loopback_server_and_reads_its_json() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 1024];
        let n = stream.read(&mut request).unwrap();
        let body = r#"{"status": "ok"}"#;
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(answer.as_bytes()).unwrap();
        String::from_utf8_lossy(&request[..n]).into_owned()
    });
    let lab = LabEnv::new(&format!(
        r#"[{{"id": "health", "title": "Healthy", "type": "http", "url": "http://127.0.0.1:{port}/health",
             "expect_status": 200, "retry_for_s": 5, "json_assert": [{{"pointer": "/status", "op": "eq", "value": "ok"}}]}}]"#
    ));
    lab.start().success();
    lab.check(&[]).success().stdout_has("pass   Healthy");
    let request = server.join().unwrap();
    assert!(request.starts_with("GET /health HTTP/1.0\r\n"), "{request}");
}

#[test]
fn a_python_check_without_an_interpreter_could_not_check() {
    let lab = LabEnv::new(
        r#"[{"id": "py", "title": "A script", "type": "python", "script": "checks/x.py"}]"#,
    );
    fs::write(
        lab.pack.join("checks/x.py"),
        "print('{\"status\": \"pass\"}')\n",
    )
    .unwrap();
    lab.start().success();
    let run = lab
        .env
        .command()
        .env("MLOPS_PATH_LAB_PYTHON", "/nonexistent/python")
        .args([
            "--roadmap",
            lab.roadmap.to_str().unwrap(),
            "check",
            "lab-tiny",
            "--trust",
        ])
        .args(["--dir", lab.lab.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("/nonexistent/python not found"), "{stdout}");
}

#[test]
fn a_python_check_script_result_is_read_from_its_last_line() {
    // `cat` stands in for an interpreter: it prints the script, whose last line is a result.
    let lab = LabEnv::new(
        r#"[{"id": "py", "title": "A script", "type": "python", "script": "checks/result.json"}]"#,
    );
    fs::write(
        lab.pack.join("checks/result.json"),
        "noise\n{\"status\": \"fail\", \"message\": \"the model is missing\"}\n",
    )
    .unwrap();
    lab.start().success();
    let run = lab
        .env
        .command()
        .env("MLOPS_PATH_LAB_PYTHON", "cat")
        .args([
            "--roadmap",
            lab.roadmap.to_str().unwrap(),
            "check",
            "lab-tiny",
            "--trust",
        ])
        .args(["--dir", lab.lab.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("py: the model is missing"), "{stdout}");
}
