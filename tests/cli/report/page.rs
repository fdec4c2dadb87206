//! What the page holds: its structure for a fixed history, a box per step, the figures of
//! `status`, hostile text as text, and its size for a year of history.

use super::{
    STATUSES, assert_only_own_markup, assert_status_in_words, hostile, report, starter, step_boxes,
    tags, write_history,
};
use crate::common::TestEnv;
use crate::synth;

/// The page one tag a line, the style sheet left out (it is a constant), and the calendar's
/// empty days counted instead of listed: the structure, and every word in it.
pub fn outline(html: &str) -> String {
    let style_start = html.find("<style>").expect("a style sheet") + "<style>".len();
    let style_end = html.find("</style>").expect("the style sheet ends");
    let html = format!("{}[style]{}", &html[..style_start], &html[style_end..]);
    let mut lines = Vec::new();
    let mut empty_days = 0;
    let mut in_empty_day = false;
    for line in html.replace("><", ">\n<").lines() {
        if line.starts_with("<rect class=\"l0\" x=") {
            in_empty_day = true;
            empty_days += 1;
        }
        if in_empty_day {
            in_empty_day = line != "</rect>";
            continue;
        }
        if empty_days > 0 {
            lines.push(format!("[empty days: {empty_days}]"));
            empty_days = 0;
        }
        lines.push(line.to_owned());
    }
    lines.join("\n")
}

