//! `qms cycle`: the certification cycle on a day — certificates and their next audits, the
//! audit programme's coverage, nonconformities with their age, management reviews with their
//! input coverage, objectives against target — as a table, Markdown or JSON. Every piece of
//! user text passes the neutraliser of its format.

use super::escape;
use super::matrix::write_aligned;
use crate::diag::Spanned;
use crate::model::{
    AuditState, CertificateState, Coverage, Date, Interval, NonconformityState, ObjectiveState, Record, RecordBody,
    Register, Standard, days_between,
};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Output formats of `qms cycle`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CycleFormat {
    /// Aligned columns for the terminal.
    Table,
    /// GitHub-flavoured Markdown (a wiki page, a pull-request comment, an audit pack).
    Markdown,
    /// One JSON object.
    Json,
}

/// What `qms cycle` shows.
#[derive(Debug)]
pub struct CycleInput<'a> {
    pub records: &'a [Record],
    pub register: &'a Register,
    /// The enabled standards' catalogs, for the management-review inputs.
    pub catalogs: BTreeMap<&'a str, &'a Standard>,
    pub coverage: Vec<Coverage>,
    pub warn_before: Interval,
    pub today: Date,
}

/// A row and the key it sorts by.
type Keyed<K> = Vec<(K, Vec<String>)>;

/// One section: a title, its column names (table header, JSON keys) and its rows.
struct Section {
    title: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<String>>,
}

fn text(field: Option<&Spanned<String>>) -> String {
    field.map(|f| f.value.clone()).unwrap_or_default()
}

fn date(field: Option<&Spanned<Date>>) -> String {
    field.map(|f| f.value.to_string()).unwrap_or_default()
}

fn certificates(input: &CycleInput) -> Section {
    let mut rows: Vec<(Option<Date>, Vec<String>)> = Vec::new();
    for record in input.records {
        let RecordBody::Certificate(c) = &record.body else { continue };
        let expires = c.expires.as_ref().map(|d| d.value);
        let state = expires.map_or("", |e| CertificateState::on(e, input.today, input.warn_before).as_str());
        let next = c.surveillance.iter().map(|d| d.value).filter(|d| *d >= input.today).min();
        rows.push((
            expires,
            vec![
                record.name().to_owned(),
                text(c.standard.as_ref()),
                text(c.body.as_ref()),
                text(c.number.as_ref()),
                date(c.issued.as_ref()),
                date(c.expires.as_ref()),
                next.map(|d| d.to_string()).unwrap_or_default(),
                state.to_owned(),
            ],
        ));
    }
    rows.sort();
    Section {
        title: "Certificates",
        columns: &["id", "standard", "body", "number", "issued", "expires", "next_surveillance", "state"],
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    }
}

fn audits(input: &CycleInput) -> Section {
    let mut rows: Vec<(Option<Date>, Vec<String>)> = Vec::new();
    for record in input.records {
        let RecordBody::Audit(a) = &record.body else { continue };
        let when = a.when();
        rows.push((
            when,
            vec![
                record.name().to_owned(),
                a.kind.as_ref().map(|k| k.value.as_str().to_owned()).unwrap_or_default(),
                date(a.planned.as_ref()),
                date(a.date.as_ref()),
                AuditState::of(a, input.today).as_str().to_owned(),
                a.clauses_label(),
                text(record.title.as_ref()),
            ],
        ));
    }
    rows.sort();
    Section {
        title: "Audit programme",
        columns: &["id", "kind", "planned", "held", "state", "clauses", "title"],
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    }
}

fn coverage(input: &CycleInput) -> Section {
    let rows = input
        .coverage
        .iter()
        .map(|c| {
            vec![
                c.standard.clone(),
                format!("{} to {}", c.start, c.end),
                c.audited.len().to_string(),
                c.planned.len().to_string(),
                c.gaps.len().to_string(),
                c.gaps.join(", "),
            ]
        })
        .collect();
    Section {
        title: "Audit coverage in the cycle",
        columns: &["standard", "cycle", "audited", "planned", "gaps", "gap_clauses"],
        rows,
    }
}

fn nonconformities(input: &CycleInput) -> Section {
    let mut rows: Keyed<(bool, Option<Date>)> = Vec::new();
    for record in input.records {
        let RecordBody::Nonconformity(nc) = &record.body else { continue };
        let state = NonconformityState::of(nc, input.today);
        let end = nc.closed.as_ref().map_or(input.today, |d| d.value);
        let age = nc.raised.as_ref().map(|r| days_between(r.value, end).to_string()).unwrap_or_default();
        rows.push((
            (!state.is_open(), nc.due.as_ref().map(|d| d.value)),
            vec![
                record.name().to_owned(),
                nc.grade.as_ref().map(|g| g.value.as_str().to_owned()).unwrap_or_default(),
                date(nc.raised.as_ref()),
                date(nc.due.as_ref()),
                state.as_str().to_owned(),
                age,
                text(nc.owner.as_ref()),
                text(record.title.as_ref()),
            ],
        ));
    }
    rows.sort();
    Section {
        title: "Nonconformities",
        columns: &["id", "grade", "raised", "due", "state", "age_days", "owner", "title"],
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    }
}

