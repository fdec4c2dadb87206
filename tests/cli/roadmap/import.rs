//! `roadmap import`: the guide and two other real-world-shaped lists, ids that stay put,
//! and the refusals.

use std::fs;

use super::{FIXTURES, arg, fixture, in_shared_snapshots, write};
use crate::common::TestEnv;

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
    in_shared_snapshots(|| insta::assert_snapshot!(run.stderr.replace(FIXTURES, "tests/fixtures")));
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
        in_shared_snapshots(|| {
            insta::assert_snapshot!(
                format!("import_report_{name}"),
                run.stderr
                    .replace(FIXTURES, "tests/fixtures")
                    .replace(env.root().to_str().unwrap(), "<tmp>")
            );
        });
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
    in_shared_snapshots(|| {
        insta::assert_snapshot!(
            "awesome_mlops_tools_json",
            fs::read_to_string(env.root().join("awesome-mlops-tools.json")).unwrap()
        );
    });
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
    let refused = env.outcome(&["roadmap", "import", arg(&v1), "--install"]);
    in_shared_snapshots(|| insta::assert_snapshot!(refused));
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
    let mut refusals = vec![env.outcome(&["roadmap", "import", arg(&guide), "--id", "My_Guide"])];
    let notes = write(&env, "notes.json", "{\"mine\": true}\n");
    refusals.push(env.outcome(&["roadmap", "import", arg(&guide), "-o", arg(&notes)]));
    assert_eq!(fs::read_to_string(&notes).unwrap(), "{\"mine\": true}\n");
    let empty = write(&env, "empty.md", "# Nothing here\n\nComing soon.\n");
    refusals.push(env.outcome(&["roadmap", "import", arg(&empty)]));
    in_shared_snapshots(|| insta::assert_snapshot!(refusals.join("\n")));
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
