//! The core tracker: `next`, `done`, `status` and the commands around them.

use std::io::Read;
use std::process::Stdio;

use crate::common::TestEnv;

const EVERY_READ_COMMAND: &[&[&str]] = &[
    &["next"],
    &["next", "--json"],
    &["status"],
    &["status", "--json"],
    &["list"],
    &["list", "--json"],
    &["show", "kubeflow"],
    &["show", "kubeflow", "--json"],
    &["log"],
    &["log", "--json"],
];

/// A short history over three days, the last of them today.
fn with_history() -> TestEnv {
    let env = TestEnv::new();
    env.record(&[
        &[
            "done",
            "what-is-mlops",
            "--at",
            "2026-03-08",
            "-m",
            "read the guide's intro",
        ],
        &[
            "start",
            "mlops-vs-devops",
            "--at",
            "2026-03-09T19:30:00+01:00",
        ],
        &[
            "skip",
            "how-ml-works",
            "--at",
            "2026-03-09T20:00:00+01:00",
            "-m",
            "did a course on this",
        ],
        &[
            "note",
            "mlops-vs-devops",
            "data changes the product, not only code",
        ],
    ]);
    env
}

#[test]
fn read_commands_on_a_fresh_machine_create_nothing() {
    let env = TestEnv::new();
    for args in EVERY_READ_COMMAND {
        env.run(args).success();
    }
    assert!(
        !env.data_dir().exists(),
        "a read-only command created the data directory"
    );
}

#[test]
fn read_commands_never_change_the_state_file() {
    let env = with_history();
    let before = env.state_bytes().unwrap();
    let files_before: Vec<_> = std::fs::read_dir(env.data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for args in EVERY_READ_COMMAND {
        env.run(args).success();
    }
    assert_eq!(env.state_bytes().unwrap(), before);
    let files_after: Vec<_> = std::fs::read_dir(env.data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files_after, files_before);
}

#[test]
fn next_on_a_fresh_roadmap() {
    let env = TestEnv::new();
    let run = env.run(&["next"]).success().stderr_empty();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn next_puts_started_steps_first_and_respects_requires() {
    let env = with_history();
    let run = env.run(&["next", "-n", "4"]).success();
    insta::assert_snapshot!(run.stdout);
    let json = env.run(&["next", "--json", "-n", "2"]).success().json();
    assert_eq!(
        json,
        serde_json::json!({"steps": [
            {"id": "mlops-vs-devops", "title": "How MLOps differs from DevOps", "section": "foundations",
             "kind": "concept", "url": null, "minutes": 15, "status": "in_progress"},
            {"id": "mlops-teams", "title": "The teams in MLOps and who does what", "section": "foundations",
             "kind": "concept", "url": null, "minutes": 15, "status": "pending"}
        ]})
    );
}

#[test]
fn next_refuses_a_count_of_zero() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.outcomes(&[&["next", "-n", "0"], &["next", "-n", "x"]]));
}

