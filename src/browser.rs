//! Opening a link in the learner's browser: each command of `$BROWSER` in turn, then the
//! platform opener. Commands run without a shell, the link as one argument.

use std::io;
use std::process::{Command, Stdio};

/// The platform's own opener, tried after `$BROWSER`.
pub const PLATFORM_OPENER: &str = if cfg!(target_os = "macos") {
    "open"
} else {
    "xdg-open"
};

/// The commands to try, in order, each as program and arguments with the link in place.
///
/// `$BROWSER` is a colon-separated list of commands (the convention `sensible-browser` and
/// Python's `webbrowser` follow); `%s` in one stands for the link, otherwise it is appended.
pub fn candidates(browser_var: Option<&str>, url: &str) -> Vec<Vec<String>> {
    let mut commands: Vec<Vec<String>> = browser_var
        .unwrap_or_default()
        .split(':')
        .map(|entry| {
            entry
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|words| !words.is_empty())
        .map(|mut words| {
            if words.iter().any(|w| w.contains("%s")) {
                for word in &mut words {
                    *word = word.replace("%s", url);
                }
            } else {
                words.push(url.to_owned());
            }
            words
        })
        .collect();
    commands.push(vec![PLATFORM_OPENER.to_owned(), url.to_owned()]);
    commands
}

/// Why a command did not open the link.
#[derive(Debug)]
pub struct Failure {
    pub program: String,
    pub reason: String,
}

/// Runs each command until one succeeds; returns the program that did, or every failure.
/// Waits for each, as openers return at once and a browser script must finish its work.
pub fn open(commands: &[Vec<String>]) -> Result<String, Vec<Failure>> {
    let mut failures = Vec::new();
    for words in commands {
        let Some((program, args)) = words.split_first() else {
            continue;
        };
        let status = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            // Our stdout carries the link, maybe into a pipe; keep the browser's chatter out.
            .stdout(Stdio::null())
            .status();
        let reason = match status {
            Ok(status) if status.success() => return Ok(program.clone()),
            Ok(status) => format!("exited with {status}"),
            Err(e) if e.kind() == io::ErrorKind::NotFound => "not found".to_owned(),
            Err(e) => e.to_string(),
        };
        failures.push(Failure {
            program: program.clone(),
            reason,
        });
    }
    Err(failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_entries_come_first_with_the_link_placed() {
        let url = "https://mlflow.org";
        let commands = candidates(Some("firefox --new-tab:: w3m %s -dump %s"), url);
        assert_eq!(
            commands,
            [
                vec!["firefox", "--new-tab", url],
                vec!["w3m", url, "-dump", url],
                vec![PLATFORM_OPENER, url],
            ]
        );
        assert_eq!(candidates(None, url), [vec![PLATFORM_OPENER, url]]);
        assert_eq!(candidates(Some(""), url), [vec![PLATFORM_OPENER, url]]);
    }
}
