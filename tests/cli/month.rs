//! What a new learner tripped over in a month of daily use: each fix through the binary.

use std::fs;

use crate::common::TestEnv;

/// A roadmap of our own, so the tests do not hang on the built-in one's content: a 45-minute
/// step first, then a 10-minute and a 20-minute one, all ready at once.
fn course(env: &TestEnv) -> String {
    let text = r#"{"id": "course", "title": "Course", "sections": [{"id": "s", "title": "Section", "steps": [
        {"id": "long-read", "title": "Long read", "kind": "article", "minutes": 45, "summary": ""},
        {"id": "short-video", "title": "Short video", "kind": "video", "minutes": 10, "summary": ""},
        {"id": "lab", "title": "Lab", "kind": "lab", "minutes": 20, "summary": ""}
    ]}]}"#;
    let path = env.root().join("course.json");
    fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn start_or_skip_on_a_done_step_records_nothing_and_says_to_reopen() {
    let env = TestEnv::new();
    env.run(&["done", "kubeflow", "--at", "2026-03-09T19:30:00+01:00"])
        .success();
    let before = env.state_bytes();
    let mut refusals = Vec::new();
    for command in ["start", "skip"] {
        refusals.push(env.outcome(&[command, "kube"]));
        assert_eq!(env.state_bytes(), before, "{command} changed the state");
    }
    insta::assert_snapshot!(refusals.join("\n"));
    assert_eq!(env.run(&["status", "--json"]).success().json()["done"], 1);
}

/// The command a hint suggests after `prefix`, as words after `mlops-path`: on the line that
/// holds the prefix, or on the next one when output fitted to the width put it there whole.
fn suggested(text: &str, prefix: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let line = lines
        .iter()
        .enumerate()
        .find_map(|(number, line)| match line.split_once(prefix) {
            Some((_, rest)) => Some(rest),
            None if line.ends_with(prefix.trim_end()) => lines.get(number + 1).copied(),
            None => None,
        })
        .unwrap_or_else(|| panic!("no {prefix:?} in {text}"));
    // A command in backticks ends at the closing one.
    let line = line.split('`').next().unwrap_or_default();
    let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
    assert_eq!(words[0], "mlops-path", "{line}");
    words[1..].to_vec()
}

#[test]
fn hints_on_a_custom_roadmap_and_data_directory_work_when_pasted() {
    let env = TestEnv::new();
    let roadmap = course(&env);
    let other_dir = env.root().join("elsewhere");
    let dir = other_dir.to_str().unwrap();
    let flags = ["--data-dir", dir, "--roadmap", &roadmap];
    let with = |args: &[&'static str]| -> Vec<String> {
        flags
            .iter()
            .chain(args)
            .map(|&word| word.to_owned())
            .collect()
    };

    let overview = env.run(&strs(&with(&[]))).success().stdout;
    let start = suggested(&overview, "Start with: ");
    assert_eq!(start, with(&["next"]), "{overview}");

    let next = env.run(&strs(&start)).success().stdout;
    let finish = suggested(&next, "Finished it? ");
    assert_eq!(finish, with(&["done", "long-read"]), "{next}");
    env.run(&strs(&finish)).success();

    let unknown = env
        .run(&strs(&with(&["done", "nothing-like-it"])))
        .code(2)
        .stderr;
    let list = suggested(&unknown, "hint: `");
    assert_eq!(list, with(&["list"]), "{unknown}");
    env.run(&strs(&list)).success().stdout_has("[x] long-read");

    let refused = env
        .run(&strs(&with(&["start", "long-read"])))
        .code(1)
        .stderr;
    let reopen = suggested(&refused, "reopen it first: ");
    assert_eq!(reopen, with(&["reopen", "long-read"]), "{refused}");
    env.run(&strs(&reopen))
        .success()
        .stderr_has("Reopened: long-read");
    // All of it happened in the directory given, none in the environment's.
    assert!(!env.data_dir().exists());
    assert!(other_dir.join("state.json").exists());
}

