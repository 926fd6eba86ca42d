//! `qms init [DIR] --standards …`: a new QMS with a skeleton of every required document.

use super::{CliError, ExitStatus, parse_today, print_with, today_or_now};
use crate::error::Error;
use crate::model::Date;
use crate::report::escape::terminal;
use crate::scaffold;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create the QMS in (created if missing; must not hold a qms.toml).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Standards to enable, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "iso9001:2015")]
    standards: Vec<String>,
    /// The organization's name.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// The date the example records are dated from (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
}

pub fn run(args: &InitArgs) -> Result<ExitStatus, CliError> {
    // Documents already there are adopted, not scaffolded again beside themselves.
    let existing = if args.dir.join(crate::config::CONFIG_FILE).exists() {
        Vec::new()
    } else {
        crate::adopt::layout::markdown_files(&args.dir)
    };
    let documents: Vec<&String> = existing.iter().filter(|f| !crate::adopt::layout::is_repository_file(f)).collect();
    if let Some(first) = documents.first() {
        return Err(Error::InvalidArgument {
            message: format!(
                "{} already holds {} Markdown documents ({first}{}); run `qms adopt {}` to bring them under control, or `qms init` in an empty folder",
                args.dir.display(),
                documents.len(),
                if documents.len() > 1 { ", …" } else { "" },
                args.dir.display()
            ),
        }
        .into());
    }
    let catalogs = crate::standards::load(&args.dir)?;
    let mut standards = Vec::new();
    for id in &args.standards {
        let standard = catalogs.get(id).ok_or_else(|| Error::InvalidArgument {
            message: format!(
                "no catalog defines the standard \"{id}\"{}",
                crate::standards::unknown_standard_advice(id, catalogs.ids())
            ),
        })?;
        standards.push(standard);
    }
    let name = args.name.clone().unwrap_or_else(|| {
        std::path::absolute(&args.dir)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Our organization".to_owned())
    });
    let plan = scaffold::plan_init(&name, &standards, today_or_now(args.today));
    let written = scaffold::write_init(&args.dir, &plan)?;
    print_with(|out| {
        let dir = args.dir.display().to_string();
        writeln!(out, "created a QMS for {} in {}:", terminal(&args.standards.join(", ")), terminal(&dir))?;
        for path in &written {
            writeln!(out, "  {}", terminal(&path.strip_prefix(&args.dir).unwrap_or(path).display().to_string()))?;
        }
        writeln!(
            out,
            "\nThe documents are drafts with their clauses filled in. Write them, approve them (status, approver,\napproved, effective), and `qms check {}` will stop reporting them. records/examples/ holds one\nexample of each kind of record to copy; `qms new audit|nonconformity|management-review|certificate`\nstarts a real one.",
            terminal(&dir)
        )
    })?;
    Ok(ExitStatus::Success)
}
