//! Findings of an adversarial test: untrusted text never reaches the terminal raw, output
//! that cannot be written never panics, and the refusals leave the state byte-identical.

use std::fmt::Write as _;
use std::fs;

use crate::common::TestEnv;
use crate::roadmap::{arg, small_roadmap, write};

/// ESC-based colour, OSC 52 clipboard write, BEL, carriage return, a C1 control, a bidi
/// override and a zero-width space: everything a title or note could use on a terminal.
const HOSTILE: &str = "a\u{1b}[31mred\u{1b}]52;c;ZXZpbA==\u{7}\rb\u{9b}c\u{202e}d\u{200b}e";
const SHOWN: &str = "a\\u{1b}[31mred\\u{1b}]52;c;ZXZpbA==\\u{7}\\u{d}b\\u{9b}c\\u{202e}d\\u{200b}e";

#[track_caller]
fn assert_no_raw_controls(text: &str) {
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}')
        })
        .collect();
    assert!(raw.is_empty(), "raw {raw:?} in:\n{text}");
}

#[test]
fn notes_show_controls_as_escapes_keep_newlines_and_json_keeps_them_exact() {
    let env = TestEnv::new();
    let note = format!("{HOSTILE}\nsecond line");
    env.run(&["note", "kubeflow", &note])
        .success()
        .stderr_has("Noted on kubeflow.");
    for args in [&["show", "kubeflow"][..], &["log", "--days", "30"]] {
        let run = env.run(args).success();
        // The continuation line sits indented under the note's first line.
        let first = run.stdout.lines().position(|line| line.ends_with(SHOWN));
        let next = first.and_then(|at| run.stdout.lines().nth(at + 1));
        assert!(
            next.is_some_and(|line| line.trim_start() == "second line"),
            "{args:?}:\n{}",
            run.stdout
        );
        assert_no_raw_controls(&run.stdout);
    }
    // Markdown indents a note's second line and escapes its brackets; no raw control stays.
    for args in [
        &["log", "--format", "md"][..],
        &["export", "--format", "md"],
    ] {
        let run = env.run(args).success();
        assert!(run.stdout.contains("a\\u{1b}"), "{args:?}:\n{}", run.stdout);
        assert_no_raw_controls(&run.stdout);
    }
    let json = env.run(&["show", "kubeflow", "--json"]).success().json();
    assert_eq!(json["history"][0]["note"], note.as_str());
}

#[test]
fn summaries_and_unknown_ids_from_files_are_escaped() {
    let env = TestEnv::new();
    let json_summary = serde_json::to_string(HOSTILE).unwrap();
    let extra = format!(
        r#",
        {{"id": "evil", "title": "Evil", "kind": "lab", "minutes": 5, "summary": {json_summary}}}"#
    );
    let file = write(&env, "team.json", &small_roadmap("team", "Team", &extra));
    let run = env
        .run(&["--roadmap", arg(&file), "show", "evil"])
        .success();
    assert!(run.stdout.contains(SHOWN), "{}", run.stdout);
    assert_no_raw_controls(&run.stdout);
    let json = env
        .run(&["--roadmap", arg(&file), "show", "evil", "--json"])
        .success()
        .json();
    assert_eq!(json["summary"], HOSTILE);
}

#[test]
fn unknown_ids_from_an_imported_history_are_escaped_in_status_and_doctor() {
    let env = TestEnv::new();
    let history = serde_json::json!({
        "format": 1,
        "events": [{"at": "2026-03-01T10:00:00+01:00", "roadmap": "mlops", "step": HOSTILE, "kind": "done"}]
    });
    let file = write(&env, "history.json", &history.to_string());
    env.run(&["import", arg(&file)]).success();
    for args in [&["status"][..], &["doctor"], &["log", "--days", "30"]] {
        let run = env.run(args);
        assert!(run.stdout.contains(SHOWN), "{args:?}:\n{}", run.stdout);
        assert_no_raw_controls(&run.stdout);
    }
}

