//! `doctor`: the checks, their exit codes, `--json`, and `--restore-backup`.

use std::os::unix::fs::{PermissionsExt, symlink};

use crate::common::TestEnv;

fn with_two_changes() -> TestEnv {
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"], &["start", "kubeflow"]]);
    env
}

/// Stdout of `doctor` with the paths redacted, after checking the exit code.
fn doctor(env: &TestEnv, args: &[&str], code: i32) -> String {
    let mut all = vec!["doctor"];
    all.extend(args);
    let run = env.run(&all).code(code);
    env.redact(&run.stdout)
}

#[test]
fn doctor_on_a_fresh_machine_is_healthy_and_creates_nothing() {
    let env = TestEnv::new();
    assert_eq!(
        doctor(&env, &[], 0),
        "ok      data directory  [DATA] does not exist yet; the first change creates it\n\
         Healthy: nothing to do.\n"
    );
    assert!(!env.data_dir().exists());
}

#[test]
fn doctor_on_a_healthy_directory() {
    let env = with_two_changes();
    let before = env.snapshot_files();
    insta::assert_snapshot!(doctor(&env, &[], 0));
    insta::assert_snapshot!(doctor(&env, &["--json"], 0));
    assert_eq!(env.snapshot_files(), before, "doctor changed something");
}

#[test]
fn doctor_reports_problems_and_warnings_with_what_to_do() {
    let env = with_two_changes();
    std::fs::set_permissions(env.data_dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(env.data_dir().join("state.json.bak"), "{").unwrap();
    std::fs::write(
        env.data_dir().join(".state.json.Ab12Cd.tmp"),
        "half a write",
    )
    .unwrap();
    env.write_state(
        br#"{"format": 1, "events": [
        {"at": "2026-03-01T10:00:00+01:00", "roadmap": "mlops", "step": "old-step", "kind": "done"},
        {"at": "2026-03-01T10:00:00+01:00", "roadmap": "mlops", "step": "old-step", "kind": "note", "note": "x"}
        ]}"#,
    );
    let before = env.snapshot_files();
    // Warnings only: still healthy, exit 0.
    insta::assert_snapshot!(doctor(&env, &[], 0));
    assert_eq!(env.snapshot_files(), before);

    env.write_state("{\"format\": 1, \"events\": [}");
    insta::assert_snapshot!("doctor_with_a_problem", env.outcome(&["doctor"]));
    let json = env.run(&["doctor", "--json"]).code(1).json();
    assert_eq!(json["healthy"], false);
    assert_eq!(json["problems"], 1);
    assert_eq!(json["warnings"], 3);
    assert_eq!(json["checks"][1]["subject"], "state.json");
    assert_eq!(json["checks"][1]["level"], "problem");
}

