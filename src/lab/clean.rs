//! `lab clean`: finds what carries the lab's label (containers, and objects of the kinds
//! the manifest names in the lab's namespace) and removes exactly those, through the same
//! runner as the checks.

use std::path::Path;
use std::time::Duration;

use super::kube::Cluster;
use super::manifest::{Manifest, Spec, Tier};
use super::tool::{Runner, Tool, ToolError, label};

const LIMIT: Duration = Duration::from_secs(120);

/// What `lab clean` would remove, and notes on what it could not look at.
pub struct Plan {
    containers: Option<(Runner, Vec<String>)>,
    objects: Option<(Runner, Vec<String>, Vec<String>)>,
    /// "docker: abc123 mlops-path-x", one line per object, for the user.
    pub shown: Vec<String>,
    pub notes: Vec<String>,
}

impl Plan {
    pub fn count(&self) -> usize {
        self.shown.len()
    }
}

fn uses_docker(manifest: &Manifest) -> bool {
    manifest.tier == Tier::Docker
        || manifest
            .checks
            .iter()
            .any(|c| matches!(c.spec, Spec::Docker(_)))
}

/// The tool's output lines; `removing` says which half of `lab clean` failed.
fn listed(runner: &Runner, args: &[String], removing: bool) -> Result<Vec<String>, ToolError> {
    let stdout = runner
        .output(args, LIMIT)
        .map_err(|(_, detail)| ToolError::CleanFailed { removing, detail })?;
    Ok(String::from_utf8_lossy(&stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Looks for what carries the label; nothing is removed yet. `context` is the one the
/// context guard admitted.
pub fn survey(manifest: &Manifest, dir: &Path, context: Option<&str>) -> Result<Plan, ToolError> {
    let mut plan = Plan {
        containers: None,
        objects: None,
        shown: Vec::new(),
        notes: Vec::new(),
    };
    let label = label(&manifest.id);
    if uses_docker(manifest) {
        match Tool::Docker.runner(dir, &manifest.env) {
            Err(why) => plan.notes.push(format!("no containers looked for: {why}")),
            Ok(docker) => {
                let filter = format!("label={label}");
                let lines = listed(
                    &docker,
                    &strings(&[
                        "ps",
                        "--all",
                        "--filter",
                        &filter,
                        "--format",
                        "{{.ID}} {{.Names}}",
                    ]),
                    false,
                )?;
                let ids = lines
                    .iter()
                    .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
                    .collect();
                plan.shown
                    .extend(lines.iter().map(|l| format!("container {l}")));
                plan.containers = Some((docker, ids));
            }
        }
    }
    if let (Some(conf), Some(context)) = (&manifest.kube, context) {
        match Tool::Kubectl.runner(dir, &manifest.env) {
            Err(why) => plan
                .notes
                .push(format!("no cluster objects looked for: {why}")),
            Ok(kubectl) => {
                let cluster = Cluster {
                    kubectl,
                    context: context.to_owned(),
                    namespace: conf.namespace.clone(),
                };
                let kinds = conf.clean.join(",");
                let names = listed(
                    &cluster.kubectl,
                    &cluster.args(&[
                        "get",
                        &kinds,
                        "--selector",
                        &label,
                        "--output",
                        "name",
                        "--ignore-not-found",
                    ]),
                    false,
                )?;
                plan.shown.extend(
                    names
                        .iter()
                        .map(|n| format!("{n} in {}/{}", cluster.context, cluster.namespace)),
                );
                let prefix = cluster.args(&[]);
                plan.objects = Some((cluster.kubectl, prefix, names));
            }
        }
    }
    Ok(plan)
}

/// Removes what `survey` found, and nothing else.
pub fn remove(plan: &Plan) -> Result<(), ToolError> {
    if let Some((docker, ids)) = plan.containers.as_ref().filter(|(_, ids)| !ids.is_empty()) {
        let mut call = strings(&["rm", "--force"]);
        call.extend(ids.iter().cloned());
        listed(docker, &call, true)?;
    }
    if let Some((kubectl, prefix, names)) = plan.objects.as_ref().filter(|(.., n)| !n.is_empty()) {
        let mut call = prefix.clone();
        call.push("delete".into());
        call.extend(names.iter().cloned());
        call.push("--ignore-not-found".into());
        listed(kubectl, &call, true)?;
    }
    Ok(())
}

fn strings(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|&p| p.to_owned()).collect()
}
