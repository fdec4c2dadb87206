//! State format 2 through the binary: machines that agree, undo that survives a merge,
//! migration from format 1, and records this version does not know.

use crate::common::TestEnv;

fn status_of(env: &TestEnv, step: &str) -> serde_json::Value {
    env.run(&["show", step, "--json"]).success().json()["status"].clone()
}

/// Imports `from`'s state.json into `into`.
fn import(into: &TestEnv, from: &TestEnv) -> String {
    let copy = into.root().join("incoming.json");
    std::fs::copy(from.state_path(), &copy).unwrap();
    into.run(&["import", copy.to_str().unwrap()])
        .success()
        .stderr
}

#[test]
fn laptop_and_desktop_with_clocks_two_hours_apart_end_with_one_history() {
    let mut laptop = TestEnv::new();
    let mut desktop = TestEnv::new();
    laptop.at("2026-03-10T09:00:00+01:00");
    laptop.run(&["done", "kubeflow"]).success();
    laptop.at("2026-03-10T12:00:00+01:00");
    laptop.run(&["reopen", "kubeflow"]).success();
    import(&desktop, &laptop);
    // The desktop's clock is two hours slow: at 12:30 it says 10:30.
    desktop.at("2026-03-10T10:30:00+01:00");
    desktop.run(&["done", "kubeflow"]).success();
    let to_laptop = import(&laptop, &desktop);
    assert!(
        to_laptop.starts_with("Imported 1 new event (no undos) from "),
        "{to_laptop}"
    );
    import(&desktop, &laptop);
    assert_eq!(laptop.state_bytes(), desktop.state_bytes());
    assert_eq!(status_of(&laptop, "kubeflow"), "pending");
    assert_eq!(status_of(&desktop, "kubeflow"), "pending");
    assert_eq!(
        laptop.run(&["status", "--json"]).success().json(),
        desktop.run(&["status", "--json"]).success().json()
    );
    // Further imports add nothing and rewrite nothing.
    let before = laptop.state_bytes();
    let again = import(&laptop, &desktop);
    assert!(again.contains("Imported 0 new events"), "{again}");
    assert_eq!(laptop.state_bytes(), before);
}

#[test]
fn done_then_reopen_at_the_same_instant_leaves_the_step_pending() {
    let env = TestEnv::new();
    env.run(&["done", "kubeflow", "--at", "2026-03-05"])
        .success();
    env.run(&["reopen", "kubeflow", "--at", "2026-03-05"])
        .success();
    assert_eq!(status_of(&env, "kubeflow"), "pending");
    let other = TestEnv::new();
    import(&other, &env);
    assert_eq!(status_of(&other, "kubeflow"), "pending");
}

#[test]
fn an_undone_event_never_comes_back_from_another_machine() {
    let laptop = TestEnv::new();
    let desktop = TestEnv::new();
    laptop.run(&["done", "kubeflow"]).success();
    import(&desktop, &laptop);
    laptop.run(&["undo"]).success();
    // The desktop still has the done; importing it back does not redo it.
    import(&laptop, &desktop);
    assert_eq!(status_of(&laptop, "kubeflow"), "pending");
    // And the undo travels: one new record, an undo.
    let stderr = import(&desktop, &laptop);
    assert!(
        stderr.starts_with("Imported 1 new event (1 an undo) from "),
        "{stderr}"
    );
    assert_eq!(status_of(&desktop, "kubeflow"), "pending");
    assert_eq!(laptop.state_bytes(), desktop.state_bytes());
    // `show` says what was undone and when, on both machines.
    for env in [&laptop, &desktop] {
        let shown = env.run(&["show", "kubeflow", "--json"]).success().json();
        assert_eq!(shown["history"], serde_json::json!([]));
        assert_eq!(
            shown["undone"],
            serde_json::json!([{"at": "2026-03-10T09:00:00+01:00", "kind": "done", "note": null,
                                "undone_at": "2026-03-10T09:00:00+01:00"}])
        );
        env.run(&["show", "kubeflow"])
            .success()
            .stdout_has("\nUndone:\n  2026-03-10 09:00  done    undone 2026-03-10 09:00\n");
    }
}

