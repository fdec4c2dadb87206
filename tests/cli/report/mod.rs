//! `report` and `team status --format html`: the pages. Their structure is a snapshot for a
//! fixed history; hostile text stays text; a real browser renders them (`browser.rs`,
//! `team_browser.rs`, through `chromium.rs`).

mod browser;
mod chromium;
mod files;
mod page;
mod team;
mod team_browser;

use std::path::PathBuf;

use crate::common::{Run, TestEnv};

/// Five steps in two sections, one of them a lab: with [`write_history`], one step in each
/// status a page shows.
const STARTER: &str = r#"{"id":"starter","title":"Starter path","sections":[
 {"id":"basics","title":"Basics","steps":[
  {"id":"intro","title":"Intro to MLOps","kind":"article","url":"https://example.org/intro","minutes":20,"summary":"What it is."},
  {"id":"models","title":"How models learn","kind":"video","url":"https://example.org/models","minutes":30,"summary":"Training in short."},
  {"id":"baseline","title":"A baseline model","kind":"lab","minutes":45,"summary":"Train and score one.","lab":"lab-baseline-model"}]},
 {"id":"ship","title":"Shipping","steps":[
  {"id":"tracking","title":"Experiment tracking","kind":"tool","url":"https://example.org/mlflow","minutes":40,"summary":"Log runs."},
  {"id":"serve","title":"Serving","kind":"course","minutes":60,"summary":"An HTTP endpoint."}]}]}"#;

/// The status each step of [`STARTER`] has after [`write_history`], as `data-status` says.
const STATUSES: [(&str, &str); 5] = [
    ("intro", "done"),
    ("models", "skipped"),
    ("baseline", "verified"),
    ("tracking", "in_progress"),
    ("serve", "pending"),
];

/// Every untrusted field carries markup, a script, an event handler or a `javascript:` link.
pub const HOSTILE: &str = r#"{"id":"hostile","title":"Path </title><script>alert(1)</script>","sections":[
 {"id":"evil","title":"<img src=x onerror=alert(2)>","steps":[
  {"id":"quote","title":"</h3></li></ol><script>alert(3)</script>","kind":"article",
   "url":"https://example.org/x\"><script>alert(4)</script>","minutes":5,
   "summary":"javascript:alert(5) <a href=\"javascript:alert(6)\">click</a> </p></section>"},
  {"id":"apos","title":"<svg onload=alert(7)>","kind":"tool",
   "url":"https://example.org/'onmouseover='alert(8)","minutes":5,"summary":"<iframe src=javascript:alert(9)>"}]}]}"#;

pub const HOSTILE_NOTE: &str = "<script>alert(10)</script><img src=x onerror=alert(11)>\n[x](javascript:alert(12)) </p></body></html>";

pub fn starter(env: &TestEnv) -> PathBuf {
    let path = env.root().join("starter.json");
    std::fs::write(&path, STARTER).unwrap();
    path
}

/// A fixed history of [`STARTER`], written as `state.json` records, so the page's snapshot
/// does not depend on the order commands would give ids. The lab's done carries evidence.
pub fn write_history(env: &TestEnv) {
    let records = [
        r#""at":"2026-01-12T10:00:00+01:00","step":"intro","kind":"start""#,
        r#""at":"2026-01-13T10:00:00+01:00","step":"intro","kind":"done""#,
        r#""at":"2026-02-02T10:00:00+01:00","step":"models","kind":"skip""#,
        r#""at":"2026-03-05T18:00:00+01:00","step":"baseline","kind":"start""#,
        r#""at":"2026-03-05T19:00:00+01:00","step":"baseline","kind":"note","note":"tried a tree\nAUC 0.81""#,
        r#""at":"2026-03-06T20:00:00+01:00","step":"baseline","kind":"done","evidence":{"lab":"lab-baseline-model","checks":["model-file","score"]}"#,
        r#""at":"2026-03-08T10:00:00+01:00","step":"tracking","kind":"start""#,
        r#""at":"2026-03-09T21:00:00+01:00","step":"intro","kind":"reopen""#,
        r#""at":"2026-03-10T08:30:00+01:00","step":"intro","kind":"done","note":"second pass""#,
    ];
    write_records(env, "starter", &records);
}

