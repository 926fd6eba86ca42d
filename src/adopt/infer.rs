//! What a document's file name, folder and first heading say about it: an id already given
//! (`SOP-004`), its title without section numbering, and its type. Pure text in, guesses out,
//! each with how it was found so a person can judge it.

/// How a value was found, from surest to least sure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// Read from the file itself (an id in its name or title, a heading, another tool's header).
    Sure,
    /// Derived from a reliable hint (a folder name, a file name turned into words).
    Likely,
    /// A default: nothing pointed to a value.
    Guess,
}

impl Certainty {
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Sure => "sure",
            Certainty::Likely => "likely",
            Certainty::Guess => "guess",
        }
    }
}

/// A value with where it came from (`"the first heading"`) and how sure that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred<T> {
    pub value: T,
    pub from: String,
    pub certainty: Certainty,
}

impl<T> Inferred<T> {
    pub fn new(value: T, from: impl Into<String>, certainty: Certainty) -> Self {
        Inferred { value, from: from.into(), certainty }
    }
}

/// Prefixes that name standards and regulations, never a document's id (`ISO 9001`).
const NOT_ID_PREFIXES: &[&str] = &[
    "ISO", "IEC", "EN", "DIN", "BS", "NIST", "SOC", "IEEE", "CFR", "ANSI", "MDR", "IVDR", "MDD", "GDPR", "TSC", "PCI",
];

/// An id at the start of `text` (`SOP-004 Control of documents`, `sop_12-audit`, `WI 3`):
/// letters, then `-`, `_` or a space, then digits, then the end or a separator. Returns the
/// id in the canonical form (`SOP-004`) and the text after it.
pub fn leading_id(text: &str) -> Option<(String, &str)> {
    let letters_end = text.find(|c: char| !c.is_ascii_alphanumeric())?;
    let prefix = &text[..letters_end];
    if prefix.is_empty()
        || !prefix.starts_with(|c: char| c.is_ascii_alphabetic())
        || prefix.chars().any(|c| c.is_ascii_digit())
        || prefix.len() > 6
        || NOT_ID_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(prefix))
    {
        return None;
    }
    let rest = &text[letters_end..];
    let rest = rest.strip_prefix(['-', '_', ' '])?;
    let digits_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    if digits_end == 0 || digits_end > 6 {
        return None;
    }
    let after = &rest[digits_end..];
    if after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '.') {
        return None;
    }
    let id = format!("{}-{}", prefix.to_ascii_uppercase(), &rest[..digits_end]);
    Some((id, after.trim_start_matches(['-', '_', ' ', ':', '–', '—'])))
}

/// The text of the first level-1 ATX heading (`# Title`) of a Markdown body, outside code
/// fences (headings of lower levels are sections); also whether a later level-1 heading is
/// numbered too (then the first one is a numbered section, "1. Purpose", not the title).
pub fn first_heading(body: &str) -> Option<(String, bool)> {
    let mut fence: Option<&str> = None;
    let mut first: Option<(usize, String)> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        if line.len() - trimmed.len() > 3 {
            continue;
        }
        let level = trimmed.chars().take_while(|&c| c == '#').count();
        if level != 1 || !trimmed[level..].starts_with([' ', '\t']) {
            continue;
        }
        let text = unescape(trimmed[level..].trim().trim_end_matches('#').trim());
        if text.is_empty() {
            continue;
        }
        match &first {
            None => first = Some((level, text)),
            Some((first_level, _)) if *first_level == level => {
                let numbered = strip_numbering(&text).len() < text.len();
                return first.map(|(_, text)| (text, numbered));
            }
            Some(_) => {}
        }
    }
    first.map(|(_, text)| (text, false))
}

/// Markdown's backslash escapes resolved (`\\<Product Name\\>` → `<Product Name>`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(next)) if next.is_ascii_punctuation() => {
                out.push(*next);
                chars.next();
            }
            (c, _) => out.push(c),
        }
    }
    out
}

