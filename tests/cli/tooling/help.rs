//! The help of every command as a snapshot, the overview `mlops-path` alone prints, and
//! what `--quiet` silences.

use clap::CommandFactory;
use mlops_path::cli::Cli;

use crate::common::{Run, TestEnv};

/// Every command path, however deep: `["next"]`, `["done"]`, ... Commands added later are
/// covered without touching this test.
fn command_paths(command: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    for sub in command.get_subcommands() {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_owned());
        out.push(path.clone());
        command_paths(sub, &path, out);
    }
}

#[test]
fn the_help_of_every_command_is_a_snapshot() {
    let env = TestEnv::new();
    let mut paths = vec![Vec::new()];
    command_paths(&Cli::command(), &[], &mut paths);
    assert!(paths.len() > 10, "{paths:?}");
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        // Without the variable, so its value (a temporary path) stays out of the snapshot.
        let mut command = env.command();
        command.env_remove("MLOPS_PATH_DATA_DIR").args(&args);
        let run = Run::from(command.output().unwrap())
            .success()
            .stderr_empty();
        let name = if path.is_empty() {
            "help".to_owned()
        } else {
            format!("help-{}", path.join("-"))
        };
        insta::assert_snapshot!(name, run.stdout, &format!("mlops-path {}", args.join(" ")));
    }
    assert!(
        !env.root().join(".local").exists(),
        "--help created the data directory"
    );
}

#[test]
fn no_arguments_prints_an_overview_and_creates_nothing() {
    let env = TestEnv::new();
    let run = env.run(&[]).success().stderr_empty();
    insta::assert_snapshot!(run.stdout);
    assert!(!env.data_dir().exists());
}

#[test]
fn no_arguments_with_history_shows_progress_and_the_next_step() {
    let env = TestEnv::new();
    env.record(&[&["done", "what-is-mlops"], &["start", "how-ml-works"]]);
    let run = env.run(&[]).success().stderr_empty();
    assert!(
        run.stdout.ends_with(
            "MLOps for DevOps Engineers: 1/114 steps settled (0%)\n\
             Next: how-ml-works  How Does Machine Learning Work?\n\n\
             Head start: a DevOps engineer may skip these stages:\n  \
             mlops-path skip --section devops-role\n    \
             Role of DevOps in MLOps: the case for DevOps in ML, if you have worked beside a data team\n  \
             mlops-path skip --section tools\n    \
             Free MLOps Tools & Services: a hosted notebook; the labs run on your own machine\n\n\
             More: mlops-path --help (every command), mlops-path help COMMAND, man mlops-path\n"
        ),
        "{}",
        run.stdout
    );
    // A stage once settled is no longer offered; once both are, the head start is gone.
    env.record(&[&["skip", "--section", "tools"]]);
    let run = env.run(&[]).success();
    assert!(
        run.stdout.contains("skip --section devops-role\n"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("skip --section tools"),
        "{}",
        run.stdout
    );
    env.record(&[&["skip", "--section", "devops-role"]]);
    let run = env.run(&[]).success();
    assert!(!run.stdout.contains("Head start"), "{}", run.stdout);
}

#[test]
fn no_arguments_on_another_roadmap_names_no_head_start() {
    let env = TestEnv::new();
    let path = env.root().join("team.json");
    std::fs::write(
        &path,
        r#"{"id": "team", "title": "Team", "sections": [{"id": "devops-role", "title": "Role",
            "steps": [{"id": "a", "title": "A", "kind": "concept", "minutes": 5, "summary": ""}]}]}"#,
    )
    .unwrap();
    let run = env.run(&["--roadmap", path.to_str().unwrap()]).success();
    assert!(!run.stdout.contains("Head start"), "{}", run.stdout);
}

#[test]
fn no_arguments_with_a_corrupt_state_says_so() {
    let env = TestEnv::new();
    env.write_state("{");
    insta::assert_snapshot!(env.outcome(&[]));
}

#[test]
fn quiet_silences_confirmations_of_every_write() {
    let env = TestEnv::new();
    for args in [
        &["-q", "start", "what-is-mlops"][..],
        &["--quiet", "note", "what-is-mlops", "read the intro"],
        &["done", "-q", "what-is-mlops", "how-ml-works"],
        &["skip", "mlops-teams", "--quiet"],
        &["-q", "reopen", "mlops-teams"],
        &["-q", "done", "what-is-mlops"],
        &["-q", "undo"],
    ] {
        env.run(args).success().stdout_empty().stderr_empty();
    }
    let kinds: Vec<String> = env
        .events()
        .iter()
        .map(|e| format!("{} {}", e["kind"], e["step"]))
        .collect();
    assert_eq!(
        kinds,
        [
            r#""start" "what-is-mlops""#,
            r#""note" "what-is-mlops""#,
            r#""done" "what-is-mlops""#,
            r#""done" "how-ml-works""#,
            r#""skip" "mlops-teams""#,
            r#""reopen" "mlops-teams""#,
            r#""retract" "mlops-teams""#
        ]
    );
}

#[test]
fn quiet_keeps_errors_warnings_and_requested_output() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.outcome(&["-q", "done", "kubeflw"]));
    env.run(&["-q", "done", "mlops-vs-devops"])
        .success()
        .stdout_empty()
        .stderr_has("warning: mlops-vs-devops requires what-is-mlops");
    let loud = env.run(&["status"]).success();
    let quiet = env.run(&["-q", "status"]).success().stderr_empty();
    assert_eq!(quiet.stdout, loud.stdout);
    assert!(quiet.stdout.contains("Overall"));
}
