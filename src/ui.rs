//! Where output goes: data to stdout, messages to stderr, and whether to colour it.

use std::io::{self, IsTerminal, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::cli::ColorChoice;
use crate::error::{Error, Result};
use crate::render::visible_lines;

/// Styles for the parts of the output; all plain when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// No colour: for text that goes through `Ui::confirm`, which shows escapes as text.
    pub const PLAIN: Self = Self { color: false };
    pub const ID: Style = AnsiColor::Cyan.on_default();
    pub const DONE: Style = AnsiColor::Green.on_default();
    pub const ACTIVE: Style = AnsiColor::Yellow.on_default();
    pub const DIM: Style = Style::new().dimmed();
    pub const HEADING: Style = Style::new().bold();

    /// `text` in `style` when colour is on.
    pub fn paint(self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }
}

/// Decides colour once per stream, as fd does: never, always, or auto from the environment
/// and whether that stream is a terminal.
pub fn color_enabled(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
            if set("NO_COLOR") {
                false
            } else if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
            {
                true
            } else {
                stream_is_terminal
            }
        }
    }
}

#[derive(Debug)]
pub struct Ui {
    /// Colour for stdout.
    pub theme: Theme,
    /// Colour for stderr, decided on its own: `2>log` must not get escapes when stdout is a
    /// terminal, nor lose them when only stdout is piped.
    pub message_theme: Theme,
    pub quiet: bool,
    /// The columns human output is fitted to; `None` for no limit.
    pub width: Option<usize>,
}

/// The width to fit output to: `COLUMNS`, else the terminal's when stdout is one.
pub fn output_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS").ok();
    let terminal = if io::stdout().is_terminal() {
        terminal_size::terminal_size().map(|(width, _)| usize::from(width.0))
    } else {
        None
    };
    crate::render::fit::output_width(columns.as_deref(), terminal)
}

impl Ui {
    /// Requested output, to stdout. A closed pipe becomes `Error::ClosedPipe`, which ends quietly.
    #[allow(clippy::unused_self)] // stdout is global; the method keeps output decisions in one place
    pub fn data(&self, text: &str) -> Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    Error::ClosedPipe
                } else {
                    Error::io("cannot write to", "standard output", e)
                }
            })
    }

    /// Human output, fitted to the width: lines wrapped at words, URLs and commands whole.
    pub fn page(&self, text: &str) -> Result<()> {
        self.data(&crate::render::fit::wrap(text, self.width))
    }

    /// Pretty JSON, never coloured, to stdout.
    pub fn json<T: Serialize>(&self, value: &T) -> Result<()> {
        self.data(&json_text(value))
    }

    /// A confirmation, to stderr, plain (its text is made visible, escapes included);
    /// `--quiet` silences it.
    pub fn confirm(&self, message: &str) {
        if !self.quiet {
            message_line(&visible_lines(message));
        }
    }

    /// A warning, to stderr, always.
    pub fn warn(&self, message: &str) {
        let label = self
            .message_theme
            .paint(AnsiColor::Yellow.on_default().bold(), "warning");
        message_line(&format!("{label}: {}", visible_lines(message)));
    }
}

/// One line to stderr, as given: callers make untrusted text visible first. A stderr that cannot be written
/// (`2>/dev/full`, a closed pipe) loses the message but never panics: by then a change may
/// be recorded, and the exit code must say so.
pub fn message_line(message: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{message}").and_then(|()| err.flush());
}

/// What [`Ui::json`] prints: pretty JSON and a final newline.
pub fn json_text<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("output values always serialize");
    text.push('\n');
    text
}