/// A heading without its section number (`1.`, `2.3`, `4)`, `A.1`, `Chapter 2:`) and without
/// emphasis markers around it.
pub fn strip_numbering(text: &str) -> &str {
    let text = text.trim().trim_matches(|c| c == '*' || c == '_').trim();
    let words = ["Chapter ", "Section ", "Part "];
    let text = words.iter().find_map(|w| text.strip_prefix(w)).unwrap_or(text);
    let number_end = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || c == ')' || (i == 0 && c.is_ascii_uppercase())))
        .map_or(text.len(), |(i, _)| i);
    let number = &text[..number_end];
    // A lone capital letter is a word ("A guide"), not a number; "A." or "A.1" is one.
    let is_number = number.chars().any(|c| c.is_ascii_digit()) || number.len() >= 2 && number.ends_with(['.', ')']);
    if !is_number {
        return text;
    }
    let rest = &text[number_end..];
    if !rest.starts_with([' ', '\t', ':', '-', '–', '—']) {
        return text;
    }
    let stripped = rest.trim_start_matches([' ', '\t', ':', '-', '–', '—']);
    if stripped.is_empty() { text } else { stripped }
}

/// Abbreviations written in capitals when a title is made from a file name.
const ABBREVIATIONS: &[&str] =
    &["sop", "wi", "qm", "qms", "kpi", "kpis", "capa", "hr", "it", "iso", "mdr", "ivdr", "isms", "soa", "pms", "psur"];

