//! What the user can do about each failure: the hint printed under its message.

use std::io;

use super::Error;
use crate::config::Invocation;

impl Error {
    /// What the user can do about it, if there is something to say; the commands it
    /// suggests start with `mlops`, so that they work when pasted.
    pub fn hint(&self, mlops: &Invocation) -> Option<String> {
        match self {
            Self::Sync(e) => e.hint(mlops),
            Self::UnknownStep { suggestions, .. } | Self::UnknownSection { suggestions, .. }
                if !suggestions.is_empty() =>
            {
                Some(format!("did you mean {}?", suggestions.join(", ")))
            }
            Self::UnknownStep { .. } => Some(format!("`{mlops} list` shows every step id")),
            Self::AmbiguousStep { .. } => Some("type more of the id".into()),
            Self::UnknownSection { sections, .. } => {
                Some(format!("the sections are: {}", sections.join(", ")))
            }
            Self::NoLink { step } => Some(format!(
                "it is a concept to read up on; `{mlops} show {step}` describes it"
            )),
            Self::NotAWebLink { .. } => {
                Some("the roadmap file gives this link; fix it there, or open it yourself".into())
            }
            Self::BadDate { .. } => Some(
                "use today, yesterday, HH:MM (today), yesterday HH:MM, YYYY-MM-DD (noon local time that day) or an RFC 3339 timestamp such as 2026-03-01T09:30:00+01:00"
                    .into(),
            ),
            Self::FutureAt { .. } => Some(
                "events are recorded as they happen, not ahead; leave out --at to record it now"
                    .into(),
            ),
            Self::CorruptState { path, .. } => Some(format!(
                "the file was left untouched; `{mlops} doctor` checks it and its backup {}.bak, and says what to do",
                path.display()
            )),
            Self::BadImport { .. } => Some(
                "import takes the JSON of `mlops-path export` or a state.json; nothing was changed"
                    .into(),
            ),
            Self::StateTooNew { .. } => {
                Some("the file was left untouched; install a newer mlops-path to read it".into())
            }
            Self::WouldBeTooLarge { .. } => Some(
                "the file was left untouched; keep this history as it is and record new work in a fresh data directory (--data-dir or MLOPS_PATH_DATA_DIR)"
                    .into(),
            ),
            Self::NotADirectory { .. } => Some(
                "move that file away, or choose another directory with --data-dir".into(),
            ),
            Self::StepIsDone { step, command, .. } => Some(format!(
                "to {command} it again, reopen it first: {mlops} reopen {step}"
            )),
            Self::Unhealthy { .. } => Some("each problem above says what to do".into()),
            Self::LockTimeout { .. } => Some(
                "another mlops-path is writing; if none is running, set MLOPS_PATH_LOCK_TIMEOUT to wait longer"
                    .into(),
            ),
            Self::UnknownRoadmap { installed, .. } => {
                let mlops = mlops.without_roadmap();
                Some(if installed.is_empty() {
                    format!("the built-in roadmap is `mlops` and none is installed; pass a path to a roadmap file, or install one with `{mlops} roadmap install FILE`")
                } else {
                    format!(
                        "installed: {}; `{mlops} roadmap list` shows every roadmap, and a path to a roadmap file works too",
                        installed.join(", ")
                    )
                })
            }
            Self::BuiltInRoadmap { .. } => Some(
                "give your roadmap another id; the built-in one is always there".into(),
            ),
            Self::SharedDataDir { dir, .. } => Some(format!(
                "chmod 700 {}; in a directory others can write to, a planted link could redirect the write",
                crate::domain::text::shell_word(&dir.to_string_lossy())
            )),
            Self::BorrowedRoadmapId { .. }
            | Self::BadDefaultRoadmap { .. }
            | Self::RoadmapExists { .. } => self.roadmap_hint(mlops),
            Self::LabDirNotEmpty { .. }
            | Self::NoLabPack { .. }
            | Self::NotALabDir { .. }
            | Self::UntrustedChecks { .. }
            | Self::LabFailed { .. }
            | Self::CouldNotCheck { .. } => self.lab_hint(),
            Self::LabTool(e) => e.hint(),
            Self::Io { cause, .. }
                if matches!(
                    cause.kind(),
                    io::ErrorKind::StorageFull
                        | io::ErrorKind::FileTooLarge
                        | io::ErrorKind::QuotaExceeded
                ) =>
            {
                Some("free some space and run it again; state.json was left as it was".into())
            }
            Self::Io { cause, .. } if cause.kind() == io::ErrorKind::PermissionDenied => {
                Some("check the permissions of the data directory, or choose another with --data-dir".into())
            }
            _ => None,
        }
    }

    /// The hints of the roadmap choices' failures.
    fn roadmap_hint(&self, mlops: &Invocation) -> Option<String> {
        match self {
            Self::BorrowedRoadmapId { id, .. } => Some(format!(
                "give the file its own \"id\", such as \"{id}-mine\"; progress is kept per roadmap id"
            )),
            Self::BadDefaultRoadmap { .. } => Some(format!(
                "`{} roadmap use ID` chooses one again; `{} roadmap use --default` goes back to the built-in one",
                mlops.without_roadmap(),
                mlops.without_roadmap()
            )),
            Self::RoadmapExists { .. } => {
                Some("pass --force to replace it; progress recorded under this id is kept".into())
            }
            _ => None,
        }
    }

    /// The hints of the lab commands' failures.
    fn lab_hint(&self) -> Option<String> {
        match self {
            Self::LabDirNotEmpty { .. } => Some(
                "choose another with --dir, or pass --force to add the starter beside what is there; a file you changed is never overwritten".into(),
            ),
            Self::NoLabPack { .. } => Some(
                "it can only be self-reported: `mlops-path done STEP`; `mlops-path lab list` shows the checked labs".into(),
            ),
            Self::NotALabDir { .. } => Some(
                "run it inside a directory made by `mlops-path lab start STEP`, or name the lab: `mlops-path check STEP --dir DIR`".into(),
            ),
            Self::UntrustedChecks { origin, .. } => Some(format!(
                "read them with `mlops-path lab validate {origin}`, then trust them for one run with `mlops-path check --trust`, or for good by installing the roadmap with `mlops-path roadmap install FILE --trust-checks`; file, json and http checks need no trust"
            )),
            Self::LabFailed { .. } => Some("fix the first failure above and run `mlops-path check` again; `mlops-path lab hint` helps".into()),
            Self::CouldNotCheck { .. } => Some("the messages above say what was missing; this is not a verdict on your work".into()),
            _ => None,
        }
    }
}
