//! The daily learning log: date ranges, the Markdown recap, streaks, the calendar, pace and
//! ETA, and `next --minutes`.

use serde_json::json;

use crate::common::TestEnv;

/// Records one event per (command, step, `--at`) entry; a `note` says "reading".
fn record_at(env: &TestEnv, entries: &[(&str, &str, &str)]) {
    for &(kind, step, at) in entries {
        let mut args = vec![kind, step];
        if kind == "note" {
            args.push("reading");
        }
        args.extend(["--at", at]);
        env.run(&args).success();
    }
}

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

/// A history spread over three months, with days of every shade.
fn busy_history() -> TestEnv {
    let env = TestEnv::new();
    let mut notes = Vec::new();
    // Six events on 2 March: the darkest shade.
    for hour in 10..16 {
        notes.push(format!("2026-03-02T{hour}:00:00+01:00"));
    }
    for at in &notes {
        env.run(&["note", "kubeflow", "reading", "--at", at])
            .success();
    }
    record_at(
        &env,
        &[
            ("done", "what-is-mlops", "2025-12-31"),
            ("done", "mlops-vs-devops", "2026-01-01"),
            ("start", "mlops-teams", "2026-02-03"),
            ("note", "mlops-teams", "2026-02-03T20:00:00+01:00"),
            ("done", "mlops-teams", "2026-02-03T21:00:00+01:00"),
            ("start", "how-ml-works", "2026-03-09T08:00:00+01:00"),
            ("note", "how-ml-works", "2026-03-09T08:30:00+01:00"),
            ("note", "how-ml-works", "2026-03-09T09:00:00+01:00"),
            ("done", "how-ml-works", "2026-03-09T09:30:00+01:00"),
            ("reopen", "how-ml-works", "2026-03-10T08:00:00+01:00"),
        ],
    );
    env
}

#[test]
fn the_calendar_of_a_known_history() {
    let env = busy_history();
    let run = env.run(&["log", "--calendar"]).success().stderr_empty();
    insta::assert_snapshot!(run.stdout);
    let short = env
        .run(&["log", "--calendar", "--weeks", "2"])
        .success()
        .stdout;
    insta::assert_snapshot!("calendar_two_weeks", short);
}

#[test]
fn the_calendar_refuses_bad_weeks_and_other_views() {
    let env = TestEnv::new();
    for weeks in ["0", "521", "-1", "many"] {
        env.run(&["log", "--calendar", &format!("--weeks={weeks}")])
            .code(2)
            .stderr_has(&format!("invalid value '{weeks}' for '--weeks <N>'"))
            .stdout_empty();
    }
    env.run(&["log", "--weeks", "4"])
        .code(2)
        .stderr_has("the following required arguments were not provided:\n  --calendar");
    for other in [
        &["--json"][..],
        &["--since", "1w"],
        &["--days", "3"],
        &["--format", "md"],
    ] {
        let mut args = vec!["log", "--calendar"];
        args.extend_from_slice(other);
        env.run(&args)
            .code(2)
            .stderr_has("error: the argument '--calendar' cannot be used with");
    }
}

#[test]
fn a_markdown_recap_of_a_known_week() {
    let env = TestEnv::new();
    record_at(
        &env,
        &[
            ("done", "what-is-mlops", "2026-03-05T19:00:00+01:00"),
            ("start", "kubeflow", "2026-03-09T18:00:00+01:00"),
            ("skip", "how-ml-works", "2026-03-09T18:10:00+01:00"),
        ],
    );
    env.run(&[
        "note",
        "kubeflow",
        "pipelines need a cluster;\ntry *kind* first",
        "--at",
        "2026-03-09T21:00:00+01:00",
    ])
    .success();
    env.run(&[
        "done",
        "mlops-teams",
        "-m",
        "too old for the recap",
        "--at",
        "2026-02-01",
    ])
    .success();
    let run = env
        .run(&["log", "--since", "1w", "--format", "md"])
        .success()
        .stderr_empty();
    insta::assert_snapshot!(run.stdout);
    env.run(&["log", "--since", "today", "--format", "md"])
        .success()
        .stdout_has("# Learning log: 2026-03-10\n\nNothing recorded.\n");
}

