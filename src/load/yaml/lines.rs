//! Front matter in its everyday shape, read line by line without the YAML parser.
//!
//! Almost every front matter is `field: value` lines, with at most one level of nesting (a
//! `clauses:` mapping of flow lists, a block list of ids). Reading those with yaml-rust2's
//! scanner was most of the cost of reading a long history, where every version of every
//! document is parsed (issue 18). This reader accepts only that shape and gives the very tree
//! [`super::parse`] builds from it, byte ranges included; for anything else (block scalars,
//! flow mappings, anchors, tags, escapes, continuation lines, tabs, deeper nesting, duplicate
//! keys, odd characters) it gives up and the YAML parser reads the text, errors and all. The
//! tests compare the two on every front matter of the example and on generated text.

use super::{Node, Value};

/// The tree of a document in the shape this reader knows: the one [`super::parse`] returns
/// (`None` for an empty document).
pub(super) struct Read(pub Option<Node>);

/// `Some` when `yaml` (starting at byte `base` of the file) has the shape this reader knows;
/// `None` when the YAML parser must read it.
pub(super) fn parse(yaml: &str, base: usize) -> Option<Read> {
    if !plain_characters(yaml) {
        return None;
    }
    let reader = Reader { lines: lines(yaml)?, base, end: base + yaml.len() };
    reader.document()
}

/// One line: where it starts in the file, its text without the line break, its indentation.
struct Line<'a> {
    start: usize,
    text: &'a str,
    indent: usize,
}

impl Line<'_> {
    /// Blank or a comment: no token.
    fn is_empty(&self) -> bool {
        let rest = &self.text[self.indent..];
        rest.is_empty() || rest.starts_with('#')
    }
}

/// The lines of `yaml`; `None` if a carriage return stands anywhere but before a line feed.
fn lines(yaml: &str) -> Option<Vec<Line<'_>>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in yaml.split_inclusive('\n') {
        let text = piece.strip_suffix('\n').unwrap_or(piece);
        let text = text.strip_suffix('\r').unwrap_or(text);
        if text.contains('\r') {
            return None;
        }
        let indent = text.len() - text.trim_start_matches(' ').len();
        lines.push(Line { start, text, indent });
        start += piece.len();
    }
    Some(lines)
}

