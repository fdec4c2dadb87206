//! Fault tests that start many processes: concurrent writers, writers killed mid-write, and a
//! busy lock. Every loop is bounded in count and time, and every child is reaped.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use mlops_path::storage;

use crate::common::{TestEnv, seeded_rng};

const WRITERS: usize = 100;
const KILLS: usize = 200;
const MAX_KILL_DELAY_MS: u64 = 20;
/// Generous: 100 debug binaries queue on one lock on a shared 2-core machine.
const RACE_LOCK_TIMEOUT_S: &str = "120";
const DEADLINE: Duration = Duration::from_secs(180);

/// Waits for every child until the deadline; kills and reaps the rest if it passes.
fn wait_all(children: &mut [Child]) -> Vec<Option<std::process::ExitStatus>> {
    let started = Instant::now();
    let mut statuses = vec![None; children.len()];
    while statuses.iter().any(Option::is_none) && started.elapsed() < DEADLINE {
        for (child, status) in children.iter_mut().zip(&mut statuses) {
            if status.is_none() {
                *status = child.try_wait().expect("try_wait");
            }
        }
        thread::sleep(Duration::from_millis(10));
    }
    for (child, status) in children.iter_mut().zip(&statuses) {
        if status.is_none() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
    statuses
}

/// The events of the state file, through the program's own parser: it must accept the file.
fn parsed_events(path: &Path) -> Vec<mlops_path::domain::event::Event> {
    match std::fs::read(path) {
        Ok(bytes) => storage::parse(path, &bytes)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
            .events()
            .to_vec(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}

/// The first 14 steps of the built-in roadmap, in order.
fn step_ids(env: &TestEnv) -> Vec<String> {
    env.run(&["list", "--json"]).success().json()["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["steps"].as_array().unwrap().clone())
        .map(|step| step["id"].as_str().unwrap().to_owned())
        .take(14)
        .collect()
}

#[test]
fn concurrency_100_writers_started_together_keep_all_100_events() {
    let env = TestEnv::new();
    let steps = step_ids(&env);
    // Each command records exactly one event whatever the order: every step is done or
    // skipped once (a `start` after its `done` would be refused), and every note is new.
    let mut commands: Vec<Vec<String>> = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let kind = if i % 2 == 0 { "done" } else { "skip" };
        commands.push(vec![kind.into(), step.clone()]);
    }
    for i in commands.len()..WRITERS {
        commands.push(vec![
            "note".into(),
            steps[i % steps.len()].clone(),
            format!("note {i}"),
        ]);
    }
    assert_eq!(commands.len(), WRITERS);

    // Hold the lock while starting them, so all 100 queue up and race for it at once.
    let lock = env.hold_lock();
    let mut children: Vec<Child> = commands
        .iter()
        .map(|args| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            env.process(&args)
                .env("MLOPS_PATH_LOCK_TIMEOUT", RACE_LOCK_TIMEOUT_S)
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in &mut children {
        let mut line = String::new();
        BufReader::new(child.stderr.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(
            line.starts_with("Waiting for "),
            "a writer did not wait: {line:?}"
        );
    }
    drop(lock);
    let statuses = wait_all(&mut children);
    let succeeded = statuses
        .iter()
        .filter(|s| s.is_some_and(|s| s.success()))
        .count();
    assert_eq!(succeeded, WRITERS, "writers that exited 0");

    let events = parsed_events(&env.state_path());
    let recorded: BTreeSet<(String, String, Option<String>)> = events
        .iter()
        .map(|e| (e.kind.to_string(), e.step.clone(), e.note.clone()))
        .collect();
    let expected: BTreeSet<(String, String, Option<String>)> = commands
        .iter()
        .map(|c| (c[0].clone(), c[1].clone(), c.get(2).cloned()))
        .collect();
    eprintln!(
        "{WRITERS} writers started together: {} events kept",
        events.len()
    );
    assert_eq!(events.len(), WRITERS);
    assert_eq!(recorded, expected);
    env.run(&["doctor"]).success();
}

#[test]
fn crash_200_kills_at_random_0_to_20_ms_lose_no_event() {
    let env = TestEnv::new();
    let mut rng = seeded_rng("crash");
    let state = env.state_path();
    let backup = env.data_dir().join("state.json.bak");
    let mut committed: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let (mut finished, mut killed_after_write, mut killed_before_write) = (0, 0, 0);
    let mut left_temp_files = 0;
    let mut temp_files_before: BTreeSet<String> = BTreeSet::new();
    // Bounded: 200 rounds, each a sleep of at most 20 ms and the reaping of a killed child.
    for i in 0..KILLS {
        let note = format!("crash {i}");
        let mut child = env
            .process(&["note", "kubeflow", &note])
            .spawn()
            .expect("spawn");
        thread::sleep(Duration::from_millis(rng.below(MAX_KILL_DELAY_MS + 1)));
        child.kill().expect("kill");
        let exited_ok = child.wait().expect("wait").success();
        // Only this kill's leftovers: older ones stay until a writer gets the lock.
        let temp_files: BTreeSet<String> = env.temp_files().into_iter().collect();
        if !temp_files.is_subset(&temp_files_before) {
            left_temp_files += 1;
        }
        temp_files_before = temp_files;

        let notes: Vec<String> = parsed_events(&state)
            .into_iter()
            .map(|e| e.note.unwrap_or_default())
            .collect();
        parsed_events(&backup);
        assert!(
            notes.starts_with(&seen),
            "kill {i}: events were lost or reordered:\nbefore {seen:?}\nafter {notes:?}"
        );
        let new: Vec<&String> = notes[seen.len()..].iter().collect();
        assert!(
            new.is_empty() || new == [&note],
            "kill {i}: unexpected new events {new:?}"
        );
        if exited_ok {
            finished += 1;
            assert_eq!(
                new,
                [&note],
                "kill {i}: a command that exited 0 lost its event"
            );
            committed.push(note);
        } else if new.is_empty() {
            killed_before_write += 1;
        } else {
            killed_after_write += 1;
        }
        seen = notes;
    }
    eprintln!(
        "{KILLS} kills: {finished} finished first, {killed_after_write} killed after their write landed, \
         {killed_before_write} killed before it ({left_temp_files} mid-write, leaving a temporary file); \
         {} events kept, all {} committed ones among them",
        seen.len(),
        committed.len()
    );
    assert!(committed.iter().all(|c| seen.contains(c)));

    env.age_temp_files();
    env.run(&["note", "kubeflow", "after the crashes"])
        .success();
    assert_eq!(
        env.temp_files(),
        Vec::<String>::new(),
        "temporary files left behind"
    );
    assert_eq!(env.events().len(), seen.len() + 1);
    env.run(&["doctor"])
        .success()
        .stdout_has("temporary files  none");
}

#[test]
fn a_busy_lock_makes_a_writer_wait_say_so_and_give_up_unchanged() {
    let env = TestEnv::new();
    env.run(&["done", "what-is-mlops"]).success();
    let before = env.snapshot_files();
    let _lock = env.hold_lock();
    insta::assert_snapshot!(
        env.outcome_with(&[("MLOPS_PATH_LOCK_TIMEOUT", "1")], &["done", "kubeflow"])
    );
    assert_eq!(env.snapshot_files(), before);
    // Readers never take the lock.
    env.run(&["status"]).success();
    env.run(&["doctor"])
        .success()
        .stdout_has("warning state.lock       held by a running mlops-path right now");
}

#[test]
fn a_busy_lock_is_given_up_after_the_default_10_s() {
    let env = TestEnv::new();
    let _lock = env.hold_lock();
    insta::assert_snapshot!(env.outcome(&["note", "kubeflow", "x"]));
    assert_eq!(env.state_bytes(), None);
}
