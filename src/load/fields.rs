//! Front-matter mapping → typed [`Metadata`], reporting missing, unknown and malformed fields.

use super::yaml::{Node, Value};
use crate::diag::{Diagnostic, FileId, Rule, Span, Spanned};
use crate::model::{Date, Interval, Metadata, Status, Version};
use crate::suggest::did_you_mean;
use std::collections::BTreeMap;

/// Every field `qms` reads, in the order the README documents them.
pub const KNOWN_FIELDS: &[&str] = &[
    "id",
    "title",
    "type",
    "version",
    "status",
    "owner",
    "approver",
    "approved",
    "effective",
    "review_interval",
    "last_reviewed",
    "clauses",
    "supersedes",
    "superseded_by",
    "withdrawn",
    "change",
    "aliases",
    "major_revisions",
    "soa",
    "objectives",
];

/// Fields every document must have.
const REQUIRED_FIELDS: &[(&str, &str)] = &[
    ("id", "id: SOP-001"),
    ("title", "title: Control of documented information"),
    ("type", "type: procedure"),
    ("version", "version: \"1.0\""),
    ("status", "status: draft"),
    ("owner", "owner: Quality Manager"),
];

/// What the decoder needs to know beyond the YAML: the organization's types and fields.
#[derive(Debug)]
pub struct FieldRules<'a> {
    pub types: &'a [String],
    pub extra_fields: &'a [String],
}

impl<'a> FieldRules<'a> {
    pub fn from_config(config: &'a crate::config::Config) -> Self {
        Self { types: &config.types, extra_fields: &config.extra_fields }
    }

    /// The fields a revision keeps of one past version (id, title, version, status, approver,
    /// approved, effective, `last_reviewed`, change) from its front-matter mapping, decoded
    /// exactly as [`decode`] decodes them; the rest is left unread and nothing is reported.
    /// The history reads every version of every document, and needs no more.
    pub(crate) fn revision_fields(pairs: &[(Node, Node)]) -> Metadata {
        let mut out = Vec::new();
        let mut decoder = Decoder { file: FileId(0), out: &mut out, meta: Metadata::default() };
        let field = |name: &str| {
            let found = pairs.iter().find(|(key, _)| key.as_text() == Some(name));
            found.map(|(_, value)| value).filter(|node| !node.is_null())
        };
        decoder.revision_fields(field);
        decoder.meta
    }
}

/// Decodes the front-matter `mapping` of the document in `file`.
pub fn decode(
    file: FileId,
    pairs: &[(Node, Node)],
    block_start: usize,
    rules: &FieldRules,
    out: &mut Vec<Diagnostic>,
) -> Metadata {
    let mut decoder = Decoder { file, out, meta: Metadata::default() };
    let mut fields: BTreeMap<&str, &Node> = BTreeMap::new();
    for (key, value) in pairs {
        let Some(name) = key.as_text() else {
            decoder.report(
                Rule::InvalidFieldType,
                &key.range,
                None,
                format!("a front-matter key must be a field name, found {}", key.kind()),
                "write `field: value`",
            );
            continue;
        };
        decoder.meta.keys.insert(name.to_owned(), key.range.clone());
        if KNOWN_FIELDS.contains(&name) {
            fields.insert(name, value);
        } else if !rules.extra_fields.iter().any(|f| f == name) {
            let hint = did_you_mean(name, KNOWN_FIELDS.iter().copied());
            decoder.report(
                Rule::UnknownField,
                &key.range,
                Some(name),
                format!("unknown front-matter field `{name}`{hint}"),
                "correct the name, remove the field, or declare it in `[qms] extra_fields` in qms.toml",
            );
        }
    }
    // A required field left blank (`title: ""`, `owner: "   "`) is as missing as an absent one.
    let blank = |node: &Node| node.is_null() || node.as_text().is_some_and(|text| text.trim().is_empty());
    for (name, example) in REQUIRED_FIELDS {
        let present = fields.get(name).is_some_and(|node| !blank(node));
        if !present {
            let range = decoder.meta.keys.get(*name).cloned().unwrap_or(block_start..block_start + 3);
            let what = if fields.contains_key(name) { "is empty" } else { "is missing" };
            decoder.report(
                Rule::MissingField,
                &range,
                Some(name),
                format!("required field `{name}` {what}"),
                format!("add `{example}` to the front matter"),
            );
        }
    }
    let field = |name: &str| fields.get(name).copied().filter(|node| !node.is_null());
    // Findings are sorted by place later: the order fields are decoded in does not show.
    decoder.revision_fields(field);
    decoder.meta.doc_type = field("type").and_then(|n| decoder.doc_type(n, rules.types));
    decoder.meta.owner = field("owner").and_then(|n| decoder.text(n, "owner"));
    decoder.meta.withdrawn = field("withdrawn").and_then(|n| decoder.date(n, "withdrawn"));
    decoder.meta.soa = field("soa").and_then(|n| decoder.text(n, "soa"));
    decoder.meta.review_interval = field("review_interval").and_then(|n| decoder.interval(n));
    decoder.meta.supersedes = field("supersedes").map(|n| decoder.id_list(n, "supersedes")).unwrap_or_default();
    decoder.meta.superseded_by =
        field("superseded_by").map(|n| decoder.id_list(n, "superseded_by")).unwrap_or_default();
    decoder.meta.aliases = field("aliases")
        .map(|n| decoder.text_items(n, "aliases", "a name or a list of names", "[AOTP]"))
        .unwrap_or_default();
    decoder.meta.major_revisions = field("major_revisions")
        .map(|n| super::major_revisions::major_revisions(file, n, decoder.out))
        .unwrap_or_default();
    decoder.meta.objectives =
        field("objectives").map(|n| super::objectives::objectives(file, n, decoder.out)).unwrap_or_default();
    decoder.meta.clauses = field("clauses").map(|n| decoder.clauses(n)).unwrap_or_default();
    decoder.meta
}

