//! The `docker` check: a closed set of verbs run through the docker CLI as argument
//! lists. Reading uses `image inspect`, `inspect` and `ps`; the containers a check starts
//! carry the lab's label, bind to 127.0.0.1 only, have memory and CPU limits, never pull,
//! and are removed afterwards, also after Ctrl-C.

use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::assert::first_failure;
use super::manifest::{Assertion, Spec};
use super::run::{Status, http_spec};
use super::tool::{Runner, Verdict, label, says_not_found};
use super::undo::Undo;

const LIMIT: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "verb", rename_all = "snake_case", deny_unknown_fields)]
pub enum DockerCheck {
    /// `docker image inspect IMAGE` and assertions on its JSON (an array of one image).
    ImageInspect {
        image: String,
        #[serde(rename = "assert", default)]
        asserts: Vec<Assertion>,
    },
    /// `docker compose -p PROJECT ps --all --format json`: every service is running, and
    /// healthy when it has a health check.
    ComposePs { project: String },
    /// Starts IMAGE, waits until it is healthy (or running, without a health check), runs
    /// the `then` http checks against it, and removes it.
    Run {
        image: String,
        port: PortMap,
        #[serde(default = "one_gigabyte")]
        memory: String,
        #[serde(default = "one_cpu")]
        cpus: String,
        #[serde(default = "sixty")]
        wait_health_s: u64,
        #[serde(default)]
        then: Vec<Spec>,
    },
    /// Restarts the running containers that carry the lab's label (a persistence check).
    Restart {},
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PortMap {
    /// The port on 127.0.0.1.
    pub host: u16,
    /// The port inside the container (or the remote port of a port-forward).
    pub container: u16,
}

fn one_gigabyte() -> String {
    "1g".into()
}

fn one_cpu() -> String {
    "1".into()
}

fn sixty() -> u64 {
    60
}

impl DockerCheck {
    /// Starting or restarting containers runs code: an untrusted pack must be trusted.
    pub fn runs_code(&self) -> bool {
        matches!(self, Self::Run { .. } | Self::Restart {})
    }

    /// The strings passed to docker as arguments, for the manifest's problems.
    pub fn arguments(&self) -> Vec<&str> {
        match self {
            Self::ImageInspect { image, .. } => vec![image],
            Self::Run {
                image,
                memory,
                cpus,
                ..
            } => vec![image, memory, cpus],
            Self::ComposePs { project } => vec![project],
            Self::Restart {} => Vec::new(),
        }
    }

    pub fn then(&self) -> &[Spec] {
        match self {
            Self::Run { then, .. } => then,
            _ => &[],
        }
    }
}

fn args(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|&p| p.to_owned()).collect()
}

pub fn check(spec: &DockerCheck, docker: &Runner, lab: &str) -> Verdict {
    let result = match spec {
        DockerCheck::ImageInspect { image, asserts } => image_inspect(docker, image, asserts),
        DockerCheck::ComposePs { project } => compose_ps(docker, project),
        DockerCheck::Run { .. } => run(spec, docker, lab),
        DockerCheck::Restart {} => restart(docker, lab),
    };
    result.unwrap_or_else(|verdict| verdict)
}

fn image_inspect(docker: &Runner, image: &str, asserts: &[Assertion]) -> Result<Verdict, Verdict> {
    let call = args(&["image", "inspect", image]);
    let done = docker.run(&call, LIMIT)?;
    if done.code != Some(0) {
        if says_not_found(&done) {
            return Ok((
                Status::Fail,
                format!("there is no image {image}: build it with docker build -t {image} ."),
            ));
        }
        return Ok((Status::Error, docker.said(&call, &done)));
    }
    let document = parse(&done.stdout, "docker image inspect")?;
    Ok(match first_failure(&document, asserts) {
        Some(why) => (Status::Fail, format!("image {image}: {why}")),
        None => (Status::Pass, String::new()),
    })
}

fn parse(bytes: &[u8], what: &str) -> Result<Value, Verdict> {
    serde_json::from_slice(bytes)
        .map_err(|e| (Status::Error, format!("{what} did not print JSON: {e}")))
}

/// Compose v2 prints one JSON object per line; older releases print one array.
fn compose_rows(bytes: &[u8]) -> Result<Vec<Value>, Verdict> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    if text.starts_with('[') {
        return parse(text.as_bytes(), "docker compose ps")
            .map(|v| v.as_array().cloned().unwrap_or_default());
    }
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse(l.as_bytes(), "docker compose ps"))
        .collect()
}

