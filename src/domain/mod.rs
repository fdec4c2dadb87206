//! The pure core: roadmaps, events and what follows from them. No files, no clock, no printing.

pub mod at;
pub mod budget;
pub mod burnup;
pub mod calendar;
pub mod change;
pub mod entry;
pub mod event;
pub mod evidence;
pub mod focus;
pub mod habit;
pub mod history;
pub mod import;
pub mod journal;
pub mod lookup;
pub mod pace;
pub mod progress;
pub mod ratio;
pub mod roadmap;
pub mod roadmap_json;
pub mod schema;
pub mod spent;
pub mod streak;
pub mod team;
pub mod text;
pub mod validate;
pub mod when;
pub mod zone;