fn reviews(input: &CycleInput) -> Section {
    let mut rows: Vec<(Option<Date>, Vec<String>)> = Vec::new();
    for record in input.records {
        let RecordBody::ManagementReview(review) = &record.body else { continue };
        let inputs: Vec<String> = review
            .standards
            .iter()
            .map(|standard| {
                let catalog =
                    input.catalogs.get(standard.value.as_str()).map_or(0, |s| s.management_review_inputs.len());
                let listed = review.inputs.get(&standard.value).map_or(0, Vec::len);
                format!("{} {listed}/{catalog}", standard.value)
            })
            .collect();
        let open = review.actions.iter().filter(|a| a.closed.is_none()).count();
        rows.push((
            review.date.as_ref().map(|d| d.value),
            vec![
                record.name().to_owned(),
                date(review.date.as_ref()),
                inputs.join("; "),
                open.to_string(),
                text(record.title.as_ref()),
            ],
        ));
    }
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));
    Section {
        title: "Management reviews",
        columns: &["id", "date", "inputs", "open_actions", "title"],
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    }
}

fn objectives(input: &CycleInput) -> Section {
    let mut rows = Vec::new();
    for document in input.register.documents() {
        for objective in &document.meta.objectives {
            let unit = text(objective.unit.as_ref());
            let latest = objective.latest().map(|m| format!("{}{unit} ({})", m.value, m.date)).unwrap_or_default();
            rows.push(vec![
                document.id().unwrap_or(&document.path).to_owned(),
                text(objective.id.as_ref()),
                objective.target.as_ref().map(|t| format!("{}{unit}", t.value)).unwrap_or_default(),
                date(objective.due.as_ref()),
                latest,
                ObjectiveState::of(objective, input.today).as_str().to_owned(),
                text(objective.objective.as_ref()),
            ]);
        }
    }
    Section { title: "Objectives", columns: &["document", "id", "target", "due", "latest", "state", "objective"], rows }
}

/// Writes the cycle in `format`.
pub fn write(format: CycleFormat, input: &CycleInput, out: &mut dyn Write) -> io::Result<()> {
    let sections = [
        certificates(input),
        audits(input),
        coverage(input),
        nonconformities(input),
        reviews(input),
        objectives(input),
    ];
    match format {
        CycleFormat::Table => {
            for section in &sections {
                writeln!(out, "{} ({})", section.title, section.rows.len())?;
                if !section.rows.is_empty() {
                    table(out, section)?;
                }
                writeln!(out)?;
            }
            Ok(())
        }
        CycleFormat::Markdown => {
            for section in &sections {
                writeln!(out, "## {} ({})\n", section.title, section.rows.len())?;
                if section.rows.is_empty() {
                    writeln!(out, "None.\n")?;
                    continue;
                }
                let header: Vec<String> = section.columns.iter().map(|c| heading(c)).collect();
                writeln!(out, "| {} |\n|{}", header.join(" | "), "---|".repeat(header.len()))?;
                for row in &section.rows {
                    let cells: Vec<String> = row.iter().map(|c| escape::markdown(c)).collect();
                    writeln!(out, "| {} |", cells.join(" | "))?;
                }
                writeln!(out)?;
            }
            Ok(())
        }
        CycleFormat::Json => {
            let mut object = serde_json::Map::new();
            object.insert("today".into(), input.today.to_string().into());
            for section in &sections {
                let rows: Vec<serde_json::Value> = section
                    .rows
                    .iter()
                    .map(|row| {
                        let fields = section.columns.iter().zip(row);
                        let object: serde_json::Map<String, serde_json::Value> =
                            fields.map(|(k, v)| ((*k).to_owned(), json_value(k, v))).collect();
                        serde_json::Value::Object(object)
                    })
                    .collect();
                object.insert(section.title.to_lowercase().replace(' ', "_"), rows.into());
            }
            escape::write_json(out, &object)
        }
    }
}

/// Counts are numbers in JSON and absent values `null`; everything else is text as the other
/// formats show it.
fn json_value(column: &str, cell: &str) -> serde_json::Value {
    const COUNTS: &[&str] = &["age_days", "audited", "planned", "gaps", "open_actions"];
    if cell.is_empty() {
        return serde_json::Value::Null;
    }
    match cell.parse::<i64>() {
        Ok(number) if COUNTS.contains(&column) => number.into(),
        _ => cell.into(),
    }
}

/// `next_surveillance` → `Next surveillance`.
fn heading(column: &str) -> String {
    let words = column.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The section as aligned columns (at most eight; every section fits).
fn table(out: &mut dyn Write, section: &Section) -> io::Result<()> {
    let header: Vec<String> = section.columns.iter().map(|c| heading(c).to_uppercase()).collect();
    macro_rules! aligned {
        ($n:literal) => {{
            let header: [&str; $n] = std::array::from_fn(|i| header[i].as_str());
            let rows: Vec<[String; $n]> =
                section.rows.iter().map(|row| std::array::from_fn(|i| row[i].clone())).collect();
            write_aligned(out, &header, &rows)
        }};
    }
    match header.len() {
        5 => aligned!(5),
        6 => aligned!(6),
        7 => aligned!(7),
        _ => aligned!(8),
    }
}
