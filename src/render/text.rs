//! A document body as plain text blocks (headings, paragraphs, list items, table rows, code
//! blocks), each a line of words: what the search index counts and the redline compares.

use crate::load::markdown_options;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// One block of a body as plain text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TextBlock {
    pub heading: bool,
    /// Words separated by single spaces, none before the first or after the last.
    pub text: String,
}

/// The body as plain text blocks: headings, paragraphs, list items, table rows, code blocks.
pub fn text_blocks(body: &str) -> Vec<TextBlock> {
    blocks_of(&Parser::new_ext(body, markdown_options()).collect::<Vec<_>>())
}

/// The text blocks of a body's events.
pub fn blocks_of(events: &[Event<'_>]) -> Vec<TextBlock> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut heading = false;
    let flush = |current: &mut String, heading: bool, blocks: &mut Vec<TextBlock>| {
        let text = collapse_whitespace(current);
        if !text.is_empty() {
            blocks.push(TextBlock { heading, text });
        }
        current.clear();
    };
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, heading, &mut blocks);
                heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut current, true, &mut blocks);
                heading = false;
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableRow | Tag::TableHead | Tag::CodeBlock(_))
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead | TagEnd::CodeBlock) =>
            {
                flush(&mut current, heading, &mut blocks);
            }
            Event::End(TagEnd::TableCell) => current.push_str(" · "),
            Event::Text(text) | Event::Code(text) => current.push_str(text),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    flush(&mut current, heading, &mut blocks);
    for block in &mut blocks {
        if let Some(stripped) = block.text.strip_suffix(" ·") {
            block.text = stripped.to_owned();
        }
    }
    blocks
}

/// The words of `text` (as [`str::split_whitespace`] splits them) joined by single spaces.
fn collapse_whitespace(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    // The start of the word being read, if any.
    let mut word: Option<usize> = None;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (space, width) = if byte.is_ascii() {
            // `char::is_whitespace` over ASCII: space, tab, line feed, vertical tab, form feed, return.
            (matches!(byte, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'), 1)
        } else {
            let c = text.get(at..).and_then(|rest| rest.chars().next()).unwrap_or(char::REPLACEMENT_CHARACTER);
            (c.is_whitespace(), c.len_utf8())
        };
        if !space {
            word.get_or_insert(at);
        } else if let Some(start) = word.take() {
            push_word(&mut collapsed, text.get(start..at).unwrap_or_default());
        }
        at += width;
    }
    if let Some(start) = word {
        push_word(&mut collapsed, text.get(start..).unwrap_or_default());
    }
    collapsed
}

fn push_word(text: &mut String, word: &str) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_blocks_flatten_the_body() {
        let blocks = text_blocks("# Title\n\nSome *text*\nhere.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        let texts: Vec<_> = blocks.iter().map(|b| (b.heading, b.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (true, "Title"),
                (false, "Some text here."),
                (false, "one"),
                (false, "two"),
                (false, "a · b"),
                (false, "1 · 2")
            ]
        );
    }

    #[test]
    fn whitespace_collapses_as_split_whitespace_splits() {
        for text in [
            "",
            " ",
            "a",
            " a  b\t\nc ",
            "x\u{a0}y\u{2003}z\u{85}w\u{b}v\u{c}u\r",
            "é  ü 日本\u{3000}語 🙂",
            "\u{1c}\u{1f}",
        ] {
            assert_eq!(collapse_whitespace(text), text.split_whitespace().collect::<Vec<_>>().join(" "), "{text:?}");
        }
    }
}
