//! Files of the records folder → [`Record`]s (DESIGN §7), and the `objectives:` entries of an
//! objectives document. The same splitter, YAML reader and field findings as documents; one
//! bad record never stops the others.

use super::record_fields::{Fields, Reader};
use super::split::{self, Split};
use super::yaml::{self, Node, Value, YamlError};
use crate::diag::{Diagnostic, FileId, Rule, Span};
use crate::model::{
    Audit, AuditKind, Certificate, Finding, FindingKind, Grade, ManagementReview, Nonconformity, Record, RecordBody,
    RecordKind, ReviewAction,
};
use crate::source::{Entry, MAX_DOCUMENT_BYTES, Source, SourceFile, SourceFiles};
use std::ops::Range;

const AUDIT_FIELDS: &[&str] =
    &["record", "id", "title", "planned", "date", "clauses", "auditors", "auditees", "kind", "findings", "amendments"];
const NONCONFORMITY_FIELDS: &[&str] = &[
    "record",
    "id",
    "title",
    "raised",
    "source",
    "clause",
    "grade",
    "owner",
    "due",
    "correction",
    "root_cause",
    "corrective_action",
    "closed",
    "verified",
    "verified_by",
    "amendments",
];
const REVIEW_FIELDS: &[&str] =
    &["record", "id", "title", "date", "standards", "attendees", "inputs", "actions", "amendments"];
const CERTIFICATE_FIELDS: &[&str] = &[
    "record",
    "id",
    "title",
    "standard",
    "body",
    "accreditation",
    "number",
    "scope",
    "issued",
    "expires",
    "surveillance",
    "amendments",
];
const KINDS: &[&str] = &["audit", "nonconformity", "management-review", "certificate"];

/// Loads every Markdown file of `source` (the records folder) but the `excluded` ones as a
/// record, adding the files to `files`.
pub fn load_records(
    source: &dyn Source,
    excluded: &dyn Fn(&str) -> bool,
    files: &mut SourceFiles,
    out: &mut Vec<Diagnostic>,
) -> crate::Result<Vec<Record>> {
    let mut records = Vec::new();
    for entry in source.entries()?.into_iter().filter(|entry| !excluded(entry.path())) {
        let path = entry.path().to_owned();
        let file = FileId(u32::try_from(files.len()).unwrap_or(u32::MAX));
        let problem = match &entry {
            Entry::Symlink { .. } => Some((
                Rule::SymlinkNotFollowed,
                "symbolic link in the records folder was not followed".to_owned(),
                "replace the link with the record itself",
            )),
            Entry::Markdown { size, .. } if *size > MAX_DOCUMENT_BYTES => Some((
                Rule::DocumentTooLarge,
                format!("record is over the {} MiB limit; it was not read", MAX_DOCUMENT_BYTES / (1024 * 1024)),
                "keep attachments outside the records folder and link to them",
            )),
            Entry::Markdown { .. } => None,
        };
        if let Some((rule, message, help)) = problem {
            files.add(SourceFile::new(path, String::new()));
            out.push(Diagnostic::new(rule, message).at(Span::file_start(file)).help(help));
            continue;
        }
        let text = match source.read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text),
                Err(error) => {
                    files.add(SourceFile::new(path, String::from_utf8_lossy(error.as_bytes()).into_owned()));
                    out.push(
                        Diagnostic::new(Rule::InvalidUtf8, "the record is not valid UTF-8")
                            .at(Span::file_start(file))
                            .help("re-save the file as UTF-8"),
                    );
                    continue;
                }
            },
            Err(error) => {
                files.add(SourceFile::new(path, String::new()));
                out.push(
                    Diagnostic::new(Rule::UnreadableDocument, format!("cannot read the record: {error}"))
                        .at(Span::file_start(file))
                        .help("check the file's permissions"),
                );
                continue;
            }
        };
        if let Some(record) = parse_record(file, &path, &text, out) {
            records.push(record);
        }
        files.add(SourceFile::new(path, text));
    }
    Ok(records)
}

