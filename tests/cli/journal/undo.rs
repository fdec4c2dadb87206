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