/// Printable characters only, and no tab, byte-order mark or Unicode line separator: the
/// YAML parser treats those in ways this reader does not repeat.
fn plain_characters(yaml: &str) -> bool {
    if yaml.bytes().all(|b| matches!(b, b' '..=b'~' | b'\n' | b'\r')) {
        return true;
    }
    yaml.chars().all(|c| {
        matches!(c, ' '..='~' | '\n' | '\r')
            || (c >= '\u{A0}' && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'))
    })
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    /// Where the YAML starts in the file.
    base: usize,
    /// Where it ends in the file.
    end: usize,
}

impl Reader<'_> {
    /// The top-level mapping: keys at the first column.
    fn document(&self) -> Option<Read> {
        let mut pairs: Vec<(Node, Node)> = Vec::new();
        let mut start = None;
        let mut at = 0;
        while let Some(index) = self.next_line(at) {
            let line = &self.lines[index];
            if line.indent != 0 {
                return None;
            }
            let (key, colon, rest) = self.key(line, 0)?;
            start.get_or_insert(colon);
            let (value, next) = if value_is_empty(rest) {
                match self.next_line(index + 1) {
                    Some(first) if self.lines[first].indent > 0 => self.block(first)?,
                    _ => (self.null(index + 1), index + 1),
                }
            } else {
                (self.inline(line, line.text.len() - rest.trim_start_matches(' ').len(), true)?, index + 1)
            };
            push_unique(&mut pairs, key, value)?;
            at = next;
        }
        let Some(start) = start else { return Some(Read(None)) };
        Some(Read(Some(Node { value: Value::Mapping(pairs), range: start..self.end })))
    }

    /// The nested block whose first line is `first`: a mapping or a list, every line indented
    /// alike; and the index of the line after it.
    fn block(&self, first: usize) -> Option<(Node, usize)> {
        let indent = self.lines[first].indent;
        let list = is_item(&self.lines[first].text[indent..]);
        let mut pairs: Vec<(Node, Node)> = Vec::new();
        let mut items = Vec::new();
        let mut start = None;
        let mut at = first;
        while let Some(index) = self.next_line(at) {
            let line = &self.lines[index];
            if line.indent == 0 {
                break;
            }
            if line.indent != indent {
                return None;
            }
            at = index + 1;
            if list {
                let text = &line.text[indent..];
                if !is_item(text) {
                    return None;
                }
                start.get_or_insert(self.base + line.start + indent);
                let value = text[1..].trim_start_matches(' ');
                items.push(self.inline(line, line.text.len() - value.len(), false)?);
                continue;
            }
            let (key, colon, rest) = self.key(line, indent)?;
            start.get_or_insert(colon);
            let value = if value_is_empty(rest) {
                if self.next_line(index + 1).is_some_and(|next| self.lines[next].indent > indent) {
                    return None;
                }
                self.null(index + 1)
            } else {
                self.inline(line, line.text.len() - rest.trim_start_matches(' ').len(), true)?
            };
            push_unique(&mut pairs, key, value)?;
        }
        let range = start?..self.token_at(at);
        let value = if list { Value::Sequence(items) } else { Value::Mapping(pairs) };
        Some((Node { value, range }, at))
    }

    /// The first line from `at` on that holds a token.
    fn next_line(&self, at: usize) -> Option<usize> {
        (at..self.lines.len()).find(|&index| !self.lines[index].is_empty())
    }

    /// Where the next token from line `at` on starts: where the YAML parser ends an empty
    /// value or a nested block.
    fn token_at(&self, at: usize) -> usize {
        self.next_line(at).map_or(self.end, |index| {
            let line = &self.lines[index];
            self.base + line.start + line.indent
        })
    }

    /// An empty value, placed where the YAML parser places it: at the next token.
    fn null(&self, at: usize) -> Node {
        let offset = self.token_at(at);
        Node { value: Value::Scalar { text: String::new(), plain: true }, range: offset..offset }
    }

    /// The key of `line` (which starts at column `indent`), the file offset of its colon, and
    /// the text after the colon.
    fn key<'l>(&self, line: &Line<'l>, indent: usize) -> Option<(Node, usize, &'l str)> {
        let text = &line.text[indent..];
        let start = self.base + line.start + indent;
        let (key, after) = match text.as_bytes().first()? {
            b'"' | b'\'' => {
                let (key, length) = quoted(text)?;
                let range = self.range(start, key.len() + 2);
                (Node { value: Value::Scalar { text: key, plain: false }, range }, length)
            }
            _ => {
                let bytes = text.as_bytes();
                let colon = |&(at, _): &(usize, &str)| bytes.get(at + 1).is_none_or(|&b| b == b' ');
                let length = text.match_indices(':').find(colon)?.0;
                let key = &text[..length];
                if !is_plain_key(key) {
                    return None;
                }
                let value = Value::Scalar { text: key.to_owned(), plain: true };
                (Node { value, range: self.range(start, length) }, length)
            }
        };
        // A simple key is at most 1024 characters long.
        if after > 1000 {
            return None;
        }
        let rest = text[after..].strip_prefix(':')?;
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        Some((key, start + after, rest))
    }

    /// The value at byte `at` of `line`: a scalar, or (when `lists`) a flow list of scalars.
    fn inline(&self, line: &Line<'_>, at: usize, lists: bool) -> Option<Node> {
        let text = &line.text[at..];
        let start = self.base + line.start + at;
        let (node, length) = match text.as_bytes().first()? {
            b'"' | b'\'' => {
                let (value, length) = quoted(text)?;
                let range = self.range(start, value.len() + 2);
                (Node { value: Value::Scalar { text: value, plain: false }, range }, length)
            }
            b'[' if lists => self.flow_list(text, start)?,
            first if INDICATORS.contains(first) => return None,
            _ => {
                let length = text.find(" #").unwrap_or(text.len());
                let value = text[..length].trim_end_matches(' ');
                if value.contains(": ") || value.ends_with(':') {
                    return None;
                }
                let node = Node {
                    value: Value::Scalar { text: value.to_owned(), plain: true },
                    range: self.range(start, value.len()),
                };
                (node, length)
            }
        };
        let rest = text[length..].trim_start_matches(' ');
        let ends = rest.is_empty() || (rest.starts_with('#') && rest.len() < text.len() - length);
        ends.then_some(node)
    }

    /// `[a, "b", 'c']` at file offset `start`: the list and its length in bytes.
    fn flow_list(&self, text: &str, start: usize) -> Option<(Node, usize)> {
        let mut items = Vec::new();
        let mut at = 1;
        let skip = |at: usize| at + text[at..].len() - text[at..].trim_start_matches(' ').len();
        loop {
            at = skip(at);
            if text[at..].starts_with(']') && items.is_empty() {
                break;
            }
            let item = &text[at..];
            let (node, length) = match item.as_bytes().first()? {
                b'"' | b'\'' => {
                    let (text, length) = quoted(item)?;
                    let range = self.range(start + at, text.len() + 2);
                    (Node { value: Value::Scalar { text, plain: false }, range }, length)
                }
                _ => {
                    let length = item.find(|c: char| !is_flow_word(c)).unwrap_or(item.len());
                    if length == 0 || item.starts_with('-') {
                        return None;
                    }
                    let value = Value::Scalar { text: item[..length].to_owned(), plain: true };
                    (Node { value, range: self.range(start + at, length) }, length)
                }
            };
            items.push(node);
            at = skip(at + length);
            match text.as_bytes().get(at)? {
                b',' => at += 1,
                b']' => break,
                _ => return None,
            }
        }
        Some((Node { value: Value::Sequence(items), range: start..start + at }, at + 1))
    }

    /// `start..start + length`, cut at the end of the YAML as the YAML parser cuts it.
    fn range(&self, start: usize, length: usize) -> std::ops::Range<usize> {
        start..(start + length).min(self.end)
    }
}

