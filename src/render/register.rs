//! The master document register and one register page per sidebar group
//! (`types/procedure.html`), so the sidebar works without JavaScript.

use super::output::Output;
use super::site::{Site, type_page};
use super::views::{self, DocSummary};
use crate::error::Result;
use crate::model::{Document, register_now};
use std::borrow::Cow;

pub fn write(site: &Site, output: &Output) -> Result<()> {
    let order = register_order(site);
    write_register(site, &order, output)?;
    write_type_pages(site, &order, output)
}

/// The documents in the master register's order: the rows `qms register` prints, as the model
/// draws them up on the version's day.
fn register_order<'a>(site: &Site<'a>) -> Vec<&'a Document> {
    let input = site.input;
    let rows = register_now(input.register, None, &input.config.review, input.today);
    rows.iter().filter_map(|row| input.register.by_path(&row.path)).collect()
}

fn write_register(site: &Site, order: &[&Document], output: &Output) -> Result<()> {
    let register: Vec<Cow<DocSummary>> = order.iter().map(|d| site.summary(d)).collect();
    let mut context = site.context("register.html", "Master document register", "register", None);
    context.insert("documents", &register);
    context.insert("group", &None::<()>);
    output.write("register.html", site.theme().render("register.html", &context)?.as_bytes())
}

/// One register page per sidebar group (`types/procedure.html`): the documents of one type.
fn write_type_pages(site: &Site, order: &[&Document], output: &Output) -> Result<()> {
    for group in &site.nav {
        let documents: Vec<Cow<DocSummary>> =
            order.iter().filter(|d| views::nav_group_of(d) == group.doc_type).map(|d| site.summary(d)).collect();
        let url = type_page(group);
        let mut context = site.context(&url, &group.heading, "register", None);
        context.insert("documents", &documents);
        context.insert("group", &serde_json::json!({ "heading": group.heading, "count": documents.len() }));
        output.write(&url, site.theme().render("register.html", &context)?.as_bytes())?;
    }
    Ok(())
}
