//! `check --watch`: reruns the checks when the learner's files change, until they pass.

use std::io::Read;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::LabEnv;

const ANSWER: &str = r#"[{"id": "right", "title": "The answer is 42", "type": "json", "path": "answer.json",
   "assert": [{"pointer": "/answer", "op": "eq", "value": 42}]}]"#;

/// Stops the child if the test fails before it ends on its own.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Collects a stream into a channel, chunk by chunk, so the test can wait for a phrase.
fn collect(mut stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (send, receive) = mpsc::channel();
    thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(read) = stream.read(&mut buffer) {
            if read == 0
                || send
                    .send(String::from_utf8_lossy(&buffer[..read]).into_owned())
                    .is_err()
            {
                break;
            }
        }
    });
    receive
}

/// Waits (at most 30 s) until `seen` holds `phrase`, reading more from `from`.
fn wait_for(from: &mpsc::Receiver<String>, seen: &mut String, phrase: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !seen.contains(phrase) {
        let left = deadline.saturating_duration_since(Instant::now());
        let chunk = from
            .recv_timeout(left)
            .unwrap_or_else(|why| panic!("no {phrase:?} within 30 s ({why}); so far:\n{seen}"));
        seen.push_str(&chunk);
    }
}

#[test]
fn watch_reruns_on_a_change_and_ends_when_the_checks_pass() {
    let lab = LabEnv::new(ANSWER);
    lab.start().success();
    let mut command = lab.env.process(&[
        "--roadmap",
        lab.roadmap.to_str().unwrap(),
        "check",
        "lab-tiny",
        "--dir",
        lab.lab.to_str().unwrap(),
        "--watch",
    ]);
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = Running(command.spawn().unwrap());
    let stdout = collect(child.0.stdout.take().unwrap());
    let stderr = collect(child.0.stderr.take().unwrap());
    let (mut out, mut err) = (String::new(), String::new());

    wait_for(&stdout, &mut out, "fail   The answer is 42");
    wait_for(&stderr, &mut err, "Watching ");
    assert!(
        err.contains("warning: 1 of 1 required check(s) failed"),
        "{err}"
    );
    assert_eq!(lab.env.events().len(), 1, "only the start is recorded");

    // A change inside .venv is not the learner's work: nothing reruns.
    lab.write(".venv/lib/site.py", "x = 1\n");
    thread::sleep(Duration::from_millis(1500));
    assert!(!err.contains("checking again"), "{err}");

    lab.write("answer.json", "{\"answer\": 42}\n");
    wait_for(&stderr, &mut err, "Files changed: checking again.");
    wait_for(
        &stderr,
        &mut err,
        "All checks pass. Done, verified: lab-tiny",
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "--watch did not end after the pass"
        );
        thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}\n{err}");
    let events = lab.env.events();
    assert_eq!(events.len(), 2);
    assert_eq!(events[1]["kind"], "done");
    assert_eq!(events[1]["evidence"]["lab"], "pack");
}

#[test]
fn watch_is_for_people_and_refuses_json() {
    let lab = LabEnv::new(ANSWER);
    lab.start().success();
    lab.check(&["--watch", "--json"])
        .code(2)
        .stderr_has("'--watch' cannot be used with '--json'");
}
