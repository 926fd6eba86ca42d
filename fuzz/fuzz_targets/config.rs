//! `qms.toml` and catalog text: errors, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = qms::config::parse(Path::new("/fuzz"), text);
        let _ = qms::standards::parse(Path::new("fuzz.toml"), text);
    }
});
