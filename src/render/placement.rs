//! Where a rendered body will sit, and the id and link rules that follow from it: the page's
//! way back to the version root, the print view's id prefixes and anchors, and the ids reserved
//! for the site's own elements. Shared by the body path (`markdown`, `sanitize`), the pages and
//! the independent safety check.

use std::collections::BTreeMap;
use std::sync::Arc;

/// Ids of the site's own elements start with this; content may not use it.
pub const RESERVED_ID_PREFIX: &str = "qms-";

/// Where the rendered body will sit, which decides how its links are written.
#[derive(Debug, Clone)]
pub struct Placement {
    /// From the page back to the version root (`""` or `"../"`).
    pub root: String,
    /// On the print view: every document there gets its ids prefixed (`<stem>--`), and links to
    /// a document that is also on the print view stay on it (`#doc-<stem>`). Document path →
    /// the stem of its page name.
    pub print: Option<Arc<BTreeMap<String, String>>>,
}

/// A local link target and what it resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub path: String,
    pub page: Option<String>,
    pub print: Option<String>,
}

impl Lookup {
    /// Whether `path` resolves the same way against these maps.
    pub fn holds(&self, pages: &BTreeMap<String, String>, print: Option<&BTreeMap<String, String>>) -> bool {
        pages.get(&self.path) == self.page.as_ref() && print.and_then(|p| p.get(&self.path)) == self.print.as_ref()
    }
}

/// The prefix of every id inside a document on the print view.
pub fn id_prefix(stem: &str) -> String {
    format!("{stem}--")
}

/// The id of a document's section on the print view.
pub fn print_anchor(stem: &str) -> String {
    format!("doc-{stem}")
}
