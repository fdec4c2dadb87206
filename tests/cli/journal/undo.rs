//! `undo` takes back a whole command, `--dry-run` shows what it would, and the undo travels
//! through `import`.

use crate::common::{TestEnv, in_shared_snapshots};

fn status_of(env: &TestEnv, step: &str) -> serde_json::Value {
    env.run(&["show", step, "--json"]).success().json()["status"].clone()
}

#[test]
fn undo_takes_back_every_step_of_one_done_and_lists_them() {
    let env = TestEnv::new();
    env.record(&[
        &["start", "mlflow"],
        &["done", "what-is-mlops", "mlops-vs-devops", "mlops-teams"],
    ]);
    let run = env.run(&["undo"]).success();
    assert_eq!(
        run.stderr,
        "Undid done what-is-mlops recorded at 2026-03-10 09:00.\n\
         Undid done mlops-vs-devops recorded at 2026-03-10 09:00.\n\
         Undid done mlops-teams recorded at 2026-03-10 09:00.\n"
    );
    for step in ["what-is-mlops", "mlops-vs-devops", "mlops-teams"] {
        assert_eq!(status_of(&env, step), "pending", "{step}");
    }
    // The command before is a change of its own, untouched.
    assert_eq!(status_of(&env, "mlflow"), "in_progress");
    env.run(&["undo"])
        .success()
        .stderr_has("Undid start mlflow recorded at 2026-03-10 09:00.");
    let nothing = env.outcome(&["undo"]);
    in_shared_snapshots(|| insta::assert_snapshot!("undo_after_everything_is_undone", nothing));
    // The later events of the change name its first; the retractions are one change too.
    let records = env.records();
    let first = records[1]["id"].as_str().unwrap();
    assert_eq!(records[1].get("change"), None);
    assert_eq!(records[2]["change"], first);
    assert_eq!(records[3]["change"], first);
    let retractions: Vec<_> = records.iter().filter(|r| r["kind"] == "retract").collect();
    assert_eq!(retractions.len(), 4);
    assert_eq!(retractions[1]["change"], retractions[0]["id"]);
}

#[test]
fn skip_section_is_one_change_too() {
    let env = TestEnv::new();
    env.run(&["skip", "--section", "devops-role"]).success();
    let skipped = env.events().len();
    assert!(skipped > 1, "{skipped}");
    let undone = env.run(&["undo"]).success().stderr;
    assert_eq!(undone.lines().count(), skipped, "{undone}");
    let status = env.run(&["status", "--json"]).success().json();
    assert_eq!(status["skipped"], 0);
}

#[test]
fn dry_run_lists_the_same_events_and_changes_no_byte() {
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops", "mlops-vs-devops", "-m", "intro"]]);
    let before = env.snapshot_files();
    let run = env.run(&["undo", "--dry-run"]).success();
    assert_eq!(
        run.stdout,
        "Would undo done what-is-mlops recorded at 2026-03-10 09:00 (\"intro\").\n\
         Would undo done mlops-vs-devops recorded at 2026-03-10 09:00 (\"intro\").\n"
    );
    assert_eq!(run.stderr, "Nothing changed (--dry-run).\n");
    assert_eq!(env.snapshot_files(), before);
    // It does not even take the lock or create the directory on an empty history.
    let fresh = TestEnv::new();
    let nothing = fresh.outcome(&["undo", "--dry-run"]);
    in_shared_snapshots(|| insta::assert_snapshot!("undo_dry_run_of_an_empty_history", nothing));
    assert!(!fresh.data_dir().exists());
}

#[test]
fn a_change_undone_on_one_machine_is_undone_on_another_after_import() {
    let laptop = TestEnv::new();
    let desktop = TestEnv::new();
    laptop
        .run(&["done", "what-is-mlops", "mlops-vs-devops", "mlops-teams"])
        .success();
    let import = |into: &TestEnv, from: &TestEnv| {
        let copy = into.root().join("incoming.json");
        std::fs::copy(from.state_path(), &copy).unwrap();
        into.run(&["import", copy.to_str().unwrap()])
            .success()
            .stderr
    };
    import(&desktop, &laptop);
    assert_eq!(status_of(&desktop, "mlops-teams"), "done");
    laptop.run(&["undo"]).success();
    let brought = import(&desktop, &laptop);
    assert!(
        brought.starts_with("Imported 3 new events (3 undos) from "),
        "{brought}"
    );
    for step in ["what-is-mlops", "mlops-vs-devops", "mlops-teams"] {
        assert_eq!(status_of(&desktop, step), "pending", "{step}");
    }
    assert_eq!(laptop.state_bytes(), desktop.state_bytes());
    // Nothing is left for the desktop to undo either.
    let nothing = desktop.outcome(&["undo"]);
    in_shared_snapshots(|| insta::assert_snapshot!(nothing));
}

