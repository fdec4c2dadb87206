//! `--spent`: how it is read, what it refuses, and the ratio it gives `status` and `next`.

use crate::common::{TestEnv, in_shared_snapshots};

#[test]
fn spent_reads_minutes_hours_and_both() {
    let env = TestEnv::new();
    env.record(&[
        &["start", "what-is-mlops", "--spent", "40m"],
        &["note", "what-is-mlops", "read half", "--spent", "1h30m"],
        &["done", "what-is-mlops", "--spent", "90"],
        &["skip", "how-ml-works", "--spent", "2h"],
    ]);
    let spent: Vec<_> = env.events().iter().map(|e| e["spent"].clone()).collect();
    assert_eq!(spent, [40, 90, 90, 120]);
    let show = env.run(&["show", "what-is-mlops"]).success().stdout;
    assert!(
        show.contains("Estimate:  15 min · spent 3 h 40 min\n"),
        "{show}"
    );
    assert!(
        show.contains("  2026-03-10 09:00  start   (40 min spent)\n"),
        "{show}"
    );
    let json = env
        .run(&["show", "what-is-mlops", "--json"])
        .success()
        .json();
    assert_eq!(json["spent"], 220);
    assert_eq!(json["history"][2]["spent"], 90);
}

#[test]
fn spent_refuses_zero_negative_too_long_and_unreadable_with_exit_2() {
    let env = TestEnv::new();
    let mut refusals = Vec::new();
    for value in ["0", "0h0m", "-5", "-1h", "24h1m", "1441", "1.5h", "forty"] {
        let args = ["done", "what-is-mlops", "--spent", value];
        let done = env.run(&args);
        refusals.push(env.describe(&[], &args, &done));
        let message = done.stderr.lines().next();
        // Every command that takes --spent refuses it with the same message.
        for command in [
            &["start", "what-is-mlops"][..],
            &["skip", "what-is-mlops"],
            &["note", "what-is-mlops", "x"],
            &["log", "add", "a talk"],
        ] {
            let mut args = command.to_vec();
            args.extend(["--spent", value]);
            let run = env.run(&args).code(2);
            assert_eq!(run.stderr.lines().next(), message, "{args:?}");
        }
    }
    in_shared_snapshots(|| insta::assert_snapshot!(refusals.join("\n")));
    assert!(env.state_bytes().is_none(), "nothing was recorded");
}

#[test]
fn spent_belongs_to_one_step() {
    let env = TestEnv::new();
    let refusals = env.outcomes(&[
        &["done", "what-is-mlops", "how-ml-works", "--spent", "30m"],
        &["skip", "--section", "devops-role", "--spent", "30m"],
    ]);
    in_shared_snapshots(|| insta::assert_snapshot!(refusals));
    assert!(env.state_bytes().is_none());
    // A step already done records nothing, and says how to keep the time anyway.
    env.run(&["done", "what-is-mlops"]).success();
    env.run(&["done", "what-is-mlops", "--spent", "20m"])
        .success()
        .stderr_has(
            "warning: the time spent was not kept; add it with: mlops-path note what-is-mlops \"...\" --spent 20",
        );
    assert_eq!(env.events().len(), 1);
}

/// 30 + 25 + 80 = 135 minutes spent on steps estimated at 15 + 15 + 45 = 75: 1.8×.
fn three_timed_steps(env: &TestEnv) {
    env.record(&[
        &[
            "done",
            "what-is-mlops",
            "--spent",
            "30m",
            "--at",
            "2026-03-08",
        ],
        &[
            "done",
            "how-ml-works",
            "--spent",
            "25",
            "--at",
            "2026-03-09",
        ],
        &["done", "data-engineering-concepts", "--spent", "1h20m"],
    ]);
}