#[test]
fn a_roadmap_from_the_environment_needs_no_flag_in_hints() {
    let env = TestEnv::new();
    let roadmap = course(&env);
    let next = env
        .command()
        .env("MLOPS_PATH_ROADMAP", &roadmap)
        .arg("next")
        .output()
        .unwrap();
    assert!(next.status.success());
    let text = String::from_utf8(next.stdout).unwrap();
    assert_eq!(suggested(&text, "Finished it? "), ["done", "long-read"]);
}

fn strs(words: &[String]) -> Vec<&str> {
    words.iter().map(String::as_str).collect()
}

#[test]
fn doctor_fixes_name_the_data_directory_given() {
    let env = TestEnv::new();
    let other_dir = env.root().join("elsewhere");
    let dir = other_dir.to_str().unwrap();
    // Two changes leave a backup to restore.
    env.record(&[
        &["--data-dir", dir, "start", "kubeflow"],
        &["--data-dir", dir, "done", "kubeflow"],
    ]);
    fs::write(other_dir.join("state.json"), "{broken").unwrap();
    let report = env.run(&["--data-dir", dir, "doctor"]).code(1).stdout;
    let fix = suggested(&report, "`");
    assert_eq!(
        fix,
        ["--data-dir", dir, "doctor", "--restore-backup"],
        "{report}"
    );
}

#[test]
fn an_at_after_now_is_refused_naming_now() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.outcomes(&[
        &["done", "kubeflow", "--at", "2026-03-11"],
        &["note", "kubeflow", "later", "--at", "09:01"],
    ]));
    assert!(
        env.state_bytes().is_none(),
        "a refused --at recorded something"
    );
    // Today's date at 09:00 means now, as its noon is still ahead.
    env.run(&["done", "kubeflow", "--at", "2026-03-10"])
        .success();
    assert_eq!(env.events()[0]["at"], "2026-03-10T09:00:00+01:00");
}

#[test]
fn at_takes_today_yesterday_and_a_time() {
    let env = TestEnv::new();
    env.record(&[
        &["start", "kubeflow", "--at", "yesterday 21:30"],
        &["note", "kubeflow", "pipelines", "--at", "yesterday"],
        &["done", "kubeflow", "--at", "08:45"],
        &["note", "kubeflow", "again", "--at", "today"],
    ]);
    // The state file keeps events in time order.
    let at: Vec<_> = env.events().iter().map(|e| e["at"].clone()).collect();
    assert_eq!(
        at,
        [
            "2026-03-09T12:00:00+01:00",
            "2026-03-09T21:30:00+01:00",
            "2026-03-10T08:45:00+01:00",
            "2026-03-10T09:00:00+01:00"
        ]
    );
    insta::assert_snapshot!(env.outcome(&["done", "mlflow", "--at", "tomorrow"]));
}

#[test]
fn next_minutes_offers_the_smallest_ready_step_when_none_fits() {
    let env = TestEnv::new();
    let roadmap = course(&env);
    env.run(&["--roadmap", &roadmap, "next", "--minutes", "8"])
        .success()
        .stdout_has(
            "Nothing fits in 8 min; the smallest next piece is this step of 10 min:\n\n  short-video  Short video\n",
        );
    let json = env
        .run(&["--roadmap", &roadmap, "next", "--minutes", "8", "--json"])
        .success()
        .json();
    assert_eq!(json["steps"][0]["id"], "short-video");
    assert_eq!(json["steps"].as_array().unwrap().len(), 1);
}

#[test]
fn show_lists_history_in_time_order_with_ties_in_recorded_order() {
    let env = TestEnv::new();
    env.record(&[
        &["start", "kubeflow", "--at", "2026-03-10T08:00:00+01:00"],
        // Backdated, recorded after: it comes first.
        &[
            "note",
            "kubeflow",
            "read the intro",
            "--at",
            "2026-03-09T20:00:00+01:00",
        ],
        // The same instant as the start, written in New York: after it, as recorded.
        &[
            "note",
            "kubeflow",
            "same minute",
            "--at",
            "2026-03-10T02:00:00-05:00",
        ],
    ]);
    let json = env.run(&["show", "kubeflow", "--json"]).success().json();
    let notes: Vec<_> = json["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["note"].as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            ("note", Some("read the intro")),
            ("start", None),
            ("note", Some("same minute"))
        ]
    );
    env.run(&["show", "kubeflow"]).success().stdout_has(
        "History:\n  2026-03-09 20:00  note    read the intro\n  2026-03-10 08:00  start\n  2026-03-10 02:00  note    same minute\n",
    );
}

