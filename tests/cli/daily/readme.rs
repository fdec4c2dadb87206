//! The README's section on the daily log shows real output: this replays its history and
//! runs every command in its console block.

use crate::common::TestEnv;

/// The README's history, with the clock at Tuesday 10 March 2026, 20:00 in Berlin.
fn readme_history() -> TestEnv {
    let mut env = TestEnv::new();
    env.at("2026-03-10T20:00:00+01:00");
    env.record(&[
        &["done", "what-is-mlops", "--at", "2026-02-16T19:00:00+01:00"],
        &[
            "note",
            "mlops-vs-devops",
            "data drifts; code does not",
            "--at",
            "2026-02-17T19:30:00+01:00",
        ],
        &[
            "done",
            "mlops-vs-devops",
            "--at",
            "2026-02-18T20:00:00+01:00",
        ],
        &["done", "mlops-teams", "--at", "2026-02-23T19:00:00+01:00"],
        &[
            "skip",
            "how-ml-works",
            "-m",
            "did a course on this",
            "--at",
            "2026-02-24T19:00:00+01:00",
        ],
        &[
            "start",
            "devops-for-ml-different",
            "--at",
            "2026-03-02T19:00:00+01:00",
        ],
        &[
            "done",
            "devops-for-ml-different",
            "--at",
            "2026-03-03T21:00:00+01:00",
        ],
        &[
            "done",
            "devops-for-ml-data",
            "--at",
            "2026-03-05T19:00:00+01:00",
        ],
        &[
            "start",
            "ml-visual-explanation",
            "--at",
            "2026-03-08T10:00:00+01:00",
        ],
        &[
            "note",
            "ml-visual-explanation",
            "the decision-tree animation is the clearest part",
            "--at",
            "2026-03-09T19:00:00+01:00",
        ],
        &[
            "done",
            "ml-visual-explanation",
            "--at",
            "2026-03-09T19:40:00+01:00",
        ],
        &[
            "done",
            "mlops-and-devops-data",
            "-m",
            "read on the train",
            "--at",
            "2026-03-10T08:10:00+01:00",
        ],
        &["start", "ml-algorithm-vs-model"],
    ]);
    env
}

/// The console block of the README section `heading`.
fn console_block(readme: &str, heading: &str) -> String {
    let section = readme
        .split(&format!("\n{heading}\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("README has no {heading:?}"));
    let block = section
        .split("```console\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a console block");
    block.to_owned()
}

#[test]
fn the_readme_daily_log_section_is_real_output() {
    let env = readme_history();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let shown = console_block(&readme, "## The daily log");
    let mut replayed = String::new();
    let mut commands = 0;
    for line in shown.lines().filter(|l| l.starts_with("$ ")) {
        // `$ mlops-path ARGS [| tail -N]`: arguments without quotes, an optional tail.
        let (command, tail) = match line.split_once(" | tail -") {
            Some((command, n)) => (command, Some(n.parse::<usize>().expect("tail count"))),
            None => (line, None),
        };
        let args: Vec<&str> = command.split_whitespace().skip(2).collect();
        let stdout = env.run(&args).success().stdout;
        let lines: Vec<&str> = stdout.lines().collect();
        let kept = &lines[tail.map_or(0, |n| lines.len().saturating_sub(n))..];
        if !replayed.is_empty() {
            replayed.push('\n');
        }
        replayed.push_str(line);
        replayed.push('\n');
        for kept_line in kept {
            replayed.push_str(kept_line);
            replayed.push('\n');
        }
        commands += 1;
    }
    assert_eq!(commands, 4, "the README shows four commands");
    assert_eq!(shown, replayed.trim_end_matches('\n'));
}
