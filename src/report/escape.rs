//! Neutralisers: the one place per output format where user content (ids, titles, owners, file
//! names, tags, commit messages, author names, and the messages that quote them) is made safe to
//! print. Every writer in `report` and every line `cli` prints passes user text through the
//! function of its format; none escapes on its own.
//!
//! The visible convention for characters a terminal would act on (DESIGN.md §9): C0 controls,
//! DEL and C1 controls are written `\xNN` (ESC is `\x1b`), except tab, line feed and carriage
//! return, written `\t`, `\n` and `\r`; the Unicode bidirectional controls and the line and
//! paragraph separators are written `\u{NNNN}` (`\u{202e}`). A backslash itself is not doubled, so
//! a title holding the four characters `\x1b` prints the same as one holding ESC; the reader is
//! never deceived about anything but that.

use serde_json::ser::{Formatter, PrettyFormatter};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

/// Longest diagnostic message or error printed to a terminal or a CI log, in characters. The
/// messages `qms` writes are far shorter; only quoted user content (a commit subject of
/// megabytes) reaches it.
pub const MESSAGE_LIMIT: usize = 2_000;

/// Longest git-supplied line (a commit subject, an author name) in a table or a notice.
pub const SUBJECT_LIMIT: usize = 200;

/// Longest cell of an aligned terminal table: past it, padding every row to the widest cell
/// would make the table's size the product of rows and width.
pub const CELL_LIMIT: usize = 200;

/// How `c` is shown on a terminal, if it is not shown as itself.
fn visible(c: char) -> Option<String> {
    match c {
        '\t' => Some("\\t".to_owned()),
        '\n' => Some("\\n".to_owned()),
        '\r' => Some("\\r".to_owned()),
        '\0'..='\x1f' | '\x7f'..='\u{9f}' => Some(format!("\\x{:02x}", u32::from(c))),
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(format!("\\u{{{:04x}}}", u32::from(c))),
        _ => None,
    }
}

/// `text` for a terminal: no control character reaches it raw, and a line feed inside a field
/// never starts a new output line.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| visible(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match visible(c) {
            Some(escape) => shown.push_str(&escape),
            None => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// `text` cut to at most `max` characters, the cut marked with a final `…`.
pub fn clip(text: &str, max: usize) -> Cow<'_, str> {
    // A char is at least one byte: short texts need no count.
    if text.len() <= max || text.char_indices().nth(max).is_none() {
        return Cow::Borrowed(text);
    }
    let keep = text.char_indices().nth(max.saturating_sub(1)).map_or(0, |(at, _)| at);
    Cow::Owned(format!("{}…", &text[..keep]))
}

/// A diagnostic message, error or warning for a terminal: clipped to [`MESSAGE_LIMIT`], then
/// [`terminal`].
pub fn terminal_message(text: &str) -> String {
    terminal(&clip(text, MESSAGE_LIMIT)).into_owned()
}

/// `text` as inline Markdown, for a table cell or a heading (GitHub-flavoured): HTML is escaped
/// (`<`, `>`, `&`), so are the pipe that ends a cell and the characters that open a link or a
/// code span or escape the next one (`[`, `]`, `` ` ``, `\`); line breaks become spaces, other
/// controls follow the terminal convention (the notice is read raw too).
pub fn markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '|' | '[' | ']' | '`' | '\\' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => escaped.push(' '),
            c => match visible(c) {
                Some(escape) => escaped.push_str(&escape),
                None => escaped.push(c),
            },
        }
    }
    escaped
}

/// `text` as a Markdown code span (a revision label in a heading), or as escaped Markdown when
/// it holds a backtick that would end the span.
pub fn markdown_code(text: &str) -> String {
    if text.contains('`') || text.contains(['\n', '\r']) { markdown(text) } else { format!("`{}`", terminal(text)) }
}

/// A CSV field (RFC 4180), defused against formula injection (OWASP): a cell a spreadsheet would
/// evaluate (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`;
/// controls other than tab and line feed follow the terminal convention; quoted when needed.
pub fn csv(text: &str) -> Cow<'_, str> {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let controls = text.chars().any(|c| c != '\t' && c != '\n' && visible(c).is_some());
    let quote = formula || text.contains([',', '"', '\n', '\r', '\t']);
    if !formula && !controls && !quote {
        return Cow::Borrowed(text);
    }
    let mut field = String::with_capacity(text.len() + 4);
    if quote {
        field.push('"');
    }
    if formula {
        field.push('\'');
    }
    for c in text.chars() {
        match c {
            '"' => field.push_str("\"\""),
            '\t' | '\n' => field.push(c),
            c => match visible(c) {
                Some(escape) => field.push_str(&escape),
                None => field.push(c),
            },
        }
    }
    if quote {
        field.push('"');
    }
    Cow::Owned(field)
}

/// The message part of a GitHub Actions workflow command: one command is one line whatever the
/// text holds (`%`, CR and LF percent-encoded as the runner decodes them), other controls follow
/// the terminal convention.
pub fn github_data(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            c => match visible(c) {
                Some(escape) => escaped.push_str(&escape),
                None => escaped.push(c),
            },
        }
    }
    escaped
}

