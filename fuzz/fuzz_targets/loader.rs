//! Arbitrary bytes as a report file: loading (and composing what loads)
//! must report problems, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = folio::load::load_bytes("fuzz.toml", data) {
        let _ = folio::compose::compose(&loaded.report, None);
    }
});
