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
    // 60 minutes in 28 days; 12,295 minutes left: ceil(12295 * 28 / 60) = 5738 days after 10 March.
    let json = env.run(&["status", "--json"]).success().json();
    assert_eq!(
        json["pace"],
        json!({"window_days": 28, "steps_per_week": 1, "minutes_per_week": 15, "eta": "2041-11-24"})
    );
    env.run(&["status"]).success().stdout_has(
        "Pace: 4 steps, 60 min in the last 28 days (15 min a week)\nETA: 2041-11-24 at this pace\n",
    );
    // A day later the first step has left the window: three remain, and the pace slows.
    let mut later = env;
    later.at("2026-03-11T09:00:00+01:00");
    let json = later.run(&["status", "--json"]).success().json();
    assert_eq!(json["pace"]["minutes_per_week"], 11);
    // 12,295 minutes at 45 per 28 days: ceil(7650.22) = 7651 days after 11 March.
    assert_eq!(json["pace"]["eta"], "2047-02-20");
}
