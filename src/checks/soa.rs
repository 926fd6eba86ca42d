//! The Statement of Applicability: one in force for each enabled standard with Annex A
//! controls, covering every control once, each with a readable yes/no and a justification.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule};
use crate::model::{Document, SoaShape, read_soa};
use std::collections::BTreeSet;

pub struct StatementOfApplicability;

impl Check for StatementOfApplicability {
    fn rules(&self) -> &'static [Rule] {
        &[Rule::MissingSoa, Rule::InvalidSoa, Rule::SoaIncomplete]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        for document in ctx.register.documents() {
            let Some(soa) = &document.meta.soa else { continue };
            let has_controls =
                ctx.catalogs.get(soa.value.as_str()).is_some_and(|s| s.annex_controls().next().is_some());
            if !ctx.is_enabled(&soa.value) || !has_controls {
                out.push(
                    Diagnostic::new(
                        Rule::InvalidSoa,
                        format!("`soa: {}` names no enabled standard with Annex A controls", soa.value),
                    )
                    .at(document.span(soa.range.clone()))
                    .field("soa")
                    .help("write `soa: iso27001:2022` (or the id of an enabled standard with Annex A controls)"),
                );
            }
        }
        for enabled in ctx.enabled {
            let Some(standard) = ctx.catalogs.get(enabled.value.as_str()) else { continue };
            let controls: Vec<&str> = standard.annex_controls().map(|c| c.id.as_str()).collect();
            if controls.is_empty() {
                continue;
            }
            let statements: Vec<&Document> = ctx
                .register
                .documents()
                .iter()
                .filter(|d| d.meta.soa.as_ref().is_some_and(|s| s.value == standard.id))
                .collect();
            let in_force: Vec<&Document> = statements.iter().copied().filter(|d| d.in_force(ctx.today)).collect();
            let Some((statement, extra)) = in_force.split_first() else {
                let drafts: Vec<String> = statements.iter().map(|d| d.label()).collect();
                let drafts = if drafts.is_empty() {
                    String::new()
                } else {
                    format!(" ({} is not in force yet)", drafts.join(", "))
                };
                out.push(
                    Diagnostic::new(Rule::MissingSoa, format!("{} is enabled but no Statement of Applicability is in force{drafts}", standard.id))
                        .at(ctx.enabled_span(&standard.id))
                        .help(format!("add a register with `soa: {}` and a table Control | Applicable | Justification | Status, one row per Annex A control, and approve it", standard.id)),
                );
                continue;
            };
            for other in extra {
                out.push(
                    Diagnostic::new(
                        Rule::InvalidSoa,
                        format!(
                            "a second Statement of Applicability for {} is in force; {} is the first",
                            standard.id,
                            statement.label()
                        ),
                    )
                    .at(other.field_span("soa"))
                    .field("soa")
                    .help("keep one statement in force; make the older one obsolete"),
                );
            }
            check_statement(statement, &controls, out);
        }
    }
}

fn check_statement(document: &Document, controls: &[&str], out: &mut Vec<Diagnostic>) {
    let Some(Ok(soa)) = read_soa(document) else {
        if let Some(Err(SoaShape::NoTable { columns })) = read_soa(document) {
            let found = if columns.is_empty() {
                "it has no table".to_owned()
            } else {
                format!("its table has the columns {}", columns.join(", "))
            };
            out.push(
                Diagnostic::new(
                    Rule::InvalidSoa,
                    format!("the Statement of Applicability has no table with a control column and an applicability column; {found}"),
                )
                .at(document.field_span("soa"))
                .field("soa")
                .help("name the columns as one of: Control, Ref or ID for the control; Applicable, Included or Selected for the decision; Justification, Reason or Comment; Status or Implementation"),
            );
        }
        return;
    };
    // Rows that name no control of the standard at all mean the wrong column was read: one
    // finding, not one per row.
    if !soa.entries.is_empty() && soa.entries.iter().all(|e| !controls.contains(&e.control.as_str())) {
        let first = &soa.entries[0].control;
        out.push(
            Diagnostic::new(
                Rule::InvalidSoa,
                format!(
                    "none of the {} rows names an Annex A control of {} (the first reads `{first}`)",
                    soa.entries.len(),
                    soa.standard
                ),
            )
            .at(document.span(soa.entries[0].range.clone()))
            .help("put the control ids (A.5.1 or 5.1) in the column headed Control, Ref or ID"),
        );
        return;
    }
    let known: BTreeSet<&str> = controls.iter().copied().collect();
    let mut seen = BTreeSet::new();
    for entry in &soa.entries {
        let invalid = |message: String, help: &str| {
            Diagnostic::new(Rule::InvalidSoa, message).at(document.span(entry.range.clone())).help(help)
        };
        if !known.contains(entry.control.as_str()) {
            let hint = crate::suggest::did_you_mean(&entry.control, controls.iter().copied());
            out.push(invalid(
                format!("`{}` is not an Annex A control of {}{hint}", entry.control, soa.standard),
                "use the control ids of the standard, such as A.5.1",
            ));
            continue;
        }
        if !seen.insert(entry.control.as_str()) {
            out.push(invalid(format!("control {} is listed twice", entry.control), "keep one row per control"));
            continue;
        }
        if entry.applicable.is_none() {
            out.push(invalid(
                format!("control {}: cannot read `{}` as applicable yes or no", entry.control, entry.applicable_text),
                "write `yes` or `no` in the Applicable column",
            ));
        }
        if entry.justification.trim().is_empty() {
            out.push(invalid(
                format!(
                    "control {} has no justification for its {}",
                    entry.control,
                    if entry.applicable == Some(false) { "exclusion" } else { "inclusion" }
                ),
                "say why the control is included (the risk it treats) or excluded",
            ));
        }
    }
    let missing: Vec<&str> = controls.iter().copied().filter(|c| !seen.contains(c)).collect();
    if !missing.is_empty() {
        let shown = missing.iter().take(12).copied().collect::<Vec<_>>().join(", ");
        let more = if missing.len() > 12 { format!(" and {} more", missing.len() - 12) } else { String::new() };
        out.push(
            Diagnostic::new(
                Rule::SoaIncomplete,
                format!(
                    "the Statement of Applicability leaves out {} of {} controls: {shown}{more}",
                    missing.len(),
                    controls.len()
                ),
            )
            .at(document.field_span("soa"))
            .field("soa")
            .help("add a row for each control, included or excluded, with its justification"),
        );
    }
}
