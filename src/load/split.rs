//! Finds the front-matter block: a first line `---`, then YAML, then a line `---` (or `...`).
//! CRLF line endings are accepted; the byte offsets returned index the original bytes. The one
//! rule for where front matter ends: the loader and the history reader (which parses only the
//! block of each past version) both use it.

use std::ops::Range;

/// Where the front matter and the body are.
#[derive(Debug, PartialEq, Eq)]
pub enum Split {
    /// The file does not start with `---`.
    NoFrontMatter,
    /// It starts with `---` but no closing line follows.
    Unclosed { opening: Range<usize> },
    Found {
        /// The YAML between the two delimiter lines.
        yaml: Range<usize>,
        /// The whole block, delimiters included.
        block: Range<usize>,
    },
}

/// Splits `text` (the delimiters are ASCII, so the ranges are also char boundaries of a `str`).
pub fn split(text: &[u8]) -> Split {
    let mut lines = line_ranges(text);
    let Some(first) = lines.next() else { return Split::NoFrontMatter };
    if trim_line(&text[first.clone()]) != b"---" {
        return Split::NoFrontMatter;
    }
    let yaml_start = first.end;
    for line in lines {
        let content = trim_line(&text[line.clone()]);
        if content == b"---" || content == b"..." {
            return Split::Found { yaml: yaml_start..line.start, block: 0..line.end };
        }
    }
    Split::Unclosed { opening: 0..first.end }
}

/// Line contents without the line ending or trailing spaces.
fn trim_line(line: &[u8]) -> &[u8] {
    let end = line.iter().rposition(|b| !matches!(b, b'\n' | b'\r' | b' ' | b'\t')).map_or(0, |i| i + 1);
    &line[..end]
}

/// Byte ranges of each line, line endings included.
fn line_ranges(text: &[u8]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..].iter().position(|&b| b == b'\n').map_or(text.len(), |i| start + i + 1);
        let range = start..end;
        start = end;
        Some(range)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_block_with_lf_and_crlf() {
        let text = "---\nid: A-1\n---\nbody";
        assert_eq!(split(text.as_bytes()), Split::Found { yaml: 4..12, block: 0..16 });
        let text = "---\r\nid: A-1\r\n---\r\nbody";
        assert_eq!(split(text.as_bytes()), Split::Found { yaml: 5..14, block: 0..19 });
    }

    #[test]
    fn reports_missing_and_unclosed_blocks() {
        assert_eq!(split(b"# Title\n"), Split::NoFrontMatter);
        assert_eq!(split(b""), Split::NoFrontMatter);
        assert_eq!(split(b"----\nx"), Split::NoFrontMatter);
        assert_eq!(split(b"---\nid: A-1\n"), Split::Unclosed { opening: 0..4 });
    }
}