#[test]
fn status_shows_the_ratio_once_three_done_steps_are_timed() {
    let env = TestEnv::new();
    env.record(&[
        &[
            "done",
            "what-is-mlops",
            "--spent",
            "30m",
            "--at",
            "2026-03-08",
        ],
        &[
            "done",
            "how-ml-works",
            "--spent",
            "25",
            "--at",
            "2026-03-09",
        ],
        // Done without a time: not one of the timed steps.
        &["done", "data-engineering-concepts"],
    ]);
    let status = env.run(&["status"]).success().stdout;
    // Sunday the 8th is last week; Monday the 9th and today are this week.
    assert!(status.contains("\nSpent: 25 min this week\n"), "{status}");
    let json = env.run(&["status", "--json"]).success().json();
    assert_eq!(json["spent"]["ratio"], serde_json::Value::Null);
    assert_eq!(json["spent"]["timed_steps"], 0);
    let plain = env
        .run(&["next", "--minutes", "30", "--json"])
        .success()
        .json();
    assert_eq!(plain["budget"].get("ratio"), None);

    let env = TestEnv::new();
    three_timed_steps(&env);
    let status = env.run(&["status"]).success().stdout;
    assert!(
        status.contains(
            "\nSpent: 1 h 45 min this week · you take about 1.8× the estimates (3 timed steps in the last 7 days)\n"
        ),
        "{status}"
    );
    let json = env.run(&["status", "--json"]).success().json();
    assert_eq!(json["spent"]["this_week"], 105);
    assert_eq!(json["spent"]["ratio"], 1.8);
    assert_eq!(json["spent"]["timed_steps"], 3);
}

#[test]
fn next_minutes_scales_the_estimates_by_the_ratio_and_says_so() {
    let env = TestEnv::new();
    three_timed_steps(&env);
    // Two steps of 15 min would fill 30; at 1.8× one takes ceil(15 × 135 / 75) = 27.
    let next = env.run(&["next", "--minutes", "30"]).success().stdout;
    assert_eq!(
        next,
        "Next up in 30 min (111 of 114 steps left):\n\
         \n  mlops-vs-devops  How MLOps differs from DevOps\
         \n    concept · 15 min (about 27 for you) · What MLOps is\n\
         \nTogether: 27 of 30 min.\
         \nEstimates scaled by 1.8×: you take about that long on recent steps (see `mlops-path status`).\
         \nFinished it? mlops-path done mlops-vs-devops\n"
    );
    let json = env
        .run(&["next", "--minutes", "30", "--json"])
        .success()
        .json();
    assert_eq!(json["budget"]["planned"], 27);
    assert_eq!(json["budget"]["ratio"], 1.8);
    assert_eq!(json["steps"].as_array().unwrap().len(), 1);
}

#[test]
fn the_eta_is_not_scaled_by_the_ratio() {
    let timed = TestEnv::new();
    three_timed_steps(&timed);
    let untimed = TestEnv::new();
    untimed.record(&[
        &["done", "what-is-mlops", "--at", "2026-03-08"],
        &["done", "how-ml-works", "--at", "2026-03-09"],
        &["done", "data-engineering-concepts"],
    ]);
    let pace = |env: &TestEnv| env.run(&["status", "--json"]).success().json()["pace"].clone();
    assert_eq!(pace(&timed), pace(&untimed));
    assert!(pace(&timed)["eta"].is_string());
}

#[test]
fn export_and_the_log_carry_the_time_spent() {
    let env = TestEnv::new();
    three_timed_steps(&env);
    let csv = env.run(&["export", "--format", "csv"]).success().stdout;
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("section,id,title,status,first_started,done_at,verified,notes,spent_minutes")
    );
    assert!(
        csv.contains(
            "\nWhat MLOps is,what-is-mlops,What MLOps is,done,,2026-03-08T12:00:00+01:00,false,0,30\n"
        ),
        "{csv}"
    );
    let json = env.run(&["export"]).success().json();
    assert_eq!(json["steps"][0]["spent_minutes"], 30);
    assert_eq!(json["events"][0]["spent"], 30);
    assert_eq!(json["status"]["spent"]["ratio"], 1.8);
    let md = env
        .run(&["log", "--since", "2026-03-09", "--format", "md"])
        .success()
        .stdout;
    assert!(
        md.contains(
            "- Done: [How Does Machine Learning Work?](https://www.dummies.com/programming/big-data/data-science/how-does-machine-learning-work/) (25 min spent)\n"
        ),
        "{md}"
    );
    let log = env.run(&["log", "--json"]).success().json();
    assert_eq!(log["days"][2]["events"][0]["spent"], 80);
    let text = env.run(&["log", "--days", "1"]).success().stdout;
    assert!(text.contains("  (1 h 20 min spent)\n"), "{text}");
}
