//! Where the page goes: standard output, a file (written atomically, never inside the data
//! directory), or a temporary file handed to the browser.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::{report, starter, write_history};
use crate::common::{Run, TestEnv};

/// A browser script that appends its arguments, one per line, to a record file.
fn browser(env: &TestEnv) -> (PathBuf, PathBuf) {
    let record = env.root().join("browser.record");
    let script = env.root().join("browser");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, record)
}

/// `report` with `BROWSER` set, no platform opener on `PATH`, and `TMPDIR` in the test's root.
fn report_opening(env: &TestEnv, roadmap: &Path, script: &Path, args: &[&str]) -> Run {
    let tmp = env.root().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let empty_path = env.root().join("empty-path");
    std::fs::create_dir_all(&empty_path).unwrap();
    let mut command = env.command();
    command
        .env("PATH", &empty_path)
        .env("TMPDIR", &tmp)
        .env("BROWSER", script)
        .args(["--roadmap", roadmap.to_str().unwrap(), "report"])
        .args(args);
    Run::from(command.output().unwrap())
}

#[test]
fn output_writes_the_page_to_a_file() {
    let env = TestEnv::new();
    let roadmap = starter(&env);
    write_history(&env);
    let page = report(&env, &roadmap, &[]).success().stdout;
    assert_eq!(report(&env, &roadmap, &["-o", "-"]).success().stdout, page);
    let path = env.root().join("progress.html");
    std::fs::write(&path, "an old page, longer than nothing at all").unwrap();
    let run = report(&env, &roadmap, &["-o", path.to_str().unwrap()])
        .success()
        .stdout_empty();
    assert_eq!(
        run.stderr,
        format!("Wrote the report of 5 steps to {}.\n", path.display())
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), page);
}

#[test]
fn output_inside_the_data_directory_is_refused() {
    let env = TestEnv::new();
    let roadmap = starter(&env);
    write_history(&env);
    let before = env.snapshot_files();
    for target in [
        env.state_path(),
        env.data_dir().join("report.html"),
        env.data_dir().join("..").join("data").join("x.html"),
    ] {
        let run = report(&env, &roadmap, &["-o", target.to_str().unwrap()])
            .code(2)
            .stdout_empty();
        assert!(
            run.stderr.starts_with(&format!(
                "error: --output {}: that is inside the data directory ",
                target.display()
            )),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("choose a file outside it"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(env.snapshot_files(), before);
}

#[test]
fn open_writes_a_temporary_page_and_hands_it_to_the_browser() {
    let env = TestEnv::new();
    let roadmap = starter(&env);
    write_history(&env);
    let page = report(&env, &roadmap, &[]).success().stdout;
    let (script, record) = browser(&env);
    let run = report_opening(&env, &roadmap, &script, &["--open"]).success();
    let path = PathBuf::from(run.stdout.trim_end());
    assert_eq!(run.stdout, format!("{}\n", path.display()));
    assert_eq!(path.parent(), Some(env.root().join("tmp").as_path()));
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("mlops-path-report-"), "{name}");
    assert_eq!(path.extension().unwrap(), "html");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), page);
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        format!("{}\n", path.display())
    );
    assert_eq!(run.stderr, format!("Opened with {}.\n", script.display()));

    // With -o, that file is the one opened.
    let chosen = env.root().join("chosen.html");
    let run = report_opening(
        &env,
        &roadmap,
        &script,
        &["--open", "-o", chosen.to_str().unwrap()],
    )
    .success();
    assert_eq!(run.stdout, format!("{}\n", chosen.display()));
    assert_eq!(std::fs::read_to_string(&chosen).unwrap(), page);
    assert!(
        std::fs::read_to_string(&record)
            .unwrap()
            .ends_with(&format!("{}\n", chosen.display()))
    );
}

#[test]
fn open_without_a_browser_warns_and_keeps_the_page() {
    let env = TestEnv::new();
    let roadmap = starter(&env);
    let missing = env.root().join("no-such-browser");
    let run = report_opening(&env, &roadmap, &missing, &["--open"]).success();
    let path = PathBuf::from(run.stdout.trim_end());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    assert_eq!(
        run.stderr,
        format!(
            "warning: could not open a browser ({}: not found; xdg-open: not found); copy the path above, or set BROWSER\n",
            missing.display()
        )
    );
}

#[test]
fn open_cannot_open_standard_output() {
    let env = TestEnv::new();
    let roadmap = starter(&env);
    let (script, record) = browser(&env);
    let run = report_opening(&env, &roadmap, &script, &["--open", "-o", "-"])
        .code(2)
        .stdout_empty();
    assert_eq!(
        run.stderr,
        "error: --open with --output -: a browser cannot open standard output; give a file, e.g. mlops-path report -o progress.html --open, or leave -o out\n"
    );
    assert!(!record.exists());
    assert_eq!(
        std::fs::read_dir(env.root().join("tmp")).unwrap().count(),
        0
    );
}

#[test]
fn the_readme_example_is_real_output() {
    let env = TestEnv::new();
    let blocks = crate::readme::blocks("## Share your progress");
    let console: Vec<&String> = blocks
        .iter()
        .filter(|(language, _)| *language == "console")
        .map(|(_, text)| text)
        .collect();
    assert_eq!(console.len(), 1);
    assert_eq!(crate::readme::replay(&env, console[0]), 1);
    let page = std::fs::read_to_string(env.root().join("progress.html")).unwrap();
    assert_eq!(super::step_boxes(&page).len(), 114);
}
