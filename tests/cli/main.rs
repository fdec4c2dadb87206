//! Integration tests: the real binary in a temporary data directory with a fixed clock.

mod common;
mod core;
mod scale;
