//! Doctor's look at git: the sync clone, and the merge driver of a `state.json` kept in a
//! git work tree. Only reads: `check-attr`, `config --get`, `rev-parse`.

use std::path::Path;
use std::time::Duration;

use super::git::{self, Git};
use crate::storage::doctor::Check;
use crate::storage::{STATE_FILE, Store};

/// The checks that apply: none when git is missing, sync is not set up and `state.json` is
/// not in a repository that names the driver.
pub fn checks(store: &Store) -> Vec<Check> {
    let timeout = git::timeout_from_env().unwrap_or(Duration::from_secs(60));
    let mut checks = Vec::new();
    if store.sync_dir().exists() {
        checks.push(clone_check(store, timeout));
    }
    if store.dir().is_dir() {
        checks.extend(driver_check(store.dir(), timeout));
    }
    checks
}

fn clone_check(store: &Store, timeout: Duration) -> Check {
    let git = Git::new(store.sync_dir(), store.dir().to_owned(), timeout);
    let fix = "move sync/ aside and run `mlops-path sync init REMOTE` again; your state.json holds every event";
    let Ok(out) = git.call(&["config", "--get", "mlops-path.branch"], None) else {
        return Check::warning("sync", "git is not available to check sync/", "install git");
    };
    if !out.success {
        return Check::problem(
            "sync",
            format!(
                "{} is not a clone made by sync init",
                store.sync_dir().display()
            ),
            fix,
        );
    }
    let remote = git
        .call(&["config", "--get", "remote.origin.url"], None)
        .map(|out| out.text())
        .unwrap_or_default();
    Check::ok(
        "sync",
        format!("syncs with {remote} (branch {})", out.text()),
    )
}

/// `state.json` in a work tree whose attributes say `merge=mlops-path`: git needs the
/// driver configured (else it text-merges and leaves markers in the JSON) and its program
/// found (else the merge keeps one side).
fn driver_check(dir: &Path, timeout: Duration) -> Option<Check> {
    let git = Git::discovering(dir.to_owned(), timeout);
    let attr = git
        .call(&["check-attr", "merge", "--", STATE_FILE], None)
        .ok()?;
    if !attr.success || !attr.text().ends_with(": merge: mlops-path") {
        return None;
    }
    let setup = "git config --global merge.mlops-path.driver \"mlops-path merge-driver %O %A %B\"";
    let driver = git
        .call(&["config", "--get", "merge.mlops-path.driver"], None)
        .ok()
        .filter(|out| out.success)
        .map(|out| out.text());
    let Some(driver) = driver else {
        return Some(Check::problem(
            "merge driver",
            "state.json is marked merge=mlops-path, but the driver is not configured: git would leave conflict markers in it",
            format!("run `{setup}`"),
        ));
    };
    let program = driver.split_whitespace().next().unwrap_or("");
    let program = program.trim_matches(|c| c == '\'' || c == '"');
    if found(program) {
        Some(Check::ok(
            "merge driver",
            format!("state.json merges through {program}"),
        ))
    } else {
        Some(Check::problem(
            "merge driver",
            format!(
                "the merge driver's program {program:?} is not found: git would keep one side silently"
            ),
            format!("put mlops-path on PATH, or run `{setup}` with its full path"),
        ))
    }
}

/// A program named by path exists; one named alone is on `PATH`.
fn found(program: &str) -> bool {
    if program.is_empty() {
        return false;
    }
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}
