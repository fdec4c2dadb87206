//! What a course or syllabus needs beyond a link list: relative links resolved against a
//! base URL, the title of a leading HTML block, housekeeping links told apart from
//! material, and summaries without stray punctuation.

use super::links::{host, host_matches};

/// Whether `url` is relative: no scheme, not an anchor (`01-intro`, `./a.md`, `/docs`).
pub fn is_relative(url: &str) -> bool {
    let before = url.split(['/', '?', '#']).next().unwrap_or_default();
    !url.is_empty() && !url.starts_with('#') && !url.starts_with("//") && !before.contains(':')
}

/// `relative` resolved against `base`, which is read as a folder (`.../repo` and `.../repo/`
/// alike): `01-intro` under it, `../x` one level up, `/x` from the host's root.
pub fn resolve(base: &str, relative: &str) -> String {
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (target, tail) = match relative.find(['?', '#']) {
        Some(at) => relative.split_at(at),
        None => (relative, ""),
    };
    let mut segments: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        path.split('/').filter(|s| !s.is_empty()).collect()
    };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            part => segments.push(part),
        }
    }
    let slash = if target.ends_with('/') && !segments.is_empty() {
        "/"
    } else {
        ""
    };
    format!("{scheme}://{authority}/{}{slash}{tail}", segments.join("/"))
}

/// The title a leading HTML block gives: its first `<h1>`, else the `alt` of its first image.
pub fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if let Some(start) = lower.find("<h1") {
        let open_end = lower[start..].find('>')? + start + 1;
        let close = lower[open_end..].find("</h1")? + open_end;
        let text = strip_tags(&html[open_end..close]);
        if !text.is_empty() {
            return Some(text);
        }
    }
    let img = lower.find("<img")?;
    let tag_end = lower[img..].find('>').map_or(lower.len(), |i| i + img);
    let tag = &html[img..tag_end];
    let at = tag.to_ascii_lowercase().find("alt=")? + 4;
    let value = &tag[at..];
    let text = match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next()?,
        _ => value.split([' ', '/', '>']).next()?,
    };
    let text = super::reader::squash(&decode_entities(text));
    (!text.is_empty()).then_some(text)
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    super::reader::squash(&decode_entities(&out))
}

fn decode_entities(text: &str) -> String {
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}

/// Hosts of sign-up forms, chat invites, social profiles and sponsorship pages.
const HOUSEKEEPING_HOSTS: &[&str] = &[
    "forms.gle",
    "typeform.com",
    "airtable.com",
    "join.slack.com",
    "slack.com",
    "discord.gg",
    "discord.com",
    "t.me",
    "telegram.me",
    "gitter.im",
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "patreon.com",
    "opencollective.com",
    "buymeacoffee.com",
    "ko-fi.com",
    "meetup.com",
];
/// Files of a repository about the repository itself.
const HOUSEKEEPING_FILES: &[&str] = &[
    "license",
    "licence",
    "contributing",
    "code_of_conduct",
    "faq",
];
/// Words of a link's title that mark it as housekeeping.
const HOUSEKEEPING_TITLES: &[&[&str]] = &[
    &["sign", "up"],
    &["signup"],
    &["register"],
    &["faq"],
    &["license"],
    &["licence"],
    &["contributing"],
    &["sponsor"],
    &["sponsors"],
    &["slack"],
    &["discord"],
    &["telegram"],
];

/// A link about the course or list itself rather than its material: a sign-up form, a chat
/// invite, a social profile, the licence, a contributing guide, sponsors or the FAQ.
pub fn is_housekeeping_link(url: &str, title: &str) -> bool {
    let host = host(url);
    let path = url
        .split_once("://")
        .map_or("", |(_, rest)| rest)
        .split_once('/')
        .map_or("", |(_, path)| path)
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let stem = last.split('.').next().unwrap_or_default();
    let by_link = host_matches(&host, HOUSEKEEPING_HOSTS)
        || (host == "docs.google.com" && path.starts_with("forms/"))
        || (host == "linkedin.com" && (path.starts_with("in/") || path.starts_with("company/")))
        || (host == "github.com" && path.starts_with("sponsors/"))
        || HOUSEKEEPING_FILES.contains(&stem);
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let by_title = HOUSEKEEPING_TITLES
        .iter()
        .any(|phrase| words.windows(phrase.len()).any(|w| w == *phrase));
    by_link || by_title
}

