//! Identity: ids are unique in the set and follow the id pattern; an alias names one document.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule};
use crate::model::Document;

pub struct Identity;

impl Check for Identity {
    fn rules(&self) -> &'static [Rule] {
        &[Rule::DuplicateId, Rule::InvalidId, Rule::DuplicateAlias]
    }

    fn run(&self, ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
        for (id, documents) in ctx.register.duplicate_ids() {
            let first = documents[0];
            for document in &documents[1..] {
                out.push(
                    Diagnostic::new(Rule::DuplicateId, format!("id `{id}` is already used by {}", first.path))
                        .at(document.field_span("id"))
                        .field("id")
                        .help("give one of the two documents a new id; ids are never reused"),
                );
            }
        }
        for document in ctx.register.documents() {
            aliases(ctx, document, out);
            let Some(id) = &document.meta.id else { continue };
            if !ctx.id_pattern.is_match(&id.value) {
                out.push(
                    Diagnostic::new(
                        Rule::InvalidId,
                        format!("id `{}` does not match the id pattern `{}`", id.value, ctx.id_pattern.as_str()),
                    )
                    .at(document.span(id.range.clone()))
                    .field("id")
                    .help("use an id such as `SOP-012`, or set `[qms] id_pattern` in qms.toml"),
                );
            }
        }
    }
}

/// Each alias of `document` names it alone: no other document has it as its id or, earlier in
/// path order, as an alias.
fn aliases(ctx: &CheckContext, document: &Document, out: &mut Vec<Diagnostic>) {
    for alias in &document.meta.aliases {
        let name = alias.value.as_str();
        let holder =
            ctx.register.by_id(name).filter(|d| !std::ptr::eq(*d, document)).map(|d| ("the id", d)).or_else(|| {
                ctx.register
                    .by_alias(name)
                    .into_iter()
                    .next()
                    .filter(|d| !std::ptr::eq(*d, document))
                    .map(|d| ("an alias", d))
            });
        let Some((what, other)) = holder else { continue };
        out.push(
            Diagnostic::new(Rule::DuplicateAlias, format!("alias `{name}` is {what} of {}", other.label()))
                .at(document.span(alias.range.clone()))
                .field("aliases")
                .help("an alias must name one document: remove it here or rename it"),
        );
    }
}
