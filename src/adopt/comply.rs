//! strongDM comply's documents and standards: a header of `name`, `acronym`, `satisfies`,
//! `majorRevisions` (procedures: `id`, `cron`) closed by a `---` line with no opening one, and
//! standards as YAML (`name: TSC`, then `CC1.1: {family, name, description}`), converted to
//! front-matter values and to a catalog in `qms`'s format.

use crate::load::{YamlNode, YamlValue, parse_yaml};
use std::fmt::Write as _;

/// A comply header larger than this is not one.
const MAX_HEADER: usize = 16 * 1024;

/// What a comply header says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub name: Option<String>,
    pub acronym: Option<String>,
    /// comply's own id (procedures: `onboard`).
    pub id: Option<String>,
    /// Standard name (as in `standards/*.yml`) → control ids.
    pub satisfies: Vec<(String, Vec<String>)>,
    /// `(date as written, comment)`, oldest first as written.
    pub revisions: Vec<(String, String)>,
    /// Other keys with a text value, to keep as fields of the same name.
    pub other: Vec<(String, String)>,
    /// Where the body starts (after the closing `---` line).
    pub body_start: usize,
}

/// The comply header of `text`, if it has one: the lines before the first `---` line form a
/// YAML mapping with a `name`.
pub fn header(text: &str) -> Option<Header> {
    let mut offset = 0;
    let mut close = None;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
        if offset > MAX_HEADER {
            return None;
        }
    }
    let (yaml_end, body_start) = close?;
    let node = parse_yaml(&text[..yaml_end], 0).ok()??;
    let YamlValue::Mapping(pairs) = node.value else { return None };
    let mut header = Header { body_start, ..Header::default() };
    for (key, value) in &pairs {
        let Some(key) = key.as_text() else { continue };
        match key {
            "name" => header.name = value.as_text().map(str::to_owned),
            "acronym" => header.acronym = value.as_text().map(str::to_owned),
            "id" => header.id = value.as_text().map(str::to_owned),
            "satisfies" => header.satisfies = satisfies(value),
            "majorRevisions" => header.revisions = revisions(value),
            // Other keys are kept when they are a name and a line of text (comply's `cron`).
            other => {
                if let Some(value) = value.as_text()
                    && !other.is_empty()
                    && other.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    && !crate::load::KNOWN_FIELDS.contains(&other)
                {
                    header.other.push((other.to_owned(), value.to_owned()));
                }
            }
        }
    }
    header.name.is_some().then_some(header)
}

fn texts(node: &YamlNode) -> Vec<String> {
    match &node.value {
        YamlValue::Sequence(items) => items.iter().filter_map(|i| i.as_text().map(str::to_owned)).collect(),
        _ => node.as_text().map(|t| vec![t.to_owned()]).unwrap_or_default(),
    }
}

fn satisfies(node: &YamlNode) -> Vec<(String, Vec<String>)> {
    let YamlValue::Mapping(pairs) = &node.value else { return Vec::new() };
    pairs.iter().filter_map(|(k, v)| Some((k.as_text()?.to_owned(), texts(v)))).collect()
}

fn revisions(node: &YamlNode) -> Vec<(String, String)> {
    let YamlValue::Sequence(items) = &node.value else { return Vec::new() };
    items
        .iter()
        .filter_map(|item| {
            let YamlValue::Mapping(pairs) = &item.value else { return None };
            let get = |name: &str| {
                pairs.iter().find(|(k, _)| k.as_text() == Some(name)).and_then(|(_, v)| v.as_text()).unwrap_or("")
            };
            Some((get("date").to_owned(), get("comment").to_owned()))
        })
        .collect()
}

/// One comply standard (`standards/TSC-2017.yml`) as a `qms` catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    /// comply's name for it (`TSC`), as `satisfies` refers to it.
    pub name: String,
    /// The catalog's standard id (`tsc:2017`).
    pub id: String,
    /// The catalog file's name under `standards/` (`tsc-2017.toml`).
    pub file_name: String,
    pub toml: String,
}

