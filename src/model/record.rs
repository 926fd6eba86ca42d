//! Records of the certification cycle (DESIGN §7): audits, nonconformities, management
//! reviews and certificates, as typed values with the byte ranges they were read from.
//! Records are retained, not revised; their bodies are free text.

use super::Date;
use crate::diag::{FileId, Span, Spanned};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The kind a record declares with `record:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Audit,
    Nonconformity,
    ManagementReview,
    Certificate,
}

impl RecordKind {
    pub const ALL: &'static [RecordKind] =
        &[RecordKind::Audit, RecordKind::Nonconformity, RecordKind::ManagementReview, RecordKind::Certificate];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Audit => "audit",
            RecordKind::Nonconformity => "nonconformity",
            RecordKind::ManagementReview => "management-review",
            RecordKind::Certificate => "certificate",
        }
    }

    pub fn parse(text: &str) -> Option<RecordKind> {
        RecordKind::ALL.iter().copied().find(|kind| kind.as_str() == text)
    }
}

/// One record file: where it is, its identity and its kind's fields.
#[derive(Debug, Clone)]
pub struct Record {
    pub file: FileId,
    pub path: String,
    /// Byte range of the front-matter block (`---` to `---`).
    pub front_matter: Range<usize>,
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    /// `amendments:` entries (for records changed after they were closed or held).
    pub amendments: usize,
    /// The readable dates of the `amendments:` entries, in the order written.
    pub amendment_dates: Vec<Date>,
    /// Byte range of the `amendments` key, when the record has one.
    pub amendments_key: Option<Range<usize>>,
    pub body: RecordBody,
    /// Fields given but not decoded (already reported), nested ones by their own name.
    pub invalid: BTreeSet<String>,
}

impl Record {
    pub fn id(&self) -> Option<&str> {
        self.id.as_ref().map(|id| id.value.as_str())
    }

    pub fn kind(&self) -> RecordKind {
        match self.body {
            RecordBody::Audit(_) => RecordKind::Audit,
            RecordBody::Nonconformity(_) => RecordKind::Nonconformity,
            RecordBody::ManagementReview(_) => RecordKind::ManagementReview,
            RecordBody::Certificate(_) => RecordKind::Certificate,
        }
    }

    /// A place in this record's file.
    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    /// The record's id, or its front matter's start when it has none.
    pub fn id_span(&self) -> Span {
        let range =
            self.id.as_ref().map_or(self.front_matter.start..self.front_matter.start + 3, |id| id.range.clone());
        self.span(range)
    }

    /// Whether the record is fixed evidence that may change only with an `amendments:` entry:
    /// a closed nonconformity, a held audit, a management review (always held: `date` is
    /// required).
    pub fn is_fixed(&self) -> bool {
        match &self.body {
            RecordBody::Audit(audit) => audit.date.is_some(),
            RecordBody::Nonconformity(nc) => nc.closed.is_some(),
            RecordBody::ManagementReview(_) => true,
            RecordBody::Certificate(_) => false,
        }
    }

    /// The id, or the path when the record has none, for messages.
    pub fn name(&self) -> &str {
        self.id().unwrap_or(&self.path)
    }
}

/// The fields of each kind.
#[derive(Debug, Clone)]
pub enum RecordBody {
    Audit(Audit),
    Nonconformity(Nonconformity),
    ManagementReview(ManagementReview),
    Certificate(Certificate),
}

/// `internal`, `certification`, `surveillance`, `recertification`, `supplier`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AuditKind {
    Internal,
    Certification,
    Surveillance,
    Recertification,
    Supplier,
}

impl AuditKind {
    pub const ALL: &'static [AuditKind] = &[
        AuditKind::Internal,
        AuditKind::Certification,
        AuditKind::Surveillance,
        AuditKind::Recertification,
        AuditKind::Supplier,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditKind::Internal => "internal",
            AuditKind::Certification => "certification",
            AuditKind::Surveillance => "surveillance",
            AuditKind::Recertification => "recertification",
            AuditKind::Supplier => "supplier",
        }
    }

    pub fn parse(text: &str) -> Option<AuditKind> {
        AuditKind::ALL.iter().copied().find(|kind| kind.as_str() == text)
    }

    /// An audit by the certification body.
    pub fn is_external(self) -> bool {
        matches!(self, AuditKind::Certification | AuditKind::Surveillance | AuditKind::Recertification)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Audit {
    pub planned: Option<Spanned<Date>>,
    /// The day it was held; `None` while only planned.
    pub date: Option<Spanned<Date>>,
    /// Standard id → clause ids audited.
    pub clauses: BTreeMap<String, Vec<Spanned<String>>>,
    /// Byte range of each standard id written as a key under `clauses`.
    pub clause_keys: BTreeMap<String, Range<usize>>,
    pub auditors: Vec<Spanned<String>>,
    pub auditees: Vec<Spanned<String>>,
    pub kind: Option<Spanned<AuditKind>>,
    pub findings: Vec<Finding>,
}

impl Audit {
    /// The clauses audited, one group per standard: `iso9001:2015 8.1, 8.4; iso14001:2015 6.1`.
    pub fn clauses_label(&self) -> String {
        let groups: Vec<String> = self
            .clauses
            .iter()
            .map(|(standard, ids)| {
                format!("{standard} {}", ids.iter().map(|c| c.value.as_str()).collect::<Vec<_>>().join(", "))
            })
            .collect();
        groups.join("; ")
    }

    /// When it was held, or is planned.
    pub fn when(&self) -> Option<Date> {
        self.date.as_ref().or(self.planned.as_ref()).map(|d| d.value)
    }
}

/// `nonconformity`, `observation`, `opportunity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    Nonconformity,
    Observation,
    Opportunity,
}

