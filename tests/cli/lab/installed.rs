//! `roadmap install` copies a roadmap's lab packs, and `--trust-checks` trusts them for good.

use std::fs;

use super::{LabEnv, Said};

const TOUCH: &str =
    r#"[{"id": "ran", "title": "Runs touch", "type": "command", "argv": ["touch", "ran"]}]"#;

fn installed(lab: &LabEnv, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["roadmap", "install", lab.roadmap.to_str().unwrap()];
    args.extend_from_slice(extra);
    lab.env.run(&args)
}

fn check(lab: &LabEnv, extra: &[&str]) -> crate::common::Run {
    let mut args = vec![
        "--roadmap",
        "tiny",
        "check",
        "lab-tiny",
        "--dir",
        lab.lab.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    lab.env.run(&args)
}

#[test]
fn an_installed_roadmap_keeps_its_packs_and_asks_for_trust_once() {
    let lab = LabEnv::new(TOUCH);
    installed(&lab, &[]).success().stderr_has(
        "With 1 lab pack(s); checks that run programs wait for --trust-checks or check --trust.",
    );
    // The pack beside the file can go: the installed copy is what runs.
    fs::remove_dir_all(&lab.pack).unwrap();
    lab.env
        .run(&[
            "--roadmap",
            "tiny",
            "lab",
            "start",
            "lab-tiny",
            "--dir",
            lab.lab.to_str().unwrap(),
        ])
        .success();
    let refused = check(&lab, &[]).code(2);
    refused.says_err("refused to run the checks of pack: 1 of them run programs");
    refused.says_err("roadmap install FILE --trust-checks");
    refused.says_err("check --trust");
    assert!(!lab.lab.join("ran").exists(), "an untrusted command ran");
}

#[test]
fn trust_checks_lists_what_runs_and_a_reinstall_without_it_takes_the_trust_back() {
    let lab = LabEnv::new(TOUCH);
    installed(&lab, &["--trust-checks"])
        .success()
        .stderr_has("Trusting the packs' checks; these 1 run programs on your machine:\n  pack: check ran: touch ran\n")
        .stderr_has("their checks are trusted");
    lab.env
        .run(&[
            "--roadmap",
            "tiny",
            "lab",
            "start",
            "lab-tiny",
            "--dir",
            lab.lab.to_str().unwrap(),
        ])
        .success();
    check(&lab, &[])
        .success()
        .stderr_has("Done, verified: lab-tiny");
    assert!(lab.lab.join("ran").exists());

    fs::remove_file(lab.lab.join("ran")).unwrap();
    installed(&lab, &[])
        .success()
        .stderr_has("Already installed, unchanged");
    check(&lab, &[])
        .code(2)
        .says_err("refused to run the checks of pack");
    assert!(!lab.lab.join("ran").exists());
}

#[test]
fn remove_takes_the_packs_and_the_trust_along() {
    let lab = LabEnv::new(TOUCH);
    installed(&lab, &["--trust-checks"]).success();
    let roadmaps = lab.env.data_dir().join("roadmaps");
    assert!(roadmaps.join("tiny.labs/pack/lab.json").is_file());
    assert!(roadmaps.join("tiny.trusted").is_file());
    lab.env.run(&["roadmap", "remove", "tiny"]).success();
    let left: Vec<_> = fs::read_dir(&roadmaps)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_broken_pack_stops_the_install_and_a_missing_one_is_named() {
    let lab = LabEnv::new(TOUCH);
    fs::write(lab.pack.join("lab.json"), "{").unwrap();
    installed(&lab, &[]).code(1).stderr_has("lab.json");
    assert!(
        !lab.env.data_dir().join("roadmaps/tiny.json").exists(),
        "nothing installed"
    );

    fs::remove_dir_all(&lab.pack).unwrap();
    installed(&lab, &[])
        .success()
        .stderr_has("warning: lab-tiny names the lab pack pack, which is not beside the roadmap file; the step can only be self-reported");
}