#[test]
fn concurrent_first_writers_all_create_the_directory_and_record() {
    const WRITERS: usize = 16;
    let env = TestEnv::new();
    let children: Vec<_> = (0..WRITERS)
        .map(|i| {
            env.command_std()
                .args(["note", "mlflow", &format!("first {i}")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(
        env.events().len(),
        WRITERS,
        "{WRITERS} first-time writers, {WRITERS} events"
    );
}

#[test]
fn next_when_everything_is_settled() {
    let env = TestEnv::new();
    let ids: Vec<String> = env.run(&["list", "--json"]).success().json()["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["steps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|step| step["id"].as_str().unwrap().to_owned())
        })
        .collect();
    let mut args = vec!["done"];
    args.extend(ids.iter().map(String::as_str));
    env.run(&args)
        .success()
        .stderr_has("114/114 steps settled (100%)");
    env.run(&["next"])
        .success()
        .stdout_has("Everything on MLOps for DevOps Engineers is settled: 114/114 steps.");
    assert_eq!(
        env.run(&["next", "--json"]).success().json(),
        serde_json::json!({"steps": []})
    );
}

#[test]
fn done_records_an_event_and_reports_progress() {
    let env = TestEnv::new();
    let run = env
        .run(&["done", "what-is-mlops", "-m", "read it"])
        .success()
        .stdout_empty();
    assert_eq!(
        run.stderr,
        "Done: what-is-mlops  What MLOps is\n1/114 steps settled (0%)\nNext: mlops-vs-devops  How MLOps differs from DevOps\n"
    );
    assert_eq!(
        env.events(),
        [
            serde_json::json!({"at": "2026-03-10T09:00:00+01:00", "roadmap": "mlops", "step": "what-is-mlops",
                            "kind": "done", "note": "read it"})
        ]
    );
}

#[test]
fn done_twice_records_nothing_new_and_says_when() {
    let env = TestEnv::new();
    env.run(&["done", "what-is-mlops", "--at", "2026-03-01"])
        .success();
    let before = env.state_bytes().unwrap();
    env.run(&["done", "what-is-mlops"])
        .success()
        .stderr_has("what-is-mlops is already done since 2026-03-01 12:00; nothing recorded.");
    assert_eq!(env.state_bytes().unwrap(), before);
    env.run(&["done", "what-is-mlops", "-m", "again"])
        .success()
        .stderr_has("warning: the note was not kept; add it with: mlops-path note what-is-mlops");
    assert_eq!(env.state_bytes().unwrap(), before);
}

#[test]
fn done_with_unmet_requirements_warns_and_records() {
    let env = TestEnv::new();
    env.run(&["done", "kubeflow"])
        .success()
        .stderr_has("warning: kubeflow requires ml-algorithm-vs-model, not yet done or skipped");
    assert_eq!(env.events().len(), 1);
}

#[test]
fn done_several_steps_at_once_and_a_typo_records_nothing() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.outcome(&["done", "what-is-mlops", "mlops-vs", "kubeflw"]));
    assert!(
        env.state_bytes().is_none(),
        "nothing may be recorded when one id is wrong"
    );
    env.run(&["done", "what-is-mlops", "mlops-vs"])
        .success()
        .stderr_has("2/114 steps settled (1%)");
    let steps: Vec<_> = env
        .events()
        .iter()
        .map(|e| e["step"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(steps, ["what-is-mlops", "mlops-vs-devops"]);
}

#[test]
fn unknown_and_ambiguous_steps_are_usage_errors() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.outcomes(&[
        &["show", "mlfow"],
        &["start", "zzzzzz"],
        &["skip", "ml"],
        &["note", "", "text"],
    ]));
    assert!(!env.data_dir().exists());
}

#[test]
fn at_takes_a_date_or_a_timestamp_and_nothing_else() {
    let env = TestEnv::new();
    env.run(&["start", "kubeflow", "--at", "2026-03-01"])
        .success();
    env.run(&[
        "note",
        "kubeflow",
        "late night",
        "--at",
        "2026-03-01T23:30:00-05:00",
    ])
    .success();
    let at: Vec<_> = env
        .events()
        .iter()
        .map(|e| e["at"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        at,
        ["2026-03-01T12:00:00+01:00", "2026-03-01T23:30:00-05:00"]
    );
    insta::assert_snapshot!(env.outcomes(&[
        &["done", "kubeflow", "--at", "tomorrow"],
        &["done", "kubeflow", "--at", "2026-02-30"],
        &["done", "kubeflow", "--at", "10/03/2026"],
    ]));
    assert_eq!(env.events().len(), 2);
}

#[test]
fn start_skip_reopen_and_their_no_ops() {
    let env = TestEnv::new();
    env.run(&["start", "kubeflow"])
        .success()
        .stderr_has("Started: kubeflow  Kubeflow");
    env.run(&["start", "kubeflow"])
        .success()
        .stderr_has("kubeflow is already in progress since 2026-03-10 09:00; nothing recorded.");
    env.run(&["skip", "kubeflow", "-m", "know it"])
        .success()
        .stderr_has("Skipped: kubeflow  Kubeflow");
    env.run(&["reopen", "kubeflow"])
        .success()
        .stderr_has("Reopened: kubeflow  Kubeflow");
    env.run(&["reopen", "kubeflow"])
        .success()
        .stderr_has("kubeflow is already pending since 2026-03-10 09:00; nothing recorded.");
    let kinds: Vec<_> = env
        .events()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["start", "skip", "reopen"]);
    assert_eq!(
        env.run(&["show", "kubeflow", "--json"]).success().json()["status"],
        "pending"
    );
}

