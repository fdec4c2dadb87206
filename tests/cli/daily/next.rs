//! `next --minutes`.

use serde_json::json;

use crate::common::{TestEnv, in_shared_snapshots};

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

    // Smaller than every estimate: the first of the shortest steps anyway, and a plain word
    // about it.
    let (ids, budget) = next_ids(&env, &["--minutes", "10"]);
    assert_eq!(ids, ["what-is-mlops"]);
    assert_eq!(budget, json!({"minutes": 10, "planned": 15, "fits": false}));
    env.run(&["next", "--minutes", "10"])
        .success()
        .stdout_has("Nothing fits in 10 min; the smallest next piece is this step of 15 min:\n\n  what-is-mlops");

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
        text.starts_with("Next up in 600 min (114 of 114 steps left):"),
        "{text}"
    );
    assert!(text.contains("\nTogether: 75 of 600 min.\n"), "{text}");

    // -n still limits; without --minutes there is no budget in the JSON.
    let (ids, _) = next_ids(&env, &["--minutes", "600", "-n", "1"]);
    assert_eq!(ids, ["data-engineering-concepts"]);
    assert_eq!(next_ids(&env, &[]).1, json!(null));

    let refused = env.outcome(&["next", "--minutes", "0"]);
    in_shared_snapshots(|| insta::assert_snapshot!(refused));
}
