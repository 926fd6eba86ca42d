//! New records for `qms new audit|nonconformity|management-review|certificate`: the next free
//! id of the kind and front matter that loads without findings, for a person to complete.

use super::text::yaml_text;
use crate::model::{Date, Interval, Record, RecordKind};
use std::fmt::Write as _;

/// The id prefix of each kind.
pub fn record_prefix(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Audit => "AUD",
        RecordKind::Nonconformity => "NC",
        RecordKind::ManagementReview => "MR",
        RecordKind::Certificate => "CERT",
    }
}

/// One more than the highest `PREFIX-n` among the records' ids and the files' names.
pub fn next_record_id<'a>(prefix: &str, records: &[Record], paths: impl Iterator<Item = &'a str>) -> String {
    let from_name = |path: &'a str| {
        let name = path.rsplit('/').next()?;
        let digits = name.strip_prefix(prefix)?.strip_prefix('-')?;
        let end = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
        Some(&digits[..end])
    };
    let numbers: Vec<(u64, usize)> = records
        .iter()
        .filter_map(|r| r.id().and_then(|id| id.strip_prefix(prefix)?.strip_prefix('-')))
        .chain(paths.filter_map(from_name))
        .filter_map(|digits| digits.parse::<u64>().ok().map(|n| (n, digits.len())))
        .collect();
    let next = numbers.iter().map(|(n, _)| n + 1).max().unwrap_or(1);
    let width = numbers.iter().map(|(_, w)| *w).max().unwrap_or(3);
    format!("{prefix}-{next:0width$}")
}

/// A new record to write.
#[derive(Debug)]
pub struct NewRecord {
    pub kind: RecordKind,
    pub id: String,
    pub title: String,
    pub owner: String,
    pub today: Date,
    /// Standard id and clause ids (audits).
    pub clauses: Vec<(String, Vec<String>)>,
}

impl NewRecord {
    /// `<ID>-<slug>.md`, or `<ID>.md` for a title with no letters or digits.
    pub fn file_name(&self) -> String {
        super::text::file_name(&self.id, &self.title)
    }

    /// The whole file.
    pub fn render(&self) -> String {
        let mut text = String::from("---\n");
        let _ = writeln!(text, "record: {}", self.kind.as_str());
        let _ = writeln!(text, "id: {}", self.id);
        let _ = writeln!(text, "title: {}", yaml_text(&self.title));
        let later = |interval: Interval| interval.after(self.today).unwrap_or(self.today);
        let body = match self.kind {
            RecordKind::Audit => {
                let _ = writeln!(text, "kind: internal\nplanned: {}\nclauses:", later(Interval::Days(30)));
                for (standard, clauses) in &self.clauses {
                    let list: Vec<String> = clauses.iter().map(|c| format!("\"{c}\"")).collect();
                    let _ = writeln!(text, "  \"{standard}\": [{}]", list.join(", "));
                }
                if self.clauses.is_empty() {
                    text.push_str("  {}\n");
                }
                let _ = writeln!(text, "auditors: [{}]", yaml_text(&self.owner));
                "## Scope and criteria\n\n## Findings\n\n## Conclusion\n"
            }
            RecordKind::Nonconformity => {
                let _ = writeln!(
                    text,
                    "raised: {}\nsource: not yet named\ngrade: minor\nowner: {}\ndue: {}",
                    self.today,
                    yaml_text(&self.owner),
                    later(Interval::Days(30))
                );
                "## Description\n\n## Correction\n\n## Root cause\n\n## Corrective action\n\n## Verification of effectiveness\n"
            }
            RecordKind::ManagementReview => {
                let _ = writeln!(text, "date: {}\nstandards: []\ninputs: {{}}\nattendees: []", self.today);
                "## Inputs\n\n## Decisions and actions\n"
            }
            RecordKind::Certificate => {
                let _ = writeln!(
                    text,
                    "standard: \"\"\nbody: \"\"\nnumber: \"\"\nscope: \"\"\nissued: {}\nexpires: {}\nsurveillance: []",
                    self.today,
                    Interval::Years(3).after(self.today).and_then(|d| d.yesterday().ok()).unwrap_or(self.today)
                );
                "Complete the certificate's details from the certificate itself.\n"
            }
        };
        let _ = write!(text, "---\n\n# {} {}\n\n{body}", self.id, self.title);
        text
    }
}
