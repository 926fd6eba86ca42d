//! Which skeleton document each required item of a standard goes into when `qms init` writes a
//! new QMS: shared ones (scope, manual, policy, objectives, operational control) found through
//! the Harmonized-Structure clause the item's clause implements, so an integrated system gets
//! one policy for all its standards; the rest by standard and clause.

use crate::model::{Requirement, Standard};

/// The owner of a skeleton no discipline's manager owns.
const MR: &str = "Management Representative";

/// Where a required item belongs: a key shared by the items that go into one document, the
/// document's type, title and owner.
pub struct Skeleton {
    pub key: String,
    pub doc_type: &'static str,
    pub title: String,
    pub owner: &'static str,
}

fn skeleton(key: &str, doc_type: &'static str, title: impl Into<String>, owner: &'static str) -> Skeleton {
    Skeleton { key: key.to_owned(), doc_type, title: title.into(), owner }
}

/// The skeleton for `requirement` of `clause` in `standard`; `disciplines` names the whole
/// system ("Quality and Energy"); `soa_title` the Statement of Applicability of this standard.
pub fn skeleton_for(
    standard: &Standard,
    clause: &str,
    requirement: &Requirement,
    disciplines: &str,
    soa_title: &str,
) -> Skeleton {
    let is = |ids: &[&str]| ids.contains(&clause);
    let under = |prefix: &str| clause == prefix || clause.starts_with(&format!("{prefix}."));
    let family = standard.id.split(':').next().unwrap_or_default();
    let what = requirement.what.to_lowercase();
    let hs = standard.clause(clause).and_then(|c| c.hs.as_deref()).unwrap_or_default();
    match family {
        "iso45001" if is(&["5.3"]) => {
            skeleton("roles", "procedure", "Roles, Responsibilities and Authorities", "Managing Director")
        }
        "iso45001" if is(&["6.1.2.2"]) => skeleton(
            "hazards",
            "register",
            "Hazard Identification and OH&S Risk Assessment",
            "Health and Safety Manager",
        ),
        "iso14001" if is(&["6.1.2"]) => {
            skeleton("aspects", "register", "Environmental Aspects and Impacts Register", "Environmental Manager")
        }
        "iso14001" | "iso45001" if is(&["6.1.3"]) => {
            skeleton("obligations", "register", "Compliance Obligations Register", MR)
        }
        "iso14001" | "iso45001" if is(&["6.1.1"]) => {
            skeleton("risks", "register", "Risks and Opportunities Register", MR)
        }
        _ if what.starts_with("statement of applicability") => {
            skeleton(&format!("soa {}", standard.id), "register", soa_title, "Information Security Manager")
        }
        "iso27001" if what.contains("treatment plan") => skeleton(
            "treatment-plan",
            "plan",
            "Information Security Risk Treatment Plan",
            "Information Security Manager",
        ),
        "iso27001" if is(&["6.1.2", "6.1.3"]) => skeleton(
            "isrisk",
            "procedure",
            "Information Security Risk Assessment and Treatment",
            "Information Security Manager",
        ),
        "iso27701" if what.contains("treatment plan") => {
            skeleton("privacy-treatment-plan", "plan", "Privacy Risk Treatment Plan", "Data Protection Officer")
        }
        "iso27701" if is(&["6.1.2", "6.1.3"]) => {
            skeleton("privacy-risk", "procedure", "Privacy Risk Assessment and Treatment", "Data Protection Officer")
        }
        "iso50001" if is(&["6.3"]) => skeleton("energy-review", "procedure", "Energy Review", "Energy Manager"),
        "iso50001" if is(&["6.4", "6.5"]) => {
            skeleton("enpi", "register", "Energy Performance Indicators and Energy Baselines", "Energy Manager")
        }
        "iso50001" if is(&["6.6"]) => skeleton("energy-data", "plan", "Energy Data Collection Plan", "Energy Manager"),
        "iso22000" if under("8.2") => {
            skeleton("prp", "procedure", "Prerequisite Programmes", "Food Safety Team Leader")
        }
        "iso22000" if under("8.5.1") => skeleton(
            "product-information",
            "register",
            "Product Descriptions and Flow Diagrams",
            "Food Safety Team Leader",
        ),
        "iso22000" if under("8.5.2") || under("8.5.3") => {
            skeleton("hazard-analysis", "register", "Food Safety Hazard Analysis", "Food Safety Team Leader")
        }
        "iso22000" if under("8.5.4") => {
            skeleton("hazard-control-plan", "plan", "Hazard Control Plan (HACCP/OPRP Plan)", "Food Safety Team Leader")
        }
        "iso22000" if is(&["8.9.5"]) => {
            skeleton("recall", "procedure", "Withdrawal and Recall", "Food Safety Team Leader")
        }
        "iso14001" | "iso45001" if is(&["8.2"]) => {
            skeleton("emergency", "procedure", "Emergency Preparedness and Response", MR)
        }
        "iso22000" if under("8.4") => skeleton("emergency", "procedure", "Emergency Preparedness and Response", MR),
        "iso13485" if is(&["4.2.2"]) => skeleton("manual", "manual", "Management System Manual", MR),
        "iso13485" if is(&["4.2.3"]) => {
            skeleton("device-file", "register", "Medical Device File", "Regulatory Affairs Manager")
        }
        "iso13485" if what.contains("risk management") => {
            skeleton("risk-management", "procedure", "Risk Management", MR)
        }
        _ if hs == "4.3" => skeleton("scope", "scope", "Scope of the Management System", MR),
        _ if hs == "4.4" => skeleton("manual", "manual", "Management System Manual", MR),
        _ if hs == "5.2" => skeleton("policy", "policy", format!("{disciplines} Policy"), "Managing Director"),
        _ if hs == "6.2" => {
            skeleton("objectives", "objectives", format!("{disciplines} Objectives"), "Managing Director")
        }
        _ if hs == "8.1" || (family == "iso9001" && is(&["8.5.1"])) => {
            skeleton("operations", "procedure", "Operational Planning and Control", "Operations Manager")
        }
        _ => skeleton(&format!("{}-{clause}", standard.id), "procedure", own_title(standard, clause, requirement), MR),
    }
}

/// A procedure's title from its clause: the clause's title, the enclosing clause's for a
/// "General" sub-clause (ISO 13485 5.6.1 → "Management review"), the item itself for an
/// untitled paragraph.
fn own_title(standard: &Standard, clause: &str, requirement: &Requirement) -> String {
    let Some(found) = standard.clause(clause) else { return clause.to_owned() };
    if found.untitled {
        let what = &requirement.what;
        return what.split([':', ',']).next().unwrap_or(what).trim().to_owned();
    }
    if found.title == "General"
        && let Some(parent) = found.parent.as_deref().and_then(|p| standard.clause(p))
    {
        return parent.title.clone();
    }
    found.title.clone()
}
