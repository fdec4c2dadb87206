//! The README shows real output: its console blocks are replayed against the binary.

use crate::common::TestEnv;

pub const README: &str = include_str!("../../README.md");
/// The data directory as the README shows it: the default one on Linux.
pub const SHOWN_DATA_DIR: &str = "~/.local/share/mlops-path";

/// The fenced blocks of one section of the README, as (language, text); the section ends
/// at the next `## ` heading outside a block.
pub fn blocks(section: &str) -> Vec<(&'static str, String)> {
    let start = README.find(section).expect("the README has the section");
    let mut blocks = Vec::new();
    let mut lines = README[start + section.len()..].lines();
    while let Some(line) = lines.next() {
        if line.starts_with("## ") {
            break;
        }
        if let Some(language) = line.strip_prefix("```").filter(|l| !l.is_empty()) {
            let text: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            blocks.push((language, text.join("\n") + "\n"));
        }
    }
    blocks
}

/// Runs `$ mlops-path ...` lines and checks what follows each: stdout and stderr together,
/// or the exit code after `$ echo $?`.
pub fn replay(env: &TestEnv, console: &str) -> usize {
    let data_dir = env.data_dir().to_str().unwrap().to_owned();
    let mut commands = 0;
    let mut last_code = None;
    let mut lines = console.lines().peekable();
    while let Some(line) = lines.next() {
        let command = line.strip_prefix("$ ").expect("a command line");
        let mut expected = String::new();
        while let Some(next) = lines.next_if(|l| !l.starts_with("$ ")) {
            expected.push_str(next);
            expected.push('\n');
        }
        if command == "echo $?" {
            assert_eq!(Some(expected.trim()), last_code.as_deref(), "exit code");
            continue;
        }
        let args: Vec<&str> = shell_words(command);
        assert_eq!(args[0], "mlops-path");
        let run = env.run(&args[1..]);
        last_code = Some(run.code.to_string());
        let got = format!("{}{}", run.stdout, run.stderr).replace(&data_dir, SHOWN_DATA_DIR);
        let got = got
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n");
        // A blank line separates commands in the README.
        assert_eq!(got.trim_end(), expected.trim_end(), "output of `{command}`");
        commands += 1;
    }
    commands
}

/// Splits a command line on spaces, keeping "quoted words" together.
fn shell_words(line: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').expect("a closing quote");
            words.push(&quoted[..end]);
            rest = quoted[end + 1..].trim_start();
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            words.push(&rest[..end]);
            rest = rest[end..].trim_start();
        }
    }
    words
}

#[test]
fn a_day_with_mlops_path_is_real_output() {
    let env = TestEnv::new();
    let blocks = blocks("## A day with mlops-path");
    let languages: Vec<&str> = blocks.iter().map(|(l, _)| *l).collect();
    assert_eq!(languages, ["console", "console"]);
    assert_eq!(replay(&env, &blocks[0].1), 6);
    assert_eq!(replay(&env, &blocks[1].1), 2);
}
