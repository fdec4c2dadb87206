//! In-process benchmarks of the pure parts, at the sizes `scripts/bench.sh` runs:
//! the built-in roadmap (14 steps) and synthetic ones of 1,000 to 100,000 steps, each with
//! as many events. `cargo bench --bench pure`; results and their reading are in BENCHMARKS.md.

#[path = "../examples/generate/synth.rs"]
mod synth;

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use divan::Bencher;
use mlops_path::domain::event::Event;
use mlops_path::domain::journal::{days_between, learning_by_day};
use mlops_path::domain::progress::Progress;
use mlops_path::domain::roadmap::{Roadmap, RoadmapFile};
use mlops_path::domain::roadmap_json::read_roadmap;
use mlops_path::domain::streak::Streak;
use mlops_path::domain::validate::validate;
use mlops_path::storage;

const SIZES: &[usize] = &[14, 1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

fn until() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(synth::DEFAULT_UNTIL).unwrap()
}

/// The roadmap of `size` steps (14 is the built-in one) and `size` events over two years.
fn fixture(size: usize) -> (RoadmapFile, Vec<Event>) {
    let file = if size == 14 {
        synth::built_in("mlops").unwrap()
    } else {
        synth::roadmap(&synth::Spec {
            steps: size,
            sections: size.div_ceil(100),
            requires_share: 0.5,
            seed: 1,
        })
    };
    let events = synth::history(&file, size, 730, until(), 1).events;
    (file, events)
}

#[divan::bench(args = SIZES)]
fn derive_progress(bencher: Bencher, size: usize) {
    let (file, events) = fixture(size);
    let roadmap = Roadmap::new(file);
    bencher.bench(|| Progress::derive(&roadmap, &events));
}

#[divan::bench(args = SIZES)]
fn order_next(bencher: Bencher, size: usize) {
    let (file, events) = fixture(size);
    let roadmap = Roadmap::new(file);
    let progress = Progress::derive(&roadmap, &events);
    bencher.bench(|| progress.next(&roadmap, 3));
}

/// The learning log of the last 30 days.
#[divan::bench(args = SIZES)]
fn log_window(bencher: Bencher, size: usize) {
    let (_, events) = fixture(size);
    let today = until().date_naive();
    let first = today - chrono::Days::new(29);
    bencher.bench(|| days_between(&events, first, today));
}

#[divan::bench(args = SIZES)]
fn compute_streaks(bencher: Bencher, size: usize) {
    let (_, events) = fixture(size);
    let today = until().date_naive();
    bencher.bench(|| Streak::measure(&learning_by_day(&events, None), today));
}

#[divan::bench(args = SIZES)]
fn validate_roadmap(bencher: Bencher, size: usize) {
    let (file, _) = fixture(size);
    bencher.bench(|| validate(&file));
}

/// Reading, validating and indexing a roadmap file, as `--roadmap FILE` does.
#[divan::bench(args = SIZES)]
fn parse_and_index_roadmap(bencher: Bencher, size: usize) {
    let (file, _) = fixture(size);
    let text = serde_json::to_string_pretty(&file).unwrap();
    bencher.bench(|| Roadmap::new(read_roadmap(&text).unwrap()));
}

/// Parsing `state.json` as the tracker wrote it.
#[divan::bench(args = SIZES)]
fn parse_state(bencher: Bencher, size: usize) {
    let (_, events) = fixture(size);
    let dir = tempfile::tempdir().unwrap();
    synth::write(dir.path(), None, events).unwrap();
    let path = dir.path().join("data").join(storage::STATE_FILE);
    let bytes = std::fs::read(&path).unwrap();
    bencher.bench(|| storage::parse(Path::new(&path), &bytes).unwrap());
}
