//! The `kube` check and the context guard. Every kubectl call names the context and the
//! namespace of the lab; the current context is never used and the kubeconfig never read.
//! Objects are read with `get` and `logs`; the only mutation is a Job created from a
//! `CronJob` the manifest declares, labelled and deleted afterwards.

use serde::{Deserialize, Serialize};

use super::docker::PortMap;
use super::manifest::{Assertion, Spec};
use super::tool::Runner;

/// The cluster a lab works in, from its manifest.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KubeConf {
    #[serde(default = "kind_lab")]
    pub context: String,
    pub namespace: String,
    /// The only mutating commands its checks may issue, as "create job --from=cronjob/NAME".
    #[serde(default)]
    pub mutations: Vec<String>,
    /// The kinds `lab clean` looks for (objects with the lab's label only).
    #[serde(default = "clean_kinds")]
    pub clean: Vec<String>,
}

fn kind_lab() -> String {
    "kind-mlops-lab".into()
}

fn clean_kinds() -> Vec<String> {
    ["deployment", "service", "job", "cronjob", "configmap"]
        .map(String::from)
        .to_vec()
}

/// Contexts of clusters on the learner's machine.
pub fn is_local(context: &str) -> bool {
    context.starts_with("kind-")
        || context.starts_with("k3d-")
        || matches!(context, "minikube" | "docker-desktop")
}

/// The context to use: the one the user names (admitted whatever it is, since they named
/// it), else the manifest's, which must be a local cluster. `Err` holds the refused one.
pub fn choose_context(conf: &KubeConf, named: Option<&str>) -> Result<String, String> {
    match named {
        Some(named) => Ok(named.to_owned()),
        None if is_local(&conf.context) => Ok(conf.context.clone()),
        None => Err(conf.context.clone()),
    }
}

/// Where kube checks run: kubectl with the chosen context and the lab's namespace.
pub struct Cluster {
    pub kubectl: Runner,
    pub context: String,
    pub namespace: String,
}

impl Cluster {
    /// `--context C --namespace N` and then `rest`.
    pub fn args(&self, rest: &[&str]) -> Vec<String> {
        let mut all = vec![
            "--context".to_owned(),
            self.context.clone(),
            "--namespace".to_owned(),
            self.namespace.clone(),
        ];
        all.extend(rest.iter().map(|&r| r.to_owned()));
        all
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "verb", rename_all = "snake_case", deny_unknown_fields)]
pub enum KubeCheck {
    /// `kubectl get KIND [NAME] [-l SELECTOR] -o json`, with assertions on the object, or on
    /// every listed object with `each`.
    Get {
        kind: String,
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        selector: Option<String>,
        #[serde(rename = "assert", default)]
        asserts: Vec<Assertion>,
        #[serde(default)]
        condition: Option<Condition>,
        #[serde(default)]
        each: bool,
    },
    /// `kubectl logs TARGET`; its last non-empty line is read as JSON.
    Logs {
        target: String,
        #[serde(rename = "assert")]
        asserts: Vec<Assertion>,
    },
    /// A declared mutation: a Job from the `CronJob`, waited for, then deleted.
    CreateJob {
        from_cronjob: String,
        #[serde(default = "sixty")]
        wait_s: u64,
    },
    /// `kubectl port-forward --address 127.0.0.1 TARGET HOST:REMOTE` as a child for the
    /// `then` http checks, stopped afterwards.
    PortForward {
        target: String,
        port: PortMap,
        then: Vec<Spec>,
    },
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
}

fn sixty() -> u64 {
    60
}

impl KubeCheck {
    pub fn runs_code(&self) -> bool {
        matches!(self, Self::CreateJob { .. } | Self::PortForward { .. })
    }

    pub fn arguments(&self) -> Vec<&str> {
        match self {
            Self::Get {
                kind,
                name,
                selector,
                ..
            } => [Some(kind), name.as_ref(), selector.as_ref()]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect(),
            Self::Logs { target, .. } | Self::PortForward { target, .. } => vec![target],
            Self::CreateJob { from_cronjob, .. } => vec![from_cronjob],
        }
    }

    /// The mutation this check needs declared in the manifest.
    pub fn mutation(&self) -> Option<String> {
        match self {
            Self::CreateJob { from_cronjob, .. } => {
                Some(format!("create job --from=cronjob/{from_cronjob}"))
            }
            _ => None,
        }
    }

    pub fn then(&self) -> &[Spec] {
        match self {
            Self::PortForward { then, .. } => then,
            _ => &[],
        }
    }
}