/// One record from its text; `None` when it has no readable front matter or kind (reported).
pub fn parse_record(file: FileId, path: &str, text: &str, out: &mut Vec<Diagnostic>) -> Option<Record> {
    let at = |range: Range<usize>| Span::new(file, range);
    let (yaml_range, block) = match split::split(text.as_bytes()) {
        Split::Found { yaml, block } => (yaml, block),
        Split::NoFrontMatter => {
            out.push(
                Diagnostic::new(Rule::MissingFrontMatter, "the record has no front matter")
                    .at(at(0..0))
                    .help("start the file with `---`, `record:` (audit, nonconformity, management-review or certificate), `id:`, the kind's fields and a closing `---`"),
            );
            return None;
        }
        Split::Unclosed { opening } => {
            out.push(
                Diagnostic::new(Rule::UnclosedFrontMatter, "the front matter opened here is never closed")
                    .at(at(opening))
                    .help("add a line `---` after the last front-matter field"),
            );
            return None;
        }
    };
    if yaml_range.len() > super::MAX_FRONT_MATTER_BYTES {
        out.push(
            Diagnostic::new(Rule::UnsupportedYaml, "the front matter is over the 64 KiB limit")
                .at(at(block.start..block.start + 3))
                .help("keep the front matter to the record's fields; move findings and minutes to the body"),
        );
        return None;
    }
    let root = match yaml::parse(&text[yaml_range.clone()], yaml_range.start) {
        Ok(root) => root,
        Err(YamlError::Syntax { offset, message }) => {
            out.push(
                Diagnostic::new(Rule::InvalidYaml, format!("invalid YAML in the front matter: {message}"))
                    .at(at(offset..offset))
                    .help("fix the YAML here: a missing space after `:`, a tab used for indentation, or a value that needs quotes"),
            );
            return None;
        }
        Err(YamlError::Unsupported { offset, message }) => {
            out.push(
                Diagnostic::new(Rule::UnsupportedYaml, message)
                    .at(at(offset..offset))
                    .help("write every value out in full"),
            );
            return None;
        }
        Err(YamlError::DuplicateKey { key, second, .. }) => {
            out.push(
                Diagnostic::new(Rule::DuplicateField, format!("field `{key}` is given twice"))
                    .at(at(second))
                    .field(key)
                    .help("keep one value and delete the other line"),
            );
            return None;
        }
    };
    let Some(Node { value: Value::Mapping(pairs), .. }) = root else {
        out.push(
            Diagnostic::new(Rule::FrontMatterNotMapping, "the front matter is not `field: value` lines")
                .at(at(block.start..block.start + 3))
                .help("write one `field: value` per line, starting with `record:` and `id:`"),
        );
        return None;
    };
    let start = block.start..block.start + 3;
    let mut reader = Reader::new(file, out);
    let kind_node = pairs.iter().find(|(key, _)| key.as_text() == Some("record")).map(|(_, value)| value);
    let Some(kind) = kind_node.filter(|node| !node.is_null()) else {
        reader.report(
            Rule::MissingField,
            &start,
            "record",
            "required field `record` is missing: a record says which kind it is".to_owned(),
            "add `record: audit` (or nonconformity, management-review, certificate)",
        );
        return None;
    };
    let kind = reader.choice(Some(kind), "record", KINDS, RecordKind::parse)?.value;
    let (known, required): (&[&str], &[(&str, &str)]) = match kind {
        RecordKind::Audit => (
            AUDIT_FIELDS,
            &[
                ("id", "id: AUD-001"),
                ("title", "title: Internal audit of …"),
                ("planned", "planned: 2026-03-10"),
                ("clauses", "clauses: {\"iso9001:2015\": [\"7.5\"]}"),
            ],
        ),
        RecordKind::Nonconformity => (
            NONCONFORMITY_FIELDS,
            &[
                ("id", "id: NC-001"),
                ("title", "title: …"),
                ("raised", "raised: 2026-03-10"),
                ("source", "source: AUD-001"),
                ("owner", "owner: Quality Manager"),
                ("due", "due: 2026-04-30"),
            ],
        ),
        RecordKind::ManagementReview => (
            REVIEW_FIELDS,
            &[
                ("id", "id: MR-001"),
                ("title", "title: Management review 2026"),
                ("date", "date: 2026-01-20"),
                ("standards", "standards: [\"iso9001:2015\"]"),
                ("inputs", "inputs: {\"iso9001:2015\": [\"a\", \"b\"]}"),
            ],
        ),
        RecordKind::Certificate => (
            CERTIFICATE_FIELDS,
            &[
                ("id", "id: CERT-001"),
                ("standard", "standard: \"iso9001:2015\""),
                ("body", "body: …"),
                ("number", "number: …"),
                ("scope", "scope: …"),
                ("issued", "issued: 2025-05-12"),
                ("expires", "expires: 2028-05-11"),
            ],
        ),
    };
    let what = format!("{} field", kind.as_str());
    let fields = reader.fields(&pairs, known, required, &what, &start);
    let id = reader.text(fields.get("id"), "id");
    let title = reader.text(fields.get("title"), "title");
    let amendment_dates = amendments(&mut reader, &fields);
    let amendments_key =
        pairs.iter().find(|(key, _)| key.as_text() == Some("amendments")).map(|(key, _)| key.range.clone());
    let body = match kind {
        RecordKind::Audit => RecordBody::Audit(audit(&mut reader, &fields)),
        RecordKind::Nonconformity => RecordBody::Nonconformity(nonconformity(&mut reader, &fields)),
        RecordKind::ManagementReview => RecordBody::ManagementReview(review(&mut reader, &fields)),
        RecordKind::Certificate => RecordBody::Certificate(certificate(&mut reader, &fields)),
    };
    let invalid = std::mem::take(&mut reader.invalid);
    let (amendments, amendment_dates) = amendment_dates;
    let path = path.to_owned();
    Some(Record {
        file,
        path,
        front_matter: block,
        id,
        title,
        amendments,
        amendment_dates,
        amendments_key,
        body,
        invalid,
    })
}