#[test]
fn validate_reports_invisible_characters_in_titles_and_urls() {
    let env = TestEnv::new();
    // JSON escapes: a raw control character is not even valid JSON.
    let text = small_roadmap("team", "Team\\u001b[2J", "")
        .replace(
            "https://example.com/intro",
            "https://example.com/\\u202eintro",
        )
        .replace("\"Basics\"", "\"Ba\\u200bsics\"");
    let file = write(&env, "team.json", &text);
    let args = ["roadmap", "validate", arg(&file)];
    let run = env.run(&args);
    assert_no_raw_controls(&run.stderr);
    insta::assert_snapshot!(env.describe(&[], &args, &run));
    assert!(!env.data_dir().exists(), "validate writes nothing");
}

#[test]
fn roadmap_import_drops_invisible_characters_from_titles_and_summaries() {
    let env = TestEnv::new();
    // Without the carriage return, which Markdown reads as the end of the line.
    let hostile = HOSTILE.replace('\r', "");
    let markdown = format!(
        "# List{hostile}\n\n## Tools\u{202e}\n\n- [Kube\u{1b}7flow\u{200b}](https://kubeflow.org) - Pipelines\u{7} on K8s.\n"
    );
    let file = write(&env, "list.md", &markdown);
    let out = env.root().join("list.json");
    env.run(&["roadmap", "import", arg(&file), "-o", arg(&out)])
        .success();
    let imported: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(imported["title"], "Lista[31mred]52;c;ZXZpbA==bcde");
    assert_eq!(imported["sections"][0]["title"], "Tools");
    let step = &imported["sections"][0]["steps"][0];
    assert_eq!(step["title"], "Kube7flow");
    assert_eq!(step["summary"], "Pipelines on K8s.");
    assert_eq!(step["id"], "kube7flow");
    env.run(&["roadmap", "validate", arg(&out)]).success();
}

#[test]
fn a_change_whose_messages_cannot_be_written_exits_0_once_recorded() {
    let env = TestEnv::new();
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = env
        .command_std()
        .args(["done", "kubeflow"])
        .stdout(std::process::Stdio::null())
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(env.events().len(), 1);
    // An error that cannot be told still gives its exit code, without a panic.
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = env
        .command_std()
        .args(["done", "no-such-step"])
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(env.events().len(), 1);
}

#[test]
fn export_writes_into_a_fifo_and_a_device_and_never_replaces_them() {
    use std::os::unix::fs::FileTypeExt;
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"]]);
    let fifo = env.root().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    env.run(&["export", "--format", "csv", "-o", arg(&fifo)])
        .success()
        .stderr_has("Exported 114 steps and 1 events to ");
    let received = reader.join().unwrap();
    assert!(received.starts_with("section,"), "{received}");
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());

    env.run(&["export", "-o", "/dev/null"]).success();
    let null = fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device());
}

#[test]
fn export_refuses_every_spelling_of_a_path_in_the_data_directory() {
    let env = TestEnv::new();
    // Before the data directory exists: nothing is created.
    let state = env.state_path();
    insta::assert_snapshot!(
        "export_into_a_data_directory_not_yet_made",
        env.outcome(&["export", "-o", arg(&state)])
    );
    assert!(!env.data_dir().exists());

    env.record(&[&["done", "what-is-mlops"], &["done", "kubeflow"]]);
    let before = env.snapshot_files();
    let data = env.data_dir();
    let link = env.root().join("link-to-data");
    std::os::unix::fs::symlink(data, &link).unwrap();
    let hard = env.root().join("hard-link");
    fs::hard_link(data.join("state.json.bak"), &hard).unwrap();
    let dotted = data.join("..").join("data").join("state.lock");
    let candidates = [
        data.join("state.json"),
        data.join("state.json.bak"),
        data.join("state.lock"),
        data.join("new-file.csv"),
        dotted,
        link.join("state.json"),
        hard,
    ];
    let mut outcomes = Vec::new();
    for path in &candidates {
        outcomes.push(env.outcome(&["export", "--format", "csv", "-o", arg(path)]));
        assert_eq!(
            env.snapshot_files(),
            before,
            "{path:?} changed the data directory"
        );
    }
    insta::assert_snapshot!("export_into_the_data_directory", outcomes.join("\n"));
}

