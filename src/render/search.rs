//! The search index of one version: a compact inverted index written as `search-index.js`
//! (`window.QMS_SEARCH = …`), loaded as a script so search works from `file://`.
//!
//! Shape: `{"docs": [[id, title, url, type], …], "terms": {"term": [doc, weight, doc, weight, …]}}`
//! with documents as indexes into `docs`, terms sorted, postings by weight (then document).

use super::markdown::TextBlock;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// A document as search results show it.
#[derive(Debug, Clone)]
pub struct SearchDocument {
    pub id: String,
    pub title: String,
    /// The page, relative to the version root.
    pub url: String,
    pub doc_type: String,
}

/// Weights: where a word appears says how well it describes the document.
const ID_WEIGHT: u32 = 50;
const TITLE_WEIGHT: u32 = 12;
const HEADING_WEIGHT: u32 = 3;
/// Body occurrences count up to this many.
const BODY_CAP: u32 = 8;
/// A term keeps its best postings only: a word in every document is no help in ranking.
const MAX_POSTINGS: usize = 100;

/// Sorted, for a binary search.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of", "on",
    "or", "that", "the", "their", "this", "to", "was", "were", "which", "with",
];

/// Lower-case words of `text`: letters and digits, stop words and single letters left out.
/// A word already in lower case is not copied.
pub fn tokens(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= 40)
        .map(|w| {
            if w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
        .filter(|w| {
            (w.chars().nth(1).is_some() || w.chars().all(|c| c.is_ascii_digit()))
                && STOP_WORDS.binary_search(&w.as_ref()).is_err()
        })
}

#[derive(Serialize)]
struct Index<'a> {
    docs: Vec<[&'a str; 4]>,
    terms: BTreeMap<&'a str, Vec<u32>>,
}

/// The weight of each term of one document: from its id, title, headings and body, sorted by
/// term.
pub fn document_terms(id: &str, title: &str, blocks: &[TextBlock]) -> Vec<(String, u32)> {
    let mut weights: HashMap<String, (u32, u32)> = HashMap::new(); // term → (fixed, body)
    let mut add = |text: &str, weight: u32, body: bool| {
        for token in tokens(text) {
            let entry = match weights.get_mut(token.as_ref()) {
                Some(entry) => entry,
                None => weights.entry(token.into_owned()).or_default(),
            };
            if body {
                entry.1 = (entry.1 + 1).min(BODY_CAP);
            } else {
                entry.0 = entry.0.saturating_add(weight);
            }
        }
    };
    add(id, ID_WEIGHT, false);
    add(title, TITLE_WEIGHT, false);
    for block in blocks {
        if block.heading {
            add(&block.text, HEADING_WEIGHT, false);
        } else {
            add(&block.text, 1, true);
        }
    }
    let mut terms: Vec<(String, u32)> =
        weights.into_iter().map(|(term, (fixed, body))| (term, fixed.saturating_add(body))).collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    terms
}

/// The `search-index.js` of one version, from each document's [`document_terms`].
pub fn index_js<T: AsRef<[(String, u32)]>>(documents: &[(SearchDocument, T)]) -> String {
    let mut postings: HashMap<&str, Vec<(u32, u32)>> = HashMap::new();
    for (index, (_, terms)) in documents.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        for (term, weight) in terms.as_ref() {
            postings.entry(term.as_str()).or_default().push((index, *weight));
        }
    }
    // Sorted by the map the JSON is written from.
    let terms: BTreeMap<&str, Vec<u32>> = postings
        .into_iter()
        .map(|(term, mut docs)| {
            docs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            docs.truncate(MAX_POSTINGS);
            (term, docs.into_iter().flat_map(|(doc, weight)| [doc, weight]).collect())
        })
        .collect();
    let docs =
        documents.iter().map(|(d, _)| [d.id.as_str(), d.title.as_str(), d.url.as_str(), d.doc_type.as_str()]).collect();
    let json = serde_json::to_string(&Index { docs, terms }).unwrap_or_else(|_| "{}".to_owned());
    format!("window.QMS_SEARCH = {};\n", script_safe(&json))
}

/// JSON made safe to embed anywhere as script: `<`, `>` and `&` (which only occur inside
/// strings) become `\u` escapes, so no `</script>` or `<!--` can appear.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_the_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
        let words: Vec<Cow<str>> = tokens("The Supplier and ITS audits: a 2nd look at Über-checks").collect();
        assert_eq!(words, ["supplier", "audits", "2nd", "look", "über", "checks"]);
    }

    #[test]
    fn ranks_titles_above_bodies() {
        let doc = |id: &str, title: &str| SearchDocument {
            id: id.into(),
            title: title.into(),
            url: format!("documents/{id}.html"),
            doc_type: "procedure".into(),
        };
        let body = |id: &str, title: &str, text: &str| {
            (doc(id, title), document_terms(id, title, &[TextBlock { heading: false, text: text.into() }]))
        };
        let js = index_js(&[
            body("SOP-1", "Internal Audit", "The audit programme."),
            body("SOP-2", "Calibration", "Audit of gauges and the audit trail."),
        ]);
        assert!(js.starts_with("window.QMS_SEARCH = {\"docs\":[[\"SOP-1\",\"Internal Audit\""), "{js}");
        assert!(js.contains("\"audit\":[0,13,1,2]"), "{js}");
        assert!(!js.contains("\"the\""), "{js}");
        assert!(js.contains("\"sop\":[0,50,1,50]"), "{js}");
    }
}
