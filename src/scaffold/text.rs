//! Free text given on the command line (a title, an owner, an organization's name) on its way
//! into the files `new` and `init` write: checked to be one line of text, then written as a
//! YAML or TOML scalar that reads back as exactly the text given.

use crate::error::Error;
use crate::model::slugify;
use std::fmt::Write as _;

/// Refuses `value` (named `what` in the message, e.g. "the title") if it holds a line break or
/// another control character. Such a character is never meant in a title or a role: it cannot
/// stand in the document's heading or its file name, and printed to a terminal it could rewrite
/// the screen. Refusing says so; silently changing the text would not.
pub fn check_one_line(what: &str, value: &str) -> Result<(), Error> {
    let Some((at, bad)) = value.char_indices().find(|(_, c)| is_line_break_or_control(*c)) else {
        return Ok(());
    };
    let kind = if matches!(bad, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
        "a line break"
    } else {
        "a control character"
    };
    let position = value[..at].chars().count() + 1;
    Err(Error::InvalidArgument {
        message: format!(
            "{what} contains {kind} (U+{:04X}) at character {position}; write it as one line of text without control characters",
            u32::from(bad)
        ),
    })
}

fn is_line_break_or_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Words a YAML reader may take for something other than text (null, a boolean).
const YAML_WORDS: [&str; 9] = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"];

/// `text` as a YAML scalar that reads back as `text`: plain when it is ordinary words (so a
/// person editing the file sees `title: Internal Audit`), double-quoted otherwise.
pub fn yaml_text(text: &str) -> String {
    let plain = text.starts_with(char::is_alphabetic)
        && !text.ends_with(' ')
        && text.chars().all(|c| c.is_alphanumeric() || " -_.,;()&/'+".contains(c))
        && !YAML_WORDS.contains(&text.to_lowercase().as_str());
    if plain {
        return text.to_owned();
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if is_line_break_or_control(c) => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// `text` as a TOML string (quotes, backslashes and line breaks escaped as TOML requires).
pub fn toml_text(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The file name of a new document or record: `<ID>-<slug>.md`, or `<ID>.md` for a title with
/// no letters or digits.
pub fn file_name(id: &str, title: &str) -> String {
    match file_slug(title) {
        slug if slug.is_empty() => format!("{id}.md"),
        slug => format!("{id}-{slug}.md"),
    }
}

/// The part of a file name taken from a title: its slug, at most 60 characters, cut at a word.
pub fn file_slug(title: &str) -> String {
    const MAX: usize = 60;
    let slug = slugify(title);
    let slug = slug.trim_matches('-');
    if slug.chars().count() <= MAX {
        return slug.to_owned();
    }
    let cut: String = slug.chars().take(MAX).collect();
    let cut = cut.rsplit_once('-').map_or(cut.as_str(), |(words, _)| words);
    cut.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a YAML reader makes of `title: <scalar>`.
    fn read_back(scalar: &str) -> Option<String> {
        let docs = yaml_rust2::YamlLoader::load_from_str(&format!("title: {scalar}\n")).ok()?;
        docs.first()?["title"].as_str().map(str::to_owned)
    }

    #[test]
    fn titles_are_quoted_only_when_needed() {
        assert_eq!(yaml_text("Control of Documented Information"), "Control of Documented Information");
        assert_eq!(yaml_text("Scope: what we do"), "\"Scope: what we do\"");
        assert_eq!(yaml_text("\"Quoted\""), "\"\\\"Quoted\\\"\"");
        assert_eq!(yaml_text("No"), "\"No\"");
    }

    #[test]
    fn every_title_reads_back_as_written() {
        for text in [
            "Plain words",
            "He said \"no\": #2",
            "- dash",
            "#hash",
            "a \\ b",
            "null",
            "True",
            "1.0",
            "~",
            "",
            " lead",
            "trail ",
            "end:",
            "[x]",
            "{x}",
            "&a",
            "*a",
            "!t",
            "%d",
            "@a",
            "`t`",
            "| p",
            "> f",
            "? q",
            "a #b",
            "'s'",
            "Qualité — 品質",
            "line\nbreak",
            "esc\u{1b}[2J",
            "tab\there",
            "nel\u{85}",
            "ls\u{2028}",
            "O'Brien's",
        ] {
            assert_eq!(read_back(&yaml_text(text)).as_deref(), Some(text), "{text:?} as {}", yaml_text(text));
        }
    }

    #[test]
    fn line_breaks_and_control_characters_are_refused_with_their_code_point() {
        assert!(check_one_line("the title", "Internal Audit — Qualité").is_ok());
        let message = check_one_line("the title", "One\ntwo").unwrap_err().to_string();
        assert!(message.starts_with("the title contains a line break (U+000A) at character 4;"), "{message}");
        let message = check_one_line("--owner", "é\u{1b}").unwrap_err().to_string();
        assert!(message.starts_with("--owner contains a control character (U+001B) at character 2;"), "{message}");
    }

    #[test]
    fn toml_text_reads_back_as_written() {
        for text in ["Acme Ltd", "Acme \"Best\" \\ Co", "two\nlines", "tab\tand 'single'", "esc\u{1b}"] {
            let parsed: toml::Table = toml::from_str(&format!("name = {}\n", toml_text(text))).unwrap();
            assert_eq!(parsed["name"].as_str(), Some(text));
        }
        assert_eq!(toml_text("Acme Castings Ltd"), "\"Acme Castings Ltd\"");
    }

    #[test]
    fn file_slugs_are_short_and_never_empty_of_meaning() {
        assert_eq!(file_slug("Calibration: gauges & CMM"), "calibration-gauges--cmm");
        assert_eq!(file_slug("~"), "");
        let long = file_slug(&"word ".repeat(100));
        assert!(long.len() <= 60 && long.ends_with("word") && !long.starts_with('-'), "{long}");
    }
}
