//! Corrupt and hostile state files: each is refused with a precise message and exit 1, by
//! readers and writers alike, and left byte-identical.

use std::fmt::Write;

use crate::common::TestEnv;

const GOOD_EVENT: &str = r#"{"at": "2026-03-01T10:00:00+01:00", "roadmap": "mlops", "step": "kubeflow", "kind": "done"}"#;

fn with_events(events: &[&str]) -> Vec<u8> {
    format!(
        "{{\n  \"format\": 1,\n  \"events\": [\n    {}\n  ]\n}}\n",
        events.join(",\n    ")
    )
    .into_bytes()
}

/// Every kind of broken file, by name. The 50 MB file is made separately (sparse).
fn hostile_files() -> Vec<(&'static str, Vec<u8>)> {
    let valid = with_events(&[GOOD_EVENT, GOOD_EVENT]);
    vec![
        ("truncated JSON", valid[..valid.len() / 2].to_vec()),
        ("not JSON", b"kubeflow: done\nmlflow: started\n".to_vec()),
        (
            "binary garbage",
            (0..=255u8).rev().cycle().take(1000).collect(),
        ),
        ("empty file", Vec::new()),
        ("a JSON array", b"[1, 2, 3]\n".to_vec()),
        (
            "format of the wrong type",
            br#"{"format": "1", "events": []}"#.to_vec(),
        ),
        (
            "events of the wrong type",
            br#"{"format": 1, "events": {"0": "done"}}"#.to_vec(),
        ),
        ("missing events key", br#"{"format": 1}"#.to_vec()),
        (
            "an event field of the wrong type",
            with_events(&[
                GOOD_EVENT,
                r#"{"at": "2026-03-01T10:00:00+01:00", "roadmap": "mlops", "step": 7, "kind": "done"}"#,
            ]),
        ),
        (
            "an event with an unknown kind",
            with_events(&[
                GOOD_EVENT,
                GOOD_EVENT,
                r#"{"at": "2026-03-01T10:00:00+01:00", "roadmap": "mlops", "step": "mlflow", "kind": "finish"}"#,
            ]),
        ),
        (
            "an event with an invalid timestamp",
            with_events(&[
                GOOD_EVENT,
                GOOD_EVENT,
                GOOD_EVENT,
                r#"{"at": "2026-02-30T10:00:00+01:00", "roadmap": "mlops", "step": "mlflow", "kind": "done"}"#,
            ]),
        ),
        (
            "an event without a time zone",
            with_events(&[
                r#"{"at": "2026-03-01 10:00", "roadmap": "mlops", "step": "mlflow", "kind": "done"}"#,
            ]),
        ),
        (
            "a newer format",
            br#"{"format": 3, "events": [], "sync": {}}"#.to_vec(),
        ),
        (
            "a UTF-8 byte order mark",
            [b"\xEF\xBB\xBF".as_slice(), &with_events(&[])].concat(),
        ),
        (
            "invalid UTF-8 in a string",
            b"{\"format\": 1, \"events\": [], \"x\": \"\xff\"}".to_vec(),
        ),
    ]
}

/// Runs a reader, a writer and `undo` on the file; all must refuse it alike and change nothing.
fn refusal(env: &TestEnv) -> String {
    // A writer creates the empty `state.lock` before it can read; everything else must stay.
    let files = || {
        let mut files = env.snapshot_files();
        files.retain(|(name, _)| name != "state.lock");
        files
    };
    let before = files();
    let reader = env.run(&["status"]).code(1);
    let writer = env.run(&["done", "kubeflow"]);
    let undo = env.run(&["undo"]).code(1);
    assert_eq!(reader.stderr, writer.stderr);
    assert_eq!(undo.stderr, writer.stderr);
    assert_eq!(files(), before, "the data directory changed");
    assert!(!env.data_dir().join("state.json.bak").exists());
    env.describe(&[], &["done", "kubeflow"], &writer)
}

#[test]
fn seventeen_kinds_of_broken_state_file_are_refused_precisely_and_left_byte_identical() {
    let mut report = String::new();
    let mut tried = 0;
    for (name, bytes) in hostile_files() {
        let env = TestEnv::new();
        env.write_state(&bytes);
        let _ = write!(report, "## {name}\n{}\n", refusal(&env));
        tried += 1;
    }

    // 50 MB, sparse so the test stays light: refused from its size, without being read.
    let env = TestEnv::new();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    std::fs::File::create(env.state_path())
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let _ = write!(report, "## a 50 MB file\n{}\n", refusal(&env));
    tried += 1;

    // A directory where the file should be.
    let env = TestEnv::new();
    std::fs::create_dir_all(env.state_path()).unwrap();
    let _ = write!(
        report,
        "## a directory named state.json\n{}\n",
        refusal(&env)
    );
    tried += 1;

    eprintln!("{tried} broken state files refused");
    assert_eq!(tried, 17);
    insta::assert_snapshot!(report);
}

#[test]
fn unknown_top_level_and_event_fields_survive_rewrites_unchanged() {
    let env = TestEnv::new();
    let sync = serde_json::json!({"peers": [1, 2.5, "laptop", null, true], "since": "2026-01-01"});
    // A double that a fast, inexact float parser reads back one digit off.
    let precise = "6.0444160186909624e+209";
    let mood = serde_json::json!({"score": -3, "words": ["tired", "proud"]});
    let state = serde_json::json!({
        "format": 1,
        "events": [{"at": "2026-03-01T10:00:00+01:00", "roadmap": "mlops", "step": "what-is-mlops",
                    "kind": "done", "mood": mood, "device": "phone"}],
        "sync": sync,
        "zzz_last": 0,
    });
    let text = serde_json::to_string_pretty(&state).unwrap().replace(
        "\"zzz_last\": 0",
        &format!("\"zzz_last\": 0, \"precise\": {precise}"),
    );
    env.write_state(text);
    env.run(&["done", "how-ml-works"]).success();
    env.run(&["note", "kubeflow", "x"]).success();
    env.run(&["undo"]).success();
    let after = env.state();
    assert_eq!(after["sync"], sync);
    assert_eq!(after["zzz_last"], 0);
    let written = String::from_utf8(env.state_bytes().unwrap()).unwrap();
    assert!(
        written.contains(&format!("\"precise\": {precise}")),
        "{written}"
    );
    let first = &after["events"][0];
    assert_eq!(first["mood"], mood);
    assert_eq!(first["device"], "phone");
    // The first event, the done, the note and the retraction that undid the note.
    assert_eq!(after["events"].as_array().unwrap().len(), 4);
    assert_eq!(after["events"][3]["kind"], "retract");
    // Rewriting again leaves every line already there as it was: nothing drifts.
    let lines = |bytes: Vec<u8>| -> Vec<String> {
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let before = lines(env.state_bytes().unwrap());
    env.run(&["note", "kubeflow", "y"]).success();
    env.run(&["undo"]).success();
    let again = lines(env.state_bytes().unwrap());
    assert_eq!(again.len(), before.len() + 2);
    for line in &before {
        let line = line.trim_end_matches(',');
        assert!(
            again.iter().any(|l| l.trim_end_matches(',') == line),
            "{line} kept"
        );
    }
}