/// A state file as 0.1.0 wrote it.
const FORMAT_1: &str = r#"{
  "format": 1,
  "events": [
    {"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"start"},
    {"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"note","note":"x"},
    {"at":"2026-03-01T10:00:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"note","note":"x"},
    {"at":"2026-03-02T10:00:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"done","mood":"good"}
  ]
}
"#;

#[test]
fn a_format_1_file_migrates_on_the_first_write_and_not_before() {
    let env = TestEnv::new();
    env.write_state(FORMAT_1);
    for args in [
        &["status"][..],
        &["show", "kubeflow"],
        &["log"],
        &["export"],
        &["doctor"],
        &["undo", "--dry-run"],
        &["done", "kubeflow"],
    ] {
        env.run(args).success();
        assert_eq!(
            env.state_bytes().unwrap(),
            FORMAT_1.as_bytes(),
            "{args:?} changed the file"
        );
    }
    env.run(&["doctor"])
        .success()
        .stdout_has("4 events, format 1 (the next change rewrites it in format 2)");
    env.run(&["note", "mlflow", "first write"]).success();
    assert_eq!(
        std::fs::read(env.data_dir().join("state.json.bak")).unwrap(),
        FORMAT_1.as_bytes()
    );
    let records = env.records();
    assert_eq!(records.len(), 5);
    let seqs: Vec<u64> = records.iter().map(|r| r["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5]);
    assert_ne!(
        records[1]["id"], records[2]["id"],
        "twins get their own ids"
    );
    assert_eq!(records[3]["mood"], "good");
    assert_eq!(status_of(&env, "kubeflow"), "done");
}

#[test]
fn the_same_format_1_file_migrates_identically_in_two_data_directories() {
    let laptop = TestEnv::new();
    let desktop = TestEnv::new();
    laptop.write_state(FORMAT_1);
    desktop.write_state(FORMAT_1);
    laptop.run(&["note", "mlflow", "on the laptop"]).success();
    desktop.run(&["start", "mlflow"]).success();
    let migrated = |env: &TestEnv| env.records()[..4].to_vec();
    assert_eq!(migrated(&laptop), migrated(&desktop));
    // So they share those four after the upgrade: each import brings only the other's one.
    let stderr = import(&laptop, &desktop);
    assert!(
        stderr.contains("1 new event") && stderr.contains("4 were already here"),
        "{stderr}"
    );
    import(&desktop, &laptop);
    assert_eq!(laptop.state_bytes(), desktop.state_bytes());
}

#[test]
fn an_unknown_kind_and_an_unknown_field_survive_a_rewrite_and_doctor_names_them() {
    let env = TestEnv::new();
    let unknown = r#"{"id": "00000000000000aa", "seq": 1, "at": "2026-03-01T10:00:00+01:00", "kind": "lab_passed", "lab": {"score": 1.50}}"#;
    let known = r#"{"id":"00000000000000bb","seq":2,"at":"2026-03-02T10:00:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"done","evidence":"https://example.com/run/1"}"#;
    env.write_state(format!(
        "{{\"format\": 2, \"events\": [\n    {unknown},\n    {known}\n  ]\n}}\n"
    ));
    assert_eq!(status_of(&env, "kubeflow"), "done");
    env.run(&["doctor"])
        .success()
        .stdout_has("event kinds")
        .stdout_has("kinds this version does not know: \"lab_passed\"");
    env.run(&["note", "mlflow", "rewrite"]).success();
    let written = String::from_utf8(env.state_bytes().unwrap()).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines[3], format!("    {unknown},"));
    assert_eq!(lines[4], format!("    {known},"));
}

#[test]
fn doctor_warns_about_events_dated_ahead_of_the_clock() {
    // A machine whose clock ran ahead recorded the events; doctor runs on the right clock.
    let mut env = TestEnv::new();
    env.at("2026-03-10T09:11:00+01:00");
    env.run(&["done", "kubeflow"]).success();
    env.at("2026-03-10T09:00:00+01:00");
    env.run(&["doctor"]).success().stdout_has(
        "1 event dated more than 10 minutes from now, the latest 2026-03-10T09:11:00+01:00",
    );
    let mut near = TestEnv::new();
    near.at("2026-03-10T09:10:00+01:00");
    near.run(&["done", "kubeflow"]).success();
    near.at("2026-03-10T09:00:00+01:00");
    let report = near.run(&["doctor"]).success().stdout;
    assert!(!report.contains("event times"), "{report}");
}

#[test]
fn duplicate_keys_anywhere_are_refused_and_the_file_is_left_byte_identical() {
    let mut refusals = Vec::new();
    for text in [
        "{\"format\": 2,\n \"events\": [],\n \"events\": []}\n",
        "{\"format\": 2, \"events\": [\n{\"id\":\"00000000000000bb\",\"seq\":2,\"at\":\"2026-03-02T10:00:00+01:00\",\"roadmap\":\"mlops\",\"step\":\"a\",\"kind\":\"done\",\"x\":{\"k\":1,\"k\":2}}]}\n",
    ] {
        let env = TestEnv::new();
        env.write_state(text);
        // Readers, writers and undo refuse it alike.
        let writer = env.run(&["done", "kubeflow"]);
        for args in [&["status"][..], &["undo"]] {
            assert_eq!(env.run(args).stderr, writer.stderr, "{args:?}");
        }
        refusals.push(env.describe(&[], &["done", "kubeflow"], &writer));
        refusals.push(env.outcome(&["doctor"]));
        assert_eq!(env.state_bytes().unwrap(), text.as_bytes());
        assert!(!env.data_dir().join("state.json.bak").exists());
    }
    insta::assert_snapshot!(refusals.join("\n"));
}

#[test]
fn a_write_past_the_write_limit_is_refused_and_the_file_is_left_byte_identical() {
    let env = TestEnv::new();
    // One event whose note brings the file just under the 12 MiB written at most.
    let note = "n".repeat(12 * 1024 * 1024 - 300);
    let text = format!(
        "{{\n  \"format\": 2,\n  \"events\": [\n    {{\"id\":\"00000000000000bb\",\"seq\":1,\"at\":\"2026-03-02T10:00:00+01:00\",\"roadmap\":\"mlops\",\"step\":\"kubeflow\",\"kind\":\"note\",\"note\":\"{note}\"}}\n  ]\n}}\n"
    );
    env.write_state(&text);
    insta::assert_snapshot!(env.outcome(&["note", "kubeflow", &"more ".repeat(60)]));
    assert_eq!(env.state_bytes().unwrap(), text.as_bytes());
    assert!(!env.data_dir().join("state.json.bak").exists());
    // A small change still fits.
    env.run(&["done", "mlflow"]).success();
}

#[test]
fn awkward_values_in_unknown_kinds_and_fields_keep_their_bytes_through_rewrites_and_imports() {
    // Numbers serde would round or refuse, objects whose keys are not in sorted order,
    // escapes it would write otherwise, and spaces inside a value.
    let awkward = r#"{"z": [1.00000000000000001, 1e400, -0.0, 2E3], "a": {"\u00e9": "caf\u00e9 \/ \ud83d\ude00", "b": null}}"#;
    let unknown = format!(
        r#"{{"id":"00000000000000aa","seq":1,"at":"2026-03-01T10:00:00+01:00","kind":"lab_passed","score":1.00000000000000001,"detail":{awkward}}}"#
    );
    let known = format!(
        r#"{{"id":"00000000000000bb","seq":2,"at":"2026-03-02T10:00:00+01:00","roadmap":"mlops","step":"kubeflow","kind":"done","mood":{awkward},"zz":1e400}}"#
    );
    let env = TestEnv::new();
    env.write_state(format!(
        "{{\"format\": 2, \"events\": [\n{unknown},\n{known}\n], \"sync\": {awkward}}}\n"
    ));
    assert_eq!(status_of(&env, "kubeflow"), "done");
    env.run(&["doctor"])
        .success()
        .stdout_has("kinds this version does not know: \"lab_passed\"")
        .stdout_has(
            "fields this version does not know: \"mood\", \"zz\"; at the top level \"sync\"",
        );
    env.run(&["done", "mlflow"]).success();
    let written = String::from_utf8(env.state_bytes().unwrap()).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines[3], format!("    {unknown},"), "{written}");
    assert_eq!(lines[4], format!("    {known},"), "{written}");
    assert_eq!(lines[7], format!("  \"sync\": {awkward}"), "{written}");
    // Another machine imports them, and writes them back the same.
    let other = TestEnv::new();
    other.run(&["done", "what-is-mlops"]).success();
    import(&other, &env);
    let imported = String::from_utf8(other.state_bytes().unwrap()).unwrap();
    assert!(
        imported.contains(&format!("\n    {unknown},\n")),
        "{imported}"
    );
    assert!(
        imported.contains(&format!("\n    {known},\n")),
        "{imported}"
    );
    import(&env, &other);
    // The same records, written the same; the top-level `sync` stays where it was.
    let events = |env: &TestEnv| {
        let text = String::from_utf8(env.state_bytes().unwrap()).unwrap();
        text[..text.find("\n  ]").unwrap()].to_owned()
    };
    assert_eq!(events(&env), events(&other));
    // Undone, the event keeps them too; the retraction names it.
    env.run(&["undo"]).success();
    env.run(&["undo"]).success();
    env.run(&["undo"]).success();
    assert_eq!(status_of(&env, "kubeflow"), "pending");
    let after = String::from_utf8(env.state_bytes().unwrap()).unwrap();
    assert!(after.contains(&format!("\n    {known},\n")), "{after}");
}
