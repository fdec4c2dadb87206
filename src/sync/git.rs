//! Running the user's `git`: an argument list, never a shell; `-C` on the clone; without
//! the inherited variables that would point git at another repository; no prompts when
//! nobody can answer them; never the `ext::` transport; a time limit on every call.

use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::error::SyncError;

/// The time limit's variable, in seconds.
pub const TIMEOUT_VAR: &str = "MLOPS_PATH_SYNC_TIMEOUT";
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// What is kept of git's standard output: enough for the largest `history.json` read.
const STDOUT_CAP: usize = 17 * 1024 * 1024;
const STDERR_CAP: usize = 64 * 1024;

/// `git rev-parse --local-env-vars` (git 2.47), and `GIT_CEILING_DIRECTORIES`, which is
/// set here: any of them inherited would make git act on another repository than the clone.
const SCRUBBED: [&str; 18] = [
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_OBJECT_DIRECTORY",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_IMPLICIT_WORK_TREE",
    "GIT_GRAFT_FILE",
    "GIT_INDEX_FILE",
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE",
    "GIT_PREFIX",
    "GIT_INTERNAL_SUPER_PREFIX",
    "GIT_SHALLOW_FILE",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_CEILING_DIRECTORIES",
];

/// How to run git on one clone.
#[derive(Debug, Clone)]
pub struct Git {
    clone: PathBuf,
    /// git never looks for a repository above this (the data directory); `None` lets git
    /// find the repository a directory is in, for doctor's look at a dotfiles repository.
    ceiling: Option<PathBuf>,
    timeout: Duration,
    extra_env: Vec<(OsString, OsString)>,
}

/// A call that ran to its end, whatever its exit status.
#[derive(Debug)]
pub struct Output {
    pub success: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Output {
    /// Standard output as text, without the final newline.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).trim_end().to_owned()
    }

    /// The line of git's stderr that says what failed: the first `fatal:` or `error:` one
    /// (what follows is advice such as "make sure you have the correct access rights"),
    /// else the last line.
    pub fn last_error_line(&self) -> String {
        let text = String::from_utf8_lossy(&self.stderr);
        let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
        let said = lines.clone().next_back().unwrap_or("");
        lines
            .find(|line| line.starts_with("fatal:") || line.starts_with("error:"))
            .unwrap_or(said)
            .to_owned()
    }
}

/// The time limit from `MLOPS_PATH_SYNC_TIMEOUT` (whole seconds, at least 1), else 60 s.
pub fn timeout_from_env() -> Result<Duration, SyncError> {
    match std::env::var(TIMEOUT_VAR) {
        Err(_) => Ok(DEFAULT_TIMEOUT),
        Ok(text) => match text.trim().parse::<u64>() {
            Ok(seconds) if seconds > 0 => Ok(Duration::from_secs(seconds)),
            _ => Err(SyncError::BadTimeout { value: text }),
        },
    }
}

/// Refuses what must never reach git as a remote: an `ext::` URL runs a command, and one
/// starting with `-` would be read as an option by tools that do not honour `--`.
pub fn check_remote(url: &str) -> Result<(), SyncError> {
    let why = if url.trim().is_empty() {
        "it is empty"
    } else if url.to_ascii_lowercase().starts_with("ext::") {
        "the ext:: transport runs a command, and mlops-path never uses it"
    } else if url.starts_with('-') {
        "it starts with -"
    } else {
        return Ok(());
    };
    Err(SyncError::BadRemote {
        url: url.to_owned(),
        why,
    })
}

/// A remote that is a local path, made absolute from where the user stands: git runs with
/// `-C` elsewhere. URLs are kept as they are.
pub fn absolute_remote(remote: &str) -> String {
    std::path::absolute(remote)
        .ok()
        .filter(|_| Path::new(remote).exists())
        .and_then(|path| path.to_str().map(str::to_owned))
        .unwrap_or_else(|| remote.to_owned())
}

impl Git {
    pub fn new(clone: PathBuf, ceiling: PathBuf, timeout: Duration) -> Self {
        Self {
            clone,
            ceiling: Some(ceiling),
            timeout,
            extra_env: Vec::new(),
        }
    }

    /// git in `dir`, finding the repository it belongs to wherever that starts.
    pub fn discovering(dir: PathBuf, timeout: Duration) -> Self {
        Self {
            clone: dir,
            ceiling: None,
            timeout,
            extra_env: Vec::new(),
        }
    }

    pub fn clone_dir(&self) -> &Path {
        &self.clone
    }

    /// The same runner with one more variable set for git (commit dates).
    #[must_use]
    pub fn with_env(&self, name: &str, value: &str) -> Self {
        let mut git = self.clone();
        git.extra_env.push((name.into(), value.into()));
        git
    }

