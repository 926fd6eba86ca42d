//! The objectives of the objectives documents as the Certification page shows them: each with
//! its state (the model's), its results oldest first and the geometry of its chart.

use super::chart::{self, Chart};
use super::input::SiteInput;
use super::paths::segment;
use crate::diag::Spanned;
use crate::model::{Date, Document, ObjectiveState};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ObjectiveRow {
    pub document: String,
    pub document_title: String,
    /// The document's page, relative to the version root; empty when it has none.
    pub url: String,
    pub id: String,
    pub anchor: String,
    pub objective: String,
    pub measure: String,
    pub target: String,
    pub unit: String,
    pub due: String,
    pub latest: String,
    pub state: &'static str,
    /// Oldest first.
    pub results: Vec<ResultRow>,
    pub chart: Option<Chart>,
}

/// One result of an objective.
#[derive(Debug, Serialize)]
pub struct ResultRow {
    pub date: String,
    pub value: String,
}

fn text(field: Option<&Spanned<String>>) -> String {
    field.map(|f| f.value.clone()).unwrap_or_default()
}

pub fn objectives(input: &SiteInput, link: &dyn Fn(&Document) -> (String, String)) -> Vec<ObjectiveRow> {
    let mut rows = Vec::new();
    let mut documents: Vec<&Document> = input.register.documents().iter().collect();
    documents.sort_by(|a, b| (a.id(), &a.path).cmp(&(b.id(), &b.path)));
    for document in documents {
        let (document_title, url) = link(document);
        let name = document.id().unwrap_or(&document.path);
        for (index, objective) in document.meta.objectives.iter().enumerate() {
            let unit = text(objective.unit.as_ref());
            let mut results: Vec<(Date, f64)> = objective.results.iter().map(|m| (m.date, m.value)).collect();
            results.sort_by_key(|r| r.0);
            let dated: Vec<(String, f64)> = results.iter().map(|(d, v)| (d.to_string(), *v)).collect();
            let id = text(objective.id.as_ref());
            rows.push(ObjectiveRow {
                document: name.to_owned(),
                document_title: document_title.clone(),
                url: url.clone(),
                anchor: format!(
                    "objective-{}-{}",
                    segment(name),
                    if id.is_empty() { index.to_string() } else { segment(&id) }
                ),
                id,
                objective: text(objective.objective.as_ref()),
                measure: text(objective.measure.as_ref()),
                target: objective.target.as_ref().map(|t| t.value.to_string()).unwrap_or_default(),
                unit,
                due: objective.due.as_ref().map(|d| d.value.to_string()).unwrap_or_default(),
                latest: objective.latest().map(|m| chart::number(m.value)).unwrap_or_default(),
                state: ObjectiveState::of(objective, input.today).as_str(),
                results: dated.iter().map(|(d, v)| ResultRow { date: d.clone(), value: chart::number(*v) }).collect(),
                chart: objective.target.as_ref().and_then(|t| chart::chart(&dated, t.value.value)),
            });
        }
    }
    rows
}
