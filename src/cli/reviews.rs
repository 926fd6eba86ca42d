//! `qms reviews [PATH]`: the periodic review schedule, overdue first.

use super::{CliError, ExitStatus, parse_today, print_with, today_or_now};
use crate::model::{Date, Interval, review_schedule};
use crate::project::Project;
use crate::report::matrix::TableFormat;
use crate::report::schedule;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ReviewsArgs {
    /// The QMS root (the folder holding qms.toml, or any folder below it).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The window for "due": `90d`, `3 months` (default: `[review] due_soon` from qms.toml).
    #[arg(long, value_name = "DURATION", value_parser = parse_interval)]
    within: Option<Interval>,
    /// Only documents with this owner.
    #[arg(long, value_name = "ROLE")]
    owner: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    /// The date to plan from (default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
}

fn parse_interval(text: &str) -> Result<Interval, String> {
    Interval::parse(text).ok_or_else(|| format!("`{text}` is not a duration; write `90d`, `30 days` or `3 months`"))
}

pub fn run(args: &ReviewsArgs) -> Result<ExitStatus, CliError> {
    let project = Project::open(&args.path)?;
    let settings = &project.config.review;
    let within = args.within.unwrap_or(settings.due_soon);
    let mut entries = review_schedule(&project.loaded.register, settings, today_or_now(args.today), within);
    if let Some(owner) = &args.owner {
        entries.retain(|e| e.document.meta.owner.as_ref().is_some_and(|o| o.value.eq_ignore_ascii_case(owner)));
    }
    print_with(|out| schedule::write(args.format, &entries, &within.to_string(), out))?;
    Ok(ExitStatus::Success)
}
