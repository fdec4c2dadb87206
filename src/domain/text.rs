//! Characters that render as nothing or rewrite the terminal, found in untrusted text.

/// Controls (C0, DEL, C1), bidi marks, overrides and isolates, zero-width and line-separator
/// characters: they render as nothing, reorder what follows or drive the terminal. The
/// zero-width joiners (U+200C, U+200D) are not among them, since scripts and emoji need them.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'
                | '\u{200e}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// The first invisible character of `text` other than a newline, as `U+001B`, for a
/// problem report. A newline only breaks the line, and one-line output escapes it.
pub fn first_invisible(text: &str) -> Option<String> {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return None;
    }
    text.chars()
        .find(|&c| c != '\n' && is_invisible(c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
}

/// `text` without its invisible characters.
pub fn strip_invisible(text: &str) -> String {
    text.chars().filter(|&c| !is_invisible(c)).collect()
}

/// The one pluralizer: `n` and the noun, in the plural unless `n` is 1: `1 day`, `3 days`.
pub fn count_of<N: Copy + std::fmt::Display + PartialEq + From<u8>>(n: N, noun: &str) -> String {
    if n == N::from(1) {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `word` as one shell word: as it is when it holds nothing a shell treats specially,
/// otherwise in single quotes.
pub fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}
