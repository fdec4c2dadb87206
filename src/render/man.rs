//! The man page: `clap_mangen`'s page for `mlops-path`, then one subsection per command, so a
//! single `mlops-path.1` documents everything.

use clap_mangen::Man;

/// The whole page as roff, from the command-line definition.
pub fn page(command: &clap::Command) -> String {
    let man = Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)
        .and_then(|()| man.render_name_section(&mut out))
        .and_then(|()| man.render_synopsis_section(&mut out))
        .and_then(|()| man.render_description_section(&mut out))
        .and_then(|()| man.render_options_section(&mut out))
        .expect("writing to memory cannot fail");
    // clap_mangen's own command list points to one page per command; ours are all here.
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in command.get_subcommands() {
        render_command(sub, command.get_name(), &mut out);
    }
    out.extend_from_slice(b".SH EXAMPLES\n");
    section(&mut out, |w| man.render_extra_section(w));
    out.extend_from_slice(FILES_AND_ENVIRONMENT.as_bytes());
    man.render_version_section(&mut out)
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("clap_mangen writes UTF-8")
}

const FILES_AND_ENVIRONMENT: &str = r#".SH FILES
.TP
\fIstate.json\fR
Your progress: timestamped events, in the data directory (\fI$XDG_DATA_HOME/mlops\-path\fR,
usually \fI~/.local/share/mlops\-path\fR). Written under a lock, atomically.
.TP
\fIstate.json.bak\fR
The version before the last change.
.SH ENVIRONMENT
.TP
\fBMLOPS_PATH_DATA_DIR\fR
The data directory, when \fB\-\-data\-dir\fR is not given.
.TP
\fBMLOPS_PATH_ROADMAP\fR
The roadmap, when \fB\-\-roadmap\fR is not given.
.TP
\fBMLOPS_PATH_NOW\fR
An RFC 3339 timestamp that replaces the clock; for tests and scripts.
.TP
\fBMLOPS_PATH_LOCK_TIMEOUT\fR
Seconds a writer waits for the lock (default 10).
.TP
\fBBROWSER\fR
Commands \fBopen\fR tries first, separated by colons; \fB%s\fR stands for the link.
.TP
\fBNO_COLOR\fR, \fBCLICOLOR_FORCE\fR
Turn colour off, or on even in a pipe, with \fB\-\-color auto\fR.
.SH "EXIT STATUS"
0 on success, 1 on a failure (bad state file, I/O, busy lock, nothing to undo),
2 on a usage error (bad arguments, unknown step, unreadable date).
"#;

/// One command as a subsection: what it does, usage, options, examples; then its own commands.
fn render_command(command: &clap::Command, parent: &str, out: &mut Vec<u8>) {
    let path = format!("{parent} {}", command.get_name());
    let man = Man::new(command.clone().bin_name(&path));
    out.extend_from_slice(format!(".SS \"{path}\"\n").as_bytes());
    section(out, |w| man.render_description_section(w));
    out.extend_from_slice(b".PP\n\\fBUsage:\\fR\n.br\n");
    section(out, |w| man.render_synopsis_section(w));
    let has_arguments = command
        .get_arguments()
        .any(|arg| !arg.is_hide_set() && arg.get_id() != "help");
    if has_arguments {
        out.extend_from_slice(b".PP\n\\fBOptions:\\fR\n");
        section(out, |w| man.render_options_section(w));
    }
    if command.get_after_help().is_some() {
        out.extend_from_slice(b".PP\n");
        section(out, |w| man.render_extra_section(w));
    }
    for sub in command.get_subcommands() {
        render_command(sub, &path, out);
    }
}

/// A section `clap_mangen` renders, without its `.SH` heading, which would end the subsection.
fn section(out: &mut Vec<u8>, render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) {
    let mut rendered = Vec::new();
    render(&mut rendered).expect("writing to memory cannot fail");
    for line in String::from_utf8_lossy(&rendered).lines() {
        if !line.starts_with(".SH ") {
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn covers_every_command_with_its_examples() {
        let command = crate::cli::Cli::command();
        let page = page(&command);
        assert!(page.contains(".TH mlops-path 1"));
        for sub in command.get_subcommands() {
            let heading = format!(".SS \"mlops-path {}\"", sub.get_name());
            assert!(page.contains(&heading), "no {heading}");
        }
        assert!(page.contains(r"mlops\-path done kubeflow \-m"));
        assert_eq!(page.lines().filter(|l| l.starts_with(".TH")).count(), 1);
    }
}
