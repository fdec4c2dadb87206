//! Fake `docker` and `kubectl` programs for the docker and kube checks and `lab clean`:
//! shell scripts written into a temporary directory that record every argument list they
//! get and answer from files the test writes. No daemon, no cluster.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::common::Run;

use super::LabEnv;

/// Where the fake finds its answer: files named by the verb (the first argument for
/// docker, the fifth, after `--context C --namespace N`, for kubectl), or by the verb and
/// the next argument when those exist ("get-deployment", "logs-job_train-v2").
const DOCKER_KEY: (&str, &str) = ("$1", "$2");
const KUBECTL_KEY: (&str, &str) = ("$5", "$6");

/// Held by the tests that serve the capstone's fixed port 127.0.0.1:8080, one at a time.
pub static PORT_8080: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub struct Fake {
    pub dir: PathBuf,
    pub program: PathBuf,
    pub variable: &'static str,
}

impl Fake {
    pub fn docker(lab: &LabEnv) -> Self {
        Self::new(lab, "docker", "MLOPS_PATH_DOCKER", DOCKER_KEY)
    }

    pub fn kubectl(lab: &LabEnv) -> Self {
        Self::new(lab, "kubectl", "MLOPS_PATH_KUBECTL", KUBECTL_KEY)
    }

    fn new(lab: &LabEnv, name: &str, variable: &'static str, key: (&str, &str)) -> Self {
        Self::in_root(lab.env.root(), name, variable, key)
    }

    /// A fake in `root`, for tests that run the built-in roadmap without a `LabEnv`.
    pub fn docker_in(root: &Path) -> Self {
        Self::in_root(root, "docker", "MLOPS_PATH_DOCKER", DOCKER_KEY)
    }

    pub fn kubectl_in(root: &Path) -> Self {
        Self::in_root(root, "kubectl", "MLOPS_PATH_KUBECTL", KUBECTL_KEY)
    }

    fn in_root(root: &Path, name: &str, variable: &'static str, (key, next): (&str, &str)) -> Self {
        let dir = root.join(format!("fake-{name}"));
        fs::create_dir_all(&dir).unwrap();
        let program = dir.join(name);
        let dir_text = dir.to_str().unwrap();
        // Arguments are kept apart by the unit separator, so a list is recorded exactly.
        fs::write(
            &program,
            format!(
                "#!/bin/sh\n\
                 d='{dir_text}'\n\
                 for a in \"$@\"; do printf '%s\\037' \"$a\" >> \"$d/calls\"; done\n\
                 printf '\\n' >> \"$d/calls\"\n\
                 /usr/bin/env > \"$d/env\"\n\
                 k=\"{key}\"\n\
                 s=$(printf '%s' \"{key}-{next}\" | tr '/' '_')\n\
                 [ -f \"$d/$s.out\" ] && k=\"$s\"\n\
                 [ -f \"$d/$k.sleep\" ] && /bin/sleep \"$(cat \"$d/$k.sleep\")\"\n\
                 [ -f \"$d/$k.out\" ] && cat \"$d/$k.out\"\n\
                 [ -f \"$d/$k.err\" ] && cat \"$d/$k.err\" >&2\n\
                 [ -f \"$d/$k.code\" ] && exit \"$(cat \"$d/$k.code\")\"\n\
                 exit 0\n"
            ),
        )
        .unwrap();
        fs::set_permissions(&program, fs::Permissions::from_mode(0o755)).unwrap();
        Self {
            dir,
            program,
            variable,
        }
    }

    /// What the fake prints, on which stream, and its exit code, for calls with `key`.
    pub fn answer(&self, key: &str, stdout: &str, stderr: &str, code: i32) -> &Self {
        fs::write(self.dir.join(format!("{key}.out")), stdout).unwrap();
        fs::write(self.dir.join(format!("{key}.err")), stderr).unwrap();
        fs::write(self.dir.join(format!("{key}.code")), code.to_string()).unwrap();
        self
    }

    /// Makes calls with `key` take `seconds` before they answer.
    pub fn slow(&self, key: &str, seconds: u32) -> &Self {
        fs::write(self.dir.join(format!("{key}.sleep")), seconds.to_string()).unwrap();
        self
    }

    /// Every argument list the fake got, in order.
    pub fn calls(&self) -> Vec<Vec<String>> {
        fs::read_to_string(self.dir.join("calls"))
            .unwrap_or_default()
            .lines()
            .map(|line| {
                line.split('\u{1f}')
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .collect()
    }

    /// The environment of the fake's last run.
    pub fn env(&self) -> String {
        fs::read_to_string(self.dir.join("env")).unwrap_or_default()
    }
}

/// The lab's binary with `args` and the fakes named by their variables.
pub fn run_with(lab: &LabEnv, fakes: &[&Fake], extra_env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut command = lab.env.command();
    command
        .args(["--roadmap", lab.roadmap.to_str().unwrap()])
        .args(args);
    for fake in fakes {
        command.env(fake.variable, &fake.program);
    }
    for (name, value) in extra_env {
        command.env(name, value);
    }
    Run::from(command.output().unwrap())
}

/// `check lab-tiny --dir LAB` with the fakes and `extra` arguments.
pub fn check_with(lab: &LabEnv, fakes: &[&Fake], extra: &[&str]) -> Run {
    let dir = lab.lab.to_str().unwrap().to_owned();
    let mut args = vec!["check", "lab-tiny", "--dir", dir.as_str()];
    args.extend_from_slice(extra);
    run_with(lab, fakes, &[], &args)
}

/// The argument list as strings, for comparing with `Fake::calls`.
pub fn argv(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|&p| p.to_owned()).collect()
}
