//! `qms trace [PATH]`: the clause × document matrix per enabled standard, with coverage and gaps.

use super::{CliError, ExitStatus, parse_today, print_with, today_or_now};
use crate::model::Date;
use crate::project::Project;
use crate::report::matrix::{self, TableFormat};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct TraceArgs {
    /// The QMS root (the folder holding qms.toml, or any folder below it).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Only this standard (an id from `[qms] standards`, such as iso9001:2015).
    #[arg(long, value_name = "ID")]
    standard: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    /// Show only the gaps: clauses no document in force addresses, and missing required documents.
    #[arg(long)]
    gaps: bool,
    /// The date that decides which documents are in force (default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
}

pub fn run(args: &TraceArgs) -> Result<ExitStatus, CliError> {
    let project = Project::open(&args.path)?;
    let matrix = project.trace(today_or_now(args.today));
    let traces: Vec<_> =
        matrix.standards.iter().filter(|t| args.standard.as_ref().is_none_or(|id| *id == t.id)).collect();
    if let (Some(id), true) = (&args.standard, traces.is_empty()) {
        let hint = crate::suggest::did_you_mean(id, matrix.standards.iter().map(|t| t.id.as_str()));
        return Err(CliError::Usage(format!(
            "`{id}` is not an enabled standard{hint}; `[qms] standards` in qms.toml lists them"
        )));
    }
    print_with(|out| matrix::write(args.format, &traces, args.gaps, out))?;
    Ok(ExitStatus::Success)
}
