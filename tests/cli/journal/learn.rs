//! `log add`: learning outside the roadmap counts for the day, never for progress.

use crate::common::{TestEnv, in_shared_snapshots};

#[test]
fn a_log_entry_keeps_the_streak_alive_and_leaves_progress_as_it_was() {
    let env = TestEnv::new();
    env.record(&[
        &["done", "what-is-mlops", "--at", "2026-03-08"],
        &["done", "how-ml-works", "--at", "2026-03-09"],
    ]);
    let before = env.run(&["status", "--json"]).success().json();
    assert_eq!(before["streak"]["current"], 2);
    let next_before = env.run(&["next", "--json"]).success().json();
    let run = env
        .run(&[
            "log",
            "add",
            "watched a talk on feature stores",
            "--spent",
            "45m",
            "--link",
            "https://example.com/talk",
        ])
        .success();
    assert_eq!(
        run.stderr,
        "Logged on 2026-03-10 09:00 (45 min); it counts for your streak, not for a step.\n"
    );
    // One from before the first step: it would widen the pace window if it counted there.
    env.run(&["log", "add", "a meetup talk", "--at", "2026-02-20"])
        .success();
    let after = env.run(&["status", "--json"]).success().json();
    assert_eq!(after["streak"]["current"], 3);
    assert_eq!(after["last_activity"], "2026-03-10");
    // Percentages, counts, pace and ETA are those of before.
    for key in [
        "percent",
        "done",
        "pending",
        "sections",
        "unknown_steps",
        "pace",
    ] {
        assert_eq!(after[key], before[key], "{key}");
    }
    assert_eq!(after["spent"]["this_week"], 45);
    assert_eq!(env.run(&["next", "--json"]).success().json(), next_before);
    let status = env.run(&["status"]).success().stdout;
    assert!(status.contains("Overall   "), "{status}");
    assert!(!status.contains("Unknown step"), "{status}");
    // The calendar counts it as a learning event of today.
    let calendar = env
        .run(&["log", "--calendar", "--weeks", "2"])
        .success()
        .stdout;
    assert!(
        calendar.contains("3 learning days with 3 learning events."),
        "{calendar}"
    );
}

#[test]
fn a_log_entry_appears_in_the_log_the_recap_and_the_json_with_no_step() {
    let env = TestEnv::new();
    env.record(&[&[
        "log",
        "add",
        "pairing on the model registry",
        "--at",
        "08:30",
        "--link",
        "https://example.com/a b",
    ]]);
    let text = env.run(&["log", "--days", "1"]).success().stdout;
    assert_eq!(
        text,
        "2026-03-10 Tuesday\n  08:30  learn   pairing on the model registry\n                 https://example.com/a b\n"
    );
    let md = env
        .run(&["log", "--days", "1", "--format", "md"])
        .success()
        .stdout;
    assert!(
        md.contains(
            "\n- Learned: pairing on the model registry ([link](https://example.com/a%20b))\n"
        ),
        "{md}"
    );
    let json = env.run(&["log", "--json"]).success().json();
    let entry = &json["days"][0]["events"][0];
    assert_eq!(entry["kind"], "learn");
    assert_eq!(entry["step"], serde_json::Value::Null);
    assert_eq!(entry["title"], serde_json::Value::Null);
    assert_eq!(entry["note"], "pairing on the model registry");
    assert_eq!(entry["link"], "https://example.com/a b");
    // In the state it is a record of kind learn that names no step.
    let events = env.events();
    assert_eq!(events[0]["kind"], "learn");
    assert_eq!(events[0]["step"], "");
}

#[test]
fn undo_takes_a_log_entry_back() {
    let env = TestEnv::new();
    env.record(&[
        &["done", "what-is-mlops"],
        &["log", "add", "read a chapter"],
    ]);
    env.run(&["undo", "--dry-run"])
        .success()
        .stdout_has("Would undo log entry recorded at 2026-03-10 09:00 (\"read a chapter\").");
    env.run(&["undo"])
        .success()
        .stderr_has("Undid log entry recorded at 2026-03-10 09:00 (\"read a chapter\").");
    let json = env.run(&["log", "--json"]).success().json();
    assert_eq!(json["days"][0]["events"].as_array().unwrap().len(), 1);
    assert_eq!(json["days"][0]["events"][0]["step"], "what-is-mlops");
}

#[test]
fn log_add_refuses_a_blank_text_a_bad_link_and_the_log_flags() {
    let env = TestEnv::new();
    let refusals = env.outcomes(&[
        &["log", "add", "  "],
        &["log", "add", "a talk", "--link", "javascript:alert(1)"],
        &["log", "add", "a talk", "--at", "2026-03-11"],
        &["log", "--days", "3", "add", "a talk"],
    ]);
    in_shared_snapshots(|| insta::assert_snapshot!(refusals));
    assert!(env.state_bytes().is_none(), "nothing was recorded");
    // `log` alone and with its flags is as it was.
    env.run(&["log"])
        .success()
        .stdout_has("Nothing recorded from 2026-03-04 to 2026-03-10.");
    env.run(&["log", "--calendar", "--weeks", "2"]).success();
}
