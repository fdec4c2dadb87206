//! Two and three machines that change offline and sync in several orders end with the same
//! bytes and the same status; a lost push race converges; undo travels; skewed clocks agree.

use super::{Net, assert_agree, bin, script};

#[test]
fn two_machines_that_change_offline_agree_after_syncing() {
    let Some(net) = Net::new() else { return };
    let laptop = net.machine();
    let desktop = net.machine();
    laptop.run(&["done", "what-is-mlops"]).success();
    laptop
        .init()
        .stderr_has("Sync set up with")
        .stderr_has("sent 1 event, received 0");
    desktop
        .run(&["start", "kubeflow", "-m", "try kind"])
        .success();
    desktop
        .init()
        .stderr_has("sent 1 event, received 1")
        .stderr_has("what-is-mlops: pending -> done");
    laptop
        .sync()
        .stderr_has("sent 0 events, received 1")
        .stderr_has("kubeflow: pending -> in progress");
    assert_agree(&[&laptop, &desktop]);
    let status = laptop.run(&["show", "kubeflow", "--json"]).success().json();
    assert_eq!(status["status"], "in_progress", "{status}");
    // The remote holds the files a first sync writes, and a linear history.
    let files = net.git(&net.remote, &["ls-tree", "--name-only", "main"]);
    assert_eq!(files, ".gitattributes\nREADME.md\nhistory.json");
    let parents = net.git(&net.remote, &["rev-list", "--min-parents=2", "main"]);
    assert_eq!(parents, "", "no merge commits");
}

#[test]
fn a_sync_with_nothing_new_makes_no_commit() {
    let Some(net) = Net::new() else { return };
    let laptop = net.machine();
    laptop.run(&["done", "what-is-mlops"]).success();
    laptop.init();
    let tip = net.tip();
    let state = laptop.state();
    laptop.sync().stderr_has("sent 0 events, received 0");
    laptop.sync();
    assert_eq!(net.tip(), tip);
    assert_eq!(laptop.state(), state);
    let status = laptop.run(&["sync", "status", "--json"]).success().json();
    assert_eq!(status["pending"], 0);
    assert_eq!(status["branch"], "main");
    assert_eq!(status["remote"], net.url.as_str());
    assert_eq!(status["last_sync_commit"], tip.as_str());
    assert_eq!(status["last_sync"], crate::common::NOW);
    laptop
        .run_at("2026-03-11T08:00:00+01:00", &["sync"])
        .success();
    let status = laptop.run(&["sync", "status", "--json"]).success().json();
    assert_eq!(
        status["last_sync"], "2026-03-11T08:00:00+01:00",
        "every sync counts"
    );
    assert_eq!(net.tip(), tip);
}

#[test]
fn three_machines_agree_whatever_the_order_of_their_syncs() {
    let orders: [[usize; 3]; 4] = [[0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]];
    for order in orders {
        let Some(net) = Net::new() else { return };
        let machines = [net.machine(), net.machine(), net.machine()];
        for machine in &machines {
            machine.init();
        }
        machines[0].run(&["done", "what-is-mlops"]).success();
        machines[1].run(&["start", "what-is-mlops"]).success();
        machines[1].run(&["skip", "mlops-teams"]).success();
        machines[2]
            .run(&["note", "kubeflow", "pipelines"])
            .success();
        machines[2].run(&["undo"]).success();
        // Two rounds in this order: after the first, the last machine holds everything;
        // after the second, everyone does.
        for _ in 0..2 {
            for &index in &order {
                machines[index].sync();
            }
        }
        let refs: Vec<_> = machines.iter().collect();
        assert_agree(&refs);
        let records = machines[0].env.records();
        assert_eq!(records.len(), 5, "every event once: {records:?}");
    }
}

#[test]
fn an_undo_on_one_machine_is_undone_everywhere() {
    let Some(net) = Net::new() else { return };
    let laptop = net.machine();
    let desktop = net.machine();
    laptop.run(&["done", "what-is-mlops"]).success();
    laptop.init();
    desktop.init();
    desktop.run(&["undo"]).success();
    desktop.sync();
    laptop
        .sync()
        .stderr_has("received 1 (1 an undo)")
        .stderr_has("what-is-mlops: done -> pending");
    for machine in [&laptop, &desktop] {
        let show = machine
            .run(&["show", "what-is-mlops", "--json"])
            .success()
            .json();
        assert_eq!(show["status"], "pending");
    }
    // And it stays undone through more syncs in both orders.
    laptop.sync();
    desktop.sync();
    assert_agree(&[&laptop, &desktop]);
}

#[test]
fn clocks_two_hours_apart_agree_on_one_answer() {
    let Some(net) = Net::new() else { return };
    let laptop = net.machine();
    let desktop = net.machine();
    laptop
        .run_at("2026-03-10T09:00:00+01:00", &["done", "kubeflow"])
        .success();
    laptop
        .run_at("2026-03-10T09:00:00+01:00", &["sync", "init", &net.url])
        .success();
    desktop
        .run_at("2026-03-10T09:30:00+01:00", &["sync", "init", &net.url])
        .success();
    laptop
        .run_at("2026-03-10T12:00:00+01:00", &["reopen", "kubeflow"])
        .success();
    // The desktop's clock is two hours slow: at 12:30 it says 10:30.
    desktop
        .run_at("2026-03-10T10:30:00+01:00", &["done", "kubeflow"])
        .success();
    laptop.sync();
    desktop.sync();
    laptop.sync();
    assert_agree(&[&laptop, &desktop]);
    for machine in [&laptop, &desktop] {
        let show = machine
            .run(&["show", "kubeflow", "--json"])
            .success()
            .json();
        assert_eq!(
            show["status"], "pending",
            "reopen@12:00 sorts last everywhere"
        );
    }
}