#[test]
fn start_and_skip_take_several_steps_and_one_wrong_id_records_nothing() {
    let env = TestEnv::new();
    let roadmap = course(&env);
    let on = |args: &[&str]| env.run(&[&["--roadmap", roadmap.as_str()][..], args].concat());
    on(&["start", "long-read", "lab"])
        .success()
        .stderr_has("Started: long-read  Long read\nStarted: lab  Lab\n");
    let args = [
        "--roadmap",
        roadmap.as_str(),
        "skip",
        "short-video",
        "no-such-step",
    ];
    insta::assert_snapshot!(env.outcome(&args));
    assert_eq!(env.events().len(), 2);
    on(&["skip", "short-video", "lab"])
        .success()
        .stderr_has("Skipped: short-video  Short video\nSkipped: lab  Lab\n");
    let kinds: Vec<_> = env
        .events()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["kind"].as_str().unwrap(),
                e["step"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "start long-read",
            "start lab",
            "skip short-video",
            "skip lab"
        ]
    );
}

#[test]
fn reopen_keeps_a_note_and_a_blank_note_is_refused_everywhere() {
    let env = TestEnv::new();
    env.run(&["done", "kubeflow"]).success();
    env.run(&["reopen", "kubeflow", "-m", "forgot the pipelines part"])
        .success();
    assert_eq!(env.events()[1]["note"], "forgot the pipelines part");
    let before = env.state_bytes();
    let mut refusals = Vec::new();
    for args in [
        &["done", "kubeflow", "-m", "  "][..],
        &["start", "mlflow", "-m", ""],
        &["skip", "mlflow", "-m", "\n"],
        &["reopen", "kubeflow", "-m", " "],
        &["note", "kubeflow", " \t"],
    ] {
        refusals.push(env.outcome(args));
        assert_eq!(env.state_bytes(), before, "{args:?} changed the state");
    }
    insta::assert_snapshot!(refusals.join("\n"));
}

#[test]
fn continuation_lines_of_a_note_sit_under_it_in_log_and_show() {
    let env = TestEnv::new();
    env.run(&[
        "note",
        "kubeflow",
        "first line\nsecond line\nthird",
        "--at",
        "08:00",
    ])
    .success();
    env.run(&["log"]).success().stdout_has(
        "  08:00  note    kubeflow  Kubeflow\n                 first line\n                 second line\n                 third\n",
    );
    env.run(&["show", "kubeflow"]).success().stdout_has(
        "  2026-03-10 08:00  note    first line\n                            second line\n                            third\n",
    );
}

#[test]
fn roadmap_use_makes_a_roadmap_the_default_until_use_default() {
    use crate::roadmap::{arg, small_roadmap, write};
    let env = TestEnv::new();
    let file = write(&env, "team.json", &small_roadmap("team", "Team", ""));
    env.run(&["roadmap", "install", arg(&file)]).success();
    env.run(&["roadmap", "use", "team"])
        .success()
        .stderr_has("Following team by default;");
    assert_eq!(
        fs::read_to_string(env.data_dir().join("default-roadmap")).unwrap(),
        "team\n"
    );
    env.run(&["done", "intro"]).success();
    assert_eq!(env.events()[0]["roadmap"], "team");
    env.run(&["status", "--json"])
        .success()
        .stdout_has("\"roadmap\": \"team\"");
    // The flag and the variable still win.
    env.run(&["--roadmap", "mlops", "status", "--json"])
        .success()
        .stdout_has("\"roadmap\": \"mlops\"");
    let by_variable = env
        .command()
        .env("MLOPS_PATH_ROADMAP", "mlops")
        .args(["status", "--json"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(by_variable.stdout)
            .unwrap()
            .contains("\"roadmap\": \"mlops\"")
    );

    let list = env.run(&["roadmap", "list", "--json"]).success().json();
    let marks: Vec<_> = list["roadmaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["active"].as_bool(),
                r["default"].as_bool(),
            )
        })
        .collect();
    assert_eq!(
        marks,
        [
            ("mlops", Some(false), Some(false)),
            ("team", Some(true), Some(true))
        ]
    );
    env.run(&["roadmap", "list"])
        .success()
        .stdout_has("* the roadmap in use; team is the default (`roadmap use ID` changes it;");

    env.run(&["roadmap", "use", "--default"])
        .success()
        .stderr_has("Following mlops by default;");
    assert!(!env.data_dir().join("default-roadmap").exists());
    env.run(&["status", "--json"])
        .success()
        .stdout_has("\"roadmap\": \"mlops\"");
}

