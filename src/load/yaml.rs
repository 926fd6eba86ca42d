//! YAML front matter → a small tree of scalars, sequences and mappings, each with its byte range.
//!
//! Built on yaml-rust2's event parser so that every value keeps its position and scalars keep
//! their text exactly as written (`1.10` stays `1.10`, never the float 1.1). Anchors and aliases
//! are refused (no alias expansion, so no "billion laughs"), nesting is bounded, and duplicate
//! keys are reported. Front matter in its everyday shape skips the parser (`lines`), for the
//! same tree.

mod lines;

use std::ops::Range;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Maximum nesting of sequences and mappings.
pub const MAX_DEPTH: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A scalar's text; `plain` when unquoted (so `~`/`null`/empty mean "no value").
    Scalar {
        text: String,
        plain: bool,
    },
    Sequence(Vec<Node>),
    Mapping(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub value: Value,
    /// Byte range in the whole file.
    pub range: Range<usize>,
}

impl Node {
    /// The scalar's text, unless it is a null.
    pub fn as_text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, plain } if !(*plain && is_null(text)) => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if is_null(text))
    }

    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } if self.is_null() => "an empty value",
            Value::Scalar { .. } => "text",
            Value::Sequence(_) => "a list",
            Value::Mapping(_) => "a mapping",
        }
    }
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Why the YAML could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlError {
    Syntax { offset: usize, message: String },
    Unsupported { offset: usize, message: String },
    DuplicateKey { key: String, first: Range<usize>, second: Range<usize> },
}

/// Parses `yaml`, which starts at byte `base` of the file. `Ok(None)` for an empty document.
pub fn parse(yaml: &str, base: usize) -> Result<Option<Node>, YamlError> {
    // The everyday shape of front matter is read without the parser, to the same tree.
    match lines::parse(yaml, base) {
        Some(lines::Read(tree)) => Ok(tree),
        None => parse_events(yaml, base),
    }
}

/// [`parse`] through yaml-rust2's event parser, whatever the shape.
fn parse_events(yaml: &str, base: usize) -> Result<Option<Node>, YamlError> {
    let offsets: Vec<usize> = yaml.char_indices().map(|(i, _)| i).chain(std::iter::once(yaml.len())).collect();
    let to_byte = |mark: &Marker| base + offsets.get(mark.index()).copied().unwrap_or(yaml.len());
    let mut parser = Parser::new_from_str(yaml);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            let offset = to_byte(e.marker());
            // The parser has a nesting limit of its own, above ours.
            if e.info().contains("recursion limit") {
                YamlError::Unsupported {
                    offset,
                    message: format!("front matter is nested more than {MAX_DEPTH} levels deep"),
                }
            } else {
                YamlError::Syntax { offset, message: e.info().to_owned() }
            }
        })?;
        let offset = to_byte(&mark);
        let node = match event {
            Event::StreamEnd => break,
            Event::Alias(_) => {
                return Err(YamlError::Unsupported {
                    offset,
                    message: "YAML aliases (`*name`) are not accepted in front matter".into(),
                });
            }
            Event::Scalar(_, _, anchor, _) | Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _)
                if anchor > 0 =>
            {
                return Err(YamlError::Unsupported {
                    offset,
                    message: "YAML anchors (`&name`) are not accepted in front matter".into(),
                });
            }
            Event::Scalar(text, style, _, _) => {
                let quotes = if style == TScalarStyle::Plain { 0 } else { 2 };
                let end = (offset + text.len() + quotes).min(base + yaml.len());
                Node { value: Value::Scalar { text, plain: style == TScalarStyle::Plain }, range: offset..end }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(YamlError::Unsupported {
                        offset,
                        message: format!("front matter is nested more than {MAX_DEPTH} levels deep"),
                    });
                }
                let is_sequence = matches!(event, Event::SequenceStart(..));
                stack.push(Frame {
                    start: offset,
                    sequence: is_sequence,
                    items: Vec::new(),
                    pairs: Vec::new(),
                    key: None,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let frame = stack.pop().expect("the parser balances start and end events");
                frame.finish(offset)?
            }
            _ => continue,
        };
        match stack.last_mut() {
            Some(frame) => frame.push(node),
            None => {
                root.get_or_insert(node);
            }
        }
    }
    Ok(root)
}

/// A sequence or mapping being built.
struct Frame {
    start: usize,
    sequence: bool,
    items: Vec<Node>,
    pairs: Vec<(Node, Node)>,
    /// A mapping key waiting for its value.
    key: Option<Node>,
}

impl Frame {
    fn push(&mut self, node: Node) {
        if self.sequence {
            self.items.push(node);
        } else if let Some(key) = self.key.take() {
            self.pairs.push((key, node));
        } else {
            self.key = Some(node);
        }
    }

    /// The finished node; mappings are checked for duplicate keys.
    fn finish(self, end: usize) -> Result<Node, YamlError> {
        let range = self.start..end.max(self.start);
        if self.sequence {
            return Ok(Node { value: Value::Sequence(self.items), range });
        }
        let mut seen: std::collections::BTreeMap<&str, &Range<usize>> = std::collections::BTreeMap::new();
        for (key, _) in &self.pairs {
            if let Value::Scalar { text, .. } = &key.value
                && let Some(first) = seen.insert(text, &key.range)
            {
                return Err(YamlError::DuplicateKey {
                    key: text.clone(),
                    first: first.clone(),
                    second: key.range.clone(),
                });
            }
        }
        Ok(Node { value: Value::Mapping(self.pairs), range })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(yaml: &str) -> Vec<(Node, Node)> {
        match parse(yaml, 0).unwrap().unwrap().value {
            Value::Mapping(pairs) => pairs,
            other => panic!("not a mapping: {other:?}"),
        }
    }

    #[test]
    fn keeps_scalar_text_and_positions() {
        let pairs = map("id: A-1\nversion: 1.10\nq: \"2.0\"\n");
        assert_eq!(pairs[1].1.as_text(), Some("1.10"));
        assert_eq!(pairs[1].0.range, 8..15);
        assert_eq!(pairs[1].1.range, 17..21);
        assert_eq!(pairs[2].1.as_text(), Some("2.0"));
        assert_eq!(pairs[2].1.range, 25..30);
    }

    #[test]
    fn positions_count_bytes_after_multibyte_text() {
        let pairs = map("title: Qualité\nid: A-1\n");
        assert_eq!(pairs[1].1.range, 20..23);
    }

    #[test]
    fn empty_values_are_null() {
        let pairs = map("approver:\nowner: ~\n");
        assert!(pairs[0].1.is_null() && pairs[1].1.is_null());
    }

    #[test]
    fn refuses_aliases_depth_and_duplicates() {
        assert!(matches!(parse("a: &x [1]\nb: *x\n", 0), Err(YamlError::Unsupported { .. })));
        let deep = format!("a: {}{}", "[".repeat(40), "]".repeat(40));
        assert!(matches!(parse(&deep, 0), Err(YamlError::Unsupported { .. })));
        assert!(matches!(parse("a: 1\na: 2\n", 0), Err(YamlError::DuplicateKey { .. })));
        assert!(matches!(parse("a: [1\n", 0), Err(YamlError::Syntax { .. })));
    }
}
