//! The habit spans roadmaps: streaks, the calendar and `log` count learning on every
//! roadmap; progress, `next`, pace and ETA stay the roadmap's own.

use std::fs;

use serde_json::json;

use crate::common::TestEnv;

/// Installs a two-step roadmap `team`.
fn install_team(env: &TestEnv) {
    let path = env.root().join("team.json");
    fs::write(
        &path,
        r#"{"id": "team", "title": "Team onboarding", "sections": [{"id": "s", "title": "Start",
            "steps": [
                {"id": "repo-tour", "title": "Tour of the repository", "kind": "concept", "minutes": 30, "summary": ""},
                {"id": "first-deploy", "title": "First deploy", "kind": "lab", "minutes": 60, "summary": ""}
            ]}]}"#,
    )
    .unwrap();
    env.run(&["roadmap", "install", path.to_str().unwrap()])
        .success();
}

/// Sunday on the built-in roadmap, Monday and Tuesday (today) on `team`.
fn three_days(env: &TestEnv) {
    install_team(env);
    env.record(&[
        &["done", "what-is-mlops", "--at", "2026-03-08T10:00:00+01:00"],
        &[
            "--roadmap",
            "team",
            "done",
            "repo-tour",
            "--at",
            "2026-03-09T19:00:00+01:00",
        ],
        &[
            "--roadmap",
            "team",
            "start",
            "first-deploy",
            "--at",
            "08:30",
        ],
    ]);
}

#[test]
fn streaks_count_learning_on_every_roadmap_and_progress_stays_per_roadmap() {
    let env = TestEnv::new();
    three_days(&env);
    for roadmap in ["mlops", "team"] {
        let status = env
            .run(&["--roadmap", roadmap, "status", "--json"])
            .success()
            .json();
        assert_eq!(
            (&status["streak"], &status["last_activity"]),
            (&json!({"current": 3, "longest": 3}), &json!("2026-03-10")),
            "{roadmap}"
        );
        // One step done on each.
        assert_eq!(status["done"], 1, "{roadmap}");
    }
    env.run(&["status"])
        .success()
        .stdout_has("Streak: 3 days (longest 3) · last active 2026-03-10\n")
        .stdout_has("Done: 1  Skipped: 0  In progress: 0  Pending: 113\n");
    // Pace is per roadmap: two steps done on team give it a pace, not the built-in one.
    env.run(&["--roadmap", "team", "done", "first-deploy"])
        .success();
    let pace = |roadmap: &str| {
        env.run(&["--roadmap", roadmap, "status", "--json"])
            .success()
            .json()["pace"]["steps_per_week"]
            .clone()
    };
    assert_eq!((pace("mlops"), pace("team")), (json!(null), json!(2)));
    // next stays on the roadmap in use.
    let next = env.run(&["next", "--json"]).success().json();
    assert!(
        next["steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["id"] != "first-deploy")
    );
}

#[test]
fn the_log_shows_every_roadmap_and_marks_the_others() {
    let env = TestEnv::new();
    three_days(&env);
    let log = env.run(&["log", "--days", "3"]).success().stdout;
    assert_eq!(
        log,
        "2026-03-08 Sunday\n  \
           10:00  done    what-is-mlops  What MLOps is\n\
         \n\
         2026-03-09 Monday\n  \
           19:00  done    repo-tour  Tour of the repository  [team]\n\
         \n\
         2026-03-10 Tuesday\n  \
           08:30  start   first-deploy  First deploy  [team]\n"
    );
    // From the other side, the built-in roadmap's event is the marked one.
    env.run(&["--roadmap", "team", "log", "--days", "3"])
        .success()
        .stdout_has("  10:00  done    what-is-mlops  What MLOps is  [mlops]\n")
        .stdout_has("  19:00  done    repo-tour  Tour of the repository\n");
    let json = env.run(&["log", "--days", "3", "--json"]).success().json();
    let roadmaps: Vec<&str> = json["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["events"].as_array().unwrap())
        .map(|e| e["roadmap"].as_str().unwrap())
        .collect();
    assert_eq!(roadmaps, ["mlops", "team", "team"]);
    env.run(&["log", "--days", "3", "--format", "md"])
        .success()
        .stdout_has("- Done: Tour of the repository (team)\n");

    // A roadmap that is gone still shows its events, by step id.
    env.run(&["roadmap", "remove", "team"]).success();
    env.run(&["log", "--days", "3"])
        .success()
        .stdout_has("  19:00  done    repo-tour  (unknown step)  [team]\n");
}

#[test]
fn the_calendar_counts_learning_on_every_roadmap() {
    let env = TestEnv::new();
    three_days(&env);
    let only_mlops = TestEnv::new();
    only_mlops.record(&[&["done", "what-is-mlops", "--at", "2026-03-08T10:00:00+01:00"]]);
    let calendar = |env: &TestEnv, roadmap: &str| {
        env.run(&["--roadmap", roadmap, "log", "--calendar", "--weeks", "2"])
            .success()
            .stdout
    };
    let both = calendar(&env, "mlops");
    assert_eq!(
        both,
        calendar(&env, "team"),
        "the same calendar from either roadmap"
    );
    assert_ne!(both, calendar(&only_mlops, "mlops"), "team's days count");
}
