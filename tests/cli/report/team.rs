//! `team status --format html`: the team table as a page, for a fixed team on real git (a
//! bare repository on disk, `file://` only): its structure as a snapshot, a row per member
//! with a bar per section that agrees with `--json`, hostile names as text, and `-o`. The
//! page in a real browser is `team_browser.rs`.

use std::path::{Path, PathBuf};

use super::page::outline;
use super::{
    HOSTILE, HOSTILE_NOTE, assert_only_own_markup, starter, tags, write_history, write_records,
};
use crate::common::NOW;
use crate::sync::{Machine, Net};

/// Commits `files` (path and bytes) to the team repository from a plain clone, as a lead or
/// an intruder editing it by hand would.
fn push_by_hand(net: &Net, files: &[(&str, Vec<u8>)]) {
    let work = net.root().join("by-hand");
    if !work.exists() {
        net.git(net.root(), &["clone", "--quiet", &net.url, "by-hand"]);
    }
    net.git(&work, &["pull", "--quiet", "--ff-only"]);
    for (path, bytes) in files {
        let path = work.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    net.git(&work, &["add", "--all"]);
    net.git(&work, &["commit", "--quiet", "-m", "by hand"]);
    net.git(&work, &["push", "--quiet", "origin", "HEAD:main"]);
}

/// The lead starts the team on the roadmap file, which the repository then pins.
fn init(net: &Net, lead: &Machine, roadmap: &Path, title: &str) {
    let roadmap = roadmap.to_str().unwrap();
    lead.run(&[
        "--roadmap",
        roadmap,
        "team",
        "init",
        &net.url,
        "--title",
        title,
    ])
    .success();
}

/// `team.json` as the lead's `team init` wrote it, with `roster` as its members.
fn with_roster(net: &Net, roster: serde_json::Value) -> Vec<u8> {
    let team = net.git(&net.remote, &["show", "main:team.json"]);
    let mut team: serde_json::Value = serde_json::from_str(&team).unwrap();
    team["members"] = roster;
    serde_json::to_vec_pretty(&team).unwrap()
}

/// A lead of a team on the starter roadmap (pinned in the repository) with five rows, one of
/// each kind: alice (a step in every status, on the roster by name), bob (published on
/// 1 February, so stale), carol (no events), mallory (a file that cannot be read) and dave
/// (on the roster, nothing published).
pub fn fixed_team(net: &Net) -> Machine<'_> {
    let lead = net.machine();
    let roadmap = starter(&lead.env);
    init(net, &lead, &roadmap, "Starter team");
    let join = |member: &Machine, now: &str, handle: &str| {
        member
            .run_at(now, &["team", "join", &net.url, "--as", handle, "--yes"])
            .success();
    };
    let alice = net.machine();
    write_history(&alice.env);
    join(&alice, NOW, "alice");
    let bob = net.machine();
    write_records(
        &bob.env,
        "starter",
        &[
            r#""at":"2026-01-20T10:00:00+01:00","step":"intro","kind":"start""#,
            r#""at":"2026-01-21T10:00:00+01:00","step":"intro","kind":"done""#,
        ],
    );
    join(&bob, "2026-02-01T10:00:00+01:00", "bob");
    join(&net.machine(), NOW, "carol");
    let roster = serde_json::json!({"alice": {"name": "Alice A."}, "dave": {"name": "Dave D."}});
    push_by_hand(
        net,
        &[
            ("team.json", with_roster(net, roster)),
            (
                "members/mallory.json",
                b"{\"format\": 2, \"events\": [".to_vec(),
            ),
        ],
    );
    lead
}

