//! What a link says about itself: the target of a tracking redirect, its host, whether two
//! links are the same, and the kind of step it evidently is.

use crate::domain::roadmap::StepKind;

/// Query parameters that carry the real target of a tracking redirect.
const TARGET_PARAMETERS: &[&str] = &["url", "u", "target"];
/// Hosts of short and affiliate redirects whose target is not in the link itself.
pub const REDIRECT_HOSTS: &[&str] = &[
    "pxf.io",
    "sjv.io",
    "kqzyfj.com",
    "anrdoezrs.net",
    "jdoqocy.com",
    "tkqlhce.com",
    "dpbolvw.net",
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "buff.ly",
    "lnkd.in",
    "amzn.to",
];
const COURSE_HOSTS: &[&str] = &[
    "coursera.org",
    "udemy.com",
    "edx.org",
    "datacamp.com",
    "udacity.com",
    "pluralsight.com",
    "deeplearning.ai",
    "course.fast.ai",
    "educative.io",
    "kodekloud.com",
    "khanacademy.org",
    "cloudskillsboost.google",
];
const VIDEO_HOSTS: &[&str] = &["youtube.com", "youtu.be", "vimeo.com"];
const LAB_HOSTS: &[&str] = &[
    "killercoda.com",
    "katacoda.com",
    "qwiklabs.com",
    "labs.iximiuz.com",
];
const REPOSITORY_HOSTS: &[&str] = &["github.com", "gitlab.com", "codeberg.org"];
/// The estimate a step of each kind gets, in minutes: an article is a sitting, a video a
/// talk, a tool an afternoon's first try, a lab a guided exercise, a course several evenings.
pub fn default_minutes(kind: StepKind) -> u32 {
    match kind {
        StepKind::Concept | StepKind::Article => 15,
        StepKind::Video => 20,
        StepKind::Tool => 60,
        StepKind::Lab => 90,
        StepKind::Course => 240,
    }
}

/// The target of a tracking redirect that carries it in `url=`, `u=` or `target=`.
pub fn redirect_target(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        if !TARGET_PARAMETERS.contains(&key.to_ascii_lowercase().as_str()) {
            return None;
        }
        let target = percent_decode(value)?;
        crate::domain::validate::is_web_url(&target).then_some(target)
    })
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The lowercase host of an http(s) URL, without `www.` or a port.
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    host.strip_prefix("www.").map(str::to_owned).unwrap_or(host)
}

pub fn host_matches(host: &str, known: &[&str]) -> bool {
    known
        .iter()
        .any(|k| host == *k || host.ends_with(&format!(".{k}")))
}

/// Two links are the same when they differ only in case of scheme and host, `www.`, a
/// trailing slash or a fragment.
pub fn url_key(url: &str) -> String {
    let without_fragment = url.split('#').next().unwrap_or_default();
    let rest = without_fragment
        .split_once("://")
        .map_or(without_fragment, |(_, rest)| rest);
    let (_, path) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    format!("{}{}", host(url), path.trim_end_matches('/'))
}

/// The kind evident from the link, else from words in the title, else in the section title.
pub fn guess_kind(url: &str, title: &str, section: &str) -> StepKind {
    let host = host(url);
    let path = url
        .split_once("://")
        .map_or("", |(_, rest)| rest)
        .split_once('/')
        .map_or("", |(_, path)| path);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    if host_matches(&host, VIDEO_HOSTS) {
        return StepKind::Video;
    }
    if host_matches(&host, COURSE_HOSTS)
        || (host == "linkedin.com" && path.starts_with("learning/"))
    {
        return StepKind::Course;
    }
    if host_matches(&host, LAB_HOSTS) {
        return StepKind::Lab;
    }
    let segments = path
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .count();
    if host_matches(&host, REPOSITORY_HOSTS) && segments == 2 {
        return StepKind::Tool;
    }
    for words in [title, section] {
        if let Some(kind) = kind_from_words(words) {
            return kind;
        }
    }
    StepKind::Article
}

/// The kind of a heading that is a link, a module of a course: what the link shows, else a
/// course when its title or section says course, module, week, lesson or syllabus.
pub fn module_kind(url: &str, title: &str, section: &str) -> StepKind {
    let kind = guess_kind(url, title, section);
    if kind != StepKind::Article {
        return kind;
    }
    let course_word = |text: &str| {
        let lower = text.to_lowercase();
        lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
            matches!(
                w,
                "module"
                    | "modules"
                    | "week"
                    | "weeks"
                    | "lesson"
                    | "lessons"
                    | "syllabus"
                    | "curriculum"
                    | "unit"
            )
        })
    };
    if course_word(title) || course_word(section) {
        StepKind::Course
    } else {
        kind
    }
}

fn kind_from_words(text: &str) -> Option<StepKind> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    let has = |options: &[&str]| words.iter().any(|w| options.contains(w));
    if has(&["course", "courses", "bootcamp", "specialization"]) {
        Some(StepKind::Course)
    } else if has(&["video", "videos", "talk", "talks", "webinar", "youtube"]) {
        Some(StepKind::Video)
    } else if has(&["lab", "labs", "workshop", "workshops", "hands"]) {
        Some(StepKind::Lab)
    } else if has(&[
        "tool",
        "tools",
        "services",
        "platforms",
        "frameworks",
        "libraries",
    ]) {
        Some(StepKind::Tool)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwraps_tracking_redirects() {
        assert_eq!(
            redirect_target(
                "https://www.kqzyfj.com/click-1?url=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1"
            )
            .as_deref(),
            Some("https://example.com/a?b=1")
        );
        assert_eq!(
            redirect_target("https://t.example/r?U=https://example.org/").as_deref(),
            Some("https://example.org/")
        );
        assert_eq!(
            redirect_target("https://example.com/?url=javascript:x"),
            None
        );
        assert_eq!(redirect_target("https://datacamp.pxf.io/vNk1Dv"), None);
    }

    #[test]
    fn guesses_kinds_from_evident_signs() {
        let cases = [
            (
                "https://www.youtube.com/watch?v=1",
                "Intro",
                "",
                StepKind::Video,
            ),
            (
                "https://www.coursera.org/learn/mlops",
                "MLOps",
                "",
                StepKind::Course,
            ),
            (
                "https://github.com/kubeflow/kubeflow",
                "Kubeflow",
                "",
                StepKind::Tool,
            ),
            (
                "https://github.com/a/b/blob/main/README.md",
                "Notes",
                "",
                StepKind::Article,
            ),
            ("https://example.com/x", "A hands-on lab", "", StepKind::Lab),
            (
                "https://example.com/x",
                "Concepts",
                "MLOps Courses",
                StepKind::Course,
            ),
            (
                "https://kubeflow.org/",
                "Kubeflow",
                "Free Tools & Services",
                StepKind::Tool,
            ),
            (
                "https://example.com/x",
                "Why data matters",
                "Reading",
                StepKind::Article,
            ),
        ];
        for (url, title, section, kind) in cases {
            assert_eq!(guess_kind(url, title, section), kind, "{url} {title}");
        }
    }
}
