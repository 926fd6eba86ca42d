//! Files documents link to (images, attachments), copied into the version under `files/<path>`:
//! an SVG that could run code when opened is left out.

use super::output::Output;
use super::pages::Site;
use crate::error::Result;
use std::collections::BTreeMap;

/// Copies every file a document links to under `files/`; SVG files that could run code are
/// left out.
pub fn copy_linked(
    site: &Site,
    output: &Output,
    linked: &BTreeMap<String, String>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    for (path, linked_from) in linked {
        let Some(bytes) = (site.input.read_file)(path) else {
            warnings
                .push(format!("{linked_from} links to {path}, which cannot be read; the link is broken in the site"));
            continue;
        };
        if is_svg(path) && !svg_is_inert(&bytes) {
            warnings.push(format!(
                "{path} (linked from {linked_from}) is an SVG with scripts, event handlers or external references; it was left out of the site"
            ));
            continue;
        }
        output.write(&format!("files/{path}"), &bytes)?;
    }
    Ok(())
}

fn is_svg(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg") || e.eq_ignore_ascii_case("svgz"))
}

/// An SVG opened directly runs its scripts; only plain drawings are copied.
fn svg_is_inert(bytes: &[u8]) -> bool {
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
