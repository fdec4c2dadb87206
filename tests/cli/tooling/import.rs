//! `import`: two machines keep one history by copying an export (or `state.json`) across
//! and importing it, both ways.

use crate::common::{Run, TestEnv};

fn laptop() -> TestEnv {
    let env = TestEnv::new();
    env.record(&[
        &["done", "what-is-mlops", "--at", "2026-03-01T20:00:00+01:00"],
        &[
            "start",
            "kubeflow",
            "--at",
            "2026-03-03T20:00:00+01:00",
            "-m",
            "on the train",
        ],
        &[
            "note",
            "kubeflow",
            "try kind",
            "--at",
            "2026-03-05T20:00:00+01:00",
        ],
    ]);
    env
}

/// The desktop recorded the same `done` at the same second as the laptop: recorded apart,
/// they are two events, and both are kept.
fn desktop() -> TestEnv {
    let env = TestEnv::new();
    env.record(&[
        &["done", "what-is-mlops", "--at", "2026-03-01T20:00:00+01:00"],
        &["skip", "how-ml-works", "--at", "2026-03-02T09:00:00+01:00"],
        &["start", "mlflow", "--at", "2026-03-04T09:00:00+01:00"],
    ]);
    env
}

fn summary(env: &TestEnv) -> Vec<String> {
    env.events()
        .iter()
        .map(|e| format!("{} {} {}", e["at"].as_str().unwrap(), e["kind"], e["step"]))
        .collect()
}

#[test]
fn two_machines_end_with_one_history_both_ways() {
    let laptop = laptop();
    let desktop = desktop();
    let export = laptop.root().join("laptop.json");
    laptop
        .run(&["export", "-o", export.to_str().unwrap()])
        .success();

    let run = desktop
        .run(&["import", export.to_str().unwrap()])
        .success()
        .stdout_empty();
    assert_eq!(
        run.stderr,
        format!(
            "Imported 3 new events (no undos) from {}; 0 were already here.\n2/114 steps settled (1%)\n",
            export.display()
        )
    );
    assert_eq!(
        summary(&desktop),
        [
            r#"2026-03-01T20:00:00+01:00 "done" "what-is-mlops""#,
            r#"2026-03-01T20:00:00+01:00 "done" "what-is-mlops""#,
            r#"2026-03-02T09:00:00+01:00 "skip" "how-ml-works""#,
            r#"2026-03-03T20:00:00+01:00 "start" "kubeflow""#,
            r#"2026-03-04T09:00:00+01:00 "start" "mlflow""#,
            r#"2026-03-05T20:00:00+01:00 "note" "kubeflow""#,
        ]
    );
    assert_eq!(desktop.events()[3]["note"], "on the train");

    // Importing the same file again adds nothing and does not rewrite the state.
    let before = desktop.state_bytes();
    desktop
        .run(&["import", export.to_str().unwrap()])
        .success()
        .stderr_has("Imported 0 new events (no undos) from ")
        .stderr_has("; 3 were already here.");
    assert_eq!(desktop.state_bytes(), before);

    // The other way: the laptop takes the desktop's state.json as it is.
    let copied = laptop.root().join("desktop-state.json");
    std::fs::copy(desktop.state_path(), &copied).unwrap();
    laptop
        .run(&["import", copied.to_str().unwrap()])
        .success()
        .stderr_has("Imported 3 new events (no undos) from ")
        .stderr_has("; 3 were already here.");
    assert_eq!(summary(&laptop), summary(&desktop));
    assert_eq!(laptop.state_bytes(), desktop.state_bytes());
    assert_eq!(
        laptop.run(&["status", "--json"]).success().json(),
        desktop.run(&["status", "--json"]).success().json()
    );
}

#[test]
fn import_reads_standard_input_and_quiet_silences_it() {
    let laptop = laptop();
    let desktop = desktop();
    let export = laptop.run(&["export"]).success().stdout;
    let output = desktop
        .command()
        .args(["-q", "import", "-"])
        .write_stdin(export)
        .output()
        .unwrap();
    Run::from(output).success().stdout_empty().stderr_empty();
    assert_eq!(desktop.events().len(), 6);
}

#[test]
fn import_on_a_fresh_machine_takes_everything() {
    let laptop = laptop();
    let fresh = TestEnv::new();
    let copied = fresh.root().join("state.json");
    std::fs::copy(laptop.state_path(), &copied).unwrap();
    fresh
        .run(&["import", copied.to_str().unwrap()])
        .success()
        .stderr_has("Imported 3 new events (no undos) from ")
        .stderr_has("; 0 were already here.");
    assert_eq!(fresh.state_bytes(), laptop.state_bytes());
}

#[test]
fn bad_input_is_refused_and_nothing_changes() {
    let env = desktop();
    let before = env.state_bytes();
    let csv = env.run(&["export", "--format", "csv"]).success().stdout;
    let cases = [
        "",
        "{\"format\":1,\"events\":[",
        "[]",
        "{\"format\":1}",
        r#"{"format":1,"events":[{"at":"2026-03-01T10:00:00Z","roadmap":"mlops","step":"a","kind":"finish"}]}"#,
        r#"{"format":9,"events":[]}"#,
        &csv,
    ];
    let mut refusals = Vec::new();
    for (index, content) in cases.iter().enumerate() {
        let path = env.root().join(format!("bad-{index}.json"));
        std::fs::write(&path, content).unwrap();
        refusals.push(env.outcome(&["import", path.to_str().unwrap()]));
        assert_eq!(env.state_bytes(), before, "case {index} changed the state");
    }
    let missing = env.root().join("missing.json");
    refusals.push(env.outcome(&["import", missing.to_str().unwrap()]));
    assert_eq!(env.state_bytes(), before);
    insta::assert_snapshot!(refusals.join("\n"));

    let fresh = TestEnv::new();
    let bad = fresh.root().join("bad.json");
    std::fs::write(&bad, "[]").unwrap();
    fresh.run(&["import", bad.to_str().unwrap()]).code(1);
    assert!(
        !fresh.data_dir().exists(),
        "a refused import created the data dir"
    );
}
