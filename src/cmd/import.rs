//! `import FILE`: merge another machine's history into this one, each event once.

use std::io::Read;
use std::path::Path;

use crate::cli::ImportArgs;
use crate::config::Context;
use crate::domain::progress::Progress;
use crate::error::{Error, Result};
use crate::render::progress_line;
use crate::storage;

use super::waiting_notice;

pub fn run(args: &ImportArgs, ctx: &Context) -> Result<()> {
    let roadmap = ctx.roadmap()?;
    let from_stdin = args.file == Path::new("-");
    let name = if from_stdin {
        Path::new("standard input")
    } else {
        args.file.as_path()
    };
    let bytes = read(&args.file, from_stdin)?;
    // Parsed before taking the lock: bad input stops here, with nothing changed.
    let incoming = storage::parse(name, &bytes)
        .map_err(|e| refused(name, e))?
        .records();
    let (merged, progress) = ctx
        .store
        .update(waiting_notice(&ctx.ui, &ctx.store), |state| {
            let merged = state.merge(incoming);
            Ok((merged, Progress::derive(roadmap, state.events())))
        })?;
    let undos = match merged.undoing {
        0 => "no undos".to_owned(),
        1 => "1 an undo".to_owned(),
        n => format!("{n} undos"),
    };
    ctx.ui.confirm(&format!(
        "Imported {} ({undos}) from {}; {} already here.",
        events(merged.new, "new event"),
        name.display(),
        events(merged.already, "was")
    ));
    ctx.ui.confirm(&progress_line(&progress.totals()));
    Ok(())
}

/// Reads at most one byte past the state's size limit, so `/dev/zero` or an endless pipe
/// is refused by its size instead of filling memory.
fn read(file: &Path, from_stdin: bool) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let limit = storage::MAX_STATE_BYTES + 1;
    if from_stdin {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("cannot read", "standard input", e))?;
    } else {
        std::fs::File::open(file)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .map_err(|e| Error::io("cannot read", file, e))?;
    }
    Ok(bytes)
}

/// "1 new event", "3 new events"; "1 was", "2 were".
fn events(count: usize, singular: &str) -> String {
    match (count, singular) {
        (1, _) => format!("1 {singular}"),
        (_, "was") => format!("{count} were"),
        _ => format!("{count} {singular}s"),
    }
}

/// The state parser's errors, told as what they mean for an import.
fn refused(path: &Path, error: Error) -> Error {
    let detail = match error {
        Error::CorruptState { detail, .. } => detail,
        Error::StateTooNew {
            found, supported, ..
        } => format!(
            "it has format {found}, but this version of mlops-path reads format {supported} at most; update mlops-path first"
        ),
        other => return other,
    };
    Error::BadImport {
        path: path.to_owned(),
        detail,
    }
}
