//! Undoing what a check started (a container, a Job): when the check ends, and on Ctrl-C
//! before that, so nothing a check starts outlives it.

use std::sync::{Mutex, Once};
use std::time::Duration;

use super::tool::Runner;

/// Undo actions for what checks have started and not yet removed, run on Ctrl-C.
static PENDING: Mutex<Vec<(u64, Runner, Vec<String>)>> = Mutex::new(Vec::new());
static HANDLER: Once = Once::new();
static NEXT: Mutex<u64> = Mutex::new(0);

/// Removes what a check started when dropped, and on Ctrl-C before that.
pub struct Undo {
    id: u64,
}

impl Undo {
    /// Registers `args` of `runner` (such as `rm -f NAME`) to run whatever happens.
    pub fn register(runner: &Runner, args: Vec<String>) -> Self {
        HANDLER.call_once(|| {
            // If no handler can be installed, Drop still removes everything on a normal end.
            let _ = ctrlc::set_handler(|| {
                undo_all();
                std::process::exit(130);
            });
        });
        let id = {
            let mut next = NEXT
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *next += 1;
            *next
        };
        lock().push((id, runner.clone(), args));
        Self { id }
    }
}

impl Drop for Undo {
    fn drop(&mut self) {
        let taken = {
            let mut pending = lock();
            pending
                .iter()
                .position(|(id, ..)| *id == self.id)
                .map(|at| pending.remove(at))
        };
        if let Some((_, runner, args)) = taken {
            let _ = runner.run(&args, UNDO_LIMIT);
        }
    }
}

const UNDO_LIMIT: Duration = Duration::from_secs(60);

fn lock() -> std::sync::MutexGuard<'static, Vec<(u64, Runner, Vec<String>)>> {
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Set on Ctrl-C, before anything is killed or undone.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

thread_local! {
    /// True on the thread that runs the undos after Ctrl-C.
    static UNDOING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True on a check's thread once the user pressed Ctrl-C: the handler is ending the
/// process, so nothing may report the programs it killed as failures.
pub fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) && !UNDOING.with(std::cell::Cell::get)
}

fn undo_all() {
    UNDOING.with(|undoing| undoing.set(true));
    INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
    // First what is running (a `kubectl wait`, a `docker inspect`), then the undos.
    super::process::kill_running();
    let pending: Vec<_> = lock().drain(..).collect();
    for (_, runner, args) in pending.into_iter().rev() {
        let _ = runner.run(&args, UNDO_LIMIT);
    }
}
