//! The redline of a revised document: a word-level diff of its rendered text (headings,
//! paragraphs, list items, table rows), deletions in `<del>`, insertions in `<ins>`.
//!
//! Blocks are compared first, whole: a paragraph added or removed reads as one, and a word it
//! shares with its neighbour ("The") cannot pull the neighbour into the change. Within a run of
//! blocks replaced by others, words are compared without the spaces between them (or every
//! space would match and the changes would interleave word by word), with the patience
//! algorithm, and an unchanged run of one or two words between two changes is folded into
//! them, so a rewritten sentence reads as one deletion and one insertion.

use super::text::TextBlock;
#[cfg(test)]
use super::text::text_blocks;
use foldhash::fast::RandomState;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The redline as HTML (one `<p>` per block, headings marked), with word counts; empty when
/// nothing changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Redline {
    pub html: String,
    pub inserted: usize,
    pub deleted: usize,
}

/// Separates blocks.
const BREAK: &str = "\n";
/// Opens a heading block; a character no Markdown text will contain.
const HEADING: &str = "\u{E000}";

#[derive(Debug)]
enum Segment<'a> {
    Equal(Vec<&'a str>),
    Changed { deleted: Vec<&'a str>, inserted: Vec<&'a str> },
}

/// Diffs the rendered text of two Markdown bodies word by word.
#[cfg(test)]
pub fn redline(old_markdown: &str, new_markdown: &str) -> Redline {
    redline_blocks(&text_blocks(old_markdown), &text_blocks(new_markdown))
}

/// Diffs two bodies already split into text blocks: first block by block, so a paragraph
/// added, removed or kept reads as a whole; then word by word within each run of blocks
/// replaced by others.
pub fn redline_blocks(old_blocks: &[TextBlock], new_blocks: &[TextBlock]) -> Redline {
    // Nothing changed: every word is equal, and the redline is empty.
    if old_blocks == new_blocks {
        return Redline::default();
    }
    let (old_ids, new_ids) = numbered(old_blocks, new_blocks);
    let mut segments: Vec<Segment> = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &old_ids, &new_ids) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let (old, new) = (tokens(&old_blocks[old_range]), tokens(&new_blocks[new_range]));
        match tag {
            DiffTag::Equal => segments.push(Segment::Equal(old)),
            DiffTag::Replace => diff_words(&mut segments, &old, &new),
            DiffTag::Delete | DiffTag::Insert => push_change(&mut segments, old, new),
        }
    }
    let count = |words: &[&str]| words.iter().filter(|w| **w != BREAK && **w != HEADING).count();
    let (mut inserted, mut deleted) = (0, 0);
    let mut writer = Writer::default();
    for segment in &segments {
        match segment {
            Segment::Equal(words) => writer.words(words, Mark::None),
            Segment::Changed { deleted: old, inserted: new } => {
                deleted += count(old);
                inserted += count(new);
                writer.words(old, Mark::Deleted);
                writer.words(new, Mark::Inserted);
            }
        }
    }
    Redline { html: writer.finish(), inserted, deleted }
}

/// Adds the word-level diff of `old` and `new` (the words of blocks replaced by others).
fn diff_words<'a>(segments: &mut Vec<Segment<'a>>, old: &[&'a str], new: &[&'a str]) {
    // The diff compares each word many times: it compares numbers standing for the words.
    let (old_ids, new_ids) = numbered(old, new);
    for op in capture_diff_slices(Algorithm::Patience, &old_ids, &new_ids) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let (deleted, inserted) = (old[old_range].to_vec(), new[new_range].to_vec());
        match tag {
            DiffTag::Equal => segments.push(Segment::Equal(deleted)),
            _ => push_change(segments, deleted, inserted),
        }
    }
}

/// Words of every block, blocks separated by [`BREAK`], headings opened by [`HEADING`]. A
/// block's words are separated by single spaces (see [`TextBlock`]).
fn tokens(blocks: &[TextBlock]) -> Vec<&str> {
    let mut tokens = Vec::with_capacity(blocks.iter().map(|b| b.text.len() / 4 + 2).sum());
    for block in blocks {
        if block.heading {
            tokens.push(HEADING);
        }
        let mut rest = block.text.as_str();
        while !rest.is_empty() {
            // Words are short: a plain loop finds the space sooner than a vectorized search.
            let end = rest.bytes().position(|b| b == b' ').unwrap_or(rest.len());
            let (word, after) = rest.split_at(end);
            let after = after.get(1..).unwrap_or_default();
            if !word.is_empty() {
                tokens.push(word);
            }
            rest = after;
        }
        tokens.push(BREAK);
    }
    tokens
}

