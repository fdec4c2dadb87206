//! `merge-driver` with real git: a state.json in a dotfiles repository, merged and rebased.

use std::path::Path;

use super::{Net, bin};

/// A dotfiles repository that is also the data directory of `machine`, with the driver
/// configured; `main` and `other` each add an event to a shared start.
fn diverged(net: &Net, machine: &super::Machine) -> std::path::PathBuf {
    let repo = machine.env.data_dir().to_owned();
    machine.run(&["done", "what-is-mlops"]).success();
    net.git(&repo, &["init", "--quiet"]);
    std::fs::write(repo.join(".gitattributes"), "state.json merge=mlops-path\n").unwrap();
    net.git(
        &repo,
        &["config", "merge.mlops-path.name", "mlops-path history"],
    );
    let driver = format!("'{}' merge-driver %O %A %B", bin());
    net.git(&repo, &["config", "merge.mlops-path.driver", &driver]);
    net.git(&repo, &["add", "state.json", ".gitattributes"]);
    net.git(&repo, &["commit", "--quiet", "-m", "start"]);
    net.git(&repo, &["checkout", "--quiet", "-b", "other"]);
    machine
        .run(&["start", "kubeflow", "-m", "on the other branch"])
        .success();
    net.git(&repo, &["commit", "--quiet", "-am", "other"]);
    net.git(&repo, &["checkout", "--quiet", "main"]);
    machine.run(&["skip", "mlops-teams"]).success();
    net.git(&repo, &["commit", "--quiet", "-am", "main"]);
    repo
}

fn unmerged(net: &Net, repo: &Path) -> String {
    net.git(repo, &["ls-files", "-u"])
}

#[test]
fn merge_and_rebase_through_the_driver_give_the_same_bytes() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    let repo = diverged(&net, &machine);
    net.git(&repo, &["merge", "--quiet", "--no-edit", "other"]);
    assert_eq!(unmerged(&net, &repo), "");
    let merged = std::fs::read(repo.join("state.json")).unwrap();
    assert_eq!(machine.env.records().len(), 3, "both sides' events");

    net.git(&repo, &["reset", "--quiet", "--hard", "HEAD~1"]);
    net.git(&repo, &["checkout", "--quiet", "other"]);
    net.git(&repo, &["rebase", "--quiet", "main"]);
    assert_eq!(unmerged(&net, &repo), "");
    let rebased = std::fs::read(repo.join("state.json")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&rebased),
        String::from_utf8_lossy(&merged)
    );
    let text = String::from_utf8_lossy(&merged);
    assert!(!text.contains("<<<<<<<"), "{text}");
}

#[test]
fn a_side_that_does_not_parse_leaves_ours_untouched_and_exits_1() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    machine.run(&["done", "what-is-mlops"]).success();
    let ours = machine.env.root().join("ours.json");
    let theirs = machine.env.root().join("theirs.json");
    let base = machine.env.root().join("base.json");
    std::fs::copy(machine.env.state_path(), &ours).unwrap();
    std::fs::write(&theirs, "{\"format\": 2, \"events\": [").unwrap();
    std::fs::write(&base, "").unwrap();
    let before = std::fs::read(&ours).unwrap();
    let paths = [&base, &ours, &theirs].map(|p| p.display().to_string());
    machine
        .run(&["merge-driver", &paths[0], &paths[1], &paths[2]])
        .code(1)
        .stderr_has(&format!("error: {} is not a valid state file", paths[2]));
    assert_eq!(std::fs::read(&ours).unwrap(), before);
    // An empty base (add/add) is fine: it is never read.
    std::fs::copy(machine.env.state_path(), &theirs).unwrap();
    machine
        .run(&["merge-driver", &paths[0], &paths[1], &paths[2]])
        .success();
    assert_eq!(
        std::fs::read(&ours).unwrap(),
        before,
        "the union of a history with itself"
    );
}

#[test]
fn doctor_reports_a_driver_named_by_the_attributes_but_not_configured() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    let repo = diverged(&net, &machine);
    machine
        .run(&["doctor"])
        .success()
        .stdout_has("state.json merges through");
    net.git(
        &repo,
        &[
            "config",
            "merge.mlops-path.driver",
            "no-such-program merge-driver %O %A %B",
        ],
    );
    machine
        .run(&["doctor"])
        .code(1)
        .stdout_has("the merge driver's program \"no-such-program\" is not found");
    net.git(&repo, &["config", "--unset", "merge.mlops-path.driver"]);
    machine
        .run(&["doctor"])
        .code(1)
        .stdout_has("state.json is marked merge=mlops-path, but the driver is not configured")
        .stdout_has("git config --global merge.mlops-path.driver");
}

#[test]
fn doctor_checks_the_sync_clone() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    machine.init();
    machine
        .run(&["doctor"])
        .success()
        .stdout_has(&format!("syncs with {} (branch main)", net.url));
}
