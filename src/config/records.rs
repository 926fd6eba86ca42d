//! The settings of the certification-cycle records: `[qms] records` (the folder),
//! `[audits] cycle`, `[management_review] interval`, `[certificates] warn_before` and
//! `[nonconformities] verify_within`, with their defaults.

use crate::error::Result;
use crate::model::Interval;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// The validated record settings.
#[derive(Debug, Clone)]
pub struct RecordSettings {
    /// Records folder, relative to the QMS root (`records` by default).
    pub folder: String,
    /// Every applicable clause is audited at least once per cycle.
    pub audit_cycle: Interval,
    /// The longest time between two management reviews.
    pub review_interval: Interval,
    /// How long before a certificate expires (or an external audit) it becomes a concern.
    pub warn_before: Interval,
    /// How long after closing a nonconformity its effectiveness must be verified.
    pub verify_within: Interval,
}

impl Default for RecordSettings {
    fn default() -> Self {
        RecordSettings {
            folder: "records".to_owned(),
            audit_cycle: Interval::Years(3),
            review_interval: Interval::Months(12),
            warn_before: Interval::Days(90),
            verify_within: Interval::Days(90),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAudits {
    cycle: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawManagementReview {
    interval: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCertificates {
    warn_before: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNonconformities {
    verify_within: Option<Spanned<String>>,
}

/// The raw sections, as `qms.toml` gives them.
pub(super) struct RawRecordSections<'a> {
    pub folder: Option<Spanned<String>>,
    /// The documents folder, normalized: records never share it whole.
    pub documents: Option<String>,
    pub audits: &'a RawAudits,
    pub management_review: &'a RawManagementReview,
    pub certificates: &'a RawCertificates,
    pub nonconformities: &'a RawNonconformities,
}

/// Validates the sections; `invalid` makes the error for a place in `qms.toml`.
pub(super) fn validate(
    raw: RawRecordSections,
    invalid: &dyn Fn(Option<Range<usize>>, String) -> crate::error::Error,
) -> Result<RecordSettings> {
    let defaults = RecordSettings::default();
    let interval = |value: &Option<Spanned<String>>, key: &str, default: Interval| {
        match value {
        None => Ok(default),
        Some(value) => Interval::parse(value.get_ref()).ok_or_else(|| {
            invalid(
                Some(value.span()),
                format!(
                    "`{key} = \"{}\"` is not a duration; write a number and a unit, such as \"3 years\", \"12 months\" or \"90 days\"",
                    value.get_ref()
                ),
            )
        }),
    }
    };
    let folder = match raw.folder {
        None => defaults.folder,
        Some(folder) => {
            let normalized = super::normalize_folder(folder.get_ref());
            if normalized.as_deref().is_some_and(str::is_empty) || normalized == raw.documents {
                return Err(invalid(
                    Some(folder.span()),
                    format!(
                        "`[qms] records = \"{}\"` must name a folder of its own below the QMS root, such as \"records\"",
                        folder.get_ref()
                    ),
                ));
            }
            folder.into_inner()
        }
    };
    Ok(RecordSettings {
        folder,
        audit_cycle: interval(&raw.audits.cycle, "[audits] cycle", defaults.audit_cycle)?,
        review_interval: interval(
            &raw.management_review.interval,
            "[management_review] interval",
            defaults.review_interval,
        )?,
        warn_before: interval(&raw.certificates.warn_before, "[certificates] warn_before", defaults.warn_before)?,
        verify_within: interval(
            &raw.nonconformities.verify_within,
            "[nonconformities] verify_within",
            defaults.verify_within,
        )?,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn the_records_folder_is_a_folder_of_its_own() {
        let error = |text: &str| crate::config::parse(Path::new("/q"), text).unwrap_err().to_string();
        assert!(error("[qms]\nrecords = \".\"\n").contains(":2:11: `[qms] records = \".\"` must name a folder"));
        assert!(
            error("[qms]\ndocuments = \"docs\"\nrecords = \"./docs/\"\n").contains("must name a folder of its own")
        );
        assert!(
            error("[audits]\ncycle = \"three years\"\n")
                .contains("`[audits] cycle = \"three years\"` is not a duration")
        );
        let config = crate::config::parse(Path::new("/q"), "[qms]\nrecords = \"quality/records\"\n").unwrap();
        assert_eq!(config.records.folder, "quality/records");
        assert!(config.is_record_path("quality/records/aud-1.md") && !config.is_record_path("quality/recordsx.md"));
    }
}