#[test]
fn import_of_an_endless_file_is_refused_by_its_size() {
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"]]);
    let before = env.snapshot_files();
    insta::assert_snapshot!(env.outcome(&["import", "/dev/zero"]));
    assert_eq!(env.snapshot_files(), before);
}

#[test]
fn roadmap_import_of_50000_links_with_one_title_gives_each_its_own_id() {
    let env = TestEnv::new();
    let mut markdown = String::from("# Same\n\n## Links\n\n");
    for n in 0..50_000 {
        let _ = writeln!(markdown, "- [日本](https://example.com/{n}) - same title.");
    }
    let file = write(&env, "same.md", &markdown);
    let out = env.root().join("same.json");
    env.run(&["roadmap", "import", arg(&file), "-o", arg(&out)])
        .success()
        .stderr_has("Imported 1 section(s) and 50000 step(s)");
    let imported: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    let steps = imported["sections"][0]["steps"].as_array().unwrap();
    assert_eq!(steps[0]["id"], "step");
    assert_eq!(steps[1]["id"], "step-2");
    assert_eq!(steps[49_999]["id"], "step-50000");
}

fn spreadsheet_roadmap(env: &TestEnv) -> std::path::PathBuf {
    let extra = r#",
        {"id": "formula", "title": "=HYPERLINK(\"https://evil.test\",\"x\")", "kind": "lab", "minutes": 5, "summary": "", "url": "https://x.test/a)<img/src=x/onerror=alert(1)>"},
        {"id": "at-sign", "title": "@SUM(1+1)", "kind": "lab", "minutes": 5, "summary": ""}"#;
    let text = small_roadmap("sheet", "Sheet", extra).replace("\"Basics\"", "\"-2+3\"");
    write(env, "sheet.json", &text)
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_start_with_a_quote() {
    let env = TestEnv::new();
    let file = spreadsheet_roadmap(&env);
    let run = env
        .run(&["--roadmap", arg(&file), "export", "--format", "csv"])
        .success();
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[2][0], "'-2+3");
    assert_eq!(&rows[2][2], "'=HYPERLINK(\"https://evil.test\",\"x\")");
    assert_eq!(&rows[3][2], "'@SUM(1+1)");
    assert_eq!(&rows[0][2], "Intro");
    // JSON keeps the titles exact.
    let json = env
        .run(&["--roadmap", arg(&file), "export"])
        .success()
        .json();
    assert_eq!(json["steps"][3]["title"], "@SUM(1+1)");
}

#[test]
fn markdown_link_targets_cannot_break_out() {
    let env = TestEnv::new();
    let file = spreadsheet_roadmap(&env);
    env.run(&["--roadmap", arg(&file), "done", "formula"])
        .success();
    let target = "(https://x.test/a%29%3Cimg/src=x/onerror=alert%281%29%3E)";
    let export = env
        .run(&["--roadmap", arg(&file), "export", "--format", "md"])
        .success();
    assert!(export.stdout.contains(target), "{}", export.stdout);
    assert!(!export.stdout.contains("<img"), "{}", export.stdout);
    let log = env
        .run(&["--roadmap", arg(&file), "log", "--format", "md"])
        .success();
    assert!(log.stdout.contains(target), "{}", log.stdout);
    assert!(!log.stdout.contains("<img"), "{}", log.stdout);
}

