//! Pace and ETA in `status`.

use serde_json::json;

use super::record_at;
use crate::common::TestEnv;

#[test]
fn thin_history_has_no_eta() {
    let env = TestEnv::new();
    record_at(
        &env,
        &[
            // Done long ago, and skipped: neither is pace.
            ("done", "data-engineering-concepts", "2026-01-05"),
            ("skip", "how-ml-works", "2026-03-01"),
            ("done", "what-is-mlops", "2026-03-09"),
        ],
    );
    let json = env.run(&["status", "--json"]).success().json();
    assert_eq!(
        json["pace"],
        json!({"window_days": 28, "steps_per_week": null, "minutes_per_week": null, "eta": null})
    );
    let text = env.run(&["status"]).success().stdout;
    assert!(
        text.contains(
            "Pace: too little history for an ETA (1 step done in the last 28 days, 2 needed)\nNext:"
        ),
        "{text}"
    );
    assert!(!text.contains("ETA:"), "{text}");
}

#[test]
fn a_known_history_gives_a_known_eta() {
    let env = TestEnv::new();
    record_at(
        &env,
        &[
            // 27 days back: the first day of the window.
            ("done", "what-is-mlops", "2026-02-11"),
            ("done", "mlops-vs-devops", "2026-02-20"),
            ("done", "mlops-teams", "2026-03-01"),
            ("done", "how-ml-works", "2026-03-10T08:00:00+01:00"),
        ],
    );
    // 60 minutes in 28 days; 5,285 minutes left: ceil(5285 * 28 / 60) = 2467 days after 10 March.
    let json = env.run(&["status", "--json"]).success().json();
    assert_eq!(
        json["pace"],
        json!({"window_days": 28, "steps_per_week": 1, "minutes_per_week": 15, "eta": "2032-12-10"})
    );
    env.run(&["status"]).success().stdout_has(
        "Pace: 4 steps, 60 min in the last 28 days (15 min a week)\nETA: 2032-12-10 at this pace\n",
    );
    // A day later the first step has left the window: three remain, and the pace slows.
    let mut later = env;
    later.at("2026-03-11T09:00:00+01:00");
    let json = later.run(&["status", "--json"]).success().json();
    assert_eq!(json["pace"]["minutes_per_week"], 11);
    // 5,285 minutes at 45 per 28 days: ceil(3288.44) = 3289 days after 11 March.
    assert_eq!(json["pace"]["eta"], "2035-03-13");
}

/// Five steps of 30, 30, 60, 120 and 285 minutes: 525 in all.
fn five_steps(env: &TestEnv) -> String {
    let step = |id: &str, minutes: u32| {
        format!(
            r#"{{"id": "{id}", "title": "Step {id}", "kind": "article", "minutes": {minutes}, "summary": ""}}"#
        )
    };
    let steps = [
        step("a", 30),
        step("b", 30),
        step("c", 60),
        step("d", 120),
        step("e", 285),
    ]
    .join(",\n");
    let text = format!(
        r#"{{"id": "five", "title": "Five", "sections": [{{"id": "s", "title": "S", "steps": [{steps}]}}]}}"#
    );
    let path = crate::roadmap::write(env, "five.json", &text);
    path.to_str().unwrap().to_owned()
}

fn pace_on(env: &TestEnv, roadmap: &str, entries: &[(&str, &str)]) -> serde_json::Value {
    for &(step, at) in entries {
        env.run(&["--roadmap", roadmap, "done", step, "--at", at])
            .success();
    }
    env.run(&["--roadmap", roadmap, "status", "--json"])
        .success()
        .json()["pace"]
        .clone()
}

#[test]
fn with_no_learning_day_the_window_is_28_days() {
    let env = TestEnv::new();
    let roadmap = five_steps(&env);
    assert_eq!(
        pace_on(&env, &roadmap, &[]),
        json!({"window_days": 28, "steps_per_week": null, "minutes_per_week": null, "eta": null})
    );
}

#[test]
fn on_the_first_day_the_window_is_7_days() {
    let env = TestEnv::new();
    let roadmap = five_steps(&env);
    // 60 minutes on day 1, over 7 days: 60 a week. 465 minutes left: ceil(465 * 7 / 60)
    // = ceil(54.25) = 55 days after 10 March: 21 to 31 March, 30 in April, 4 May.
    let pace = pace_on(
        &env,
        &roadmap,
        &[
            ("a", "2026-03-10T07:00:00+01:00"),
            ("b", "2026-03-10T08:00:00+01:00"),
        ],
    );
    assert_eq!(
        pace,
        json!({"window_days": 7, "steps_per_week": 2, "minutes_per_week": 60, "eta": "2026-05-04"})
    );
    env.run(&["--roadmap", &roadmap, "status"])
        .success()
        .stdout_has("Pace: 2 steps, 60 min in the last 7 days (60 min a week)\nETA: 2026-05-04 at this pace\n");
}

#[test]
fn on_day_8_the_window_is_8_days() {
    let env = TestEnv::new();
    let roadmap = five_steps(&env);
    // First learning day 3 March, today 10 March: 8 days. 120 minutes in them: 105 a week
    // (rounded down), 3 steps: 2 a week. 405 left: ceil(405 * 8 / 120) = 27 days after
    // 10 March: 21 to 31 March, then 6 April.
    let pace = pace_on(
        &env,
        &roadmap,
        &[
            ("a", "2026-03-03"),
            ("b", "2026-03-06"),
            ("c", "2026-03-10T08:00:00+01:00"),
        ],
    );
    assert_eq!(
        pace,
        json!({"window_days": 8, "steps_per_week": 2, "minutes_per_week": 105, "eta": "2026-04-06"})
    );
}

#[test]
fn on_day_40_the_window_is_the_last_28_days() {
    let env = TestEnv::new();
    let roadmap = five_steps(&env);
    // First learning day 30 January, 39 days before 10 March: day 40. The window starts on
    // 11 February, so a (30 January) and b (10 February) are outside; c and d, 180 minutes,
    // are in: 45 a week, 0 steps a week rounded down. 285 left: ceil(285 * 28 / 180)
    // = ceil(44.33) = 45 days after 10 March: 21 to 31 March, then 24 April.
    let pace = pace_on(
        &env,
        &roadmap,
        &[
            ("a", "2026-01-30"),
            ("b", "2026-02-10"),
            ("c", "2026-02-11"),
            ("d", "2026-03-10T08:00:00+01:00"),
        ],
    );
    assert_eq!(
        pace,
        json!({"window_days": 28, "steps_per_week": 0, "minutes_per_week": 45, "eta": "2026-04-24"})
    );
}
