//! A lab pack's manifest, `lab.json`, and the checks it declares; pure, no I/O.

use std::collections::HashSet;
use std::path::{Component, Path};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::docker::DockerCheck;
use super::kube::{KubeCheck, KubeConf};

/// The newest manifest format this version reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub format_version: u32,
    pub tier: Tier,
    pub level: Level,
    pub minutes: u32,
    /// The roadmap step a pass completes.
    pub step: String,
    /// What the learner needs installed, in words: "python3 >= 3.10", "scikit-learn".
    #[serde(default)]
    pub needs: Vec<String>,
    /// Names of environment variables passed on to commands beside PATH, HOME and LANG.
    #[serde(default)]
    pub env: Vec<String>,
    /// The cluster of a kubernetes lab: context, namespace, declared mutations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kube: Option<KubeConf>,
    pub checks: Vec<Check>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Python,
    Docker,
    Kubernetes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Check {
    pub id: String,
    pub title: String,
    /// A failing optional check is a warning; it never fails the lab.
    #[serde(default = "yes")]
    pub required: bool,
    /// The hint number to suggest when it fails.
    #[serde(default)]
    pub hint: Option<u32>,
    #[serde(flatten)]
    pub spec: Spec,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Spec {
    File {
        path: String,
        #[serde(default)]
        min_bytes: Option<u64>,
    },
    Json {
        path: String,
        #[serde(rename = "assert")]
        asserts: Vec<Assertion>,
    },
    Command {
        argv: Vec<String>,
        #[serde(default)]
        timeout_s: Option<u64>,
        #[serde(default = "exit_zero")]
        expect_exit: Vec<i32>,
        #[serde(default)]
        stdout_json_assert: Vec<Assertion>,
    },
    Http {
        #[serde(default = "get")]
        method: String,
        url: String,
        #[serde(default)]
        body: Option<Value>,
        expect_status: u16,
        #[serde(default)]
        json_assert: Vec<Assertion>,
        /// How long to keep retrying a refused connection while the server starts.
        #[serde(default)]
        retry_for_s: u64,
    },
    Python {
        script: String,
        #[serde(default)]
        args: Vec<String>,
        #[serde(default)]
        timeout_s: Option<u64>,
    },
    Docker(DockerCheck),
    Kube(KubeCheck),
}

fn exit_zero() -> Vec<i32> {
    vec![0]
}

fn get() -> String {
    "GET".into()
}

impl Spec {
    /// `command` and `python` checks run code the pack names: they need trust.
    pub fn runs_code(&self) -> bool {
        match self {
            Self::Command { .. } | Self::Python { .. } => true,
            Self::Docker(docker) => docker.runs_code(),
            Self::Kube(kube) => kube.runs_code(),
            _ => false,
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Self::File { .. } => "file",
            Self::Json { .. } => "json",
            Self::Command { .. } => "command",
            Self::Http { .. } => "http",
            Self::Python { .. } => "python",
            Self::Docker(_) => "docker",
            Self::Kube(_) => "kube",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assertion {
    /// A JSON Pointer (RFC 6901); "" is the whole document.
    pub pointer: String,
    pub op: Op,
    #[serde(default)]
    pub value: Option<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Eq,
    Ne,
    Gte,
    Lte,
    In,
    NotIn,
    Exists,
    Type,
    LenEq,
    LenGte,
}

/// True for a path that stays inside its base: relative, no `..`, no root or prefix.
pub fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// Problems of meaning a parse cannot see; `has_file` says whether the pack holds a path.
pub fn problems(manifest: &Manifest, has_file: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut problems = Vec::new();
    if manifest.format_version != FORMAT_VERSION {
        problems.push(format!(
            "format_version {} is not supported; this version reads {FORMAT_VERSION}",
            manifest.format_version
        ));
    }
    if manifest.checks.is_empty() {
        problems.push("no checks: a lab needs at least one".into());
    }
    let mut seen = HashSet::new();
    for check in &manifest.checks {
        let id = &check.id;
        if !seen.insert(id.as_str()) {
            problems.push(format!("check id {id:?} is used twice"));
        }
        let paths: Vec<&str> = match &check.spec {
            Spec::File { path, .. } | Spec::Json { path, .. } => vec![path.as_str()],
            Spec::Python { script, .. } => vec![script.as_str()],
            Spec::Command { argv, .. } => {
                if argv.is_empty() {
                    problems.push(format!("check {id:?}: argv is empty"));
                }
                Vec::new()
            }
            Spec::Http { url, .. } => {
                if let Err(why) = super::http::Target::parse(url) {
                    problems.push(format!("check {id:?}: {why}"));
                }
                Vec::new()
            }
            Spec::Docker(_) | Spec::Kube(_) => {
                problems.extend(tool_problems(manifest, check));
                Vec::new()
            }
        };
        for path in paths {
            if !is_inside(path) {
                problems.push(format!(
                    "check {id:?}: path {path:?} must be relative and stay inside the lab"
                ));
            }
        }
        if let Spec::Python { script, .. } = &check.spec {
            if !script.starts_with("checks/") {
                problems.push(format!(
                    "check {id:?}: script {script:?} must be under checks/"
                ));
            } else if is_inside(script) && !has_file(script) {
                problems.push(format!(
                    "check {id:?}: script {script:?} is not in the pack"
                ));
            }
        }
    }
    if let Some(conf) = &manifest.kube {
        for value in [&conf.context, &conf.namespace]
            .into_iter()
            .chain(&conf.clean)
        {
            if !super::tool::is_plain_argument(value) {
                problems.push(format!("kube: {value:?} cannot be an argument"));
            }
        }
    }
    for name in &manifest.env {
        if matches!(name.as_str(), "PATH" | "HOME" | "LANG") || name.is_empty() {
            problems.push(format!(
                "env {name:?}: PATH, HOME and LANG are always passed"
            ));
        }
    }
    problems
}

/// What a docker or kube check must hold to: plain arguments, http probes only after
/// `then`, a cluster for kube checks and every mutation declared.
fn tool_problems(manifest: &Manifest, check: &Check) -> Vec<String> {
    let id = &check.id;
    let mut problems = Vec::new();
    let (arguments, then) = match &check.spec {
        Spec::Docker(docker) => (docker.arguments(), docker.then()),
        Spec::Kube(kube) => {
            match &manifest.kube {
                None => problems.push(format!(
                    "check {id:?}: kube checks need the manifest's \"kube\": {{\"context\", \"namespace\"}}"
                )),
                Some(conf) => {
                    if let Some(mutation) = kube.mutation().filter(|m| !conf.mutations.contains(m)) {
                        problems.push(format!(
                            "check {id:?}: the mutation {mutation:?} is not declared in kube.mutations"
                        ));
                    }
                }
            }
            (kube.arguments(), kube.then())
        }
        _ => return problems,
    };
    for argument in arguments {
        if !super::tool::is_plain_argument(argument) {
            problems.push(format!(
                "check {id:?}: {argument:?} cannot be an argument: empty, an option or control characters"
            ));
        }
    }
    for probe in then {
        match probe {
            Spec::Http { url, .. } => {
                if let Err(why) = super::http::Target::parse(url) {
                    problems.push(format!("check {id:?}: {why}"));
                }
            }
            other => problems.push(format!(
                "check {id:?}: then holds http checks only, not {}",
                other.type_name()
            )),
        }
    }
    problems
}
