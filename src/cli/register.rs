//! `qms register [PATH]`: the master document register, now or as of a date.

use super::{CliError, ExitStatus, parse_today, print_with, today_or_now};
use crate::error::Error;
use crate::model::{Date, before_control_on, register_as_of, register_now};
use crate::project::Project;
use crate::report::matrix::TableFormat;
use crate::report::register;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct RegisterArgs {
    /// The QMS root (the folder holding qms.toml, or any folder below it).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The register as it stood on this date: which revision of each document was in force.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    as_of: Option<Date>,
    /// The day the documents' states (pending, in force) and next reviews are shown as of
    /// (default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

pub fn run(args: &RegisterArgs) -> Result<ExitStatus, CliError> {
    let project = Project::open(&args.path)?;
    let history = project.history();
    let mut before_control = None;
    let rows = match args.as_of {
        None => register_now(
            &project.loaded.register,
            history.repository.then_some(&history),
            &project.config.review,
            today_or_now(args.today),
        ),
        Some(date) => {
            if history.head.is_none() {
                return Err(Error::InvalidArgument {
                    message: format!("--as-of needs the git history of the documents; {}", history.notes.join("; ")),
                }
                .into());
            }
            before_control = Some(before_control_on(&history, date)).filter(|b| b.documents > 0);
            register_as_of(&project.loaded.register, &history, date)
        }
    };
    print_with(|out| register::write(args.format, &rows, args.as_of, before_control, out))?;
    Ok(ExitStatus::Success)
}
