//! The JSON Schema of the roadmap format, for editors and `roadmap schema`.
//!
//! The tests below hold it to the code: a real draft 2020-12 validator checks the schema
//! itself and the built-in roadmaps against it, and the fields it names are exactly the
//! fields `shape` reads.

/// `roadmap/schema.json`, compiled in.
pub const SCHEMA: &str = include_str!("../../roadmap/schema.json");

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::SCHEMA;
    use crate::domain::roadmap::{BUILT_IN, StepKind};
    use crate::domain::roadmap_json::{ROADMAP_FIELDS, SECTION_FIELDS, STEP_FIELDS, read_roadmap};

    fn schema() -> Value {
        serde_json::from_str(SCHEMA).expect("the schema is JSON")
    }

    fn property_names(object: &Value) -> Vec<&str> {
        let mut names: Vec<&str> = object["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names
    }

    fn sorted<'a>(fields: &[&'a str]) -> Vec<&'a str> {
        let mut fields = fields.to_vec();
        fields.sort_unstable();
        fields
    }

    #[test]
    fn the_schema_is_a_valid_draft_2020_12_schema() {
        let schema = schema();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        jsonschema::draft202012::meta::validate(&schema).expect("valid against the meta-schema");
    }

    #[test]
    fn built_in_roadmaps_follow_the_schema() {
        let validator = jsonschema::draft202012::new(&schema()).expect("the schema compiles");
        for (id, text) in BUILT_IN {
            let roadmap: Value = serde_json::from_str(text).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&roadmap)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{id}: {errors:#?}");
        }
    }

    #[test]
    fn every_field_the_code_reads_is_in_the_schema_and_no_other() {
        let schema = schema();
        let defs = &schema["$defs"];
        assert_eq!(property_names(&schema), sorted(ROADMAP_FIELDS));
        assert_eq!(property_names(&defs["section"]), sorted(SECTION_FIELDS));
        assert_eq!(property_names(&defs["step"]), sorted(STEP_FIELDS));
        let kinds: Vec<&str> = defs["step"]["properties"]["kind"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        let known: Vec<&str> = StepKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(kinds, known);
    }

    #[test]
    fn the_schema_and_the_validator_agree_on_broken_roadmaps() {
        let validator = jsonschema::draft202012::new(&schema()).unwrap();
        let (_, text) = BUILT_IN[0];
        let good: Value = serde_json::from_str(text).unwrap();
        let breakages: [(&str, Value); 6] = [
            ("/sections/0/steps/0/minutes", Value::from(0)),
            ("/sections/0/steps/0/minutes", Value::from(1.5)),
            ("/sections/0/steps/0/kind", Value::from("book")),
            ("/sections/0/steps/0/id", Value::from("Not_Kebab")),
            ("/sections/1/steps/0/url", Value::from("ftp://example.com")),
            ("/sections/0/title", Value::from(" ")),
        ];
        for (pointer, value) in breakages {
            let mut broken = good.clone();
            *broken.pointer_mut(pointer).unwrap() = value.clone();
            assert!(
                !validator.is_valid(&broken),
                "schema accepts {pointer} = {value}"
            );
            assert!(
                read_roadmap(&broken.to_string()).is_err(),
                "code accepts {pointer} = {value}"
            );
        }
        let mut unknown = good.clone();
        unknown["sections"][0]["steps"][0]["colour"] = Value::from("red");
        assert!(!validator.is_valid(&unknown));
        assert!(read_roadmap(&unknown.to_string()).is_err());
    }
}
