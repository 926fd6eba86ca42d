//! `qms init`: the configuration and the skeleton documents a new QMS starts from, derived
//! from the required documented information of the chosen standards.

use super::text::toml_text;
use super::{NewDocument, default_folder, default_prefix};
use crate::model::{Requirement, RequirementKind, Standard};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Files to write: `qms.toml` and documents (folder under `docs/`, document).
#[derive(Debug)]
pub struct InitPlan {
    pub qms_toml: String,
    pub documents: Vec<(String, NewDocument)>,
}

/// The skeleton a required item belongs in: (key, type, title, owner).
fn skeleton_for(
    standard: &Standard,
    clause: &str,
    requirement: &Requirement,
    disciplines: &str,
) -> (String, &'static str, String, &'static str) {
    let is = |ids: &[&str]| ids.contains(&clause);
    let family = standard.id.split(':').next().unwrap_or_default();
    let what = requirement.what.to_lowercase();
    let (key, doc_type, title, owner) = match family {
        _ if is(&["4.3"]) => {
            ("scope", "scope", "Scope of the Management System".to_owned(), "Management Representative")
        }
        _ if is(&["4.4", "4.4.2"]) => {
            ("manual", "manual", "Management System Manual".to_owned(), "Management Representative")
        }
        _ if is(&["5.2", "5.2.1", "5.2.2"]) => {
            ("policy", "policy", format!("{disciplines} Policy"), "Managing Director")
        }
        _ if is(&["6.2", "6.2.1", "6.2.2"]) => {
            ("objectives", "objectives", format!("{disciplines} Objectives"), "Managing Director")
        }
        "iso45001" if is(&["5.3"]) => {
            ("roles", "procedure", "Roles, Responsibilities and Authorities".to_owned(), "Managing Director")
        }
        "iso45001" if is(&["6.1.2.2"]) => (
            "hazards",
            "register",
            "Hazard Identification and OH&S Risk Assessment".to_owned(),
            "Health and Safety Manager",
        ),
        "iso14001" if is(&["6.1.2"]) => {
            ("aspects", "register", "Environmental Aspects and Impacts Register".to_owned(), "Environmental Manager")
        }
        "iso14001" | "iso45001" if is(&["6.1.3"]) => {
            ("obligations", "register", "Compliance Obligations Register".to_owned(), "Management Representative")
        }
        "iso14001" | "iso45001" if is(&["6.1.1"]) => {
            ("risks", "register", "Risks and Opportunities Register".to_owned(), "Management Representative")
        }
        "iso27001" if what.starts_with("statement of applicability") => {
            ("soa", "register", "Statement of Applicability".to_owned(), "Information Security Manager")
        }
        "iso27001" if what.contains("treatment plan") => (
            "treatment-plan",
            "plan",
            "Information Security Risk Treatment Plan".to_owned(),
            "Information Security Manager",
        ),
        "iso27001" if is(&["6.1.2", "6.1.3"]) => (
            "isrisk",
            "procedure",
            "Information Security Risk Assessment and Treatment".to_owned(),
            "Information Security Manager",
        ),
        _ if is(&["8.1", "8.1.1", "8.5.1"]) => {
            ("operations", "procedure", "Operational Planning and Control".to_owned(), "Operations Manager")
        }
        "iso14001" | "iso45001" if is(&["8.2"]) => {
            ("emergency", "procedure", "Emergency Preparedness and Response".to_owned(), "Management Representative")
        }
        _ => {
            let title = standard.clause(clause).map_or_else(|| clause.to_owned(), |c| c.title.clone());
            return (format!("{}-{clause}", standard.id), "procedure", title, "Management Representative");
        }
    };
    (key.to_owned(), doc_type, title, owner)
}

/// "Quality and Environmental", "Quality, Environmental and Information Security".
fn disciplines(standards: &[&Standard]) -> String {
    let names: Vec<&str> = standards
        .iter()
        .map(|s| match s.id.split(':').next().unwrap_or_default() {
            "iso9001" => "Quality",
            "iso14001" => "Environmental",
            "iso45001" => "Health and Safety",
            "iso27001" => "Information Security",
            _ => "Management System",
        })
        .collect();
    match names.as_slice() {
        [] => "Management System".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Plans the files of a new QMS for `standards`.
pub fn plan_init(organization: &str, standards: &[&Standard]) -> InitPlan {
    let disciplines = disciplines(standards);
    let mut skeletons: BTreeMap<String, NewDocument> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for standard in standards {
        for clause in standard.clauses().iter().filter(|c| !c.is_annex_control()) {
            for requirement in
                clause.requirements.iter().filter(|r| r.kind == RequirementKind::Document && !r.is_only_if())
            {
                let (key, doc_type, title, owner) = skeleton_for(standard, &clause.id, requirement, &disciplines);
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
                if key == "soa" && document.appendix.is_empty() {
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
    InitPlan { qms_toml: qms_toml(organization, standards, &disciplines), documents }
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
        integrated = standards.len() > 1
    )
}
