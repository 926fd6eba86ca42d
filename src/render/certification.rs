//! The Certification page of a version: certificates, the audit programme, nonconformities,
//! management reviews and objectives (`certification.html`). Every version has the page; the
//! sidebar links it when the version has records or objectives.

use super::cycle_views::{cycle_view, has_cycle};
use super::output::Output;
use super::site::Site;
use crate::error::Result;

pub fn write(site: &Site, output: &Output) -> Result<()> {
    let views = site.views();
    let link = |document: &crate::model::Document| {
        let link = views.link_to(document);
        (link.title, link.url)
    };
    let view = cycle_view(site.input, &link);
    let mut context = site.context("certification.html", "Certification", "certification", None);
    context.insert("cycle", &view);
    context.insert("has_records", &has_cycle(site.input));
    output.write("certification.html", site.theme().render("certification.html", &context)?.as_bytes())
}
