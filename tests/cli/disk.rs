//! Fault tests of the file system under the state: full disks, write limits, read-only and
//! missing directories, and symbolic links.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;

use crate::common::{TestEnv, without_root_powers};

/// A history of `notes` notes, so the state file has a known, non-trivial size.
fn with_notes(notes: usize) -> TestEnv {
    let env = TestEnv::new();
    for i in 0..notes {
        env.run(&[
            "note",
            "kubeflow",
            &format!("note number {i} {}", "x".repeat(60)),
        ])
        .success();
    }
    env
}

/// The binary with the file-size limit at `bytes` and `SIGXFSZ` ignored, so a write past
/// the limit fails with `EFBIG` instead of killing the process. An ignored signal stays
/// ignored across `exec`.
fn file_size_limit(bytes: u64) -> Vec<String> {
    vec![
        "prlimit".into(),
        format!("--fsize={bytes}:{bytes}"),
        "--".into(),
        "sh".into(),
        "-c".into(),
        "trap '' XFSZ; exec \"$0\" \"$@\"".into(),
    ]
}

#[test]
fn a_write_over_the_file_size_limit_exits_1_and_changes_nothing() {
    let env = with_notes(30);
    let before = env.state_bytes().unwrap();
    let len = u64::try_from(before.len()).unwrap();
    // 0: even the backup cannot be written. len: the backup fits, the larger new state not.
    for limit in [0, len] {
        let wrapper = file_size_limit(limit);
        let wrapper: Vec<&str> = wrapper.iter().map(String::as_str).collect();
        let run = env
            .run_via(&wrapper, &["note", "kubeflow", "one more"])
            .code(1);
        let which = if limit == 0 {
            "state.json.bak"
        } else {
            "state.json"
        };
        assert_eq!(
            env.redact(&run.stderr),
            format!(
                "error: cannot write [DATA]/{which}: File too large (os error 27)\n\
                 hint: free some space and run it again; state.json was left as it was\n"
            ),
            "limit {limit}"
        );
        assert_eq!(env.state_bytes().unwrap(), before, "limit {limit}");
        assert_eq!(env.temp_files(), Vec::<String>::new(), "limit {limit}");
    }
    env.run(&["note", "kubeflow", "one more"]).success();
    assert_eq!(env.events().len(), 31);
}

/// Runs `script` with `sh` in a private mount namespace (as root, or as a user mapped to
/// root), so a tmpfs mounted there vanishes with it. `None` when this machine cannot.
fn in_mount_namespace(script: &str, args: &[&str]) -> Option<std::process::Output> {
    for unshare in [&["-m"][..], &["-r", "-m"]] {
        let probe = Command::new("unshare").args(unshare).arg("true").output();
        if probe.is_ok_and(|o| o.status.success()) {
            let output = Command::new("unshare")
                .args(unshare)
                .args(["sh", "-c", script, "sh"])
                .args(args)
                .output()
                .expect("unshare runs");
            return Some(output);
        }
    }
    None
}

#[test]
fn a_full_disk_exits_1_and_leaves_state_json_byte_identical() {
    let env = with_notes(30);
    let before = env.state_bytes().unwrap();
    let mount = env.root().join("small-disk");
    let after = env.root().join("after");
    std::fs::create_dir_all(&mount).unwrap();
    std::fs::create_dir_all(&after).unwrap();
    // A 16 KiB tmpfs holds state.json (2 pages) and the backup (2), but not the new state.
    let script = r#"
        mount -t tmpfs -o size=16k,mode=0700 tmpfs "$1" || exit 99
        cp -p "$2/state.json" "$1/state.json" || exit 98
        MLOPS_PATH_DATA_DIR="$1" MLOPS_PATH_NOW=2026-03-10T09:00:00+01:00 "$3" note kubeflow "one more" 2>"$4/stderr"
        code=$?
        cp -p "$1/state.json" "$4/state.json"
        ls -A "$1" > "$4/files"
        exit $code
    "#;
    let bin = crate::common::BIN;
    let args = [
        mount.to_str().unwrap(),
        env.data_dir().to_str().unwrap(),
        bin,
        after.to_str().unwrap(),
    ];
    let Some(output) = in_mount_namespace(script, &args) else {
        eprintln!(
            "skipped: cannot mount a tmpfs here; the file-size limit test covers failed writes"
        );
        return;
    };
    if output.status.code() == Some(99) {
        eprintln!(
            "skipped: mounting a tmpfs was refused; the file-size limit test covers failed writes"
        );
        return;
    }
    let stderr = std::fs::read_to_string(after.join("stderr")).unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit code; stderr:\n{stderr}"
    );
    assert_eq!(
        stderr,
        format!(
            "error: cannot write {}/state.json: No space left on device (os error 28)\n\
             hint: free some space and run it again; state.json was left as it was\n",
            mount.display()
        )
    );
    assert_eq!(std::fs::read(after.join("state.json")).unwrap(), before);
    let files = std::fs::read_to_string(after.join("files")).unwrap();
    assert!(
        !files.contains(".tmp"),
        "temporary files left behind:\n{files}"
    );
}

