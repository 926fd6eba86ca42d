//! One pass of pulldown-cmark over a document body: its headings (with the anchors the site
//! will give them) and its links and images, each with its byte range in the file.

use crate::model::{AnchorSet, Heading, Link, LinkKind, Table, TableRow};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown extensions `qms` renders; checking and rendering must agree on them.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What the body declares.
#[derive(Debug, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
}

/// Scans `body`, which starts at byte `base` of the file.
pub fn scan(body: &str, base: usize) -> Outline {
    // Read as the site renders it: pandoc's lettered lists as lists (every line keeps its
    // length, so the offsets are the file's).
    let body = crate::model::lettered::normalize(body);
    let body = body.as_ref();
    let mut outline = Outline::default();
    let mut anchors = AnchorSet::default();
    // The heading being read: level, explicit id, text so far, start.
    let mut heading: Option<(u8, Option<String>, String, usize)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let range = base + range.start..base + range.end;
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level as u8, id.map(|id| id.to_string()), String::new(), range.start));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, text, start)) = heading.take() {
                    let anchor = anchors.anchor(id.as_deref(), &text);
                    outline.headings.push(Heading {
                        level,
                        text: text.trim().to_owned(),
                        anchor,
                        range: start..range.end,
                    });
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, heading_text, _)) = heading.as_mut() {
                    heading_text.push_str(&text);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                outline.links.push(Link { kind: LinkKind::Link, destination: dest_url.to_string(), range });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                outline.links.push(Link { kind: LinkKind::Image, destination: dest_url.to_string(), range });
            }
            _ => {}
        }
    }
    outline
}

/// The tables of `body` (which starts at byte `base`), each cell as plain text.
pub fn tables(body: &str, base: usize) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Option<TableRow> = None;
    let mut cell: Option<String> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => table = Some(Table::default()),
            Event::End(TagEnd::Table) => tables.extend(table.take()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row = Some(TableRow { cells: Vec::new(), range: base + range.start..base + range.end });
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(table), Some(head)) = (table.as_mut(), row.take()) {
                    table.header = head.cells;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(table), Some(done)) = (table.as_mut(), row.take()) {
                    table.rows.push(done);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(row), Some(text)) = (row.as_mut(), cell.take()) {
                    row.cells.push(text.trim().to_owned());
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&text);
                }
            }
            _ => {}
        }
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_headings_anchors_and_links() {
        let body = "# SOP-1 Title\n\n## 5.2 Approval & issue {#approval}\n\n## Notes\n\n## Notes\n\nSee [x](a.md#b) and ![img](i.png) and [ref].\n\n[ref]: ../c.md\n";
        let outline = scan(body, 100);
        let anchors: Vec<_> = outline.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["sop-1-title", "approval", "notes", "notes-1"]);
        assert_eq!(outline.headings[0].range.start, 100);
        let links: Vec<_> = outline.links.iter().map(|l| (l.kind, l.destination.as_str())).collect();
        assert_eq!(links, [(LinkKind::Link, "a.md#b"), (LinkKind::Image, "i.png"), (LinkKind::Link, "../c.md")]);
        assert_eq!(&body[outline.links[0].range.start - 100..outline.links[0].range.end - 100], "[x](a.md#b)");
    }

    #[test]
    fn reads_tables_as_text() {
        let body = "Intro\n\n| Control | Applicable |\n|---|---|\n| A.5.1 | **yes** |\n| `A.5.2` | no |\n";
        let tables = tables(body, 10);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].header, ["Control", "Applicable"]);
        assert_eq!(tables[0].rows[1].cells, ["A.5.2", "no"]);
        assert_eq!(tables[0].column(&["applicab"]), Some(1));
        assert_eq!(
            &body[tables[0].rows[0].range.start - 10..tables[0].rows[0].range.end - 10],
            "| A.5.1 | **yes** |\n"
        );
    }
}