/// `amendments: [{date, by, reason}]`, each field required; the number of entries and their
/// readable dates.
fn amendments(reader: &mut Reader, fields: &Fields) -> (usize, Vec<crate::model::Date>) {
    const FIELDS: &[&str] = &["date", "by", "reason"];
    const REQUIRED: &[(&str, &str)] =
        &[("date", "date: 2026-05-02"), ("by", "by: Quality Manager"), ("reason", "reason: …")];
    let entries = reader.entries(fields.get("amendments"), "amendments", "[{date: 2026-05-02, by: …, reason: …}]");
    let mut dates = Vec::new();
    for (pairs, range) in &entries {
        let entry = reader.fields(pairs, FIELDS, REQUIRED, "amendment field", range);
        dates.extend(reader.date(entry.get("date"), "date").map(|date| date.value));
        reader.text(entry.get("by"), "by");
        reader.text(entry.get("reason"), "reason");
    }
    (entries.len(), dates)
}

fn audit(reader: &mut Reader, fields: &Fields) -> Audit {
    const FINDING: &[&str] = &["id", "kind", "clause", "nonconformity"];
    let (clauses, clause_keys) =
        reader.standard_map(fields.get("clauses"), "clauses", "{\"iso9001:2015\": [\"7.5\", \"8.4\"]}");
    let kinds: Vec<&str> = AuditKind::ALL.iter().map(|k| k.as_str()).collect();
    let finding_kinds: Vec<&str> = FindingKind::ALL.iter().map(|k| k.as_str()).collect();
    let mut findings = Vec::new();
    for (pairs, range) in reader.entries(
        fields.get("findings"),
        "findings",
        "[{id: F-1, kind: observation, clause: \"iso9001:2015 7.5\"}]",
    ) {
        let entry = reader.fields(pairs, FINDING, &[("kind", "kind: nonconformity")], "finding field", &range);
        findings.push(Finding {
            id: reader.text(entry.get("id"), "id"),
            kind: reader.choice(entry.get("kind"), "kind", &finding_kinds, FindingKind::parse),
            clause: reader.text(entry.get("clause"), "clause"),
            nonconformity: reader.text(entry.get("nonconformity"), "nonconformity"),
            range,
        });
    }
    Audit {
        planned: reader.date(fields.get("planned"), "planned"),
        date: reader.date(fields.get("date"), "date"),
        clauses,
        clause_keys,
        auditors: reader.texts(fields.get("auditors"), "auditors", "[\"A. Auditor\"]"),
        auditees: reader.texts(fields.get("auditees"), "auditees", "[\"Warehouse\"]"),
        kind: reader.choice(fields.get("kind"), "kind", &kinds, AuditKind::parse),
        findings,
    }
}

