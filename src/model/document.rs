//! One controlled document: where it lives, its front matter as typed values with the byte
//! ranges they were read from, and what its Markdown body declares (headings, links).

use super::{Date, Interval};
use crate::diag::{FileId, Span, Spanned};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

/// Document types every QMS has; more may be declared in `qms.toml`.
pub const BUILTIN_TYPES: &[&str] =
    &["manual", "policy", "scope", "objectives", "procedure", "work-instruction", "form", "plan", "register", "record"];

/// A document's stable identity (`SOP-012`).
pub type DocId = String;

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Draft,
    InReview,
    Approved,
    Effective,
    Obsolete,
}

impl Status {
    pub const ALL: &'static [Status] =
        &[Status::Draft, Status::InReview, Status::Approved, Status::Effective, Status::Obsolete];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in-review",
            Status::Approved => "approved",
            Status::Effective => "effective",
            Status::Obsolete => "obsolete",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.iter().copied().find(|status| status.as_str() == text)
    }

    /// Approved or effective: the document has been released for use.
    pub fn is_released(self) -> bool {
        matches!(self, Status::Approved | Status::Effective)
    }

    /// Not yet approved.
    pub fn is_unapproved(self) -> bool {
        matches!(self, Status::Draft | Status::InReview)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `MAJOR.MINOR`, compared numerically and kept as written (`1.10` is not `1.1`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        let (major, minor) = text.split_once('.')?;
        let digits = |s: &str| !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(major) || !digits(minor) {
            return None;
        }
        Some(Version { major: major.parse().ok()?, minor: minor.parse().ok()? })
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.major, self.minor).cmp(&(other.major, other.minor))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The front matter, decoded. A field that is absent or could not be decoded is `None` (the
/// loader has reported why); every present value keeps its byte range for diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub id: Option<Spanned<DocId>>,
    pub title: Option<Spanned<String>>,
    pub doc_type: Option<Spanned<String>>,
    pub version: Option<Spanned<Version>>,
    pub status: Option<Spanned<Status>>,
    pub owner: Option<Spanned<String>>,
    pub approver: Option<Spanned<String>>,
    pub approved: Option<Spanned<Date>>,
    pub effective: Option<Spanned<Date>>,
    pub review_interval: Option<Spanned<Interval>>,
    pub last_reviewed: Option<Spanned<Date>>,
    /// The reason for this version and what it changed.
    pub change: Option<Spanned<String>>,
    /// Standard id → clause ids.
    pub clauses: BTreeMap<String, Vec<Spanned<String>>>,
    /// Byte range of each standard id written as a key under `clauses`.
    pub clause_keys: BTreeMap<String, Range<usize>>,
    pub supersedes: Vec<Spanned<DocId>>,
    pub superseded_by: Vec<Spanned<DocId>>,
    pub withdrawn: Option<Spanned<Date>>,
    /// On a Statement of Applicability: the standard whose Annex A controls its table declares.
    pub soa: Option<Spanned<String>>,
    /// The revisions its adopted header recorded before control (see [`super::header_revisions`]).
    pub major_revisions: Vec<super::HeaderRevision>,
    /// Other names the document answers to (an adopted set's acronyms): links, search and the
    /// commands that take an id resolve them like the id.
    pub aliases: Vec<Spanned<String>>,
    /// On an objectives document: its objectives with targets and results.
    pub objectives: Vec<super::Objective>,
    /// Byte range of each field's key, by field name: where to point for a field-level finding.
    pub keys: BTreeMap<String, Range<usize>>,
    /// Fields that were given but could not be decoded (already reported): rules that need
    /// them stay quiet rather than call them missing.
    pub invalid: BTreeSet<String>,
}

impl Metadata {
    /// Whether `field` is absent or empty (and not merely invalid).
    pub fn lacks(&self, field: &str, value_present: bool) -> bool {
        !value_present && !self.invalid.contains(field)
    }
}

/// A heading in the body, with the anchor a renderer gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
}

/// A link or image in the body, with its destination as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    pub destination: String,
    pub range: Range<usize>,
}

/// One Markdown file of the controlled set.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: FileId,
    /// Path relative to the QMS root, with `/` separators.
    pub path: String,
    /// The whole front-matter block including its `---` lines (empty if there is none).
    pub front_matter: Range<usize>,
    /// Whether the front matter could be read at all; if not, metadata rules stay quiet.
    pub has_metadata: bool,
    pub meta: Metadata,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    /// The body's tables; read only for documents that need them (a Statement of Applicability).
    pub tables: Vec<Table>,
}

/// A Markdown table: header cells and rows of cell texts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub cells: Vec<String>,
    pub range: Range<usize>,
}

impl Table {
    /// The index of the first header cell whose lower-cased text starts with one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|cell| {
            let cell = cell.trim().to_lowercase();
            names.iter().any(|name| cell.starts_with(name))
        })
    }
}

impl Document {
    /// The span of a field's key, or of the front matter when the field is absent.
    pub fn field_span(&self, field: &str) -> Span {
        let range = self
            .meta
            .keys
            .get(field)
            .cloned()
            .unwrap_or(self.front_matter.start..(self.front_matter.start + 3).min(self.front_matter.end));
        Span::new(self.file, range)
    }

    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    pub fn id(&self) -> Option<&str> {
        self.meta.id.as_ref().map(|id| id.value.as_str())
    }

    pub fn status(&self) -> Option<Status> {
        self.meta.status.as_ref().map(|status| status.value)
    }

    /// `SOP-003 (docs/procedures/sop-003.md)` or just the path when there is no id.
    pub fn label(&self) -> String {
        match self.id() {
            Some(id) => format!("{id} ({})", self.path),
            None => self.path.clone(),
        }
    }

    /// In force on `today`: effective, or approved with no effective date still ahead.
    pub fn in_force(&self, today: Date) -> bool {
        match self.status() {
            Some(Status::Effective) => true,
            Some(Status::Approved) => self.meta.effective.as_ref().is_none_or(|e| e.value <= today),
            _ => false,
        }
    }

    /// The date the last review (or approval, which is one) happened.
    pub fn last_review(&self) -> Option<Date> {
        let approved = self.meta.approved.as_ref().map(|d| d.value);
        let reviewed = self.meta.last_reviewed.as_ref().map(|d| d.value);
        approved.max(reviewed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically_and_keep_their_digits() {
        let v1_9 = Version::parse("1.9").unwrap();
        let v1_10 = Version::parse("1.10").unwrap();
        assert!(v1_10 > v1_9);
        assert_eq!(v1_10.to_string(), "1.10");
        assert_eq!(Version::parse("1"), None);
        assert_eq!(Version::parse("1.2.3"), None);
        assert_eq!(Version::parse("v1.2"), None);
        assert_eq!(Version::parse("1.-2"), None);
    }
}
