//! Identity: ids are unique in the set and follow the id pattern.

use super::{Check, CheckContext};
use crate::diag::{Diagnostic, Rule};

pub struct Identity;

impl Check for Identity {
    fn rules(&self) -> &'static [Rule] {
        &[Rule::DuplicateId, Rule::InvalidId]
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
