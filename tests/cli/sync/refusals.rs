//! What sync refuses, and offline: nothing written here, nothing pushed, a message that
//! says why and names the commit at fault.

use super::Net;

/// A machine synced with the remote, with one event recorded since.
fn synced_with_one_more_event(net: &Net) -> super::Machine<'_> {
    let machine = net.machine();
    machine.run(&["done", "what-is-mlops"]).success();
    machine.init();
    machine.run(&["start", "kubeflow"]).success();
    machine
}

#[test]
fn a_corrupt_remote_history_is_refused_with_nothing_changed() {
    let big = format!(
        "{{\"format\": 2, \"events\": [], \"pad\": \"{}\"}}",
        "x".repeat(17 * 1024 * 1024)
    );
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "bad json",
            b"{\"format\": 2, \"events\": [",
            "the remote history.json is refused",
        ),
        (
            "markers",
            b"{\n<<<<<<< HEAD\n  \"format\": 2\n=======\n>>>>>>> other\n}\n",
            "it has git conflict markers (line 2)",
        ),
        (
            "newer",
            b"{\"format\": 99, \"events\": []}\n",
            "history.json was written by a newer mlops-path (format 99); update this machine",
        ),
        (
            "oversized",
            big.as_bytes(),
            "more than the 16777216 bytes a history may hold",
        ),
    ];
    for (name, bytes, message) in cases {
        let Some(net) = Net::new() else { return };
        let machine = synced_with_one_more_event(&net);
        let commit = net.push_history(bytes, &format!("break it: {name}"));
        let tip = net.tip();
        let state = machine.state();
        machine
            .run(&["sync"])
            .code(1)
            .stderr_has(message)
            .stderr_has(&format!("it came with commit {commit} Test"))
            .stderr_has(&format!("break it: {name}"))
            .stderr_has("hint: nothing was changed here and nothing was pushed");
        assert_eq!(machine.state(), state, "{name}: state.json byte-identical");
        assert_eq!(net.tip(), tip, "{name}: the remote tip is unchanged");
    }
}

#[test]
fn a_remote_without_history_is_refused_at_init() {
    let Some(net) = Net::new() else { return };
    let work = net.root().join("other");
    net.git(net.root(), &["clone", "--quiet", &net.url, "other"]);
    std::fs::write(work.join("notes.txt"), "mine").unwrap();
    net.git(&work, &["add", "notes.txt"]);
    net.git(&work, &["commit", "--quiet", "-m", "unrelated"]);
    net.git(&work, &["push", "--quiet", "origin", "HEAD:main"]);
    let machine = net.machine();
    machine
        .run(&["sync", "init", &net.url])
        .code(1)
        .stderr_has("error: the remote has commits but no history.json (branch main, commit ");
    assert!(!machine.clone_dir().exists(), "nothing is left behind");
    assert!(machine.env.state_bytes().is_none());
}

#[test]
fn offline_exits_1_and_best_effort_exits_0_with_nothing_changed() {
    let Some(net) = Net::new() else { return };
    let machine = synced_with_one_more_event(&net);
    let state = machine.state();
    std::fs::rename(&net.remote, net.root().join("moved.git")).unwrap();
    machine
        .run(&["sync"])
        .code(1)
        .stderr_has("error: offline: 1 event(s) not yet synced (fatal: ")
        .stderr_has("does not appear to be a git repository")
        .stderr_has("hint: nothing was changed");
    machine
        .run(&["sync", "--best-effort"])
        .success()
        .stderr_has("warning: offline: 1 event(s) not yet synced");
    assert_eq!(machine.state(), state);
    let status = machine.run(&["sync", "status"]).success();
    assert!(
        status.stdout.contains("not synced  1 event\n"),
        "{}",
        status.stdout
    );
}

#[test]
fn sync_before_init_says_how_to_set_it_up() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    for args in [&["sync"][..], &["sync", "status"]] {
        machine
            .run(args)
            .code(1)
            .stderr_has("error: sync is not set up on this machine")
            .stderr_has("hint: `mlops-path sync init REMOTE` sets it up");
    }
}

#[test]
fn a_second_init_is_refused_and_names_the_remote() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    machine.init();
    machine
        .run(&["sync", "init", &net.url])
        .code(1)
        .stderr_has(&format!("error: sync is already set up with {}", net.url));
}

#[test]
fn ext_and_option_like_remotes_are_refused_before_git_runs() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    machine
        .run(&["sync", "init", "ext::sh -c touch% pwned"])
        .code(2)
        .stderr_has("the ext:: transport runs a command");
    machine
        .run(&["sync", "init", "--", "--upload-pack=touch pwned"])
        .code(2)
        .stderr_has("it starts with -");
    assert!(!machine.env.data_dir().join("sync").exists());
    assert!(!machine.env.root().join("pwned").exists());
}

#[test]
fn without_git_sync_says_so() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    let empty = net.root().join("no-git-here");
    std::fs::create_dir(&empty).unwrap();
    machine
        .run_with(
            &[("PATH", empty.display().to_string())],
            &["sync", "init", &net.url],
        )
        .code(1)
        .stderr_has("error: sync needs git; install it or put it on PATH");
}