fn nonconformity(reader: &mut Reader, fields: &Fields) -> Nonconformity {
    Nonconformity {
        raised: reader.date(fields.get("raised"), "raised"),
        source: reader.text(fields.get("source"), "source"),
        clause: reader.text(fields.get("clause"), "clause"),
        grade: reader.choice(fields.get("grade"), "grade", &["major", "minor"], Grade::parse),
        owner: reader.text(fields.get("owner"), "owner"),
        due: reader.date(fields.get("due"), "due"),
        correction: reader.text(fields.get("correction"), "correction"),
        root_cause: reader.text(fields.get("root_cause"), "root_cause"),
        corrective_action: reader.text(fields.get("corrective_action"), "corrective_action"),
        closed: reader.date(fields.get("closed"), "closed"),
        verified: reader.date(fields.get("verified"), "verified"),
        verified_by: reader.text(fields.get("verified_by"), "verified_by"),
    }
}

fn review(reader: &mut Reader, fields: &Fields) -> ManagementReview {
    const ACTION: &[&str] = &["id", "action", "owner", "due", "closed"];
    let (inputs, input_keys) =
        reader.standard_map(fields.get("inputs"), "inputs", "{\"iso9001:2015\": [\"a\", \"b\"]}");
    let mut actions = Vec::new();
    for (pairs, range) in
        reader.entries(fields.get("actions"), "actions", "[{id: A-1, action: …, owner: …, due: 2026-06-30}]")
    {
        let entry = reader.fields(pairs, ACTION, &[("action", "action: …")], "action field", &range);
        actions.push(ReviewAction {
            id: reader.text(entry.get("id"), "id"),
            action: reader.text(entry.get("action"), "action"),
            owner: reader.text(entry.get("owner"), "owner"),
            due: reader.date(entry.get("due"), "due"),
            closed: reader.date(entry.get("closed"), "closed"),
            range,
        });
    }
    ManagementReview {
        date: reader.date(fields.get("date"), "date"),
        standards: reader.texts(fields.get("standards"), "standards", "[\"iso9001:2015\"]"),
        attendees: reader.texts(fields.get("attendees"), "attendees", "[\"Managing Director\"]"),
        inputs,
        input_keys,
        actions,
    }
}

fn certificate(reader: &mut Reader, fields: &Fields) -> Certificate {
    Certificate {
        standard: reader.text(fields.get("standard"), "standard"),
        body: reader.text(fields.get("body"), "body"),
        accreditation: reader.text(fields.get("accreditation"), "accreditation"),
        number: reader.text(fields.get("number"), "number"),
        scope: reader.text(fields.get("scope"), "scope"),
        issued: reader.date(fields.get("issued"), "issued"),
        expires: reader.date(fields.get("expires"), "expires"),
        surveillance: reader.dates(fields.get("surveillance"), "surveillance"),
    }
}