#[test]
fn log_says_what_was_undone_and_when_on_the_day_of_the_undo() {
    let mut env = TestEnv::new();
    env.at("2026-03-09T20:00:00+01:00");
    env.run(&["done", "kubeflow", "-m", "pipelines\u{1b}[31m"])
        .success();
    env.at("2026-03-10T08:00:00+01:00");
    env.run(&["start", "mlflow"]).success();
    env.at("2026-03-10T09:30:00+01:00");
    env.run(&["log", "add", "a talk on feature stores"])
        .success();
    env.run(&["undo"]).success();
    env.run(&["undo"]).success();
    env.at("2026-03-11T07:00:00+01:00");
    env.run(&["undo"]).success();
    env.at("2026-03-11T09:00:00+01:00");
    let run = env.run(&["log", "--days", "3"]).success();
    assert_eq!(
        run.stdout,
        "2026-03-10 Tuesday\n\
         \x20 09:30  undo    a talk on feature stores  (the learn of 09:30)\n\
         \x20 09:30  undo    mlflow  MLflow  (the start of 08:00)\n\
         \n\
         2026-03-11 Wednesday\n\
         \x20 07:00  undo    kubeflow  Kubeflow  (the done of 2026-03-09 20:00)\n\
         \x20                pipelines\\u{1b}[31m\n"
    );
    let log = env.run(&["log", "--days", "3", "--json"]).success().json();
    assert_eq!(log["days"][0]["events"], serde_json::json!([]));
    assert_eq!(
        log["days"][1]["undone"],
        serde_json::json!([{
            "undone_at": "2026-03-11T07:00:00+01:00",
            "at": "2026-03-09T20:00:00+01:00",
            "kind": "done",
            "roadmap": "mlops",
            "step": "kubeflow",
            "title": "Kubeflow",
            "note": "pipelines\u{1b}[31m",
        }])
    );
    assert_eq!(log["days"][0]["undone"][0]["step"], serde_json::Value::Null);
    assert_eq!(log["days"][0]["undone"][1]["step"], "mlflow");
    // The day the undone done was recorded shows nothing of it: it did not happen.
    let before = env
        .run(&["log", "--since", "2026-03-09", "--until", "2026-03-09"])
        .success();
    assert_eq!(
        before.stdout,
        "Nothing recorded from 2026-03-09 to 2026-03-09.\n"
    );
}

#[test]
fn an_undo_and_an_event_of_one_day_are_in_time_order_and_the_recap_leaves_undos_out() {
    let mut env = TestEnv::new();
    env.at("2026-03-10T08:00:00+01:00");
    env.run(&["done", "kubeflow"]).success();
    env.at("2026-03-10T08:10:00+01:00");
    env.run(&["undo"]).success();
    env.at("2026-03-10T09:00:00+01:00");
    env.run(&["done", "mlflow"]).success();
    let run = env.run(&["log", "--days", "1"]).success();
    assert_eq!(
        run.stdout,
        "2026-03-10 Tuesday\n\
         \x20 08:10  undo    kubeflow  Kubeflow  (the done of 08:00)\n\
         \x20 09:00  done    mlflow  MLflow\n"
    );
    let recap = env
        .run(&["log", "--days", "1", "--format", "md"])
        .success()
        .stdout;
    assert!(!recap.contains("kubeflow"), "{recap}");
    assert!(recap.contains("MLflow"), "{recap}");
    // A day without undos keeps the shape it had.
    env.at("2026-03-11T09:00:00+01:00");
    env.run(&["done", "what-is-mlops"]).success();
    let today = env.run(&["log", "--days", "1", "--json"]).success().json();
    assert_eq!(today["days"][0]["events"][0]["step"], "what-is-mlops");
    assert_eq!(today["days"][0].get("undone"), None);
}

#[test]
fn show_escapes_the_note_of_an_undone_event() {
    let env = TestEnv::new();
    env.run(&["done", "kubeflow", "-m", "one\u{1b}[2J\ntwo"])
        .success();
    env.run(&["undo"]).success();
    let line = "  2026-03-10 09:00  done    undone 2026-03-10 09:00";
    env.run(&["show", "kubeflow"])
        .success()
        .stdout_has(&format!(
            "\nUndone:\n{line}  one\\u{{1b}}[2J\n{}two\n",
            " ".repeat(line.len() + 2)
        ));
}
