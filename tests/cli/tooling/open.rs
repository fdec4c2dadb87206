//! `open`: the link goes to `$BROWSER` (a script here, which records what it was given),
//! then to the platform opener; the link is always printed.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::common::{Run, TestEnv};

const KUBEFLOW: &str = "https://www.kubeflow.org/";

/// A browser script that appends its arguments, one per line, to `record`, then exits `code`.
fn browser(env: &TestEnv, name: &str, code: i32) -> (PathBuf, PathBuf) {
    let record = env.root().join(format!("{name}.record"));
    let script = env.root().join(name);
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\nexit {code}\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, record)
}

/// Runs with `BROWSER` set (or not) and a `PATH` without any platform opener.
fn open_with(env: &TestEnv, browser_var: Option<&str>, args: &[&str]) -> Run {
    let empty_path = env.root().join("empty-path");
    std::fs::create_dir_all(&empty_path).unwrap();
    let mut command = env.command();
    command.env("PATH", &empty_path).args(args);
    if let Some(value) = browser_var {
        command.env("BROWSER", value);
    }
    Run::from(command.output().unwrap())
}

fn recorded(record: &Path) -> Option<String> {
    std::fs::read_to_string(record).ok()
}

fn kubeflow_url(env: &TestEnv) -> String {
    env.run(&["show", "kubeflow", "--json"]).success().json()["url"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn opens_the_link_with_browser_prints_it_and_starts_the_step() {
    let env = TestEnv::new();
    assert_eq!(kubeflow_url(&env), KUBEFLOW);
    let (script, record) = browser(&env, "browser", 0);
    let run = open_with(&env, Some(script.to_str().unwrap()), &["open", "kube"]).success();
    assert_eq!(run.stdout, format!("{KUBEFLOW}\n"));
    assert_eq!(
        run.stderr,
        format!(
            "Started: kubeflow  Kubeflow\nOpened with {}.\n",
            script.display()
        )
    );
    assert_eq!(recorded(&record).unwrap(), format!("{KUBEFLOW}\n"));
    let events = env.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["kind"], "start");
    assert_eq!(events[0]["step"], "kubeflow");
    assert_eq!(events[0]["at"], "2026-03-10T09:00:00+01:00");

    // Already in progress: opened again, nothing recorded.
    let run = open_with(&env, Some(script.to_str().unwrap()), &["open", "kubeflow"]).success();
    assert_eq!(run.stdout, format!("{KUBEFLOW}\n"));
    assert!(!run.stderr.contains("Started"), "{}", run.stderr);
    assert_eq!(env.events().len(), 1);
    assert_eq!(
        recorded(&record).unwrap(),
        format!("{KUBEFLOW}\n{KUBEFLOW}\n")
    );
}

#[test]
fn browser_is_a_list_and_percent_s_places_the_link() {
    let env = TestEnv::new();
    let (broken, broken_record) = browser(&env, "broken", 3);
    let (good, record) = browser(&env, "good", 0);
    let value = format!(
        "{}/missing-browser:{}:{} --new-tab %s --flag",
        env.root().display(),
        broken.display(),
        good.display()
    );
    let run = open_with(&env, Some(&value), &["open", "kubeflow", "-q"]).success();
    assert_eq!(run.stdout, format!("{KUBEFLOW}\n"));
    assert_eq!(run.stderr, "");
    assert_eq!(recorded(&broken_record).unwrap(), format!("{KUBEFLOW}\n"));
    assert_eq!(
        recorded(&record).unwrap(),
        format!("--new-tab\n{KUBEFLOW}\n--flag\n")
    );
}

#[test]
fn print_and_no_start() {
    let env = TestEnv::new();
    let (script, record) = browser(&env, "browser", 0);
    let browser_var = Some(script.to_str().unwrap());
    open_with(
        &env,
        browser_var,
        &["open", "kubeflow", "--print", "--no-start"],
    )
    .success()
    .stderr_empty();
    assert_eq!(recorded(&record), None, "--print started a browser");
    assert!(!env.data_dir().exists(), "--no-start recorded something");

    open_with(&env, browser_var, &["open", "kubeflow", "--no-start"]).success();
    assert!(recorded(&record).is_some());
    assert!(!env.data_dir().exists(), "--no-start recorded something");

    // --print only prints, as its help says: no browser, nothing recorded.
    let run = open_with(&env, browser_var, &["open", "mlflow", "--print"]).success();
    assert_eq!(run.stdout, "https://mlflow.org/\n");
    assert_eq!(run.stderr, "");
    assert_eq!(recorded(&record).unwrap().lines().count(), 1);
    assert!(!env.data_dir().exists(), "--print recorded something");
}

#[test]
fn a_done_step_stays_done() {
    let env = TestEnv::new();
    env.record(&[&["done", "mlflow"]]);
    let before = env.state_bytes();
    open_with(&env, None, &["open", "mlflow", "--print"])
        .success()
        .stderr_empty();
    assert_eq!(env.state_bytes(), before);
}

#[test]
fn no_browser_prints_the_link_and_a_note_and_succeeds() {
    let env = TestEnv::new();
    let run = open_with(&env, None, &["open", "kubeflow", "-q"]).success();
    assert_eq!(run.stdout, format!("{KUBEFLOW}\n"));
    assert_eq!(
        run.stderr,
        "warning: could not open a browser (xdg-open: not found); copy the link above, or set BROWSER\n"
    );
    let (failing, _) = browser(&env, "failing", 1);
    let run = open_with(&env, Some(failing.to_str().unwrap()), &["open", "kubeflow"]).success();
    assert_eq!(run.stdout, format!("{KUBEFLOW}\n"));
    run.stderr_has(&format!(
        "could not open a browser ({}: exited with exit status: 1; xdg-open: not found)",
        failing.display()
    ));
}

#[test]
fn a_step_without_a_link_is_an_error_and_records_nothing() {
    let env = TestEnv::new();
    let (script, record) = browser(&env, "browser", 0);
    let browser = script.to_str().unwrap();
    let run = open_with(&env, Some(browser), &["open", "what-is-mlops"]);
    let no_link = env.describe(&[("BROWSER", browser)], &["open", "what-is-mlops"], &run);
    assert_eq!(recorded(&record), None);
    assert!(!env.data_dir().exists());
    let run = open_with(&env, None, &["open", "kubeflw"]);
    let unknown = env.describe(&[], &["open", "kubeflw"], &run);
    insta::assert_snapshot!([no_link, unknown].join("\n"));
}

#[test]
fn only_http_and_https_links_are_opened() {
    let env = TestEnv::new();
    let mut roadmap: serde_json::Value =
        serde_json::from_str(include_str!("../../../roadmap/mlops.json")).unwrap();
    roadmap["sections"][7]["steps"][0]["url"] = "file:///etc/passwd".into();
    assert_eq!(roadmap["sections"][7]["steps"][0]["id"], "kubeflow");
    let path = env.root().join("roadmap.json");
    std::fs::write(&path, roadmap.to_string()).unwrap();
    let (script, record) = browser(&env, "browser", 0);
    let browser = script.to_str().unwrap();
    let args = ["--roadmap", path.to_str().unwrap(), "open", "kubeflow"];
    let run = open_with(&env, Some(browser), &args);
    // Roadmap validation refuses the file before `open` could see the link.
    insta::assert_snapshot!(env.describe(&[("BROWSER", browser)], &args, &run));
    assert_eq!(recorded(&record), None);
    assert!(!env.data_dir().exists());
}
