//! Findings accepted on the record (`[[history.accepted]]`): a history finding whose code,
//! document and commit an entry names becomes a note quoting the reason, who accepted it and
//! when; an entry that names no finding of the mainline is stale, a warning at its place in
//! `qms.toml`.

use super::CheckContext;
use crate::diag::{Diagnostic, Rule, Severity, Span};
use crate::model::History;

/// A history finding with what an acceptance is matched against.
#[derive(Debug, Clone)]
pub struct Finding {
    pub document: String,
    /// The commit of the change the finding is about; `None` for the working tree.
    pub commit: Option<String>,
    pub diagnostic: Diagnostic,
}

pub type Findings = Vec<Finding>;

/// Writes the findings of `pull_request` (in pull-request mode) or else of `mainline` to `out`,
/// accepted ones as notes; then a warning for every acceptance of a code in `rules` (those of
/// the calling check) that matches no finding of either. Findings of rules switched off are
/// neither reported nor matched.
pub fn report(
    ctx: &CheckContext,
    history: &History,
    rules: &[Rule],
    (mainline, pull_request): (Findings, Option<Findings>),
    out: &mut Vec<Diagnostic>,
) {
    let on = |finding: &&Finding| ctx.reports(finding.diagnostic.rule);
    let matching = |finding: &Finding| {
        let commit = finding.commit.as_deref()?;
        let code = finding.diagnostic.rule.code();
        history.accepted.iter().position(|a| a.accepts(code, &finding.document, commit))
    };
    let mut used = vec![false; history.accepted.len()];
    let reported = match pull_request {
        Some(reported) => {
            for index in mainline.iter().filter(on).filter_map(matching) {
                used[index] = true;
            }
            reported
        }
        None => mainline,
    };
    for finding in reported.into_iter().filter(|finding| on(&finding)) {
        let accepted = matching(&finding);
        let mut diagnostic = finding.diagnostic;
        if let Some(index) = accepted {
            used[index] = true;
            let acceptance = &history.accepted[index];
            diagnostic.message = format!("{}; {}", diagnostic.message, acceptance.describe());
            diagnostic.rule = Rule::FindingAccepted;
            diagnostic.severity = Severity::Note;
            diagnostic.help = Some("nothing to do: the finding is accepted on the record in qms.toml".to_owned());
        }
        out.push(diagnostic);
    }
    // A shallow clone may lack the commit an entry names: staleness cannot be proven there.
    if history.shallow || history.head.is_none() {
        return;
    }
    let owned = |code: &str| rules.iter().any(|rule| rule.code() == code);
    let unused = history.accepted.iter().zip(&used).filter(|(acceptance, used)| !**used && owned(&acceptance.code));
    for (acceptance, _) in unused {
        out.push(
            Diagnostic::new(
                Rule::StaleAcceptance,
                format!(
                    "`[[history.accepted]]` accepts {} of {} in commit {}, but there is no such finding",
                    acceptance.code, acceptance.document, acceptance.commit
                ),
            )
            .at(Span::new(ctx.config_file, acceptance.range.clone()))
            .help("check the code, document and commit against the finding's message, or remove the entry"),
        );
    }
}
