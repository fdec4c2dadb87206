//! The careful reading: walks a `serde_json::Value` tree, keeping a stand-in wherever a field
//! is missing or of the wrong type so that every problem is found in one run.

use serde_json::{Map, Value};

use super::{ROADMAP_FIELDS, SECTION_FIELDS, STEP_FIELDS, type_name};
use crate::domain::roadmap::{RoadmapFile, Section, Step, StepKind};
use crate::domain::validate::{Location, Problem};

#[derive(Default)]
pub(super) struct TreeReader {
    pub(super) problems: Vec<Problem>,
}

impl TreeReader {
    fn report(&mut self, location: &Location, field: &'static str, message: String) {
        self.problems.push(Problem {
            location: location.clone(),
            field: Some(field),
            message,
        });
    }

    pub(super) fn roadmap(&mut self, value: &Value) -> RoadmapFile {
        let here = Location::Roadmap;
        let Some(object) = value.as_object() else {
            self.problems.push(Problem {
                location: here,
                field: None,
                message: format!("expected a JSON object, found {}", type_name(value)),
            });
            return RoadmapFile {
                schema: None,
                id: String::new(),
                title: String::new(),
                sections: Vec::new(),
            };
        };
        self.unknown_fields(object, ROADMAP_FIELDS, &here);
        let schema = self.optional_string(object, "$schema", &here);
        let id = self.string(object, "id", &here);
        let title = self.string(object, "title", &here);
        let sections = self
            .array(object, "sections", &here, true)
            .iter()
            .enumerate()
            .map(|(index, value)| self.section(index, value))
            .collect();
        RoadmapFile {
            schema,
            id,
            title,
            sections,
        }
    }

    fn section(&mut self, index: usize, value: &Value) -> Section {
        let id = id_of(value);
        let here = Location::Section { index, id };
        let Some(object) = value.as_object() else {
            self.problems.push(Problem {
                location: here,
                field: None,
                message: format!("expected an object, found {}", type_name(value)),
            });
            return Section {
                id: format!("section-{index}"),
                title: "?".into(),
                steps: Vec::new(),
            };
        };
        self.unknown_fields(object, SECTION_FIELDS, &here);
        let id = self.string(object, "id", &here);
        let title = self.string(object, "title", &here);
        let steps = self
            .array(object, "steps", &here, true)
            .iter()
            .enumerate()
            .map(|(step, value)| self.step(index, step, value))
            .collect();
        Section { id, title, steps }
    }

    fn step(&mut self, section: usize, index: usize, value: &Value) -> Step {
        let here = Location::Step {
            section,
            index,
            id: id_of(value),
        };
        let empty = Map::new();
        let object = value.as_object().unwrap_or_else(|| {
            self.problems.push(Problem {
                location: here.clone(),
                field: None,
                message: format!("expected an object, found {}", type_name(value)),
            });
            &empty
        });
        let checked = value.is_object();
        if checked {
            self.unknown_fields(object, STEP_FIELDS, &here);
        }
        let mut step = Step {
            id: self.string_if(checked, object, "id", &here),
            title: self.string_if(checked, object, "title", &here),
            kind: self.kind(checked, object, &here),
            // `null` is no URL, as `list --json` writes it.
            url: match object.get("url") {
                Some(Value::Null) => None,
                _ => self.optional_string(object, "url", &here),
            },
            minutes: self.minutes(checked, object, &here),
            summary: self.string_if(checked, object, "summary", &here),
            requires: self.strings(object, "requires", &here),
            replaces: self.strings(object, "replaces", &here),
            lab: self.optional_string(object, "lab", &here),
        };
        if !checked {
            // Not an object: one problem said so; keep the stand-in from adding more.
            step.id = format!("step-{section}-{index}");
            step.title = "?".into();
            step.minutes = 1;
        }
        step
    }

