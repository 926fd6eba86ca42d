//! Files documents link to (images, attachments), copied into the version under `files/<path>`:
//! an SVG that could run code when opened is left out.

use super::output::Output;
use super::site::Site;
use crate::error::Result;
use crate::model::svg::{is_svg, svg_is_inert};
use std::collections::BTreeMap;

/// Copies every file a document links to under `files/`; SVG files that could run code are
/// left out.
pub fn copy_linked(
    site: &Site,
    output: &Output,
    linked: &BTreeMap<String, String>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    for (path, linked_from) in linked {
        let Some(bytes) = (site.input.read_file)(path) else {
            warnings
                .push(format!("{linked_from} links to {path}, which cannot be read; the link is broken in the site"));
            continue;
        };
        if is_svg(path) && !svg_is_inert(&bytes) {
            warnings.push(format!(
                "{path} (linked from {linked_from}) is an SVG with scripts, event handlers or external references; it was left out of the site (`qms check` reports it as unsafe-svg)"
            ));
            continue;
        }
        output.write(&format!("files/{path}"), &bytes)?;
    }
    Ok(())
}
