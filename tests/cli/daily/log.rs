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
    let refusals = env.outcomes(&[
        &["log", "--since", "2026-03-05", "--until", "2026-03-01"],
        &["log", "--since", "2026-03-12"],
        &["log", "--since", "today", "--until", "yesterday"],
        // `--since=VALUE`, so clap reads `-3d` as a value rather than a flag.
        &["log", "--since=tomorrow"],
        &["log", "--since=2026-02-30"],
        &["log", "--since=-3d"],
        &["log", "--since=3"],
        &["log", "--since=1.5w"],
        &["log", "--since", "1w", "--days", "3"],
        &["log", "--format", "md", "--json"],
        &["log", "--format", "html"],
        &["log", "--days", "4000000000"],
        &["log", "--until", "4000000000w"],
    ]);
    in_shared_snapshots(|| insta::assert_snapshot!(refusals));
    assert!(!env.data_dir().exists());
}
