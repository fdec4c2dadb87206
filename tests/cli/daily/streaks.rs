//! Streaks of learning days, and the day an event belongs to.

use serde_json::json;

use super::record_at;
use crate::common::TestEnv;

fn streak(env: &TestEnv) -> (serde_json::Value, serde_json::Value) {
    let json = env.run(&["status", "--json"]).success().json();
    (json["streak"].clone(), json["last_activity"].clone())
}

#[test]
fn a_streak_runs_across_a_month_boundary() {
    let mut env = TestEnv::new();
    env.at("2026-03-02T08:00:00+01:00");
    record_at(
        &env,
        &[
            ("done", "what-is-mlops", "2026-02-27"),
            ("note", "mlops-vs-devops", "2026-02-28"),
            ("start", "mlops-vs-devops", "2026-03-01"),
            ("done", "mlops-vs-devops", "2026-03-02T07:30:00+01:00"),
        ],
    );
    assert_eq!(
        streak(&env),
        (json!({"current": 4, "longest": 4}), json!("2026-03-02"))
    );
}

#[test]
fn a_streak_runs_across_the_change_to_summer_time() {
    // Berlin moves from +01:00 to +02:00 at 02:00 on Sunday 29 March 2026. The clock is given
    // in UTC: 22:30 UTC on the 29th is already the 30th in Berlin.
    let mut env = TestEnv::new();
    env.at("2026-03-29T22:30:00Z").tz("Europe/Berlin");
    record_at(
        &env,
        &[
            ("done", "what-is-mlops", "2026-03-27T23:59:00+01:00"),
            ("done", "mlops-vs-devops", "2026-03-28T23:30:00+01:00"),
            // 01:30 in winter time, then 03:30 in summer time: the same day.
            ("note", "mlops-teams", "2026-03-29T01:30:00+01:00"),
            ("start", "mlops-teams", "2026-03-29T03:30:00+02:00"),
        ],
    );
    // Without --at: recorded now, at the summer offset, on the 30th.
    env.run(&["done", "mlops-teams"]).success();
    assert_eq!(env.events()[4]["at"], "2026-03-30T00:30:00+02:00");
    assert_eq!(
        streak(&env),
        (json!({"current": 4, "longest": 4}), json!("2026-03-30"))
    );
    let json = env
        .run(&["log", "--since", "2026-03-29", "--json"])
        .success()
        .json();
    let days: Vec<(&str, usize)> = json["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap(),
                d["events"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(days, [("2026-03-29", 2), ("2026-03-30", 1)]);
}

#[test]
fn a_gap_breaks_the_streak_but_keeps_the_longest() {
    let env = TestEnv::new();
    record_at(
        &env,
        &[
            ("done", "what-is-mlops", "2026-03-01"),
            ("done", "mlops-vs-devops", "2026-03-02"),
            ("done", "mlops-teams", "2026-03-03"),
            ("done", "how-ml-works", "2026-03-07"),
            ("start", "ml-visual-explanation", "2026-03-08"),
        ],
    );
    assert_eq!(
        streak(&env),
        (json!({"current": 0, "longest": 3}), json!("2026-03-08"))
    );
    env.run(&["status"])
        .success()
        .stdout_has("Streak: 0 days (longest 3) · last active 2026-03-08\n");
}

#[test]
fn an_empty_today_keeps_yesterdays_streak_and_a_reopen_is_no_learning() {
    let env = TestEnv::new();
    record_at(
        &env,
        &[
            ("done", "what-is-mlops", "2026-03-08"),
            ("skip", "how-ml-works", "2026-03-09"),
        ],
    );
    env.run(&["status"])
        .success()
        .stdout_has("Streak: 2 days (longest 2) · last active 2026-03-09\n");
    // A reopen today changes nothing; a note today extends the streak.
    env.run(&["reopen", "how-ml-works"]).success();
    assert_eq!(
        streak(&env),
        (json!({"current": 2, "longest": 2}), json!("2026-03-09"))
    );
    env.run(&["note", "how-ml-works", "back to it"]).success();
    assert_eq!(
        streak(&env),
        (json!({"current": 3, "longest": 3}), json!("2026-03-10"))
    );
}

#[test]
fn a_fresh_tracker_has_no_streak_and_no_pace() {
    let env = TestEnv::new();
    let json = env.run(&["status", "--json"]).success().json();
    assert_eq!(json["streak"], json!({"current": 0, "longest": 0}));
    assert_eq!(json["last_activity"], json!(null));
    assert_eq!(
        json["pace"],
        json!({"window_days": 28, "steps_per_week": null, "minutes_per_week": null, "eta": null})
    );
    env.run(&["status"])
        .success()
        .stdout_has("Streak: no learning days yet\nPace: too little history for an ETA (0 steps done in the last 28 days, 2 needed)\n");
}

#[test]
fn events_recorded_elsewhere_stay_on_their_own_day() {
    // 23:30 in New York on 8 March is 05:30 on the 9th in Berlin, where the learner is now.
    let env = TestEnv::new();
    record_at(
        &env,
        &[
            ("done", "what-is-mlops", "2026-03-08T23:30:00-05:00"),
            ("done", "how-ml-works", "2026-03-06"),
        ],
    );
    let log = env.run(&["log", "--json"]).success().json();
    let dates: Vec<&str> = log["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-03-06", "2026-03-08"]);
    // The 8th and the 6th, not the 9th: no streak alive today.
    assert_eq!(
        streak(&env),
        (json!({"current": 0, "longest": 1}), json!("2026-03-08"))
    );
    let calendar = env
        .run(&["log", "--calendar", "--weeks", "1"])
        .success()
        .stdout;
    // Week of Monday 9 March: nothing on Monday, the 9th.
    assert!(calendar.contains("\nMon ·\n"), "{calendar}");
    let last_week = env
        .run(&["log", "--calendar", "--weeks", "2"])
        .success()
        .stdout;
    assert!(last_week.contains("\nFri ░\n"), "{last_week}");
    assert!(last_week.contains("\nSun ░\n"), "{last_week}");
}
