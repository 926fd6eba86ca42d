//! A bound on how deep a body's HTML nests, applied before ammonia parses it. The HTML parser
//! looks down its stack of open elements for most tags, so 100,000 nested `<div>`s cost it
//! 100,000² steps (a minute and more); a real document nests a few dozen deep.
//!
//! A light scan follows the elements left open the way the parser does for the common cases
//! (end tags close up to their element unless a block element stands in between; `<p>`, `<li>`,
//! `<dt>`, `<dd>`, `<tr>`, `<td>`, `<th>` and `<option>` close their open predecessor) and drops
//! every start tag past [`MAX_DEPTH`] open elements, with its end tag; the text inside is kept.
//! It decides only which tags reach the parser, never what is safe: ammonia still cleans the
//! result, so a document the scan misreads renders flatter, never unsafe.

use std::borrow::Cow;

/// The deepest nesting of elements passed to the HTML parser.
pub const MAX_DEPTH: usize = 256;

/// `html` with every start tag past [`MAX_DEPTH`] open elements, and the end tags that would
/// close them, removed. Borrowed when nothing is removed.
pub fn limit_depth(html: &str) -> Cow<'_, str> {
    let mut scan = Scan::default();
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let Some(token) = token_at(html, start) else { break };
        at = token.end;
        let keep = match token.kind {
            Kind::Start(name) => scan.start(name),
            Kind::End(name) => scan.end(&name),
            Kind::Other => true,
        };
        if !keep {
            out.push_str(&html[copied..start]);
            copied = token.end;
        }
        if let Some(name) = token.raw_text {
            // Script, style and the like hold text up to their end tag, whatever it looks like.
            at = raw_text_end(html, at, name);
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Elements closed by a later start tag without an end tag of their own.
const IMPLIED: [&str; 8] = ["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// The open elements, as the parser would hold them (up to [`MAX_DEPTH`]).
#[derive(Default)]
struct Scan {
    open: Vec<String>,
    /// How many of each of [`IMPLIED`] are open: most tags need no look down the stack.
    implied: [usize; IMPLIED.len()],
    /// Start tags dropped whose end tags have not been seen.
    dropped: usize,
}

impl Scan {
    /// Whether the start tag of `name` is kept.
    fn start(&mut self, name: String) -> bool {
        if VOID.contains(&name.as_str()) {
            return true;
        }
        self.close_implied(&name);
        if self.open.len() >= MAX_DEPTH {
            self.dropped += 1;
            return false;
        }
        if let Some(i) = IMPLIED.iter().position(|n| *n == name) {
            self.implied[i] += 1;
        }
        self.open.push(name);
        true
    }

    /// Closes what a start tag of `name` closes first, as the parser does.
    fn close_implied(&mut self, name: &str) {
        let (closes, stops): (&[&str], fn(&str) -> bool) = match name {
            "li" => (&["li"], |open| SPECIAL.contains(&open) && !matches!(open, "address" | "div" | "p")),
            "dt" | "dd" => (&["dt", "dd"], |open| SPECIAL.contains(&open) && !matches!(open, "address" | "div" | "p")),
            "tr" => (&["tr", "td", "th"], |open| matches!(open, "html" | "table" | "template")),
            "td" | "th" => (&["td", "th"], |open| matches!(open, "html" | "table" | "template")),
            "option" => (&["option"], |open| open != "option"),
            _ => (&[], |_| true),
        };
        self.close(closes, stops);
        if CLOSES_P.contains(&name) {
            self.close(&["p"], |open| BUTTON_SCOPE.contains(&open));
        }
    }

    /// Pops to the innermost open element named in `names`, unless an element for which
    /// `stops` holds comes first.
    fn close(&mut self, names: &[&str], stops: fn(&str) -> bool) {
        let open = |name: &&str| IMPLIED.iter().position(|n| n == name).is_some_and(|i| self.implied[i] > 0);
        if !names.iter().any(open) {
            return;
        }
        for at in (0..self.open.len()).rev() {
            if names.contains(&self.open[at].as_str()) {
                self.pop_to(at);
                return;
            }
            if stops(&self.open[at]) {
                return;
            }
        }
    }

    fn pop_to(&mut self, at: usize) {
        for name in self.open.drain(at..) {
            if let Some(i) = IMPLIED.iter().position(|n| *n == name) {
                self.implied[i] -= 1;
            }
        }
    }

    /// Whether the end tag of `name` is kept.
    fn end(&mut self, name: &str) -> bool {
        if VOID.contains(&name) {
            return true;
        }
        // The innermost start tags were the ones dropped.
        if self.dropped > 0 {
            self.dropped -= 1;
            return false;
        }
        for at in (0..self.open.len()).rev() {
            if self.open[at] == name {
                self.pop_to(at);
                break;
            }
            if SPECIAL.contains(&self.open[at].as_str()) {
                break;
            }
        }
        true
    }
}

struct Token {
    kind: Kind,
    /// One past its `>`.
    end: usize,
    /// The element whose content is raw text, up to its end tag.
    raw_text: Option<&'static str>,
}

enum Kind {
    Start(String),
    End(String),
    /// A comment, doctype or processing instruction.
    Other,
}

/// The tag or comment starting at `html[start]` (a `<`); `None` when the rest of the text
/// holds no complete one. A `<` that opens nothing (`a < b`) is an empty `Other`.
fn token_at(html: &str, start: usize) -> Option<Token> {
    let rest = &html[start..];
    let bytes = rest.as_bytes();
    let other = |end: usize| Token { kind: Kind::Other, end: start + end, raw_text: None };
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment.find("-->").map(|end| other(4 + end + 3));
    }
    let (closing, name_at) = if bytes.get(1) == Some(&b'/') { (true, 2) } else { (false, 1) };
    if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
        if matches!(bytes.get(1), Some(b'!' | b'?' | b'/')) {
            return rest.find('>').map(|end| other(end + 1));
        }
        return Some(other(1));
    }
    let name_end = rest[name_at..]
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .map_or(rest.len(), |end| name_at + end);
    let name = rest[name_at..name_end].to_ascii_lowercase();
    let end = tag_end(rest, name_end)?;
    let raw_text = if closing { None } else { RAW_TEXT.iter().copied().find(|r| *r == name) };
    let kind = if closing { Kind::End(name) } else { Kind::Start(name) };
    Some(Token { kind, end: start + end, raw_text })
}

