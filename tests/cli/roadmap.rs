//! Custom roadmaps: `roadmap list|install|remove|validate|schema|import`, and `--roadmap`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::TestEnv;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const SCHEMA: &str = include_str!("../../roadmap/schema.json");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

/// A small valid roadmap; `extra` steps are appended to its one section.
fn small_roadmap(id: &str, title: &str, extra: &str) -> String {
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

fn write(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    let path = env.root().join(name);
    fs::write(&path, text).unwrap();
    path
}

fn arg(path: &Path) -> &str {
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
            ("mlops", "built-in", 14, 7, false),
            ("team", "installed", 2, 50, true)
        ]
    );
    let text = env.run(&["roadmap", "list"]).success().stdout;
    let text = text.replace(env.data_dir().to_str().unwrap(), "<data>");
    insta::assert_snapshot!(text);

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
    env.run(&["--roadmap", "team", "status"])
        .code(2)
        .stderr_has("error: unknown roadmap \"team\"")
        .stderr_has("hint: the built-in roadmap is `mlops` and none is installed");
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
    env.run(&["roadmap", "install", arg(&second)])
        .code(1)
        .stderr_has("error: a different roadmap with the id \"team\" is already installed at ")
        .stderr_has("hint: pass --force to replace it; progress recorded under this id is kept");
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
    for args in [
        vec!["roadmap", "install", arg(&file), "--force"],
        vec!["roadmap", "remove", "mlops"],
    ] {
        env.run(&args)
            .code(2)
            .stderr_has("\"mlops\" is the id of a built-in roadmap, which cannot be ")
            .stderr_has("hint: give your roadmap another id");
    }
    env.run(&["roadmap", "remove", "nope"])
        .code(2)
        .stderr_has("error: unknown roadmap \"nope\"");
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
    let run = env
        .run(&["roadmap", "validate", arg(&bad)])
        .code(1)
        .stdout_empty();
    let stderr = run.stderr.replace(env.root().to_str().unwrap(), "<tmp>");
    insta::assert_snapshot!(stderr);

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
    env.run(&["roadmap", "validate", arg(&syntax)])
        .code(1)
        .stderr_has("line 4, column 3: JSON syntax: expected `,` or `}`");
    env.run(&["roadmap", "validate", "missing.json"])
        .code(1)
        .stderr_has("error: cannot read the roadmap missing.json: No such file");
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
    for args in [
        vec!["--roadmap", arg(&bad), "next"],
        vec!["roadmap", "install", arg(&bad)],
    ] {
        env.run(&args).code(1).stderr_has(
            "bad.json:\nsection 0, step 2 (\"x\"): minutes must be a positive integer, found 0",
        );
    }
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

/// The links of a Markdown list with the `## ` heading each is under, read line by line,
/// independently of the importer.
fn links_by_heading(markdown: &str) -> Vec<(String, String)> {
    let mut heading = String::new();
    let mut links = Vec::new();
    for line in markdown.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            title.trim().clone_into(&mut heading);
        }
        let mut rest = line;
        while let Some(at) = rest.find("](http") {
            let url_start = at + 2;
            let url_end = rest[url_start..].find(')').unwrap() + url_start;
            links.push((heading.clone(), rest[url_start..url_end].to_owned()));
            rest = &rest[url_end..];
        }
    }
    links
}

#[test]
fn importing_the_guide_keeps_every_link_under_its_section() {
    let env = TestEnv::new();
    let guide_path = fixture("how-to-mlops-guide.md");
    let guide = fs::read_to_string(&guide_path).unwrap();
    let run = env
        .run(&["roadmap", "import", arg(&guide_path), "--id", "mlops-guide"])
        .success();
    let roadmap = run.json();
    let imported: Vec<(String, String)> = roadmap["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|section| {
            let title = section["title"].as_str().unwrap().to_owned();
            section["steps"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |step| (title.clone(), step["url"].as_str().unwrap().to_owned()))
        })
        .collect();
    let expected: Vec<(String, String)> = links_by_heading(&guide)
        .into_iter()
        .map(|(heading, url)| match url.split_once("?url=") {
            Some((_, target)) => (heading, target.replace("%3A", ":").replace("%2F", "/")),
            None => (heading, url),
        })
        .collect();
    assert_eq!(expected.len(), 11, "{expected:#?}");
    assert_eq!(imported, expected);
    assert!(
        imported
            .iter()
            .any(|(_, url)| url == "https://datacamp.pxf.io/vNk1Dv")
    );
    insta::assert_snapshot!(run.stderr.replace(FIXTURES, "tests/fixtures"));
}

