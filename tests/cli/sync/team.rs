//! `team` with real git: a lead, members who publish at once, what the history holds, and
//! the rows of the table.

use std::process::Stdio;

use super::{Machine, Net};

/// A team repository started by a lead, and `members` who joined it with no events yet.
fn team<'n>(net: &'n Net, members: &[&str]) -> (Machine<'n>, Vec<Machine<'n>>) {
    let lead = net.machine();
    lead.run(&["team", "init", &net.url, "--title", "MLOps onboarding"])
        .success()
        .stderr_has("Team \"MLOps onboarding\" started on roadmap mlops");
    let joined = members
        .iter()
        .map(|handle| {
            let member = net.machine();
            member
                .run(&["team", "join", &net.url, "--as", handle, "--yes"])
                .success()
                .stderr_has(&format!("Joined as {handle}."));
            member
        })
        .collect();
    (lead, joined)
}

fn commits(net: &Net) -> usize {
    net.git(&net.remote, &["rev-list", "--count", "main"])
        .parse()
        .unwrap()
}

#[test]
fn three_members_publish_at_once_and_all_land_with_nothing_private_in_history() {
    let Some(net) = Net::new() else { return };
    let (lead, members) = team(&net, &["alice", "bob", "carol"]);
    for (index, member) in members.iter().enumerate() {
        member
            .run_at(
                "2026-03-09T21:47:00+01:00",
                &["done", "what-is-mlops", "-m", "secret-note-text"],
            )
            .success();
        member
            .run(&["note", "kubeflow", "private-thoughts"])
            .success();
        if index > 0 {
            member.run(&["start", "mlops-teams"]).success();
        }
    }
    let running: Vec<_> = members
        .iter()
        .map(|member| {
            let mut std = member.env.command_std();
            std.envs(member.net_vars());
            std.args(["team", "publish"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in running {
        let out = child.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "every publish lands: {said}");
    }
    let status = lead.run(&["team", "status", "--json"]).success().json();
    let rows = status["members"].as_array().unwrap();
    assert_eq!(rows.len(), 3, "{status}");
    assert_eq!(status["team"], "MLOps onboarding");
    assert_eq!(status["roadmap"], "mlops");
    for row in rows {
        assert!(row["error"].is_null(), "{row}");
        assert_eq!(row["last_active"], "2026-03-10");
        assert_eq!(row["published"], "2026-03-10");
    }
    assert_eq!(rows[1]["handle"], "bob");
    assert_eq!(rows[1]["in_progress"], 1);
    let history = net.git(&net.remote, &["log", "-p", "--all", "--format=fuller"]);
    for private in [
        "secret-note-text",
        "private-thoughts",
        "21:47",
        "09:00",
        "+01:00",
        "+0100",
    ] {
        assert!(!history.contains(private), "{private:?} leaked:\n{history}");
    }
    assert!(
        history.contains("\"kind\":\"note\""),
        "notes keep their day"
    );
    assert!(history.contains("AuthorDate: Tue Mar 10 12:00:00 2026 +0000"));
}

#[test]
fn publishing_twice_with_nothing_new_makes_no_second_commit() {
    let Some(net) = Net::new() else { return };
    let (_lead, members) = team(&net, &["alice"]);
    let alice = &members[0];
    alice.run(&["done", "what-is-mlops"]).success();
    alice
        .run(&["team", "publish"])
        .success()
        .stderr_has("Published your progress");
    let count = commits(&net);
    alice
        .run(&["team", "publish"])
        .success()
        .stderr_has("Nothing new to publish.");
    alice
        .run(&["team", "publish", "--dry-run"])
        .success()
        .stdout_has("\"step\":\"what-is-mlops\"")
        .stderr_has("the team already has exactly this");
    assert_eq!(commits(&net), count);
}

#[test]
fn a_corrupt_member_file_is_one_error_row_and_the_table_still_prints() {
    let Some(net) = Net::new() else { return };
    let (lead, _members) = team(&net, &["alice"]);
    let work = net.root().join("mallory");
    net.git(net.root(), &["clone", "--quiet", &net.url, "mallory"]);
    std::fs::write(
        work.join("members/mallory.json"),
        "{\"format\": 2, \"events\": [",
    )
    .unwrap();
    net.git(&work, &["add", "members/mallory.json"]);
    net.git(&work, &["commit", "--quiet", "-m", "broken"]);
    net.git(&work, &["push", "--quiet", "origin", "HEAD:main"]);
    let text = lead.run(&["team", "status"]).success().stdout;
    assert!(
        text.contains("1 member") || text.contains("2 members"),
        "{text}"
    );
    let mallory = text.lines().find(|l| l.starts_with("mallory")).unwrap();
    assert!(
        mallory.contains("error: members/mallory.json is not a valid state file"),
        "{mallory}"
    );
    assert!(text.lines().any(|l| l.starts_with("alice ")), "{text}");
    let csv = lead
        .run(&["team", "status", "--format", "csv"])
        .success()
        .stdout;
    assert!(csv.starts_with("handle,percent,foundations,"), "{csv}");
    assert_eq!(csv.lines().count(), 3);
    let md = lead
        .run(&["team", "status", "--format", "md"])
        .success()
        .stdout;
    assert!(md.starts_with("# MLOps onboarding\n"), "{md}");
    assert!(
        md.contains("| mallory | error: members/mallory.json"),
        "{md}"
    );
}

#[test]
fn status_offline_uses_the_last_fetch_and_an_unreachable_team_is_a_warning() {
    let Some(net) = Net::new() else { return };
    let (lead, _members) = team(&net, &["alice"]);
    lead.run(&["team", "status"]).success();
    std::fs::rename(&net.remote, net.root().join("gone.git")).unwrap();
    lead.run(&["team", "status", "--offline"])
        .success()
        .stderr_empty();
    lead.run(&["team", "status"])
        .success()
        .stderr_has("warning: cannot reach the team repository (")
        .stdout_has("alice");
}

#[test]
fn join_refuses_a_bad_handle_and_asks_for_a_yes_without_a_terminal() {
    let Some(net) = Net::new() else { return };
    let (_lead, _members) = team(&net, &[]);
    let member = net.machine();
    member
        .run(&["done", "what-is-mlops", "-m", "mine"])
        .success();
    member
        .run(&["team", "join", &net.url, "--as", "../Alice"])
        .code(2)
        .stderr_has("\"../Alice\" cannot be a handle");
    member
        .run(&["team", "join", &net.url, "--as", "alice"])
        .code(2)
        .stdout_has("\"step\":\"what-is-mlops\"")
        .stderr_has("error: joining shares your progress, so it needs a yes: none was given");
    assert!(
        !member
            .env
            .data_dir()
            .join("teams")
            .read_dir()
            .unwrap()
            .any(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("remote")
            })
    );
    assert_eq!(commits(&net), 1, "nothing was published");
    member
        .run(&["team", "status"])
        .code(1)
        .stderr_has("error: this machine follows no team");
}

#[test]
fn leave_with_remove_deletes_the_file_from_the_tip_only() {
    let Some(net) = Net::new() else { return };
    let (lead, members) = team(&net, &["alice"]);
    members[0]
        .run(&["team", "leave", "--remove"])
        .success()
        .stderr_has("Git history still holds every version pushed");
    let tree = net.git(&net.remote, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(!tree.contains("members/alice.json"), "{tree}");
    let history = net.git(&net.remote, &["log", "--all", "--name-only", "--format="]);
    assert!(history.contains("members/alice.json"));
    members[0]
        .run(&["team", "publish"])
        .code(1)
        .stderr_has("this machine publishes nothing to the team");
    let status = lead.run(&["team", "status", "--json"]).success().json();
    assert_eq!(status["members"].as_array().unwrap().len(), 0);
    lead.run(&["team", "publish"])
        .code(1)
        .stderr_has("as its lead");
}

#[test]
fn init_refuses_a_repository_with_commits() {
    let Some(net) = Net::new() else { return };
    let (_lead, _members) = team(&net, &[]);
    net.machine()
        .run(&["team", "init", &net.url, "--title", "Again"])
        .code(1)
        .stderr_has("already has commits; team init needs an empty repository");
}

#[test]
fn join_refuses_a_repository_without_team_json_and_a_second_team() {
    let Some(net) = Net::new() else { return };
    let member = net.machine();
    member
        .run(&["team", "join", &net.url, "--as", "alice", "--yes"])
        .code(1)
        .stderr_has(&format!(
            "error: {} is not a team repository: it has no team.json",
            net.url
        ));
    let (_lead, members) = team(&net, &["alice"]);
    members[0]
        .run(&["team", "join", &net.url, "--as", "alice2", "--yes"])
        .code(1)
        .stderr_has("error: this machine already follows the team in ");
}

#[test]
fn publish_to_an_unreachable_team_changes_nothing() {
    let Some(net) = Net::new() else { return };
    let (_lead, members) = team(&net, &["alice"]);
    members[0].run(&["done", "what-is-mlops"]).success();
    std::fs::rename(&net.remote, net.root().join("gone.git")).unwrap();
    members[0]
        .run(&["team", "publish"])
        .code(1)
        .stderr_has("error: cannot reach the team repository: fatal: ");
}

#[test]
fn a_hostile_file_name_is_escaped_in_the_table() {
    let Some(net) = Net::new() else { return };
    let (lead, _members) = team(&net, &[]);
    let work = net.root().join("hostile");
    net.git(net.root(), &["clone", "--quiet", &net.url, "hostile"]);
    std::fs::create_dir_all(work.join("members")).unwrap();
    std::fs::write(
        work.join("members/eve\u{1b}[2J.json"),
        "{\"format\": 2, \"events\": []}\n",
    )
    .unwrap();
    net.git(&work, &["add", "members"]);
    net.git(&work, &["commit", "--quiet", "-m", "hostile"]);
    net.git(&work, &["push", "--quiet", "origin", "HEAD:main"]);
    let text = lead.run(&["team", "status"]).success().stdout;
    assert!(text.contains("eve\\u{1b}[2J"), "{text}");
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn an_installed_roadmap_is_pinned_so_members_without_it_count_the_same_steps() {
    let Some(net) = Net::new() else { return };
    let lead = net.machine();
    let roadmap = lead.env.root().join("tiny.json");
    std::fs::write(
        &roadmap,
        r#"{"id": "tiny", "title": "Tiny", "sections": [{"id": "s", "title": "S", "steps": [
          {"id": "one", "title": "One", "kind": "concept", "minutes": 5, "summary": ""},
          {"id": "two", "title": "Two", "kind": "concept", "minutes": 5, "summary": ""}]}]}"#,
    )
    .unwrap();
    lead.run(&["roadmap", "install", roadmap.to_str().unwrap()])
        .success();
    lead.run(&[
        "--roadmap",
        "tiny",
        "team",
        "init",
        &net.url,
        "--title",
        "Tiny team",
    ])
    .success()
    .stderr_has("started on roadmap tiny");
    let files = net.git(&net.remote, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(files.contains("roadmaps/tiny.json"), "{files}");
    // A member who never installed it records events under its id and joins.
    let member = net.machine();
    member.env.write_state(
        r#"{"format": 1, "events": [
        {"at": "2026-03-09T10:00:00+01:00", "roadmap": "tiny", "step": "one", "kind": "done"}
        ]}"#,
    );
    member
        .run(&["team", "join", &net.url, "--as", "alice", "--yes"])
        .success();
    let status = member.run(&["team", "status", "--json"]).success().json();
    assert_eq!(status["roadmap"], "tiny");
    assert_eq!(status["members"][0]["percent"], 50, "{status}");
}
