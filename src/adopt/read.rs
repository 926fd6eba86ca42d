//! One file of the set read for adoption: already under control, left as it is (and why), or a
//! candidate with its id, title and type inferred from its name, folder, first heading or
//! comply header.

use super::{Candidate, Certainty, Inferred, Origin, comply, infer};
use crate::config::Config;

/// What one file turned out to be.
pub(super) enum Read {
    Candidate(Box<Candidate>),
    /// Already has front matter with this id.
    Controlled(String),
    Skipped(String),
}

pub(super) fn read_candidate(
    path: &str,
    bytes: Vec<u8>,
    origin: Option<Origin>,
    comply_types: &[String],
    config: &Config,
) -> Read {
    let original = bytes.clone();
    let Ok(text) = String::from_utf8(bytes) else {
        return Read::Skipped("not UTF-8; re-save it as UTF-8 and adopt again".to_owned());
    };
    let text = text.strip_prefix('\u{feff}').map_or_else(|| text.clone(), str::to_owned);
    if text.trim().is_empty() {
        return Read::Skipped("empty".to_owned());
    }
    if text.starts_with("---") {
        let rules = crate::load::FieldRules::from_config(config);
        let loaded = crate::load::load_bytes(crate::diag::FileId(0), path.to_owned(), original, &rules);
        return match loaded.document.and_then(|d| d.meta.id.map(|id| id.value)) {
            Some(id) => Read::Controlled(id),
            None => Read::Skipped(
                "has front matter without an id; add id, title, type, version, status and owner to it".to_owned(),
            ),
        };
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let comply = match origin {
        Some(Origin::Markdown) => None,
        Some(Origin::Comply) => comply::header(&text),
        None => comply::looks_like(&text).then(|| comply::header(&text)).flatten(),
    };
    let types: Vec<String> =
        config.types.iter().cloned().chain(if comply.is_some() { comply_types.to_vec() } else { Vec::new() }).collect();
    let mut id = infer::leading_id(stem).map(|(id, _)| Inferred::new(id, "the file name", Certainty::Sure));
    let (title, origin, body_start) = if let Some(header) = &comply {
        let name = header.name.clone().unwrap_or_default();
        (Inferred::new(name, "comply's name", Certainty::Sure), Origin::Comply, header.body_start)
    } else {
        // A first heading that is a numbered section ("1. Purpose") is no title.
        let title = if let Some((heading, false)) = infer::first_heading(&text) {
            let stripped = infer::strip_numbering(&heading);
            match infer::leading_id(stripped) {
                Some((found, rest)) if !rest.is_empty() => {
                    id = id.or_else(|| Some(Inferred::new(found, "the first heading", Certainty::Sure)));
                    Inferred::new(rest.to_owned(), "the first heading", Certainty::Sure)
                }
                _ => Inferred::new(stripped.to_owned(), "the first heading", Certainty::Sure),
            }
        } else {
            let stem = infer::leading_id(stem).map_or(stem, |(_, rest)| rest);
            Inferred::new(infer::title_from_file_name(stem), "the file name (no title heading)", Certainty::Likely)
        };
        (title, Origin::Markdown, 0)
    };
    // The title only when read from the file (a file name's words are read as such below); the
    // path from the QMS root, so the documents folder's own name (`policies/`) is a word too.
    let read_title = (title.certainty == Certainty::Sure).then_some(title.value.as_str());
    let doc_type = infer::doc_type(path, read_title, &types);
    Read::Candidate(Box::new(Candidate {
        path: path.to_owned(),
        origin,
        id,
        title,
        doc_type,
        body_start,
        comply,
        text,
        original,
    }))
}