/// One past the `>` that ends a tag whose attributes start at `from`; quoted attribute values
/// may hold `>`.
fn tag_end(tag: &str, from: usize) -> Option<usize> {
    let bytes = tag.as_bytes();
    let mut at = from;
    let mut after_equals = false;
    while at < bytes.len() {
        match bytes[at] {
            b'>' => return Some(at + 1),
            b'=' => after_equals = true,
            quote @ (b'"' | b'\'') if after_equals => {
                let close = tag[at + 1..].find(char::from(quote))?;
                at += close + 1;
                after_equals = false;
            }
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        at += 1;
    }
    None
}

/// Where the raw text of `name` that starts at `from` ends: at its end tag, or the end of the
/// text.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(offset) = html[at..].find("</") {
        let tag = at + offset + 2;
        let matches = bytes.len() >= tag + name.len()
            && bytes[tag..tag + name.len()].eq_ignore_ascii_case(name.as_bytes())
            && bytes.get(tag + name.len()).is_none_or(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>');
        if matches {
            return at + offset;
        }
        at = tag;
    }
    html.len()
}

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track",
    "wbr",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// Start tags that close an open `<p>`.
#[rustfmt::skip]
const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "dd", "dt", "listing", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "ul",
];

/// Elements an open `<p>` is not closed past.
const BUTTON_SCOPE: &[&str] =
    &["applet", "button", "caption", "html", "marquee", "object", "table", "td", "template", "th"];

/// The parser's "special" elements: an end tag does not close past one of them.
#[rustfmt::skip]
const SPECIAL: &[&str] = &[
    "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body",
    "br", "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt",
    "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "li", "link",
    "listing", "main", "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol",
    "p", "param", "plaintext", "pre", "script", "section", "select", "source", "style", "summary", "table",
    "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_html_is_left_as_it_is() {
        let html = "<div class=\"a>b\"><p>one<p>two</div><ul><li>x<li>y</ul><!-- <div> --><script>if (a<b) {}</script>";
        assert!(matches!(limit_depth(html), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_limit_are_dropped_with_their_end_tags_and_the_text_kept() {
        let depth = MAX_DEPTH + 10;
        let html = format!("{}deep{}<p>after</p>", "<div>".repeat(depth), "</div>".repeat(depth));
        let limited = limit_depth(&html);
        let expected = format!("{}deep{}<p>after</p>", "<div>".repeat(MAX_DEPTH), "</div>".repeat(MAX_DEPTH));
        assert_eq!(limited, expected);
    }

    #[test]
    fn elements_closed_without_end_tags_do_not_count() {
        let items = "<li>item".repeat(MAX_DEPTH * 2);
        let paragraphs = "<p>paragraph".repeat(MAX_DEPTH * 2);
        let html = format!("<ul>{items}</ul>{paragraphs}<table><tr><td>a<td>b<tr><td>c</table>");
        assert!(matches!(limit_depth(&html), Cow::Borrowed(_)));
    }

    #[test]
    fn an_end_tag_does_not_close_past_a_block() {
        // `</span>` cannot close the span outside the div: both stay open for the parser too.
        let html = "<span><div></span>".repeat(MAX_DEPTH);
        let limited = limit_depth(&html);
        assert_eq!(limited.matches("<div>").count() + limited.matches("<span>").count(), MAX_DEPTH);
    }

    #[test]
    fn unfinished_tags_and_stray_brackets_are_text() {
        for html in ["a < b", "<div", "<div title=\"unclosed>", "</", "<!-- open", "<3"] {
            assert_eq!(limit_depth(html), html);
        }
    }
}