impl FindingKind {
    pub const ALL: &'static [FindingKind] =
        &[FindingKind::Nonconformity, FindingKind::Observation, FindingKind::Opportunity];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Nonconformity => "nonconformity",
            FindingKind::Observation => "observation",
            FindingKind::Opportunity => "opportunity",
        }
    }

    pub fn parse(text: &str) -> Option<FindingKind> {
        FindingKind::ALL.iter().copied().find(|kind| kind.as_str() == text)
    }
}

/// One finding of an audit.
#[derive(Debug, Clone)]
pub struct Finding {
    pub id: Option<Spanned<String>>,
    pub kind: Option<Spanned<FindingKind>>,
    /// `"STANDARD CLAUSE"`.
    pub clause: Option<Spanned<String>>,
    /// The nonconformity record raised for it.
    pub nonconformity: Option<Spanned<String>>,
    /// The whole entry.
    pub range: Range<usize>,
}

/// `major`, `minor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Major,
    Minor,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Major => "major",
            Grade::Minor => "minor",
        }
    }

    pub fn parse(text: &str) -> Option<Grade> {
        [Grade::Major, Grade::Minor].into_iter().find(|grade| grade.as_str() == text)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Nonconformity {
    pub raised: Option<Spanned<Date>>,
    /// The audit, complaint or incident id, or a text.
    pub source: Option<Spanned<String>>,
    pub clause: Option<Spanned<String>>,
    pub grade: Option<Spanned<Grade>>,
    pub owner: Option<Spanned<String>>,
    pub due: Option<Spanned<Date>>,
    pub correction: Option<Spanned<String>>,
    pub root_cause: Option<Spanned<String>>,
    pub corrective_action: Option<Spanned<String>>,
    pub closed: Option<Spanned<Date>>,
    /// The day the effectiveness of the corrective action was verified.
    pub verified: Option<Spanned<Date>>,
    pub verified_by: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct ManagementReview {
    pub date: Option<Spanned<Date>>,
    pub standards: Vec<Spanned<String>>,
    pub attendees: Vec<Spanned<String>>,
    /// Standard id → the catalog's management-review input ids covered.
    pub inputs: BTreeMap<String, Vec<Spanned<String>>>,
    /// Byte range of each standard id written as a key under `inputs`.
    pub input_keys: BTreeMap<String, Range<usize>>,
    pub actions: Vec<ReviewAction>,
}

/// An action decided by a management review.
#[derive(Debug, Clone)]
pub struct ReviewAction {
    pub id: Option<Spanned<String>>,
    pub action: Option<Spanned<String>>,
    pub owner: Option<Spanned<String>>,
    pub due: Option<Spanned<Date>>,
    pub closed: Option<Spanned<Date>>,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Certificate {
    pub standard: Option<Spanned<String>>,
    /// The certification body.
    pub body: Option<Spanned<String>>,
    pub accreditation: Option<Spanned<String>>,
    pub number: Option<Spanned<String>>,
    pub scope: Option<Spanned<String>>,
    pub issued: Option<Spanned<Date>>,
    pub expires: Option<Spanned<Date>>,
    /// Surveillance audits held or planned.
    pub surveillance: Vec<Spanned<Date>>,
}
