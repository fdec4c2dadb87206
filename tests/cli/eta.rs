//! `status` says why it gives no ETA instead of dropping the line without a word.

use std::fs;

use crate::common::TestEnv;

fn roadmap(env: &TestEnv, minutes: [u64; 3], left: u64) -> String {
    let [a, b, c] = minutes;
    let text = format!(
        r#"{{"id": "odd", "title": "Odd", "sections": [{{"id": "s", "title": "S", "steps": [
        {{"id": "a", "title": "A", "kind": "article", "minutes": {a}, "summary": ""}},
        {{"id": "b", "title": "B", "kind": "article", "minutes": {b}, "summary": ""}},
        {{"id": "c", "title": "C", "kind": "article", "minutes": {c}, "summary": ""}},
        {{"id": "left", "title": "Left", "kind": "article", "minutes": {left}, "summary": ""}}
    ]}}]}}"#
    );
    let path = env.root().join("odd.json");
    fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn a_pace_that_rounds_to_zero_minutes_a_week_still_gives_its_eta() {
    let mut env = TestEnv::new();
    let odd = roadmap(&env, [1, 1, 1], 30);
    env.at("2026-02-10T20:00:00+01:00");
    env.run(&["--roadmap", &odd, "done", "a"]).success();
    env.at("2026-03-10T20:00:00+01:00");
    env.run(&["--roadmap", &odd, "done", "b", "c"]).success();
    // 2 minutes in 28 days: 0 a week rounded down, yet 30 minutes left take 420 days.
    env.run(&["--roadmap", &odd, "status"])
        .success()
        .stdout_has("Pace: 2 steps, 2 min in the last 28 days (0 min a week)\n")
        .stdout_has("ETA: 2027-05-04 at this pace\n");
}

#[test]
fn status_says_why_when_the_end_lies_past_the_calendar() {
    let mut env = TestEnv::new();
    env.at("2026-03-10T20:00:00+01:00");
    let odd = roadmap(&env, [1, 1, 1], u64::from(u32::MAX));
    env.run(&["--roadmap", &odd, "done", "a", "b", "c"])
        .success();
    env.run(&["--roadmap", &odd, "status"])
        .success()
        .stdout_has("Pace: 3 steps, 3 min in the last 7 days (3 min a week)\n")
        .stdout_has("ETA: none, at this pace the end lies past the year 262142\n");
}