struct Decoder<'a> {
    file: FileId,
    out: &'a mut Vec<Diagnostic>,
    meta: Metadata,
}

impl Decoder<'_> {
    /// The fields a revision of the history keeps (see [`FieldRules::revision_fields`]), each
    /// value found by `field`: decoded the same for a document and for its past versions.
    fn revision_fields<'n>(&mut self, field: impl Fn(&str) -> Option<&'n Node>) {
        self.meta.id = field("id").and_then(|n| self.text(n, "id"));
        self.meta.title = field("title").and_then(|n| self.text(n, "title"));
        self.meta.version = field("version").and_then(|n| self.version(n));
        self.meta.status = field("status").and_then(|n| self.status(n));
        self.meta.approver = field("approver").and_then(|n| self.text(n, "approver"));
        self.meta.approved = field("approved").and_then(|n| self.date(n, "approved"));
        self.meta.effective = field("effective").and_then(|n| self.date(n, "effective"));
        self.meta.last_reviewed = field("last_reviewed").and_then(|n| self.date(n, "last_reviewed"));
        self.meta.change = field("change").and_then(|n| self.text(n, "change"));
    }

    fn report(
        &mut self,
        rule: Rule,
        range: &std::ops::Range<usize>,
        field: Option<&str>,
        message: String,
        help: impl Into<String>,
    ) {
        let mut diagnostic = Diagnostic::new(rule, message).at(Span::new(self.file, range.clone())).help(help);
        if let Some(field) = field {
            diagnostic = diagnostic.field(field);
            self.meta.invalid.insert(field.to_owned());
        }
        self.out.push(diagnostic);
    }

    fn wrong_shape(&mut self, node: &Node, field: &str, expected: &str, example: &str) {
        self.report(
            Rule::InvalidFieldType,
            &node.range,
            Some(field),
            format!("`{field}` must be {expected}, found {}", node.kind()),
            format!("write it as `{field}: {example}`"),
        );
    }

    fn text(&mut self, node: &Node, field: &str) -> Option<Spanned<String>> {
        match node.as_text() {
            Some(text) if !text.trim().is_empty() => Some(Spanned::new(text.trim().to_owned(), node.range.clone())),
            Some(_) => None,
            None => {
                self.wrong_shape(node, field, "text", "…");
                None
            }
        }
    }

    fn doc_type(&mut self, node: &Node, types: &[String]) -> Option<Spanned<String>> {
        let text = self.text(node, "type")?;
        if types.contains(&text.value) {
            return Some(text);
        }
        let hint = did_you_mean(&text.value, types.iter().map(String::as_str));
        self.report(
            Rule::UnknownDocumentType,
            &node.range,
            Some("type"),
            format!("unknown document type `{}`{hint}", text.value),
            format!("use one of: {}; or declare it under `[qms] types` in qms.toml", types.join(", ")),
        );
        None
    }

    fn version(&mut self, node: &Node) -> Option<Spanned<Version>> {
        let text = self.text(node, "version")?;
        if let Some(version) = Version::parse(&text.value) {
            return Some(Spanned::new(version, text.range));
        }
        let suggestion = if text.value.bytes().all(|b| b.is_ascii_digit()) {
            format!("\"{}.0\"", text.value)
        } else {
            "\"1.0\"".to_owned()
        };
        self.report(
            Rule::InvalidVersion,
            &node.range,
            Some("version"),
            format!("version `{}` is not MAJOR.MINOR", text.value),
            format!("write it as two numbers and a dot, quoted: `version: {suggestion}`"),
        );
        None
    }

    fn status(&mut self, node: &Node) -> Option<Spanned<Status>> {
        let text = self.text(node, "status")?;
        if let Some(status) = Status::parse(&text.value) {
            return Some(Spanned::new(status, text.range));
        }
        let hint = did_you_mean(&text.value, Status::ALL.iter().map(|s| s.as_str()));
        self.report(
            Rule::InvalidStatus,
            &node.range,
            Some("status"),
            format!("unknown status `{}`{hint}", text.value),
            "use one of: draft, in-review, approved, effective, obsolete",
        );
        None
    }

    fn date(&mut self, node: &Node, field: &str) -> Option<Spanned<Date>> {
        let text = self.text(node, field)?;
        match parse_date(&text.value) {
            Ok(date) => Some(Spanned::new(date, text.range)),
            Err(problem) => {
                self.report(
                    Rule::InvalidDate,
                    &node.range,
                    Some(field),
                    format!("`{field}: {}` {problem}", text.value),
                    format!("write a real date as YYYY-MM-DD, e.g. `{field}: 2026-03-14`"),
                );
                None
            }
        }
    }

    fn interval(&mut self, node: &Node) -> Option<Spanned<Interval>> {
        let text = self.text(node, "review_interval")?;
        let problem = match Interval::read(&text.value) {
            Ok(interval) => return Some(Spanned::new(interval, text.range)),
            Err(problem) => problem,
        };
        self.report(
            Rule::InvalidInterval,
            &node.range,
            Some("review_interval"),
            format!("review interval `{}` {problem}", text.value),
            "write a number and a unit from one day to 100 years, e.g. `review_interval: 12 months` or `2 years`",
        );
        None
    }

    /// One id or a list of ids.
    fn id_list(&mut self, node: &Node, field: &str) -> Vec<Spanned<String>> {
        self.text_items(node, field, "a document id or a list of ids", "SOP-012")
    }

    /// A scalar or a list of scalars, as trimmed texts.
    fn text_items(&mut self, node: &Node, field: &str, expected: &str, example: &str) -> Vec<Spanned<String>> {
        let items = match &node.value {
            Value::Sequence(items) => items.iter().collect(),
            _ => vec![node],
        };
        let mut texts = Vec::with_capacity(items.len());
        for item in items {
            if let Some(text) = item.as_text() {
                texts.push(Spanned::new(text.trim().to_owned(), item.range.clone()));
            } else {
                self.wrong_shape(item, field, expected, example);
            }
        }
        texts
    }

    /// `{standard: [clause, …]}`.
    fn clauses(&mut self, node: &Node) -> BTreeMap<String, Vec<Spanned<String>>> {
        const EXAMPLE: &str = "{\"iso9001:2015\": [\"7.5\"]}";
        let Value::Mapping(pairs) = &node.value else {
            self.wrong_shape(node, "clauses", "a mapping of standard id to clause ids", EXAMPLE);
            return BTreeMap::new();
        };
        let mut clauses = BTreeMap::new();
        for (standard, list) in pairs {
            let Some(standard_id) = standard.as_text() else {
                self.wrong_shape(standard, "clauses", "keyed by standard id", EXAMPLE);
                continue;
            };
            let ids = self.text_items(list, "clauses", "a list of clause ids", EXAMPLE);
            self.meta.clause_keys.insert(standard_id.to_owned(), standard.range.clone());
            clauses.insert(standard_id.to_owned(), ids);
        }
        clauses
    }
}

/// A strict `YYYY-MM-DD` that names a real day.
pub fn parse_date(text: &str) -> Result<Date, &'static str> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err("is not a date in YYYY-MM-DD form");
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let month = i8::try_from(month).map_err(|_| "has no such month")?;
    let day = i8::try_from(day).map_err(|_| "has no such day")?;
    if !(1..=12).contains(&month) {
        return Err("has no such month");
    }
    Date::new(year, month, day).map_err(|_| "is not a day of the calendar")
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_are_strict_and_real() {
        assert_eq!(parse_date("2026-02-28").unwrap(), jiff::civil::date(2026, 2, 28));
        assert_eq!(parse_date("2026-02-30"), Err("is not a day of the calendar"));
        assert_eq!(parse_date("2026-13-01"), Err("has no such month"));
        assert_eq!(parse_date("26-1-1"), Err("is not a date in YYYY-MM-DD form"));
        assert_eq!(parse_date("2026-01-01T10:00"), Err("is not a date in YYYY-MM-DD form"));
    }
}
