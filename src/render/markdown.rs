//! A document body → safe HTML: pulldown-cmark with the options the checker parses with, heading
//! ids equal to the anchors the checker computes, then [`sanitize`]: links between documents go
//! to the rendered pages, linked files to their copies under `files/`, and anything that would
//! leave the site or run code is dropped. Also, from the same parse, the body as plain text
//! blocks ([`super::text`]) for the search index and the redline.

use super::placement::{Lookup, Placement, id_prefix};
use super::sanitize::{self, Rewriter};
use super::text::{TextBlock, blocks_of};
use crate::load::markdown_options;
use crate::model::AnchorSet;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A rendered body.
#[derive(Debug, Clone)]
pub struct Body {
    pub html: String,
    /// Files the body links to or shows (paths relative to the QMS root), to copy under `files/`.
    pub files: BTreeSet<String>,
    /// The text of a level-1 heading that opens the body.
    pub opening_h1: Option<String>,
    /// What the links of the body were resolved against: each local path it links to, with the
    /// page and print-view stem it had. The same body renders the same wherever these agree.
    pub lookups: Vec<Lookup>,
}

impl Body {
    /// Marks an opening level-1 heading that repeats `title` (`# SOP-003 Management Review`)
    /// with the class `title-repeat`: the page's document header already shows it.
    pub fn mark_repeated_title(&mut self, title: &str) {
        let repeats = self.opening_h1.as_ref().is_some_and(|h1| h1.to_lowercase().contains(&title.to_lowercase()));
        if repeats && !title.is_empty() && self.html.starts_with("<h1 ") {
            self.html.replace_range(..4, "<h1 class=\"title-repeat\" ");
        }
    }
}

/// Renders the Markdown `body` of the document at `path`; `pages` maps document paths to pages.
pub fn render(body: &str, path: &str, pages: &Arc<BTreeMap<String, String>>, placement: &Placement) -> Body {
    let normalized = crate::model::lettered::normalize(body);
    let (mut events, opening_h1) = events(&normalized);
    keep_list_letters(&mut events, body, &normalized);
    render_events(events, opening_h1, path, pages, placement)
}

/// [`render`], and the body's [`text_blocks`](super::text::text_blocks) from the same parse.
pub fn render_with_blocks(
    body: &str,
    path: &str,
    pages: &Arc<BTreeMap<String, String>>,
    placement: &Placement,
) -> (Body, Vec<TextBlock>) {
    let normalized = crate::model::lettered::normalize(body);
    let (mut events, opening_h1) = events(&normalized);
    let blocks = blocks_of(&events);
    keep_list_letters(&mut events, body, &normalized);
    (render_events(events, opening_h1, path, pages, placement), blocks)
}

