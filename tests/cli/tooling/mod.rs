//! How `mlops-path` fits a learner's terminal and tools: help, completions, the man page,
//! opening links, export and import.

mod export;
mod help;
mod import;
mod open;
mod shells;
