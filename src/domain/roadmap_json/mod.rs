//! Reads roadmap JSON text into a `RoadmapFile`, reporting every problem of syntax and shape
//! (types, missing fields, unknown fields) and then every problem of meaning (`validate`).
//!
//! The text is read as a `serde_json::Value` first, so one run finds all problems rather
//! than stopping at the first, as typed deserialization would. Where a field is missing or
//! of the wrong type, a stand-in value lets the meaning checks go on; problems those
//! stand-ins would cause are not reported twice.

mod tree;

use serde_json::Value;

use super::roadmap::RoadmapFile;
use super::validate::{Location, Problem, validate};
use tree::TreeReader;

pub const ROADMAP_FIELDS: &[&str] = &["$schema", "id", "title", "sections"];
pub const SECTION_FIELDS: &[&str] = &["id", "title", "steps"];
pub const STEP_FIELDS: &[&str] = &[
    "id", "title", "kind", "url", "minutes", "summary", "requires", "replaces", "lab",
];

/// A valid roadmap, or every problem found in `text`.
pub fn read_roadmap(text: &str) -> Result<RoadmapFile, Vec<Problem>> {
    // The common case, a valid file, takes a typed parse, several times faster at 10,000
    // steps. It refuses unknown fields, wrong types and duplicate keys as the reader below
    // does; only `null`, which it takes for a missing optional field and the reader refuses,
    // needs the text check. Anything it refuses is read again to say what is wrong.
    if !text.contains("null")
        && let Ok(file) = serde_json::from_str::<RoadmapFile>(text)
        && validate(&file).is_empty()
    {
        return Ok(file);
    }
    read_roadmap_precisely(text)
}

/// Reads through a `Value` tree, which can name every problem and where it is.
fn read_roadmap_precisely(text: &str) -> Result<RoadmapFile, Vec<Problem>> {
    if text.starts_with('\u{feff}') {
        return Err(vec![Problem {
            location: Location::Text { line: 1, column: 1 },
            field: None,
            message: "starts with a UTF-8 byte order mark; save the file without it".into(),
        }]);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| vec![syntax_problem(&e)])?;
    let mut reader = TreeReader::default();
    let file = reader.roadmap(&value);
    let mut problems = reader.problems;
    let meaning: Vec<Problem> = validate(&file)
        .into_iter()
        .filter(|later| {
            !problems.iter().any(|p| {
                p.location == later.location && later.field.is_some() && p.field == later.field
            })
        })
        .collect();
    problems.extend(meaning);
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

/// `serde_json`'s message without its own " at line L column C" suffix, which the location says.
fn syntax_problem(error: &serde_json::Error) -> Problem {
    let (line, column) = (error.line(), error.column());
    let full = error.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    Problem {
        location: Location::Text { line, column },
        field: None,
        message: format!("JSON syntax: {message}"),
    }
}

pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roadmap::BUILT_IN;

    fn messages(text: &str) -> Vec<String> {
        read_roadmap(text)
            .expect_err("should be invalid")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn the_built_in_roadmap_reads_as_it_deserializes() {
        let (_, text) = BUILT_IN[0];
        let typed: RoadmapFile = serde_json::from_str(text).unwrap();
        assert_eq!(read_roadmap(text).unwrap(), typed);
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        assert_eq!(
            messages("{\n  \"id\": \"a\",\n  \"title\" \"x\"\n}"),
            ["line 3, column 11: JSON syntax: expected `:`"]
        );
        assert_eq!(
            messages("\u{feff}{}"),
            ["line 1, column 1: starts with a UTF-8 byte order mark; save the file without it"]
        );
    }

    #[test]
    fn reports_every_shape_and_meaning_problem_once() {
        let text = r#"{
          "id": "My_Map", "title": "T", "colour": "red",
          "sections": [
            {"id": "s", "title": "S", "steps": [
              {"id": "a", "title": "", "kind": "book", "minutes": 0, "summary": "x", "url": "ftp://x"},
              {"id": "b", "titel": "B", "kind": "article", "minutes": "30", "summary": "x",
               "requires": ["c", 3], "replaces": ["a"]},
              {"id": "c", "title": "C", "kind": "article", "minutes": 1.5},
              "oops"
            ]},
            {"title": "No id", "steps": []}
          ]
        }"#;
        assert_eq!(
            messages(text),
            [
                r#"roadmap: unknown field "colour"; known fields: $schema, id, title, sections"#,
                r#"section 0, step 0 ("a"): kind "book" is not one of concept, article, tool, course, lab, video"#,
                r#"section 0, step 0 ("a"): minutes must be a positive integer, found 0"#,
                r#"section 0, step 1 ("b"): unknown field "titel" (did you mean "title"?)"#,
                r#"section 0, step 1 ("b"): missing field "title""#,
                r#"section 0, step 1 ("b"): minutes must be a positive integer, found "30""#,
                r#"section 0, step 1 ("b"): "requires" item 1 must be a string, found a number"#,
                r#"section 0, step 2 ("c"): minutes must be a positive integer, found 1.5"#,
                r#"section 0, step 2 ("c"): missing field "summary""#,
                "section 0, step 3: expected an object, found a string",
                r#"section 1: missing field "id""#,
                r#"roadmap: id "My_Map" is not lowercase kebab-case"#,
                r#"section 0, step 0 ("a"): title is empty"#,
                r#"section 0, step 0 ("a"): url "ftp://x" is not an http(s) URL"#,
                "section 1: has no steps",
                r#"section 0, step 1 ("b"): requires "c" (section 0, step 2), which does not come before it; a step may only require earlier steps"#,
                r#"section 0, step 1 ("b"): replaces "a", which is still a step (section 0, step 0); a replaced id must be gone"#,
            ]
        );
    }

    #[test]
    fn the_quick_and_the_precise_reader_agree() {
        let (_, built_in) = crate::domain::roadmap::BUILT_IN[0];
        assert_eq!(read_roadmap(built_in), read_roadmap_precisely(built_in));
        let step = r#"{"id": "a", "title": "A", "kind": "article", "url": "https://a.example", "minutes": 5, "summary": "s"}"#;
        let good = format!(
            r#"{{"id": "r", "title": "R", "sections": [{{"id": "s", "title": "S", "steps": [{step}]}}]}}"#
        );
        assert!(read_roadmap(&good).is_ok());
        // A repeated key: the quick parse refuses it, the precise one keeps the last value.
        let repeated = good.replace(r#""minutes": 5"#, r#""minutes": 5, "minutes": 6"#);
        assert_eq!(
            read_roadmap(&repeated).map(|f| f.sections[0].steps[0].minutes),
            Ok(6)
        );
        let no_url = good.replace(r#""url": "https://a.example""#, r#""url": null"#);
        assert_eq!(
            read_roadmap(&no_url).map(|f| f.sections[0].steps[0].url.clone()),
            Ok(None)
        );
        for broken in [
            good.replace(r#""url": "https://a.example""#, r#""url": 5"#),
            good.replace(r#""minutes": 5"#, r#""minutes": 0"#),
            good.replace(r#""minutes": 5"#, r#""minutes": "5""#),
            good.replace(r#""summary": "s""#, r#""summary": "s", "extra": 1"#),
            good.replace(r#""kind": "article""#, r#""kind": "book""#),
            format!("\u{feff}{good}"),
        ] {
            assert!(read_roadmap(&broken).is_err(), "{broken}");
            assert_eq!(
                read_roadmap(&broken),
                read_roadmap_precisely(&broken),
                "{broken}"
            );
        }
    }
}
