//! `export`: JSON for tools and backups, CSV for spreadsheets, a Markdown checklist to share.

use std::os::unix::fs::PermissionsExt;

use crate::common::TestEnv;

/// Done, started, skipped and noted steps, with a note that tries to be Markdown.
fn with_history() -> TestEnv {
    let env = TestEnv::new();
    env.record(&[
        &[
            "done",
            "what-is-mlops",
            "--at",
            "2026-03-08",
            "-m",
            "read the *intro*\n- twice",
        ],
        &[
            "start",
            "mlops-vs-devops",
            "--at",
            "2026-03-09T19:30:00+01:00",
        ],
        &[
            "skip",
            "how-ml-works",
            "--at",
            "2026-03-09T20:00:00+01:00",
            "-m",
            "did a course",
        ],
        &["note", "mlops-vs-devops", "see [the guide](x) <b>"],
    ]);
    env
}

#[test]
fn markdown_is_a_checklist_with_dates_and_escaped_notes() {
    let env = with_history();
    let run = env
        .run(&["export", "--format", "md"])
        .success()
        .stderr_empty();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn csv_has_one_row_per_step() {
    let env = with_history();
    let run = env
        .run(&["export", "--format", "csv"])
        .success()
        .stderr_empty();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn csv_quotes_commas_quotes_and_line_breaks() {
    let env = TestEnv::new();
    let mut roadmap: serde_json::Value =
        serde_json::from_str(include_str!("../../../roadmap/mlops.json")).unwrap();
    let tricky = "Data, \"quoted\"\nand a second line";
    roadmap["sections"][0]["title"] = tricky.into();
    roadmap["id"] = "tricky".into();
    let path = env.root().join("roadmap.json");
    std::fs::write(&path, roadmap.to_string()).unwrap();
    let run = env
        .run(&[
            "--roadmap",
            path.to_str().unwrap(),
            "export",
            "--format",
            "csv",
        ])
        .success();
    assert!(
        run.stdout
            .contains("\"Data, \"\"quoted\"\"\nand a second line\",what-is-mlops,"),
        "{}",
        run.stdout
    );
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 114);
    assert_eq!(&rows[0][0], tricky);
    assert_eq!(rows.iter().filter(|r| r.len() != 9).count(), 0);
}

#[test]
fn json_is_the_full_state_plus_the_derived_status() {
    let env = with_history();
    let export = env.run(&["export"]).success().stderr_empty().json();
    assert_eq!(export["format"], 2);
    assert_eq!(export["exported_at"], "2026-03-10T09:00:00+01:00");
    assert_eq!(export["events"], env.state()["events"]);
    assert_eq!(
        export["status"],
        env.run(&["status", "--json"]).success().json()
    );
    assert_eq!(export["steps"].as_array().unwrap().len(), 114);
    assert_eq!(
        export["steps"][0],
        serde_json::json!({"section": "foundations", "id": "what-is-mlops",
            "title": "What MLOps is", "status": "done", "first_started": null,
            "done_at": "2026-03-08T12:00:00+01:00", "verified": false, "notes": 1,
            "spent_minutes": 0})
    );
    assert_eq!(
        export["steps"][1]["first_started"],
        "2026-03-09T19:30:00+01:00"
    );
    assert_eq!(export["steps"][1]["notes"], 1);
}

#[test]
fn export_on_a_fresh_machine_creates_nothing() {
    let env = TestEnv::new();
    let export = env.run(&["export"]).success().json();
    assert_eq!(export["events"], serde_json::json!([]));
    assert_eq!(export["status"]["pending"], 114);
    assert!(!env.data_dir().exists());
}

#[test]
fn output_file_is_written_whole_and_replaces_an_old_one() {
    let env = with_history();
    let path = env.root().join("out").join("progress.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "an old export that is longer than nothing").unwrap();
    let run = env
        .run(&["export", "--format", "md", "-o", path.to_str().unwrap()])
        .success()
        .stdout_empty();
    assert_eq!(
        run.stderr,
        format!("Exported 114 steps and 4 events to {}.\n", path.display())
    );
    let stdout = env.run(&["export", "--format", "md"]).success().stdout;
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the export holds private notes");
    let files: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["progress.md"], "a temporary file was left behind");
    env.run(&["-q", "export", "-o", path.to_str().unwrap()])
        .success()
        .stderr_empty();
    let dash = env.run(&["export", "-o", "-"]).success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), dash.stdout);
}

#[test]
fn output_errors_change_nothing() {
    let env = with_history();
    let before = env.state_bytes();
    let missing = env.root().join("no-such-dir").join("progress.json");
    let mut refusals = vec![env.outcome(&["export", "-o", missing.to_str().unwrap()])];
    assert!(!env.root().join("no-such-dir").exists());

    let state = env.state_path();
    refusals.push(env.outcome(&["export", "--format", "md", "-o", state.to_str().unwrap()]));
    assert_eq!(env.state_bytes(), before);

    refusals.push(env.outcome(&["export", "--format", "yaml"]));
    insta::assert_snapshot!(refusals.join("\n"));
}
