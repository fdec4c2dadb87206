//! The JSON Schema of a lab pack's manifest, for editors; `roadmap/lab.schema.json`.
//!
//! Runtime reading is `manifest.rs` through serde; the tests below hold the two to each
//! other: a draft 2020-12 validator accepts every built-in manifest and refuses what the
//! reader refuses.

/// `roadmap/lab.schema.json`, compiled in.
pub const LAB_SCHEMA: &str = include_str!("../../roadmap/lab.schema.json");

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::LAB_SCHEMA;
    use crate::lab::embedded::FILES;
    use crate::lab::manifest::Manifest;

    fn schema() -> Value {
        serde_json::from_str(LAB_SCHEMA).expect("the schema is JSON")
    }

    fn built_in_manifests() -> Vec<(&'static str, Value)> {
        FILES
            .iter()
            .filter(|(path, _)| path.ends_with("/lab.json"))
            .map(|(path, bytes)| (*path, serde_json::from_slice(bytes).unwrap()))
            .collect()
    }

    #[test]
    fn the_schema_is_a_valid_draft_2020_12_schema() {
        jsonschema::draft202012::meta::validate(&schema()).expect("valid against the meta-schema");
    }

    #[test]
    fn every_built_in_manifest_follows_the_schema() {
        let validator = jsonschema::draft202012::new(&schema()).expect("the schema compiles");
        let manifests = built_in_manifests();
        assert!(manifests.len() >= 4);
        for (path, manifest) in manifests {
            let errors: Vec<String> = validator
                .iter_errors(&manifest)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{path}: {errors:#?}");
        }
    }

    #[test]
    fn the_schema_and_the_reader_refuse_the_same_broken_manifests() {
        let validator = jsonschema::draft202012::new(&schema()).unwrap();
        let (_, good) = built_in_manifests().remove(0);
        let breakages: [(&str, Value); 8] = [
            ("/tier", Value::from("cloud")),
            ("/level", Value::from("expert")),
            ("/minutes", Value::from(-1)),
            ("/surprise", Value::from(true)),
            ("/checks/0/type", Value::from("shell")),
            ("/checks/0/surprise", Value::from(1)),
            ("/checks/0/assert/0/op", Value::from("matches")),
            ("/checks/0/title", Value::Null),
        ];
        for (pointer, value) in breakages {
            let mut broken = good.clone();
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            broken.pointer_mut(parent).unwrap()[key] = value;
            assert!(!validator.is_valid(&broken), "schema accepts {pointer}");
            assert!(
                serde_json::from_value::<Manifest>(broken).is_err(),
                "reader accepts {pointer}"
            );
        }
        for missing in ["id", "title", "step", "checks", "tier"] {
            let mut broken = good.clone();
            broken.as_object_mut().unwrap().remove(missing);
            assert!(!validator.is_valid(&broken), "schema accepts no {missing}");
            assert!(serde_json::from_value::<Manifest>(broken).is_err());
        }
    }
}
