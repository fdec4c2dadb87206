//! Writes a synthetic roadmap and history into a directory, for benchmarks.
//!
//! ```sh
//! cargo run --release --example generate -- --steps 10000 --events 10000 --out bench/10k
//! mlops-path --roadmap bench/10k/roadmap.json --data-dir bench/10k/data status
//! ```
//!
//! Prints what it wrote as `key=value` lines, so scripts can pick up the step to mark done.

mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::DateTime;
use clap::Parser;

/// Writes `roadmap.json` and `data/state.json` into `--out`; deterministic for a seed.
#[derive(Debug, Parser)]
#[command(name = "generate")]
struct Args {
    /// Steps in the roadmap
    #[arg(long, default_value_t = 1000, conflicts_with = "built_in")]
    steps: usize,

    /// Sections to spread the steps over [default: one per 100 steps]
    #[arg(long, conflicts_with = "built_in")]
    sections: Option<usize>,

    /// Events in the history, spread over `--span-days`
    #[arg(long, default_value_t = 1000)]
    events: usize,

    /// Share of steps (0 to 1) that require an earlier step
    #[arg(long, default_value_t = 0.5, value_parser = synth::parse_share)]
    requires_share: f64,

    #[arg(long, default_value_t = 1)]
    seed: u64,

    /// Days the history covers, ending at `--until`
    #[arg(long, default_value_t = 730)]
    span_days: u32,

    /// When the history ends (RFC 3339)
    #[arg(long, default_value = synth::DEFAULT_UNTIL)]
    until: String,

    /// Use this built-in roadmap (e.g. `mlops`) instead of a synthetic one
    #[arg(long, value_name = "ID")]
    built_in: Option<String>,

    /// Also write `tasks.json`: the roadmap as Taskwarrior tasks, for `task import`
    #[arg(long)]
    taskwarrior: bool,

    /// Directory to write into; created if missing, refused if it already holds a state
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let until = DateTime::parse_from_rfc3339(&args.until)
        .map_err(|e| format!("--until {:?}: {e}", args.until))?;
    synth::check_out_dir(&args.out)?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let (file, synthetic) = if let Some(id) = &args.built_in {
        let file = synth::built_in(id).ok_or_else(|| format!("no built-in roadmap {id:?}"))?;
        (file, false)
    } else {
        if args.steps == 0 {
            return Err("--steps must be at least 1".into());
        }
        let spec = synth::Spec {
            steps: args.steps,
            sections: args.sections.unwrap_or(args.steps.div_ceil(100)),
            requires_share: args.requires_share,
            seed: args.seed,
        };
        (synth::roadmap(&spec), true)
    };
    if args.taskwarrior {
        let tasks = synth::taskwarrior_tasks(&file, until);
        let path = args.out.join("tasks.json");
        std::fs::write(&path, tasks.to_string()).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("tasks={}", path.display());
    }
    let history = synth::history(&file, args.events, args.span_days, until, args.seed);
    let steps = history.events_per_step.len();
    let tally = history.tally;
    let current = history.current.clone();
    synth::write(&args.out, synthetic.then_some(&file), history.events)
        .map_err(|e| e.to_string())?;
    if synthetic {
        println!("roadmap={}", args.out.join("roadmap.json").display());
    } else {
        println!("roadmap={}", file.id);
    }
    println!("data_dir={}", args.out.join("data").display());
    println!("steps={steps}");
    println!("events={}", args.events);
    println!(
        "done={} skipped={} in_progress={} pending={}",
        tally.done, tally.skipped, tally.in_progress, tally.pending
    );
    println!("current={}", current.unwrap_or_default());
    Ok(())
}
