//! Fitting text to the terminal: lines wrapped at word boundaries, table cells shortened
//! with `…`. Widths count what a terminal shows, so colour codes count as nothing.
//!
//! Two things are never broken, since a broken one no longer works when pasted: a URL, and
//! a suggested command (from `mlops-path` to the end of the line or the closing backtick).
//! A line holding only one of them may run past the width.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Narrower terminals are treated as this wide: below it no layout stays readable.
pub const MIN_WIDTH: usize = 40;

/// The columns `text` takes on a terminal; ANSI escape sequences take none.
pub fn width_of(text: &str) -> usize {
    let mut width = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
        } else {
            width += c.width().unwrap_or(0);
        }
    }
    width
}

/// Skips the rest of an escape sequence: CSI (`ESC [ ... final`) or a two-character one.
fn skip_escape(chars: &mut std::str::Chars<'_>) {
    if chars.next() == Some('[') {
        for c in chars.by_ref() {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                break;
            }
        }
    }
}

/// `text` cut to at most `max` columns, ending in `…` when cut. Plain text only: callers
/// shorten before painting.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    if width_of(text) <= max {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if width + w + 1 > max {
            break;
        }
        out.push(c);
        width += w;
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    Cow::Owned(out)
}

/// Every line of `text` wrapped to `width` columns; `None` leaves it as it is.
pub fn wrap(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let pieces = wrap_line(body, width);
        out.push_str(&pieces.join("\n"));
        out.push_str(newline);
    }
    out
}

/// One line as lines of at most `width` columns. Continuation lines hang under the last
/// field that starts after two spaces in the first two thirds of the line (the title after an id
/// and a time, the value after `Section:`), or under the line's own indent.
fn wrap_line(line: &str, width: usize) -> Vec<String> {
    if width_of(line) <= width {
        return vec![line.to_owned()];
    }
    // Trailing spaces are nothing to wrap.
    let line = line.trim_end_matches(' ');
    let hang = " ".repeat(hang_column(line, width));
    let mut pieces = Vec::new();
    let mut current = line.to_owned();
    loop {
        if width_of(&current) <= width {
            pieces.push(current);
            return pieces;
        }
        let indent = current.len() - current.trim_start_matches(' ').len();
        let Some((head, rest)) = split_at_width(&current, indent, width) else {
            pieces.push(current);
            return pieces;
        };
        pieces.push(head.trim_end().to_owned());
        let rest = rest.trim_start_matches(' ');
        if rest.is_empty() {
            return pieces;
        }
        current = format!("{hang}{rest}");
    }
}

/// Where continuation lines start.
fn hang_column(line: &str, width: usize) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let mut hang = indent;
    let mut column = 0;
    let mut spaces = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
            continue;
        }
        if column > width * 2 / 3 {
            break;
        }
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 && column > indent {
                hang = column;
            }
            spaces = 0;
        }
        column += c.width().unwrap_or(0);
    }
    hang
}

/// The line split where it must break: after the last word that keeps the head within
/// `width`. A first word too wide is cut, unless it is a URL or a command, which stays
/// whole; `None` when nothing can be split off.
fn split_at_width(line: &str, indent: usize, width: usize) -> Option<(&str, &str)> {
    let mut pos = indent;
    let mut column = width_of(&line[..indent]);
    let mut last_break = None;
    while pos < line.len() {
        if line[pos..].starts_with(' ') {
            column += 1;
            pos += 1;
            continue;
        }
        let whole = unbreakable_from(&line[pos..]);
        let end = if whole {
            unbreakable_end(line, pos)
        } else {
            line[pos..].find(' ').map_or(line.len(), |i| pos + i)
        };
        let w = width_of(&line[pos..end]);
        if column + w > width {
            if let Some(at) = last_break {
                return Some(line.split_at(at));
            }
            if whole {
                return (end < line.len()).then(|| line.split_at(end));
            }
            return Some(line.split_at(cut_index(line, pos, width.saturating_sub(column))));
        }
        column += w;
        pos = end;
        if end < line.len() {
            last_break = Some(end);
        }
    }
    None
}

/// The byte after the last character of the word at `start` that fits in `room` columns;
/// at least one character, so wrapping always moves on.
fn cut_index(line: &str, start: usize, room: usize) -> usize {
    let mut width = 0;
    let mut end = start;
    for (at, c) in line[start..].char_indices() {
        let w = c.width().unwrap_or(0);
        if width + w > room && end > start {
            break;
        }
        width += w;
        end = start + at + c.len_utf8();
    }
    end
}

