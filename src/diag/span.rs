//! Byte spans into source files, and the per-file line index that turns them into line:column
//! only when a diagnostic is printed.

use std::ops::Range;

/// Index of a file in a [`crate::source::SourceFiles`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        Self { file, range }
    }

    /// An empty span at the start of the file: for findings about the file as a whole.
    pub fn file_start(file: FileId) -> Self {
        Self { file, range: 0..0 }
    }
}

/// A value with the byte range it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub range: Range<usize>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, range: Range<usize>) -> Self {
        Self { value, range }
    }
}

/// Bytes per checkpoint of [`LineIndex`]'s character counts.
const CHUNK: usize = 1024;

/// Line starts of one text, for byte offset → 1-based line and column (in characters).
///
/// A column costs at most two chunks of counting, however long the line: the index keeps the
/// number of characters before every 1,024th byte, so 40,000 findings on one line of a
/// megabyte cost 40,000 short counts, not 40,000 counts of the line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Characters in `text[..i * CHUNK]` (counted as bytes that start a character, so the
    /// boundary need not be one of a character), and a last entry for the whole text.
    chars_before_chunk: Vec<usize>,
}

/// Bytes in `bytes` that start a UTF-8 character.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut chars_before_chunk = Vec::with_capacity(text.len() / CHUNK + 2);
        let mut count = 0;
        for chunk in text.as_bytes().chunks(CHUNK) {
            chars_before_chunk.push(count);
            count += char_starts(chunk);
        }
        chars_before_chunk.push(count);
        Self { line_starts, chars_before_chunk }
    }

    /// Characters in `text[..offset]`; `offset` is a char boundary within `text`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let chunk = offset / CHUNK;
        self.chars_before_chunk[chunk] + char_starts(&text.as_bytes()[chunk * CHUNK..offset])
    }

    /// 1-based line number holding `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// 1-based line and column (counted in characters) of `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line(offset);
        let start = self.line_starts[line - 1];
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        (line, column)
    }

    /// The text of 1-based `line`, without its line ending.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.line_starts.get(line - 1).copied().unwrap_or(text.len());
        let end = self.line_starts.get(line).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset where 1-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(usize::MAX)
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "ab\nçd\r\nef";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 3), (2, 1));
        // 'd' sits after the two-byte 'ç': byte 5, column 2.
        assert_eq!(index.line_col(text, 5), (2, 2));
        assert_eq!(index.line_col(text, 8), (3, 1));
        assert_eq!(index.line_text(text, 2), "çd");
        assert_eq!(index.line_col(text, 999), (3, 3));
    }

    #[test]
    fn columns_on_long_lines_count_across_checkpoints() {
        let text = format!("x\n{}", "é".repeat(3 * CHUNK));
        let index = LineIndex::new(&text);
        for n in [0, 1, CHUNK / 2 - 1, CHUNK / 2, CHUNK, 3 * CHUNK - 1, 3 * CHUNK] {
            assert_eq!(index.line_col(&text, 2 + 2 * n), (2, n + 1), "after {n} characters");
        }
        let empty = LineIndex::new("");
        assert_eq!(empty.line_col("", 0), (1, 1));
        let exact = "a".repeat(CHUNK);
        assert_eq!(LineIndex::new(&exact).line_col(&exact, CHUNK), (1, CHUNK + 1));
    }
}