#[test]
fn doctor_names_a_newer_format_and_a_data_directory_that_is_a_file() {
    let env = TestEnv::new();
    env.write_state(r#"{"format": 3, "events": []}"#);
    let newer = env.outcome(&["doctor"]);

    let env = TestEnv::new();
    std::fs::write(env.data_dir(), "x").unwrap();
    insta::assert_snapshot!([newer, env.outcome(&["doctor"])].join("\n"));
}

#[test]
fn restore_backup_moves_the_broken_file_aside_and_restores_the_backup() {
    let env = with_two_changes();
    let backup = std::fs::read(env.data_dir().join("state.json.bak")).unwrap();
    let broken = b"{\"format\": 1, \"events\": [ oops".to_vec();
    env.write_state(&broken);
    let run = env.run(&["doctor", "--restore-backup"]).success();
    assert_eq!(
        env.redact(&run.stderr),
        "Moved the broken state.json aside to [DATA]/state.json.broken-20260310T090000; \
         restored state.json.bak (1 event).\n"
    );
    assert!(
        run.stdout.ends_with("Healthy: nothing to do.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(env.state_bytes().unwrap(), backup);
    let aside = env.data_dir().join("state.json.broken-20260310T090000");
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        broken,
        "the broken file is kept"
    );
    assert_eq!(
        std::fs::metadata(&aside).unwrap().permissions().mode() & 0o777,
        0o600
    );
    env.run(&["status"]).success();

    // The same second again: a new name, never overwriting the first.
    env.write_state(b"garbage");
    let run = env.run(&["doctor", "--restore-backup", "--json"]).success();
    let json = run.json();
    assert_eq!(
        env.redact(json["restored"]["aside"].as_str().unwrap()),
        "[DATA]/state.json.broken-20260310T090000-2"
    );
    assert_eq!(json["restored"]["events"], 1);
    assert_eq!(std::fs::read(&aside).unwrap(), broken);
    assert_eq!(
        std::fs::read(env.data_dir().join("state.json.broken-20260310T090000-2")).unwrap(),
        b"garbage"
    );
}

/// A case `--restore-backup` must refuse: its name, how to set it up, the message.
type Refusal = (&'static str, fn(&TestEnv), &'static str);

#[test]
fn restore_backup_refuses_and_changes_nothing_when_it_cannot_help() {
    let cases: [Refusal; 4] = [
        (
            "healthy",
            |_| {},
            "error: cannot restore the backup: state.json is healthy; `mlops-path undo` takes back the last change\n",
        ),
        (
            "no backup",
            |env| {
                std::fs::remove_file(env.data_dir().join("state.json.bak")).unwrap();
                env.write_state("{");
            },
            "error: cannot restore the backup: there is no state.json.bak\n",
        ),
        (
            "broken backup",
            |env| {
                std::fs::write(env.data_dir().join("state.json.bak"), "[]").unwrap();
                env.write_state("{");
            },
            "error: cannot restore the backup: state.json.bak is not valid: expected a JSON object at the top level, found an array\n",
        ),
        (
            "newer state",
            |env| env.write_state(r#"{"format": 9, "events": []}"#),
            "error: cannot restore the backup: state.json is not broken, it was written by a newer mlops-path: format 9, this version reads format 2 at most\n",
        ),
    ];
    for (name, setup, message) in cases {
        let env = with_two_changes();
        setup(&env);
        let before = env.snapshot_files();
        let run = env
            .run(&["doctor", "--restore-backup"])
            .code(1)
            .stdout_empty();
        assert_eq!(run.stderr, message, "{name}");
        assert_eq!(env.snapshot_files(), before, "{name}: something changed");
    }
}

#[test]
fn restore_backup_through_a_symlinked_state_json_keeps_the_link() {
    let env = TestEnv::new();
    let dotfiles = env.root().join("dotfiles");
    std::fs::create_dir_all(&dotfiles).unwrap();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    symlink(dotfiles.join("mlops.json"), env.state_path()).unwrap();
    env.record(&[&["done", "what-is-mlops"], &["start", "kubeflow"]]);
    std::fs::write(dotfiles.join("mlops.json"), "broken").unwrap();
    env.run(&["doctor", "--restore-backup"]).success();
    assert!(
        std::fs::symlink_metadata(env.state_path())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(env.events().len(), 1);
    assert_eq!(
        std::fs::read(dotfiles.join("mlops.json.broken-20260310T090000")).unwrap(),
        b"broken"
    );
}

#[test]
fn restore_backup_without_a_data_directory_is_refused() {
    let env = TestEnv::new();
    let run = env.run(&["doctor", "--restore-backup"]).code(1);
    assert_eq!(
        env.redact(&run.stderr),
        "error: cannot restore the backup: [DATA] does not exist: nothing to restore\n"
    );
    assert!(!env.data_dir().exists());
}

#[test]
fn doctor_still_runs_when_the_chosen_roadmap_is_broken() {
    let env = with_two_changes();
    let broken = env.root().join("broken.json");
    std::fs::write(&broken, "{\"id\": \"team\"").unwrap();
    let before = env.snapshot_files();
    insta::assert_snapshot!(env.outcome(&["--roadmap", broken.to_str().unwrap(), "doctor"]));
    assert_eq!(env.snapshot_files(), before, "doctor changed something");
}

#[test]
fn doctor_names_a_data_directory_it_cannot_look_at() {
    let env = TestEnv::new();
    let locked = env.root().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let data_dir = locked.join("data");
    std::fs::create_dir(&data_dir).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let outcome = env.outcome_via(
        crate::common::without_root_powers(),
        &["--data-dir", data_dir.to_str().unwrap(), "doctor"],
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
    insta::assert_snapshot!(outcome);
}
