//! `qms adopt [PATH]`: an existing set of Markdown documents under control in one step.

use super::{CliError, ExitStatus, parse_today, print_with, today_or_now};
use crate::adopt::{self, ClauseMap, Options, Origin};
use crate::error::Error;
use crate::model::{Date, Status};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct AdoptArgs {
    /// The folder holding the documents (it becomes the QMS root).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Standards to enable, comma-separated (when qms.toml is written) [default: iso9001:2015; for a comply set, only the standards it brings]
    #[arg(long, value_delimiter = ',')]
    standards: Vec<String>,
    /// The organization's name (default: the folder's name).
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// The format the documents are in (default: detected per file).
    #[arg(long = "from", value_enum, value_name = "FORMAT")]
    origin: Option<Origin>,
    /// A Markdown or CSV table of clause → document (by id, title or link); repeatable, each
    /// followed by its --standard.
    #[arg(long = "clause-map", value_name = "FILE")]
    clause_maps: Vec<PathBuf>,
    /// The standard of each --clause-map, in the same order.
    #[arg(long = "standard", value_name = "ID")]
    map_standards: Vec<String>,
    /// The status the documents get: draft, in-review, approved or effective.
    #[arg(long, default_value = "draft", value_parser = parse_status)]
    status: Status,
    /// Who approved them (required for approved and effective).
    #[arg(long, value_name = "ROLE")]
    approver: Option<String>,
    /// The role accountable for their content.
    #[arg(long, value_name = "ROLE", default_value = "Document Controller")]
    owner: String,
    /// Print what would be written, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Commit the adoption (your git identity), then record that commit as `[history] since`
    /// in qms.toml and commit that too. Refused if the index holds staged changes.
    #[arg(long, conflicts_with = "dry_run")]
    commit: bool,
    /// The date used where a file has no commit (default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).filter(|s| *s != Status::Obsolete).ok_or_else(|| {
        format!("`{text}` is not a status for adopted documents; use draft, in-review, approved or effective")
    })
}

pub fn run(args: &AdoptArgs) -> Result<ExitStatus, CliError> {
    let invalid = |message: String| CliError::Tool(Error::InvalidArgument { message });
    for (what, value) in
        [("--owner", Some(&args.owner)), ("--approver", args.approver.as_ref()), ("--name", args.name.as_ref())]
    {
        if let Some(value) = value {
            crate::scaffold::check_one_line(what, value)?;
        }
    }
    if matches!(args.status, Status::Approved | Status::Effective) && args.approver.is_none() {
        return Err(invalid(format!(
            "--status {} needs --approver: name who approved the documents (a role), or adopt them as drafts",
            args.status.as_str()
        )));
    }
    if args.clause_maps.len() != args.map_standards.len() {
        return Err(invalid(
            "give each --clause-map FILE its --standard ID, in the same order (e.g. --clause-map 27001-mapping.md --standard iso27001:2022)"
                .to_owned(),
        ));
    }
    let root = std::path::absolute(&args.path).unwrap_or_else(|_| args.path.clone());
    let mut clause_maps = Vec::new();
    for (file, standard) in args.clause_maps.iter().zip(&args.map_standards) {
        let text = std::fs::read_to_string(file).map_err(|source| Error::Read { path: file.clone(), source })?;
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.clone());
        let inside = absolute
            .strip_prefix(&root)
            .ok()
            .map(|p| p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
        let csv = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        clause_maps.push(ClauseMap { name: file.display().to_string(), inside, text, csv, standard: standard.clone() });
    }
    let options = Options {
        standards: args.standards.clone(),
        name: args.name.clone(),
        origin: args.origin,
        clause_maps,
        status: args.status,
        approver: args.approver.clone(),
        owner: args.owner.trim().to_owned(),
        today: today_or_now(args.today),
    };
    let plan = adopt::plan(&args.path, &options)?;
    if args.commit {
        adopt::commit::preflight(&args.path)?;
    }
    let written = if args.dry_run { Vec::new() } else { adopt::apply(&plan, &options)? };
    // Written and printed before committing: a commit git refuses leaves the report standing.
    print_with(|out| super::adopt_report::write(&plan, args.dry_run, &written, args.commit, out))?;
    if args.commit && !written.is_empty() {
        let committed = adopt::commit::commit(&args.path, &written)?;
        print_with(|out| super::adopt_report::committed(&committed, out))?;
    }
    Ok(ExitStatus::Success)
}
