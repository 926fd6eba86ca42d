//! The review schedule of `qms reviews`: overdue, due within the window, upcoming; per owner.

use super::escape;
use super::matrix::{TableFormat, write_aligned};
use crate::model::{ReviewState, ScheduledReview};
use std::collections::BTreeMap;
use std::io::{self, Write};

fn text(field: Option<&crate::diag::Spanned<String>>) -> String {
    field.map(|f| f.value.clone()).unwrap_or_default()
}

fn cells(entry: &ScheduledReview) -> [String; 7] {
    let document = entry.document;
    let when = match entry.days {
        0 => "today".to_owned(),
        d if d < 0 => format!("{} days ago", -d),
        d => format!("in {d} days"),
    };
    [
        entry.review.due.to_string(),
        when,
        document.id().unwrap_or_default().to_owned(),
        text(document.meta.title.as_ref()),
        text(document.meta.owner.as_ref()),
        entry.review.last.to_string(),
        entry.review.interval.to_string(),
    ]
}

const HEADER: [&str; 7] = ["DUE", "WHEN", "ID", "TITLE", "OWNER", "LAST REVIEW", "INTERVAL"];

fn heading(state: ReviewState, window: &str) -> String {
    match state {
        ReviewState::Overdue => "Overdue".to_owned(),
        ReviewState::Due => format!("Due within {window}"),
        ReviewState::Upcoming => "Upcoming".to_owned(),
    }
}

/// Writes `schedule`; `window` describes `--within` ("90 days").
pub fn write(format: TableFormat, schedule: &[ScheduledReview], window: &str, out: &mut dyn Write) -> io::Result<()> {
    let states = [ReviewState::Overdue, ReviewState::Due, ReviewState::Upcoming];
    match format {
        TableFormat::Table => {
            for state in states {
                let rows: Vec<[String; 7]> = schedule.iter().filter(|e| e.state == state).map(cells).collect();
                writeln!(out, "{} ({})", heading(state, window), rows.len())?;
                if !rows.is_empty() {
                    write_aligned(out, &HEADER, &rows)?;
                }
                writeln!(out)?;
            }
            let owners: Vec<[String; 4]> = per_owner(schedule)
                .into_iter()
                .map(|(owner, [a, b, c])| [owner, a.to_string(), b.to_string(), c.to_string()])
                .collect();
            writeln!(out, "Per owner")?;
            write_aligned(out, &["OWNER", "OVERDUE", "DUE", "UPCOMING"], &owners)
        }
        TableFormat::Markdown => {
            for state in states {
                let rows: Vec<[String; 7]> = schedule.iter().filter(|e| e.state == state).map(cells).collect();
                writeln!(out, "## {} ({})\n", heading(state, window), rows.len())?;
                if rows.is_empty() {
                    writeln!(out, "None.\n")?;
                    continue;
                }
                writeln!(
                    out,
                    "| Due | When | Id | Title | Owner | Last review | Interval |\n|---|---|---|---|---|---|---|"
                )?;
                for row in rows {
                    writeln!(out, "| {} |", row.iter().map(|c| escape::markdown(c)).collect::<Vec<_>>().join(" | "))?;
                }
                writeln!(out)?;
            }
            writeln!(out, "## Per owner\n\n| Owner | Overdue | Due | Upcoming |\n|---|---|---|---|")?;
            for (owner, [a, b, c]) in per_owner(schedule) {
                writeln!(out, "| {} | {a} | {b} | {c} |", escape::markdown(&owner))?;
            }
            Ok(())
        }
        TableFormat::Csv => {
            writeln!(out, "state,due,days,id,title,owner,last_review,interval,path")?;
            for entry in schedule {
                let [due, _, id, title, owner, last, interval] = cells(entry);
                let fields = [
                    entry.state.as_str().to_owned(),
                    due,
                    entry.days.to_string(),
                    id,
                    title,
                    owner,
                    last,
                    interval,
                    entry.document.path.clone(),
                ];
                writeln!(out, "{}", fields.iter().map(|f| escape::csv(f)).collect::<Vec<_>>().join(","))?;
            }
            Ok(())
        }
        TableFormat::Json => {
            let reviews: Vec<_> = schedule
                .iter()
                .map(|entry| {
                    let [due, _, id, title, owner, last, interval] = cells(entry);
                    serde_json::json!({
                        "state": entry.state.as_str(), "due": due, "days": entry.days, "id": id, "title": title,
                        "owner": owner, "last_review": last, "interval": interval, "path": entry.document.path,
                    })
                })
                .collect();
            let count = |state| schedule.iter().filter(|e| e.state == state).count();
            let summary = serde_json::json!({
                "overdue": count(ReviewState::Overdue), "due": count(ReviewState::Due), "upcoming": count(ReviewState::Upcoming),
                "window": window,
            });
            escape::write_json(out, &serde_json::json!({ "reviews": reviews, "summary": summary }))
        }
    }
}

/// Owner → [overdue, due, upcoming], owners sorted by name.
fn per_owner(schedule: &[ScheduledReview]) -> BTreeMap<String, [usize; 3]> {
    let mut owners: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for entry in schedule {
        let owner = entry.document.meta.owner.as_ref().map_or_else(|| "(no owner)".to_owned(), |o| o.value.clone());
        owners.entry(owner).or_default()[entry.state as usize] += 1;
    }
    owners
}
