//! Duplicate keys, refused anywhere in `state.json`: JSON readers silently keep one of two
//! equal keys, and a rewrite would drop the other.
//!
//! A scan of the bytes rather than a serde visitor: a visitor sees every number through
//! `serde_json`'s number parser, which refuses `1e400`, a value the file keeps as it is.

use std::borrow::Cow;
use std::collections::HashSet;

/// A key that appears twice in one object, anywhere in `bytes`, with its line and column
/// (of the key's closing quote, as `serde_json` places its errors). `bytes` is JSON that
/// already parsed; for anything else the answer means nothing, but the scan never panics.
pub(super) fn duplicate_key(bytes: &[u8]) -> Option<String> {
    // One entry per open object or array: the keys an object has had, `None` for an array.
    let mut open: Vec<Option<HashSet<Cow<[u8]>>>> = Vec::new();
    let mut expect_key = false;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'{' => {
                open.push(Some(HashSet::new()));
                expect_key = true;
            }
            b'[' => {
                open.push(None);
                expect_key = false;
            }
            b'}' | b']' => {
                open.pop();
                expect_key = false;
            }
            b',' => expect_key = matches!(open.last(), Some(Some(_))),
            b'"' => {
                let end = string_end(bytes, at)?;
                if expect_key && let Some(Some(keys)) = open.last_mut() {
                    let key = key_text(&bytes[at..=end]);
                    if keys.contains(&key) {
                        let (line, column) = place(bytes, end);
                        let key = String::from_utf8_lossy(&key).into_owned();
                        return Some(format!(
                            "duplicate key {key:?} at line {line} column {column}"
                        ));
                    }
                    keys.insert(key);
                }
                expect_key = false;
                at = end;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The index of the quote that closes the string opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    loop {
        match bytes.get(at)? {
            b'"' => return Some(at),
            b'\\' => at += 2,
            _ => at += 1,
        }
    }
}

/// What a quoted key says: its bytes, decoded where it has escapes (`"k\u0041"` is `kA`).
fn key_text(quoted: &[u8]) -> Cow<'_, [u8]> {
    let inner = &quoted[1..quoted.len() - 1];
    if !inner.contains(&b'\\') {
        return Cow::Borrowed(inner);
    }
    serde_json::from_slice::<String>(quoted)
        .map_or(Cow::Borrowed(inner), |key| Cow::Owned(key.into_bytes()))
}

/// The line and column (both from 1, the column in bytes) of `bytes[index]`.
fn place(bytes: &[u8], index: usize) -> (usize, usize) {
    let before = &bytes[..index];
    // Only for the one message, so a plain count is fast enough.
    #[allow(clippy::naive_bytecount)]
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |n| n + 1);
    (line, index - line_start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_key_is_named_with_its_line_and_column_at_any_depth() {
        assert_eq!(
            duplicate_key(b"{\"format\":2,\n\"events\":[],\"events\":[]}").as_deref(),
            Some("duplicate key \"events\" at line 2 column 20")
        );
        assert_eq!(
            duplicate_key(br#"{"a":[{"x":{"k":1,"k\u0041":2,"kA":3}}]}"#).as_deref(),
            Some("duplicate key \"kA\" at line 1 column 34")
        );
        assert_eq!(
            duplicate_key(br#"{"a":{"k":1},"b":{"k":[1,{"k":2}]}}"#),
            None
        );
    }

    #[test]
    fn values_are_not_keys_and_numbers_are_not_read() {
        // A string value equal to a key, a quote and a brace inside strings, a huge number.
        assert_eq!(
            duplicate_key(br#"{"k":"k","s":"\"k\":{","n":1e400,"a":["k","k"],"o":{}}"#),
            None
        );
        assert_eq!(
            duplicate_key(b"{\"n\":1e400,\n \"x\": [{}, {\"k\": 1, \"k\" : 2}]}").as_deref(),
            Some("duplicate key \"k\" at line 2 column 23")
        );
        for broken in [
            &b"{\"k"[..],
            b"\"",
            b"}}]]",
            b"{\"a\\",
            b"\xff{\"\xff\":1,\"\xff\":2}",
        ] {
            let _ = duplicate_key(broken);
        }
    }
}
