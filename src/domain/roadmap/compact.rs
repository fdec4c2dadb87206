//! The built-in roadmap as it is compiled in: one line per section and per step, fields
//! apart by U+001F, generated from its JSON. Reading the JSON was a sixth of a day's
//! `next` (0.83 M instructions: keys, escapes, one allocation per field), and the built-in
//! roadmap is read by every command; this text is split, not parsed.
//!
//! `roadmap/mlops.json` stays the source: a test holds the compact text equal to what
//! `encode` makes of it, and `cargo test --lib regenerate_compact_roadmap -- --ignored`
//! rewrites it.

use super::{RoadmapFile, Section, Step, StepKind};

const FIELD: char = '\u{1f}';
/// Separates the ids of `requires` and `replaces`; ids are kebab-case, so never hold it.
const ID: char = ' ';
const MAGIC: &str = "mlops-path compact roadmap 1";

/// `file` as compact text; the tests write and check the compiled-in text with it. Panics on text the format cannot hold (a newline, U+001F, a
/// space in an id or an empty optional field): the tests run it on every built-in roadmap.
#[cfg(test)]
pub fn encode(file: &RoadmapFile) -> String {
    let RoadmapFile {
        schema,
        id,
        title,
        sections,
    } = file;
    assert!(schema.is_none(), "a built-in roadmap names no schema");
    let mut out = format!("{MAGIC}\n");
    line(&mut out, &["roadmap", id, title]);
    for Section { id, title, steps } in sections {
        line(&mut out, &["section", id, title]);
        for step in steps {
            let Step {
                id,
                title,
                kind,
                url,
                minutes,
                summary,
                requires,
                replaces,
                lab,
            } = step;
            let optional = |value: &Option<String>| {
                assert_ne!(value.as_deref(), Some(""), "{id}: an empty optional field");
                value.clone().unwrap_or_default()
            };
            let ids = |list: &[String]| {
                assert!(
                    list.iter().all(|i| !i.is_empty() && !i.contains(ID)),
                    "{id}"
                );
                list.join(" ")
            };
            line(
                &mut out,
                &[
                    "step",
                    id,
                    title,
                    kind.as_str(),
                    &optional(url),
                    &minutes.to_string(),
                    summary,
                    &ids(requires),
                    &ids(replaces),
                    &optional(lab),
                ],
            );
        }
    }
    out
}

#[cfg(test)]
fn line(out: &mut String, fields: &[&str]) {
    for (index, field) in fields.iter().enumerate() {
        assert!(!field.contains(['\n', FIELD]), "{field:?}");
        if index > 0 {
            out.push(FIELD);
        }
        out.push_str(field);
    }
    out.push('\n');
}

/// The roadmap `encode` wrote. Panics on anything else: the text is compiled in and tested.
pub fn decode(text: &str) -> RoadmapFile {
    let body = text
        .strip_prefix(MAGIC)
        .and_then(|rest| rest.strip_prefix('\n'))
        .expect("a compact roadmap");
    let mut file = RoadmapFile {
        schema: None,
        id: String::new(),
        title: String::new(),
        sections: Vec::new(),
    };
    // One pass over the separators; `split` per line searched for each field anew, which
    // cost as much as the JSON's keys. Both separators are ASCII, so every cut is a char
    // boundary.
    let mut fields = [""; 10];
    let (mut count, mut start) = (0, 0);
    for end in memchr::memchr2_iter(FIELD as u8, b'\n', body.as_bytes()) {
        *fields.get_mut(count).expect("at most 10 fields") = &body[start..end];
        count += 1;
        start = end + 1;
        if body.as_bytes()[end] == b'\n' {
            read_line(&mut file, &fields[..count]);
            count = 0;
        }
    }
    assert!(
        !file.id.is_empty() && start == body.len(),
        "a whole roadmap"
    );
    file
}

fn read_line(file: &mut RoadmapFile, fields: &[&str]) {
    match *fields {
        ["roadmap", id, title] => {
            id.clone_into(&mut file.id);
            title.clone_into(&mut file.title);
        }
        ["section", id, title] => file.sections.push(Section {
            id: id.to_owned(),
            title: title.to_owned(),
            steps: Vec::new(),
        }),
        [
            "step",
            id,
            title,
            kind,
            url,
            minutes,
            summary,
            requires,
            replaces,
            lab,
        ] => {
            let section = file
                .sections
                .last_mut()
                .expect("a step follows its section");
            section.steps.push(Step {
                id: id.to_owned(),
                title: title.to_owned(),
                kind: StepKind::ALL
                    .into_iter()
                    .find(|known| known.as_str() == kind)
                    .expect("a known step kind"),
                url: optional(url),
                minutes: minutes.parse().expect("whole minutes"),
                summary: summary.to_owned(),
                requires: ids(requires),
                replaces: ids(replaces),
                lab: optional(lab),
            });
        }
        ref other => panic!("not a line of a compact roadmap: {other:?}"),
    }
}

fn optional(field: &str) -> Option<String> {
    (!field.is_empty()).then(|| field.to_owned())
}

fn ids(field: &str) -> Vec<String> {
    if field.is_empty() {
        return Vec::new();
    }
    field.split(ID).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::super::BUILT_IN;
    use super::*;

    fn from_json() -> Vec<(&'static str, RoadmapFile)> {
        BUILT_IN
            .iter()
            .map(|(id, json)| (*id, serde_json::from_str(json).unwrap()))
            .collect()
    }

    #[test]
    fn the_compact_roadmaps_are_their_json_and_up_to_date() {
        for ((id, file), (compact_id, compact)) in from_json().iter().zip(super::super::COMPACT) {
            assert_eq!(id, compact_id);
            assert_eq!(&decode(compact), file, "{id}");
            assert!(
                *compact == encode(file),
                "the compact {id} is out of date; rewrite it with: \
                 cargo test --lib regenerate_compact_roadmap -- --ignored"
            );
        }
    }

    #[test]
    fn every_field_comes_back() {
        let step = |id: &str, url: Option<&str>, lab: Option<&str>, requires: &[&str]| Step {
            id: id.into(),
            title: "A title — with “quotes”, \\ and \"".into(),
            kind: StepKind::Lab,
            url: url.map(Into::into),
            minutes: 0,
            summary: String::new(),
            requires: requires.iter().map(|r| (*r).into()).collect(),
            replaces: vec!["old-a".into(), "old-b".into()],
            lab: lab.map(Into::into),
        };
        let file = RoadmapFile {
            schema: None,
            id: "r".into(),
            title: "R".into(),
            sections: vec![
                Section {
                    id: "empty".into(),
                    title: "No steps".into(),
                    steps: vec![],
                },
                Section {
                    id: "s".into(),
                    title: "S".into(),
                    steps: vec![
                        step("a", Some("https://example.org/a?b=c"), Some("lab-a"), &[]),
                        step("b", None, None, &["a", "x"]),
                    ],
                },
            ],
        };
        assert_eq!(decode(&encode(&file)), file);
    }

    #[test]
    #[should_panic(expected = "\"two\\nlines\"")]
    fn text_the_format_cannot_hold_is_refused() {
        let mut file = from_json().remove(0).1;
        file.sections[0].title = "two\nlines".into();
        encode(&file);
    }

    #[test]
    #[ignore = "rewrites the compact built-in roadmaps; run it after changing roadmap/*.json"]
    fn regenerate_compact_roadmap() {
        for (id, file) in from_json() {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("roadmap/{id}.compact"));
            fs::write(path, encode(&file)).unwrap();
        }
    }
}
