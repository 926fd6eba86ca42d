//! Where things live in a rendered version: page paths for documents and standards, anchors for
//! clauses, safe file names, and relative URLs between pages.

use crate::model::{Document, Register};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// A safe path segment: ASCII letters, digits, `.`, `_` and `-` kept, anything else becomes `-`;
/// never empty, never `.` or `..`.
pub fn segment(text: &str) -> String {
    let mut out: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '-' }).collect();
    if out.is_empty() || out.chars().all(|c| c == '.') {
        out.insert(0, '_');
    }
    out
}

/// The page of a standard's matrix: `standards/iso9001-2015.html`.
pub fn standard_page(standard: &str) -> String {
    format!("standards/{}.html", segment(&standard.replace(':', "-")))
}

/// The anchor of a clause's row in its matrix: `c-7.5.3`.
pub fn clause_anchor(clause: &str) -> String {
    format!("c-{}", segment(clause))
}

/// The prefix that leads from the page at `page` (relative to the version root) back to the
/// version root: `""` for `index.html`, `"../"` for `documents/SOP-001.html`.
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// Percent-encodes a relative path for an `href` (keeps `/` and unreserved characters).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Percent-encodes a URL fragment (keeps unreserved characters and a few safe ones).
pub fn encode_fragment(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    for byte in fragment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$'()*+,;=:@/?".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The key of the link-target map under which a name (an id or an alias) holds the path of the
/// document it stands for; no path starts with a NUL.
pub fn name_key(name: &str) -> String {
    format!("\0{name}")
}

/// The page of every document, by path: `documents/<id>.html`, or a name made from the path for
/// a document without an id. Names are unique even on case-insensitive file systems.
#[derive(Debug, Clone, Default)]
pub struct PageMap {
    by_path: BTreeMap<String, String>,
    by_id: BTreeMap<String, String>,
}

impl PageMap {
    pub fn new(register: &Register) -> PageMap {
        let mut taken = BTreeSet::new();
        let mut map = PageMap::default();
        for document in register.documents() {
            let base = document.id().map_or_else(|| format!("_{}", path_stem(&document.path)), segment);
            let mut stem = base.clone();
            let mut n = 1;
            while !taken.insert(stem.to_ascii_lowercase()) {
                n += 1;
                stem = format!("{base}_{n}");
            }
            let page = format!("documents/{stem}.html");
            if let Some(id) = document.id() {
                map.by_id.entry(id.to_owned()).or_insert_with(|| page.clone());
            }
            map.by_path.insert(document.path.clone(), page);
        }
        map
    }

    /// The page of the document at `path` (relative to the QMS root).
    pub fn by_path(&self, path: &str) -> Option<&str> {
        self.by_path.get(path).map(String::as_str)
    }

    /// The page of the (first, by path) document with this id.
    pub fn by_id(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(String::as_str)
    }

    pub fn of(&self, document: &Document) -> &str {
        self.by_path(&document.path).unwrap_or("index.html")
    }

    /// What a body's links resolve against: every document's page by path, and under
    /// [`name_key`] the path of the document each id and alias names.
    pub fn link_targets(&self, register: &Register) -> BTreeMap<String, String> {
        let mut targets = self.by_path.clone();
        for document in register.documents() {
            let aliases = document.meta.aliases.iter().map(|a| a.value.as_str());
            for name in document.id().into_iter().chain(aliases) {
                if let Some(named) = register.by_name(name) {
                    targets.entry(name_key(name)).or_insert_with(|| named.path.clone());
                }
            }
        }
        targets
    }
}

/// `docs/procedures/SOP-001-x.md` → `docs-procedures-SOP-001-x`.
fn path_stem(path: &str) -> String {
    segment(path.strip_suffix(".md").unwrap_or(path)).replace('.', "-")
}

/// The page of a document with id `id` in another version's folder, as it would be named there.
pub fn page_for_id(id: &str) -> String {
    format!("documents/{}.html", segment(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_safe() {
        assert_eq!(segment("v1.0"), "v1.0");
        assert_eq!(segment("release/2026 A"), "release-2026-A");
        assert_eq!(segment(".."), "_..");
        assert_eq!(segment(""), "_");
        assert_eq!(standard_page("iso9001:2015"), "standards/iso9001-2015.html");
    }

    #[test]
    fn roots_and_encoding() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("documents/X.html"), "../");
        assert_eq!(encode_path("files/docs/my file.pdf"), "files/docs/my%20file.pdf");
        assert_eq!(encode_fragment("5.3 inputs\""), "5.3%20inputs%22");
    }
}
