//! The built-in roadmap's content: the curriculum promises of `roadmap/mlops.json`.
//!
//! These read the file the binary embeds, so a change to the curriculum that breaks a
//! promise (a lost step id, a guide link gone, a tracking parameter, a lab without its
//! reading) fails here before anyone's progress is affected.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

const BUILT_IN: &str = include_str!("../../roadmap/mlops.json");
const GUIDE: &str = include_str!("../fixtures/how-to-mlops-guide.md");

/// The 14 step ids of the first built-in roadmap: progress is recorded under them.
const FIRST_IDS: [&str; 14] = [
    "what-is-mlops",
    "mlops-vs-devops",
    "mlops-teams",
    "devops-for-ml-different",
    "devops-for-ml-data",
    "mlops-and-devops-data",
    "how-ml-works",
    "ml-visual-explanation",
    "ml-algorithm-vs-model",
    "data-engineering-concepts",
    "sagemaker-studio-lab",
    "kubeflow",
    "mlflow",
    "mlops-concepts-course",
];

/// The 14 stages of the curriculum; the last one has two sections, tools and courses.
const STAGES: [&[&str]; 14] = [
    &["foundations"],
    &["devops-role"],
    &["ml-basics"],
    &["ml-code"],
    &["data-engineering"],
    &["versioning"],
    &["tracking"],
    &["orchestration"],
    &["serving"],
    &["cicd"],
    &["monitoring"],
    &["platform"],
    &["real-world"],
    &["tools", "courses"],
];

/// Every lab of the design, with the section it belongs in.
const LABS: [(&str, &str); 20] = [
    ("lab-baseline-model", "ml-basics"),
    ("lab-ml-tests", "ml-code"),
    ("lab-data-contract", "data-engineering"),
    ("lab-dvc-pipeline", "versioning"),
    ("lab-mlflow-tracking", "tracking"),
    ("lab-mlflow-registry", "tracking"),
    ("lab-mlflow-server", "tracking"),
    ("lab-kfp-pipeline", "orchestration"),
    ("lab-fastapi-serve", "serving"),
    ("lab-onnx-parity", "serving"),
    ("lab-containerize-model", "serving"),
    ("lab-ci-quality-gate", "cicd"),
    ("lab-drift-gate", "monitoring"),
    ("lab-metrics-endpoint", "monitoring"),
    ("lab-compose-observability", "monitoring"),
    ("lab-k8s-deploy-model", "platform"),
    ("lab-k8s-ct-jobs", "platform"),
    ("lab-kserve", "platform"),
    ("lab-feast-local", "platform"),
    ("lab-capstone-ct", "courses"),
];

/// The guide's two affiliate redirects and the plain page each stands for: the roadmap
/// links the plain page, never the redirect.
const GUIDE_REDIRECTS: [(&str, &str); 2] = [
    (
        "https://www.kqzyfj.com/click-7056991-12181821?url=https%3A%2F%2Fwww.oreilly.com%2Fradar%2Fmlops-and-devops-why-data-makes-it-different%2F",
        "https://www.oreilly.com/radar/mlops-and-devops-why-data-makes-it-different/",
    ),
    (
        "https://datacamp.pxf.io/vNk1Dv",
        "https://www.datacamp.com/courses/mlops-concepts",
    ),
];

struct Step {
    id: String,
    section: String,
    kind: String,
    url: Option<String>,
    minutes: u64,
    summary: String,
    title: String,
    requires: Vec<String>,
}

