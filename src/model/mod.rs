//! Typed, pure data: documents, their metadata and the register that holds them. No IO here.

mod acceptance;
mod anchors;
mod changes;
mod cycle;
mod document;
mod interval;
pub mod lettered;
mod links;
mod master;
mod objective;
mod record;
mod record_history;
mod register;
mod review;
mod revision;
mod soa;
mod standard;
mod state;
pub mod svg;

pub use acceptance::Acceptance;
pub use anchors::{AnchorSet, slugify};
pub use changes::{ChangeNotice, ChangedDocument, change_notice};
pub use cycle::{
    AuditState, CertificateState, Coverage, NonconformityState, ObjectiveState, audit_lists, coverage,
    programme_audits, programme_clauses,
};
pub use document::{
    BUILTIN_TYPES, DocId, Document, Heading, Link, LinkKind, Metadata, Status, Table, TableRow, Version,
};
pub use interval::Interval;
pub use links::{LinkTarget, classify_link, is_published_link, link_name};
pub use master::{BeforeControl, RegisterRow, before_control_on, register_as_of, register_now};
pub use objective::{Comparison, Measurement, Objective, Target, parse_number};
pub use record::{
    Audit, AuditKind, Certificate, Finding, FindingKind, Grade, ManagementReview, Nonconformity, Record, RecordBody,
    RecordKind, ReviewAction,
};
pub use record_history::{RecordRevision, RecordState};
pub use register::Register;
pub use review::{NextReview, ReviewState, ScheduledReview, days_between, review_schedule};
pub use revision::{
    Change, CommitInfo, FROM_THE_HEADER, HeaderRevision, History, Line, Person, Revision, RevisionMeta,
    header_revisions,
};
pub use soa::{Soa, SoaEntry, SoaShape, read_soa};
pub use standard::{Clause, Requirement, RequirementKind, ReviewInput, Standard, Theme, compare_clause_ids};
pub use state::{DocumentState, compare_ids};

/// A calendar date (no time, no zone): approval, effective and review dates.
pub type Date = jiff::civil::Date;
