//! `lab start|hint|solution|reset|list` and `check` inside a lab directory.

use std::fs;

use super::{LabEnv, Said};
use crate::common::TestEnv;

const ANSWER: &str = r#"[{"id": "right", "title": "The answer is 42", "type": "json", "path": "answer.json",
   "assert": [{"pointer": "/answer", "op": "eq", "value": 42}]}]"#;

#[test]
fn start_writes_the_starter_and_a_marker_and_records_the_start() {
    let lab = LabEnv::new(ANSWER);
    lab.start().success().stderr_has("Wrote 1 starter file(s)");
    assert_eq!(
        fs::read_to_string(lab.lab.join("answer.json")).unwrap(),
        "{\"answer\": 0}\n"
    );
    let marker: serde_json::Value =
        serde_json::from_slice(&fs::read(lab.lab.join(".mlops-path/lab.json")).unwrap()).unwrap();
    assert_eq!(
        marker,
        serde_json::json!({"roadmap": "tiny", "step": "lab-tiny", "lab": "pack"})
    );
    assert_eq!(lab.env.events()[0]["kind"], "start");
    assert!(!lab.lab.join("checks").exists(), "checks stay in the pack");
    assert!(!lab.lab.join("solution").exists());
}

#[test]
fn start_refuses_a_non_empty_directory_and_force_never_overwrites_a_changed_file() {
    let lab = LabEnv::new(ANSWER);
    lab.write("answer.json", "{\"answer\": 41}");
    let refused = lab.start().code(2);
    refused.says_err("is not empty");
    refused.says_err("pass --force");
    assert!(lab.env.state_bytes().is_none(), "nothing recorded");
    assert!(!lab.lab.join(".mlops-path").exists());

    lab.run(&[
        "lab",
        "start",
        "lab-tiny",
        "--force",
        "--dir",
        lab.lab.to_str().unwrap(),
    ])
    .success()
    .stderr_has("kept your answer.json, which differs from the starter");
    assert_eq!(
        fs::read_to_string(lab.lab.join("answer.json")).unwrap(),
        "{\"answer\": 41}"
    );
}

#[test]
fn check_inside_a_lab_directory_needs_no_step_and_outside_one_says_how() {
    let lab = LabEnv::new(ANSWER);
    lab.start().success();
    let inside = lab
        .env
        .command()
        .current_dir(&lab.lab)
        .args(["--roadmap", lab.roadmap.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    assert_eq!(inside.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&inside.stdout).contains("fail   The answer is 42"));

    let outside = lab.run(&["check"]).code(2);
    outside.says_err("is not a lab directory (it has no .mlops-path/lab.json)");
    outside.says_err("mlops-path check STEP --dir DIR");
}

#[test]
fn a_marker_of_another_roadmap_is_named() {
    let lab = LabEnv::new(ANSWER);
    lab.start().success();
    let env = &lab.env;
    let run = env
        .run(&["check", "--dir", lab.lab.to_str().unwrap()])
        .code(2);
    run.says_err("this lab belongs to the roadmap \"tiny\"");
}

#[test]
fn a_lab_step_without_a_pack_can_only_be_self_reported() {
    let env = TestEnv::new();
    let roadmap = env.root().join("r.json");
    fs::write(
        &roadmap,
        r#"{"id": "r", "title": "R", "sections": [{"id": "s", "title": "S", "steps": [
          {"id": "lab-free", "title": "Free lab", "kind": "lab", "minutes": 5, "summary": ""}]}]}"#,
    )
    .unwrap();
    let run = env
        .run(&["--roadmap", roadmap.to_str().unwrap(), "check", "lab-free"])
        .code(2);
    run.says_err("lab-free has no lab pack to check it");
    run.says_err("self-reported");
    env.run(&["--roadmap", roadmap.to_str().unwrap(), "done", "lab-free"])
        .success();
}

