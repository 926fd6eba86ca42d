//! Pandoc's lettered lists, as strongDM comply's documents are written (`a.` items, `i.` items
//! indented four spaces below them), which `CommonMark` reads as paragraphs and code blocks:
//! rewritten as ordered lists before the body is parsed, every line keeping its length, so the
//! body renders as its authors meant and byte offsets stay those of the file.

use std::borrow::Cow;

/// The marker of a lettered or roman item (`a`, `b`, `i`, `iv`) at the start of `rest`, with
/// its length including the `.`; only followed by a space.
fn marker(rest: &str) -> Option<usize> {
    let letters = rest.bytes().take_while(u8::is_ascii_lowercase).count();
    let roman = letters > 0 && rest[..letters].bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
    if !(letters == 1 || roman && letters <= 4) {
        return None;
    }
    rest[letters..].starts_with(". ").then_some(letters + 1)
}

/// `body` with pandoc's lettered lists as `CommonMark` ordered lists; borrowed unchanged when it
/// has none (no line at the margin starting `a. `).
pub fn normalize(body: &str) -> Cow<'_, str> {
    let uses_letters = body.lines().any(|line| line.starts_with("a. "));
    if !uses_letters {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<&str> = None;
    // Whether the last non-blank line belonged to a lettered list.
    let mut in_list = false;
    for line in body.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(open) = fence {
            if rest.starts_with(open) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if rest.starts_with("```") || rest.starts_with("~~~") {
            fence = Some(&rest[..3]);
            in_list = false;
            out.push_str(line);
            continue;
        }
        let item = marker(rest).filter(|_| indent == 0 || in_list && indent % 4 == 0 && indent <= 12);
        if let Some(length) = item {
            in_list = true;
            out.push_str(&line[..indent]);
            // `1)`, not `1.`: a change of delimiter starts a new list, as a change of style does in
            // pandoc, so a numbered list right after a lettered one stays a list of its own.
            out.push_str("1)");
            out.push_str(&" ".repeat(length - 2));
            out.push_str(&rest[length..]);
        } else {
            if indent == 0 && !rest.trim().is_empty() && !in_list_continuation(rest) {
                in_list = false;
            }
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// The list style of a lettered list whose first item starts at `offset` of `original` (the
/// body before [`normalize`]; offsets are the same in both): `"a"` for letters, `"i"` for roman
/// numerals (a list opening with `i.`, as pandoc reads it), `None` for any other list.
pub fn style_at(original: &str, offset: usize) -> Option<&'static str> {
    let rest = original.get(offset..)?.trim_start_matches(' ');
    let length = marker(rest)?;
    let letters = &rest[..length - 1];
    let roman = letters.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')) && (letters.len() > 1 || letters == "i");
    Some(if roman { "i" } else { "a" })
}

/// A line at the margin that continues the item above it (lazily wrapped text), not a new block.
fn in_list_continuation(rest: &str) -> bool {
    !(rest.starts_with('#')
        || rest.starts_with('|')
        || rest.starts_with('-')
        || rest.starts_with('*')
        || rest.starts_with('>'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lettered_and_roman_items_become_ordered_lists_of_the_same_length() {
        let body = "# Policy\n\na. *During onboarding:*\n\n    i. HR informs IT.\n\n    ii. IT creates the \naccounts.\n\na. Review.\n";
        let normalized = normalize(body);
        assert_eq!(
            normalized,
            "# Policy\n\n1) *During onboarding:*\n\n    1) HR informs IT.\n\n    1)  IT creates the \naccounts.\n\n1) Review.\n"
        );
        assert_eq!(normalized.len(), body.len());
        let html = {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&normalized));
            html
        };
        assert!(!html.contains("<pre>"), "{html}");
        assert_eq!(html.matches("<ol>").count(), 2, "{html}");
    }

    #[test]
    fn a_list_keeps_its_letters_or_roman_numerals() {
        let body = "a. First\n\n    i. Sub\n\nb. Second\n\n1. Numbered\n";
        assert_eq!(style_at(body, 0), Some("a"));
        assert_eq!(style_at(body, body.find("i. Sub").unwrap() - 4), Some("i"), "indentation is skipped");
        assert_eq!(style_at(body, body.find("1. Numbered").unwrap()), None);
        assert_eq!(style_at("iv. Fourth\n", 0), Some("i"));
        assert_eq!(style_at(body, body.len() + 1), None);
    }

    #[test]
    fn bodies_without_lettered_lists_and_code_are_left_alone() {
        assert!(matches!(normalize("# A\n\n    i. code\n"), Cow::Borrowed(_)));
        let body = "a. item\n\n```\n    i. code\n```\n\n# Next\n\n    i. code again\n";
        assert_eq!(normalize(body), "1) item\n\n```\n    i. code\n```\n\n# Next\n\n    i. code again\n");
    }
}
