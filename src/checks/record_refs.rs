//! The standards and clauses records name: the clauses an audit covered, the clause of a
//! finding or a nonconformity (`"iso9001:2015 8.4.1"`), the standards of a management review
//! and a certificate. A clause no catalog has would silently count for nothing in the audit
//! programme.

use super::CheckContext;
use crate::diag::{Diagnostic, Rule, Spanned};
use crate::model::{Record, RecordBody, Standard};
use crate::suggest::did_you_mean;
use std::ops::Range;

/// Reports unknown standards and clauses named by the records.
pub fn clause_references(ctx: &CheckContext, out: &mut Vec<Diagnostic>) {
    for record in ctx.records {
        let mut names = Names { ctx, record, out: &mut *out };
        match &record.body {
            RecordBody::Audit(audit) => {
                for (standard, clauses) in &audit.clauses {
                    let key = audit.clause_keys.get(standard).cloned().unwrap_or_default();
                    if let Some(standard) = names.standard("clauses", standard, key) {
                        for clause in clauses {
                            names.clause("clauses", standard, &clause.value, clause.range.clone());
                        }
                    }
                }
                for finding in &audit.findings {
                    if let Some(clause) = &finding.clause {
                        names.cited("findings", clause);
                    }
                }
            }
            RecordBody::Nonconformity(nc) => {
                if let Some(clause) = &nc.clause {
                    names.cited("clause", clause);
                }
            }
            RecordBody::ManagementReview(review) => {
                for standard in &review.standards {
                    names.standard("standards", &standard.value, standard.range.clone());
                }
            }
            RecordBody::Certificate(certificate) => {
                if let Some(standard) = &certificate.standard {
                    names.standard("standard", &standard.value, standard.range.clone());
                }
            }
        }
    }
}

struct Names<'a, 'c> {
    ctx: &'a CheckContext<'c>,
    record: &'a Record,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Names<'a, '_> {
    /// The catalog of `id`, or a finding at `range`.
    fn standard(&mut self, field: &str, id: &str, range: Range<usize>) -> Option<&'a Standard> {
        if let Some(standard) = self.ctx.catalogs.get(id) {
            return Some(*standard);
        }
        let hint = did_you_mean(id, self.ctx.catalogs.keys().copied());
        self.out.push(
            Diagnostic::new(Rule::UnknownStandard, format!("no catalog defines the standard `{id}`{hint}"))
                .at(self.record.span(range))
                .field(field)
                .help("use a catalog id such as `iso9001:2015`, or add the catalog as standards/<name>.toml"),
        );
        None
    }

    fn clause(&mut self, field: &str, standard: &Standard, id: &str, range: Range<usize>) {
        if standard.clause(id).is_some() {
            return;
        }
        let hint = did_you_mean(id, standard.clauses().iter().map(|c| c.id.as_str()));
        self.out.push(
            Diagnostic::new(Rule::UnknownClause, format!("{} has no clause `{id}`{hint}", standard.id))
                .at(self.record.span(range))
                .field(field)
                .help(format!("`qms trace --standard {}` lists the clauses", standard.id)),
        );
    }

    /// `"STANDARD CLAUSE"`, such as `"iso9001:2015 8.4.1"`.
    fn cited(&mut self, field: &str, text: &Spanned<String>) {
        let Some((standard, clause)) = text.value.rsplit_once(char::is_whitespace) else {
            self.out.push(
                Diagnostic::new(
                    Rule::InvalidFieldValue,
                    format!("`{}` names no standard; write the standard and the clause", text.value),
                )
                .at(self.record.span(text.range.clone()))
                .field(field)
                .help("write it as `\"iso9001:2015 8.4.1\"`"),
            );
            return;
        };
        if let Some(catalog) = self.standard(field, standard.trim(), text.range.clone()) {
            self.clause(field, catalog, clause, text.range.clone());
        }
    }
}