#[test]
fn hints_come_one_at_a_time_and_are_recorded() {
    let lab = LabEnv::new(ANSWER);
    lab.start().success();
    let dir = lab.lab.to_str().unwrap();
    lab.run(&["lab", "hint", "--dir", dir])
        .success()
        .stdout_has("First hint.")
        .stderr_has("Hint 1 of 2");
    lab.run(&["lab", "hint", "--dir", dir])
        .success()
        .stdout_has("Second hint.");
    let before = lab.env.state_bytes();
    lab.run(&["lab", "hint", "--dir", dir])
        .success()
        .stdout_has("Second hint.")
        .stderr_has("All 2 hints shown");
    assert_eq!(
        lab.env.state_bytes(),
        before,
        "no new hint, nothing recorded"
    );
    let notes: Vec<_> = lab
        .env
        .events()
        .iter()
        .filter(|e| e["kind"] == "note")
        .map(|e| e["note"].clone())
        .collect();
    assert_eq!(notes, ["lab hint 1 of 2 shown", "lab hint 2 of 2 shown"]);
}

#[test]
fn the_solution_waits_for_a_pass_unless_revealed_which_is_recorded() {
    let lab = LabEnv::new(ANSWER);
    lab.start().success();
    let dir = lab.lab.to_str().unwrap();
    let refused = lab.run(&["lab", "solution", "--dir", dir]).code(2);
    refused
        .says_err("has not passed its checks yet")
        .says_err("--reveal");
    assert!(refused.stdout.is_empty());
    lab.run(&["lab", "solution", "--reveal", "--dir", dir])
        .success()
        .stdout_has("==> answer.json <==\n{\"answer\": 42}");
    assert_eq!(
        lab.env.events().last().unwrap()["note"],
        "lab solution revealed before a pass"
    );
    lab.write("answer.json", "{\"answer\": 42}");
    lab.check(&[]).success();
    let count = lab.env.events().len();
    lab.run(&["lab", "solution", "--dir", dir])
        .success()
        .stdout_has("{\"answer\": 42}");
    assert_eq!(
        lab.env.events().len(),
        count,
        "after a pass nothing is recorded"
    );
}

#[test]
fn reset_moves_changed_files_aside_and_restores_the_starter() {
    let lab = LabEnv::new(ANSWER);
    lab.start().success();
    lab.write("answer.json", "{\"answer\": 7}");
    let run = lab
        .run(&["lab", "reset", "--dir", lab.lab.to_str().unwrap()])
        .success();
    run.says_err("Moved 1 changed file(s) aside");
    assert_eq!(
        fs::read_to_string(lab.lab.join("answer.json")).unwrap(),
        "{\"answer\": 0}\n"
    );
    let aside = lab
        .lab
        .join(".mlops-path/reset-20260310T090000/answer.json");
    assert_eq!(fs::read_to_string(aside).unwrap(), "{\"answer\": 7}");
}

#[test]
fn lab_list_shows_the_beginner_labs_with_level_tier_and_needs() {
    let env = TestEnv::new();
    let roadmap = super::beginner_labs_roadmap(&env);
    let roadmap = roadmap.to_str().unwrap();
    let listed = env
        .run(&["--roadmap", roadmap, "lab", "list", "--json"])
        .success()
        .json();
    let steps: Vec<&str> = listed["labs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "lab-baseline-model",
            "lab-data-contract",
            "lab-mlflow-tracking",
            "lab-fastapi-serve"
        ]
    );
    for lab in listed["labs"].as_array().unwrap() {
        assert_eq!(lab["level"], "beginner");
        assert_eq!(lab["tier"], "python");
        assert_eq!(lab["status"], "pending");
        assert_eq!(lab["verified"], false);
        assert!(!lab["needs"].as_array().unwrap().is_empty());
    }
    env.run(&["--roadmap", roadmap, "lab", "list"])
        .success()
        .stdout_has("lab-data-contract    beginner  python  pending  lab-data-contract\n");
}

#[test]
fn lab_fields_are_validated_in_roadmap_files() {
    let env = TestEnv::new();
    let roadmap = env.root().join("r.json");
    fs::write(
        &roadmap,
        r#"{"id": "r", "title": "R", "sections": [{"id": "s", "title": "S", "steps": [
          {"id": "a", "title": "A", "kind": "concept", "minutes": 5, "summary": "", "lab": "x"},
          {"id": "b", "title": "B", "kind": "lab", "minutes": 5, "summary": "", "lab": "../x"}]}]}"#,
    )
    .unwrap();
    let run = env
        .run(&["roadmap", "validate", roadmap.to_str().unwrap()])
        .code(1);
    run.says_err("only steps of kind \"lab\" may have one");
    run.says_err("must be a relative path inside the roadmap's directory");
}
