//! Custom roadmaps: `roadmap list|install|remove|validate|schema`, and `--roadmap`.

mod course;
mod import;
mod readme;

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::TestEnv;
pub use crate::common::in_shared_snapshots;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const SCHEMA: &str = include_str!("../../../roadmap/schema.json");

pub fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

/// A small valid roadmap; `extra` steps are appended to its one section.
pub fn small_roadmap(id: &str, title: &str, extra: &str) -> String {
    format!(
        r#"{{
  "id": "{id}",
  "title": "{title}",
  "sections": [
    {{
      "id": "basics",
      "title": "Basics",
      "steps": [
        {{"id": "intro", "title": "Intro", "kind": "article", "url": "https://example.com/intro", "minutes": 10, "summary": "Start here."}},
        {{"id": "setup", "title": "Set up", "kind": "lab", "minutes": 30, "summary": "", "requires": ["intro"]}}{extra}
      ]
    }}
  ]
}}
"#
    )
}

pub fn write(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    let path = env.root().join(name);
    fs::write(&path, text).unwrap();
    path
}

pub fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn install_list_follow_and_remove_keeping_progress() {
    let env = TestEnv::new();
    let file = write(
        &env,
        "team.json",
        &small_roadmap("team", "Team onboarding", ""),
    );
    env.run(&["roadmap", "install", arg(&file)])
        .success()
        .stderr_has("Installed team (Team onboarding, 2 steps) at ")
        .stderr_has("Follow it with: mlops-path --roadmap team next");
    assert_eq!(
        fs::read_to_string(env.data_dir().join("roadmaps/team.json")).unwrap(),
        fs::read_to_string(&file).unwrap()
    );
    let mode = |path: &Path| {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    };
    assert_eq!(mode(&env.data_dir().join("roadmaps")), 0o700);
    assert_eq!(mode(&env.data_dir().join("roadmaps/team.json")), 0o600);
    env.run(&["--roadmap", "team", "done", "intro"]).success();
    env.run(&["done", "what-is-mlops"]).success();

    let list = env
        .run(&["--roadmap", "team", "roadmap", "list", "--json"])
        .success()
        .json();
    let rows: Vec<(&str, &str, u64, u64, bool)> = list["roadmaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["origin"].as_str().unwrap(),
                r["steps"].as_u64().unwrap(),
                r["percent"].as_u64().unwrap(),
                r["active"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("mlops", "built-in", 114, 0, false),
            ("team", "installed", 2, 50, true)
        ]
    );
    let text = env.run(&["roadmap", "list"]).success().stdout;
    let text = text.replace(env.data_dir().to_str().unwrap(), "<data>");
    in_shared_snapshots(|| insta::assert_snapshot!(text));

    env.run(&["roadmap", "remove", "team"])
        .success()
        .stderr_has("Removed team (")
        .stderr_has("the progress recorded on it stays in the state.");
    assert!(!env.data_dir().join("roadmaps/team.json").exists());
    assert!(
        env.events()
            .iter()
            .any(|e| e["roadmap"] == "team" && e["step"] == "intro")
    );
    let removed = env.outcome(&["--roadmap", "team", "status"]);
    in_shared_snapshots(|| insta::assert_snapshot!("status_of_a_removed_roadmap", removed));
    // Installing it again brings the progress back.
    env.run(&["roadmap", "install", arg(&file)]).success();
    env.run(&["--roadmap", "team", "status", "--json"])
        .success()
        .stdout_has("\"percent\": 50");
}

#[test]
fn install_refuses_a_different_roadmap_with_the_same_id_unless_forced() {
    let env = TestEnv::new();
    let first = write(&env, "a.json", &small_roadmap("team", "Team", ""));
    let second = write(
        &env,
        "b.json",
        &small_roadmap("team", "Team, second edition", ""),
    );
    env.run(&["roadmap", "install", arg(&first)]).success();
    env.run(&["roadmap", "install", arg(&first)])
        .success()
        .stderr_has("Already installed, unchanged: team");
    let refused = env.outcome(&["roadmap", "install", arg(&second)]);
    in_shared_snapshots(|| insta::assert_snapshot!(refused));
    let installed = env.data_dir().join("roadmaps/team.json");
    assert_eq!(fs::read(&installed).unwrap(), fs::read(&first).unwrap());
    env.run(&["roadmap", "install", arg(&second), "--force"])
        .success()
        .stderr_has("Replaced team (Team, second edition, 2 steps)");
    assert_eq!(fs::read(&installed).unwrap(), fs::read(&second).unwrap());
}

#[test]
fn the_built_in_roadmap_can_be_neither_replaced_nor_removed() {
    let env = TestEnv::new();
    let file = write(&env, "m.json", &small_roadmap("mlops", "Mine", ""));
    let refusals = env.outcomes(&[
        &["roadmap", "install", arg(&file), "--force"],
        &["roadmap", "remove", "mlops"],
        &["roadmap", "remove", "nope"],
    ]);
    in_shared_snapshots(|| insta::assert_snapshot!(refusals));
    assert!(
        !env.data_dir().exists(),
        "a refused command created the data directory"
    );
}

#[test]
fn read_only_roadmap_commands_create_nothing() {
    let env = TestEnv::new();
    let file = write(&env, "team.json", &small_roadmap("team", "Team", ""));
    env.run(&["roadmap", "list"]).success();
    env.run(&["roadmap", "list", "--json"]).success();
    env.run(&["roadmap", "validate", arg(&file)]).success();
    env.run(&["roadmap", "schema"]).success();
    env.run(&["roadmap", "import", arg(&fixture("how-to-mlops-guide.md"))])
        .success();
    env.run(&["--roadmap", arg(&file), "status"]).success();
    assert!(!env.data_dir().exists());
}

