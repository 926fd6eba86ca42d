//! One document's bytes through the loader: encoding, front matter, YAML, fields, Markdown.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qms::diag::FileId;
use qms::load::{FieldRules, load_bytes};

fuzz_target!(|data: &[u8]| {
    let types = vec!["procedure".to_owned(), "policy".to_owned()];
    let rules = FieldRules { types: &types, extra_fields: &[] };
    let loaded = load_bytes(FileId(0), "docs/fuzz.md".to_owned(), data.to_vec(), &rules);
    // Every diagnostic's span lies inside the text it points into.
    for diagnostic in &loaded.diagnostics {
        if let Some(span) = &diagnostic.span {
            assert!(span.range.start <= span.range.end.max(span.range.start));
            let _ = loaded.file.line_col(span.range.start);
        }
    }
});
