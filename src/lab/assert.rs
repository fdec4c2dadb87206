//! JSON Pointer assertions: the declarative checks' whole language. Pure.

use serde_json::Value;

use super::manifest::{Assertion, Op};

/// Why the first failing assertion fails, or `None` when all hold.
pub fn first_failure(document: &Value, asserts: &[Assertion]) -> Option<String> {
    asserts.iter().find_map(|a| failure(document, a))
}

fn failure(document: &Value, assertion: &Assertion) -> Option<String> {
    let pointer = &assertion.pointer;
    let found = document.pointer(pointer);
    let expected = assertion.value.as_ref().unwrap_or(&Value::Null);
    let Some(found) = found else {
        return Some(format!("{pointer:?} is missing"));
    };
    let holds = match assertion.op {
        Op::Exists => true,
        Op::Eq => same(found, expected),
        Op::Ne => !same(found, expected),
        Op::Gte => compare(found, expected).is_some_and(std::cmp::Ordering::is_ge),
        Op::Lte => compare(found, expected).is_some_and(std::cmp::Ordering::is_le),
        Op::In => expected
            .as_array()
            .is_some_and(|set| set.iter().any(|v| same(found, v))),
        Op::NotIn => expected
            .as_array()
            .is_some_and(|set| !set.iter().any(|v| same(found, v))),
        Op::Type => expected.as_str() == Some(type_name(found)),
        Op::LenEq | Op::LenGte => {
            let len = length(found);
            let want = expected.as_u64().and_then(|n| usize::try_from(n).ok());
            match (len, want) {
                (Some(len), Some(want)) if assertion.op == Op::LenEq => len == want,
                (Some(len), Some(want)) => len >= want,
                _ => false,
            }
        }
    };
    (!holds).then(|| {
        format!(
            "{pointer:?} is {}, expected {} {}",
            short(found),
            op_words(assertion.op),
            short(expected)
        )
    })
}

/// Numbers compare by value (1 equals 1.0); anything else by JSON equality.
fn same(a: &Value, b: &Value) -> bool {
    match (number(a), number(b)) {
        (Some(x), Some(y)) => (x - y).abs() <= f64::EPSILON * x.abs().max(1.0),
        _ => a == b,
    }
}

/// Numeric operators accept numeric strings, as Prometheus answers them.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    number(a)?.partial_cmp(&number(b)?)
}

fn length(value: &Value) -> Option<usize> {
    match value {
        Value::Array(items) => Some(items.len()),
        Value::Object(map) => Some(map.len()),
        Value::String(s) => Some(s.chars().count()),
        _ => None,
    }
}

pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn op_words(op: Op) -> &'static str {
    match op {
        Op::Eq => "equal to",
        Op::Ne => "not equal to",
        Op::Gte => "at least",
        Op::Lte => "at most",
        Op::In => "one of",
        Op::NotIn => "none of",
        Op::Exists => "present",
        Op::Type => "of type",
        Op::LenEq => "of length",
        Op::LenGte => "of length at least",
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(80).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[allow(clippy::needless_pass_by_value)] // keeps the cases short
    fn check(doc: &Value, pointer: &str, op: &str, value: Value) -> Option<String> {
        let assertion: Assertion =
            serde_json::from_value(json!({"pointer": pointer, "op": op, "value": value})).unwrap();
        first_failure(doc, &[assertion])
    }

    #[test]
    fn every_operator_holds_and_fails() {
        let doc = json!({"a": 0.95, "s": "3", "list": [1, 2], "name": "ok"});
        let cases = [
            ("/a", "gte", json!(0.93), json!(0.96)),
            ("/a", "lte", json!(0.95), json!(0.9)),
            ("/s", "gte", json!(3), json!(4)),
            ("/name", "eq", json!("ok"), json!("no")),
            ("/name", "ne", json!("no"), json!("ok")),
            ("/name", "in", json!(["ok", "x"]), json!(["x"])),
            ("/name", "not_in", json!(["x"]), json!(["ok"])),
            ("/list", "type", json!("array"), json!("object")),
            ("/list", "len_eq", json!(2), json!(3)),
            ("/list", "len_gte", json!(2), json!(3)),
        ];
        for (pointer, op, holds, fails) in cases {
            assert_eq!(check(&doc, pointer, op, holds), None, "{pointer} {op}");
            let message = check(&doc, pointer, op, fails).expect("fails");
            assert!(message.starts_with(&format!("{pointer:?} is")), "{message}");
        }
        assert_eq!(check(&doc, "/a", "exists", Value::Null), None);
        assert_eq!(
            check(&doc, "/missing", "exists", Value::Null).as_deref(),
            Some("\"/missing\" is missing")
        );
    }

    #[test]
    fn integers_equal_floats_and_strings_do_not_equal_numbers_unless_compared() {
        let doc = json!({"seed": 7, "v": "1"});
        assert_eq!(check(&doc, "/seed", "eq", json!(7.0)), None);
        assert!(check(&doc, "/v", "gte", json!(2)).is_some());
        assert!(check(&doc, "/seed", "gte", json!("x")).is_some());
    }
}
