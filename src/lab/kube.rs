//! The `kube` check and the context guard. Every kubectl call names the context and the
//! namespace of the lab; the current context is never used and the kubeconfig never read.
//! Objects are read with `get` and `logs`; the only mutation is a Job created from a
//! `CronJob` the manifest declares, labelled and deleted afterwards.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::assert::first_failure;
use super::docker::PortMap;
use super::manifest::{Assertion, Spec};
use super::run::{Status, http_spec};
use super::tool::{Runner, Verdict, label, says_not_found};
use super::undo::Undo;

const LIMIT: Duration = Duration::from_secs(60);

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

pub fn check(spec: &KubeCheck, cluster: &Cluster, lab: &str) -> Verdict {
    let result = match spec {
        KubeCheck::Get {
            kind,
            name,
            selector,
            asserts,
            condition,
            each,
        } => get(
            cluster,
            kind,
            name.as_deref(),
            selector.as_deref(),
            asserts,
            condition.as_ref(),
            *each,
        ),
        KubeCheck::Logs { target, asserts } => logs(cluster, target, asserts),
        KubeCheck::CreateJob {
            from_cronjob,
            wait_s,
        } => create_job(cluster, from_cronjob, *wait_s, lab),
        KubeCheck::PortForward { target, port, then } => port_forward(cluster, target, *port, then),
    };
    result.unwrap_or_else(|verdict| verdict)
}

/// Runs kubectl; a missing object fails the check, any other failure could not check.
fn read(cluster: &Cluster, rest: &[&str], what: &str) -> Result<Vec<u8>, Verdict> {
    let call = cluster.args(rest);
    let done = cluster.kubectl.run(&call, LIMIT)?;
    match done.code {
        Some(0) => Ok(done.stdout),
        _ if says_not_found(&done) => Err((
            Status::Fail,
            format!(
                "{what} not found in the namespace {} of {}",
                cluster.namespace, cluster.context
            ),
        )),
        _ => Err((Status::Error, cluster.kubectl.said(&call, &done))),
    }
}

fn get(
    cluster: &Cluster,
    kind: &str,
    name: Option<&str>,
    selector: Option<&str>,
    asserts: &[Assertion],
    condition: Option<&Condition>,
    each: bool,
) -> Result<Verdict, Verdict> {
    let mut rest = vec!["get", kind];
    rest.extend(name);
    if let Some(selector) = selector {
        rest.extend(["--selector", selector]);
    }
    rest.extend(["--output", "json"]);
    let what = match (name, selector) {
        (Some(name), _) => format!("{kind}/{name}"),
        (None, Some(selector)) => format!("{kind} with {selector}"),
        (None, None) => kind.to_owned(),
    };
    let bytes = read(cluster, &rest, &what)?;
    let document: Value = serde_json::from_slice(&bytes).map_err(|e| {
        (
            Status::Error,
            format!("kubectl get did not print JSON: {e}"),
        )
    })?;
    let objects: Vec<&Value> = if each {
        document["items"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default()
    } else {
        vec![&document]
    };
    if objects.is_empty() {
        return Ok((
            Status::Fail,
            format!("no {what} in the namespace {}", cluster.namespace),
        ));
    }
    for object in objects {
        let shown = object["metadata"]["name"]
            .as_str()
            .map_or_else(|| what.clone(), |n| format!("{kind}/{n}"));
        if let Some(why) = condition.and_then(|c| condition_failure(object, c)) {
            return Ok((Status::Fail, format!("{shown}: {why}")));
        }
        if let Some(why) = first_failure(object, asserts) {
            return Ok((Status::Fail, format!("{shown}: {why}")));
        }
    }
    Ok((Status::Pass, String::new()))
}

fn condition_failure(object: &Value, wanted: &Condition) -> Option<String> {
    let found = object["status"]["conditions"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["type"] == wanted.kind.as_str()));
    match found {
        None => Some(format!("it has no condition {} yet", wanted.kind)),
        Some(c) if c["status"] == wanted.status.as_str() => None,
        Some(c) => Some(format!(
            "its condition {} is {}, expected {}{}",
            wanted.kind,
            c["status"],
            wanted.status,
            c["message"]
                .as_str()
                .map(|m| format!(" ({m})"))
                .unwrap_or_default()
        )),
    }
}

fn logs(cluster: &Cluster, target: &str, asserts: &[Assertion]) -> Result<Verdict, Verdict> {
    let bytes = read(cluster, &["logs", target], target)?;
    let text = String::from_utf8_lossy(&bytes);
    let Some(last) = text.lines().rev().find(|l| !l.trim().is_empty()) else {
        return Ok((Status::Fail, format!("{target} printed nothing")));
    };
    let Ok(document) = serde_json::from_str::<Value>(last) else {
        return Ok((
            Status::Fail,
            format!("the last line of {target}'s log is not JSON: {last:.200}"),
        ));
    };
    Ok(
        first_failure(&document, asserts).map_or((Status::Pass, String::new()), |why| {
            (
                Status::Fail,
                format!("the last line of {target}'s log: {why}"),
            )
        }),
    )
}

fn create_job(
    cluster: &Cluster,
    cronjob: &str,
    wait_s: u64,
    lab: &str,
) -> Result<Verdict, Verdict> {
    let job = format!("mlops-path-check-{}", std::process::id());
    let from = format!("--from=cronjob/{cronjob}");
    let _deleted = Undo::register(
        &cluster.kubectl,
        cluster.args(&["delete", "job", &job, "--ignore-not-found", "--wait=false"]),
    );
    read(
        cluster,
        &["create", "job", &job, &from],
        &format!("cronjob/{cronjob}"),
    )?;
    let label = label(lab);
    read(
        cluster,
        &["label", "job", &job, &label],
        &format!("job/{job}"),
    )?;
    let timeout = format!("--timeout={wait_s}s");
    let call = cluster.args(&[
        "wait",
        "--for=condition=complete",
        &format!("job/{job}"),
        &timeout,
    ]);
    let done = cluster
        .kubectl
        .run(&call, Duration::from_secs(wait_s + 30))?;
    if done.code != Some(0) {
        return Ok((
            Status::Fail,
            format!(
                "the job {job} from cronjob/{cronjob} did not complete within {wait_s} s{}",
                super::process::excerpt(&done)
            ),
        ));
    }
    Ok((
        Status::Pass,
        format!("cronjob/{cronjob} ran to completion; deleted its job"),
    ))
}

fn port_forward(
    cluster: &Cluster,
    target: &str,
    port: PortMap,
    then: &[Spec],
) -> Result<Verdict, Verdict> {
    let ports = format!("{}:{}", port.host, port.container);
    let call = cluster.args(&["port-forward", "--address", "127.0.0.1", target, &ports]);
    // Not in a process group of its own: a Ctrl-C at the terminal reaches it too.
    let mut child = Command::new(&cluster.kubectl.program)
        .args(&call)
        .current_dir(&cluster.kubectl.cwd)
        .env_clear()
        .envs(cluster.kubectl.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            (
                Status::Error,
                format!("cannot run kubectl port-forward: {e}"),
            )
        })?;
    let mut verdict = (
        Status::Pass,
        format!("{target} answered through 127.0.0.1:{}", port.host),
    );
    for probe in then {
        let (status, message) = http_spec(probe);
        if status != Status::Pass {
            verdict = (
                status,
                format!("through port-forward to {target}: {message}"),
            );
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    Ok(verdict)
}