pub fn write_records(env: &TestEnv, roadmap: &str, records: &[&str]) {
    let lines: Vec<String> = records
        .iter()
        .zip(1..)
        .map(|(fields, seq)| {
            format!(r#"    {{"id":"{seq:016x}","seq":{seq},{fields},"roadmap":"{roadmap}"}}"#)
        })
        .collect();
    env.write_state(format!(
        "{{\n  \"format\": 2,\n  \"events\": [\n{}\n  ]\n}}\n",
        lines.join(",\n")
    ));
}

/// The hostile roadmap, with a step started and noted in hostile words.
pub fn hostile(env: &TestEnv) -> PathBuf {
    let path = env.root().join("hostile.json");
    std::fs::write(&path, HOSTILE).unwrap();
    let note = serde_json::to_string(HOSTILE_NOTE).unwrap();
    write_records(
        env,
        "hostile",
        &[
            r#""at":"2026-03-09T10:00:00+01:00","step":"quote","kind":"start""#,
            &format!(
                r#""at":"2026-03-09T11:00:00+01:00","step":"quote","kind":"note","note":{note}"#
            ),
        ],
    );
    path
}

pub fn report(env: &TestEnv, roadmap: &std::path::Path, args: &[&str]) -> Run {
    env.run(&[&["--roadmap", roadmap.to_str().unwrap(), "report"], args].concat())
}

/// One tag of a page as written or as a browser serialises its DOM: its name (`/name` for
/// an end tag) and its attributes with their values unescaped.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every tag of `html`. Serialised HTML writes a `<` of text as `&lt;`, so each `<` opens a
/// tag, a comment or the doctype; inside a tag, quoted values may hold `>`.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if rest.starts_with('!') {
            rest = &rest[rest.find('>').map_or(rest.len(), |end| end + 1)..];
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let attribute = rest[..end].to_ascii_lowercase();
            rest = &rest[end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
                let (raw, next) = if let Some(q) = quote {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], &body[(close + 1).min(body.len())..])
                } else {
                    let close = after
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    (&after[..close], &after[close..])
                };
                value = unescape(raw);
                rest = next;
            }
            attributes.push((attribute, value));
        }
        tags.push(Tag { name, attributes });
    }
    tags
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The step boxes of a page, in order: each `data-step` with its `data-status`.
pub fn step_boxes(html: &str) -> Vec<(String, String)> {
    tags(html)
        .iter()
        .filter_map(|tag| {
            Some((
                tag.get("data-step")?.to_owned(),
                tag.get("data-status")?.to_owned(),
            ))
        })
        .collect()
}

/// What markup a page may hold; anything else came from the text.
pub const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "main",
    "footer",
    "section",
    "h1",
    "h2",
    "h3",
    "p",
    "span",
    "div",
    "ul",
    "ol",
    "li",
    "a",
    "code",
    "time",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "details",
    "summary",
    "svg",
    "rect",
    "text",
    "line",
    "path",
];

pub const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "id",
    "class",
    "href",
    "rel",
    "data-step",
    "data-status",
    "data-section",
    "data-member",
    "colspan",
    "datetime",
    "scope",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-hidden",
    "viewbox",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "d",
    "preserveaspectratio",
];

/// Every element and attribute is one the page's templates write, no attribute runs code
/// or fetches, and every link is http(s) or to a place on the page.
#[track_caller]
pub fn assert_only_own_markup(html: &str) {
    for tag in tags(html) {
        let name = tag.name.trim_start_matches('/');
        assert!(ELEMENTS.contains(&name), "element <{name}> in the page");
        for (attribute, value) in &tag.attributes {
            assert!(
                ATTRIBUTES.contains(&attribute.as_str()),
                "attribute {attribute}={value:?} on <{name}>"
            );
            if attribute == "href" {
                assert!(
                    value.starts_with("https://")
                        || value.starts_with("http://")
                        || value.starts_with('#'),
                    "link to {value:?}"
                );
            }
        }
    }
}

/// The mark and words each status shows beside its colour, as the page writes them.
pub fn status_words(status: &str) -> &'static str {
    match status {
        "done" => "[x]</span> done",
        "verified" => "[✓]</span> verified by a check",
        "skipped" => "[-]</span> skipped",
        "in_progress" => "[~]</span> in progress",
        "pending" => "[ ]</span> pending",
        other => panic!("no status {other:?}"),
    }
}

/// Every step box says its status in a mark and words, not by its colour alone: the first
/// thing in each box is `<span class="status"><span class="mark">MARK</span> WORDS</span>`.
#[track_caller]
pub fn assert_status_in_words(html: &str) {
    let boxes = step_boxes(html);
    assert!(!boxes.is_empty(), "no step boxes");
    for (step, status) in boxes {
        let start = format!("data-step=\"{step}\" data-status=\"{status}\">");
        let at = html
            .find(&start)
            .unwrap_or_else(|| panic!("no box {start}"))
            + start.len();
        let expected = format!(
            "<span class=\"status\"><span class=\"mark\">{}</span>",
            status_words(&status)
        );
        assert!(
            html[at..].starts_with(&expected),
            "{step}: {:?}",
            &html[at..(at + 120).min(html.len())]
        );
    }
}