/// Converts the YAML of a comply standard found in `file_stem` (`TSC-2017`).
pub fn catalog(file_stem: &str, text: &str) -> Option<Catalog> {
    let node = parse_yaml(text, 0).ok()??;
    let YamlValue::Mapping(pairs) = node.value else { return None };
    let name = pairs.iter().find(|(k, _)| k.as_text() == Some("name")).and_then(|(_, v)| v.as_text())?.to_owned();
    let slug: String = file_stem
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_owned();
    let id = match slug.rsplit_once('-') {
        Some((base, year)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => format!("{base}:{year}"),
        _ => slug.clone(),
    };
    let mut families: Vec<String> = Vec::new();
    let mut clauses = String::new();
    for (key, value) in &pairs {
        let (Some(control), YamlValue::Mapping(fields)) = (key.as_text(), &value.value) else { continue };
        let get = |name: &str| fields.iter().find(|(k, _)| k.as_text() == Some(name)).and_then(|(_, v)| v.as_text());
        let family = get("family").filter(|f| !f.is_empty() && *f != control);
        if let Some(family) = family
            && !families.iter().any(|f| f == family)
        {
            families.push(family.to_owned());
        }
        let title = get("name").unwrap_or(control);
        let _ = write!(clauses, "\n[[clause]]\nid = {}\ntitle = {}\n", toml_text(control), toml_text(title));
        match family {
            Some(family) => {
                let _ = writeln!(clauses, "parent = {}\nlevel = 2", toml_text(family));
            }
            None => clauses.push_str("level = 1\n"),
        }
        if let Some(description) = get("description") {
            let _ = writeln!(clauses, "note = {}", toml_text(description));
        }
    }
    let mut toml = format!(
        "# The {name} controls as strongDM comply's standards/{file_stem}.yml lists them, converted by `qms adopt`.\n\n[standard]\nid = {}\ntitle = {}\n",
        toml_text(&id),
        toml_text(&format!("{name} ({file_stem})"))
    );
    for family in &families {
        let _ = write!(toml, "\n[[clause]]\nid = {}\ntitle = {}\nlevel = 1\n", toml_text(family), toml_text(family));
    }
    toml.push_str(&clauses);
    Some(Catalog { name, id, file_name: format!("{slug}.toml"), toml })
}

fn toml_text(text: &str) -> String {
    crate::scaffold::toml_text(text)
}

/// Whether `text` is the start of a comply document (for `--from` left to detection).
pub fn looks_like(text: &str) -> bool {
    !text.starts_with("---")
        && header(text).is_some_and(|h| h.acronym.is_some() || !h.satisfies.is_empty() || h.id.is_some())
}

/// What to tell the person adopting when comply documents hold comply's template fields
/// (`{{.Name}}`, filled in by comply's build with the organization's name): nothing fills them
/// in now, and the bodies are adopted as they are.
pub(super) fn placeholders_note(documents: &[super::Adopted]) -> Option<String> {
    let holding: Vec<&str> = documents
        .iter()
        .filter(|d| d.header.is_some() && d.body.contains("{{."))
        .map(|d| d.id.value.as_str())
        .collect();
    let first = holding.first()?;
    Some(format!(
        "{} document(s) ({first}{}) hold comply's template fields such as `{{{{.Name}}}}`, which comply filled in when it built them: write the organization's name in their place",
        holding.len(),
        if holding.len() > 1 { ", …" } else { "" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "name: Access Onboarding and Termination Policy\nacronym: AOTP\nsatisfies:\n  TSC:\n    - CC6.1\n    - CC6.2\nmajorRevisions:\n  - date: Jun 1 2018\n    comment: Initial document\n---\n# Purpose and Scope\n\na. The purpose.\n";

    #[test]
    fn a_comply_header_is_read_and_the_body_found() {
        let found = header(POLICY).unwrap();
        assert_eq!(found.name.as_deref(), Some("Access Onboarding and Termination Policy"));
        assert_eq!(found.acronym.as_deref(), Some("AOTP"));
        assert_eq!(found.satisfies, vec![("TSC".to_owned(), vec!["CC6.1".to_owned(), "CC6.2".to_owned()])]);
        assert_eq!(found.revisions, vec![("Jun 1 2018".to_owned(), "Initial document".to_owned())]);
        assert_eq!(&POLICY[found.body_start..], "# Purpose and Scope\n\na. The purpose.\n");
        assert!(looks_like(POLICY));
        assert!(!looks_like("# Plain\n\ntext\n---\nmore\n"));
        assert!(!looks_like("---\nid: A-1\n---\n"));
        let procedure =
            header("id: \"onboard\"\nname: \"Onboard New User\"\ncron: \"0 0 * * *\"\n---\n\nSteps\n").unwrap();
        assert_eq!(procedure.id.as_deref(), Some("onboard"));
        assert_eq!(procedure.other, vec![("cron".to_owned(), "0 0 * * *".to_owned())]);
    }

    #[test]
    fn a_comply_standard_becomes_a_catalog() {
        let yaml = "name: TSC\nCC1.1:\n  family: CC1\n  name: Integrity and Ethics\n  description: The entity demonstrates integrity\nCC1.2:\n  family: CC1\n  name: Board Independence\n";
        let catalog = catalog("TSC-2017", yaml).unwrap();
        assert_eq!(
            (catalog.name.as_str(), catalog.id.as_str(), catalog.file_name.as_str()),
            ("TSC", "tsc:2017", "tsc-2017.toml")
        );
        let standard = crate::standards::parse(std::path::Path::new("tsc-2017.toml"), &catalog.toml).unwrap();
        assert_eq!(standard.id, "tsc:2017");
        assert!(standard.clause("CC1.2").is_some_and(|c| c.title == "Board Independence"));
        assert!(standard.clause("CC1").is_some());
    }
}