#[test]
fn the_page_for_a_fixed_history_is_a_snapshot() {
    let env = TestEnv::new();
    let roadmap = starter(&env);
    write_history(&env);
    let before = env.snapshot_files();
    let run = report(&env, &roadmap, &[]).success().stderr_empty();
    assert!(run.stdout.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(run.stdout.ends_with("</html>\n"));
    // A read-only command: the data directory is as it was.
    assert_eq!(env.snapshot_files(), before);
    insta::assert_snapshot!(outline(&run.stdout));
}

#[test]
fn every_step_has_one_box_with_its_status() {
    let env = TestEnv::new();
    let roadmap = starter(&env);
    write_history(&env);
    let page = report(&env, &roadmap, &[]).success().stdout;
    let expected: Vec<(String, String)> = STATUSES
        .iter()
        .map(|&(step, status)| (step.to_owned(), status.to_owned()))
        .collect();
    assert_eq!(step_boxes(&page), expected);
    // The statuses agree with `list --json`, verified with `show --json`.
    let list = env
        .run(&["--roadmap", roadmap.to_str().unwrap(), "list", "--json"])
        .success()
        .json();
    let listed: Vec<&str> = list["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|section| section["steps"].as_array().unwrap())
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed,
        ["done", "skipped", "done", "in_progress", "pending"]
    );
    let show = env
        .run(&[
            "--roadmap",
            roadmap.to_str().unwrap(),
            "show",
            "baseline",
            "--json",
        ])
        .success()
        .json();
    assert_eq!(show["verified"], true);
    // Labs are marked as labs; only the baseline is one.
    assert_eq!(page.matches("<span class=\"lab\">lab</span>").count(), 1);
    // A step without a URL has no link; the others link to theirs.
    let links: Vec<String> = tags(&page)
        .iter()
        .filter_map(|t| {
            t.get("href")
                .filter(|h| h.starts_with("http"))
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(
        links,
        [
            "https://example.org/intro",
            "https://example.org/models",
            "https://example.org/mlflow"
        ]
    );
}

#[test]
fn status_shows_in_words_and_the_style_has_print_and_dark_rules() {
    let env = TestEnv::new();
    let roadmap = starter(&env);
    write_history(&env);
    let page = report(&env, &roadmap, &[]).success().stdout;
    assert_status_in_words(&page);
    let style = &page[page.find("<style>").unwrap()..page.find("</style>").unwrap()];
    // Dark redefines the background and text colours; print sets them back to paper.
    let dark = style
        .split("@media (prefers-color-scheme:dark){")
        .nth(1)
        .expect("a dark scheme");
    assert!(
        dark.starts_with(":root{--bg:#0d1117;--fg:#e6edf3;"),
        "{dark}"
    );
    let print = style.split("@media print{").nth(1).expect("a print style");
    assert!(print.starts_with(":root{--bg:#fff;--fg:#000;"), "{print}");
    assert!(style.contains("color-scheme:light dark"));
}

#[test]
fn the_header_says_what_status_says() {
    let env = TestEnv::new();
    let roadmap = starter(&env);
    write_history(&env);
    let page = report(&env, &roadmap, &[]).success().stdout;
    let status = env
        .run(&["--roadmap", roadmap.to_str().unwrap(), "status"])
        .success()
        .stdout;
    let habit: Vec<&str> = status
        .lines()
        .filter(|l| {
            ["Streak:", "Pace:", "ETA:"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .collect();
    assert_eq!(habit.len(), 3, "{status}");
    for line in habit {
        assert!(page.contains(&format!("<li>{line}</li>")), "{line}");
    }
    let json = env
        .run(&["--roadmap", roadmap.to_str().unwrap(), "status", "--json"])
        .success()
        .json();
    assert!(page.contains(&format!(
        "<span class=\"percent\">{}%</span>",
        json["percent"]
    )));
}

#[test]
fn hostile_text_is_only_text() {
    let env = TestEnv::new();
    let roadmap = hostile(&env);
    let page = report(&env, &roadmap, &[]).success().stdout;
    assert_only_own_markup(&page);
    for text in [
        "Path &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(2)&gt;",
        "&lt;/h3&gt;&lt;/li&gt;&lt;/ol&gt;&lt;script&gt;alert(3)&lt;/script&gt;",
        "javascript:alert(5) &lt;a href=&quot;javascript:alert(6)&quot;&gt;click&lt;/a&gt; &lt;/p&gt;&lt;/section&gt;",
        "&lt;script&gt;alert(10)&lt;/script&gt;&lt;img src=x onerror=alert(11)&gt;\n[x](javascript:alert(12)) &lt;/p&gt;&lt;/body&gt;&lt;/html&gt;",
    ] {
        assert!(page.contains(text), "{text} not in the page as text");
    }
    // The URLs stay whole inside their attribute.
    let links: Vec<String> = tags(&page)
        .iter()
        .filter_map(|t| {
            t.get("href")
                .filter(|h| h.starts_with("http"))
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(
        links,
        [
            "https://example.org/x\"><script>alert(4)</script>",
            "https://example.org/'onmouseover='alert(8)"
        ]
    );
}

#[test]
fn no_notes_leaves_the_notes_out() {
    let env = TestEnv::new();
    let roadmap = starter(&env);
    write_history(&env);
    let with = report(&env, &roadmap, &[]).success().stdout;
    assert!(with.contains("<p class=\"note\">second pass</p>"));
    assert!(with.contains("<p class=\"note\">tried a tree\nAUC 0.81</p>"));
    let without = report(&env, &roadmap, &["--no-notes"]).success().stdout;
    assert!(!without.contains("class=\"note\""));
    assert!(!without.contains("second pass") && !without.contains("AUC"));
    // The events stay, note events aside.
    assert!(without.contains("<span class=\"kind\">done</span>"));
    assert!(!without.contains("<span class=\"kind\">note</span>"));
}

#[test]
fn the_built_in_roadmap_with_a_year_of_history_is_under_300_kb() {
    let env = TestEnv::new();
    let file = synth::built_in("mlops").unwrap();
    let until = chrono::DateTime::parse_from_rfc3339(crate::common::NOW).unwrap();
    // Three events a day for a year, notes among them.
    let history = synth::history(&file, 3 * 365, 365, until, 5);
    synth::write(env.root(), None, history.events).unwrap();
    let mut command = env.command();
    command.env("MLOPS_PATH_DATA_DIR", env.root().join("data"));
    let run = crate::common::Run::from(command.arg("report").output().unwrap()).success();
    let steps = file.sections.iter().map(|s| s.steps.len()).sum::<usize>();
    assert_eq!(step_boxes(&run.stdout).len(), steps);
    assert!(run.stdout.len() < 300_000, "{} bytes", run.stdout.len());
}
