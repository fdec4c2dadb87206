//! A synthetic roadmap of 10,000 steps and 10,000 events: every read command answers, and
//! its counts agree with the tally the generator kept. Correctness only; speed is measured
//! by `scripts/bench.sh`, never asserted here.

use chrono::{DateTime, NaiveDate};
use serde_json::Value;

use crate::common::{NOW, TestEnv};
use crate::synth;

const STEPS: usize = 10_000;
const SECTIONS: usize = 100;

fn spec(seed: u64) -> synth::Spec {
    synth::Spec {
        steps: STEPS,
        sections: SECTIONS,
        requires_share: 0.5,
        seed,
    }
}

/// The environment with the synthetic roadmap written to `roadmap.json` in its root.
fn generated() -> (TestEnv, synth::History) {
    let env = TestEnv::new();
    let file = synth::roadmap(&spec(7));
    let until = DateTime::parse_from_rfc3339(NOW).unwrap();
    let history = synth::history(&file, STEPS, 730, until, 7);
    synth::write(env.root(), Some(&file), history.events.clone()).unwrap();
    (env, history)
}

fn run_json(env: &TestEnv, args: &[&str]) -> Value {
    let mut full = vec!["--roadmap", "roadmap.json"];
    full.extend_from_slice(args);
    full.push("--json");
    env.run(&full).success().json()
}

fn run_text(env: &TestEnv, args: &[&str]) -> String {
    let mut full = vec!["--roadmap", "roadmap.json"];
    full.extend_from_slice(args);
    env.run(&full).success().stdout
}

fn count(value: &Value) -> usize {
    usize::try_from(value.as_u64().expect("a count")).unwrap()
}

