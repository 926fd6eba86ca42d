//! `qms.toml` → [`Config`]: where the documents are, which standards are enabled, review
//! intervals, severity overrides, the `[history]` section ([`history`]). Unknown keys and bad
//! values are errors with a line number.

mod exclude;
mod history;
mod records;

pub use exclude::Exclude;
pub use history::{ACCEPTABLE, HistorySettings};
pub use records::RecordSettings;

use crate::diag::{self, LineIndex, Rule, Severity};
use crate::error::{Error, Result};
use crate::model::{BUILTIN_TYPES, Interval};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const CONFIG_FILE: &str = "qms.toml";
pub const DEFAULT_ID_PATTERN: &str = "^[A-Z][A-Z0-9]*-[0-9]+$";

/// The validated configuration of one QMS root.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder holding `qms.toml`.
    pub root: PathBuf,
    pub organization: Option<String>,
    pub organization_short_name: Option<String>,
    pub sites: Vec<String>,
    /// Id prefix per document type.
    pub id_prefixes: BTreeMap<String, String>,
    /// Documents folder, relative to `root`.
    pub documents: String,
    /// `[qms] exclude`: Markdown files under the documents folder that are not documents, and
    /// under the records folder that are not records.
    pub exclude: Exclude,
    /// Enabled standard ids, with their place in `qms.toml`.
    pub standards: Vec<diag::Spanned<String>>,
    pub integrated: bool,
    pub id_pattern: regex::Regex,
    /// Built-in document types plus those declared under `[qms] types`.
    pub types: Vec<String>,
    /// Front-matter fields the organization adds (not reported as unknown).
    pub extra_fields: Vec<String>,
    pub review: ReviewSettings,
    /// Standard id → clause id → justification for declaring it not applicable.
    /// Standard id → clause id → justification (with its place in `qms.toml`) for declaring
    /// the clause not applicable. Checked against the catalogs by the standards check.
    pub applicability: BTreeMap<String, BTreeMap<String, diag::Spanned<String>>>,
    /// Standard id → clause id → whether the clause's "only if …" condition holds.
    pub conditions: BTreeMap<String, BTreeMap<String, bool>>,
    /// The text of `qms.toml`, so findings can point into it.
    pub text: String,
    pub release_tags: String,
    pub site_title: Option<String>,
    pub site_search: bool,
    pub severity_overrides: BTreeMap<Rule, Option<Severity>>,
    /// Role → people (git author names or emails), to match approvers to authors.
    pub roles: BTreeMap<String, Vec<String>>,
    /// `[history]`: the adoption point and the findings accepted on the record.
    pub history: HistorySettings,
    /// `[qms] records` and the settings of the record rules.
    pub records: RecordSettings,
}

#[derive(Debug, Clone)]
pub struct ReviewSettings {
    pub interval: Interval,
    pub due_soon: Interval,
    pub by_type: BTreeMap<String, Interval>,
}

