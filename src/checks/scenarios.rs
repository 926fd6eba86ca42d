//! Each rule on values: a [`Scenario`] holds `qms.toml` and documents as text, loads them from
//! memory and runs every check through the same [`super::CheckContext`] `qms check` builds, with
//! no file, repository or clock. Each test shows a rule firing on a bad case and staying quiet
//! on the good one. (The history rules are judged on git repositories in the integration tests.)

use crate::diag::{Rule, Severity};
use crate::model::Date;
use crate::project::Project;
use crate::source::MemorySource;
use std::fmt::Write as _;
use std::path::Path;

const TODAY: &str = "2026-11-27";

/// A document set given as text.
pub(super) struct Scenario {
    config: String,
    files: Vec<(String, String)>,
}

impl Scenario {
    pub(super) fn new() -> Scenario {
        Scenario { config: "[qms]\ndocuments = \"docs\"\n".to_owned(), files: Vec::new() }
    }

    pub(super) fn config(mut self, text: &str) -> Scenario {
        text.clone_into(&mut self.config);
        self
    }

    pub(super) fn file(mut self, path: &str, text: &str) -> Scenario {
        self.files.push((path.to_owned(), text.to_owned()));
        self
    }

    /// A valid effective document `docs/<id>.md`; lines of `extra` replace or add fields.
    pub(super) fn doc(self, id: &str, extra: &str, body: &str) -> Scenario {
        let mut fields: Vec<(String, String)> = [
            ("id", id.to_owned()),
            ("title", format!("Document {id}")),
            ("type", "procedure".to_owned()),
            ("version", "\"1.0\"".to_owned()),
            ("status", "effective".to_owned()),
            ("owner", "Quality Manager".to_owned()),
            ("approver", "Managing Director".to_owned()),
            ("approved", "2026-06-01".to_owned()),
            ("effective", "2026-06-08".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        for line in extra.lines().filter(|l| !l.trim().is_empty()) {
            let (key, value) = line.split_once(':').map_or((line, ""), |(k, v)| (k.trim(), v.trim()));
            match fields.iter_mut().find(|(k, _)| *k == key) {
                Some(field) if value == "~drop" => field.1 = String::new(),
                Some(field) => value.clone_into(&mut field.1),
                None => fields.push((key.to_owned(), value.to_owned())),
            }
        }
        let mut front = String::new();
        for (key, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
            let _ = writeln!(front, "{key}: {value}");
        }
        self.file(&format!("docs/{id}.md"), &format!("---\n{front}---\n\n# {id}\n\n{body}\n"))
    }

    /// The findings at warning or error, as `(path, rule)`.
    pub(super) fn findings(&self) -> Vec<(String, Rule)> {
        let config = crate::config::parse(Path::new("/qms"), &self.config).expect("the configuration is valid");
        let mut source = MemorySource::new(&config.documents);
        for (path, text) in &self.files {
            source.insert(path.clone(), text.as_bytes().to_vec());
        }
        let mut records = MemorySource::new(&config.records.folder);
        for (path, text) in &self.files {
            records.insert(path.clone(), text.as_bytes().to_vec());
        }
        let mut project = Project::from_source(config, crate::standards::builtin(), &source).expect("the set loads");
        project.load_records(&records).expect("the records load");
        let today: Date = TODAY.parse().expect("a date");
        let outcome = project.check(today, None, None);
        outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity > Severity::Note)
            .map(|d| {
                let path = d.span.as_ref().map_or(String::new(), |s| project.files().get(s.file).path.clone());
                (path, d.rule)
            })
            .collect()
    }

    fn rules(&self) -> Vec<Rule> {
        self.findings().into_iter().map(|(_, rule)| rule).collect()
    }

    pub(super) fn has(&self, rule: Rule) -> bool {
        self.rules().contains(&rule)
    }
}

/// `rule` fires on `bad` and not on `good`.
pub(super) fn fires(rule: Rule, bad: &Scenario, good: &Scenario) {
    assert!(bad.has(rule), "{} should fire: {:?}", rule.code(), bad.findings());
    assert!(!good.has(rule), "{} should not fire: {:?}", rule.code(), good.findings());
}

fn one(id: &str, extra: &str, body: &str) -> Scenario {
    Scenario::new().doc(id, extra, body)
}

#[test]
fn a_clean_document_has_no_findings() {
    assert_eq!(one("SOP-1", "", "Text.").findings(), []);
}

#[test]
fn front_matter_rules() {
    fires(Rule::EmptyDocument, &Scenario::new().file("docs/a.md", ""), &one("SOP-1", "", ""));
    fires(Rule::MissingFrontMatter, &Scenario::new().file("docs/a.md", "# Title\n"), &one("SOP-1", "", ""));
    fires(Rule::UnclosedFrontMatter, &Scenario::new().file("docs/a.md", "---\nid: A-1\n"), &one("SOP-1", "", ""));
    fires(Rule::InvalidYaml, &Scenario::new().file("docs/a.md", "---\nid: [A-1\n---\n"), &one("SOP-1", "", ""));
    fires(Rule::FrontMatterNotMapping, &Scenario::new().file("docs/a.md", "---\n- a\n---\n"), &one("SOP-1", "", ""));
    fires(
        Rule::DuplicateField,
        &Scenario::new().file("docs/a.md", "---\nid: A-1\nid: A-2\n---\n"),
        &one("SOP-1", "", ""),
    );
    fires(Rule::UnknownField, &one("SOP-1", "departmnt: Quality", ""), &one("SOP-1", "", ""));
    fires(Rule::MissingField, &one("SOP-1", "owner: ~drop", ""), &one("SOP-1", "", ""));
    fires(Rule::MissingField, &one("SOP-1", "title: \"\"", ""), &one("SOP-1", "", ""));
    fires(Rule::InvalidFieldType, &one("SOP-1", "title: [a, b]", ""), &one("SOP-1", "", ""));
    fires(Rule::InvalidDate, &one("SOP-1", "approved: 2026-02-30", ""), &one("SOP-1", "", ""));
    fires(Rule::InvalidVersion, &one("SOP-1", "version: v1", ""), &one("SOP-1", "version: \"1.10\"", ""));
    fires(Rule::InvalidStatus, &one("SOP-1", "status: efective", ""), &one("SOP-1", "", ""));
    fires(Rule::UnknownDocumentType, &one("SOP-1", "type: memo", ""), &one("SOP-1", "type: form", ""));
    fires(
        Rule::InvalidInterval,
        &one("SOP-1", "review_interval: 0 months", ""),
        &one("SOP-1", "review_interval: 6 months", ""),
    );
}

#[test]
fn identity_rules() {
    let twice = Scenario::new().doc("SOP-1", "", "").file("docs/copy.md", &one("SOP-1", "", "").files[0].1);
    fires(Rule::DuplicateId, &twice, &one("SOP-1", "", ""));
    fires(Rule::InvalidId, &one("sop 1", "", ""), &one("SOP-1", "", ""));
}

#[test]
fn link_rules() {
    let good = Scenario::new().doc("SOP-1", "", "## Scope\n\n[scope](#scope) [two](SOP-2.md)").doc("SOP-2", "", "");
    fires(Rule::BrokenLink, &one("SOP-1", "", "[x](missing.md)"), &good);
    fires(Rule::BrokenAnchor, &one("SOP-1", "", "[x](#nowhere)"), &good);
    fires(Rule::LinkOutsideRoot, &one("SOP-1", "", "[x](../../etc/passwd)"), &good);
    fires(Rule::AbsoluteLink, &one("SOP-1", "", "[x](/etc/passwd)"), &good);
    fires(Rule::UnsafeLink, &one("SOP-1", "", "[x](javascript:alert(1))"), &good);
    fires(Rule::UnpublishedLink, &one("SOP-1", "", "[x](ftp://files.example.com/a)"), &good);
    let to_draft = Scenario::new().doc("SOP-1", "", "[d](SOP-2.md)").doc("SOP-2", "status: draft", "");
    fires(Rule::LinkToDraft, &to_draft, &good);
    let to_obsolete = Scenario::new().doc("SOP-1", "", "[o](SOP-2.md)").doc(
        "SOP-2",
        "status: obsolete\nwithdrawn: 2026-07-01\neffective: ~drop",
        "",
    );
    fires(Rule::LinkToObsolete, &to_obsolete, &good);
    // Pandoc's lettered lists (comply's documents) are read as lists, so a link on an indented
    // `i.` line is a link, not code.
    let lettered = |target: &str| {
        one("SOP-1", "", &format!("Controls:\n\na. Access is reviewed.\n\n    i. See [the form]({target}).\n"))
            .doc("SOP-2", "", "")
    };
    fires(Rule::BrokenLink, &lettered("missing.md"), &lettered("SOP-2.md"));
    let drawing = |svg: &str| one("SOP-1", "", "![flow](flow.svg)").file("docs/flow.svg", svg);
    fires(
        Rule::UnsafeSvg,
        &drawing("<svg><script>alert(1)</script></svg>"),
        &drawing("<svg><rect width=\"4\" height=\"4\"/></svg>"),
    );
}

#[test]
fn lifecycle_rules() {
    let good = one("SOP-1", "", "");
    fires(Rule::MissingApproval, &one("SOP-1", "approver: ~drop", ""), &good);
    fires(Rule::EffectiveBeforeApproved, &one("SOP-1", "effective: 2026-05-01", ""), &good);
    fires(Rule::DateInFuture, &one("SOP-1", "approved: 2027-01-01\neffective: 2027-01-08", ""), &good);
    fires(Rule::StatusDateMismatch, &one("SOP-1", "effective: 2026-12-20", ""), &good);
    fires(Rule::ObsoleteWithoutSuccessor, &one("SOP-1", "status: obsolete\neffective: ~drop", ""), &good);
    fires(Rule::UnknownDocumentId, &one("SOP-1", "supersedes: [SOP-9]", ""), &good);
    // SOP-2 names SOP-3 as its successor, and SOP-3 says it supersedes SOP-1 only.
    let one_sided = Scenario::new()
        .doc("SOP-1", "status: obsolete\nsuperseded_by: [SOP-3]\neffective: ~drop", "")
        .doc("SOP-2", "status: obsolete\nsuperseded_by: [SOP-3]\neffective: ~drop", "")
        .doc("SOP-3", "supersedes: [SOP-1]", "");
    let agreeing = Scenario::new().doc("SOP-1", "status: obsolete\nsuperseded_by: [SOP-3]\neffective: ~drop", "").doc(
        "SOP-3",
        "supersedes: [SOP-1]",
        "",
    );
    fires(Rule::SupersessionMismatch, &one_sided, &agreeing);
    fires(Rule::SupersessionMismatch, &one("SOP-1", "supersedes: [SOP-1]", ""), &good);
}

#[test]
fn review_rules() {
    fires(Rule::ReviewOverdue, &one("SOP-1", "approved: 2025-06-01\neffective: 2025-06-08", ""), &one("SOP-1", "", ""));
    fires(Rule::ReviewDueSoon, &one("SOP-1", "approved: 2025-12-10\neffective: 2025-12-17", ""), &one("SOP-1", "", ""));
}

const ISO9001: &str = "[qms]\ndocuments = \"docs\"\nstandards = [\"iso9001:2015\"]\n";

#[test]
fn standards_rules() {
    let good = one("SOP-1", "clauses: {\"iso9001:2015\": [\"7.5\"]}", "");
    fires(Rule::UnknownStandard, &one("SOP-1", "clauses: {\"iso9999:2015\": [\"7.5\"]}", ""), &good);
    fires(
        Rule::UnknownClause,
        &one("SOP-1", "clauses: {\"iso9001:2015\": [\"7.55\"]}", "").config(ISO9001),
        &good.clone_with(ISO9001),
    );
    fires(Rule::StandardNotEnabled, &good, &good.clone_with(ISO9001));
    let addressed = Scenario::new().config(ISO9001).doc("SOP-1", "clauses: {\"iso9001:2015\": [\"7.1.5.1\"]}", "");
    assert!(addressed.has(Rule::MissingRequiredDocument), "{:?}", addressed.findings());
    let excluded =
        Scenario::new().config(&format!("{ISO9001}\n[applicability.\"iso9001:2015\"]\n\"8.3\" = \"No design.\"\n"));
    assert!(!excluded.has(Rule::InvalidApplicability) && !excluded.has(Rule::ClauseNotExcludable));
    fires(
        Rule::InvalidApplicability,
        &Scenario::new().config(&format!("{ISO9001}\n[applicability.\"iso9001:2015\"]\n\"99.9\" = \"No.\"\n")),
        &excluded,
    );
    fires(
        Rule::ClauseNotExcludable,
        &Scenario::new().config(&format!("{ISO9001}\n[applicability.\"iso9001:2015\"]\n\"7.5\" = \"No.\"\n")),
        &excluded,
    );
}

#[test]
fn statement_of_applicability_rules() {
    let iso27001 = "[qms]\ndocuments = \"docs\"\nstandards = [\"iso27001:2022\"]\n";
    let without = Scenario::new().config(iso27001).doc("SOP-1", "", "");
    assert!(without.has(Rule::MissingSoa), "{:?}", without.findings());
    let statement = |rows: &str| {
        Scenario::new().config(iso27001).doc(
            "REG-1",
            "type: register\nsoa: iso27001:2022",
            &format!("| Control | Applicable | Justification |\n|---|---|---|\n{rows}"),
        )
    };
    let unreadable = statement("| A.5.1 | maybe | ? |\n");
    assert!(unreadable.has(Rule::InvalidSoa), "{:?}", unreadable.findings());
    assert!(!unreadable.has(Rule::MissingSoa), "{:?}", unreadable.findings());
    let partial = statement("| A.5.1 | yes | Policies are needed. |\n");
    assert!(partial.has(Rule::SoaIncomplete) && !partial.has(Rule::InvalidSoa), "{:?}", partial.findings());
}

impl Scenario {
    fn clone_with(&self, config: &str) -> Scenario {
        Scenario { config: config.to_owned(), files: self.files.clone() }
    }
}
