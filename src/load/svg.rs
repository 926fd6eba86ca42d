//! Links to SVG drawings of the repository that could run code when opened (`unsafe-svg`): the
//! site leaves such a file out, and the author hears of it on the pull request.

use crate::diag::{Diagnostic, Rule};
use crate::model::svg::{is_svg, svg_is_inert};
use crate::model::{Document, LinkTarget, classify_link};
use crate::source::Source;
use std::collections::BTreeSet;

/// Links to SVG files of the repository that could run code when opened: the site leaves
/// them out, and the author hears of it on the pull request, not at publication.
pub fn unsafe_svgs(source: &dyn Source, documents: &[Document], files: &BTreeSet<String>) -> Vec<Diagnostic> {
    let unsafe_files: BTreeSet<&str> = files
        .iter()
        .filter(|path| is_svg(path) && source.read(path).is_ok_and(|bytes| !svg_is_inert(&bytes)))
        .map(String::as_str)
        .collect();
    let mut found = Vec::new();
    if unsafe_files.is_empty() {
        return found;
    }
    for document in documents {
        for link in &document.links {
            if let LinkTarget::Local { path, .. } = classify_link(&document.path, &link.destination)
                && unsafe_files.contains(path.as_str())
            {
                found.push(
                    Diagnostic::new(
                        Rule::UnsafeSvg,
                        format!("{path} is an SVG with scripts, event handlers or external references; the site leaves it out"),
                    )
                    .at(document.span(link.range.clone()))
                    .help("export the drawing again as a plain SVG (no scripts, links or embedded fonts), or as PNG"),
                );
            }
        }
    }
    found
}
