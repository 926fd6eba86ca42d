//! `qms check [PATH]`: load, check, print in the chosen format, exit 0/1/2.

use super::{CliError, ExitStatus, parse_today, print_with, progress, today_or_now};
use crate::diag::Severity;
use crate::model::Date;
use crate::progress::Progress;
use crate::project::Project;
use crate::report::{self, CheckReport, Format};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The QMS root (the folder holding qms.toml, or any folder below it).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    deny: Option<String>,
    /// The date to check review and approval dates against (default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
    /// Pull-request mode: the history rules judge each document's net change from the merge
    /// base with REV to HEAD (and uncommitted changes), so older findings do not block the change.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// Skip the history rules (no git access).
    #[arg(long, conflicts_with = "base")]
    no_history: bool,
}

pub fn run(args: &CheckArgs) -> Result<ExitStatus, CliError> {
    let progress = progress::Line::for_terminal(!matches!(args.format, Format::Human));
    let (project, history) = Project::open_with_history(&args.path, !args.no_history, &progress)?;
    let scope = args.base.as_deref().map(|base| project.commits_since(base)).transpose()?;
    progress.phase("checking", "documents", 0);
    let outcome = project.check(today_or_now(args.today), history.as_ref(), scope.as_ref());
    progress.clear();
    let report = CheckReport {
        files: project.files(),
        diagnostics: &outcome.diagnostics,
        documents: outcome.documents,
        checked: &outcome.checked,
    };
    print_with(|out| report::write_check(args.format, &report, out))?;
    let failing = if args.deny.is_some() { Severity::Warning } else { Severity::Error };
    let failed = outcome.diagnostics.iter().any(|d| d.severity >= failing);
    Ok(if failed { ExitStatus::Failure } else { ExitStatus::Success })
}
