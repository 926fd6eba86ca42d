//! Standards: clause references name real standards and clauses, `[applicability]` entries are
//! justified and excludable, and every required document of every enabled standard is in force.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule, Span};
use crate::suggest::did_you_mean;
use crate::trace::RequirementState;

pub struct Standards;

impl Check for Standards {
    fn rules(&self) -> &'static [Rule] {
        &[
            Rule::UnknownStandard,
            Rule::StandardNotEnabled,
            Rule::UnknownClause,
            Rule::MissingRequiredDocument,
            Rule::InvalidApplicability,
            Rule::ClauseNotExcludable,
        ]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        clause_references(ctx, out);
        applicability(ctx, out);
        required_documents(ctx, out);
    }
}

fn clause_references(ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    for document in ctx.register.documents() {
        for (standard_id, clauses) in &document.meta.clauses {
            let key = document.meta.clause_keys.get(standard_id).cloned().unwrap_or_default();
            let Some(standard) = ctx.catalogs.get(standard_id.as_str()) else {
                let (hint, help) = match crate::standards::not_certifiable(standard_id) {
                    Some(not) => (String::new(), not.advice()),
                    None => (
                        did_you_mean(standard_id, ctx.catalogs.keys().copied()),
                        "use a catalog id such as `iso9001:2015`, or add the catalog as standards/<name>.toml"
                            .to_owned(),
                    ),
                };
                out.push(
                    Diagnostic::new(
                        Rule::UnknownStandard,
                        format!("no catalog defines the standard `{standard_id}`{hint}"),
                    )
                    .at(document.span(key))
                    .field("clauses")
                    .help(help),
                );
                continue;
            };
            if !ctx.is_enabled(standard_id) {
                out.push(
                    Diagnostic::new(
                        Rule::StandardNotEnabled,
                        format!(
                            "`{standard_id}` is cited but not enabled in qms.toml, so these clauses are not traced"
                        ),
                    )
                    .at(document.span(key))
                    .field("clauses")
                    .help(format!("add \"{standard_id}\" to `[qms] standards`, or remove the citations")),
                );
            }
            for clause in clauses.iter().filter(|c| standard.clause(&c.value).is_none()) {
                let hint = did_you_mean(&clause.value, standard.clauses().iter().map(|c| c.id.as_str()));
                out.push(
                    Diagnostic::new(
                        Rule::UnknownClause,
                        format!("{} has no clause `{}`{hint}", standard.id, clause.value),
                    )
                    .at(document.span(clause.range.clone()))
                    .field("clauses")
                    .help(format!("`qms trace --standard {}` lists the clauses", standard.id)),
                );
            }
        }
    }
}

fn applicability(ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    for (standard_id, clauses) in ctx.applicability {
        for (clause_id, justification) in clauses {
            let at = Span::new(ctx.config_file, justification.range.clone());
            let invalid = |message: String, help: &str| {
                Diagnostic::new(Rule::InvalidApplicability, message).at(at.clone()).help(help)
            };
            let Some(standard) = ctx.catalogs.get(standard_id.as_str()).filter(|_| ctx.is_enabled(standard_id)) else {
                out.push(invalid(
                    format!("`[applicability.\"{standard_id}\"]` names a standard that is not enabled"),
                    "use the id of an enabled standard, as written in `[qms] standards`",
                ));
                break;
            };
            if standard.clause(clause_id).is_none() {
                let hint = did_you_mean(clause_id, standard.clauses().iter().map(|c| c.id.as_str()));
                out.push(invalid(
                    format!("{standard_id} has no clause `{clause_id}` to declare not applicable{hint}"),
                    "name a clause of the standard",
                ));
                continue;
            }
            if justification.value.trim().is_empty() {
                out.push(invalid(
                    format!("clause {clause_id} of {standard_id} is declared not applicable without a justification"),
                    "write why the clause does not apply as the entry's value",
                ));
            }
            if let Some(barrier) = standard.exclusion_barrier(clause_id) {
                let below = if barrier.id == *clause_id {
                    String::new()
                } else {
                    format!(" (its catalog marks clause {} and every clause below it not excludable)", barrier.id)
                };
                let rule = standard.exclusion_rule.as_deref().map_or_else(String::new, |rule| format!("{rule}; "));
                out.push(
                    Diagnostic::new(
                        Rule::ClauseNotExcludable,
                        format!("clause {clause_id} of {standard_id} cannot be declared not applicable{below}"),
                    )
                    .at(at.clone())
                    .help(format!("{rule}remove the entry and address the clause in a document")),
                );
            }
        }
    }
}

fn required_documents(ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    for trace in &ctx.matrix.standards {
        for row in &trace.rows {
            for requirement in &row.requirements {
                let RequirementState::Unmet { pending } = &requirement.state else { continue };
                let what = &requirement.requirement.what;
                let pending = if pending.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; {} cite{} it but {} not in force",
                        pending.join(", "),
                        if pending.len() == 1 { "s" } else { "" },
                        if pending.len() == 1 { "is" } else { "are" }
                    )
                };
                let suggested = suggested_type(what);
                out.push(
                    Diagnostic::new(
                        Rule::MissingRequiredDocument,
                        format!(
                            "{} {} requires a document ({what}); no document in force cites clause {}{pending}",
                            trace.id, requirement.requirement.reference, row.clause
                        ),
                    )
                    .at(ctx.enabled_span(&trace.id))
                    .help(format!(
                        "write a {suggested} with `clauses: {{\"{}\": [\"{}\"]}}` and approve it, or declare the clause not applicable in `[applicability.\"{}\"]` with a justification",
                        trace.id, row.clause, trace.id
                    )),
                );
            }
        }
    }
}

/// The document type that usually holds a required item.
fn suggested_type(what: &str) -> &'static str {
    let what = what.to_lowercase();
    if what.contains("policy") || what.contains("policies") {
        "policy"
    } else if what.starts_with("scope") {
        "scope statement (type `scope`)"
    } else if what.contains("objectives") {
        "objectives document (type `objectives`)"
    } else if what.contains("risks")
        || what.contains("aspects")
        || what.contains("obligations")
        || what.contains("hazards")
        || what.contains("statement of applicability")
    {
        "register"
    } else if what.contains("plan") {
        "plan"
    } else {
        "procedure"
    }
}
