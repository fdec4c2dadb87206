//! Running `kube` checks: every kubectl call goes through the lab's `Cluster`, so it names
//! the context and the namespace. Reads are `get` and `logs`; the Job a `create_job`
//! check makes is labelled and deleted, and a port-forward is stopped after its probes.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use super::assert::first_failure;
use super::docker::PortMap;
use super::kube::{Cluster, Condition, KubeCheck};
use super::manifest::{Assertion, Spec};
use super::run::{Status, http_spec};
use super::tool::{Verdict, label, says_not_found};
use super::undo::Undo;

const LIMIT: Duration = Duration::from_secs(60);

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
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            (
                Status::Error,
                format!("cannot run kubectl port-forward: {e}"),
            )
        })?;
    if let Some(why) = wait_forwarding(&mut child, port.host) {
        let _ = child.kill();
        let _ = child.wait();
        return Ok((Status::Fail, format!("kubectl port-forward {target} {why}")));
    }
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

/// Waits until the port-forward listens on 127.0.0.1:`port`; `Some(why)` when it ended
/// first (no such Service, say) or did not listen within `FORWARD_WAIT`.
fn wait_forwarding(child: &mut std::process::Child, port: u16) -> Option<String> {
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = std::time::Instant::now() + FORWARD_WAIT;
    loop {
        if std::net::TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
            return None;
        }
        if let Ok(Some(status)) = child.try_wait() {
            let mut said = String::new();
            if let Some(mut stderr) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut stderr, &mut said);
            }
            let said: String = said.trim().chars().take(500).collect();
            return Some(format!(
                "ended ({status}) before it forwarded anything:\n{said}"
            ));
        }
        if std::time::Instant::now() >= deadline {
            return Some(format!(
                "did not listen on 127.0.0.1:{port} within {} s",
                FORWARD_WAIT.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

const FORWARD_WAIT: Duration = Duration::from_secs(20);
