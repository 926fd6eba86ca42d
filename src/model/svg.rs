//! Whether an SVG file is a plain drawing: one opened directly runs its scripts, so the site
//! copies only SVGs with no script, event handler, external reference or entity. The loader
//! reports a linked SVG that is not (`unsafe-svg`), and the site leaves it out.

/// Whether `path` names an SVG file.
pub fn is_svg(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg") || e.eq_ignore_ascii_case("svgz"))
}

/// Whether the SVG `bytes` hold nothing that could run code or load from outside.
pub fn svg_is_inert(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let forbidden = [
        "<script",
        "javascript:",
        "<foreignobject",
        "<iframe",
        "<embed",
        "<object",
        "href=\"http",
        "href='http",
        "href=\"//",
        "href='//",
        "data:",
        "@import",
        "url(http",
        "url(//",
        "<!entity",
    ];
    !forbidden.iter().any(|f| compact.contains(f)) && !has_event_handler(&text)
}

fn has_event_handler(text: &str) -> bool {
    text.match_indices("on").any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let rest = &text[i + 2..];
        let name_len = rest.chars().take_while(char::is_ascii_alphabetic).count();
        let after = rest[name_len..].trim_start();
        before.is_some_and(|c| c.is_whitespace() || c == '/' || c == '"' || c == '\'')
            && name_len > 0
            && after.starts_with('=')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svgs_with_code_are_refused() {
        assert!(svg_is_inert(b"<svg><rect width=\"10\" fill=\"red\"/><text>Scope</text></svg>"));
        assert!(!svg_is_inert(b"<svg><script>alert(1)</script></svg>"));
        assert!(!svg_is_inert(b"<svg onload=\"alert(1)\"></svg>"));
        assert!(!svg_is_inert(b"<svg><a href=\"javascript:alert(1)\">x</a></svg>"));
        assert!(!svg_is_inert(b"<svg><image href=\"https://e.com/x.png\"/></svg>"));
    }
}