#[test]
fn a_roadmap_file_with_a_built_in_or_installed_id_is_refused() {
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"]]);
    let borrowed = write(&env, "mlops.json", &small_roadmap("mlops", "Mine", ""));
    let before = env.snapshot_files();
    let mut outcomes = Vec::new();
    for args in [&["done", "intro"][..], &["undo"], &["status"]] {
        let mut full = vec!["--roadmap", arg(&borrowed)];
        full.extend_from_slice(args);
        outcomes.push(env.outcome(&full));
        assert_eq!(env.snapshot_files(), before, "{args:?}");
    }

    let team = write(&env, "team.json", &small_roadmap("team", "Team", ""));
    env.run(&["roadmap", "install", arg(&team)]).success();
    env.run(&["--roadmap", "team", "done", "intro"]).success();
    let other = write(&env, "other.json", &small_roadmap("team", "Other team", ""));
    let before = env.snapshot_files();
    outcomes.push(env.outcome(&["--roadmap", arg(&other), "undo"]));
    assert_eq!(env.snapshot_files(), before);
    insta::assert_snapshot!(outcomes.join("\n"));
    // The installed file itself, named by its path, is that roadmap.
    let installed = env.data_dir().join("roadmaps").join("team.json");
    env.run(&["--roadmap", arg(&installed), "status"]).success();
}

#[test]
fn install_refuses_what_is_not_utf8_and_force_replaces_a_broken_installed_file() {
    let env = TestEnv::new();
    let mut bytes = small_roadmap("team", "Team", "").into_bytes();
    let at = bytes.windows(4).position(|w| w == b"Team").unwrap();
    bytes[at + 1] = 0xff;
    let bad = env.root().join("bad.json");
    fs::write(&bad, &bytes).unwrap();
    let validate = env.run(&["roadmap", "validate", arg(&bad)]).code(1);
    let install = env.run(&["roadmap", "install", arg(&bad)]);
    assert_eq!(
        install.stderr.lines().next(),
        validate.stderr.lines().next(),
        "install refuses with validate's first line"
    );
    let mut outcomes = vec![env.describe(&[], &["roadmap", "install", arg(&bad)], &install)];
    assert!(!env.data_dir().join("roadmaps").join("team.json").exists());

    // A broken installed file (as 0.1.0 could leave) is replaced with --force.
    let installed = env.data_dir().join("roadmaps");
    fs::create_dir_all(&installed).unwrap();
    fs::write(installed.join("team.json"), &bytes).unwrap();
    let good = write(&env, "team.json", &small_roadmap("team", "Team", ""));
    outcomes.push(env.outcome(&["roadmap", "install", arg(&good)]));
    insta::assert_snapshot!(outcomes.join("\n"));
    env.run(&["roadmap", "install", "--force", arg(&good)])
        .success()
        .stderr_has("Replaced team (Team, 2 steps)");
    assert_eq!(
        fs::read_to_string(installed.join("team.json")).unwrap(),
        small_roadmap("team", "Team", "")
    );
}

#[test]
fn only_instants_that_can_be_written_and_read_back_are_accepted() {
    let mut env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"]]);
    let before = env.snapshot_files();
    let mut outcomes = Vec::new();
    for now in ["0000-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"] {
        outcomes.push(env.at(now).outcome(&["done", "kubeflow"]));
        assert_eq!(env.snapshot_files(), before, "{now}");
    }
    env.at(crate::common::NOW);
    outcomes.push(env.outcome(&["done", "kubeflow", "--at", "0000-01-01"]));
    assert_eq!(env.snapshot_files(), before);
    insta::assert_snapshot!(outcomes.join("\n"));
    // Everything recorded so far still reads back.
    env.run(&["status"]).success();
}

#[test]
fn a_day_the_time_zone_skipped_is_named_as_such() {
    let mut env = TestEnv::new();
    env.tz("Pacific/Apia");
    insta::assert_snapshot!(env.outcome(&["done", "kubeflow", "--at", "2011-12-30"]));
    assert!(!env.data_dir().exists());
}

#[test]
fn a_time_zone_path_that_is_not_a_zone_file_is_refused_before_reading() {
    let mut env = TestEnv::new();
    let mut outcomes = vec![env.tz("/dev/zero").outcome(&["status"])];
    outcomes.push(env.tz(":/dev/zero").outcome(&["done", "kubeflow"]));
    insta::assert_snapshot!(outcomes.join("\n"));
    assert!(!env.data_dir().exists());
}

