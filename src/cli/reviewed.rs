//! `qms reviewed ID…|--owner ROLE|--due [PATH]`: records a periodic review of documents
//! (`last_reviewed`) without changing their content.

use super::{CliError, ExitStatus, parse_today, print_with, today_or_now};
use crate::error::Error;
use crate::model::{Date, Document, ReviewState, review_schedule};
use crate::project::Project;
use crate::report::escape::terminal;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ReviewedArgs {
    /// The ids (or aliases) of the documents reviewed, then optionally the QMS root (an existing
    /// folder).
    #[arg(value_name = "ID… [PATH]")]
    args: Vec<String>,
    /// Every document with this owner.
    #[arg(long, value_name = "ROLE")]
    owner: Option<String>,
    /// Every document whose review is overdue or due soon (`[review] due_soon`).
    #[arg(long)]
    due: bool,
    /// The day of the review (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    date: Option<Date>,
    /// Who reviewed them; kept as a comment on the `last_reviewed` line.
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    /// The day `--due` is reckoned from (default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
}

pub fn run(args: &ReviewedArgs) -> Result<ExitStatus, CliError> {
    let invalid = |message: String| CliError::Tool(Error::InvalidArgument { message });
    let (ids, path) = match args.args.split_last() {
        Some((last, rest)) if std::path::Path::new(last).is_dir() => (rest.to_vec(), PathBuf::from(last)),
        _ => (args.args.clone(), PathBuf::from(".")),
    };
    if ids.is_empty() && args.owner.is_none() && !args.due {
        return Err(invalid("name the documents reviewed: their ids, --owner ROLE or --due".to_owned()));
    }
    if let Some(by) = &args.by {
        crate::scaffold::check_one_line("--by", by)?;
    }
    let today = today_or_now(args.today);
    let date = args.date.unwrap_or(today);
    if date > today {
        return Err(invalid(format!("--date {date} is after today ({today}); record a review once it is held")));
    }
    let project = Project::open(&path)?;
    let register = &project.loaded.register;
    let mut chosen: Vec<&Document> = Vec::new();
    for id in &ids {
        // An id or an alias, as written, else the one that differs only in case.
        let names = |d: &'_ Document| -> Vec<String> {
            d.id().into_iter().map(str::to_owned).chain(d.meta.aliases.iter().map(|a| a.value.clone())).collect()
        };
        let document = register.by_name(id).or_else(|| {
            register.documents().iter().find(|d| names(d).iter().any(|name| name.eq_ignore_ascii_case(id)))
        });
        let Some(document) = document else {
            let known: Vec<String> = register.documents().iter().flat_map(names).collect();
            let known = known.iter().map(String::as_str);
            return Err(invalid(format!(
                "no document has the id \"{id}\"{}; nothing was recorded",
                crate::suggest::did_you_mean(id, known)
            )));
        };
        chosen.push(document);
    }
    if let Some(owner) = &args.owner {
        let owned = register
            .documents()
            .iter()
            .filter(|d| d.meta.owner.as_ref().is_some_and(|o| o.value.eq_ignore_ascii_case(owner)));
        chosen.extend(owned);
    }
    if args.due {
        let settings = &project.config.review;
        let schedule = review_schedule(register, settings, today, settings.due_soon);
        chosen.extend(schedule.iter().filter(|e| e.state != ReviewState::Upcoming).map(|e| e.document));
    }
    chosen.sort_by(|a, b| a.path.cmp(&b.path));
    chosen.dedup_by(|a, b| a.path == b.path);
    // Every new text is made before any file is written: one that cannot take it stops all.
    let mut updates = Vec::new();
    for document in &chosen {
        let file = project.config.root.join(&document.path);
        let text = std::fs::read_to_string(&file).map_err(|source| Error::Read { path: file.clone(), source })?;
        let new_text =
            crate::scaffold::set_last_reviewed(&text, &date.to_string(), args.by.as_deref()).ok_or_else(|| {
                invalid(format!("{}: has no front matter to record the review in; nothing was recorded", document.path))
            })?;
        updates.push((file, new_text, *document));
    }
    for (file, text, _) in &updates {
        crate::scaffold::replace_file(file, text)?;
    }
    print_with(|out| {
        let by = args.by.as_deref().map(|b| format!(" by {}", terminal(b))).unwrap_or_default();
        writeln!(out, "recorded the review of {} documents on {date}{by}:", updates.len())?;
        for (_, _, document) in &updates {
            let title = document.meta.title.as_ref().map_or("", |t| t.value.as_str());
            writeln!(
                out,
                "  {}  {}  ({})",
                terminal(document.id().unwrap_or("")),
                terminal(title),
                terminal(&document.path)
            )?;
        }
        if !updates.is_empty() {
            writeln!(out, "Only last_reviewed changed; commit it as the record of the review.")?;
        }
        Ok(())
    })?;
    Ok(ExitStatus::Success)
}
