//! Work shared by the versions of one build: a document body that is the same in ten releases
//! is rendered to HTML (and split into text blocks) once, not ten times — and forgotten once
//! the last version holding it is written, so memory follows the versions being rendered, not
//! every version of the site.
//!
//! A rendered body depends on its Markdown, its path, where the page sits (`Placement::root`),
//! whether it is on the print view, and how each of its local links resolved (a linked document
//! may have a page in one version and none in another). The first four make the key; the links
//! are recorded with the rendered body ([`Lookup`]) and checked on every hit, so a cached body
//! is only reused where it would render byte for byte the same.
//!
//! Everything is filed under the digest of the Markdown. The publisher says beforehand how many
//! versions will render each body ([`RenderCache::expect`]) and when each one is written
//! ([`RenderCache::written`]); at zero, the body's entry is dropped. A body nobody announced is
//! rendered and not kept, and so is the HTML the last version holding a body asks for: it asks
//! for each placement once, so a build of one version keeps no HTML at all; a rendering kept
//! for it is handed over rather than copied, and freed with its page.

use super::markdown::{self, Body};
use super::placement::Placement;
use super::search;
use super::text::{self, TextBlock};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

/// A document's search terms with their weights.
type Terms = Arc<search::Terms>;

/// A Markdown body with the digest it is filed under, computed once per version rather than at
/// every use (the page, the print view and the search terms all ask for the same body).
#[derive(Debug, Clone, Copy)]
pub(super) struct Content<'t> {
    pub text: &'t str,
    digest: [u8; 32],
}

