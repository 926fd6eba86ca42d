//! `qms cycle [PATH]`: the certification cycle on a day — certificates, audit programme and
//! coverage, nonconformities, management reviews, objectives.

use super::{CliError, ExitStatus, parse_today, print_with, today_or_now};
use crate::model::{Date, coverage};
use crate::project::Project;
use crate::report::cycle::{self, CycleFormat, CycleInput};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CycleArgs {
    /// The QMS root (the folder holding qms.toml, or any folder below it).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CycleFormat::Table)]
    format: CycleFormat,
    /// The day to report on (default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
}

pub fn run(args: &CycleArgs) -> Result<ExitStatus, CliError> {
    let project = Project::open(&args.path)?;
    let today = today_or_now(args.today);
    let settings = &project.config.records;
    let standards = project.enabled_standards();
    let input = CycleInput {
        records: &project.loaded.records,
        register: &project.loaded.register,
        catalogs: project.catalogs.iter().map(|s| (s.id.as_str(), s)).collect(),
        coverage: standards
            .iter()
            .filter_map(|s| {
                coverage(
                    &project.loaded.records,
                    s,
                    project.config.applicability.get(&s.id),
                    settings.audit_cycle,
                    today,
                )
            })
            .collect(),
        warn_before: settings.warn_before,
        today,
    };
    print_with(|out| cycle::write(args.format, &input, out))?;
    Ok(ExitStatus::Success)
}