#[test]
fn a_lost_push_race_is_fetched_merged_and_pushed_again() {
    let Some(net) = Net::new() else { return };
    let laptop = net.machine();
    let desktop = net.machine();
    laptop.init();
    desktop.init();
    laptop.run(&["done", "what-is-mlops"]).success();
    desktop.run(&["start", "kubeflow"]).success();
    // Between the laptop's commit and its push, the desktop syncs and pushes first.
    let hook = script(
        &net,
        "desktop-syncs",
        &format!(
            "exec env MLOPS_PATH_DATA_DIR='{}' '{}' sync",
            desktop.env.data_dir().display(),
            bin()
        ),
    );
    let before = net.git(&net.remote, &["rev-list", "--count", "main"]);
    laptop
        .run_with(
            &[("MLOPS_PATH_TEST_BEFORE_PUSH", hook.display().to_string())],
            &["sync"],
        )
        .success();
    // The desktop's push landed first; the laptop's retry went on top of it.
    let count = net.git(&net.remote, &["rev-list", "--count", "main"]);
    assert_eq!(
        count.parse::<u32>().unwrap(),
        before.parse::<u32>().unwrap() + 2
    );
    let second = net.git(&net.remote, &["log", "-1", "--format=%s", "main~1"]);
    assert_eq!(second, "sync: 1 event(s) added", "the desktop's own commit");
    desktop.sync();
    assert_agree(&[&laptop, &desktop]);
    assert_eq!(laptop.env.records().len(), 2);
}

#[test]
fn two_inits_racing_on_an_empty_remote_end_with_one_history() {
    let Some(net) = Net::new() else { return };
    let laptop = net.machine();
    let desktop = net.machine();
    laptop.run(&["done", "what-is-mlops"]).success();
    desktop.run(&["skip", "mlops-teams"]).success();
    // The desktop's init runs between the laptop's first commit and its push: both found an
    // empty remote, both made a first commit, one of them lost.
    let hook = script(
        &net,
        "desktop-inits",
        &format!(
            "exec env MLOPS_PATH_DATA_DIR='{}' '{}' sync init '{}'",
            desktop.env.data_dir().display(),
            bin(),
            net.url
        ),
    );
    laptop
        .run_with(
            &[("MLOPS_PATH_TEST_BEFORE_PUSH", hook.display().to_string())],
            &["sync", "init", &net.url],
        )
        .success()
        .stderr_has("sent 1 event, received 1");
    desktop.sync();
    assert_agree(&[&laptop, &desktop]);
    let roots = net.git(&net.remote, &["rev-list", "--max-parents=0", "main"]);
    assert_eq!(roots.lines().count(), 1, "one history, not two");
}

#[test]
fn a_format_1_machine_and_a_format_2_machine_converge() {
    let Some(net) = Net::new() else { return };
    let old = net.machine();
    let new = net.machine();
    old.env.write_state(
        r#"{"format": 1, "events": [
        {"at": "2026-03-01T10:00:00+01:00", "roadmap": "mlops", "step": "what-is-mlops", "kind": "done"}
        ]}"#,
    );
    old.init();
    assert_eq!(old.env.records().len(), 1, "sync rewrote it in format 2");
    new.run(&["start", "kubeflow"]).success();
    new.init().stderr_has("received 1");
    old.sync();
    assert_agree(&[&old, &new]);
}

#[test]
fn a_remote_that_keeps_changing_gives_up_after_five_rounds() {
    let Some(net) = Net::new() else { return };
    let laptop = net.machine();
    laptop.init();
    laptop.run(&["done", "what-is-mlops"]).success();
    let other = net.root().join("busy-clone");
    net.git(net.root(), &["clone", "--quiet", &net.url, "busy-clone"]);
    // Before every push of the laptop's, someone else pushes a commit.
    let hook = script(
        &net,
        "someone-pushes",
        &format!(
            "cd '{}' && echo x >> noise.txt && git add noise.txt && git commit -q -m noise && git push -q origin HEAD:main",
            other.display()
        ),
    );
    let state = laptop.state();
    laptop
        .run_with(
            &[("MLOPS_PATH_TEST_BEFORE_PUSH", hook.display().to_string())],
            &["sync"],
        )
        .code(1)
        .stderr_has("error: the remote kept changing; run sync again");
    let noise = net.git(
        &net.remote,
        &["rev-list", "--count", "main", "--", "noise.txt"],
    );
    assert_eq!(noise, "5", "five rounds, each lost");
    // The merge went into state.json, which is fine: nothing else is lost, and the next sync
    // pushes it.
    assert_eq!(laptop.state(), state);
    laptop.sync().stderr_has("sent 1 event, received 0");
}