    /// Runs `git -C <clone> <args>`; `Ok` whatever git's exit status, `Err` when git could
    /// not run or ran out of time.
    pub fn call(&self, args: &[&str], input: Option<&[u8]>) -> Result<Output, SyncError> {
        let interactive = std::io::stdin().is_terminal();
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.clone)
            .args(["-c", "protocol.ext.allow=never"])
            .args(args)
            .current_dir(self.ceiling.as_ref().unwrap_or(&self.clone))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for name in SCRUBBED {
            command.env_remove(name);
        }
        if let Some(ceiling) = &self.ceiling {
            command.env("GIT_CEILING_DIRECTORIES", ceiling);
        }
        command.envs(self.extra_env.iter().map(|(k, v)| (k, v)));
        if interactive {
            // A passphrase or password prompt reads the terminal; a process group of its
            // own would be stopped by the kernel when it tried.
            command.stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::inherit()
            });
        } else {
            command
                .env("GIT_TERMINAL_PROMPT", "0")
                .stdin(if input.is_some() {
                    Stdio::piped()
                } else {
                    Stdio::null()
                })
                .process_group(0);
        }
        let child = command.spawn().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                SyncError::GitMissing
            } else {
                SyncError::GitFailed {
                    what: describe(args),
                    detail: e.to_string(),
                }
            }
        })?;
        self.finish(child, args, input, !interactive)
    }

    /// Like `call`, but git's failure is an error that shows its stderr.
    pub fn ok(&self, args: &[&str], input: Option<&[u8]>) -> Result<Output, SyncError> {
        let output = self.call(args, input)?;
        if output.success {
            Ok(output)
        } else {
            Err(SyncError::GitFailed {
                what: describe(args),
                detail: output.last_error_line(),
            })
        }
    }

    fn finish(
        &self,
        mut child: Child,
        args: &[&str],
        input: Option<&[u8]>,
        own_group: bool,
    ) -> Result<Output, SyncError> {
        let writer = child.stdin.take().zip(input).map(|(mut stdin, bytes)| {
            let bytes = bytes.to_vec();
            // A git that exits early closes the pipe; the write error that follows is
            // not the failure to report, its exit status is.
            thread::spawn(move || {
                let _ = stdin.write_all(&bytes);
            })
        });
        let stdout = child.stdout.take().map(|s| capture(s, STDOUT_CAP));
        let stderr = child.stderr.take().map(|s| capture(s, STDERR_CAP));
        let deadline = Instant::now() + self.timeout;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() >= deadline => break None,
                Ok(None) => thread::sleep(Duration::from_millis(2)),
                Err(e) => {
                    return Err(SyncError::GitFailed {
                        what: describe(args),
                        detail: e.to_string(),
                    });
                }
            }
        };
        if status.is_none() || own_group {
            // ssh and helpers git started may outlive it and hold the pipes open.
            kill_group(child.id(), own_group);
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Some(writer) = writer {
            let _ = writer.join();
        }
        let stdout = stdout.and_then(|r| r.join().ok()).unwrap_or_default();
        let stderr = stderr.and_then(|r| r.join().ok()).unwrap_or_default();
        match status {
            None => Err(SyncError::Timeout {
                what: describe(args),
                seconds: self.timeout.as_secs(),
            }),
            Some(status) => Ok(Output {
                success: status.success(),
                stdout,
                stderr,
            }),
        }
    }
}

/// "git fetch", "git push": what failed, for messages.
fn describe(args: &[&str]) -> String {
    let verb = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .copied()
        .unwrap_or("");
    format!("git {verb}")
}

fn kill_group(pid: u32, own_group: bool) {
    if !own_group {
        return;
    }
    if let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

type Reader = thread::JoinHandle<Vec<u8>>;

/// Reads a stream to its end, keeping at most `cap` bytes, so git never blocks on a pipe.
fn capture(mut stream: impl Read + Send + 'static, cap: usize) -> Reader {
    thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buffer = vec![0u8; 64 * 1024];
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            let room = cap.saturating_sub(kept.len());
            kept.extend_from_slice(&buffer[..n.min(room)]);
        }
        kept
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ext_and_option_like_remotes_are_refused() {
        assert!(check_remote("ext::sh -c touch% /tmp/x").is_err());
        assert!(check_remote("EXT::ssh").is_err());
        assert!(check_remote("--upload-pack=touch /tmp/x").is_err());
        assert!(check_remote("").is_err());
        assert!(check_remote("file:///srv/history.git").is_ok());
        assert!(check_remote("git@example.com:me/history.git").is_ok());
    }

    #[test]
    fn the_first_fatal_line_says_what_failed() {
        let out = Output {
            success: false,
            stdout: Vec::new(),
            stderr: b"fatal: '/srv/x.git' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure\nand the repository exists.\n".to_vec(),
        };
        assert_eq!(
            out.last_error_line(),
            "fatal: '/srv/x.git' does not appear to be a git repository"
        );
    }

    #[test]
    fn the_verb_names_the_call() {
        assert_eq!(describe(&["push", "--porcelain", "origin"]), "git push");
        assert_eq!(describe(&["--no-pager", "fetch"]), "git fetch");
    }
}
