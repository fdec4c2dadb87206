//! Integration tests: the real binary in a temporary data directory with a fixed clock.

mod common;
mod core;
mod daily;
mod disk;
mod doctor;
mod faults;
mod hostile;
mod roadmap;
mod scale;
mod tooling;