#[test]
fn an_inherited_git_dir_does_not_redirect_sync() {
    let Some(net) = Net::new() else { return };
    let elsewhere = net.root().join("elsewhere");
    net.git(net.root(), &["init", "--quiet", "elsewhere"]);
    let machine = net.machine();
    machine.run(&["done", "what-is-mlops"]).success();
    let at = |path: &std::path::Path| path.display().to_string();
    machine
        .run_with(
            &[
                ("GIT_DIR", at(&elsewhere.join(".git"))),
                ("GIT_WORK_TREE", at(&elsewhere)),
                ("GIT_INDEX_FILE", at(&elsewhere.join(".git/index"))),
            ],
            &["sync", "init", &net.url],
        )
        .success();
    assert_ne!(net.tip(), "", "the remote got the history");
    let refs = net.git(&elsewhere, &["for-each-ref"]);
    assert_eq!(refs, "", "the other repository is untouched");
}

#[test]
fn a_bad_time_limit_is_a_usage_error() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    machine
        .run_with(&[("MLOPS_PATH_SYNC_TIMEOUT", "soon".into())], &["sync"])
        .code(2)
        .stderr_has("MLOPS_PATH_SYNC_TIMEOUT is \"soon\", not a whole number of seconds from 1");
}

/// A `PATH` whose `git` runs `case` (a shell `case` arm on all arguments) before the real
/// git, for a git that misbehaves in one way.
fn wrapped_git(net: &Net, case: &str) -> String {
    let real = String::from_utf8(
        std::process::Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let bin = net.root().join("wrapped-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = format!(
        "#!/bin/sh\ncase \"$*\" in {case} esac\nexec '{}' \"$@\"\n",
        real.trim()
    );
    std::fs::write(bin.join("git"), script).unwrap();
    std::fs::set_permissions(
        bin.join("git"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap())
}

#[test]
fn a_git_without_porcelain_fetch_still_syncs() {
    let Some(net) = Net::new() else { return };
    let old_git = wrapped_git(
        &net,
        "*fetch*--porcelain*) echo \"error: unknown option \\`porcelain'\" >&2; exit 129;;",
    );
    let laptop = net.machine();
    let desktop = net.machine();
    laptop.run(&["done", "what-is-mlops"]).success();
    let path = [("PATH", old_git)];
    laptop
        .run_with(&path, &["sync", "init", &net.url])
        .success();
    desktop
        .run_with(&path, &["sync", "init", &net.url])
        .success();
    desktop.run(&["start", "kubeflow"]).success();
    desktop
        .run_with(&path, &["sync"])
        .success()
        .stderr_has("sent 1 event, received 0");
    laptop
        .run_with(&path, &["sync"])
        .success()
        .stderr_has("sent 0 events, received 1");
    laptop
        .run_with(&path, &["sync"])
        .success()
        .stderr_has("sent 0 events, received 0");
    super::assert_agree(&[&laptop, &desktop]);
}

#[test]
fn a_hanging_fetch_ends_at_the_time_limit_as_offline() {
    let Some(net) = Net::new() else { return };
    let machine = synced_with_one_more_event(&net);
    // A git that hangs on fetch, as one behind a dead network would; the rest is real git.
    let path = wrapped_git(&net, "*' fetch '*) exec sleep 600;;");
    let state = machine.state();
    machine
        .run_with(
            &[("PATH", path), ("MLOPS_PATH_SYNC_TIMEOUT", "1".into())],
            &["sync"],
        )
        .code(1)
        .stderr_has(
            "error: offline: 1 event(s) not yet synced (git fetch gave no answer within 1 s)",
        );
    assert_eq!(machine.state(), state);
}

#[test]
fn a_second_sync_while_one_runs_is_refused() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    machine.init();
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(machine.env.data_dir().join("sync.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    machine
        .run(&["sync"])
        .code(1)
        .stderr_has("error: another sync is running (it holds ")
        .stderr_has("hint: wait for it to finish");
    drop(lock);
    machine.sync();
}

#[test]
fn a_push_the_remote_refuses_is_an_error_not_a_race() {
    let Some(net) = Net::new() else { return };
    let machine = synced_with_one_more_event(&net);
    let hook = net.remote.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'no pushes today' >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let tip = net.tip();
    machine
        .run(&["sync"])
        .code(1)
        .stderr_has("error: the push was refused: !")
        .stderr_has("pre-receive hook declined");
    assert_eq!(net.tip(), tip);
}

#[test]
fn init_with_a_remote_that_is_not_there_says_what_git_said() {
    let Some(net) = Net::new() else { return };
    let machine = net.machine();
    let missing = net.root().join("no-such.git");
    machine
        .run(&["sync", "init", missing.to_str().unwrap()])
        .code(1)
        .stderr_has("error: git clone failed: fatal: ");
    assert!(!machine.clone_dir().exists());
    assert_eq!(
        std::fs::read_dir(machine.env.data_dir())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".sync-init"))
            .count(),
        0,
        "the aside clone is gone"
    );
}
