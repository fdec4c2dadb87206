//! `log --since/--until/--days` and the Markdown recap.

use super::{in_shared_snapshots, record_at};
use crate::common::TestEnv;

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
    in_shared_snapshots(|| insta::assert_snapshot!(run.stdout));
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
    env.run(&["log", "--since", "2026-03-12"])
        .code(2)
        .stderr_has("error: --since 2026-03-12 is after today, 2026-03-10: to look at days ahead, give --until as well");
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
