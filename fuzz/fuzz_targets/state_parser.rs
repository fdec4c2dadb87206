//! The state parser against any bytes: it must return, never panic. The normal test suite
//! holds `storage::parse` to the same property with proptest
//! (`src/storage/format.rs`, `no_panic_on_2000_random_byte_strings`).

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = mlops_path::storage::parse(Path::new("state.json"), bytes);
});