fn roadmap() -> (Vec<String>, Vec<Step>) {
    let file: Value = serde_json::from_str(BUILT_IN).expect("the built-in roadmap is JSON");
    let mut sections = Vec::new();
    let mut steps = Vec::new();
    for section in file["sections"].as_array().expect("sections") {
        let section_id = section["id"].as_str().expect("section id").to_owned();
        for step in section["steps"].as_array().expect("steps") {
            let text = |key: &str| step[key].as_str().unwrap_or_default().to_owned();
            steps.push(Step {
                id: text("id"),
                section: section_id.clone(),
                kind: text("kind"),
                url: step["url"].as_str().map(str::to_owned),
                minutes: step["minutes"].as_u64().expect("minutes"),
                summary: text("summary"),
                title: text("title"),
                requires: step["requires"]
                    .as_array()
                    .map(|ids| {
                        ids.iter()
                            .map(|id| id.as_str().expect("id").to_owned())
                            .collect()
                    })
                    .unwrap_or_default(),
            });
        }
        sections.push(section_id);
    }
    (sections, steps)
}

/// The links of the guide's Markdown, in order: every `](URL)`.
fn guide_links() -> Vec<&'static str> {
    GUIDE
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(url, _)| url))
        .filter(|url| url.starts_with("http"))
        .collect()
}

#[test]
fn the_curriculum_has_its_fourteen_stages_in_order() {
    let (sections, _) = roadmap();
    let expected: Vec<&str> = STAGES
        .iter()
        .flat_map(|stage| stage.iter().copied())
        .collect();
    assert_eq!(sections, expected);
}

#[test]
fn the_curriculum_is_at_least_100_steps_and_60_hours() {
    let (_, steps) = roadmap();
    let minutes: u64 = steps.iter().map(|step| step.minutes).sum();
    assert!(steps.len() >= 100, "{} steps", steps.len());
    assert!(minutes >= 60 * 60, "{minutes} minutes");
}

#[test]
fn every_first_id_is_still_a_step() {
    let (_, steps) = roadmap();
    let ids: HashSet<&str> = steps.iter().map(|step| step.id.as_str()).collect();
    let lost: Vec<&str> = FIRST_IDS
        .into_iter()
        .filter(|id| !ids.contains(id))
        .collect();
    assert!(lost.is_empty(), "ids lost: {lost:?}");
    let section_of = |id: &str| &steps.iter().find(|step| step.id == id).unwrap().section;
    assert_eq!(section_of("mlflow"), "tracking");
    assert_eq!(section_of("kubeflow"), "orchestration");
}

#[test]
fn every_link_of_the_guide_is_a_step() {
    let (_, steps) = roadmap();
    let urls: HashSet<&str> = steps
        .iter()
        .filter_map(|step| step.url.as_deref())
        .collect();
    let links = guide_links();
    assert_eq!(links.len(), 11, "the guide's links: {links:?}");
    for link in links {
        let plain = GUIDE_REDIRECTS
            .iter()
            .find(|(redirect, _)| *redirect == link)
            .map_or(link, |(_, plain)| plain);
        assert!(urls.contains(plain), "the guide's {link} is not a step");
    }
}

#[test]
fn links_are_https_without_tracking_or_redirects_and_never_twice() {
    let (_, steps) = roadmap();
    let mut seen = HashMap::new();
    for step in &steps {
        let Some(url) = &step.url else { continue };
        assert!(url.starts_with("https://"), "{}: {url}", step.id);
        let lower = url.to_ascii_lowercase();
        for tracking in [
            "utm_",
            "?ref=",
            "&ref=",
            "fbclid",
            "gclid",
            "affiliate",
            "?url=",
            "&url=",
        ] {
            assert!(
                !lower.contains(tracking),
                "{}: {url} has {tracking}",
                step.id
            );
        }
        for redirect in [
            "kqzyfj.com",
            "pxf.io",
            "bit.ly",
            "t.co/",
            "lnkd.in",
            "goo.gl",
        ] {
            assert!(
                !lower.contains(redirect),
                "{}: {url} is a redirect",
                step.id
            );
        }
        if let Some(first) = seen.insert(url.trim_end_matches('/'), &step.id) {
            panic!("{url} is linked by both {first} and {}", step.id);
        }
    }
    assert!(seen.len() > 80, "only {} links", seen.len());
}

