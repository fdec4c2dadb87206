//! The daily learning log: date ranges, the Markdown recap, streaks, the calendar, pace and
//! ETA, and `next --minutes`.

mod across;
mod calendar;
mod log;
mod next;
mod pace;
mod readme;
mod streaks;

use crate::common::TestEnv;
pub use crate::common::in_shared_snapshots;

/// Records one event per (command, step, `--at`) entry; a `note` says "reading".
pub fn record_at(env: &TestEnv, entries: &[(&str, &str, &str)]) {
    for &(kind, step, at) in entries {
        let mut args = vec![kind, step];
        if kind == "note" {
            args.push("reading");
        }
        args.extend(["--at", at]);
        env.run(&args).success();
    }
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
