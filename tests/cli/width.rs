//! Output fitted to the terminal's width: tables shorten titles with `…`, text wraps at
//! words, URLs and suggested commands stay whole.

use std::fs;

use crate::common::{Run, TestEnv};

const LONG_SECTION: &str =
    "Packaging, serving and scaling models behind HTTP APIs on Kubernetes clusters in production";
const LONG_TITLE: &str =
    "Serve a scikit-learn model behind a typed FastAPI endpoint with health checks and metrics";
const URL: &str =
    "https://example.test/courses/serving/lesson-one/a-long-path-that-runs-on-and-on-past-sixty";
const SUMMARY: &str = "Wrap the trained model in a small web service, check that it answers, then measure how \
    fast it answers under load and what it costs to keep it running all day long.";

const NOTE: &str = "Ran it locally first. It answered in a few milliseconds, which is more than \
    fast enough for the demo tomorrow.";

fn wide_roadmap(env: &TestEnv) -> String {
    let roadmap = serde_json::json!({
        "id": "wide", "title": "A roadmap with long titles",
        "sections": [
            {"id": "serve", "title": LONG_SECTION, "steps": [
                {"id": "fastapi-serve", "title": LONG_TITLE, "kind": "lab", "minutes": 90,
                 "url": URL, "summary": SUMMARY},
                {"id": "load-test", "title": "Load test it", "kind": "article", "minutes": 20,
                 "summary": "Short."}
            ]},
            {"id": "short", "title": "Short", "steps": [
                {"id": "wrap-up", "title": "Wrap up", "kind": "concept", "minutes": 10, "summary": ""}
            ]}
        ]
    });
    let path = env.root().join("wide.json");
    fs::write(&path, roadmap.to_string()).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The roadmap comes from the environment, so hints carry no long `--roadmap PATH`: a
/// suggested command stays whole and could pass the width with it.
fn at_width(env: &TestEnv, columns: &str, args: &[&str]) -> Run {
    Run::from(
        env.command()
            .env("COLUMNS", columns)
            .env("MLOPS_PATH_ROADMAP", env.root().join("wide.json"))
            .args(args)
            .output()
            .expect("the binary runs"),
    )
}

/// Lines wider than `width`, leaving out those that hold only a URL.
fn too_wide(text: &str, width: usize) -> Vec<String> {
    text.lines()
        .filter(|line| line.chars().count() > width)
        .filter(|line| !line.trim().starts_with("https://") || line.trim().contains(' '))
        .map(str::to_owned)
        .collect()
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

const COMMANDS: [&[&str]; 6] = [
    &["next", "-n", "3"],
    &["list"],
    &["status"],
    &["show", "fastapi-serve"],
    &["log"],
    &[],
];

#[test]
fn no_line_passes_60_80_or_200_columns_but_a_url() {
    let env = TestEnv::new();
    let roadmap = wide_roadmap(&env);
    env.run(&["--roadmap", &roadmap, "start", "fastapi-serve", "-m", NOTE])
        .success();
    for columns in [60, 80, 200] {
        for command in COMMANDS {
            let run = at_width(&env, &columns.to_string(), command).success();
            let wide = too_wide(&run.stdout, columns);
            assert!(
                wide.is_empty(),
                "{command:?} at {columns}: {wide:#?}\n{}",
                run.stdout
            );
        }
    }
}

#[test]
fn narrow_output_stays_readable() {
    let env = TestEnv::new();
    let roadmap = wide_roadmap(&env);
    env.run(&["--roadmap", &roadmap, "start", "fastapi-serve", "-m", NOTE])
        .success();

    // Tables: titles shortened with an ellipsis, ids and figures whole.
    let list = at_width(&env, "60", &["list"]).success();
    let row = list
        .stdout
        .lines()
        .find(|l| l.contains("fastapi-serve"))
        .unwrap();
    assert!(
        row.starts_with("  [~] fastapi-serve  Serve a scikit-learn"),
        "{row}"
    );
    assert!(row.ends_with('…') && row.chars().count() <= 60, "{row}");
    let status = at_width(&env, "60", &["status"]).success();
    let row = status
        .stdout
        .lines()
        .find(|l| l.contains("Packaging"))
        .unwrap();
    assert!(
        row.contains("…") && row.contains("0/2") && row.contains("0%"),
        "{row}"
    );

    // Text: every word still there, in order; the URL whole on a line of its own.
    let show = at_width(&env, "60", &["show", "fastapi-serve"]).success();
    assert!(
        words(&show.stdout)
            .windows(words(SUMMARY).len())
            .any(|w| w == words(SUMMARY))
    );
    assert!(
        show.stdout.lines().any(|l| l.trim() == URL),
        "{}",
        show.stdout
    );
    assert!(
        words(&show.stdout)
            .windows(words(NOTE).len())
            .any(|w| w == words(NOTE))
    );
    // A wrapped note hangs under its first line, not under the date.
    let first = show
        .stdout
        .lines()
        .position(|l| l.contains("Ran it locally"))
        .unwrap();
    let column = show.stdout.lines().nth(first).unwrap().find("Ran").unwrap();
    let next = show.stdout.lines().nth(first + 1).unwrap();
    assert_eq!(
        next.len() - next.trim_start().len(),
        column,
        "{}",
        show.stdout
    );

    let log = at_width(&env, "60", &["log"]).success();
    assert!(
        words(&log.stdout)
            .windows(words(LONG_TITLE).len())
            .any(|w| w == words(LONG_TITLE))
    );

    // The suggested command stays whole on its line, so it works when pasted.
    let next = at_width(&env, "60", &["next"]).success();
    let hint = next
        .stdout
        .lines()
        .find(|l| l.contains("done fastapi-serve"))
        .unwrap();
    assert!(
        hint.trim_start().starts_with("mlops-path ") || hint.starts_with("Finished it? mlops-path"),
        "{hint}"
    );
}

#[test]
fn wide_terminals_and_pipes_keep_titles_whole() {
    let env = TestEnv::new();
    let roadmap = wide_roadmap(&env);
    let list = at_width(&env, "200", &["list"]).success();
    assert!(list.stdout.contains(LONG_TITLE), "{}", list.stdout);
    let status = at_width(&env, "200", &["status"]).success();
    assert!(status.stdout.contains(LONG_SECTION), "{}", status.stdout);

    // Not a terminal and no COLUMNS: no limit at all.
    let piped = Run::from(
        env.command()
            .env_remove("COLUMNS")
            .args(["--roadmap", &roadmap, "show", "fastapi-serve"])
            .output()
            .unwrap(),
    )
    .success();
    assert!(
        piped.stdout.contains(&format!("Link:      {URL}")),
        "{}",
        piped.stdout
    );
    assert!(
        piped.stdout.contains(&words(SUMMARY).join(" ")),
        "{}",
        piped.stdout
    );

    // JSON is data, never fitted.
    let json = at_width(&env, "60", &["show", "fastapi-serve", "--json"])
        .success()
        .json();
    assert_eq!(json["title"], LONG_TITLE);
}
