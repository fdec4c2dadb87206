//! Running a pack's checks against a lab directory, in manifest order.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use super::assert::first_failure;
use super::http::{self, Target};
use super::manifest::{Check, Spec, is_inside};
use super::pack::Pack;
use super::process::{self, Finished, OUTPUT_CAP, excerpt};
use super::tool::Tools;
use crate::error::{Error, Result};

/// Overrides the interpreter python checks use (CI points it at its virtual environment).
pub const PYTHON_VAR: &str = "MLOPS_PATH_LAB_PYTHON";
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Error,
    Skip,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub message: String,
    #[serde(skip)]
    pub required: bool,
    #[serde(skip)]
    pub hint: Option<u32>,
}

/// The lab's verdict: a failing required check fails it; otherwise one that could not be
/// checked makes it an error, and one skipped for a missing tool a skip: never a failure.
pub fn verdict(outcomes: &[Outcome]) -> Status {
    let required = |status| outcomes.iter().any(|o| o.required && o.status == status);
    [Status::Fail, Status::Error, Status::Skip]
        .into_iter()
        .find(|&status| required(status))
        .unwrap_or(Status::Pass)
}

/// The interpreter for python checks: the override, the lab's `.venv`, or `python3`.
pub fn python_for(lab_dir: &Path) -> PathBuf {
    if let Some(chosen) = std::env::var_os(PYTHON_VAR).filter(|v| !v.is_empty()) {
        return PathBuf::from(chosen);
    }
    let venv = lab_dir.join(".venv/bin/python");
    if venv.is_file() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

/// Runs every check. Untrusted packs must be refused before this is called.
/// `kube_context` is the context the guard admitted, for packs with kube checks.
pub fn run_all(pack: &Pack, lab_dir: &Path, kube_context: Option<&str>) -> Result<Vec<Outcome>> {
    let lab_dir = lab_dir
        .canonicalize()
        .map_err(|e| Error::io("cannot open the lab directory", lab_dir, e))?;
    let scripts = materialize_checks(pack)?;
    let env = process::allowed_env(&pack.manifest.env);
    let tools = Tools::new(&pack.manifest, &lab_dir, kube_context);
    Ok(pack
        .manifest
        .checks
        .iter()
        .map(|check| {
            let (status, message) = match &check.spec {
                Spec::File { path, min_bytes } => file(&lab_dir, path, *min_bytes),
                Spec::Json { path, asserts } => json(&lab_dir, path, asserts),
                Spec::Command { .. } => command(check, &lab_dir, &env),
                Spec::Http { .. } => http_spec(&check.spec),
                Spec::Docker(_) | Spec::Kube(_) => tools.check(&check.spec),
                Spec::Python {
                    script,
                    args,
                    timeout_s,
                } => {
                    let mut argv = vec![python_for(&lab_dir).to_string_lossy().into_owned()];
                    argv.push(scripts.path().join(script).to_string_lossy().into_owned());
                    argv.extend(args.iter().cloned());
                    python(&argv, &lab_dir, &env, timeout(*timeout_s))
                }
            };
            Outcome {
                id: check.id.clone(),
                title: check.title.clone(),
                status,
                message,
                required: check.required,
                hint: check.hint,
            }
        })
        .collect())
}

/// Check scripts and fixtures go to a private temporary directory: the learner's
/// directory never sees them, and a built-in pack has no directory of its own.
fn materialize_checks(pack: &Pack) -> Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new()
        .prefix("mlops-path-checks-")
        .tempdir()
        .map_err(|e| Error::io("cannot create a directory in", std::env::temp_dir(), e))?;
    for (path, bytes) in pack.under("checks") {
        let target = dir.path().join("checks").join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
        }
        fs::write(&target, bytes).map_err(|e| Error::io("cannot write", &target, e))?;
    }
    Ok(dir)
}

fn timeout(seconds: Option<u64>) -> Duration {
    seconds.map_or(DEFAULT_TIMEOUT, Duration::from_secs)
}

/// A manifest path inside the lab directory; a symlink that leads out is refused.
fn resolve(lab_dir: &Path, relative: &str) -> Result<PathBuf, (Status, String)> {
    if !is_inside(relative) {
        return Err((
            Status::Error,
            format!("refused: {relative:?} is outside the lab directory"),
        ));
    }
    let joined = lab_dir.join(relative);
    match joined.canonicalize() {
        Ok(real) if real.starts_with(lab_dir) => Ok(real),
        Ok(_) => Err((
            Status::Error,
            format!("refused: {relative} is a symlink that leads outside the lab directory"),
        )),
        Err(_) => Err((Status::Fail, format!("{relative} not found"))),
    }
}

fn file(lab_dir: &Path, path: &str, min_bytes: Option<u64>) -> (Status, String) {
    let real = match resolve(lab_dir, path) {
        Ok(real) => real,
        Err(outcome) => return outcome,
    };
    let size = fs::metadata(&real).map_or(0, |m| m.len());
    match min_bytes {
        Some(min) if size < min => (
            Status::Fail,
            format!("{path} has {size} bytes, expected at least {min}"),
        ),
        _ => (Status::Pass, String::new()),
    }
}

