//! Work shared by the versions of one build: a document body that is the same in ten releases
//! is rendered to HTML (and split into text blocks) once, not ten times.
//!
//! A rendered body depends on its Markdown, its path, where the page sits (`Placement::root`),
//! whether it is on the print view, and how each of its local links resolved (a linked document
//! may have a page in one version and none in another). The first four make the key; the links
//! are recorded with the rendered body ([`Lookup`]) and checked on every hit, so a cached body
//! is only reused where it would render byte for byte the same.

use super::markdown::{self, Body, Placement, TextBlock};
use super::search;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

/// A document's search terms with their weights.
type Terms = Arc<[(String, u32)]>;

/// Renderings of one key that differ by how their links resolved; a few at most.
const MAX_VARIANTS: usize = 4;

/// Rendered bodies and text blocks, by content. Shared by reference between the versions of one
/// build (and safe to share between threads).
#[derive(Debug, Default)]
pub struct RenderCache {
    bodies: Mutex<HashMap<[u8; 32], Vec<Arc<Body>>>>,
    blocks: Mutex<HashMap<[u8; 32], Arc<[TextBlock]>>>,
    terms: Mutex<HashMap<[u8; 32], Terms>>,
}

impl RenderCache {
    /// The body `markdown` of the document at `path` as sanitized HTML, placed at `placement`.
    pub(super) fn body(
        &self,
        markdown: &str,
        path: &str,
        pages: &Arc<BTreeMap<String, String>>,
        placement: &Placement,
    ) -> Body {
        let own_stem = placement.print.as_ref().and_then(|print| print.get(path));
        let key = digest(&[
            path.as_bytes(),
            placement.root.as_bytes(),
            if placement.print.is_some() { b"print" } else { b"page" },
            own_stem.map_or(b"".as_slice(), |s| s.as_bytes()),
            markdown.as_bytes(),
        ]);
        let print = placement.print.as_deref();
        let fits = |body: &Arc<Body>| body.lookups.iter().all(|lookup| lookup.holds(pages, print));
        if let Some(found) =
            lock(&self.bodies).get(&key).and_then(|variants| variants.iter().find(|b| fits(b)).cloned())
        {
            return (*found).clone();
        }
        let body = markdown::render(markdown, path, pages, placement);
        let mut bodies = lock(&self.bodies);
        let variants = bodies.entry(key).or_default();
        if variants.len() < MAX_VARIANTS {
            variants.push(Arc::new(body.clone()));
        }
        body
    }

    /// The body `markdown` as plain text blocks (search index, home page excerpts).
    pub(super) fn blocks(&self, markdown: &str) -> Arc<[TextBlock]> {
        let key = digest(&[markdown.as_bytes()]);
        if let Some(found) = lock(&self.blocks).get(&key) {
            return Arc::clone(found);
        }
        let blocks: Arc<[TextBlock]> = markdown::text_blocks(markdown).into();
        lock(&self.blocks).insert(key, Arc::clone(&blocks));
        blocks
    }
}

impl RenderCache {
    /// The search terms of a document with this id, title and body, with their weights.
    pub(super) fn terms(&self, id: &str, title: &str, markdown: &str) -> Terms {
        let key = digest(&[id.as_bytes(), title.as_bytes(), markdown.as_bytes()]);
        if let Some(found) = lock(&self.terms).get(&key) {
            return Arc::clone(found);
        }
        let terms: Terms = search::document_terms(id, title, &self.blocks(markdown)).into();
        lock(&self.terms).insert(key, Arc::clone(&terms));
        terms
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// SHA-256 of the parts, each preceded by its length so no two lists of parts collide.
fn digest(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_body_is_reused_only_where_its_links_resolve_the_same() {
        let cache = RenderCache::default();
        let placement = Placement { root: "../".into(), print: None };
        let with_b = Arc::new(BTreeMap::from([("docs/b.md".to_owned(), "documents/B-1.html".to_owned())]));
        let without_b = Arc::new(BTreeMap::new());
        let text = "See [b](b.md) and [c](c.md).";
        let first = cache.body(text, "docs/a.md", &with_b, &placement);
        assert!(first.html.contains("documents/B-1.html"), "{}", first.html);
        let again = cache.body(text, "docs/a.md", &with_b, &placement);
        assert_eq!(again.html, first.html);
        let gone = cache.body(text, "docs/a.md", &without_b, &placement);
        assert!(!gone.html.contains("B-1"), "{}", gone.html);
        assert_eq!(gone.html, markdown::render(text, "docs/a.md", &without_b, &placement).html);
        assert_eq!(lock(&cache.bodies).values().map(Vec::len).sum::<usize>(), 2);
        assert_eq!(cache.blocks(text), cache.blocks(text));
    }
}
