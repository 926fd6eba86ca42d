//! The search index of one version: a compact inverted index written as `search-index.js`
//! (`window.QMS_SEARCH = …`), loaded as a script so search works from `file://`.
//!
//! Shape: `{"docs": [[id, title, url, type], …], "terms": {"term": [doc, weight, doc, weight, …]}}`
//! with documents as indexes into `docs`, terms sorted, postings by weight (then document).

use super::text::TextBlock;
use foldhash::fast::RandomState;
use serde::Serialize;
use std::borrow::Borrow;
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

/// Words too common to say anything about a document.
fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "by"
            | "for"
            | "from"
            | "has"
            | "have"
            | "in"
            | "is"
            | "it"
            | "its"
            | "of"
            | "on"
            | "or"
            | "that"
            | "the"
            | "their"
            | "this"
            | "to"
            | "was"
            | "were"
            | "which"
            | "with"
    )
}

/// Longer words are left out (in characters, before lower-casing).
const MAX_WORD: usize = 40;

/// Calls `each` with the lower-case words of `text`: runs of letters and digits, stop words and
/// single letters left out. A word is lower-cased into one reused buffer, or not at all when it
/// already is: this runs over every body of every version.
pub fn for_each_token(text: &str, mut each: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut lower = String::new();
    let mut emit = |word: &str, ascii: bool| {
        let word = if ascii {
            if word.len() > MAX_WORD {
                return;
            }
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                lower.clear();
                lower.push_str(word);
                lower.make_ascii_lowercase();
                lower.as_str()
            } else {
                word
            }
        } else {
            if word.chars().count() > MAX_WORD {
                return;
            }
            lower = word.to_lowercase();
            lower.as_str()
        };
        let long_enough = word.chars().nth(1).is_some() || word.bytes().all(|b| b.is_ascii_digit());
        if long_enough && !is_stop_word(word) {
            each(word);
        }
    };
    let (mut start, mut ascii) = (None, true);
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (alphanumeric, width) = if byte.is_ascii() {
            (byte.is_ascii_alphanumeric(), 1)
        } else {
            let c = text.get(at..).and_then(|rest| rest.chars().next()).unwrap_or(char::REPLACEMENT_CHARACTER);
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alphanumeric {
            start.get_or_insert(at);
            ascii &= byte.is_ascii();
        } else if let Some(from) = start.take() {
            emit(text.get(from..at).unwrap_or_default(), ascii);
            ascii = true;
        }
        at += width;
    }
    if let Some(from) = start {
        emit(text.get(from..).unwrap_or_default(), ascii);
    }
}

#[derive(Serialize)]
struct Index<'a> {
    docs: Vec<[&'a str; 4]>,
    terms: BTreeMap<&'a str, Vec<u32>>,
}

/// A document's terms, sorted, each with its weight. The terms are held in one string: the few
/// hundred terms of a body are one allocation, not a few hundred, while the versions holding
/// the body are still to be written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    text: String,
    /// Each term's end in `text`, and its weight.
    ends: Vec<(usize, u32)>,
}

impl Terms {
    /// The terms in order, with their weights.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&(end, weight)| {
            let term = self.text.get(start..end).unwrap_or_default();
            start = end;
            (term, weight)
        })
    }
}

/// The weight of each term of one document: from its id, title, headings and body, sorted by
/// term.
pub fn document_terms(id: &str, title: &str, blocks: &[TextBlock]) -> Terms {
    // term → (fixed, body)
    let mut weights: HashMap<String, (u32, u32), RandomState> =
        HashMap::with_capacity_and_hasher(256, RandomState::default());
    let mut add = |text: &str, weight: u32, body: bool| {
        for_each_token(text, |token| {
            let entry = match weights.get_mut(token) {
                Some(entry) => entry,
                None => weights.entry(token.to_owned()).or_default(),
            };
            if body {
                entry.1 = (entry.1 + 1).min(BODY_CAP);
            } else {
                entry.0 = entry.0.saturating_add(weight);
            }
        });
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
    let mut packed = Terms {
        text: String::with_capacity(terms.iter().map(|t| t.0.len()).sum()),
        ends: Vec::with_capacity(terms.len()),
    };
    for (term, weight) in terms {
        packed.text.push_str(&term);
        packed.ends.push((packed.text.len(), weight));
    }
    packed
}

/// The `search-index.js` of one version, from each document's [`document_terms`].
pub fn index_js<T: Borrow<Terms>>(documents: &[(SearchDocument, T)]) -> String {
    let mut postings: HashMap<&str, Vec<(u32, u32)>, RandomState> = HashMap::default();
    for (index, (_, terms)) in documents.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        for (term, weight) in terms.borrow().iter() {
            postings.entry(term).or_default().push((index, weight));
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
    fn words_are_lower_case_without_stop_words_and_single_letters() {
        let words = |text: &str| {
            let mut words = Vec::new();
            for_each_token(text, |word| words.push(word.to_owned()));
            words
        };
        assert_eq!(
            words("The Supplier and ITS audits: a 2nd look at Über-checks, 7 x ΟΔΟΣ"),
            ["supplier", "audits", "2nd", "look", "über", "checks", "7", "\u{3bf}\u{3b4}\u{3bf}\u{3c2}"]
        );
        let long = "x".repeat(41);
        assert_eq!(words(&format!("{long} ok é {}", "é".repeat(40))), ["ok", "é".repeat(40).as_str()]);
        assert_eq!(words("İ"), ["i\u{307}"], "lower-casing may lengthen a word");
    }

    #[test]
    fn words_are_those_of_splitting_on_every_other_character() {
        // The plain definition the scanner must agree with.
        let plain = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD)
                .map(str::to_lowercase)
                .filter(|w| (w.chars().nth(1).is_some() || w.chars().all(|c| c.is_ascii_digit())) && !is_stop_word(w))
                .collect()
        };
        let texts = [
            "",
            "a",
            "Ab",
            "x9 9 99 ½ ² Ⅻ",
            "naïve CAFÉ—déjà-vu, STRASSE straße ǅ ΣΑΣ",
            "tab\tnew\nline\u{a0}nbsp\u{2003}em",
            "emoji🙂mid 🙂 日本語のテキスト",
            "İstanbul ÅNGSTRÖM",
            "trailing-",
            "-leading",
        ];
        for text in texts {
            let mut words = Vec::new();
            for_each_token(text, |word| words.push(word.to_owned()));
            assert_eq!(words, plain(text), "{text:?}");
        }
    }

    #[test]
    fn terms_are_sorted_with_their_weights() {
        let terms =
            document_terms("SOP-1", "Audit", &[TextBlock { heading: false, text: "audit trail, audit".into() }]);
        let listed: Vec<(&str, u32)> = terms.iter().collect();
        assert_eq!(listed, [("1", 50), ("audit", 14), ("sop", 50), ("trail", 1)]);
        assert_eq!(Terms::default().iter().count(), 0);
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
