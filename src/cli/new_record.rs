//! `qms new audit|nonconformity|management-review|certificate "Title"`: one new record in the
//! records folder with the next free id of its kind.

use super::{CliError, ExitStatus, print_with, today_or_now};
use crate::diag::FileId;
use crate::model::RecordKind;
use crate::project::Project;
use crate::report::escape::terminal;
use crate::scaffold::{self, NewRecord};
use std::path::PathBuf;

/// Writes the record (the caller holds the `new` lock) and says where.
pub fn create(
    project: &Project,
    kind: RecordKind,
    title: &str,
    owner: &str,
    clauses: Vec<(String, Vec<String>)>,
) -> Result<ExitStatus, CliError> {
    let config = &project.config;
    let prefix = scaffold::record_prefix(kind);
    let files = project.files();
    let paths: Vec<&str> =
        (0..files.len()).filter_map(|n| u32::try_from(n).ok()).map(|n| files.get(FileId(n)).path.as_str()).collect();
    let record = NewRecord {
        kind,
        id: scaffold::next_record_id(prefix, &project.loaded.records, paths.into_iter()),
        title: title.to_owned(),
        owner: owner.to_owned(),
        today: today_or_now(None),
        clauses,
    };
    let relative = PathBuf::from(&config.records.folder).join(record.file_name());
    scaffold::write_document(&config.root, &relative, &record.render())?;
    let (id, path) = (terminal(&record.id), relative.display().to_string());
    print_with(|out| {
        writeln!(out, "created {id} {}: {}", terminal(&record.title), terminal(&path))?;
        writeln!(out, "complete its fields; `qms check` names any still missing")
    })?;
    Ok(ExitStatus::Success)
}
