//! Running a check's program: an argument list, never a shell, with a minimal environment,
//! a timeout and capped output. The whole process group is killed on timeout, so a
//! grandchild cannot keep the pipes open.

use std::io::{self, Read};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Output kept per stream; the rest is read and dropped so the child never blocks.
pub const OUTPUT_CAP: usize = 64 * 1024;
/// The variables every check gets from the user's environment.
pub const BASE_ENV: [&str; 3] = ["PATH", "HOME", "LANG"];
/// What a failure shows of a program's own output.
const SHOWN: usize = 500;

pub struct Finished {
    /// `None` when killed by a signal or by the timeout.
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub timed_out: bool,
    /// True when a stream went over `OUTPUT_CAP`.
    pub truncated: bool,
}

/// The allowlisted environment: PATH, HOME, LANG and the names a manifest adds, from ours.
pub fn allowed_env(extra: &[String]) -> Vec<(String, String)> {
    BASE_ENV
        .iter()
        .map(|name| (*name).to_owned())
        .chain(extra.iter().cloned())
        .filter_map(|name| std::env::var(&name).ok().map(|value| (name, value)))
        .collect()
}

pub fn run(
    argv: &[String],
    cwd: &Path,
    env: &[(String, String)],
    timeout: Duration,
) -> io::Result<Finished> {
    let (program, rest) = argv
        .split_first()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "empty argument list"))?;
    let mut child = Command::new(program)
        .args(rest)
        .current_dir(cwd)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()?;
    let _running = Running::register(child.id());
    let stdout = child.stdout.take().map(capture);
    let stderr = child.stderr.take().map(capture);
    let deadline = Instant::now() + timeout;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            timed_out = true;
            kill_group(child.id());
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(5));
    };
    // Children it left behind may hold the pipes: end the group before joining the readers.
    kill_group(child.id());
    // After Ctrl-C the program was killed on purpose, not failed: leave the ending to the
    // handler, which undoes what the checks started and exits with 130.
    while super::undo::interrupted() {
        thread::park();
    }
    let (stdout, out_cut) = stdout.map_or((Vec::new(), false), join);
    let (stderr, err_cut) = stderr.map_or((Vec::new(), false), join);
    Ok(Finished {
        code: status.and_then(|s| s.code()),
        stdout,
        stderr,
        timed_out,
        truncated: out_cut || err_cut,
    })
}

/// The process groups of the programs running now, so Ctrl-C can end them too: they are
/// in groups of their own, which the terminal's signal does not reach.
static RUNNING: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

struct Running(u32);

impl Running {
    fn register(pid: u32) -> Self {
        running().push(pid);
        Self(pid)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        running().retain(|&pid| pid != self.0);
    }
}

fn running() -> std::sync::MutexGuard<'static, Vec<u32>> {
    RUNNING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Ends every program a check is running now, with its children (on Ctrl-C).
pub fn kill_running() {
    let pids: Vec<u32> = running().clone();
    for pid in pids {
        kill_group(pid);
    }
}

fn kill_group(pid: u32) {
    if let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

type Reader = thread::JoinHandle<(Vec<u8>, bool)>;

fn capture(mut stream: impl Read + Send + 'static) -> Reader {
    thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buffer = [0u8; 8192];
        let mut truncated = false;
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            let room = OUTPUT_CAP - kept.len();
            kept.extend_from_slice(&buffer[..n.min(room)]);
            truncated |= n > room;
        }
        (kept, truncated)
    })
}

fn join(reader: Reader) -> (Vec<u8>, bool) {
    reader.join().unwrap_or_default()
}

/// The first 500 characters of what the program said, stderr first.
pub fn excerpt(done: &Finished) -> String {
    let said = if done.stderr.iter().any(|b| !b.is_ascii_whitespace()) {
        &done.stderr
    } else {
        &done.stdout
    };
    let text = String::from_utf8_lossy(said);
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let shown: String = text.chars().take(SHOWN).collect();
    let more = if text.chars().count() > SHOWN || done.truncated {
        " …"
    } else {
        ""
    };
    format!(":\n{shown}{more}")
}
