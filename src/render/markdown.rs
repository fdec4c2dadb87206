//! The one Markdown escaping of untrusted text, for `export --format md`, `log --recap` and
//! `team status --format md`.

/// Backslash-escapes the punctuation that Markdown would read as formatting, HTML, a
/// strikethrough or a table cell's end.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markdown_punctuation_is_escaped_and_the_rest_kept() {
        assert_eq!(
            escape("a|b ~x~ *y* [l](u) <b> #h `c` \\"),
            r"a\|b \~x\~ \*y\* \[l\](u) \<b\> \#h \`c\` \\"
        );
        assert_eq!(escape("plain, text: 1.5 (ok)"), "plain, text: 1.5 (ok)");
    }
}