#[test]
fn every_read_command_agrees_with_the_generated_history() {
    let (env, history) = generated();
    let tally = history.tally;
    assert_eq!(history.events.len(), STEPS);
    // The history must exercise every status, or the counts below prove little.
    assert!(tally.done > 0 && tally.skipped > 0 && tally.in_progress > 0 && tally.pending > 0);

    let status = run_json(&env, &["status"]);
    assert_eq!(count(&status["total"]), STEPS);
    assert_eq!(count(&status["done"]), tally.done);
    assert_eq!(count(&status["skipped"]), tally.skipped);
    assert_eq!(count(&status["in_progress"]), tally.in_progress);
    assert_eq!(count(&status["pending"]), tally.pending);
    let sections = status["sections"].as_array().unwrap();
    assert_eq!(sections.len(), SECTIONS);
    assert_eq!(
        sections.iter().map(|s| count(&s["total"])).sum::<usize>(),
        STEPS
    );
    assert_eq!(status["unknown_steps"], serde_json::json!([]));
    let settled = tally.done + tally.skipped;
    let text = run_text(&env, &["status"]);
    assert!(text.contains(&format!("{settled}/{STEPS}")), "{text}");
    assert!(text.contains(&format!("Done: {}  Skipped: {}", tally.done, tally.skipped)));

    let list = run_json(&env, &["list"]);
    let steps: Vec<&Value> = list["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["steps"].as_array().unwrap())
        .collect();
    assert_eq!(steps.len(), STEPS);
    let with = |status: &str| steps.iter().filter(|s| s["status"] == status).count();
    assert_eq!(with("done"), tally.done);
    assert_eq!(with("skipped"), tally.skipped);
    assert_eq!(with("in_progress"), tally.in_progress);
    let text = run_text(&env, &["list"]);
    assert_eq!(text.matches("[x]").count(), tally.done);
    assert_eq!(text.matches("[ ]").count(), tally.pending);

    // In progress first, then pending steps whose requirements are all settled.
    let status_of = |id: &str| {
        steps
            .iter()
            .find(|s| s["id"] == id)
            .map(|s| s["status"].as_str().unwrap().to_owned())
            .unwrap()
    };
    let next = run_json(&env, &["next", "-n", "20"]);
    let picks = next["steps"].as_array().unwrap();
    assert_eq!(picks.len(), 20);
    for (position, pick) in picks.iter().enumerate() {
        let expected = if position < tally.in_progress {
            "in_progress"
        } else {
            "pending"
        };
        assert_eq!(pick["status"], expected, "{pick}");
        let step = steps.iter().find(|s| s["id"] == pick["id"]).unwrap();
        for required in step["requires"].as_array().unwrap() {
            let required = status_of(required.as_str().unwrap());
            assert!(
                expected == "in_progress" || required == "done" || required == "skipped",
                "{pick} requires a step that is {required}"
            );
        }
    }
    let text = run_text(&env, &["next"]);
    assert!(text.contains(&format!("({} of {STEPS} steps left)", STEPS - settled)));

    // The step with the longest history shows every one of its events.
    let (busiest, events) = history
        .events_per_step
        .iter()
        .enumerate()
        .max_by_key(|&(index, events)| (events, std::cmp::Reverse(index)))
        .unwrap();
    let id = synth::step_id(busiest);
    let show = run_json(&env, &["show", &id]);
    assert_eq!(show["history"].as_array().unwrap().len(), *events);
    assert!(run_text(&env, &["show", &id]).contains(&id));

    // The last 30 days, today included, at the offset each event was recorded at.
    let today = DateTime::parse_from_rfc3339(NOW).unwrap().date_naive();
    let first = today - chrono::Days::new(29);
    let in_window = |day: NaiveDate| (first..=today).contains(&day);
    let expected = history.events.iter().filter(|e| in_window(e.day())).count();
    assert!(expected > 0);
    let log = run_json(&env, &["log", "--days", "30"]);
    let logged: usize = log["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["events"].as_array().unwrap().len())
        .sum();
    assert_eq!(logged, expected);
    run_text(&env, &["log", "--days", "30"]);
}

#[test]
fn done_on_the_current_step_settles_one_more() {
    let (env, history) = generated();
    let current = history.current.expect("steps are left");
    env.run(&["--roadmap", "roadmap.json", "done", &current])
        .success()
        .stderr_has(&format!("Done: {current}"));
    let status = run_json(&env, &["status"]);
    assert_eq!(
        count(&status["done"]) + count(&status["skipped"]),
        history.tally.done + history.tally.skipped + 1
    );
    assert_eq!(env.events().len(), STEPS + 1);
}

#[test]
fn the_generator_is_deterministic_for_a_seed() {
    let until = DateTime::parse_from_rfc3339(NOW).unwrap();
    let small = |seed| synth::Spec {
        steps: 300,
        sections: 7,
        requires_share: 0.5,
        seed,
    };
    let (a, b, c) = (
        synth::roadmap(&small(1)),
        synth::roadmap(&small(1)),
        synth::roadmap(&small(2)),
    );
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(
        synth::history(&a, 500, 730, until, 1).events,
        synth::history(&b, 500, 730, until, 1).events
    );
    assert!(mlops_path::domain::validate::validate(&a).is_empty());
    assert_eq!(a.sections.len(), 7);
    let requiring = a.sections.iter().flat_map(|s| &s.steps);
    let share = requiring.filter(|s| !s.requires.is_empty()).count();
    // Half of 299 steps that could require one, give or take chance.
    assert!((100..200).contains(&share), "{share}");
    // Two years, in time order, ending by `until`.
    let events = synth::history(&a, 500, 730, until, 1).events;
    assert!(events.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(events.last().unwrap().at <= until);
    assert!(events[0].at < until - chrono::Duration::days(700));
}

#[test]
fn the_generator_refuses_bad_input_and_an_existing_state() {
    assert_eq!(synth::parse_share("0.25"), Ok(0.25));
    for bad in ["-0.1", "1.5", "half", "NaN"] {
        assert_eq!(
            synth::parse_share(bad),
            Err(format!("expected a number from 0 to 1, got {bad:?}"))
        );
    }
    let (env, _) = generated();
    assert!(synth::check_out_dir(&env.root().join("elsewhere")).is_ok());
    let refused = synth::check_out_dir(env.root()).unwrap_err();
    assert!(
        refused.ends_with("state.json already exists; generate into an empty directory"),
        "{refused}"
    );
}
