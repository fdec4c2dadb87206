//! Shell completion scripts, and what they complete beyond commands and options: the step
//! ids of the built-in roadmap.
//!
//! Scripts are generated ahead of time, so they can only know the roadmap compiled into the
//! binary; a step of a roadmap file is still accepted, it is just not offered.

use std::ffi::OsStr;
use std::fmt::Write;

use clap::builder::{PossibleValue, TypedValueParser};
use clap_complete::Shell;

use crate::domain::roadmap::{DEFAULT_ROADMAP, Roadmap};

/// Accepts any text as a STEP (prefixes and roadmap files are resolved later, with hints),
/// while telling clap the built-in ids so the completion scripts offer them.
#[derive(Debug, Clone, Copy, Default)]
pub struct StepIdParser;

impl TypedValueParser for StepIdParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let roadmap = Roadmap::built_in(DEFAULT_ROADMAP)?;
        let values: Vec<PossibleValue> = roadmap
            .steps()
            .map(|(_, step)| PossibleValue::new(step.id.clone()).help(step.title.clone()))
            .collect();
        Some(Box::new(values.into_iter()))
    }
}

/// The completion script for `shell`.
pub fn script(shell: Shell, command: &mut clap::Command) -> String {
    let name = command.get_name().to_owned();
    let mut out = Vec::new();
    clap_complete::generate(shell, command, &name, &mut out);
    let script = String::from_utf8(out).expect("clap_complete writes UTF-8");
    match shell {
        // clap_complete spells a hyphenated name two ways, so no subcommand's arguments ever
        // complete (clap-rs/clap#6421); use the spelling its dispatch loop produces.
        Shell::Bash => script.replace(&name.replace('-', "__subcmd__"), &name.replace('-', "__")),
        // clap_complete's fish script completes options only; bash and zsh already offer values.
        Shell::Fish => script + &fish_positional_values(command, &name),
        _ => script,
    }
}

/// `complete` lines offering each subcommand's positional values, one per value, with the
/// subcommands that share the same values in one condition.
fn fish_positional_values(command: &clap::Command, name: &str) -> String {
    let mut groups: Vec<(Vec<PossibleValue>, Vec<&str>)> = Vec::new();
    for sub in command.get_subcommands() {
        let values: Vec<PossibleValue> = sub
            .get_positionals()
            .filter_map(|arg| arg.get_value_parser().possible_values())
            .flatten()
            .filter(|value| !value.is_hide_set())
            .collect();
        if values.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(known, _)| *known == values) {
            Some((_, names)) => names.push(sub.get_name()),
            None => groups.push((values, vec![sub.get_name()])),
        }
    }
    let function = format!("__fish_{}_using_subcommand", name.replace('-', "_"));
    let mut out = String::new();
    for (values, names) in groups {
        let condition = format!("{function} {}", names.join(" "));
        for value in values {
            let _ = write!(
                out,
                "complete -c {name} -n \"{condition}\" -f -a {}",
                fish_quote(value.get_name())
            );
            if let Some(help) = value.get_help() {
                let _ = write!(out, " -d {}", fish_quote(&help.to_string()));
            }
            out.push('\n');
        }
    }
    out
}

/// A single-quoted fish string: only `\\` and `\'` are special inside.
fn fish_quote(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_the_built_in_ids_but_accepts_any_text() {
        let ids: Vec<String> = StepIdParser
            .possible_values()
            .unwrap()
            .map(|v| v.get_name().to_owned())
            .collect();
        assert_eq!(ids.len(), 114);
        assert_eq!(ids[0], "what-is-mlops");
        assert!(ids.contains(&"kubeflow".to_owned()));
        let command = clap::Command::new("t");
        let parsed = StepIdParser
            .parse_ref(&command, None, OsStr::new("kube"))
            .unwrap();
        assert_eq!(parsed, "kube");
    }

    #[test]
    fn fish_values_are_grouped_and_quoted() {
        use clap::CommandFactory;
        let lines = fish_positional_values(&crate::cli::Cli::command(), "mlops-path");
        let kubeflow: Vec<&str> = lines
            .lines()
            .filter(|l| l.contains("-a 'kubeflow'"))
            .collect();
        assert_eq!(kubeflow.len(), 1, "{lines}");
        assert!(
            kubeflow[0].starts_with(
                "complete -c mlops-path -n \"__fish_mlops_path_using_subcommand done start skip reopen note show"
            ),
            "{}",
            kubeflow[0]
        );
        assert!(lines.contains("-a 'zsh'"));
        assert_eq!(fish_quote(r"it's a \ test"), r"'it\'s a \\ test'");
    }
}
