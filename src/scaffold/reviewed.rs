//! Recording a periodic review in a document's file: `last_reviewed` set in its front matter
//! (the line replaced, or added before the closing `---`), who reviewed it as a comment on that
//! line, the rest of the file byte for byte as it was.

use std::fmt::Write as _;

/// `text` with `last_reviewed: date` (and `# by NAME`); `None` when the file has no closed
/// front matter to record it in.
pub fn set_last_reviewed(text: &str, date: &str, by: Option<&str>) -> Option<String> {
    let (bom, rest) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let mut lines = rest.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let newline = if first.ends_with("\r\n") { "\r\n" } else { "\n" };
    let mut field = format!("last_reviewed: {date}");
    if let Some(by) = by {
        let _ = write!(field, "  # reviewed by {}", by.replace(['\r', '\n', '#'], " "));
    }
    field.push_str(newline);
    let mut out = String::with_capacity(text.len() + field.len());
    out.push_str(bom);
    out.push_str(first);
    let mut offset = bom.len() + first.len();
    let mut written = false;
    for line in lines {
        let content = line.trim_end_matches(['\n', '\r', ' ', '\t']);
        if content == "---" || content == "..." {
            if !written {
                out.push_str(&field);
            }
            out.push_str(line);
            out.push_str(&text[offset + line.len()..]);
            return Some(out);
        }
        if line.starts_with("last_reviewed:") {
            if !written {
                out.push_str(&field);
                written = true;
            }
        } else {
            out.push_str(line);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_replaced_or_added_and_the_body_kept() {
        let text = "---\nid: A-1\nlast_reviewed: 2024-01-01\nowner: QM\n---\n# Body\nlast_reviewed: body text\n";
        assert_eq!(
            set_last_reviewed(text, "2026-11-27", None).unwrap(),
            "---\nid: A-1\nlast_reviewed: 2026-11-27\nowner: QM\n---\n# Body\nlast_reviewed: body text\n"
        );
        let crlf = "\u{feff}---\r\nid: A-1\r\n---\r\nBody\r\n";
        assert_eq!(
            set_last_reviewed(crlf, "2026-11-27", Some("Quality Manager")).unwrap(),
            "\u{feff}---\r\nid: A-1\r\nlast_reviewed: 2026-11-27  # reviewed by Quality Manager\r\n---\r\nBody\r\n"
        );
        assert_eq!(set_last_reviewed("# No front matter\n", "2026-11-27", None), None);
        assert_eq!(set_last_reviewed("---\nid: A-1\n", "2026-11-27", None), None);
    }
}
