//! The container tools the `docker` and `kube` checks drive, and what they need in common:
//! finding the program (on PATH, or named by a variable so tests can put a fake in its
//! place), running it as an argument list through `process::run`, and undoing what a
//! check started when the user presses Ctrl-C.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::docker;
use super::kube::Cluster;
use super::kube_check;
use super::manifest::{Manifest, Spec};
use super::process::{self, Finished, excerpt};
use super::run::Status;

/// A tool the checks drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Docker,
    Kubectl,
}

impl Tool {
    pub fn program(self) -> &'static str {
        match self {
            Self::Docker => "docker",
            Self::Kubectl => "kubectl",
        }
    }

    /// The variable that names the program instead of a PATH search.
    pub fn variable(self) -> &'static str {
        match self {
            Self::Docker => "MLOPS_PATH_DOCKER",
            Self::Kubectl => "MLOPS_PATH_KUBECTL",
        }
    }

    /// What the tool needs from the environment beside PATH, HOME and LANG: where the
    /// daemon or the cluster configuration is, never a credential itself.
    fn passes(self) -> &'static str {
        match self {
            Self::Docker => "DOCKER_HOST",
            Self::Kubectl => "KUBECONFIG",
        }
    }

    /// Where the program is, or why it cannot be used: the reason a check is skipped.
    pub fn locate(self) -> Result<PathBuf, String> {
        if let Some(named) = std::env::var_os(self.variable()).filter(|v| !v.is_empty()) {
            let path = PathBuf::from(named);
            return if path.is_file() {
                Ok(path)
            } else {
                Err(format!(
                    "{} names {}, which is not a file",
                    self.variable(),
                    path.display()
                ))
            };
        }
        std::env::var_os("PATH")
            .iter()
            .flat_map(std::env::split_paths)
            .map(|dir| dir.join(self.program()))
            .find(|candidate| is_executable(candidate))
            .ok_or_else(|| {
                format!(
                    "{} not found on PATH; install it (see the brief) or name it with {}",
                    self.program(),
                    self.variable()
                )
            })
    }

    /// A runner for the tool in `cwd`, or the reason it is missing.
    pub fn runner(self, cwd: &Path, manifest_env: &[String]) -> Result<Runner, String> {
        let program = self.locate()?;
        let mut names = manifest_env.to_vec();
        names.push(self.passes().to_owned());
        Ok(Runner {
            tool: self,
            program,
            cwd: cwd.to_owned(),
            env: process::allowed_env(&names),
        })
    }
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// A located tool with its minimal environment.
#[derive(Debug, Clone)]
pub struct Runner {
    pub tool: Tool,
    pub program: PathBuf,
    pub cwd: PathBuf,
    pub env: Vec<(String, String)>,
}

/// A check's verdict and message, as every check function returns it.
pub type Verdict = (Status, String);

impl Runner {
    pub fn argv(&self, args: &[String]) -> Vec<String> {
        let mut all = vec![self.program.to_string_lossy().into_owned()];
        all.extend(args.iter().cloned());
        all
    }

    /// Runs the tool to the end; failing to start it or a timeout could not check.
    pub fn run(&self, args: &[String], limit: Duration) -> Result<Finished, Verdict> {
        let done = process::run(&self.argv(args), &self.cwd, &self.env, limit).map_err(|e| {
            (
                Status::Error,
                format!("cannot run {}: {e}", self.program.display()),
            )
        })?;
        if done.timed_out {
            return Err((
                Status::Error,
                format!(
                    "{} {} timed out after {} s and was stopped",
                    self.tool.program(),
                    args.first().map_or("", String::as_str),
                    limit.as_secs()
                ),
            ));
        }
        if done.truncated {
            // Everything docker and kubectl print here is read as JSON or as a list.
            return Err((
                Status::Error,
                format!(
                    "{} {} printed more than {} KiB, which was cut, so it cannot be read",
                    self.tool.program(),
                    args.first().map_or("", String::as_str),
                    super::process::OUTPUT_CAP / 1024
                ),
            ));
        }
        Ok(done)
    }

    /// Runs the tool and wants exit 0: otherwise the tool itself could not answer.
    pub fn output(&self, args: &[String], limit: Duration) -> Result<Vec<u8>, Verdict> {
        let done = self.run(args, limit)?;
        if done.code == Some(0) {
            Ok(done.stdout)
        } else {
            Err((Status::Error, self.said(args, &done)))
        }
    }

    /// "docker image inspect exited with 1: …", for messages.
    pub fn said(&self, args: &[String], done: &Finished) -> String {
        // Leading `--context C --namespace N` pairs say nothing about what was asked.
        let mut rest = args;
        while rest.len() >= 2 && rest[0].starts_with("--") {
            rest = &rest[2..];
        }
        let shown: Vec<&str> = rest
            .iter()
            .map(String::as_str)
            .take_while(|a| !a.starts_with('-'))
            .take(2)
            .collect();
        format!(
            "{} {} exited with {}{}",
            self.tool.program(),
            shown.join(" "),
            done.code
                .map_or_else(|| "a signal".into(), |c| c.to_string()),
            excerpt(done)
        )
    }
}