    fn unknown_fields(&mut self, object: &Map<String, Value>, known: &[&str], here: &Location) {
        for key in object.keys().filter(|k| !known.contains(&k.as_str())) {
            let closest = known
                .iter()
                .map(|k| (strsim::jaro_winkler(k, key), k))
                .filter(|(score, _)| *score > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let message = match closest {
                Some((_, k)) => format!("unknown field {key:?} (did you mean {k:?}?)"),
                None => format!("unknown field {key:?}; known fields: {}", known.join(", ")),
            };
            self.problems.push(Problem {
                location: here.clone(),
                field: None,
                message,
            });
        }
    }

    fn string(
        &mut self,
        object: &Map<String, Value>,
        field: &'static str,
        here: &Location,
    ) -> String {
        self.string_if(true, object, field, here)
    }

    /// A required string; a stand-in that passes the meaning checks when it is not one.
    fn string_if(
        &mut self,
        checked: bool,
        object: &Map<String, Value>,
        field: &'static str,
        here: &Location,
    ) -> String {
        match object.get(field) {
            Some(Value::String(text)) => return text.clone(),
            None if checked => self.report(here, field, format!("missing field {field:?}")),
            Some(other) => self.report(
                here,
                field,
                format!("{field:?} must be a string, found {}", type_name(other)),
            ),
            None => {}
        }
        String::new()
    }

    fn optional_string(
        &mut self,
        object: &Map<String, Value>,
        field: &'static str,
        here: &Location,
    ) -> Option<String> {
        match object.get(field) {
            None => None,
            Some(Value::String(text)) => Some(text.clone()),
            Some(other) => {
                self.report(
                    here,
                    field,
                    format!("{field:?} must be a string, found {}", type_name(other)),
                );
                None
            }
        }
    }

    fn array<'v>(
        &mut self,
        object: &'v Map<String, Value>,
        field: &'static str,
        here: &Location,
        required: bool,
    ) -> &'v [Value] {
        match object.get(field) {
            Some(Value::Array(items)) => items,
            None if required => {
                self.report(here, field, format!("missing field {field:?}"));
                &[]
            }
            None => &[],
            Some(other) => {
                self.report(
                    here,
                    field,
                    format!("{field:?} must be an array, found {}", type_name(other)),
                );
                &[]
            }
        }
    }

    fn strings(
        &mut self,
        object: &Map<String, Value>,
        field: &'static str,
        here: &Location,
    ) -> Vec<String> {
        let items = self.array(object, field, here, false);
        let mut strings = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item {
                Value::String(text) => strings.push(text.clone()),
                // Not tagged with the field: dropping the item needs no stand-in to hide.
                other => self.problems.push(Problem {
                    location: here.clone(),
                    field: None,
                    message: format!(
                        "{field:?} item {index} must be a string, found {}",
                        type_name(other)
                    ),
                }),
            }
        }
        strings
    }

    fn kind(&mut self, checked: bool, object: &Map<String, Value>, here: &Location) -> StepKind {
        let known = || {
            StepKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match object.get("kind") {
            Some(Value::String(text)) => {
                if let Some(kind) = StepKind::ALL.into_iter().find(|k| k.as_str() == text) {
                    return kind;
                }
                self.report(
                    here,
                    "kind",
                    format!("kind {text:?} is not one of {}", known()),
                );
            }
            None if checked => self.report(here, "kind", "missing field \"kind\"".into()),
            None => {}
            Some(other) => self.report(
                here,
                "kind",
                format!(
                    "\"kind\" must be one of {}, found {}",
                    known(),
                    type_name(other)
                ),
            ),
        }
        StepKind::Article
    }

    /// A whole number from 1 to `u32::MAX`; 1 as the stand-in so it is reported once.
    fn minutes(&mut self, checked: bool, object: &Map<String, Value>, here: &Location) -> u32 {
        match object.get("minutes") {
            Some(Value::Number(n)) => {
                if let Some(minutes) = n.as_u64().and_then(|m| u32::try_from(m).ok())
                    && minutes > 0
                {
                    return minutes;
                }
                self.report(
                    here,
                    "minutes",
                    format!("minutes must be a positive integer, found {n}"),
                );
            }
            None if checked => self.report(here, "minutes", "missing field \"minutes\"".into()),
            None => {}
            Some(other) => self.report(
                here,
                "minutes",
                format!("minutes must be a positive integer, found {other}"),
            ),
        }
        1
    }
}

/// The `id` of an object, for naming where a problem is; empty when there is none.
fn id_of(value: &Value) -> String {
    value
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}