#[test]
fn note_keeps_the_status_and_refuses_empty_text() {
    let env = TestEnv::new();
    env.run(&["note", "mlflow", "tracking server on port 5000"])
        .success()
        .stderr_has("Noted on mlflow.");
    assert_eq!(
        env.run(&["show", "mlflow", "--json"]).success().json()["status"],
        "pending"
    );
    insta::assert_snapshot!(env.outcome(&["note", "mlflow", "  "]));
    assert_eq!(env.events().len(), 1);
}

#[test]
fn undo_removes_the_latest_event_and_fails_when_there_is_none() {
    let env = TestEnv::new();
    insta::assert_snapshot!("undo_with_nothing_recorded", env.outcome(&["undo"]));
    env.record(&[
        &["start", "mlflow"],
        &["done", "mlflow", "-m", "tracked a run"],
    ]);
    env.run(&["undo"])
        .success()
        .stderr_has("Undid done mlflow recorded at 2026-03-10 09:00 (\"tracked a run\").");
    assert_eq!(
        env.run(&["show", "mlflow", "--json"]).success().json()["status"],
        "in_progress"
    );
    env.run(&["undo"])
        .success()
        .stderr_has("Undid start mlflow");
    insta::assert_snapshot!("undo_with_everything_undone", env.outcome(&["undo"]));
    // Undone events stay, each named by the retraction appended after it.
    let records = env.records();
    let kinds: Vec<&str> = records
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["start", "done", "retract", "retract"]);
    assert_eq!(records[2]["retracts"], records[1]["id"]);
    assert_eq!(records[3]["retracts"], records[0]["id"]);
    assert_eq!(
        env.run(&["show", "mlflow", "--json"]).success().json()["status"],
        "pending"
    );
}

#[test]
fn status_text_and_json() {
    let env = with_history();
    let run = env.run(&["status"]).success().stderr_empty();
    insta::assert_snapshot!(run.stdout);
    let json = env.run(&["status", "--json"]).success().json();
    assert_eq!(json["roadmap"], "mlops");
    assert_eq!(
        (
            &json["total"],
            &json["done"],
            &json["skipped"],
            &json["in_progress"],
            &json["pending"],
            &json["percent"]
        ),
        (
            &114.into(),
            &1.into(),
            &1.into(),
            &1.into(),
            &111.into(),
            &1.into()
        )
    );
    assert_eq!(
        json["sections"][0],
        serde_json::json!({"id": "foundations", "title": "What MLOps is", "total": 6, "done": 1, "skipped": 0,
                           "in_progress": 1, "pending": 4, "percent": 16})
    );
    assert_eq!(json["sections"].as_array().unwrap().len(), 15);
    assert_eq!(json["unknown_steps"], serde_json::json!([]));
}

#[test]
fn list_text_and_json() {
    let env = with_history();
    insta::assert_snapshot!(env.run(&["list"]).success().stdout);
    let json = env.run(&["list", "--json"]).success().json();
    assert_eq!(
        json["roadmap"],
        serde_json::json!({"id": "mlops", "title": "MLOps for DevOps Engineers"})
    );
    let first = &json["sections"][0]["steps"][0];
    assert_eq!(first["id"], "what-is-mlops");
    assert_eq!(first["status"], "done");
    assert_eq!(json["sections"][2]["steps"][0]["status"], "skipped");
    assert_eq!(
        json["sections"][1]["steps"][0]["requires"],
        serde_json::json!(["mlops-vs-devops"])
    );
    let keys: Vec<_> = first.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 8, "{keys:?}");
}