fn compose_ps(docker: &Runner, project: &str) -> Result<Verdict, Verdict> {
    let call = args(&["compose", "-p", project, "ps", "--all", "--format", "json"]);
    let rows = compose_rows(&docker.output(&call, LIMIT)?)?;
    if rows.is_empty() {
        return Ok((
            Status::Fail,
            format!(
                "the compose project {project} has no containers: start it with docker compose -p {project} up -d"
            ),
        ));
    }
    for row in &rows {
        let text = |key: &str| row.get(key).and_then(Value::as_str).unwrap_or_default();
        let service = if text("Service").is_empty() {
            text("Name")
        } else {
            text("Service")
        };
        let state = text("State");
        let health = text("Health");
        if state != "running" {
            return Ok((
                Status::Fail,
                format!(
                    "service {service} is {state:?}, expected running: docker compose -p {project} logs {service} says why"
                ),
            ));
        }
        if !health.is_empty() && health != "healthy" {
            return Ok((
                Status::Fail,
                format!("service {service} is {health}, expected healthy"),
            ));
        }
    }
    Ok((Status::Pass, format!("{} service(s) running", rows.len())))
}

fn run(spec: &DockerCheck, docker: &Runner, lab: &str) -> Result<Verdict, Verdict> {
    let DockerCheck::Run {
        image,
        port,
        memory,
        cpus,
        wait_health_s,
        then,
    } = spec
    else {
        unreachable!("called for run checks only");
    };
    let name = format!("mlops-path-{lab}-{}", std::process::id());
    let publish = format!("127.0.0.1:{}:{}", port.host, port.container);
    let label = label(lab);
    let call = args(&[
        "run",
        "--detach",
        "--pull",
        "never",
        "--name",
        &name,
        "--label",
        &label,
        "--memory",
        memory,
        "--cpus",
        cpus,
        "--publish",
        &publish,
        image,
    ]);
    // Registered before it starts: a Ctrl-C between the two still removes it.
    let _removed = Undo::register(docker, args(&["rm", "--force", &name]));
    let done = docker.run(&call, LIMIT)?;
    if done.code != Some(0) {
        let why = docker.said(&call, &done);
        return Ok(
            if says_not_found(&done) || why.contains("Unable to find image") {
                (
                    Status::Fail,
                    format!("there is no image {image}: build it first ({why})"),
                )
            } else {
                (Status::Error, why)
            },
        );
    }
    if let Some(problem) = wait_ready(docker, &name, Duration::from_secs(*wait_health_s))? {
        return Ok((Status::Fail, problem));
    }
    for probe in then {
        let (status, message) = http_spec(probe);
        if status != Status::Pass {
            return Ok((status, format!("the container of {image}: {message}")));
        }
    }
    Ok((
        Status::Pass,
        format!("{image} ran healthy on {publish}; removed it"),
    ))
}

/// Polls `docker inspect` until the container is healthy; `Some(why)` when it will not be.
fn wait_ready(docker: &Runner, name: &str, limit: Duration) -> Result<Option<String>, Verdict> {
    let deadline = Instant::now() + limit;
    let call = args(&["inspect", name]);
    loop {
        let document = parse(&docker.output(&call, LIMIT)?, "docker inspect")?;
        let state = &document[0]["State"];
        let health = state["Health"]["Status"].as_str();
        let running = state["Running"].as_bool().unwrap_or(false);
        if !running {
            return Ok(Some(format!(
                "the container stopped (exit code {}) before it was ready: docker logs shows why; run the image yourself to see it",
                state["ExitCode"]
            )));
        }
        match health {
            Some("healthy") | None => return Ok(None),
            Some("unhealthy") => {
                return Ok(Some(
                    "its HEALTHCHECK reports unhealthy: the health command fails inside the container".into(),
                ));
            }
            Some(_) if Instant::now() >= deadline => {
                return Ok(Some(format!(
                    "not healthy after {} s (HEALTHCHECK still {:?})",
                    limit.as_secs(),
                    health.unwrap_or_default()
                )));
            }
            Some(_) => thread::sleep(POLL),
        }
    }
}

fn restart(docker: &Runner, lab: &str) -> Result<Verdict, Verdict> {
    let filter = format!("label={}", label(lab));
    let listed = docker.output(&args(&["ps", "--quiet", "--filter", &filter]), LIMIT)?;
    let ids: Vec<String> = String::from_utf8_lossy(&listed)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if ids.is_empty() {
        return Ok((
            Status::Fail,
            format!(
                "no running container carries the label {}: label your services as the brief says",
                label(lab)
            ),
        ));
    }
    let mut call = args(&["restart"]);
    call.extend(ids.iter().cloned());
    docker.output(&call, LIMIT)?;
    Ok((
        Status::Pass,
        format!("restarted {} labelled container(s)", ids.len()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_output_is_read_as_lines_or_as_one_array() {
        let lines = compose_rows(b"{\"Service\":\"api\"}\n{\"Service\":\"prom\"}\n").unwrap();
        assert_eq!(lines.len(), 2);
        let array = compose_rows(b"[{\"Service\":\"api\"}]").unwrap();
        assert_eq!(array[0]["Service"], "api");
        assert!(compose_rows(b"").unwrap().is_empty());
        assert!(compose_rows(b"not json").is_err());
    }
}
