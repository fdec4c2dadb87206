//! Checked labs: packs (manifest, brief, hints, starter, checks, solution), the checks
//! they declare, and running them against the learner's directory.
//!
//! `manifest` and `assert` are pure; `process`, `http`, `run`, `pack`, `workdir` and `watch`
//! do the I/O: subprocesses, loopback sockets, the pack's files and the learner's directory.

pub mod assert;
pub mod clean;
pub mod docker;
mod embedded;
pub mod http;
pub mod kube;
pub mod kube_check;
pub mod manifest;
pub mod pack;
pub mod process;
pub mod run;
pub mod schema;
pub mod tool;
pub mod undo;
pub mod watch;
pub mod workdir;

pub use embedded::FILES as EMBEDDED_FILES;

#[cfg(test)]
mod tests {
    use std::fmt::Write;
    use std::fs;
    use std::path::Path;

    const LIST: &str = "src/lab/embedded.rs";

    /// What `embedded.rs` must say for the packs now under `roadmap/labs/`.
    fn expected_list() -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmap/labs");
        let mut paths = Vec::new();
        walk(&root, &root, &mut paths);
        paths.sort();
        let current = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(LIST)).unwrap();
        let head = current.split("pub static FILES").next().unwrap();
        let mut out = format!("{head}pub static FILES: &[(&str, &[u8])] = &[\n");
        for path in paths {
            let _ = writeln!(
                out,
                "    (\"{path}\", include_bytes!(\"../../roadmap/labs/{path}\")),"
            );
        }
        out.push_str("];\n");
        out
    }

    fn walk(root: &Path, dir: &Path, paths: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name == "__pycache__" || name.to_lowercase().ends_with(".pyc") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, paths);
            } else if path.parent() != Some(root) {
                // Files beside the packs (requirements.txt) are not part of any pack.
                paths.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }

    #[test]
    fn the_embedded_list_holds_every_file_of_every_pack() {
        let current = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(LIST)).unwrap();
        assert!(
            current == expected_list(),
            "{LIST} is out of date; rewrite it with: cargo test --lib regenerate_embedded_labs -- --ignored"
        );
    }

    #[test]
    #[ignore = "rewrites src/lab/embedded.rs; run it after changing roadmap/labs"]
    fn regenerate_embedded_labs() {
        fs::write(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(LIST),
            expected_list(),
        )
        .unwrap();
    }
}

#[cfg(test)]
mod built_in_tests {
    use super::pack::Pack;

    #[test]
    fn every_embedded_pack_loads_and_is_valid() {
        for name in [
            "lab-baseline-model",
            "lab-data-contract",
            "lab-mlflow-tracking",
            "lab-fastapi-serve",
        ] {
            let pack = Pack::built_in(name).expect("embedded").expect("valid");
            assert!(pack.trusted);
            assert_eq!(pack.manifest.step, name);
            assert!(pack.under("starter").next().is_some(), "{name}");
            assert!(pack.hints().len() >= 2, "{name}");
        }
        assert!(Pack::built_in("lab-missing").is_none());
    }
}
