//! `roadmap import` of a course README: headings that are links, syllabus lists without
//! links, a title in a leading HTML block, housekeeping links and `--base-url`.

use std::fs;

use serde_json::Value;

use super::{arg, fixture, in_shared_snapshots, write};
use crate::common::TestEnv;

const BASE: &str = "https://github.com/example/streaming-camp/blob/main";

/// The course fixture copied as a README, so the id must come from its title.
fn readme(env: &TestEnv) -> std::path::PathBuf {
    let text = fs::read_to_string(fixture("course-syllabus.md")).unwrap();
    write(env, "README.md", &text)
}

/// (id, kind, minutes, url) of every step, section by section.
fn steps(roadmap: &Value) -> Vec<(String, String, u64, Value)> {
    roadmap["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["steps"].as_array().unwrap())
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["kind"].as_str().unwrap().to_owned(),
                s["minutes"].as_u64().unwrap(),
                s.get("url").cloned().unwrap_or(Value::Null),
            )
        })
        .collect()
}

#[test]
fn a_course_readme_imports_its_modules_and_syllabus_with_a_base_url() {
    let env = TestEnv::new();
    let path = readme(&env);
    let run = env
        .run(&["roadmap", "import", arg(&path), "--base-url", BASE])
        .success();
    let roadmap = run.json();
    assert_eq!(
        (&roadmap["id"], &roadmap["title"]),
        (
            &Value::from("streaming-pipelines-camp"),
            &Value::from("Streaming Pipelines Camp")
        )
    );
    let sections: Vec<&str> = roadmap["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["Syllabus", "Further reading"]);
    let url = |path: &str| Value::from(format!("{BASE}/{path}"));
    let step = |id: &str, kind: &str, minutes: u64, url: Value| {
        (id.to_owned(), kind.to_owned(), minutes, url)
    };
    assert_eq!(
        steps(&roadmap),
        [
            step("module-1-introduction", "course", 240, url("01-intro")),
            step("what-a-stream-is", "concept", 15, Value::Null),
            step("brokers-topics-and-partitions", "concept", 15, Value::Null),
            step("setting-up-the-environment", "concept", 15, Value::Null),
            step("module-2-processing", "course", 240, url("02-processing/")),
            step(
                "stateless-and-stateful-operators",
                "concept",
                15,
                Value::Null
            ),
            step("windows-and-watermarks", "concept", 15, Value::Null),
            // A workshop is a lab; its list has a link, so only the link is a step.
            step("workshop-load-testing", "lab", 90, url("workshops/load.md")),
            step(
                "the-load-generator",
                "tool",
                60,
                "https://github.com/example/loadgen".into()
            ),
            step("project", "course", 240, url("07-project")),
            step(
                "an-end-to-end-pipeline-with-everything-above",
                "concept",
                15,
                Value::Null
            ),
            step(
                "designing-data-intensive-applications",
                "article",
                15,
                "https://dataintensive.net/".into()
            ),
            step(
                "streaming-101",
                "article",
                15,
                "https://www.oreilly.com/radar/the-world-beyond-batch-streaming-101/".into()
            ),
        ]
    );
    // The stray ")" after a link is no summary.
    assert_eq!(roadmap["sections"][1]["steps"][1]["summary"], "");
    assert!(
        run.stderr.contains(
            "    5  housekeeping links (sign-up forms, chats, social profiles, licence, contributing, sponsors, FAQ)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("relative links"), "{}", run.stderr);
    // The instructors' names (a list without links under an ordinary heading) stay out.
    assert!(!run.stdout.contains("Ana Example"));
}

#[test]
fn without_a_base_url_relative_links_are_counted_with_how_to_keep_them() {
    let env = TestEnv::new();
    let path = readme(&env);
    let run = env
        .run(&["roadmap", "import", arg(&path), "--install"])
        .success();
    assert!(
        run.stderr.contains(
            "    5  relative links (keep them with --base-url URL, such as the repository's web address)\n"
        ),
        "{}",
        run.stderr
    );
    // The syllabus topics are steps still, and the first thing to do is learning, not signing up.
    let next = env
        .run(&["--roadmap", "streaming-pipelines-camp", "next", "--json"])
        .success()
        .json();
    assert_eq!(next["steps"][0]["id"], "what-a-stream-is");
    let ids: Vec<String> = steps(
        &env.run(&["--roadmap", "streaming-pipelines-camp", "list", "--json"])
            .success()
            .json(),
    )
    .into_iter()
    .map(|(id, ..)| id)
    .collect();
    // No housekeeping, and no module whose link is relative and was not kept.
    assert_eq!(
        ids,
        [
            "what-a-stream-is",
            "brokers-topics-and-partitions",
            "setting-up-the-environment",
            "stateless-and-stateful-operators",
            "windows-and-watermarks",
            "the-load-generator",
            "an-end-to-end-pipeline-with-everything-above",
            "designing-data-intensive-applications",
            "streaming-101"
        ]
    );
}

#[test]
fn a_bad_base_url_is_a_usage_error() {
    let env = TestEnv::new();
    let path = readme(&env);
    let refused = env.outcome(&[
        "roadmap",
        "import",
        arg(&path),
        "--base-url",
        "github.com/example",
    ]);
    in_shared_snapshots(|| insta::assert_snapshot!(refused));
}

#[test]
fn the_title_of_a_leading_html_block_and_a_markdown_heading_first() {
    let env = TestEnv::new();
    let html = write(
        &env,
        "README.md",
        "<div align=\"center\">\n<h1>Edge <em>ML</em> &amp; Ops</h1>\n</div>\n\n## Read\n- [A](https://a.example/)\n",
    );
    let roadmap = env.run(&["roadmap", "import", arg(&html)]).success().json();
    assert_eq!(
        (&roadmap["id"], &roadmap["title"]),
        (&"edge-ml-ops".into(), &"Edge ML & Ops".into())
    );
    let both = write(
        &env,
        "README.md",
        "<p><img src=\"x.png\" alt=\"Banner\"></p>\n\n# The List\n## Read\n- [A](https://a.example/)\n",
    );
    let roadmap = env.run(&["roadmap", "import", arg(&both)]).success().json();
    assert_eq!(roadmap["title"], "The List");
}
