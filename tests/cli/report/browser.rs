//! The page in a real browser: Debian's `chromium`, headless, with a fresh profile, no
//! network (every host name fails to resolve) and a time limit. It reads the DOM the
//! browser built (`--dump-dom`), prints the page to PDF (its print style) and
//! takes screenshots at 1280 and 360 px, kept under `target/report-screenshots/` as test
//! artefacts.
//!
//! `.ci/run` installs `chromium` when it is missing. Without it these tests print
//! "skipped" outside CI and fail in CI (`CI` set).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{
    STATUSES, assert_only_own_markup, hostile, report, starter, step_boxes, tags, write_history,
};
use crate::common::TestEnv;

/// A browser's start and one page take a few seconds; a hung one is killed at this.
const LIMIT: Duration = Duration::from_secs(90);

fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("chromium"))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but chromium is not installed (.ci/run installs it)"
        );
        eprintln!("skipped: chromium not found (apt-get install chromium)");
    }
    found
}

/// Runs chromium on `page` with `args`, in a fresh profile under `scratch`; returns what it
/// printed on standard output. Killed, and the test failed, past [`LIMIT`].
fn run_chromium(chromium: &Path, scratch: &Path, page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir_in(scratch).unwrap();
    let out_path = profile.path().join("stdout");
    let err_path = profile.path().join("stderr");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--hide-scrollbars",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", profile.path())
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!(
                "chromium took more than {LIMIT:?}; it printed:\n{}",
                std::fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        status.success(),
        "chromium failed ({status}):\n{}",
        std::fs::read_to_string(&err_path).unwrap_or_default()
    );
    std::fs::read_to_string(out_path).unwrap()
}

fn artefacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_browser_builds_one_box_per_step_the_calendar_and_the_chart() {
    let Some(chromium) = chromium() else { return };
    let env = TestEnv::new();
    let roadmap = starter(&env);
    write_history(&env);
    let page = env.root().join("progress.html");
    report(&env, &roadmap, &["-o", page.to_str().unwrap()]).success();

    let dom = run_chromium(&chromium, env.root(), &page, &["--dump-dom"]);
    let expected: Vec<(String, String)> = STATUSES
        .iter()
        .map(|&(step, status)| (step.to_owned(), status.to_owned()))
        .collect();
    assert_eq!(step_boxes(&dom), expected, "{dom}");
    assert_only_own_markup(&dom);
    let tags = tags(&dom);
    let has = |name: &str, id: &str| {
        tags.iter()
            .any(|t| t.name == name && t.get("id") == Some(id))
    };
    assert!(
        has("figure", "calendar") && has("figure", "burn-up"),
        "{dom}"
    );
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

    for (width, height) in [(1280, 2400), (360, 4800)] {
        let shot = artefacts().join(format!("report-{width}.png"));
        run_chromium(
            &chromium,
            env.root(),
            &page,
            &[
                &format!("--window-size={width},{height}"),
                &format!("--screenshot={}", shot.display()),
            ],
        );
        let bytes = std::fs::read(&shot).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{} is a PNG",
            shot.display()
        );
        // The PNG header's width: the page was laid out at the width asked for.
        assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), width);
    }
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
