//! `qms init`: the configuration and the skeleton documents a new QMS starts from, derived
//! from the required documented information of the chosen standards.

use super::skeletons::{Skeleton, skeleton_for};
use super::text::toml_text;
use super::{NewDocument, default_folder, default_prefix};
use crate::model::{Date, RequirementKind, Standard};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Files to write: `qms.toml`, documents (folder under `docs/`, document) and the records
/// folder's README and examples (path under `records/`, text).
#[derive(Debug)]
pub struct InitPlan {
    pub qms_toml: String,
    pub documents: Vec<(String, NewDocument)>,
    pub records: Vec<(String, String)>,
}

/// "Quality and Environmental", "Quality, Environmental and Information Security": the
/// discipline each catalog names, or its title up to the first dash, each once.
fn disciplines(standards: &[&Standard]) -> String {
    let mut names: Vec<String> = Vec::new();
    for standard in standards {
        let name = standard
            .discipline
            .clone()
            .unwrap_or_else(|| standard.title.split(" — ").next().unwrap_or(&standard.title).trim().to_owned());
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    match names.as_slice() {
        [] => "Management System".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The title of `standard`'s Statement of Applicability: plain when it is the only one.
fn soa_title(standard: &Standard, standards: &[&Standard]) -> String {
    let with_controls = standards.iter().filter(|s| s.annex_controls().next().is_some()).count();
    match &standard.discipline {
        Some(discipline) if with_controls > 1 => format!("Statement of Applicability ({discipline})"),
        _ => "Statement of Applicability".to_owned(),
    }
}

/// Plans the files of a new QMS for `standards`; the example records are dated `today`.
pub fn plan_init(organization: &str, standards: &[&Standard], today: Date) -> InitPlan {
    let disciplines = disciplines(standards);
    let mut skeletons: BTreeMap<String, NewDocument> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for standard in standards {
        for clause in standard.clauses().iter().filter(|c| !c.is_annex_control()) {
            for requirement in
                clause.requirements.iter().filter(|r| r.kind == RequirementKind::Document && !r.is_only_if())
            {
                let soa = soa_title(standard, standards);
                let Skeleton { key, doc_type, title, owner } =
                    skeleton_for(standard, &clause.id, requirement, &disciplines, &soa);
                let document = skeletons.entry(key.clone()).or_insert_with(|| {
                    order.push(key.clone());
                    NewDocument {
                        id: String::new(),
                        title,
                        doc_type: doc_type.to_owned(),
                        owner: owner.to_owned(),
                        clauses: Vec::new(),
                        extra: Vec::new(),
                        appendix: String::new(),
                    }
                });
                document.cite(&standard.id, &clause.id);
                if key.starts_with("soa ") && document.appendix.is_empty() {
                    document.extra.push(format!("soa: {}", standard.id));
                    document.appendix = soa_table(standard);
                }
            }
        }
    }
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    let documents = order
        .into_iter()
        .filter_map(|key| skeletons.remove(&key))
        .map(|mut document| {
            let prefix = default_prefix(&document.doc_type);
            let number = numbers.entry(prefix.clone()).or_default();
            *number += 1;
            document.id = format!("{prefix}-{number:03}");
            (default_folder(&document.doc_type), document)
        })
        .collect();
    InitPlan {
        qms_toml: qms_toml(organization, standards, &disciplines),
        documents,
        records: super::record_examples::record_files(standards, today),
    }
}

/// Rows for every Annex A control, to be decided.
fn soa_table(standard: &Standard) -> String {
    let mut table = String::from(
        "## Controls\n\n> Guidance: decide each control from the risk treatment: Applicable `yes` or `no`, the justification (the risks it treats, or why it is excluded) and the implementation status (implemented, partially implemented, planned).\n\n| Control | Title | Applicable | Justification | Status |\n|---|---|---|---|---|\n",
    );
    for control in standard.annex_controls() {
        let _ = writeln!(table, "| {} | {} |  |  |  |", control.id, control.title.replace('|', "\\|"));
    }
    table
}

fn qms_toml(organization: &str, standards: &[&Standard], disciplines: &str) -> String {
    let ids = standards.iter().map(|s| format!("\"{}\"", s.id)).collect::<Vec<_>>().join(", ");
    let name = toml_text(organization);
    let title = toml_text(&format!("{organization} {disciplines} Management System"));
    format!(
        r#"# Configuration of the controlled document set; `qms check` reads it. Every key is explained
# in the qms README ("qms.toml").

[organization]
name = {name}

[qms]
documents = "docs"
records = "records"                        # audits, nonconformities, management reviews, certificates
# Markdown files that are neither documents nor records, matched from the documents folder, the
# records folder or this folder: READMEs, and the example records to copy from.
exclude = ["**/README.md", "records/{examples}/**"]
standards = [{ids}]
integrated = {integrated}

[review]
interval = "12 months"
due_soon = "30 days"
by_type = {{ "work-instruction" = "24 months", "form" = "24 months" }}

# Requirements that do not apply, each with its justification, for example:
# [applicability."iso9001:2015"]
# "8.3" = "We make products to our customers' designs and do no design and development."

[releases]
tags = "v*"

[site]
title = {title}
"#,
        integrated = standards.len() > 1,
        examples = super::record_examples::EXAMPLES_FOLDER
    )
}
