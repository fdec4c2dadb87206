//! Completion scripts loaded in real bash, zsh and fish, and the man page rendered by groff.
//! `bash .ci/run` installs the shells and groff when they are missing.

use assert_cmd::Command;
use std::path::Path;
use std::time::Duration;

use clap::CommandFactory;
use mlops_path::cli::Cli;

use crate::common::TestEnv;

/// Writes `mlops-path completions SHELL` to a file in the test's directory.
fn script(env: &TestEnv, shell: &str) -> std::path::PathBuf {
    let run = env.run(&["completions", shell]).success().stderr_empty();
    let path = env.root().join(format!("completion.{shell}"));
    std::fs::write(&path, run.stdout).unwrap();
    path
}

/// Runs `program args` with a bounded time and a minimal environment; returns stdout.
#[track_caller]
fn run_shell(env: &TestEnv, program: &str, args: &[&str]) -> String {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .expect("sh runs");
    assert!(
        found.status.success(),
        "{program} is not installed; `bash .ci/run` installs it"
    );
    let output = Command::new(program)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.root())
        .env("TERM", "dumb")
        .current_dir(env.root())
        .timeout(Duration::from_secs(60))
        .output()
        .expect("the shell runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{program} failed\n--- stdout\n{stdout}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// What bash offers for the last word of `line`, calling the completion function as bash does.
fn bash_offers(env: &TestEnv, script: &Path, line: &str) -> Vec<String> {
    let program = r#"source "$1"
COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_mlops__path mlops-path "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}""#;
    let script = script.to_str().unwrap();
    words(&run_shell(
        env,
        "bash",
        &["--norc", "--noprofile", "-c", program, "bash", script, line],
    ))
}

fn zsh_offers(env: &TestEnv, script: &Path, line: &str) -> Vec<String> {
    let capture = env.root().join("capture.zsh");
    std::fs::write(&capture, include_str!("capture.zsh")).unwrap();
    words(&run_shell(
        env,
        "zsh",
        &[
            "-f",
            capture.to_str().unwrap(),
            script.to_str().unwrap(),
            line,
        ],
    ))
}

fn fish_offers(env: &TestEnv, script: &Path, line: &str) -> Vec<String> {
    let program = format!("source {}; complete -C '{line}'", script.display());
    run_shell(env, "fish", &["--no-config", "-c", &program])
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

fn words(output: &str) -> Vec<String> {
    output
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_commands_and_step_ids() {
    let env = TestEnv::new();
    let script = script(&env, "bash");
    assert_eq!(
        sorted(bash_offers(&env, &script, "mlops-path do")),
        ["doctor", "done"]
    );
    assert_eq!(
        bash_offers(&env, &script, "mlops-path export --format "),
        ["json", "csv", "md"]
    );
    assert_eq!(
        bash_offers(&env, &script, "mlops-path done kube"),
        ["kubeflow"]
    );
}

#[test]
fn zsh_completes_commands_and_step_ids() {
    let env = TestEnv::new();
    let script = script(&env, "zsh");
    assert_eq!(
        sorted(zsh_offers(&env, &script, "mlops-path do")),
        ["doctor", "done"]
    );
    assert_eq!(
        zsh_offers(&env, &script, "mlops-path show kube"),
        ["kubeflow"]
    );
}

#[test]
fn fish_completes_commands_and_step_ids() {
    let env = TestEnv::new();
    let script = script(&env, "fish");
    assert_eq!(
        sorted(fish_offers(&env, &script, "mlops-path do")),
        ["doctor", "done"]
    );
    assert_eq!(
        fish_offers(&env, &script, "mlops-path start kube"),
        ["kubeflow"]
    );
    assert_eq!(
        fish_offers(&env, &script, "mlops-path completions z"),
        ["zsh"]
    );
}

#[test]
fn every_shell_gets_a_script_and_an_unknown_shell_is_a_usage_error() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = env.run(&["completions", shell]).success().stderr_empty();
        assert!(run.stdout.contains("mlops-path"), "{shell}");
        assert!(run.stdout.contains("done"), "{shell}");
    }
    insta::assert_snapshot!(env.outcome(&["completions", "tcsh"]));
    assert!(!env.data_dir().exists(), "completions created the data dir");
}

#[test]
fn the_man_page_renders_without_warnings_and_covers_every_command() {
    let env = TestEnv::new();
    let page = env.run(&["man"]).success().stderr_empty().stdout;
    let path = env.root().join("mlops-path.1");
    std::fs::write(&path, &page).unwrap();
    let found = Command::new("sh")
        .args(["-c", "command -v groff"])
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "groff is not installed; `bash .ci/run` installs it"
    );
    let output = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&path)
        .env("LC_ALL", "C.UTF-8")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "groff warned about the man page"
    );
    let text = Command::new("groff")
        .args(["-man", "-Tascii", "-P-cbou"])
        .arg(&path)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for command in Cli::command()
        .get_subcommands()
        .map(clap::Command::get_name)
    {
        assert!(
            text.contains(&format!("   mlops-path {command}\n")),
            "no section for {command}:\n{text}"
        );
    }
    assert!(text.contains("mlops-path done kubeflow -m"));
}

/// Shells order candidates their own way; these tests are about which are offered.
fn sorted(mut offers: Vec<String>) -> Vec<String> {
    offers.sort();
    offers
}