#[test]
fn a_read_only_data_directory_refuses_writes_and_changes_nothing() {
    let env = with_notes(2);
    let before = env.snapshot_files();
    std::fs::set_permissions(env.data_dir(), std::fs::Permissions::from_mode(0o500)).unwrap();
    let wrapper = without_root_powers();
    let refused = env.outcome_via(wrapper, &["done", "kubeflow"]);
    // Reading still works, and doctor names the problem.
    env.run_via(wrapper, &["status"]).success();
    let doctor = env.outcome_via(wrapper, &["doctor"]);
    insta::assert_snapshot!([refused, doctor].join("\n"));
    std::fs::set_permissions(env.data_dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(env.snapshot_files(), before);
}

#[test]
fn a_data_directory_that_is_a_file_is_refused_for_reads_and_writes() {
    let env = TestEnv::new();
    std::fs::write(env.data_dir(), "my notes").unwrap();
    for args in [&["done", "kubeflow"][..], &["status"], &["undo"]] {
        let run = env.run(args).code(1);
        assert_eq!(
            env.redact(&run.stderr),
            "error: the data directory [DATA] is not a directory\n\
             hint: move that file away, or choose another directory with --data-dir\n"
        );
    }
    assert_eq!(std::fs::read(env.data_dir()).unwrap(), b"my notes");
}

#[test]
fn a_data_directory_under_a_file_is_refused_and_nothing_created() {
    let env = TestEnv::new();
    std::fs::write(env.root().join("notes"), b"mine").unwrap();
    insta::assert_snapshot!(env.outcome(&["--data-dir", "notes/data", "done", "kubeflow"]));
    assert_eq!(std::fs::read(env.root().join("notes")).unwrap(), b"mine");
}

fn assert_still_a_link(link: &Path) {
    assert!(
        std::fs::symlink_metadata(link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "{} is no longer a link",
        link.display()
    );
}

#[test]
fn a_symlinked_state_json_is_written_through_and_stays_a_link() {
    let env = TestEnv::new();
    let dotfiles = env.root().join("dotfiles");
    std::fs::create_dir_all(&dotfiles).unwrap();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    // A relative link to a file that does not exist yet: the first write creates it.
    symlink("../dotfiles/mlops.json", env.state_path()).unwrap();
    env.run(&["done", "what-is-mlops"]).success();
    env.run(&["note", "kubeflow", "through the link"]).success();
    assert_still_a_link(&env.state_path());
    let target = std::fs::read(dotfiles.join("mlops.json")).unwrap();
    assert_eq!(env.state_bytes().unwrap(), target);
    assert_eq!(env.events().len(), 2);
    assert!(env.data_dir().join("state.json.bak").is_file());

    // A chain of two links is followed to its end; both stay links.
    let middle = env.root().join("middle.json");
    symlink(dotfiles.join("mlops.json"), &middle).unwrap();
    std::fs::remove_file(env.state_path()).unwrap();
    symlink(&middle, env.state_path()).unwrap();
    env.run(&["undo"]).success();
    assert_still_a_link(&env.state_path());
    assert_still_a_link(&middle);
    let target = std::fs::read(dotfiles.join("mlops.json")).unwrap();
    assert_eq!(
        mlops_path::storage::parse(Path::new("t"), &target)
            .unwrap()
            .events()
            .len(),
        1
    );
    assert_eq!(env.temp_files(), Vec::<String>::new());
}