/// Tool output that reports a missing object ("No such image", "NotFound"): a failure of
/// the learner's work, not a tool that could not answer.
pub fn says_not_found(done: &Finished) -> bool {
    let text = String::from_utf8_lossy(&done.stderr).to_lowercase();
    text.contains("no such") || text.contains("notfound") || text.contains("not found")
}

/// "docker run mlops-lab/model-api:1.0", for `lab validate`: what a docker or kube check
/// asks of the tool.
pub fn describe(spec: &Spec) -> Option<String> {
    let (tool, arguments) = match spec {
        // The image or project; the limits follow from the manifest.
        Spec::Docker(check) => ("docker", check.arguments().into_iter().take(1).collect()),
        Spec::Kube(check) => ("kubectl", check.arguments()),
        _ => return None,
    };
    if let Spec::Kube(check) = spec
        && let Some(mutation) = check.mutation()
    {
        return Some(format!(
            "kubectl {mutation} (declared; the Job is deleted afterwards)"
        ));
    }
    let value = serde_json::to_value(spec).ok()?;
    let verb = value.get("verb")?.as_str()?.replace('_', " ");
    Some(
        format!("{tool} {verb} {}", arguments.join(" "))
            .trim_end()
            .to_owned(),
    )
}

/// The label every object a lab starts carries, and the only thing `lab clean` removes.
pub fn label(lab: &str) -> String {
    format!("mlops-path.lab={lab}")
}

/// Strings a manifest passes to docker or kubectl as arguments: never an option, so a
/// name cannot turn into `--kubeconfig=…` or `--privileged`.
pub fn is_plain_argument(value: &str) -> bool {
    !value.is_empty() && !value.starts_with('-') && !value.chars().any(char::is_control)
}

/// The tools a pack's checks drive, located once per run; `Err` is why they are skipped.
pub struct Tools {
    lab: String,
    docker: Result<Runner, String>,
    cluster: Option<Result<Cluster, String>>,
}

impl Tools {
    /// `kube_context` is the context the guard admitted (the manifest's when `None`).
    pub fn new(manifest: &Manifest, lab_dir: &Path, kube_context: Option<&str>) -> Self {
        let cluster = manifest.kube.as_ref().map(|conf| {
            Tool::Kubectl
                .runner(lab_dir, &manifest.env)
                .map(|kubectl| Cluster {
                    kubectl,
                    context: kube_context.unwrap_or(&conf.context).to_owned(),
                    namespace: conf.namespace.clone(),
                })
        });
        Self {
            lab: manifest.id.clone(),
            docker: Tool::Docker.runner(lab_dir, &manifest.env),
            cluster,
        }
    }

    pub fn check(&self, spec: &Spec) -> Verdict {
        match spec {
            Spec::Docker(check) => match &self.docker {
                Ok(docker) => docker::check(check, docker, &self.lab),
                Err(why) => (Status::Skip, why.clone()),
            },
            Spec::Kube(check) => match &self.cluster {
                Some(Ok(cluster)) => kube_check::check(check, cluster, &self.lab),
                Some(Err(why)) => (Status::Skip, why.clone()),
                None => (Status::Error, "the manifest names no cluster".into()),
            },
            _ => unreachable!("called for docker and kube checks only"),
        }
    }
}

/// Why docker and kube checks, or `lab clean`, did not run or finish.
#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error("{count} required check(s) skipped, so nothing was judged: {reason}")]
    Skipped { count: usize, reason: String },

    #[error(
        "refused to use the kubectl context {context:?} of {lab}: it is not a local cluster (kind-*, k3d-*, minikube, docker-desktop); nothing ran"
    )]
    ContextRefused { lab: String, context: String },

    #[error("lab clean would remove {count} object(s) and cannot ask here")]
    NeedsYes { count: usize },

    #[error(
        "lab clean could not {}: {detail}",
        if *removing { "remove everything" } else { "list what carries the lab's label" }
    )]
    CleanFailed { removing: bool, detail: String },
}

impl ToolError {
    pub fn code(&self) -> i32 {
        match self {
            Self::CleanFailed { .. } => 1,
            _ => 2,
        }
    }

    pub fn hint(&self) -> Option<String> {
        Some(match self {
            Self::Skipped { .. } => "install the tool the message names and run `mlops-path check` again; this is not a verdict on your work".into(),
            Self::ContextRefused { .. } => "create the lab's cluster with `kind create cluster --name mlops-lab`, or name the one context to allow: `mlops-path check --kube-context NAME`".into(),
            Self::NeedsYes { .. } => "run it in a terminal to be asked, or pass --yes to remove them".into(),
            Self::CleanFailed { .. } => "the message above says what is left; run `mlops-path lab clean` again".into(),
        })
    }
}