#[test]
fn validate_reports_every_problem_with_its_place() {
    let env = TestEnv::new();
    let good = write(&env, "good.json", &small_roadmap("team", "Team", ""));
    env.run(&["roadmap", "validate", arg(&good)])
        .success()
        .stdout_has("good.json: valid roadmap \"team\" (Team, 1 sections, 2 steps)");

    let bad = small_roadmap(
        "Team",
        "",
        r#",
        {"id": "intro", "title": "Again", "kind": "book", "url": "ftp://example.com", "minutes": -5, "summary": "", "requires": ["later", "ghost"], "replaces": ["setup"], "colour": "red"},
        {"id": "later", "title": "Later", "kind": "article", "minutes": 5, "summary": "", "requires": ["intro"]}"#,
    );
    let bad = write(&env, "bad.json", &bad);
    let invalid = env.outcome(&["roadmap", "validate", arg(&bad)]);
    in_shared_snapshots(|| insta::assert_snapshot!(invalid));

    let json = env
        .run(&["roadmap", "validate", arg(&bad), "--json"])
        .code(1);
    assert!(
        json.stderr
            .contains("is not a valid roadmap: 10 problem(s)"),
        "{}",
        json.stderr
    );
    let json = json.json();
    assert_eq!(json["valid"], false);
    let first_step_problem = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["field"] == "kind")
        .unwrap();
    assert_eq!(first_step_problem["section"], 0);
    assert_eq!(first_step_problem["step"], 2);
    assert_eq!(first_step_problem["id"], "intro");

    let syntax = write(
        &env,
        "syntax.json",
        "{\n  \"id\": \"x\",\n  \"title\": \"X\"\n  \"sections\": []\n}\n",
    );
    let unreadable = env.outcomes(&[
        &["roadmap", "validate", arg(&syntax)],
        &["roadmap", "validate", "missing.json"],
    ]);
    in_shared_snapshots(|| insta::assert_snapshot!("validate_of_unreadable_files", unreadable));
}

#[test]
fn a_roadmap_loaded_from_a_file_is_validated_the_same_way() {
    let env = TestEnv::new();
    let bad = write(
        &env,
        "bad.json",
        &small_roadmap(
            "team",
            "Team",
            r#", {"id": "x", "title": "X", "kind": "tool", "minutes": 0, "summary": ""}"#,
        ),
    );
    let refusals = env.outcomes(&[
        &["--roadmap", arg(&bad), "next"],
        &["roadmap", "install", arg(&bad)],
    ]);
    in_shared_snapshots(|| insta::assert_snapshot!(refusals));
    // The roadmap commands work whatever the chosen roadmap is.
    env.run(&["--roadmap", arg(&bad), "roadmap", "list"])
        .success();
}

#[test]
fn events_under_a_replaced_id_count_for_its_successor() {
    let env = TestEnv::new();
    let v1 = write(
        &env,
        "v1.json",
        &small_roadmap(
            "team",
            "Team",
            r#", {"id": "old-name", "title": "Old", "kind": "article", "minutes": 5, "summary": ""}, {"id": "dropped", "title": "Gone", "kind": "article", "minutes": 5, "summary": ""}"#,
        ),
    );
    env.run(&["roadmap", "install", arg(&v1)]).success();
    env.run(&["--roadmap", "team", "done", "old-name"])
        .success();
    env.run(&["--roadmap", "team", "done", "dropped"]).success();
    let v2 = write(
        &env,
        "v2.json",
        &small_roadmap(
            "team",
            "Team",
            r#", {"id": "new-name", "title": "New", "kind": "article", "minutes": 5, "summary": "", "replaces": ["old-name"]}"#,
        ),
    );
    env.run(&["roadmap", "install", arg(&v2), "--force"])
        .success();
    env.run(&["--roadmap", "team", "show", "new-name", "--json"])
        .success()
        .stdout_has("\"status\": \"done\"");
    env.run(&["--roadmap", "team", "status"])
        .success()
        .stdout_has("Unknown step \"dropped\": 1 event(s) kept");
}

#[test]
fn schema_is_printed_and_describes_every_field() {
    let env = TestEnv::new();
    let run = env.run(&["roadmap", "schema"]).success();
    assert_eq!(run.stdout, SCHEMA);
}

#[test]
fn a_broken_installed_roadmap_is_listed_with_its_error_and_stops_only_its_own_use() {
    let env = TestEnv::new();
    let dir = env.data_dir().join("roadmaps");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("broken.json"), "{\"id\": \"broken\",").unwrap();
    fs::write(
        dir.join("renamed.json"),
        small_roadmap("other", "Other", ""),
    )
    .unwrap();
    let list = env.run(&["roadmap", "list", "--json"]).success().json();
    let errors: Vec<(&str, &str)> = list["roadmaps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| Some((r["id"].as_str()?, r["error"].as_str()?)))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors[0].0, "broken");
    assert!(
        errors[0]
            .1
            .ends_with("line 1, column 16: JSON syntax: EOF while parsing a value"),
        "{}",
        errors[0].1
    );
    assert!(errors[1].1.ends_with("roadmap: id \"other\" does not match the file name; installed roadmaps are named <id>.json"), "{}", errors[1].1);
    env.run(&["roadmap", "list"])
        .success()
        .stdout_has("broken: invalid roadmap ");
    let broken = env.outcome(&["--roadmap", "broken", "next"]);
    in_shared_snapshots(|| insta::assert_snapshot!(broken));
    env.run(&["next"]).success();
}