fn json(lab_dir: &Path, path: &str, asserts: &[super::manifest::Assertion]) -> (Status, String) {
    let real = match resolve(lab_dir, path) {
        Ok(real) => real,
        Err(outcome) => return outcome,
    };
    let document: Value = match fs::read(&real).map(|b| serde_json::from_slice(&b)) {
        Ok(Ok(document)) => document,
        Ok(Err(e)) => return (Status::Fail, format!("{path} is not valid JSON: {e}")),
        Err(e) => return (Status::Error, format!("cannot read {path}: {e}")),
    };
    match first_failure(&document, asserts) {
        Some(why) => (Status::Fail, format!("{path}: {why}")),
        None => (Status::Pass, String::new()),
    }
}

fn command(check: &Check, lab_dir: &Path, env: &[(String, String)]) -> (Status, String) {
    let Spec::Command {
        argv,
        timeout_s,
        expect_exit,
        stdout_json_assert,
    } = &check.spec
    else {
        unreachable!("called for command checks only");
    };
    let limit = timeout(*timeout_s);
    let done = match process::run(argv, lab_dir, env, limit) {
        Ok(done) => done,
        Err(e) => return (Status::Error, format!("cannot run {}: {e}", argv[0])),
    };
    if let Some(problem) = could_not_finish(&done, limit) {
        return problem;
    }
    let code = done.code.unwrap_or(-1);
    if !expect_exit.contains(&code) {
        return (
            Status::Fail,
            format!(
                "{} exited with {code}, expected {expect_exit:?}{}",
                argv[0],
                excerpt(&done)
            ),
        );
    }
    if stdout_json_assert.is_empty() {
        return (Status::Pass, String::new());
    }
    if done.truncated {
        return (
            Status::Error,
            format!(
                "its output went over {} KiB and was cut, so it cannot be read as JSON",
                OUTPUT_CAP / 1024
            ),
        );
    }
    match serde_json::from_slice::<Value>(&done.stdout) {
        Ok(document) => first_failure(&document, stdout_json_assert)
            .map_or((Status::Pass, String::new()), |why| {
                (Status::Fail, format!("its output: {why}"))
            }),
        Err(e) => (Status::Fail, format!("its output is not JSON: {e}")),
    }
}

fn could_not_finish(done: &Finished, limit: Duration) -> Option<(Status, String)> {
    done.timed_out.then(|| {
        (
            Status::Error,
            format!("timed out after {} s and was stopped", limit.as_secs()),
        )
    })
}

fn python(
    argv: &[String],
    lab_dir: &Path,
    env: &[(String, String)],
    limit: Duration,
) -> (Status, String) {
    let done = match process::run(argv, lab_dir, env, limit) {
        Ok(done) => done,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return (
                Status::Error,
                format!(
                    "{} not found: create the lab's .venv (see the brief) or install python3",
                    argv[0]
                ),
            );
        }
        Err(e) => return (Status::Error, format!("cannot run {}: {e}", argv[0])),
    };
    if let Some(problem) = could_not_finish(&done, limit) {
        return problem;
    }
    if done.code != Some(0) {
        return (
            Status::Error,
            format!("the check script failed{}", excerpt(&done)),
        );
    }
    let text = String::from_utf8_lossy(&done.stdout);
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let result: Value = serde_json::from_str(last).unwrap_or(Value::Null);
    let message = result
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    match result.get("status").and_then(Value::as_str) {
        Some("pass") => (Status::Pass, message),
        Some("fail") => (Status::Fail, message),
        Some("error") => (Status::Error, message),
        _ => (
            Status::Error,
            format!("the check script printed no result{}", excerpt(&done)),
        ),
    }
}

/// An http check, also as the `then` probes of docker and kube checks.
pub fn http_spec(spec: &Spec) -> (Status, String) {
    let Spec::Http {
        method,
        url,
        body,
        expect_status,
        json_assert,
        retry_for_s,
    } = spec
    else {
        unreachable!("called for http checks only");
    };
    let target = match Target::parse(url) {
        Ok(target) => target,
        Err(why) => return (Status::Error, format!("refused: {why}")),
    };
    let body = body.as_ref().map(|b| b.to_string().into_bytes());
    let answer = match http::request(
        &target,
        method,
        body.as_deref(),
        Duration::from_secs(*retry_for_s),
    ) {
        Ok(answer) => answer,
        Err(why) => return (Status::Fail, why),
    };
    if answer.status != *expect_status {
        return (
            Status::Fail,
            format!("{url} answered {}, expected {expect_status}", answer.status),
        );
    }
    if json_assert.is_empty() {
        return (Status::Pass, String::new());
    }
    match serde_json::from_slice::<Value>(&answer.body) {
        Ok(document) => first_failure(&document, json_assert)
            .map_or((Status::Pass, String::new()), |why| {
                (Status::Fail, format!("{url}: {why}"))
            }),
        Err(e) => (Status::Fail, format!("{url} did not answer JSON: {e}")),
    }
}