#[test]
fn roadmap_use_refuses_what_it_cannot_follow() {
    use crate::roadmap::{arg, small_roadmap, write};
    let env = TestEnv::new();
    let file = write(&env, "team.json", &small_roadmap("team", "Team", ""));
    insta::assert_snapshot!(
        "roadmap_use_refusals",
        env.outcomes(&[
            &["roadmap", "use", "nothing-here"],
            &["roadmap", "use", arg(&file)],
            &["roadmap", "use"],
            &["roadmap", "use", "mlops", "--default"],
        ])
    );
    assert!(!env.data_dir().join("default-roadmap").exists());

    // A default file that holds no id is refused, and left as it is.
    fs::create_dir_all(env.data_dir()).unwrap();
    fs::write(env.data_dir().join("default-roadmap"), "../../etc\n").unwrap();
    insta::assert_snapshot!("a_default_without_an_id", env.outcome(&["status"]));
    assert_eq!(
        fs::read(env.data_dir().join("default-roadmap")).unwrap(),
        b"../../etc\n"
    );
    env.run(&["roadmap", "use", "--default"]).success();
    env.run(&["status"]).success();

    // Removing the default roadmap goes back to the built-in one.
    env.run(&["roadmap", "install", arg(&file)]).success();
    env.run(&["roadmap", "use", "team"]).success();
    env.run(&["roadmap", "remove", "team"])
        .success()
        .stderr_has("Following mlops by default again.");
    env.run(&["status"]).success();
}

/// `text` without ANSI colour sequences (`ESC [ ... m`).
fn strip_colour(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn roadmap_list_aligns_with_colour_on() {
    use crate::roadmap::{arg, small_roadmap, write};
    let env = TestEnv::new();
    let file = write(
        &env,
        "team.json",
        &small_roadmap("team-onboarding", "Team", ""),
    );
    env.run(&["roadmap", "install", arg(&file)]).success();
    let coloured = env
        .command()
        .env_remove("NO_COLOR")
        .args(["--color", "always", "roadmap", "list"])
        .output()
        .unwrap();
    let coloured = String::from_utf8(coloured.stdout).unwrap();
    assert!(coloured.contains('\u{1b}'), "no colour: {coloured}");
    let plain = strip_colour(&coloured);
    let lines: Vec<&str> = plain.lines().collect();
    let column = |line: &str, word: &str| {
        line.find(word)
            .unwrap_or_else(|| panic!("{word} in {line}"))
    };
    let (id_at, title_at) = (column(lines[0], "Roadmap"), column(lines[0], "Title"));
    assert_eq!(column(lines[1], "mlops"), id_at, "{plain}");
    assert_eq!(column(lines[2], "team-onboarding"), id_at, "{plain}");
    assert_eq!(column(lines[1], "MLOps for"), title_at, "{plain}");
    assert_eq!(column(lines[2], "Team"), title_at, "{plain}");
    // The same table as without colour.
    assert_eq!(plain, env.run(&["roadmap", "list"]).success().stdout);
}

#[test]
fn a_null_url_in_a_roadmap_file_is_no_url() {
    let env = TestEnv::new();
    let text = r#"{"id": "nulls", "title": "Nulls", "sections": [{"id": "s", "title": "S", "steps": [
        {"id": "concept", "title": "Concept", "kind": "concept", "url": null, "minutes": 5, "summary": ""}
    ]}]}"#;
    let path = env.root().join("nulls.json");
    fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    env.run(&["roadmap", "validate", path]).success();
    let list = env
        .run(&["--roadmap", path, "list", "--json"])
        .success()
        .json();
    assert_eq!(
        list["sections"][0]["steps"][0]["url"],
        serde_json::Value::Null
    );
}
