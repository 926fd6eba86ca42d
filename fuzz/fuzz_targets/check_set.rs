//! A small document set built from the input (documents separated by a NUL byte) through the
//! whole check: loading, links, lifecycle, reviews, standards, trace, every report format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qms::project::Project;
use qms::report::{CheckReport, Format, write_check};
use qms::source::MemorySource;
use std::path::Path;

const CONFIG: &str = "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\", \"iso27001:2022\"]\nintegrated = true\n\n[applicability.\"iso9001:2015\"]\n\"8.3\" = \"No design.\"\n";

fuzz_target!(|data: &[u8]| {
    let Ok(config) = qms::config::parse(Path::new("/fuzz"), CONFIG) else { return };
    let mut source = MemorySource::new("docs");
    for (index, part) in data.split(|b| *b == 0).take(8).enumerate() {
        let folder = if index % 2 == 0 { "docs" } else { "docs/sub" };
        source.insert(format!("{folder}/doc-{index}.md"), part.to_vec());
    }
    let Ok(project) = Project::from_source(config, qms::standards::builtin(), &source) else { return };
    let today = jiff::civil::date(2026, 11, 27);
    let outcome = project.check(today, None, None);
    let report =
        CheckReport { files: project.files(), diagnostics: &outcome.diagnostics, documents: outcome.documents };
    for format in [Format::Human, Format::Short, Format::Json, Format::Github, Format::Junit, Format::Sarif] {
        let mut out = Vec::new();
        write_check(format, &report, &mut out).expect("writing to memory succeeds");
    }
});