/// Pandoc's lettered lists keep their letters: each ordered list [`lettered::normalize`] made
/// of one opens as `<ol type="a">` (or `"i"` for roman numerals). Bodies without one are
/// borrowed unchanged by `normalize`, and cost nothing here.
///
/// [`lettered::normalize`]: crate::model::lettered::normalize
fn keep_list_letters(events: &mut [Event<'_>], original: &str, normalized: &str) {
    // `normalize` hands back the body itself when it has no lettered list.
    if std::ptr::eq(original, normalized) {
        return;
    }
    let is_ordered = |event: &Event<'_>| matches!(event, Event::Start(Tag::List(Some(_))));
    let starts = Parser::new_ext(normalized, markdown_options())
        .into_offset_iter()
        .filter(|(event, _)| is_ordered(event))
        .map(|(_, range)| range.start);
    for (event, start) in events.iter_mut().filter(|event| is_ordered(event)).zip(starts) {
        if let Some(style) = crate::model::lettered::style_at(original, start) {
            *event = Event::Html(CowStr::from(format!("<ol type=\"{style}\">\n")));
        }
    }
}

fn render_events(
    events: Vec<Event<'_>>,
    opening_h1: Option<String>,
    path: &str,
    pages: &Arc<BTreeMap<String, String>>,
    placement: &Placement,
) -> Body {
    let own_prefix = placement.print.as_ref().and_then(|p| p.get(path)).map(|stem| id_prefix(stem));
    let rewriter = Rewriter::new(Arc::clone(pages), placement, path, own_prefix);
    let html = sanitize::to_safe_html(events, &rewriter);
    let (files, lookups) = rewriter.into_found();
    Body { html, files, opening_h1, lookups }
}

/// The Markdown events of a body, headings carrying the checker's anchors as ids; and the text
/// of the level-1 heading that opens the body, if one does.
fn events(body: &str) -> (Vec<Event<'_>>, Option<String>) {
    let mut events: Vec<Event> = Vec::new();
    let mut opening_h1 = None;
    let mut anchors = AnchorSet::default();
    // The open heading: index of its start event, explicit id, text so far.
    let mut heading: Option<(usize, Option<String>, String)> = None;
    for event in Parser::new_ext(body, markdown_options()) {
        match &event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((events.len(), id.as_ref().map(ToString::to_string), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((index, id, text)) = heading.take() {
                    let anchor = anchors.anchor(id.as_deref(), &text);
                    if index == 0 && matches!(event, Event::End(TagEnd::Heading(HeadingLevel::H1))) {
                        opening_h1 = Some(text.trim().to_owned());
                    }
                    // The id becomes the checker's anchor; classes and attributes are left for the
                    // sanitizer, which owns every rule of what reaches the page.
                    if let Some(Event::Start(Tag::Heading { id, .. })) = events.get_mut(index) {
                        *id = Some(CowStr::from(anchor));
                    }
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, heading_text)) = heading.as_mut() {
                    heading_text.push_str(text);
                }
            }
            _ => {}
        }
        events.push(event);
    }
    (events, opening_h1)
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::text::text_blocks;
    use super::*;

    /// `body` rendered as `docs/a.md`, on a page one folder down, where `docs/b.md` has a page.
    pub(in crate::render) fn page(body: &str) -> String {
        let pages = Arc::new(BTreeMap::from([("docs/b.md".to_owned(), "documents/B-1.html".to_owned())]));
        render(body, "docs/a.md", &pages, &Placement { root: "../".into(), print: None }).html
    }

    #[test]
    fn text_blocks_from_the_render_are_the_text_blocks_of_the_body() {
        let body = "# SOP-1 Title {#top}\n\nA *para*\nwith `code`.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n\
                    - item[^1]\n\n<div>raw <b>html</b></div>\n\n```\nfenced\n```\n\n[^1]: A note.\n";
        let pages = Arc::new(BTreeMap::new());
        let placement = Placement { root: "../".into(), print: None };
        let (rendered, blocks) = render_with_blocks(body, "docs/a.md", &pages, &placement);
        assert_eq!(blocks, text_blocks(body));
        assert!(blocks.iter().any(|b| b.heading && b.text == "SOP-1 Title"), "{blocks:?}");
        assert_eq!(rendered.html, render(body, "docs/a.md", &pages, &placement).html);
    }

    #[test]
    fn headings_carry_the_checker_anchors() {
        let html = page("# A Title\n\n## 5.2 Approval & issue {#approval}\n\n## Notes\n\n## Notes\n");
        assert!(html.contains(r#"<h1 id="a-title">"#), "{html}");
        assert!(html.contains(r#"<h2 id="approval">"#), "{html}");
        assert!(html.contains(r#"<h2 id="notes-1">"#), "{html}");
    }

    #[test]
    fn links_go_to_pages_and_files() {
        let html = page("[b](b.md#5-records) [c](c.md) [img](img/x.png) ![x](img/x.png) [t](#top) [w](https://e.com)");
        assert!(html.contains(r#"href="../documents/B-1.html#5-records""#), "{html}");
        assert!(!html.contains("c.md"), "{html}");
        assert!(html.contains(r#"href="../files/docs/img/x.png""#), "{html}");
        assert!(html.contains(r#"src="../files/docs/img/x.png""#), "{html}");
        assert!(html.contains(r##"href="#top""##), "{html}");
        assert!(html.contains(r#"href="https://e.com" rel="noopener noreferrer""#), "{html}");
    }

    #[test]
    fn hostile_content_is_removed() {
        let html = page(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> [j](javascript:alert(3)) \
             <iframe src=\"https://e.com\"></iframe> <base href=\"https://e.com/\"> \
             <svg><script>alert(4)</script></svg> ![r](https://e.com/t.png) <a id=\"qms-search\">x</a>",
        );
        for payload in
            ["<script", "onerror", "javascript:", "<iframe", "<base", "<svg", "alert(", "e.com/t.png", "qms-search"]
        {
            assert!(!html.contains(payload), "{payload} in {html}");
        }
        assert_eq!(super::super::unsafe_parts(&html), Vec::<String>::new(), "{html}");
    }

    #[test]
    fn print_view_prefixes_ids_and_keeps_links_on_the_page() {
        let pages = Arc::new(BTreeMap::from([("docs/b.md".to_owned(), "documents/B-1.html".to_owned())]));
        let print = Arc::new(BTreeMap::from([
            ("docs/a.md".to_owned(), "A-1".to_owned()),
            ("docs/b.md".to_owned(), "B-1".to_owned()),
        ]));
        let placement = Placement { root: String::new(), print: Some(print) };
        let html = render("## Scope\n\n[s](#scope) [b](b.md#x) [b2](b.md)", "docs/a.md", &pages, &placement).html;
        assert!(html.contains(r#"id="A-1--scope""#), "{html}");
        assert!(html.contains(r##"href="#A-1--scope""##), "{html}");
        assert!(html.contains(r##"href="#B-1--x""##), "{html}");
        assert!(html.contains(r##"href="#doc-B-1""##), "{html}");
    }

    // The body path as a whole: what the sanitizer lets through.

    #[test]
    fn markdown_without_html_carries_no_payload() {
        let html = page(
            "# QMS search\n\n## Scope {#scope .evil onclick=alert(0) style=color:red}\n\n[j](javascript:alert(1)) [J](JaVaScRiPt:alert(2)) <javascript:alert(3)> \
             [v](vbscript:msgbox(4)) ![d](data:image/svg+xml;base64,PHN2Zz4=) ![r](https://e.com/t.png) \
             [t](https://e.com \"\\\" onmouseover=\\\"alert(5)\") [s](<java\tscript:alert(6)>) \
             [f](file:///etc/passwd) [u](../../outside.md) `<script>alert(7)</script>` \
             <mailto:a@e.com> <a@e.com> [ph](tel:+441234567890) [z](zoom:meet) [x](filI-3e:///etc/passwd) \
             [w](\\\\server\\share)\n\n| a | b |\n|:--|--:|\n| x | y |\n",
        );
        assert_eq!(super::super::unsafe_parts(&html), Vec::<String>::new(), "{html}");
        assert!(!html.contains("<h1 id="), "the reserved id is dropped: {html}");
        assert!(html.contains("<h2 id=\"scope\">Scope</h2>"), "heading attributes are dropped: {html}");
        // A dropped link keeps its text (`javascript:alert(3)` shows as text); no URL keeps it.
        for payload in [
            "=\"javascript",
            "=\"JaVaScRiPt",
            "=\"vbscript",
            "=\"data:",
            "e.com/t.png",
            "=\"file:",
            "outside",
            "style=",
            "java\tscript",
            "=\"zoom",
            "=\"fili",
            "=\"\\\\",
        ] {
            assert!(!html.contains(payload), "{payload} in {html}");
        }
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(7)&lt;/script&gt;"), "code stays text: {html}");
        assert!(html.contains(r#"title="&quot; onmouseover=&quot;alert(5)""#), "titles are escaped: {html}");
        assert!(html.contains(r#"<a href="mailto:a@e.com" rel="noopener noreferrer">a@e.com</a>"#), "{html}");
        assert!(html.contains(r#"<a href="https://e.com" title="#), "{html}");
        assert!(html.contains(r#"<a href="tel:+441234567890" rel="noopener noreferrer">ph</a>"#), "{html}");
        assert!(html.contains("<p>j J javascript:alert(3) v d r "), "dropped links keep their text: {html}");
    }

    #[test]
    fn both_paths_rewrite_links_and_ids_alike() {
        let print = Arc::new(BTreeMap::from([
            ("docs/a.md".to_owned(), "A-1".to_owned()),
            ("docs/b.md".to_owned(), "B-1".to_owned()),
        ]));
        let pages = Arc::new(BTreeMap::from([("docs/b.md".to_owned(), "documents/B-1.html".to_owned())]));
        let placement = Placement { root: String::new(), print: Some(print) };
        let text = "## Scope\n\n[s](#scope) [b](b.md#x) [b2](b.md) ![i](img/x.png) [w](https://e.com)\n";
        let plain = render(text, "docs/a.md", &pages, &placement);
        let with_html = render(&format!("{text}\n<b>raw</b>\n"), "docs/a.md", &pages, &placement);
        for part in [
            r#"<h2 id="A-1--scope">"#,
            r##"href="#A-1--scope""##,
            r##"href="#B-1--x""##,
            r##"href="#doc-B-1""##,
            r#"src="files/docs/img/x.png""#,
            r#"href="https://e.com" rel="noopener noreferrer""#,
        ] {
            assert!(plain.html.contains(part), "{part} in {}", plain.html);
            assert!(with_html.html.contains(part), "{part} in {}", with_html.html);
        }
        assert_eq!(plain.files, with_html.files);
        assert_eq!(plain.lookups, with_html.lookups);
    }

    #[test]
    fn task_list_markers_are_ballot_boxes_on_both_paths() {
        let pages = Arc::new(BTreeMap::new());
        let placement = Placement { root: String::new(), print: None };
        let text = "- [ ] to do\n- [x] done\n";
        for body in [text.to_owned(), format!("{text}\n<b>raw</b>\n")] {
            let html = render(&body, "docs/a.md", &pages, &placement).html;
            assert!(html.contains("<li><span class=\"task\">\u{2610}</span> to do</li>"), "{html}");
            assert!(html.contains("<li><span class=\"task\">\u{2611}</span> done</li>"), "{html}");
            assert!(!html.contains("<input"), "{html}");
        }
    }

    #[test]
    fn lettered_lists_keep_their_letters_and_numbered_lists_stay_numbered() {
        let pages = Arc::new(BTreeMap::new());
        let placement = Placement { root: String::new(), print: None };
        let body = "# Policy\n\na. Onboarding\n\n    i. HR informs IT.\n\n    ii. IT creates the accounts.\n\nb. Review.\n\n1. A numbered list\n2. stays numbered\n";
        let (html, blocks) = {
            let (body, blocks) = render_with_blocks(body, "docs/a.md", &pages, &placement);
            (body.html, blocks)
        };
        assert_eq!(html, render(body, "docs/a.md", &pages, &placement).html, "both entry points agree");
        assert!(html.contains("<ol type=\"a\">"), "{html}");
        assert!(html.contains("<ol type=\"i\">"), "{html}");
        assert_eq!(html.matches("<ol>").count(), 1, "the numbered list has no type: {html}");
        assert!(!html.contains("<pre"), "{html}");
        assert!(super::super::safety::unsafe_parts(&html).is_empty(), "{html}");
        assert!(blocks.iter().any(|block| block.text.contains("HR informs IT.")), "{blocks:?}");
    }
}
