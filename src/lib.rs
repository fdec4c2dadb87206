//! `mlops-path` as a library: the binary in `src/main.rs` is a thin shell over this, and
//! benchmarks and development tools reach the pure parts through it.

pub mod browser;
pub mod catalog;
pub mod cli;
pub mod cmd;
pub mod completion;
pub mod config;
pub mod domain;
pub mod error;
pub mod input;
pub mod lab;
pub mod render;
pub mod storage;
pub mod sync;
pub mod ui;