#[test]
fn titles_and_summaries_are_non_empty_and_summaries_unique() {
    let (_, steps) = roadmap();
    let mut summaries = HashSet::new();
    for step in &steps {
        assert!(!step.title.trim().is_empty(), "{} has no title", step.id);
        assert!(
            step.summary.trim().len() > 40,
            "{} has no real summary",
            step.id
        );
        assert!(
            summaries.insert(&step.summary),
            "{} repeats a summary",
            step.id
        );
    }
}

#[test]
fn requires_name_earlier_steps_so_they_cannot_cycle() {
    let (_, steps) = roadmap();
    let mut earlier = HashSet::new();
    for step in &steps {
        for required in &step.requires {
            assert!(
                earlier.contains(required.as_str()),
                "{} requires {required}, which does not come before it",
                step.id
            );
        }
        earlier.insert(step.id.as_str());
    }
}

#[test]
fn every_lab_sits_in_its_stage_right_after_a_reading_it_requires() {
    let (_, steps) = roadmap();
    let labs: Vec<&Step> = steps.iter().filter(|step| step.kind == "lab").collect();
    let placed: Vec<(&str, &str)> = labs
        .iter()
        .map(|lab| (lab.id.as_str(), lab.section.as_str()))
        .collect();
    let mut expected = LABS.to_vec();
    expected.sort_unstable();
    let mut sorted = placed.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, expected);
    let by_id: HashMap<&str, &Step> = steps.iter().map(|step| (step.id.as_str(), step)).collect();
    for (index, step) in steps.iter().enumerate() {
        if step.kind != "lab" {
            continue;
        }
        assert!(step.url.is_none(), "{} is a lab with a URL", step.id);
        let readings: Vec<&str> = step
            .requires
            .iter()
            .map(String::as_str)
            .filter(|id| by_id[id].kind != "lab")
            .collect();
        assert!(!readings.is_empty(), "{} requires no reading step", step.id);
        // The reading that prepares for it comes right before it, or right before the
        // lab just before it.
        let before = steps[..index]
            .iter()
            .rev()
            .find(|earlier| earlier.kind != "lab")
            .expect("a step before the lab");
        assert!(
            readings.contains(&before.id.as_str()),
            "{} does not follow the reading it requires ({readings:?}); {} comes before it",
            step.id,
            before.id
        );
    }
}

#[test]
fn the_real_world_section_has_at_least_12_cases_of_one_sentence() {
    let (_, steps) = roadmap();
    let cases: Vec<&Step> = steps
        .iter()
        .filter(|step| step.section == "real-world")
        .collect();
    assert!(cases.len() >= 12, "{} cases", cases.len());
    for case in cases {
        assert_eq!(case.kind, "article", "{}", case.id);
        assert!(
            case.summary.starts_with("Teaches "),
            "{}: {}",
            case.id,
            case.summary
        );
        let sentences = case.summary.trim_end_matches('.').matches(". ").count() + 1;
        assert_eq!(sentences, 1, "{}: {}", case.id, case.summary);
        assert!(
            !case.requires.is_empty(),
            "{} illustrates no stage",
            case.id
        );
    }
}

#[test]
fn every_lab_step_has_a_pack_that_validates() {
    let roadmap: Value = serde_json::from_str(BUILT_IN).unwrap();
    let env = crate::common::TestEnv::new();
    let packs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmap/labs");
    let mut checked = 0;
    for step in roadmap["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["steps"].as_array().unwrap())
        .filter(|step| step["kind"] == "lab")
    {
        let lab = step["lab"]
            .as_str()
            .unwrap_or_else(|| panic!("{} has no pack", step["id"]));
        assert_eq!(lab, step["id"], "a built-in pack is named by its step");
        let dir = packs.join(lab);
        env.run(&["lab", "validate", dir.to_str().unwrap()])
            .success();
        checked += 1;
    }
    assert!(checked >= 20, "{checked} lab steps");
}
