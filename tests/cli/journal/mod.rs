//! The learner's own log: undo of a whole command, time spent, learning outside the roadmap.

mod learn;
mod spent;
mod undo;
