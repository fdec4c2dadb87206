//! One run's whole outcome as one text, for a snapshot: the command line, the exit code,
//! stdout and stderr, with the paths that change from run to run replaced by placeholders.
//! A changed message, hint or exit code then shows in review as a changed snapshot.

use std::fmt::Write as _;

use super::{BIN, NOW, Run, TZ, TestEnv};

/// The repository, for paths to fixtures in messages.
const REPO: &str = env!("CARGO_MANIFEST_DIR");

impl TestEnv {
    /// Runs `args` and renders what it did; see [`TestEnv::describe`].
    pub fn outcome(&self, args: &[&str]) -> String {
        self.outcome_with(&[], args)
    }

    /// Runs `args` with the environment variables `vars` added, and renders what it did.
    pub fn outcome_with(&self, vars: &[(&str, &str)], args: &[&str]) -> String {
        let mut command = self.command();
        for (name, value) in vars {
            command.env(name, value);
        }
        let run = Run::from(command.args(args).output().expect("the binary runs"));
        self.describe(vars, args, &run)
    }

    /// Runs `args` through `wrapper` (which the text leaves out), and renders what it did.
    pub fn outcome_via(&self, wrapper: &[&str], args: &[&str]) -> String {
        let run = self.run_via(wrapper, args);
        self.describe(&[], args, &run)
    }

    /// Several runs one after another, each rendered, in one text.
    pub fn outcomes(&self, runs: &[&[&str]]) -> String {
        let texts: Vec<String> = runs.iter().map(|args| self.outcome(args)).collect();
        texts.join("\n")
    }

    /// `run`, made with `args` and the added `vars`, as one text:
    ///
    /// ```text
    /// $ mlops-path show mlfow
    /// exit code 2
    /// --- stdout: empty
    /// --- stderr
    /// error: unknown step "mlfow"
    /// ```
    ///
    /// A clock or time zone other than the default shows as a variable before the command.
    /// The data directory becomes `[DATA]`, the temporary root `[ROOT]`, another temporary
    /// directory `[TMP]`, the repository `[REPO]` and the random part of a temporary file's
    /// name `[RANDOM]`. In the output, control characters other than a newline show as
    /// `[raw U+001B]`: a snapshot file would hide them, and none may reach a terminal.
    pub fn describe(&self, vars: &[(&str, &str)], args: &[&str], run: &Run) -> String {
        let mut shown_vars: Vec<(&str, &str)> = Vec::new();
        if self.now != NOW {
            shown_vars.push(("MLOPS_PATH_NOW", self.now.as_str()));
        }
        if self.tz != TZ {
            shown_vars.push(("TZ", self.tz.as_str()));
        }
        shown_vars.extend_from_slice(vars);
        let mut line = String::from("$");
        for (name, value) in shown_vars {
            let _ = write!(line, " {name}={}", quoted(&self.redact_all(value)));
        }
        line.push_str(" mlops-path");
        for arg in args {
            let _ = write!(line, " {}", quoted(&self.redact_all(arg)));
        }
        let mut text = format!("{line}\nexit code {}\n", run.code);
        stream(&mut text, "stdout", &self.redact_all(&run.stdout));
        stream(&mut text, "stderr", &self.redact_all(&run.stderr));
        text
    }

    /// Every path that differs between runs replaced; see [`TestEnv::describe`].
    fn redact_all(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for (path, placeholder) in [(self.data_dir(), "[DATA]"), (self.root(), "[ROOT]")] {
            if let Ok(real) = path.canonicalize() {
                text = text.replace(&real.display().to_string(), placeholder);
            }
            text = text.replace(&path.display().to_string(), placeholder);
        }
        let text = text.replace(BIN, "mlops-path").replace(REPO, "[REPO]");
        temporary_file_names(&other_temporary_directories(&text))
    }
}

/// The random part of a temporary file's name, `.state.json.Ab12Cd.tmp`, becomes `[RANDOM]`.
fn temporary_file_names(text: &str) -> String {
    const PREFIX: &str = ".state.json.";
    const SUFFIX: &str = ".tmp";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(PREFIX) {
        let after = &rest[at + PREFIX.len()..];
        let random = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        out.push_str(&rest[..at + PREFIX.len()]);
        if random == 6 && after[random..].starts_with(SUFFIX) {
            out.push_str("[RANDOM]");
        } else {
            out.push_str(&after[..random]);
        }
        rest = &after[random..];
    }
    out.push_str(rest);
    out
}

/// Temporary directories other than this environment's (`tempfile` names them `.tmp` and
/// six or more letters and digits) become `[TMP]`.
fn other_temporary_directories(text: &str) -> String {
    let base = std::env::temp_dir().join(".tmp").display().to_string();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&base) {
        out.push_str(&rest[..at]);
        let after = &rest[at + base.len()..];
        let name = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        if name >= 6 {
            out.push_str("[TMP]");
        } else {
            out.push_str(&base);
            out.push_str(&after[..name]);
        }
        rest = &after[name..];
    }
    out.push_str(rest);
    out
}

fn stream(text: &mut String, name: &str, content: &str) {
    if content.is_empty() {
        let _ = writeln!(text, "--- {name}: empty");
        return;
    }
    let _ = writeln!(text, "--- {name}");
    for c in content.chars() {
        if c.is_control() && c != '\n' {
            let _ = write!(text, "[raw U+{:04X}]", u32::from(c));
        } else {
            text.push(c);
        }
    }
    if !content.ends_with('\n') {
        text.push_str("\n[no newline at the end]\n");
    }
}

/// An argument as a shell would read it back: bare when that is safe, else in single
/// quotes, or as `$'...'` with escapes when it holds a control character.
fn quoted(arg: &str) -> String {
    let bare = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+%@".contains(c));
    if bare {
        arg.to_owned()
    } else if arg.chars().any(char::is_control) {
        let escaped: String = arg
            .chars()
            .map(|c| match c {
                '\n' => r"\n".to_owned(),
                '\t' => r"\t".to_owned(),
                '\\' | '\'' => format!("\\{c}"),
                c if c.is_control() => format!("\\u{:04X}", u32::from(c)),
                c => c.to_string(),
            })
            .collect();
        format!("$'{escaped}'")
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

#[test]
fn arguments_are_shown_as_a_shell_reads_them_back() {
    assert_eq!(quoted("kubeflow"), "kubeflow");
    assert_eq!(quoted("--at=2026-03-01"), "--at=2026-03-01");
    assert_eq!(quoted(""), "''");
    assert_eq!(quoted("a talk"), "'a talk'");
    assert_eq!(quoted("it's"), r"'it'\''s'");
    assert_eq!(quoted(" \t\n"), r"$' \t\n'");
    assert_eq!(quoted("a\u{1b}[2J"), r"$'a\u001B[2J'");
}

#[test]
fn outcomes_name_the_random_part_of_temporary_files_and_show_raw_controls() {
    assert_eq!(
        temporary_file_names("at [DATA]/.state.json.YW1cw7.tmp and .state.json.bak"),
        "at [DATA]/.state.json.[RANDOM].tmp and .state.json.bak"
    );
    let env = TestEnv::new();
    let run = Run {
        code: 1,
        stdout: String::new(),
        stderr: format!("error: {}/x\u{1b}[31m", env.data_dir().display()),
    };
    assert_eq!(
        env.describe(&[("BROWSER", "a b")], &["open", "x"], &run),
        "$ BROWSER='a b' mlops-path open x\nexit code 1\n--- stdout: empty\n--- stderr\n\
         error: [DATA]/x[raw U+001B][31m\n[no newline at the end]\n"
    );
}