#[test]
fn show_text_and_json() {
    let env = with_history();
    insta::assert_snapshot!(env.run(&["show", "mlops-vs"]).success().stdout);
    let json = env
        .run(&["show", "mlops-vs-devops", "--json"])
        .success()
        .json();
    assert_eq!(json["status"], "in_progress");
    assert_eq!(json["since"], "2026-03-09T19:30:00+01:00");
    assert_eq!(
        json["requires"],
        serde_json::json!([{"id": "what-is-mlops", "status": "done"}])
    );
    assert_eq!(json["history"].as_array().unwrap().len(), 2);
}

#[test]
fn log_text_and_json() {
    let env = with_history();
    insta::assert_snapshot!(env.run(&["log"]).success().stdout);
    let json = env.run(&["log", "--days", "2", "--json"]).success().json();
    let dates: Vec<_> = json["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-03-09", "2026-03-10"]);
    assert_eq!(
        json["days"][0]["events"][1],
        serde_json::json!({"at": "2026-03-09T20:00:00+01:00", "kind": "skip", "roadmap": "mlops", "step": "how-ml-works",
                           "title": "How Does Machine Learning Work?", "note": "did a course on this"})
    );
    insta::assert_snapshot!("log_days_0", env.outcome(&["log", "--days", "0"]));
    let empty = TestEnv::new();
    empty
        .run(&["log"])
        .success()
        .stdout_has("Nothing recorded from 2026-03-04 to 2026-03-10.");
}

#[test]
fn a_corrupt_state_file_is_refused_and_left_byte_identical() {
    let env = TestEnv::new();
    let garbage = b"{\"format\": 1, \"events\": [\n  {\"at\": \"2026-03-01T10:00:00Z\",\n";
    env.write_state(garbage);
    let mut outcomes = Vec::new();
    for args in [&["status"][..], &["done", "kubeflow"], &["undo"]] {
        outcomes.push(env.outcome(args));
        assert_eq!(env.state_bytes().unwrap(), garbage);
    }
    insta::assert_snapshot!(outcomes.join("\n"));
    assert!(!env.data_dir().join("state.json.bak").exists());
}

#[test]
fn a_newer_format_is_refused_naming_both_versions() {
    let env = TestEnv::new();
    let newer = br#"{"format": 3, "events": [], "sync": true}"#;
    env.write_state(newer);
    insta::assert_snapshot!(env.outcomes(&[&["done", "kubeflow"], &["next"]]));
    assert_eq!(env.state_bytes().unwrap(), newer);
}

#[test]
fn events_of_unknown_steps_are_kept_and_shown() {
    let env = TestEnv::new();
    env.write_state(
        r#"{"format": 1, "events": [
        {"at": "2026-03-01T10:00:00+01:00", "roadmap": "mlops", "step": "old-step", "kind": "done", "by": "v9"}
        ]}"#,
    );
    env.run(&["status"])
        .success()
        .stdout_has("Unknown step \"old-step\": 1 event(s) kept");
    let json = env.run(&["status", "--json"]).success().json();
    assert_eq!(
        json["unknown_steps"],
        serde_json::json!([{"id": "old-step", "events": 1}])
    );
    env.run(&["done", "kubeflow"]).success();
    let events = env.events();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["step"], "old-step");
    assert_eq!(events[0]["by"], "v9", "unknown fields survive a rewrite");
}

#[test]
fn writes_keep_a_backup_and_private_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.run(&["done", "what-is-mlops"]).success();
    let first = env.state_bytes().unwrap();
    env.run(&["done", "how-ml-works"]).success();
    assert_eq!(
        std::fs::read(env.data_dir().join("state.json.bak")).unwrap(),
        first
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(env.data_dir()), 0o700);
    assert_eq!(mode(&env.state_path()), 0o600);
    assert_eq!(mode(&env.data_dir().join("state.json.bak")), 0o600);
    let names: Vec<_> = std::fs::read_dir(env.data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "tmp")
        })
        .collect();
    assert!(names.is_empty(), "temporary files left behind: {names:?}");
}

