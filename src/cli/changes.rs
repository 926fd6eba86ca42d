//! `qms changes [PATH] A..B`: the document change notice between two revisions.

use super::{CliError, ExitStatus, print_with};
use crate::error::Error;
use crate::model::change_notice;
use crate::project::Project;
use crate::report::changes::{self, NoticeFormat};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// The range: `A..B` (B defaults to HEAD: `v2026.1..`), or a QMS root followed by the range.
    #[arg(value_name = "[PATH] A..B", num_args = 1..=2, required = true)]
    args: Vec<String>,
    /// Output format: Markdown (for a pull-request comment or release notes) or JSON.
    #[arg(long, value_enum, default_value_t = NoticeFormat::Markdown)]
    format: NoticeFormat,
}

pub fn run(args: &ChangesArgs) -> Result<ExitStatus, CliError> {
    let (path, range) = match args.args.as_slice() {
        [range] => (PathBuf::from("."), range.as_str()),
        [path, range] => (PathBuf::from(path), range.as_str()),
        _ => unreachable!("clap allows one or two values"),
    };
    let (from, to) = range.split_once("..").filter(|(a, _)| !a.is_empty()).ok_or_else(|| Error::InvalidArgument {
        message: format!("`{range}` is not a range; write A..B, such as v2026.1..v2026.2 or main..HEAD"),
    })?;
    let to = if to.is_empty() { "HEAD" } else { to };
    let project = Project::open(&path)?;
    let after_from = project.commits_between(from, "HEAD")?;
    let after_to = project.commits_between(to, "HEAD")?;
    let history = project.history();
    let notice = change_notice(&history, &after_from, &after_to);
    print_with(|out| changes::write(args.format, &notice, from, to, out))?;
    Ok(ExitStatus::Success)
}