impl<'t> Content<'t> {
    pub fn of(text: &'t str) -> Content<'t> {
        Content { text, digest: body_digest(text) }
    }

    /// `text` with its [`body_digest`], computed before.
    pub fn with_digest(text: &'t str, digest: [u8; 32]) -> Content<'t> {
        Content { text, digest }
    }
}

/// The digest a Markdown body is filed under; computed once per loaded version
/// (see [`BodyDigests`]) and handed to [`RenderCache::expect`], the pages and
/// [`RenderCache::written`].
pub fn body_digest(markdown: &str) -> [u8; 32] {
    digest(&[markdown.as_bytes()])
}

/// The [`body_digest`] of each document's body in one version, by its file.
pub type BodyDigests = HashMap<crate::diag::FileId, [u8; 32]>;

/// Renderings of one key that differ by how their links resolved; a few at most.
const MAX_VARIANTS: usize = 4;

/// What is kept for one Markdown body while versions still to be written hold it.
#[derive(Debug, Default)]
struct Entry {
    /// Versions still to be written that hold this body.
    remaining: usize,
    /// Rendered HTML by placement key, each with its variants.
    bodies: HashMap<[u8; 32], Vec<Arc<Body>>>,
    blocks: Option<Arc<[TextBlock]>>,
    /// Search terms by (id, title).
    terms: HashMap<[u8; 32], Terms>,
}

/// Rendered bodies, text blocks and search terms, by content. Shared by reference between the
/// versions of one build (and safe to share between threads).
#[derive(Debug, Default)]
pub struct RenderCache {
    entries: Mutex<HashMap<[u8; 32], Entry>>,
}

impl RenderCache {
    /// One more version to be written holds the body of this [`body_digest`].
    pub fn expect(&self, body: &[u8; 32]) {
        lock(&self.entries).entry(*body).or_default().remaining += 1;
    }

    /// A version holding the body of this [`body_digest`] is written: when it was the last,
    /// the body's renderings are dropped.
    pub fn written(&self, body: &[u8; 32]) {
        let dropped = {
            let mut entries = lock(&self.entries);
            let last = entries.get_mut(body).is_some_and(|entry| {
                entry.remaining = entry.remaining.saturating_sub(1);
                entry.remaining == 0
            });
            if last { entries.remove(body) } else { None }
        };
        // Freeing a body's renderings takes a while: not while the other threads wait for the lock.
        drop(dropped);
    }

    /// Runs `keep` on the entry of `content` if versions still to be written hold it.
    fn keep(&self, content: &[u8; 32], keep: impl FnOnce(&mut Entry)) {
        if let Some(entry) = lock(&self.entries).get_mut(content) {
            keep(entry);
        }
    }

    /// The body `markdown` of the document at `path` as sanitized HTML, placed at `placement`.
    pub(super) fn body(
        &self,
        body: Content<'_>,
        path: &str,
        pages: &Arc<BTreeMap<String, String>>,
        placement: &Placement,
    ) -> Body {
        let (markdown, content) = (body.text, body.digest);
        let own_stem = placement.print.as_ref().and_then(|print| print.get(path));
        let key = digest(&[
            path.as_bytes(),
            placement.root.as_bytes(),
            if placement.print.is_some() { b"print" } else { b"page" },
            own_stem.map_or(b"".as_slice(), |s| s.as_bytes()),
        ]);
        let print = placement.print.as_deref();
        let fits = |body: &Arc<Body>| body.lookups.iter().all(|lookup| lookup.holds(pages, print));
        let found = lock(&self.entries).get_mut(&content).and_then(|entry| {
            // The last version holding the body takes it: no copy, and it is freed once written.
            let last = entry.remaining <= 1;
            let variants = entry.bodies.get_mut(&key)?;
            let at = variants.iter().position(fits)?;
            Some(if last { variants.swap_remove(at) } else { Arc::clone(&variants[at]) })
        });
        if let Some(found) = found {
            return Arc::try_unwrap(found).unwrap_or_else(|shared| (*shared).clone());
        }
        // A page's body is rendered before its search terms: its text blocks come from the
        // same parse.
        let needs_blocks =
            placement.print.is_none() && lock(&self.entries).get(&content).is_some_and(|entry| entry.blocks.is_none());
        let (body, blocks) = if needs_blocks {
            let (body, blocks) = markdown::render_with_blocks(markdown, path, pages, placement);
            (body, Some(blocks.into()))
        } else {
            (markdown::render(markdown, path, pages, placement), None)
        };
        self.keep(&content, |entry| {
            // The last version holding the body asks for each placement once: nothing to keep.
            if entry.remaining > 1 {
                let variants = entry.bodies.entry(key).or_default();
                if variants.len() < MAX_VARIANTS {
                    variants.push(Arc::new(body.clone()));
                }
            }
            if entry.blocks.is_none() {
                entry.blocks = blocks;
            }
        });
        body
    }

    /// The body `markdown` as plain text blocks (search index, redline).
    pub(super) fn blocks(&self, markdown: &str) -> Arc<[TextBlock]> {
        self.blocks_of(&body_digest(markdown), markdown)
    }

    fn blocks_of(&self, content: &[u8; 32], markdown: &str) -> Arc<[TextBlock]> {
        if let Some(found) = lock(&self.entries).get(content).and_then(|entry| entry.blocks.clone()) {
            return found;
        }
        let blocks: Arc<[TextBlock]> = text::text_blocks(markdown).into();
        self.keep(content, |entry| entry.blocks = Some(Arc::clone(&blocks)));
        blocks
    }

    /// The search terms of a document with this id, title and body, with their weights.
    pub(super) fn terms(&self, id: &str, title: &str, body: Content<'_>) -> Terms {
        let (markdown, content) = (body.text, body.digest);
        let key = digest(&[id.as_bytes(), title.as_bytes()]);
        if let Some(found) = lock(&self.entries).get(&content).and_then(|entry| entry.terms.get(&key).cloned()) {
            return found;
        }
        let terms: Terms = Arc::new(search::document_terms(id, title, &self.blocks_of(&content, markdown)));
        self.keep(&content, |entry| {
            entry.terms.insert(key, Arc::clone(&terms));
        });
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
        let text = "See [b](b.md) and [c](c.md).";
        let cache = RenderCache::default();
        // Held by two versions: the first one's renderings are kept for the second.
        cache.expect(&body_digest(text));
        cache.expect(&body_digest(text));
        let placement = Placement { root: "../".into(), print: None };
        let with_b = Arc::new(BTreeMap::from([("docs/b.md".to_owned(), "documents/B-1.html".to_owned())]));
        let without_b = Arc::new(BTreeMap::new());
        let first = cache.body(Content::of(text), "docs/a.md", &with_b, &placement);
        assert!(first.html.contains("documents/B-1.html"), "{}", first.html);
        let again = cache.body(Content::of(text), "docs/a.md", &with_b, &placement);
        assert_eq!(again.html, first.html);
        let gone = cache.body(Content::of(text), "docs/a.md", &without_b, &placement);
        assert!(!gone.html.contains("B-1"), "{}", gone.html);
        assert_eq!(gone.html, markdown::render(text, "docs/a.md", &without_b, &placement).html);
        let kept = |cache: &RenderCache| {
            lock(&cache.entries).values().flat_map(|e| e.bodies.values()).map(Vec::len).sum::<usize>()
        };
        assert_eq!(kept(&cache), 2);
        assert_eq!(cache.blocks(text), cache.blocks(text));
    }

    #[test]
    fn a_body_is_kept_until_the_last_version_holding_it_is_written() {
        let cache = RenderCache::default();
        let placement = Placement { root: "../".into(), print: None };
        let pages = Arc::new(BTreeMap::new());
        let (kept, once) = ("Kept by two versions.", "Announced by nobody.");
        cache.expect(&body_digest(kept));
        cache.expect(&body_digest(kept));
        cache.body(Content::of(kept), "docs/a.md", &pages, &placement);
        cache.terms("A-1", "A", Content::of(kept));
        cache.body(Content::of(once), "docs/b.md", &pages, &placement);
        cache.expect(&body_digest(once));
        cache.body(Content::of(once), "docs/b.md", &pages, &placement);
        let held = |cache: &RenderCache| lock(&cache.entries).values().filter(|e| !e.bodies.is_empty()).count();
        assert_eq!(held(&cache), 1, "only a body announced by a version still to come is kept");
        cache.written(&body_digest(kept));
        assert_eq!(held(&cache), 1, "one version still holds it");
        let entries = lock(&cache.entries);
        let entry = entries.values().find(|e| !e.bodies.is_empty()).unwrap();
        assert!(entry.blocks.is_some() && entry.terms.len() == 1);
        drop(entries);
        cache.written(&body_digest(kept));
        cache.written(&body_digest(once));
        assert!(lock(&cache.entries).is_empty(), "dropped after the last version");
    }
}
