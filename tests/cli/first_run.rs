//! The small things of a first run: a data directory whose parents are missing, a `TZ`
//! that names no zone, and importing a list again over an installed one.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use crate::common::{Run, TestEnv};

fn mode(path: &std::path::Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn doctor_says_missing_parents_will_be_created_and_the_first_change_creates_them() {
    let env = TestEnv::new();
    let dir = env.root().join("new/deeper/data");
    let dir_arg = dir.to_str().unwrap();
    let run = env.run(&["--data-dir", dir_arg, "doctor"]).success();
    assert_eq!(
        env.redact(&run.stdout),
        "ok      data directory  [ROOT]/new/deeper/data does not exist yet, nor does [ROOT]/new; \
         the first change creates them (0700)\nHealthy: nothing to do.\n"
    );
    assert!(!env.root().join("new").exists(), "doctor created something");

    env.run(&["--data-dir", dir_arg, "done", "kubeflow"])
        .success();
    assert!(dir.join("state.json").is_file());
    for created in ["new", "new/deeper", "new/deeper/data"] {
        assert_eq!(mode(&env.root().join(created)), 0o700, "{created}");
    }
    env.run(&["--data-dir", dir_arg, "doctor"])
        .success()
        .stdout_has("ok      data directory  ");
}

#[test]
fn doctor_says_a_data_directory_under_a_file_cannot_be_created() {
    let env = TestEnv::new();
    fs::write(env.root().join("notes"), b"mine").unwrap();
    let dir = env.root().join("notes/data");
    insta::assert_snapshot!(env.outcome(&["--data-dir", dir.to_str().unwrap(), "doctor"]));
    assert_eq!(fs::read(env.root().join("notes")).unwrap(), b"mine");
}

fn with_tz(env: &TestEnv, tz: &str, args: &[&str]) -> Run {
    Run::from(
        env.command()
            .env("TZ", tz)
            .args(args)
            .output()
            .expect("the binary runs"),
    )
}

#[test]
fn a_tz_that_names_no_zone_is_named_once_on_stderr() {
    let env = TestEnv::new();
    let warning = "warning: TZ=\"Mars/Olympus\" is not a time zone known here; using the \
                   system's zone (UTC without one). Name a zone such as Europe/Berlin, or unset TZ\n";
    for args in [&["status"][..], &["done", "kubeflow"], &["log", "--json"]] {
        let run = with_tz(&env, "Mars/Olympus", args).success();
        assert_eq!(
            run.stderr.matches("TZ=").count(),
            1,
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.starts_with(warning), "{args:?}: {}", run.stderr);
    }
    // --quiet silences confirmations, never warnings.
    with_tz(&env, "Mars/Olympus", &["-q", "note", "kubeflow", "hi"])
        .success()
        .stderr_has(warning);
    // A zone by name, by path, a POSIX rule and an empty TZ (UTC) are all fine.
    for tz in [
        "Europe/Berlin",
        ":Europe/Paris",
        "/usr/share/zoneinfo/Asia/Tokyo",
        "CET-1CEST,M3.5.0,M10.5.0/3",
        "",
    ] {
        with_tz(&env, tz, &["status"]).success().stderr_empty();
    }
    // A file that is no zone file is named too.
    let fake = env.root().join("zone");
    fs::write(&fake, "Europe/Berlin\n").unwrap();
    with_tz(&env, fake.to_str().unwrap(), &["status"])
        .success()
        .stderr_has("is not a time zone known here");
}

#[test]
fn importing_a_changed_list_again_is_refused_before_any_summary_unless_forced() {
    let env = TestEnv::new();
    let list = env.root().join("list.md");
    fs::write(
        &list,
        "# List\n## Read\n- [Intro](https://example.com/a)\n- [Deep dive](https://example.com/b)\n",
    )
    .unwrap();
    let list_arg = list.to_str().unwrap();
    env.run(&["roadmap", "import", list_arg, "--install"])
        .success()
        .stderr_has("Installed list");
    // The same list again: nothing to replace.
    env.run(&["roadmap", "import", list_arg, "--install"])
        .success()
        .stderr_has("Already installed, unchanged:");
    env.run(&["--roadmap", "list", "done", "deep-dive"])
        .success();

    fs::write(
        &list,
        "# List\n## Read\n- [Intro](https://example.com/a)\n- [Deep dive](https://example.com/b)\n\
         - [More](https://example.com/c)\n",
    )
    .unwrap();
    let installed = env.data_dir().join("roadmaps/list.json");
    let before = fs::read(&installed).unwrap();
    let run = env
        .run(&["roadmap", "import", list_arg, "--install"])
        .code(1);
    assert_eq!(
        env.redact(&run.stderr),
        "error: a different roadmap with the id \"list\" is already installed at \
         [DATA]/roadmaps/list.json\n\
         hint: pass --force to replace it; progress recorded under this id is kept\n"
    );
    assert_eq!(fs::read(&installed).unwrap(), before);

    env.run(&["roadmap", "import", list_arg, "--install", "--force"])
        .success()
        .stderr_has("Imported 1 section(s) and 3 step(s)")
        .stderr_has("Replaced list");
    // Ids are stable, so the progress follows the new version.
    let status = env
        .run(&["--roadmap", "list", "status", "--json"])
        .success()
        .json();
    assert_eq!(
        (status["done"].as_u64(), status["total"].as_u64()),
        (Some(1), Some(3))
    );
}