/// Characters that cannot start a plain scalar (or that this reader leaves to the parser).
const INDICATORS: &[u8] = b"-?:,[]{}#&*!|>'\"%@`";

/// A value that is nothing but spaces, or a comment after them.
fn value_is_empty(rest: &str) -> bool {
    let rest = rest.trim_start_matches(' ');
    rest.is_empty() || rest.starts_with('#')
}

/// A block list item: `- value`.
fn is_item(text: &str) -> bool {
    text.starts_with("- ")
}

/// A key this reader takes unquoted: a letter, digit or `_`, then those or `.:/-`.
fn is_plain_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'/' | b'-'))
}

/// A word inside a flow list that this reader takes unquoted (`7.5.1`, `SOP-001`).
fn is_flow_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '-')
}

/// A quoted scalar at the start of `text` on one line: its value and its length in bytes.
/// Double quotes without escapes; single quotes with `''` for a quote.
fn quoted(text: &str) -> Option<(String, usize)> {
    let quote = text.chars().next()?;
    let inner = &text[1..];
    if quote == '"' {
        let close = inner.find(['"', '\\'])?;
        return (inner.as_bytes()[close] == b'"').then(|| (inner[..close].to_owned(), close + 2));
    }
    let mut value = String::new();
    let mut at = 0;
    loop {
        let close = at + inner[at..].find('\'')?;
        value.push_str(&inner[at..close]);
        if inner[close + 1..].starts_with('\'') {
            value.push('\'');
            at = close + 2;
        } else {
            return Some((value, close + 2));
        }
    }
}

/// Adds a pair unless its key is already there (the YAML parser reports that).
fn push_unique(pairs: &mut Vec<(Node, Node)>, key: Node, value: Node) -> Option<()> {
    fn text(node: &Node) -> &str {
        match &node.value {
            Value::Scalar { text, .. } => text,
            _ => "",
        }
    }
    if pairs.iter().any(|(other, _)| text(other) == text(&key)) {
        return None;
    }
    pairs.push((key, value));
    Some(())
}

#[cfg(test)]
mod tests;