impl ReviewSettings {
    /// The review interval for documents of `doc_type` that do not set their own.
    pub fn interval_for(&self, doc_type: Option<&str>) -> Interval {
        doc_type.and_then(|t| self.by_type.get(t)).copied().unwrap_or(self.interval)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    organization: RawOrganization,
    #[serde(default)]
    qms: RawQms,
    #[serde(default)]
    review: RawReview,
    #[serde(default)]
    applicability: BTreeMap<String, BTreeMap<String, Spanned<String>>>,
    #[serde(default)]
    conditions: BTreeMap<String, BTreeMap<String, bool>>,
    #[serde(default)]
    releases: RawReleases,
    #[serde(default)]
    site: RawSite,
    #[serde(default)]
    checks: RawChecks,
    #[serde(default)]
    history: history::RawHistory,
    #[serde(default)]
    audits: records::RawAudits,
    #[serde(default)]
    management_review: records::RawManagementReview,
    #[serde(default)]
    certificates: records::RawCertificates,
    #[serde(default)]
    nonconformities: records::RawNonconformities,
    /// Role → the people (git author names or emails) who hold it.
    #[serde(default)]
    roles: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganization {
    name: Option<String>,
    short_name: Option<String>,
    #[serde(default)]
    sites: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQms {
    #[serde(alias = "docs")]
    documents: Option<String>,
    exclude: Option<Spanned<Vec<String>>>,
    /// The records folder (audits, nonconformities, management reviews, certificates).
    records: Option<Spanned<String>>,
    /// Id prefix per document type, for `qms new` (`procedure = "SOP"`).
    #[serde(default)]
    id_prefixes: BTreeMap<String, String>,
    /// Same as `[review] interval`, which wins when both are given.
    default_review_interval: Option<Spanned<String>>,
    #[serde(default)]
    standards: Vec<Spanned<String>>,
    #[serde(default)]
    integrated: bool,
    id_pattern: Option<Spanned<String>>,
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    extra_fields: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    interval: Option<Spanned<String>>,
    due_soon: Option<Spanned<String>>,
    #[serde(default)]
    by_type: BTreeMap<String, Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReleases {
    tags: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    title: Option<String>,
    /// Whether the site has a search box (default true).
    search: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecks {
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default)]
    warn: Vec<Spanned<String>>,
    #[serde(default)]
    deny: Vec<Spanned<String>>,
}

impl Config {
    /// The documents folder, normalized (`./docs/` → `docs`, `.` → the root itself); `None` if it would
    /// leave the QMS root.
    pub fn documents_folder(&self) -> Option<String> {
        normalize_folder(&self.documents)
    }

    /// Whether `path` (relative to the QMS root) lies in the records folder: a record, never
    /// a document, even when the records folder is inside the documents folder.
    pub fn is_record_path(&self, path: &str) -> bool {
        normalize_folder(&self.records.folder)
            .is_some_and(|folder| !folder.is_empty() && path.starts_with(&format!("{folder}/")))
    }

    /// Whether `path` (relative to the QMS root) is left out by `[qms] exclude`: a pattern
    /// matches it from the documents folder or from the QMS root.
    pub fn is_excluded(&self, path: &str) -> bool {
        self.excluded_below(self.documents_folder().unwrap_or_default(), path)
    }

    /// Whether the record file `path` (relative to the QMS root) is left out by `[qms] exclude`,
    /// its patterns matched from the records folder as they are from the documents folder
    /// (`**/README.md`), or from the QMS root (`records/examples/**`).
    pub fn is_excluded_record(&self, path: &str) -> bool {
        self.excluded_below(normalize_folder(&self.records.folder).unwrap_or_default(), path)
    }

    /// Whether `path` (relative to the QMS root) in `folder` is excluded.
    fn excluded_below(&self, folder: String, path: &str) -> bool {
        let base = if folder.is_empty() { folder } else { format!("{folder}/") };
        path.strip_prefix(&base).is_some_and(|relative| self.exclude.matches_below(&base, relative))
    }
}

/// `docs` from `./docs/`; `None` if the folder would leave the root.
pub fn normalize_folder(configured: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in configured.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => return None,
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The QMS root for `start`: the first folder from `start` upwards that holds `qms.toml`.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or(Error::ConfigNotFound { dir: start })
}

/// Reads and validates `root/qms.toml`.
pub fn load(root: &Path) -> Result<Config> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| Error::ConfigRead { path: path.clone(), source })?;
    parse(root, &text)
}

/// Validates the text of a `qms.toml` found in `root`.
pub fn parse(root: &Path, text: &str) -> Result<Config> {
    let path = root.join(CONFIG_FILE);
    let lines = LineIndex::new(text);
    let invalid = |range: Option<std::ops::Range<usize>>, message: String| {
        let (line, column) = range.map_or((1, 1), |r| lines.line_col(text, r.start));
        Error::ConfigInvalid { path: path.clone(), line, column, message }
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| invalid(e.span(), first_line(e.message())))?;

    let interval = |value: &Spanned<String>, key: &str| {
        Interval::parse(value.get_ref()).ok_or_else(|| {
            invalid(
                Some(value.span()),
                format!(
                    "`{key} = \"{}\"` is not a duration; write a number and a unit, such as \"12 months\", \"2 years\" or \"30 days\"",
                    value.get_ref()
                ),
            )
        })
    };
    let mut types: Vec<String> = BUILTIN_TYPES.iter().map(|t| (*t).to_owned()).collect();
    types.extend(raw.qms.types.iter().cloned());

    let review = ReviewSettings {
        interval: match (&raw.review.interval, &raw.qms.default_review_interval) {
            (Some(value), _) => interval(value, "interval")?,
            (None, Some(value)) => interval(value, "default_review_interval")?,
            (None, None) => Interval::Months(12),
        },
        due_soon: raw.review.due_soon.as_ref().map_or(Ok(Interval::Days(30)), |v| interval(v, "due_soon"))?,
        by_type: raw
            .review
            .by_type
            .iter()
            .map(|(doc_type, value)| Ok((doc_type.clone(), interval(value, &format!("by_type.{doc_type}"))?)))
            .collect::<Result<_>>()?,
    };
    if let Some((doc_type, value)) = raw.review.by_type.iter().find(|(t, _)| !types.contains(t)) {
        return Err(invalid(
            Some(value.span()),
            format!(
                "`[review] by_type` names the type \"{doc_type}\", which is neither built in nor declared in `[qms] types`"
            ),
        ));
    }

    let id_pattern = match &raw.qms.id_pattern {
        None => regex::Regex::new(DEFAULT_ID_PATTERN).expect("the default pattern is valid"),
        Some(pattern) => regex::Regex::new(pattern.get_ref()).map_err(|e| {
            invalid(
                Some(pattern.span()),
                format!("`id_pattern` is not a valid regular expression: {}", first_line(&e.to_string())),
            )
        })?,
    };

    let mut severity_overrides = BTreeMap::new();
    for (list, severity) in [
        (&raw.checks.allow, None),
        (&raw.checks.warn, Some(Severity::Warning)),
        (&raw.checks.deny, Some(Severity::Error)),
    ] {
        for code in list {
            let rule = Rule::from_code(code.get_ref()).ok_or_else(|| {
                let hint = crate::suggest::did_you_mean(code.get_ref(), Rule::ALL.iter().map(|r| r.code()));
                invalid(
                    Some(code.span()),
                    format!(
                        "`[checks]` names the unknown code \"{}\"{hint}; `qms explain --list` lists them",
                        code.get_ref()
                    ),
                )
            })?;
            severity_overrides.insert(rule, severity);
        }
    }

    let spanned = |value: &Spanned<String>| diag::Spanned::new(value.get_ref().clone(), value.span());
    let applicability = raw
        .applicability
        .iter()
        .map(|(standard, clauses)| {
            (standard.clone(), clauses.iter().map(|(clause, reason)| (clause.clone(), spanned(reason))).collect())
        })
        .collect();

    let history = history::validate(raw.history, &invalid)?;
    let records = records::validate(
        records::RawRecordSections {
            folder: raw.qms.records.clone(),
            documents: normalize_folder(raw.qms.documents.as_deref().unwrap_or("docs")),
            audits: &raw.audits,
            management_review: &raw.management_review,
            certificates: &raw.certificates,
            nonconformities: &raw.nonconformities,
        },
        &invalid,
    )?;
    let exclude = match &raw.qms.exclude {
        None => Exclude::default(),
        Some(patterns) => Exclude::new(patterns.get_ref())
            .map_err(|problem| invalid(Some(patterns.span()), format!("`[qms] exclude`: {problem}")))?,
    };

    Ok(Config {
        root: root.to_path_buf(),
        organization: raw.organization.name,
        organization_short_name: raw.organization.short_name,
        sites: raw.organization.sites,
        id_prefixes: raw.qms.id_prefixes,
        documents: raw.qms.documents.unwrap_or_else(|| "docs".to_owned()),
        exclude,
        standards: raw.qms.standards.iter().map(spanned).collect(),
        integrated: raw.qms.integrated,
        id_pattern,
        types,
        extra_fields: raw.qms.extra_fields,
        review,
        applicability,
        conditions: raw.conditions,
        roles: raw.roles,
        text: text.to_owned(),
        release_tags: raw.releases.tags.unwrap_or_else(|| "v*".to_owned()),
        site_title: raw.site.title,
        site_search: raw.site.search.unwrap_or(true),
        severity_overrides,
        history,
        records,
    })
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_err(text: &str) -> String {
        parse(Path::new("/q"), text).unwrap_err().to_string()
    }

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let message = parse_err("[qms]\ndocuments = \"docs\"\ndocument = \"x\"\n");
        assert!(message.starts_with("/q/qms.toml:3:1: unknown field `document`"), "{message}");
    }

    #[test]
    fn bad_intervals_and_codes_say_how_to_fix() {
        let message = parse_err("[review]\ninterval = \"twelve months\"\n");
        assert!(message.contains(":2:12:") && message.contains("\"12 months\""), "{message}");
        let message = parse_err("[checks]\nallow = [\"review-overdu\"]\n");
        assert!(message.contains("did you mean `review-overdue`"), "{message}");
    }

    #[test]
    fn defaults_apply() {
        let config = parse(Path::new("/q"), "").unwrap();
        assert_eq!(config.documents, "docs");
        assert_eq!(config.review.interval, Interval::Months(12));
        assert_eq!(config.review.due_soon, Interval::Days(30));
        assert!(config.id_pattern.is_match("SOP-12"));
    }
}
