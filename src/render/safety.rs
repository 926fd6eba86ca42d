//! An independent check of rendered HTML: what in it could run code, load something from
//! outside the site, or take one of the site's own ids. Nothing the site writes from a body
//! should have any; the tests and the fuzz target hold [`super::sanitize`] to that.
//!
//! It reads HTML as the site writes it (pulldown-cmark's or html5ever's serialization): text
//! never holds a raw `<`, and attribute values are always double-quoted with `"` escaped, so a
//! plain scan over tags is exact. Anything it cannot read that way is reported too.

/// Elements a body may hold: ammonia's defaults, plus task-list checkboxes.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes a body's elements may carry; URLs and ids are checked further.
const ATTRIBUTES: &[&str] = &[
    "abbr", "alt", "checked", "cite", "class", "colspan", "datetime", "dir", "disabled", "headers", "height", "href",
    "hreflang", "id", "lang", "open", "rel", "rowspan", "scope", "span", "src", "start", "title", "type", "value",
    "width",
];

/// Everything unsafe in `html`, one description each; empty when it is safe.
pub fn unsafe_parts(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let Some(end) = tag_end(rest) else {
            found.push(format!("an unclosed tag: <{}", excerpt(rest)));
            break;
        };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        check_tag(tag, &mut found);
    }
    found
}

/// Where the tag that `text` starts ends: the first `>` outside a quoted value (html5ever
/// leaves `>` unescaped inside values).
fn tag_end(text: &str) -> Option<usize> {
    let mut quoted = false;
    text.char_indices().find_map(|(at, c)| {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return Some(at),
            _ => {}
        }
        None
    })
}

/// One tag's text between `<` and `>`.
fn check_tag(tag: &str, found: &mut Vec<String>) {
    if let Some(name) = tag.strip_prefix('/') {
        if !ELEMENTS.contains(&name.trim().to_ascii_lowercase().as_str()) {
            found.push(format!("a closing tag </{}>", excerpt(name)));
        }
        return;
    }
    let tag = tag.strip_suffix('/').unwrap_or(tag);
    let name_end = tag.find(|c: char| c.is_ascii_whitespace()).unwrap_or(tag.len());
    let element = tag[..name_end].to_ascii_lowercase();
    if !ELEMENTS.contains(&element.as_str()) {
        found.push(format!("an element <{}>", excerpt(&element)));
        return;
    }
    let mut attributes = tag[name_end..].trim_start();
    while !attributes.is_empty() {
        let name_end = attributes.find(|c: char| c == '=' || c.is_ascii_whitespace()).unwrap_or(attributes.len());
        let name = attributes[..name_end].to_ascii_lowercase();
        attributes = &attributes[name_end..];
        let value = if let Some(quoted) = attributes.strip_prefix("=\"") {
            let Some(close) = quoted.find('"') else {
                found.push(format!("an unquoted value in <{element} {name}=…>"));
                return;
            };
            attributes = quoted[close + 1..].trim_start();
            &quoted[..close]
        } else if attributes.starts_with('=') {
            found.push(format!("an unquoted value in <{element} {name}=…>"));
            return;
        } else {
            attributes = attributes.trim_start();
            ""
        };
        check_attribute(&element, &name, &decode(value), found);
    }
}

fn check_attribute(element: &str, name: &str, value: &str, found: &mut Vec<String>) {
    if !ATTRIBUTES.contains(&name) {
        found.push(format!("an attribute {name}=\"{}\" on <{element}>", excerpt(value)));
        return;
    }
    let url = || value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase();
    match name {
        "href" | "cite" => {
            let url = url();
            let scheme = url.find(':').filter(|&colon| !url[..colon].contains(['/', '?', '#']));
            if scheme.is_some_and(|colon| !matches!(&url[..colon], "http" | "https" | "mailto" | "tel")) {
                found.push(format!("a link to {}", excerpt(value)));
            }
        }
        "src" => {
            let url = url();
            if url.contains(':') || url.starts_with('/') || url.starts_with('\\') {
                found.push(format!("a source outside the site: {}", excerpt(value)));
            }
        }
        "id" if value.starts_with(super::placement::RESERVED_ID_PREFIX) => {
            found.push(format!("one of the site's own ids: {}", excerpt(value)));
        }
        "type" if element == "input" && value != "checkbox" => found.push(format!("an input of type {value}")),
        _ => {}
    }
}

/// The character references a URL may hide a scheme behind: named `&amp;`, `&quot;`, `&lt;`,
/// `&gt;`, `&apos;`, `&colon;`, `&tab;`, `&newline;`, and numeric ones.
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&semi| semi <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let number = entity.strip_prefix('#').and_then(|n| match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => n.parse().ok(),
        });
        let decoded = match entity.to_ascii_lowercase().as_str() {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "apos" => Some('\''),
            "colon" => Some(':'),
            "tab" => Some('\t'),
            "newline" => Some('\n'),
            _ => number.and_then(char::from_u32),
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &rest[semi + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn excerpt(text: &str) -> String {
    text.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_finds_what_could_run_or_leave_the_site() {
        let unsafe_html = [
            "<script>alert(1)</script>",
            r#"<a href="javascript:alert(1)">x</a>"#,
            r#"<a href="java&#x09;script&colon;alert(1)">x</a>"#,
            r#"<a href=" JaVaScRiPt:alert(1)">x</a>"#,
            r#"<a title="a>b" href="javascript:alert(1)">x</a>"#,
            r#"<img src="https://e.com/t.png">"#,
            r#"<img src="//e.com/t.png">"#,
            r#"<p onclick="alert(1)">x</p>"#,
            r#"<p style="background:url(x)">x</p>"#,
            r#"<h2 id="qms-search">x</h2>"#,
            r#"<input type="text">"#,
            "<iframe></iframe>",
            "<svg><g></g></svg>",
            "<!-- x -->",
            "<a href=x>",
            "<p",
        ];
        for html in unsafe_html {
            assert!(!unsafe_parts(html).is_empty(), "{html} passed");
        }
        let safe = r#"<h2 id="scope">Scope</h2><p>a &lt;script&gt; onclick="x" <a href="../documents/B-1.html#x" rel="noopener noreferrer">b</a> <a href="mailto:a@e.com">m</a> <img src="../files/docs/x.png" alt="x > y"/></p><ul><li><input disabled="" type="checkbox"/>
task</li></ul>"#;
        assert_eq!(unsafe_parts(safe), Vec::<String>::new());
    }
}
