//! Everything a check may read: the loaded register, the standards, the traceability matrix
//! and the settings that shape the rules. Checks never open files or repositories; what they
//! need comes in here. (The matrix is pure computation over the model, so reading it keeps
//! checks free of IO.)

use crate::config::{RecordSettings, ReviewSettings};
use crate::diag::{FileId, Rule, Severity, Span, Spanned};
use crate::model::{Date, History, Record, Register, Standard};
use crate::trace::Matrix;
use std::collections::{BTreeMap, BTreeSet};

/// The input of every check.
#[derive(Debug)]
pub struct CheckContext<'a> {
    pub register: &'a Register,
    /// The records of the records folder (audits, nonconformities, reviews, certificates).
    pub records: &'a [Record],
    pub record_settings: &'a RecordSettings,
    /// "Today", for review and date rules (from `--today` or the clock, read by the CLI).
    pub today: Date,
    pub review: &'a ReviewSettings,
    pub id_pattern: &'a regex::Regex,
    /// Every known catalog (built-in and the organization's), by standard id.
    pub catalogs: BTreeMap<&'a str, &'a Standard>,
    /// Enabled standard ids, with their place in `qms.toml`.
    pub enabled: &'a [Spanned<String>],
    /// Standard id → clause id → justification, with its place in `qms.toml`.
    pub applicability: &'a BTreeMap<String, BTreeMap<String, Spanned<String>>>,
    pub matrix: &'a Matrix,
    /// `qms.toml` among the source files, for findings about the configuration.
    pub config_file: FileId,
    /// The documents' revisions, when the QMS is in a git repository.
    pub history: Option<&'a History>,
    /// With `--base`: the commits the history rules judge (`base..HEAD`); all when `None`.
    pub history_scope: Option<&'a BTreeSet<String>>,
    /// Role → people, to match approvers to git authors.
    pub roles: &'a BTreeMap<String, Vec<String>>,
    /// `[checks] allow / warn / deny`.
    pub overrides: &'a BTreeMap<Rule, Option<Severity>>,
}

impl CheckContext<'_> {
    /// Whether findings of `rule` are reported (not allowed, nor off by default and not
    /// switched on).
    pub fn reports(&self, rule: Rule) -> bool {
        match self.overrides.get(&rule) {
            None => !rule.is_off_by_default(),
            Some(severity) => severity.is_some(),
        }
    }

    pub fn is_enabled(&self, standard: &str) -> bool {
        self.enabled.iter().any(|s| s.value == standard)
    }

    /// Where `standard` is enabled in `qms.toml` (the file's start if it is not).
    pub fn enabled_span(&self, standard: &str) -> Span {
        let range = self.enabled.iter().find(|s| s.value == standard).map_or(0..0, |s| s.range.clone());
        Span::new(self.config_file, range)
    }
}
