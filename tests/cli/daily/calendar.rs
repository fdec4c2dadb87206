//! `log --calendar`.

use super::{in_shared_snapshots, record_at};
use crate::common::TestEnv;

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
    in_shared_snapshots(|| insta::assert_snapshot!(run.stdout));
    let short = env
        .run(&["log", "--calendar", "--weeks", "2"])
        .success()
        .stdout;
    in_shared_snapshots(|| insta::assert_snapshot!("calendar_two_weeks", short));
}

#[test]
fn the_calendar_refuses_bad_weeks_and_other_views() {
    let env = TestEnv::new();
    let refusals = env.outcomes(&[
        &["log", "--calendar", "--weeks=0"],
        &["log", "--calendar", "--weeks=521"],
        &["log", "--calendar", "--weeks=-1"],
        &["log", "--calendar", "--weeks=many"],
        &["log", "--weeks", "4"],
        &["log", "--calendar", "--json"],
        &["log", "--calendar", "--since", "1w"],
        &["log", "--calendar", "--days", "3"],
        &["log", "--calendar", "--format", "md"],
    ]);
    in_shared_snapshots(|| insta::assert_snapshot!(refusals));
}