/// Each item of `old` and `new` (words, or whole blocks) as a number, equal numbers for equal items.
fn numbered<T: std::hash::Hash + Eq>(old: &[T], new: &[T]) -> (Vec<u32>, Vec<u32>) {
    let mut numbers: HashMap<&T, u32, RandomState> =
        HashMap::with_capacity_and_hasher(old.len().max(new.len()), RandomState::default());
    let mut number = |item| {
        let next = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
        *numbers.entry(item).or_insert(next)
    };
    let old = old.iter().map(&mut number).collect();
    let new = new.iter().map(&mut number).collect();
    (old, new)
}

/// Adds a change, folding a short unchanged run between it and the previous change into one.
fn push_change<'a>(segments: &mut Vec<Segment<'a>>, mut deleted: Vec<&'a str>, mut inserted: Vec<&'a str>) {
    let short_gap = matches!(
        segments.as_slice(),
        [.., Segment::Changed { .. }, Segment::Equal(words)] if words.len() <= 2 && !words.contains(&BREAK) && !words.contains(&HEADING)
    );
    if short_gap && let Some(Segment::Equal(gap)) = segments.pop() {
        let mut with_gap_deleted = gap.clone();
        with_gap_deleted.append(&mut deleted);
        let mut with_gap_inserted = gap;
        with_gap_inserted.append(&mut inserted);
        deleted = with_gap_deleted;
        inserted = with_gap_inserted;
    }
    if let Some(Segment::Changed { deleted: d, inserted: i }) = segments.last_mut() {
        d.append(&mut deleted);
        i.append(&mut inserted);
    } else {
        segments.push(Segment::Changed { deleted, inserted });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Deleted,
    Inserted,
}

/// Writes words into paragraphs, opening and closing `<del>`/`<ins>` as the mark changes.
#[derive(Debug, Default)]
struct Writer {
    paragraphs: Vec<Paragraph>,
    heading: bool,
    current: String,
    /// Whether the current paragraph has a deleted or inserted word.
    changed: bool,
    open: Option<Mark>,
}

#[derive(Debug)]
struct Paragraph {
    heading: bool,
    html: String,
    changed: bool,
}

impl Writer {
    fn words(&mut self, words: &[&str], mark: Mark) {
        for word in words {
            match *word {
                BREAK => self.end_paragraph(),
                HEADING => {
                    // A heading always starts a block, even when the text before it changed.
                    if !self.current.is_empty() {
                        self.end_paragraph();
                    }
                    self.heading = true;
                }
                word => self.word(word, mark),
            }
        }
    }

    fn word(&mut self, word: &str, mark: Mark) {
        let same = self.open == Some(mark) || (self.open.is_none() && mark == Mark::None);
        if !same {
            self.close();
        }
        if !self.current.is_empty() {
            self.current.push(' ');
        }
        self.changed |= mark != Mark::None;
        if !same && mark != Mark::None {
            self.current.push_str(if mark == Mark::Deleted { "<del>" } else { "<ins>" });
            self.open = Some(mark);
        }
        escape_into(&mut self.current, word);
    }

    fn close(&mut self) {
        match self.open.take() {
            Some(Mark::Deleted) => self.current.push_str("</del>"),
            Some(Mark::Inserted) => self.current.push_str("</ins>"),
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        self.close();
        if !self.current.is_empty() {
            let html = std::mem::take(&mut self.current);
            self.paragraphs.push(Paragraph { heading: self.heading, html, changed: self.changed });
        }
        self.heading = false;
        self.changed = false;
    }

    /// The changed paragraphs, each with the paragraph before and after it and the heading of
    /// its section; a run of other paragraphs becomes one "unchanged" line. Empty when nothing
    /// changed.
    fn finish(mut self) -> String {
        self.end_paragraph();
        let paragraphs = self.paragraphs;
        let mut keep = vec![false; paragraphs.len()];
        let mut section = None;
        for (i, paragraph) in paragraphs.iter().enumerate() {
            if paragraph.heading {
                section = Some(i);
            }
            if paragraph.changed {
                for j in [section, i.checked_sub(1), Some(i), Some(i + 1)].into_iter().flatten() {
                    if let Some(kept) = keep.get_mut(j) {
                        *kept = true;
                    }
                }
            }
        }
        if !keep.contains(&true) {
            return String::new();
        }
        let mut html = String::new();
        let mut skipped = 0;
        for (paragraph, kept) in paragraphs.iter().zip(&keep) {
            if !kept {
                skipped += 1;
                continue;
            }
            skip_line(&mut html, std::mem::take(&mut skipped));
            html.push_str(if paragraph.heading { "<p class=\"redline-heading\">" } else { "<p>" });
            html.push_str(&paragraph.html);
            html.push_str("</p>\n");
        }
        skip_line(&mut html, skipped);
        html
    }
}

/// The line standing for `count` unchanged paragraphs left out of the redline.
fn skip_line(html: &mut String, count: usize) {
    match count {
        0 => {}
        1 => html.push_str("<p class=\"redline-skip\">… 1 unchanged paragraph …</p>\n"),
        n => {
            let _ = writeln!(html, "<p class=\"redline-skip\">… {n} unchanged paragraphs …</p>");
        }
    }
}

fn escape_into(html: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')) {
        let (plain, special) = rest.split_at(at);
        html.push_str(plain);
        html.push_str(match special.as_bytes().first() {
            Some(b'&') => "&amp;",
            Some(b'<') => "&lt;",
            Some(b'>') => "&gt;",
            Some(b'"') => "&quot;",
            _ => "&#39;",
        });
        rest = special.get(1..).unwrap_or_default();
    }
    html.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_words_inserted_and_deleted() {
        let redline =
            redline("# Scope\n\nThe review is held yearly.\n", "# Scope\n\nThe review is held every quarter.\n");
        assert_eq!(
            redline.html,
            "<p class=\"redline-heading\">Scope</p>\n<p>The review is held <del>yearly.</del> <ins>every quarter.</ins></p>\n"
        );
        assert_eq!((redline.inserted, redline.deleted), (2, 1));
    }

    #[test]
    fn a_rewritten_sentence_reads_as_one_change() {
        let redline = redline(
            "Separate quality and environmental reviews are held yearly.\n",
            "One integrated review is held yearly, with quarterly reviews.\n",
        );
        assert_eq!(
            redline.html,
            "<p><del>Separate quality and environmental reviews are held yearly.</del> <ins>One integrated review is held yearly, with quarterly reviews.</ins></p>\n"
        );
    }

    #[test]
    fn a_paragraph_added_before_a_similar_one_is_one_inserted_paragraph() {
        // Words the two share ("The", "is") must not pull the unchanged paragraph into the change.
        let old = "- Step one is done.\n- The form field is identified and labelled\n\nNotes follow.\n";
        let new = "- Step one is done.\n- The checklist reference is recorded\n- The form field is identified and labelled\n\nNotes follow.\n";
        let redline = redline(old, new);
        assert!(
            redline.html.contains("<p><ins>The checklist reference is recorded</ins></p>\n<p>The form field is identified and labelled</p>"),
            "{}",
            redline.html
        );
        assert_eq!((redline.inserted, redline.deleted), (5, 0));
    }

    #[test]
    fn added_and_removed_blocks_are_whole_paragraphs() {
        let redline = redline("## A\n\nKept.\n\nGone.\n", "## A\n\nKept.\n\n## B\n\nNew.\n");
        assert_eq!(
            redline.html,
            "<p class=\"redline-heading\">A</p>\n<p>Kept.</p>\n<p><del>Gone.</del></p>\n<p class=\"redline-heading\"><ins>B</ins></p>\n<p><ins>New.</ins></p>\n"
        );
    }

    #[test]
    fn unchanged_paragraphs_far_from_a_change_are_folded() {
        let old = "## A\n\nOne.\n\nTwo.\n\nThree.\n\n## B\n\nFour.\n\nFive.\n\nSix.\n\nSeven.\n";
        let new = "## A\n\nOne.\n\nTwo.\n\nThree.\n\n## B\n\nFour.\n\nFive, revised.\n\nSix.\n\nSeven.\n";
        assert_eq!(
            redline(old, new).html,
            "<p class=\"redline-skip\">… 4 unchanged paragraphs …</p>\n<p class=\"redline-heading\">B</p>\n<p>Four.</p>\n\
             <p><del>Five.</del> <ins>Five, revised.</ins></p>\n<p>Six.</p>\n<p class=\"redline-skip\">… 1 unchanged paragraph …</p>\n"
        );
        assert_eq!(redline(old, old).html, "", "nothing changed");
    }

    #[test]
    fn escapes_text() {
        let redline = redline("a `<b>` & c\n", "a `<script>`\n");
        assert!(!redline.html.contains("<script>"), "{}", redline.html);
        assert!(redline.html.contains("&lt;script&gt;"), "{}", redline.html);
        let mut html = String::new();
        escape_into(&mut html, "plain <a href=\"x\">it's</a> & é");
        assert_eq!(html, "plain &lt;a href=&quot;x&quot;&gt;it&#39;s&lt;/a&gt; &amp; é");
    }
}