/// `sop-capa_policy.md` → "SOP CAPA Policy": the file stem's words, each capitalized.
pub fn title_from_file_name(stem: &str) -> String {
    stem.split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|word| {
            if ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str()) {
                return word.to_ascii_uppercase();
            }
            let mut chars = word.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words that name a document type, in file names and folder names.
const TYPE_WORDS: &[(&str, &[&str])] = &[
    ("procedure", &["sop", "sops", "procedure", "procedures", "process", "processes"]),
    ("work-instruction", &["wi", "wis", "instruction", "instructions", "howto"]),
    ("policy", &["pol", "policy", "policies"]),
    ("manual", &["manual", "manuals", "handbook", "qm", "qmh"]),
    ("form", &["form", "forms", "frm", "template", "templates", "checklist", "checklists"]),
    ("plan", &["plan", "plans", "program", "programme"]),
    ("register", &["register", "registers", "list", "lists", "log", "logs", "matrix", "inventory", "index"]),
    ("record", &["record", "records", "report", "reports", "minutes"]),
    ("scope", &["scope"]),
    ("objectives", &["objectives", "kpi", "kpis", "goals"]),
];

fn type_of_word(word: &str, types: &[String]) -> Option<String> {
    let word = word.to_ascii_lowercase();
    if let Some(declared) = types.iter().find(|t| **t == word || format!("{t}s") == word) {
        return Some(declared.clone());
    }
    TYPE_WORDS.iter().find(|(_, words)| words.contains(&word.as_str())).map(|(t, _)| (*t).to_owned())
}

/// The type of the document at `path` (relative to the QMS root, so the documents folder's own
/// name counts): from the last word of its `title` ("Log Management Policy": the noun the rest
/// qualifies), else the words of its file name (first match), else of its folders (nearest
/// first), else `procedure`.
pub fn doc_type(path: &str, title: Option<&str>, types: &[String]) -> Inferred<String> {
    let last = title.and_then(|t| t.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty()));
    if let Some(found) = last.and_then(|word| type_of_word(word, types)) {
        let word = last.unwrap_or_default();
        return Inferred::new(found, format!("the last word of the title, \"{word}\""), Certainty::Likely);
    }
    let mut parts: Vec<&str> = path.split('/').collect();
    let name = parts.pop().unwrap_or_default();
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    for word in stem.split(['-', '_', ' ', '.']) {
        if let Some(found) = type_of_word(word, types) {
            return Inferred::new(found, format!("the word \"{word}\" in the file name"), Certainty::Likely);
        }
    }
    for folder in parts.iter().rev() {
        for word in folder.split(['-', '_', ' ', '.']) {
            if let Some(found) = type_of_word(word, types) {
                return Inferred::new(found, format!("the folder \"{folder}\""), Certainty::Likely);
            }
        }
    }
    Inferred::new("procedure".to_owned(), "no word of its name or folder names a type", Certainty::Guess)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_names_and_titles_are_kept_in_canonical_form() {
        assert_eq!(leading_id("SOP-004 Control of documents"), Some(("SOP-004".into(), "Control of documents")));
        assert_eq!(leading_id("sop_12-audit"), Some(("SOP-12".into(), "audit")));
        assert_eq!(leading_id("WI 3: Calibration"), Some(("WI-3".into(), "Calibration")));
        assert_eq!(leading_id("ISO 9001 mapping"), None);
        assert_eq!(leading_id("sop-capa"), None);
        assert_eq!(leading_id("A1-2"), None);
        assert_eq!(leading_id("Step 1.2 of it"), None);
        assert_eq!(leading_id("Purpose"), None);
    }

    #[test]
    fn the_title_is_the_first_heading_unless_it_is_a_numbered_section() {
        assert_eq!(first_heading("Intro\n# Quality Manual\n## 1. Purpose\n"), Some(("Quality Manual".into(), false)));
        assert_eq!(first_heading("# 1. Purpose\ntext\n# 2. Scope\n"), Some(("1. Purpose".into(), true)));
        assert_eq!(first_heading("```\n# not a heading\n```\n# Real\n"), Some(("Real".into(), false)));
        assert_eq!(first_heading("## Summary\ntext\n"), None, "a section is no title");
        assert_eq!(first_heading("# \\<Product\\> Plan\n"), Some(("<Product> Plan".into(), false)));
        assert_eq!(first_heading("#hashtag\nplain"), None);
        assert_eq!(strip_numbering("1. Purpose"), "Purpose");
        assert_eq!(strip_numbering("4.2.3 Medical Device File"), "Medical Device File");
        assert_eq!(strip_numbering("**2) Scope**"), "Scope");
        assert_eq!(strip_numbering("Chapter 3: Audits"), "Audits");
        assert_eq!(strip_numbering("A guide to audits"), "A guide to audits");
        assert_eq!(strip_numbering("2026 Objectives"), "Objectives");
        assert_eq!(strip_numbering("42"), "42");
        assert_eq!(title_from_file_name("sop-capa_policy"), "SOP CAPA Policy");
    }

    #[test]
    fn types_come_from_file_name_words_then_folders() {
        let types: Vec<String> = vec!["narrative".into()];
        assert_eq!(doc_type("qms/capa/sop-capa.md", None, &types).value, "procedure");
        assert_eq!(doc_type("qms/internal-audit/audit-plan.md", None, &types).value, "plan");
        assert_eq!(doc_type("qms/capa/list-capa.md", None, &types).value, "register");
        assert_eq!(doc_type("policies/access.md", None, &types).value, "policy");
        assert_eq!(doc_type("policies/access.md", None, &types).certainty, Certainty::Likely);
        assert_eq!(doc_type("narratives/control.md", None, &types).value, "narrative");
        let log = doc_type("policies/log.md", Some("Log Management Policy"), &types);
        assert_eq!((log.value.as_str(), log.from.as_str()), ("policy", "the last word of the title, \"Policy\""));
        assert_eq!(doc_type("policies/log.md", Some("Logs (Policy)"), &types).value, "policy");
        assert_eq!(doc_type("policies/log.md", Some("Log Management"), &types).value, "register");
        assert_eq!(doc_type("policies/x.md", Some("Onboard New User"), &types).value, "policy");
        let guess = doc_type("general/intended-use.md", Some("Intended Use"), &types);
        assert_eq!((guess.value.as_str(), guess.certainty), ("procedure", Certainty::Guess));
    }
}