#[test]
fn since_until_and_days_pick_the_days() {
    let env = TestEnv::new();
    record_at(
        &env,
        &[
            ("done", "what-is-mlops", "2026-02-20"),
            ("done", "mlops-vs-devops", "2026-03-01"),
            ("done", "mlops-teams", "2026-03-03"),
            ("done", "how-ml-works", "2026-03-09"),
            ("done", "ml-visual-explanation", "2026-03-10"),
        ],
    );
    let dates = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["log", "--json"];
        all.extend_from_slice(args);
        env.run(&all).success().json()["days"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["date"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(dates(&[]), ["2026-03-09", "2026-03-10"]);
    assert_eq!(
        dates(&["--since", "yesterday"]),
        ["2026-03-09", "2026-03-10"]
    );
    assert_eq!(
        dates(&["--since", "9d", "--until", "2026-03-03"]),
        ["2026-03-01", "2026-03-03"]
    );
    assert_eq!(dates(&["--since", "3w", "--until", "2w"]), ["2026-02-20"]);
    assert_eq!(
        dates(&["--until", "2026-03-03", "--days", "3"]),
        ["2026-03-01", "2026-03-03"]
    );
    assert_eq!(
        dates(&["--since", "2026-03-10", "--until", "today"]),
        ["2026-03-10"]
    );
    env.run(&["log", "--until", "2026-02-21"])
        .success()
        .stdout_has("2026-02-20 Friday\n  12:00  done    what-is-mlops");
}

#[test]
fn bad_ranges_are_usage_errors() {
    let env = TestEnv::new();
    env.run(&["log", "--since", "2026-03-05", "--until", "2026-03-01"])
        .code(2)
        .stderr_has("error: --until 2026-03-01 is before --since 2026-03-05: give the earlier day to --since and the later one to --until")
        .stdout_empty();
    env.run(&["log", "--since", "today", "--until", "yesterday"])
        .code(2)
        .stderr_has("error: --until 2026-03-09 is before --since 2026-03-10");
    for bad in ["tomorrow", "2026-02-30", "-3d", "3", "1.5w"] {
        // `--since=VALUE`, so clap reads `-3d` as a value rather than a flag.
        env.run(&["log", &format!("--since={bad}")])
            .code(2)
            .stderr_has(&format!(
                "invalid value '{bad}' for '--since <DATE>': expected YYYY-MM-DD, today, yesterday, Nd (N days back) or Nw (N weeks back)"
            ));
    }
    env.run(&["log", "--since", "1w", "--days", "3"])
        .code(2)
        .stderr_has("error: the argument '--since <DATE>' cannot be used with '--days <N>'");
    env.run(&["log", "--format", "md", "--json"])
        .code(2)
        .stderr_has("error: the argument '--format <FORMAT>' cannot be used with '--json'");
    env.run(&["log", "--format", "html"])
        .code(2)
        .stderr_has("invalid value 'html' for '--format <FORMAT>'");
    env.run(&["log", "--days", "4000000000"])
        .code(2)
        .stderr_has(
            "error: --days reaches before the first date the calendar holds: choose a later day",
        );
    env.run(&["log", "--until", "4000000000w"])
        .code(2)
        .stderr_has("error: --until reaches before the first date the calendar holds");
}

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
    // 60 minutes in 28 days; 465 minutes left: ceil(465 * 28 / 60) = 217 days after 10 March.
    let json = env.run(&["status", "--json"]).success().json();
    assert_eq!(
        json["pace"],
        json!({"window_days": 28, "steps_per_week": 1, "minutes_per_week": 15, "eta": "2026-10-13"})
    );
    env.run(&["status"]).success().stdout_has(
        "Pace: 4 steps, 60 min in the last 28 days (15 min a week)\nETA: 2026-10-13 at this pace\n",
    );
    // A day later the first step has left the window: three remain, and the pace slows.
    let mut later = env;
    later.at("2026-03-11T09:00:00+01:00");
    let json = later.run(&["status", "--json"]).success().json();
    assert_eq!(json["pace"]["minutes_per_week"], 11);
    // 465 minutes at 45 per 28 days: ceil(289.33) = 290 days after 11 March.
    assert_eq!(json["pace"]["eta"], "2026-12-26");
}

fn next_ids(env: &TestEnv, args: &[&str]) -> (Vec<String>, serde_json::Value) {
    let mut all = vec!["next", "--json"];
    all.extend_from_slice(args);
    let json = env.run(&all).success().json();
    let ids = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    (ids, json["budget"].clone())
}

#[test]
fn next_fits_steps_into_a_time_budget() {
    let env = TestEnv::new();
    // Actionable now, in order: data-engineering-concepts (45 min, in progress),
    // what-is-mlops (15), how-ml-works (15).
    env.run(&["start", "data-engineering-concepts"]).success();

    // Smaller than every estimate: the first step anyway, and a plain word about it.
    let (ids, budget) = next_ids(&env, &["--minutes", "10"]);
    assert_eq!(ids, ["data-engineering-concepts"]);
    assert_eq!(budget, json!({"minutes": 10, "planned": 45, "fits": false}));
    env.run(&["next", "--minutes", "10"])
        .success()
        .stdout_has("Nothing fits in 10 min; the smallest next piece is this step of 45 min:\n\n  data-engineering-concepts");

    // Between: the 45-minute step is passed over for the two 15-minute ones.
    let (ids, budget) = next_ids(&env, &["--minutes", "30"]);
    assert_eq!(ids, ["what-is-mlops", "how-ml-works"]);
    assert_eq!(budget, json!({"minutes": 30, "planned": 30, "fits": true}));
    let (ids, _) = next_ids(&env, &["--minutes", "50"]);
    assert_eq!(ids, ["data-engineering-concepts"]);

    // Larger than all of them: every actionable step, beyond the usual three.
    let (ids, budget) = next_ids(&env, &["--minutes", "600"]);
    assert_eq!(
        ids,
        ["data-engineering-concepts", "what-is-mlops", "how-ml-works"]
    );
    assert_eq!(budget["fits"], true);
    let text = env.run(&["next", "--minutes", "600"]).success().stdout;
    assert!(
        text.starts_with("Next up in 600 min (14 of 14 steps left):"),
        "{text}"
    );
    assert!(text.contains("\nTogether: 75 of 600 min.\n"), "{text}");

    // -n still limits; without --minutes there is no budget in the JSON.
    let (ids, _) = next_ids(&env, &["--minutes", "600", "-n", "1"]);
    assert_eq!(ids, ["data-engineering-concepts"]);
    assert_eq!(next_ids(&env, &[]).1, json!(null));

    env.run(&["next", "--minutes", "0"])
        .code(2)
        .stderr_has("invalid value '0' for '--minutes <M>'");
}

#[test]
fn the_new_views_read_without_creating_anything() {
    let env = TestEnv::new();
    for args in [
        &["log", "--calendar"][..],
        &["log", "--since", "2w", "--format", "md"],
        &["next", "--minutes", "30"],
        &["status"],
    ] {
        env.run(args).success().stderr_empty();
    }
    assert!(
        !env.data_dir().exists(),
        "a read-only view created the data directory"
    );
}