/// The rows of a page's member table, in order: each handle with the labels of its bars
/// and whether it is marked stale.
pub fn member_rows(page: &str) -> Vec<(String, Vec<String>, bool)> {
    let mut rows: Vec<(String, Vec<String>, bool)> = Vec::new();
    for tag in tags(page) {
        if tag.name == "/tbody" {
            break;
        }
        if let Some(handle) = tag.get("data-member") {
            rows.push((handle.to_owned(), Vec::new(), false));
        } else if let Some(row) = rows.last_mut() {
            if tag.name == "svg" && tag.get("class") == Some("bar") {
                row.1
                    .push(tag.get("aria-label").unwrap_or_default().to_owned());
            } else if tag.name == "span" && tag.get("class") == Some("stale") {
                row.2 = true;
            }
        }
    }
    rows
}

/// The rows of [`fixed_team`]: the overall bar, then Basics (3 steps) and Shipping (2).
pub fn expected_rows() -> Vec<(String, Vec<String>, bool)> {
    let row = |handle: &str, bars: &[&str], stale: bool| {
        (
            handle.to_owned(),
            bars.iter().map(|b| (*b).to_owned()).collect(),
            stale,
        )
    };
    vec![
        row(
            "alice",
            &["3/5 settled, 60%", "3/3 settled, 100%", "0/2 settled, 0%"],
            false,
        ),
        row(
            "bob",
            &["1/5 settled, 20%", "1/3 settled, 33%", "0/2 settled, 0%"],
            true,
        ),
        row(
            "carol",
            &["0/5 settled, 0%", "0/3 settled, 0%", "0/2 settled, 0%"],
            false,
        ),
        row("mallory", &[], false),
        row("dave", &[], false),
    ]
}

/// The lead's `team status --format html`.
pub fn team_page(lead: &Machine) -> String {
    lead.run(&["team", "status", "--format", "html"])
        .success()
        .stdout
}

/// The lead's team page written with `-o` to `name` in the lead's root.
pub fn team_page_file(lead: &Machine, name: &str) -> PathBuf {
    let path = lead.env.root().join(name);
    lead.run(&[
        "team",
        "status",
        "--format",
        "html",
        "-o",
        path.to_str().unwrap(),
    ])
    .success();
    path
}

#[test]
fn the_team_page_for_a_fixed_team_is_a_snapshot() {
    let Some(net) = Net::new() else { return };
    let lead = fixed_team(&net);
    let run = lead
        .run(&["team", "status", "--format", "html"])
        .success()
        .stderr_empty();
    let page = run.stdout;
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(page.ends_with("</html>\n"));
    assert_only_own_markup(&page);
    assert_eq!(member_rows(&page), expected_rows());
    // The bars say what `--json` says, member by member and section by section.
    let json = lead.run(&["team", "status", "--json"]).success().json();
    for (member, (handle, bars, _)) in json["members"]
        .as_array()
        .unwrap()
        .iter()
        .zip(member_rows(&page))
    {
        assert_eq!(member["handle"], handle.as_str());
        if bars.is_empty() {
            assert!(member["error"].is_string(), "{member}");
            continue;
        }
        let mut percents = vec![member["percent"].as_u64().unwrap()];
        percents.extend(
            member["sections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["percent"].as_u64().unwrap()),
        );
        let shown: Vec<u64> = bars
            .iter()
            .map(|b| {
                b.rsplit(", ")
                    .next()
                    .unwrap()
                    .trim_end_matches('%')
                    .parse()
                    .unwrap()
            })
            .collect();
        assert_eq!(shown, percents, "{handle}");
    }
    insta::assert_snapshot!(outline(&page));
}

#[test]
fn output_writes_the_team_page_and_refuses_the_data_directory() {
    let Some(net) = Net::new() else { return };
    let lead = fixed_team(&net);
    let page = team_page(&lead);
    let path = lead.env.root().join("team.html");
    let run = lead
        .run(&[
            "team",
            "status",
            "--offline",
            "--format",
            "html",
            "-o",
            path.to_str().unwrap(),
        ])
        .success()
        .stdout_empty();
    assert_eq!(
        run.stderr,
        format!("Wrote the team table of 5 members to {}.\n", path.display())
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), page);
    // Every format goes where -o says; - is standard output.
    let json = lead.env.root().join("team.json");
    lead.run(&[
        "team",
        "status",
        "--offline",
        "--json",
        "-o",
        json.to_str().unwrap(),
    ])
    .success()
    .stdout_empty();
    let stdout = lead
        .run(&["team", "status", "--offline", "--json", "-o", "-"])
        .success()
        .stdout;
    assert_eq!(std::fs::read_to_string(&json).unwrap(), stdout);
    let inside = lead.env.data_dir().join("team.html");
    lead.run(&[
        "team",
        "status",
        "--offline",
        "--format",
        "html",
        "-o",
        inside.to_str().unwrap(),
    ])
    .code(2)
    .stdout_empty()
    .stderr_has(&format!(
        "error: --output {}: that is inside the data directory ",
        inside.display()
    ));
    assert!(!inside.exists());
}

