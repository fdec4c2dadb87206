//! The learner's page in a real browser (`chromium.rs`): the DOM it built (`--dump-dom`),
//! with scripts on and off, the page printed to PDF (its print style), screenshots at 1280
//! and 360 px kept under `target/report-screenshots/` as test artefacts, and the dark
//! colour scheme seen in the pixels.

use std::path::PathBuf;

use super::chromium::{
    DARK, SCRIPT_PROBE, artefacts, chromium, dump_dom_without_scripts, run_chromium, screenshot,
    top_left_pixel,
};
use super::{
    STATUSES, assert_only_own_markup, hostile, report, starter, step_boxes, tags, write_history,
};
use crate::common::TestEnv;

/// The learner's page of [`STATUSES`], written to a file in `env`.
fn starter_page(env: &TestEnv) -> PathBuf {
    let roadmap = starter(env);
    write_history(env);
    let page = env.root().join("progress.html");
    report(env, &roadmap, &["-o", page.to_str().unwrap()]).success();
    page
}

/// The box of every step in order with its status, and the calendar and burn-up figures.
#[track_caller]
fn assert_boxes_and_charts(dom: &str) {
    let expected: Vec<(String, String)> = STATUSES
        .iter()
        .map(|&(step, status)| (step.to_owned(), status.to_owned()))
        .collect();
    assert_eq!(step_boxes(dom), expected, "{dom}");
    let tags = tags(dom);
    let has = |name: &str, id: &str| {
        tags.iter()
            .any(|t| t.name == name && t.get("id") == Some(id))
    };
    assert!(
        has("figure", "calendar") && has("figure", "burn-up"),
        "{dom}"
    );
}

#[test]
fn the_browser_builds_one_box_per_step_the_calendar_and_the_chart() {
    let Some(chromium) = chromium() else { return };
    let env = TestEnv::new();
    let page = starter_page(&env);

    let dom = run_chromium(&chromium, env.root(), &page, &["--dump-dom"]);
    assert_boxes_and_charts(&dom);
    assert_only_own_markup(&dom);
    let tags = tags(&dom);
    // A cell per day of the 53 weeks up to today (Tuesday): 52 full weeks and 2 days.
    let cells = tags
        .iter()
        .filter(|t| {
            t.name == "rect"
                && t.get("class")
                    .is_some_and(|c| c.len() == 2 && c.starts_with('l'))
        })
        .count();
    assert_eq!(cells, 52 * 7 + 2 + 5, "the days and the legend's five keys");
    assert!(
        tags.iter()
            .any(|t| t.name == "path" && t.get("class") == Some("settled"))
    );
    // Nothing was or could be fetched: no element names anything outside the page.
    for tag in &tags {
        for attribute in ["src", "srcset", "action", "poster", "data"] {
            assert!(
                tag.get(attribute).is_none(),
                "<{}> has {attribute}",
                tag.name
            );
        }
    }

    // The print style lays the page out on paper; the PDF is kept with the screenshots.
    let pdf = artefacts().join("report.pdf");
    run_chromium(
        &chromium,
        env.root(),
        &page,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    for size in [(1280, 2400), (360, 4800)] {
        let name = format!("report-{}.png", size.0);
        screenshot(&chromium, env.root(), &page, &name, size, &[]);
    }
}

#[test]
fn with_scripts_off_the_page_reads_the_same() {
    let Some(chromium) = chromium() else { return };
    let env = TestEnv::new();
    let probe = env.root().join("probe.html");
    std::fs::write(&probe, SCRIPT_PROBE).unwrap();
    let dom = dump_dom_without_scripts(&chromium, env.root(), &probe);
    assert!(
        dom.contains("<p id=\"probe\">static</p>")
            && dom.contains("<noscript><p id=\"fallback\">no scripts</p></noscript>"),
        "scripts were not off: {dom}"
    );
    let page = starter_page(&env);
    let with = run_chromium(&chromium, env.root(), &page, &["--dump-dom"]);
    let without = dump_dom_without_scripts(&chromium, env.root(), &page);
    assert_boxes_and_charts(&without);
    // Nothing is left for a script to do: the DOM is the same either way.
    assert_eq!(without, with);
}

#[test]
fn the_dark_scheme_darkens_the_background() {
    let Some(chromium) = chromium() else { return };
    let env = TestEnv::new();
    let page = starter_page(&env);
    let size = (400, 300);
    let light = screenshot(&chromium, env.root(), &page, "report-light.png", size, &[]);
    let dark = screenshot(
        &chromium,
        env.root(),
        &page,
        "report-dark.png",
        size,
        &[DARK],
    );
    // The `--bg` of each scheme in the style sheet.
    assert_eq!(top_left_pixel(&light), [0xff, 0xff, 0xff]);
    assert_eq!(top_left_pixel(&dark), [0x0d, 0x11, 0x17]);
}

#[test]
fn in_the_browser_hostile_text_makes_no_element_attribute_or_link() {
    let Some(chromium) = chromium() else { return };
    let env = TestEnv::new();
    let roadmap = hostile(&env);
    let page = env.root().join("hostile.html");
    report(&env, &roadmap, &["-o", page.to_str().unwrap()]).success();
    let dom = run_chromium(&chromium, env.root(), &page, &["--dump-dom"]);
    assert_only_own_markup(&dom);
    assert_eq!(step_boxes(&dom).len(), 2, "{dom}");
    // The text arrived whole, as text.
    assert!(dom.contains("&lt;img src=x onerror=alert(2)&gt;"), "{dom}");
    assert!(
        dom.contains("&lt;script&gt;alert(10)&lt;/script&gt;"),
        "{dom}"
    );
    let links: Vec<String> = super::tags(&dom)
        .iter()
        .filter_map(|t| {
            t.get("href")
                .filter(|h| !h.starts_with('#'))
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