/// Whether the word at the start of `text` is a URL or a suggested command.
fn unbreakable_from(text: &str) -> bool {
    let word = text.trim_start_matches(['(', '<', '`']);
    word.starts_with("https://")
        || word.starts_with("http://")
        || word.starts_with("mlops-path ")
        || word == "mlops-path"
        || word.starts_with("mlops-path`")
}

/// The byte where the unbreakable run starting at `start` ends: a URL ends at a space, a
/// command at its closing backtick, else at the end of the line or a `, `, `; ` or ` (`.
fn unbreakable_end(line: &str, start: usize) -> usize {
    let text = &line[start..];
    let word = text.trim_start_matches(['(', '<', '`']);
    let end = if word.starts_with("mlops-path") {
        match text.strip_prefix('`') {
            Some(inner) => inner.find('`').map_or(text.len(), |i| i + 2),
            None => [", ", "; ", " ("]
                .iter()
                .filter_map(|stop| text.find(stop))
                .min()
                .map_or(text.len(), |i| i + 1),
        }
    } else {
        text.find(' ').unwrap_or(text.len())
    };
    start + end
}

/// The width to fit output to: `COLUMNS` when it holds a number, else the terminal's when
/// stdout is one, else none. Never below [`MIN_WIDTH`].
pub fn output_width(columns: Option<&str>, terminal: Option<usize>) -> Option<usize> {
    columns
        .and_then(|text| text.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or(terminal)
        .map(|n| n.max(MIN_WIDTH))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(text: &str) -> usize {
        text.lines().map(width_of).max().unwrap_or(0)
    }

    #[test]
    fn colour_codes_take_no_width() {
        assert_eq!(width_of("\u{1b}[36mkubeflow\u{1b}[0m"), 8);
        assert_eq!(width_of("日本"), 4);
    }

    #[test]
    fn shorten_ends_in_an_ellipsis_within_the_width() {
        assert_eq!(shorten("Kubeflow pipelines", 30), "Kubeflow pipelines");
        assert_eq!(shorten("Kubeflow pipelines", 10), "Kubeflow…");
        assert_eq!(width_of(&shorten("日本語のタイトル", 7)), 7);
    }

    #[test]
    fn wrap_breaks_at_words_and_hangs_under_the_field() {
        let line = "  09:00  done    kubeflow  Kubeflow pipelines for people who read long titles";
        let wrapped = wrap(line, Some(50));
        assert!(widest(&wrapped) <= 50, "{wrapped}");
        let lines: Vec<&str> = wrapped.lines().collect();
        assert_eq!(
            lines[0],
            "  09:00  done    kubeflow  Kubeflow pipelines for"
        );
        assert_eq!(lines[1], "                           people who read long");
        assert_eq!(lines[2], "                           titles");
    }

    #[test]
    fn urls_and_commands_stay_whole() {
        let url = "https://example.test/a/very/long/path/that/goes/on/and/on/and/on";
        let wrapped = wrap(&format!("Link:      {url}"), Some(40));
        assert_eq!(wrapped, format!("Link:\n           {url}"));
        let hint = "Finished it? mlops-path --data-dir /some/long/dir done kubeflow";
        assert_eq!(
            wrap(hint, Some(40)),
            "Finished it?\nmlops-path --data-dir /some/long/dir done kubeflow"
        );
        let quoted = "Nothing is ready. `mlops-path list --section data` shows them all.";
        let wrapped = wrap(quoted, Some(40));
        assert!(
            wrapped.contains("`mlops-path list --section data`"),
            "{wrapped}"
        );
        let several =
            "Help: mlops-path --help (every command), mlops-path help COMMAND, man mlops-path";
        assert!(widest(&wrap(several, Some(40))) <= 40);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let wrapped = wrap(&"x".repeat(90), Some(40));
        assert!(widest(&wrapped) <= 40);
        assert_eq!(wrapped.replace('\n', ""), "x".repeat(90));
    }

    #[test]
    fn trailing_spaces_make_no_blank_line() {
        let line = format!("{}   ", "word ".repeat(9).trim_end());
        assert_eq!(
            wrap(&line, Some(44)),
            "word word word word word word word word word"
        );
    }

    #[test]
    fn no_width_leaves_text_alone() {
        let text = "a ".repeat(200);
        assert_eq!(wrap(&text, None), text);
    }

    #[test]
    fn width_comes_from_columns_then_the_terminal() {
        assert_eq!(output_width(Some("60"), Some(120)), Some(60));
        assert_eq!(output_width(Some("wide"), Some(120)), Some(120));
        assert_eq!(output_width(None, None), None);
        assert_eq!(output_width(Some("10"), None), Some(MIN_WIDTH));
    }
}