#[test]
fn a_lock_file_that_is_not_a_regular_file_is_refused_without_hanging() {
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"]]);
    let lock = env.data_dir().join("state.lock");
    fs::remove_file(&lock).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&lock)
            .status()
            .unwrap()
            .success()
    );
    let before = env.state_bytes();
    let done = env.outcome(&["done", "kubeflow"]);
    assert_eq!(env.state_bytes(), before);
    insta::assert_snapshot!([done, env.outcome(&["doctor"])].join("\n"));
}

#[test]
fn a_data_directory_others_can_write_to_is_refused_for_writes_and_reported() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"]]);
    let dir = env.data_dir();
    let mut outcomes = Vec::new();
    for mode in [0o770, 0o703] {
        fs::set_permissions(dir, fs::Permissions::from_mode(mode)).unwrap();
        let before = env.snapshot_files();
        outcomes.push(env.outcome(&["done", "kubeflow"]));
        let team = write(&env, "team.json", &small_roadmap("team", "Team", ""));
        outcomes.push(env.outcome(&["roadmap", "install", arg(&team)]));
        assert_eq!(env.snapshot_files(), before);
        outcomes.push(env.outcome(&["doctor"]));
        // Reading still works.
        env.run(&["status"]).success();
    }
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).unwrap();
    insta::assert_snapshot!(outcomes.join("\n"));
    env.run(&["done", "kubeflow"]).success();
}

#[test]
fn writers_remove_only_stale_temporary_files_and_doctor_reports_every_one() {
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"]]);
    let fresh = env.data_dir().join(".state.json.Fresh1.tmp");
    fs::write(&fresh, "another writer's file, being written").unwrap();
    env.run(&["done", "kubeflow"]).success();
    assert!(
        fresh.exists(),
        "a fresh temporary file is not provably stale"
    );
    env.age_temp_files();
    env.run(&["done", "mlflow"]).success();
    assert!(!fresh.exists(), "a file untouched for two minutes is stale");

    // Leftovers of a killed install and of a write through a symlinked state.json.
    let team = write(&env, "team.json", &small_roadmap("team", "Team", ""));
    env.run(&["roadmap", "install", arg(&team)]).success();
    let in_roadmaps = env
        .data_dir()
        .join("roadmaps")
        .join(".state.json.Inst01.tmp");
    fs::write(&in_roadmaps, "half an install").unwrap();
    let elsewhere = env.root().join("dotfiles");
    fs::create_dir(&elsewhere).unwrap();
    fs::rename(env.state_path(), elsewhere.join("state.json")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("state.json"), env.state_path()).unwrap();
    let beside_target = elsewhere.join(".state.json.Link01.tmp");
    fs::write(&beside_target, "half a write").unwrap();
    let run = env.run(&["doctor"]).success();
    for path in [&in_roadmaps, &beside_target] {
        assert!(
            run.stdout.contains(&path.display().to_string()),
            "{path:?}:\n{}",
            run.stdout
        );
    }
    assert!(
        run.stdout.contains("2 left by an interrupted write"),
        "{}",
        run.stdout
    );
    // Once stale, the next change removes them too.
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
    for path in [&in_roadmaps, &beside_target] {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(then)
            .unwrap();
    }
    env.run(&["note", "kubeflow", "later"]).success();
    assert!(!in_roadmaps.exists() && !beside_target.exists());
}

#[test]
fn a_root_write_keeps_the_owner_of_the_files_it_replaces() {
    use std::os::unix::fs::MetadataExt;
    if !crate::common::is_root() {
        eprintln!("skipped: only root can write files another user owns");
        return;
    }
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"], &["done", "kubeflow"]]);
    let (uid, gid) = (65534, 65534);
    for entry in fs::read_dir(env.data_dir()).unwrap() {
        std::os::unix::fs::chown(entry.unwrap().path(), Some(uid), Some(gid)).unwrap();
    }
    std::os::unix::fs::chown(env.data_dir(), Some(uid), Some(gid)).unwrap();
    env.run(&["done", "mlflow"]).success();
    for name in ["state.json", "state.json.bak"] {
        let meta = fs::metadata(env.data_dir().join(name)).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (uid, gid), "{name}");
    }
}