/// A summary without the punctuation a link leaves behind: `")"`, `"- "`, `"(see"`.
/// A summary of punctuation alone is no summary.
pub fn trim_summary(summary: &str) -> String {
    if !summary.chars().any(char::is_alphanumeric) {
        return String::new();
    }
    let trimmed = summary
        .trim_start_matches(|c: char| " -–—:|·,.;)]}".contains(c))
        .trim_end_matches(|c: char| " -–—:|·,;([{".contains(c));
    trimmed.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_under_the_base_as_a_folder() {
        let base = "https://github.com/DataTalksClub/mlops-zoomcamp/tree/main";
        assert_eq!(
            resolve(base, "01-intro"),
            "https://github.com/DataTalksClub/mlops-zoomcamp/tree/main/01-intro"
        );
        assert_eq!(
            resolve(&format!("{base}/"), "./02-tracking/README.md#setup"),
            "https://github.com/DataTalksClub/mlops-zoomcamp/tree/main/02-tracking/README.md#setup"
        );
        assert_eq!(
            resolve(base, "../dev/x/"),
            "https://github.com/DataTalksClub/mlops-zoomcamp/tree/dev/x/"
        );
        assert_eq!(resolve(base, "/about"), "https://github.com/about");
        assert!(is_relative("01-intro") && is_relative("./a.md") && is_relative("/x"));
        assert!(
            !is_relative("#top") && !is_relative("mailto:a@b.c") && !is_relative("https://a.b")
        );
    }

    #[test]
    fn titles_from_a_leading_html_block() {
        assert_eq!(
            html_title(
                "<p align=\"center\">\n<h1 align=\"center\"><b>MLOps &amp; Zoomcamp</b></h1></p>"
            )
            .as_deref(),
            Some("MLOps & Zoomcamp")
        );
        assert_eq!(
            html_title("<p><a href=\"x\"><img src=\"logo.png\" alt=\"MLOps Zoomcamp\" width=\"80%\"></a></p>").as_deref(),
            Some("MLOps Zoomcamp")
        );
        assert_eq!(html_title("<div>no title</div>"), None);
    }

    #[test]
    fn housekeeping_links_are_told_from_material() {
        for (url, title) in [
            (
                "https://airtable.com/shrCb8y6eTbPKwSTL",
                "Register in DataTalks.Club's Slack",
            ),
            ("https://forms.gle/abc", "the form"),
            ("https://datatalks.club/slack.html", "Join our Slack"),
            ("https://x.com/datatalksclub", "Twitter"),
            (
                "https://www.linkedin.com/company/datatalks-club/",
                "LinkedIn",
            ),
            ("https://github.com/a/b/blob/main/LICENSE", "the licence"),
            ("https://github.com/a/b/blob/main/CONTRIBUTING.md", "guide"),
            ("https://example.com/faq", "Questions"),
            ("https://example.com/page", "Frequently asked: FAQ"),
            ("https://github.com/sponsors/someone", "Support"),
        ] {
            assert!(is_housekeeping_link(url, title), "{url} {title}");
        }
        for (url, title) in [
            ("https://www.linkedin.com/learning/mlops", "MLOps course"),
            ("https://github.com/mlflow/mlflow", "MLflow"),
            ("https://www.youtube.com/watch?v=1", "Module 1 videos"),
            ("https://example.com/signal-processing", "Signals"),
        ] {
            assert!(!is_housekeeping_link(url, title), "{url} {title}");
        }
    }

    #[test]
    fn summaries_lose_stray_punctuation() {
        assert_eq!(trim_summary(")"), "");
        assert_eq!(trim_summary(" - Deploy models."), "Deploy models.");
        assert_eq!(trim_summary(") and the slides ("), "and the slides");
        assert_eq!(trim_summary("Tracking (MLflow)"), "Tracking (MLflow)");
    }
}
