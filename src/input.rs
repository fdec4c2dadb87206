//! Files the user names on the command line, read with a size cap: `/dev/zero`, an endless
//! pipe or a huge file is refused by its size instead of filling memory.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// The most a roadmap file or a Markdown list to import may hold; the built-in roadmap is
/// a few hundred KiB.
pub const MAX_ROADMAP_BYTES: u64 = 8 * 1024 * 1024;

/// The bytes of `path`, or `Error::InputTooLarge` when it holds more than `limit`.
pub fn read_capped(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(what, path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::InputTooLarge {
            path: path.to_owned(),
            limit,
        });
    }
    Ok(bytes)
}

/// The text of `path` as UTF-8, capped as [`read_capped`] caps it.
pub fn read_capped_text(path: &Path, limit: u64, what: &'static str) -> Result<String> {
    let bytes = read_capped(path, limit, what)?;
    String::from_utf8(bytes).map_err(|_| {
        Error::io(
            what,
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            ),
        )
    })
}