#[test]
fn restore_backup_never_takes_an_unreadable_state_for_a_broken_one() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"], &["done", "kubeflow"]]);
    let state = env.state_path();
    let before = env.snapshot_files();
    fs::set_permissions(&state, fs::Permissions::from_mode(0o000)).unwrap();
    let outcome = env.outcome_via(
        crate::common::without_root_powers(),
        &["doctor", "--restore-backup"],
    );
    fs::set_permissions(&state, fs::Permissions::from_mode(0o600)).unwrap();
    insta::assert_snapshot!(outcome);
    assert_eq!(
        env.snapshot_files(),
        before,
        "nothing set aside, nothing restored"
    );
    assert_eq!(env.events().len(), 2);
}

#[test]
fn doctor_keeps_one_line_per_check_for_a_data_directory_with_a_newline_or_esc() {
    let env = TestEnv::new();
    let dir = env.root().join("odd\ndir\u{1b}[2J");
    env.run(&["--data-dir", arg(&dir), "done", "kubeflow"])
        .success();
    let run = env.run(&["--data-dir", arg(&dir), "doctor"]).success();
    assert_no_raw_controls(&run.stdout);
    assert!(
        run.stdout.contains("odd\\u{a}dir\\u{1b}[2J"),
        "{}",
        run.stdout
    );
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("ok ")
                || line.starts_with("warning ")
                || line.starts_with("problem ")
                || line.starts_with("        ")
                || line.starts_with("Healthy"),
            "a line broken by the path: {line:?}"
        );
    }
}

#[test]
fn an_empty_data_directory_variable_is_named_as_such() {
    let env = TestEnv::new();
    insta::assert_snapshot!(
        env.outcome_with(&[("MLOPS_PATH_DATA_DIR", "")], &["done", "kubeflow"])
    );
    assert!(!env.data_dir().exists());
    assert!(
        !env.root().join(".local").exists(),
        "nothing written to the default place"
    );
}

#[test]
fn roadmap_files_and_markdown_lists_are_read_with_a_size_cap() {
    let env = TestEnv::new();
    let big = env.root().join("big.json");
    fs::write(&big, vec![b' '; 8 * 1024 * 1024 + 1]).unwrap();
    let big = big.to_str().unwrap();
    let mut outcomes = env.outcomes(&[
        &["roadmap", "validate", "/dev/zero"],
        &["roadmap", "install", "/dev/zero"],
        &["roadmap", "import", "/dev/zero"],
        &["--roadmap", "/dev/zero", "status"],
        &["roadmap", "validate", big],
    ]);
    assert_eq!(env.state_bytes(), None, "nothing was written");
    // Just under the cap is read, and refused for what it says.
    fs::write(env.root().join("big.json"), vec![b' '; 8 * 1024 * 1024]).unwrap();
    outcomes.push('\n');
    outcomes.push_str(&env.outcome(&["roadmap", "validate", big]));
    insta::assert_snapshot!(outcomes);
}

#[test]
fn the_chmod_fix_for_a_shared_directory_is_quoted_so_it_works_when_pasted() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let dir = env.root().join("my data");
    let run = |args: &[&str]| {
        env.command_std()
            .env("MLOPS_PATH_DATA_DIR", &dir)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["done", "what-is-mlops"]).status.success());
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o770)).unwrap();
    let refused = run(&["done", "kubeflow"]);
    let quoted = format!("chmod 700 '{}'", dir.display());
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains(&quoted),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let doctor = run(&["doctor"]);
    assert_eq!(doctor.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&doctor.stdout).contains(&quoted));
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
}
