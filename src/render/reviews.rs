//! The review schedule page (overdue, due soon, upcoming, per owner) and the page of changes
//! since the previous release (added, withdrawn, revised with a word-level redline).

use super::output::Output;
use super::paths::page_for_id;
use super::redline::{Redline, redline_blocks};
use super::site::Site;
use super::views::when;
use crate::error::Result;
use crate::model::ReviewState;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// `reviews`: the schedule.
#[derive(Debug, Serialize)]
struct ReviewsView {
    /// The due-soon window: "30 days".
    window: String,
    groups: Vec<ReviewGroup>,
    owners: Vec<OwnerRow>,
}

#[derive(Debug, Serialize)]
struct ReviewGroup {
    /// `overdue`, `due` or `upcoming`.
    state: &'static str,
    heading: String,
    entries: Vec<ReviewEntry>,
}

#[derive(Debug, Serialize)]
struct ReviewEntry {
    due: String,
    when: String,
    days: i64,
    id: String,
    title: String,
    url: String,
    owner: String,
    last: String,
    interval: String,
}

#[derive(Debug, Serialize)]
struct OwnerRow {
    owner: String,
    overdue: usize,
    due: usize,
    upcoming: usize,
}

/// `changes`: what changed since the previous release; `null` on the first version.
#[derive(Debug, Serialize)]
struct ChangesPage {
    previous_label: String,
    /// The previous version's home, when it is part of the site.
    previous_url: Option<String>,
    added: Vec<ChangedView>,
    withdrawn: Vec<ChangedView>,
    revised: Vec<RevisedView>,
}

#[derive(Debug, Serialize)]
struct ChangedView {
    id: String,
    title: String,
    version: String,
    /// The reason for the version.
    change: String,
    /// This version's page for added documents; the previous version's for withdrawn ones.
    url: Option<String>,
}

#[derive(Debug, Serialize)]
struct RevisedView {
    id: String,
    title: String,
    url: Option<String>,
    old_version: String,
    new_version: String,
    /// The reason for the new version.
    change: String,
    /// The redline HTML (generated, escaped).
    redline: String,
    inserted: usize,
    deleted: usize,
}

pub fn write(site: &Site, output: &Output) -> Result<()> {
    let mut context = site.context("reviews.html", "Review schedule", "reviews", None);
    context.insert("reviews", &reviews_view(site));
    output.write("reviews.html", site.theme().render("reviews.html", &context)?.as_bytes())?;
    let mut context = site.context("changes.html", "Changes since the previous release", "changes", None);
    context.insert("changes", &changes_page(site));
    output.write("changes.html", site.theme().render("changes.html", &context)?.as_bytes())
}

fn reviews_view(site: &Site) -> ReviewsView {
    let input = site.input;
    let views = site.views();
    let window = input.config.review.due_soon.to_string();
    let groups = [
        (ReviewState::Overdue, "Overdue".to_owned()),
        (ReviewState::Due, format!("Due within {window}")),
        (ReviewState::Upcoming, "Upcoming".to_owned()),
    ]
    .into_iter()
    .map(|(state, heading)| ReviewGroup {
        state: state.as_str(),
        heading,
        entries: input
            .reviews
            .iter()
            .filter(|r| r.state == state)
            .map(|r| {
                let link = views.link_to(r.document);
                ReviewEntry {
                    due: r.review.due.to_string(),
                    when: when(r.days),
                    days: r.days,
                    id: link.id,
                    title: link.title,
                    url: link.url,
                    owner: r.document.meta.owner.as_ref().map_or_else(|| "(no owner)".to_owned(), |o| o.value.clone()),
                    last: r.review.last.to_string(),
                    interval: r.review.interval.to_string(),
                }
            })
            .collect(),
    })
    .collect();
    let mut owners: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for review in input.reviews {
        let owner = review.document.meta.owner.as_ref().map_or_else(|| "(no owner)".to_owned(), |o| o.value.clone());
        owners.entry(owner).or_default()[review.state as usize] += 1;
    }
    let owners = owners
        .into_iter()
        .map(|(owner, [overdue, due, upcoming])| OwnerRow { owner, overdue, due, upcoming })
        .collect();
    ReviewsView { window, groups, owners }
}

fn changes_page(site: &Site) -> Option<ChangesPage> {
    let input = site.input;
    let changes = input.changes.as_ref()?;
    let previous = input.versions.iter().find(|v| v.label == changes.previous_label);
    let previous_url = previous.map(|v| format!("../{}/index.html", v.dir()));
    let here = |id: &str| site.pages.by_id(id).map(str::to_owned);
    let mut added: Vec<ChangedView> = changes
        .added
        .iter()
        .map(|d| ChangedView {
            id: d.id.clone(),
            title: d.title.clone(),
            version: d.version.clone(),
            change: d.change.clone(),
            url: here(&d.id),
        })
        .collect();
    let mut withdrawn: Vec<ChangedView> = changes
        .withdrawn
        .iter()
        .map(|d| ChangedView {
            id: d.id.clone(),
            title: d.title.clone(),
            version: d.version.clone(),
            change: String::new(),
            url: previous
                .filter(|v| v.documents.contains_key(&d.id))
                .map(|v| format!("../{}/{}", v.dir(), page_for_id(&d.id))),
        })
        .collect();
    let mut revised: Vec<RevisedView> = changes
        .revised
        .par_iter()
        .map(|d| {
            let cache = site.input.cache;
            // A new version of the same text (its front matter changed) has nothing to mark.
            let redline = if d.old_markdown == d.new_markdown {
                Redline::default()
            } else {
                redline_blocks(&cache.blocks(&d.old_markdown), &cache.blocks(&d.new_markdown))
            };
            RevisedView {
                id: d.id.clone(),
                title: d.title.clone(),
                url: here(&d.id),
                old_version: d.old_version.clone(),
                new_version: d.new_version.clone(),
                change: d.change.clone(),
                redline: redline.html,
                inserted: redline.inserted,
                deleted: redline.deleted,
            }
        })
        .collect();
    let by_id = |a: &String, b: &String| crate::model::compare_ids(a, b);
    added.sort_by(|a, b| by_id(&a.id, &b.id));
    withdrawn.sort_by(|a, b| by_id(&a.id, &b.id));
    revised.sort_by(|a, b| by_id(&a.id, &b.id));
    Some(ChangesPage { previous_label: changes.previous_label.clone(), previous_url, added, withdrawn, revised })
}
