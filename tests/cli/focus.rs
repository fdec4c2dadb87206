//! One section at a time: `skip --section`, `next --section` and `list --section`.

use serde_json::json;

use crate::common::TestEnv;

/// Each step of one section of `list --json`, as (id, status).
fn statuses(env: &TestEnv, section: &str) -> Vec<(String, String)> {
    let list = env
        .run(&["list", "--section", section, "--json"])
        .success()
        .json();
    let sections = list["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 1);
    assert_eq!(sections[0]["id"], section);
    sections[0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| {
            let text = |key: &str| step[key].as_str().unwrap().to_owned();
            (text("id"), text("status"))
        })
        .collect()
}

#[test]
fn skip_section_skips_every_unsettled_step_and_only_those() {
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"], &["start", "mlops-teams"]]);
    let run = env
        .run(&[
            "skip",
            "--section",
            "foundations",
            "-m",
            "ran CI/CD for a data team",
        ])
        .success()
        .stdout_empty()
        .stderr_has("Skipped: mlops-vs-devops  How MLOps differs from DevOps\n")
        .stderr_has("Skipped: mlops-teams  The teams in MLOps and who does what\n")
        .stderr_has("6/114 steps settled (5%)\nNext: devops-for-ml-different");
    assert!(
        !run.stderr.contains("Skipped: what-is-mlops"),
        "{}",
        run.stderr
    );
    let statuses = statuses(&env, "foundations");
    assert_eq!(statuses[0], ("what-is-mlops".into(), "done".into()));
    assert!(
        statuses[1..].iter().all(|(_, status)| status == "skipped"),
        "{statuses:?}"
    );
    let skips: Vec<serde_json::Value> = env
        .events()
        .into_iter()
        .filter(|event| event["kind"] == "skip")
        .collect();
    assert_eq!(skips.len(), 5);
    assert!(
        skips
            .iter()
            .all(|e| e["note"] == "ran CI/CD for a data team")
    );
    // The other sections are untouched.
    assert!(statuses_all_pending(&env, "devops-role"));

    // Again: nothing is left to skip, and nothing is written.
    let before = env.state_bytes();
    env.run(&["skip", "--section", "found"])
        .success()
        .stderr_has(
            "Every step of foundations (What MLOps is) is already done or skipped; nothing recorded.\n",
        );
    assert_eq!(env.state_bytes(), before);
}

fn statuses_all_pending(env: &TestEnv, section: &str) -> bool {
    statuses(env, section)
        .iter()
        .all(|(_, status)| status == "pending")
}

#[test]
fn an_unknown_section_is_a_usage_error_that_records_nothing() {
    let env = TestEnv::new();
    let mut refusals = Vec::new();
    for command in ["skip", "next", "list"] {
        refusals.push(env.outcome(&[command, "--section", "devops-rol3"]));
        refusals.push(env.outcome(&[command, "--section", "xyzzy"]));
    }
    // "c" begins two sections: it names both.
    refusals.push(env.outcome(&["skip", "--section", "c"]));
    insta::assert_snapshot!(refusals.join("\n"));
    assert!(
        !env.data_dir().exists(),
        "an unknown section wrote something"
    );

    env.record(&[&["done", "what-is-mlops"]]);
    let before = env.state_bytes();
    env.run(&["skip", "--section", "nope", "-m", "x"]).code(2);
    assert_eq!(env.state_bytes(), before);
}

#[test]
fn skip_takes_a_step_or_a_section_not_both() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.outcomes(&[
        &["skip"],
        &["skip", "what-is-mlops", "--section", "foundations"],
    ]));
    assert!(!env.data_dir().exists());
}

#[test]
fn next_section_offers_that_sections_steps_or_says_what_it_waits_for() {
    let env = TestEnv::new();
    let run = env
        .run(&["next", "--section", "devops-role"])
        .success()
        .stderr_empty();
    assert_eq!(
        run.stdout,
        "Nothing in Role of DevOps in MLOps (devops-role) is ready yet; it waits for:\n\n  \
         mlops-vs-devops  How MLOps differs from DevOps\n    What MLOps is\n"
    );
    assert_eq!(
        env.run(&["next", "--section", "devops-role", "--json"])
            .success()
            .json(),
        json!({"steps": [], "section": "devops-role", "waiting_for": ["mlops-vs-devops"]})
    );

    env.record(&[&["done", "what-is-mlops"], &["done", "mlops-vs-devops"]]);
    let json = env
        .run(&["next", "--section", "devops", "--json"])
        .success()
        .json();
    let ids: Vec<&str> = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "devops-for-ml-different",
            "devops-for-ml-data",
            "mlops-and-devops-data"
        ]
    );
    assert_eq!(json["waiting_for"], json!([]));
    env.run(&["next", "--section", "devops-role", "-n", "1"])
        .success()
        .stdout_has(
            "\n  devops-for-ml-different  Why is DevOps for Machine Learning so Different?\n",
        )
        .stdout_has("Finished it? mlops-path done devops-for-ml-different\n");

    env.record(&[&["skip", "--section", "devops-role"]]);
    env.run(&["next", "--section", "devops-role"])
        .success()
        .stdout_has("Everything in Role of DevOps in MLOps (devops-role) is settled.");
}

#[test]
fn list_section_shows_only_that_section() {
    let env = TestEnv::new();
    env.record(&[&["done", "kubeflow"]]);
    let run = env.run(&["list", "--section", "orchestration"]).success();
    assert!(
        run.stdout
            .starts_with("ML pipelines and orchestration\n  [x] kubeflow "),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 7, "{}", run.stdout);
    assert!(!run.stdout.contains("what-is-mlops"));
}
