//! Integration tests: the real binary in a temporary data directory with a fixed clock.

mod common;
mod core;
mod curriculum;
mod daily;
mod disk;
mod doctor;
mod eta;
mod faults;
mod first_run;
mod focus;
mod hardening;
mod history;
mod hostile;
mod journal;
mod lab;
mod month;
mod readme;
mod report;
mod roadmap;
mod scale;
mod sync;
mod tooling;
mod width;

// The generator behind `examples/generate`: synthetic roadmaps and histories, and the
// seeded random numbers the fault tests use too.
#[path = "../../examples/generate/synth.rs"]
mod synth;