/// Every name that reaches the team page carries markup: the team's title, the pinned
/// roadmap's section titles, member file names, roster handles and names, a file error
/// that quotes its name, and a published note (which the page never shows).
pub fn hostile_team(net: &Net) -> Machine<'_> {
    let lead = net.machine();
    let roadmap = lead.env.root().join("hostile.json");
    std::fs::write(&roadmap, HOSTILE).unwrap();
    init(
        net,
        &lead,
        &roadmap,
        "Team </title><script>alert(20)</script>",
    );
    let alice = net.machine();
    let note = serde_json::to_string(HOSTILE_NOTE).unwrap();
    write_records(
        &alice.env,
        "hostile",
        &[
            r#""at":"2026-03-09T10:00:00+01:00","step":"quote","kind":"start""#,
            &format!(
                r#""at":"2026-03-09T11:00:00+01:00","step":"quote","kind":"note","note":{note}"#
            ),
        ],
    );
    alice
        .run(&["team", "join", &net.url, "--as", "alice", "--yes"])
        .success();
    alice.run(&["team", "publish", "--with-notes"]).success();
    let roster = serde_json::json!({
        "alice": {"name": "</th><script>alert(21)</script>"},
        "\"><svg onload=alert(22)>": {"name": "<img src=x onerror=alert(23)>"}
    });
    push_by_hand(
        net,
        &[
            ("team.json", with_roster(net, roster)),
            (
                "members/<img src=x onerror=alert(24)>.json",
                b"{\"format\": 2, \"events\": []}\n".to_vec(),
            ),
            ("members/eve\u{1b}[2J<b>.json", b"not json".to_vec()),
        ],
    );
    lead
}

#[test]
fn hostile_names_on_the_team_page_are_only_text() {
    let Some(net) = Net::new() else { return };
    let lead = hostile_team(&net);
    let page = team_page(&lead);
    assert_only_own_markup(&page);
    assert!(
        !page.contains('\u{1b}'),
        "no raw escape byte reaches the terminal"
    );
    for text in [
        "<title>Team &lt;/title&gt;&lt;script&gt;alert(20)&lt;/script&gt; · team progress</title>",
        "<h1>Team &lt;/title&gt;&lt;script&gt;alert(20)&lt;/script&gt;</h1>",
        "&lt;img src=x onerror=alert(2)&gt;",
        "<span class=\"name\">&lt;/th&gt;&lt;script&gt;alert(21)&lt;/script&gt;</span>",
        "&quot;&gt;&lt;svg onload=alert(22)&gt;</span><span class=\"name\">&lt;img src=x onerror=alert(23)&gt;</span>",
        "&lt;img src=x onerror=alert(24)&gt;</span>",
        "eve\\u{1b}[2J&lt;b&gt;",
    ] {
        assert!(
            page.contains(text),
            "{text} not in the page as text:\n{page}"
        );
    }
    assert!(!page.contains("alert(10)"), "notes stay off the team page");
    let handles: Vec<String> = member_rows(&page).into_iter().map(|r| r.0).collect();
    assert_eq!(
        handles,
        [
            "<img src=x onerror=alert(24)>",
            "alice",
            "eve\\u{1b}[2J<b>",
            "\"><svg onload=alert(22)>"
        ]
    );
}