#[test]
fn imports_pass_validation_and_keep_their_ids() {
    let env = TestEnv::new();
    for name in [
        "how-to-mlops-guide.md",
        "awesome-mlops-tools.md",
        "platform-team-onboarding.md",
    ] {
        let out = env.root().join(name.replace(".md", ".json"));
        let run = env
            .run(&["roadmap", "import", arg(&fixture(name)), "-o", arg(&out)])
            .success()
            .stdout_empty();
        insta::assert_snapshot!(
            format!("import_report_{name}"),
            run.stderr
                .replace(FIXTURES, "tests/fixtures")
                .replace(env.root().to_str().unwrap(), "<tmp>")
        );
        let first = fs::read(&out).unwrap();
        env.run(&["roadmap", "validate", arg(&out)]).success();
        env.run(&["roadmap", "import", arg(&fixture(name)), "-o", arg(&out)])
            .success()
            .stderr_has("Kept the ids of ");
        assert_eq!(
            fs::read(&out).unwrap(),
            first,
            "{name}: a second import differs"
        );
    }
    insta::assert_snapshot!(
        "awesome_mlops_tools_json",
        fs::read_to_string(env.root().join("awesome-mlops-tools.json")).unwrap()
    );
}

#[test]
fn a_newer_list_keeps_the_ids_of_unchanged_links() {
    let env = TestEnv::new();
    let v1 = write(
        &env,
        "list.md",
        "# List\n## Read\n- [Intro](https://example.com/a)\n- [Deep dive](https://example.com/b)\n",
    );
    let out = env.root().join("list.json");
    env.run(&["roadmap", "import", arg(&v1), "--install"])
        .success();
    env.run(&["--roadmap", "list", "done", "deep-dive"])
        .success();
    write(
        &env,
        "list.md",
        "# List\n## Start\n- [Deep dive](https://example.com/a)\n## Read\n- [Deep dive, updated](https://example.com/b)\n",
    );
    env.run(&["roadmap", "import", arg(&v1), "--install"])
        .code(1)
        .stderr_has("already installed");
    env.run(&["roadmap", "import", arg(&v1), "--install", "--force"])
        .success()
        .stderr_has("Kept the ids of 2 step(s)");
    let installed: serde_json::Value =
        serde_json::from_slice(&fs::read(env.data_dir().join("roadmaps/list.json")).unwrap())
            .unwrap();
    let ids: Vec<&str> = installed["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["steps"].as_array().unwrap())
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["intro", "deep-dive"]);
    env.run(&["--roadmap", "list", "show", "deep-dive", "--json"])
        .success()
        .stdout_has("\"status\": \"done\"");
    assert!(!out.exists());
}

#[test]
fn import_refuses_bad_ids_and_foreign_output_files() {
    let env = TestEnv::new();
    let guide = fixture("how-to-mlops-guide.md");
    env.run(&["roadmap", "import", arg(&guide), "--id", "My_Guide"])
        .code(2)
        .stderr_has(
            "error: --id \"My_Guide\": an id must be lowercase kebab-case, such as \"my-guide\"",
        );
    let notes = write(&env, "notes.json", "{\"mine\": true}\n");
    env.run(&["roadmap", "import", arg(&guide), "-o", arg(&notes)])
        .code(2)
        .stderr_has("notes.json exists and is not a valid roadmap");
    assert_eq!(fs::read_to_string(&notes).unwrap(), "{\"mine\": true}\n");
    let empty = write(&env, "empty.md", "# Nothing here\n\nComing soon.\n");
    env.run(&["roadmap", "import", arg(&empty)])
        .code(1)
        .stderr_has("roadmap: has no steps");
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
    env.run(&["--roadmap", "broken", "next"])
        .code(1)
        .stderr_has("error: invalid roadmap ");
    env.run(&["next"]).success();
}

#[test]
fn a_readme_is_named_after_its_title() {
    let env = TestEnv::new();
    let dir = env.root().join("awesome");
    fs::create_dir_all(&dir).unwrap();
    let readme = dir.join("README.md");
    fs::write(&readme, "# Awesome Feature Stores\n\n- [Feast](https://github.com/feast-dev/feast) - Open source feature store.\n").unwrap();
    env.run(&["roadmap", "import", arg(&readme), "--install"])
        .success()
        .stderr_has("Installed awesome-feature-stores (Awesome Feature Stores, 1 steps)");
    env.run(&["--roadmap", "awesome-feature-stores", "done", "feast"])
        .success();
}