#[test]
fn concurrent_notes_are_all_recorded() {
    const WRITERS: usize = 32;
    let env = TestEnv::new();
    let children: Vec<_> = (0..WRITERS)
        .map(|i| {
            env.command_std()
                .args(["note", "kubeflow", &format!("note {i}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let mut notes: Vec<_> = env
        .events()
        .iter()
        .map(|e| e["note"].as_str().unwrap().to_owned())
        .collect();
    notes.sort();
    let mut expected: Vec<_> = (0..WRITERS).map(|i| format!("note {i}")).collect();
    expected.sort();
    assert_eq!(notes, expected, "{WRITERS} writers, {WRITERS} notes");
}

#[test]
fn data_dir_flag_env_and_default() {
    let env = TestEnv::new();
    // A relative --data-dir is taken against the current directory.
    env.run(&["--data-dir", "mine", "done", "kubeflow"])
        .success();
    assert!(env.root().join("mine/state.json").exists());
    // Without flag or variable: $XDG_DATA_HOME/mlops-path, parents created.
    env.command()
        .env_remove("MLOPS_PATH_DATA_DIR")
        .env("XDG_DATA_HOME", env.root().join("xdg/share"))
        .args(["done", "mlflow"])
        .assert()
        .success();
    assert!(env.root().join("xdg/share/mlops-path/state.json").exists());
    // A named directory whose parents are missing: they are created too, as doctor says.
    env.run(&["--data-dir", "no/such/parent", "done", "kubeflow"])
        .success();
    assert!(env.root().join("no/such/parent/state.json").exists());
}

#[test]
fn bad_environment_values_are_usage_errors() {
    let env = TestEnv::new();
    let outcomes = [
        env.outcome_with(&[("MLOPS_PATH_NOW", "tuesday")], &["next"]),
        env.outcome_with(&[("MLOPS_PATH_LOCK_TIMEOUT", "soon")], &["done", "mlflow"]),
    ];
    insta::assert_snapshot!(outcomes.join("\n"));
    assert!(!env.data_dir().exists());
}

use crate::common::Run;

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.outcomes(&[&["frobnicate"], &["done"]]));
    env.run(&["--help"]).success().stdout_has("The daily loop:");
    env.run(&["--version"])
        .success()
        .stdout_has("mlops-path 0.1.0");
}

#[test]
fn colour_follows_the_flag_and_no_color_and_json_is_never_coloured() {
    let env = with_history();
    let coloured = Run::from(
        env.command()
            .env_remove("NO_COLOR")
            .args(["--color", "always", "list"])
            .output()
            .unwrap(),
    );
    assert!(
        coloured.stdout.contains("\u{1b}["),
        "--color always colours"
    );
    let forced = Run::from(
        env.command()
            .env_remove("NO_COLOR")
            .env("CLICOLOR_FORCE", "1")
            .arg("list")
            .output()
            .unwrap(),
    );
    assert!(
        forced.stdout.contains("\u{1b}["),
        "CLICOLOR_FORCE colours a pipe"
    );
    let plain = env.run(&["list"]).success();
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "NO_COLOR and a pipe: plain"
    );
    let never = Run::from(
        env.command()
            .env_remove("NO_COLOR")
            .env("CLICOLOR_FORCE", "1")
            .args(["--color", "never", "list"])
            .output()
            .unwrap(),
    );
    assert!(!never.stdout.contains('\u{1b}'));
    let json = Run::from(
        env.command()
            .args(["--color", "always", "status", "--json"])
            .output()
            .unwrap(),
    );
    assert!(!json.stdout.contains('\u{1b}'));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = with_history();
    for args in [&["list"][..], &["status"], &["list", "--json"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mlops-path"))
            .args(args)
            .env("MLOPS_PATH_DATA_DIR", env.data_dir())
            .env("MLOPS_PATH_NOW", crate::common::NOW)
            .env("RUST_BACKTRACE", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away before anything is written
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn user_errors_show_no_backtrace() {
    let env = TestEnv::new();
    let full = [("RUST_BACKTRACE", "full")];
    let outcomes = [
        env.outcome_with(&full, &["done", "nope-nope"]),
        env.outcome_with(&full, &["undo"]),
    ];
    insta::assert_snapshot!(outcomes.join("\n"));
}
