//! Writes every page of one version: the orchestrator on top of the page modules (document,
//! home, register, matrix, reviews and changes, certification, print), the search index, assets and linked
//! files. It is the only render module that calls page modules.

use super::output::Output;
use super::search;
use super::site::Site;
use super::{certification, document, files, home, matrix, print, register, reviews};
use crate::error::Result;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Writes every page, script, asset and linked file of the version. The document pages are
/// written on every core, side by side with the other pages.
pub fn write_all(site: &Site, output: &Output, warnings: &mut Vec<String>) -> Result<()> {
    for (name, bytes) in site.theme().assets() {
        output.write(name, bytes)?;
    }
    let (documents, others) = rayon::join(
        || {
            let written = site.order.par_iter().map(|d| document::write_document(site, output, d));
            written.inspect(|_| site.input.progress.advance(1)).collect::<Result<Vec<_>>>()
        },
        || -> Result<Vec<(String, String)>> {
            let (print, pages) = rayon::join(
                || print::write(site, output),
                || -> Result<()> {
                    register::write(site, output)?;
                    home::write(site, output)?;
                    matrix::write(site, output)?;
                    certification::write(site, output)?;
                    reviews::write(site, output)
                },
            );
            pages?;
            print
        },
    );
    let documents = documents?;
    // Files linked from several documents are listed with the first, in manual order.
    let mut linked: BTreeMap<String, String> = BTreeMap::new();
    let mut index = Vec::new();
    for written in documents {
        for file in written.linked {
            linked.entry(file).or_insert_with(|| written.path.to_owned());
        }
        index.push(written.search);
    }
    for (file, path) in others? {
        linked.entry(file).or_insert(path);
    }
    if site.input.config.site_search {
        output.write("search-index.js", search::index_js(&index).as_bytes())?;
    }
    files::copy_linked(site, output, &linked, warnings)
}
