//! Debian's `chromium`, headless, for the page tests: a fresh profile each run, no network
//! (every host name fails to resolve), its own process group, and a time limit past which
//! the whole group is killed. The profile is a temporary directory, removed on return.
//!
//! `.ci/run` installs `chromium` when it is missing. Without it the browser tests print
//! "skipped" outside CI and fail in CI (`CI` set).

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A browser's start and one page take a few seconds; a hung one is killed at this.
const LIMIT: Duration = Duration::from_secs(90);

/// The profile's setting that blocks every page's scripts, as a user who turned JavaScript
/// off has it. (`--blink-settings=scriptEnabled=false` would also stop `--dump-dom`, which
/// reads the DOM with a script of its own.)
const NO_SCRIPTS: &str = r#"{"profile":{"default_content_setting_values":{"javascript":2}}}"#;

/// A page on which a script would change a paragraph and `<noscript>` holds an element:
/// [`dump_dom_without_scripts`] of it shows whether scripts really were off.
pub const SCRIPT_PROBE: &str = "<!DOCTYPE html><html><body><p id=\"probe\">static</p>\
<script>document.getElementById('probe').textContent='scripted'</script>\
<noscript><p id=\"fallback\">no scripts</p></noscript></body></html>";

/// The dark colour scheme, as a system set to dark asks for it.
pub const DARK: &str = "--force-dark-mode";

pub fn chromium() -> Option<PathBuf> {
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
/// printed on standard output. Past [`LIMIT`] its process group is killed and the test fails.
pub fn run_chromium(chromium: &Path, scratch: &Path, page: &Path, args: &[&str]) -> String {
    launch(chromium, scratch, page, args, None)
}

/// The DOM chromium built for `page` with JavaScript turned off in its profile.
pub fn dump_dom_without_scripts(chromium: &Path, scratch: &Path, page: &Path) -> String {
    launch(chromium, scratch, page, &["--dump-dom"], Some(NO_SCRIPTS))
}

fn launch(
    chromium: &Path,
    scratch: &Path,
    page: &Path,
    args: &[&str],
    preferences: Option<&str>,
) -> String {
    let profile = tempfile::tempdir_in(scratch).unwrap();
    let out_path = profile.path().join("stdout");
    let err_path = profile.path().join("stderr");
    if let Some(preferences) = preferences {
        let default = profile.path().join("profile/Default");
        std::fs::create_dir_all(&default).unwrap();
        std::fs::write(default.join("Preferences"), preferences).unwrap();
    }
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
        // A group of its own, so its renderer and helper processes go with it.
        .process_group(0)
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > LIMIT {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
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

/// Where screenshots and PDFs are kept as test artefacts.
pub fn artefacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A screenshot of `page` at `width` x `height`, kept as `name` among the artefacts; its
/// PNG is checked to be as wide as asked. Returns the PNG's bytes.
pub fn screenshot(
    chromium: &Path,
    scratch: &Path,
    page: &Path,
    name: &str,
    (width, height): (u32, u32),
    args: &[&str],
) -> Vec<u8> {
    let shot = artefacts().join(name);
    let size = format!("--window-size={width},{height}");
    let target = format!("--screenshot={}", shot.display());
    run_chromium(
        chromium,
        scratch,
        page,
        &[&[size.as_str(), target.as_str()], args].concat(),
    );
    let bytes = std::fs::read(&shot).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is a PNG",
        shot.display()
    );
    // The PNG header's width: the page was laid out at the width asked for.
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), width);
    bytes
}

/// The colour of a PNG's top-left pixel, which the page's margin leaves to the background.
/// Chromium writes 8-bit RGB or RGBA; whatever a row's filter, its first pixel of the
/// first row is stored as it is.
pub fn top_left_pixel(png: &[u8]) -> [u8; 3] {
    let mut at = 8;
    let mut data = Vec::new();
    let mut header = None;
    while at + 12 <= png.len() {
        let length = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind = &png[at + 4..at + 8];
        let body = &png[at + 8..at + 8 + length];
        match kind {
            b"IHDR" => header = Some((body[8], body[9])),
            b"IDAT" => data.extend_from_slice(body),
            _ => {}
        }
        at += 12 + length;
    }
    let (depth, colour) = header.expect("a PNG header");
    assert!(
        depth == 8 && (colour == 2 || colour == 6),
        "8-bit RGB(A), not {depth}/{colour}"
    );
    let pixels = miniz_oxide::inflate::decompress_to_vec_zlib(&data).expect("a zlib stream");
    [pixels[1], pixels[2], pixels[3]]
}