/// A `key=value` property of a workflow command, which also reserves `:` and `,`.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A relative file path as a URI reference (RFC 3986): every byte but the unreserved characters
/// and `/` percent-encoded (spaces, `#`, `?`, `%`, `:`, non-ASCII), so a SARIF reader resolves
/// it to the same file.
pub fn uri_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    encoded
}

/// Text for an XML attribute or element (JUnit): markup escaped; carriage return, DEL, C1 and
/// bidirectional controls kept exactly but as character references (a report shown raw acts on
/// none); characters XML 1.0 cannot hold (C0 controls but tab and line feed, U+FFFE, U+FFFF)
/// dropped.
pub fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' | '\n' => escaped.push(c),
            '\0'..='\x1f' | '\u{fffe}' | '\u{ffff}' => {}
            c if visible(c).is_some() => {
                let _ = write!(escaped, "&#x{:x};", u32::from(c));
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// Writes `value` as pretty JSON and a line feed. Exact: serde escapes quotes, backslashes and
/// C0 controls; DEL, C1 and bidirectional controls, which JSON may hold raw, are written as
/// `\uNNNN` escapes too, so JSON read on a terminal acts on none.
pub fn write_json(out: &mut dyn io::Write, value: &impl serde::Serialize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, SafeJson(PrettyFormatter::new()));
    value.serialize(&mut serializer).map_err(io::Error::other)?;
    writeln!(out)
}

/// `serde_json`'s pretty layout, with terminal controls escaped in strings.
struct SafeJson<'a>(PrettyFormatter<'a>);

impl Formatter for SafeJson<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| visible(c).is_some()) {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_shows_controls_visibly() {
        assert_eq!(terminal("plain — é"), "plain — é");
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
        assert_eq!(terminal("a\x1b[2Jb\x07c\rd\ne\0f\x7fg\u{9b}h"), "a\\x1b[2Jb\\x07c\\rd\\ne\\x00f\\x7fg\\x9bh");
        assert_eq!(terminal("\x1b]8;;http://x\x1b\\link"), "\\x1b]8;;http://x\\x1b\\link");
        assert_eq!(terminal("abc\u{202e}fed\u{2066}"), "abc\\u{202e}fed\\u{2066}");
    }

    #[test]
    fn clip_keeps_whole_characters() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("ééééé", 5), "ééééé");
        assert_eq!(clip("éééééé", 5), "éééé…");
        assert_eq!(clip(&"x".repeat(1_000), 10).chars().count(), 10);
    }

    #[test]
    fn markdown_keeps_html_and_tables_as_text() {
        assert_eq!(markdown("</td></tr></table>"), "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;");
        assert_eq!(markdown("<script>a&b</script>"), "&lt;script&gt;a&amp;b&lt;/script&gt;");
        assert_eq!(markdown("a | b\r\nc\nd"), "a \\| b c d");
        assert_eq!(markdown("[x](http://evil) `c` \\"), "\\[x\\](http://evil) \\`c\\` \\\\");
        assert_eq!(markdown("bell\x07"), "bell\\x07");
        assert_eq!(markdown_code("v1"), "`v1`");
        assert_eq!(markdown_code("a`b<"), "a\\`b&lt;");
    }

    #[test]
    fn csv_defuses_formulas_and_quotes() {
        assert_eq!(csv("Plain title"), "Plain title");
        assert_eq!(csv("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        for start in ["+1", "-- draft", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv(start).starts_with("\"'"), "{start}");
        }
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv("esc\x1b"), "esc\\x1b");
        assert_eq!(csv("2026-01-01"), "2026-01-01");
    }

    #[test]
    fn github_commands_stay_on_one_line() {
        assert_eq!(github_data("50%\nnext\r"), "50%25%0Anext%0D");
        assert_eq!(github_data("esc\x1b"), "esc\\x1b");
        assert_eq!(github_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn uri_paths_are_percent_encoded() {
        assert_eq!(uri_path("docs/sop-1.md"), "docs/sop-1.md");
        assert_eq!(uri_path("docs/a b#c?d%e:f.md"), "docs/a%20b%23c%3Fd%25e%3Af.md");
        assert_eq!(uri_path("docs/Qualité.md"), "docs/Qualit%C3%A9.md");
    }

    #[test]
    fn json_is_exact_and_escapes_terminal_controls() {
        let value = serde_json::json!({"t": "a\x1b\u{9b}\u{202e}\"é", "n": [1, null]});
        let mut out = Vec::new();
        write_json(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "{\n  \"n\": [\n    1,\n    null\n  ],\n  \"t\": \"a\\u001b\\u009b\\u202e\\\"é\"\n}\n");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }

    #[test]
    fn xml_drops_what_xml_cannot_hold() {
        assert_eq!(xml("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
        assert_eq!(xml("a\x1bb\x00c\u{fffe}d\re\n"), "abcd&#13;e\n");
        assert_eq!(xml("é\u{9b}\u{202e}"), "é&#x9b;&#x202e;");
    }
}
