//! Files → documents: reads every Markdown file the [`Source`] lists, splits and parses its
//! front matter, scans its body, and reports what is wrong with the file itself. One bad file
//! never stops the others.

mod fields;
pub mod major_revisions;
mod markdown;
mod objectives;
mod record_fields;
pub mod records;
pub mod split;
mod svg;
mod yaml;

pub use fields::{FieldRules, KNOWN_FIELDS, parse_date};
pub use markdown::options as markdown_options;
pub use yaml::{Node as YamlNode, Value as YamlValue, parse as parse_yaml};

use crate::config::Config;
use crate::diag::{Diagnostic, FileId, Rule, Span};
use crate::error::Result;
use crate::model::{Document, LinkTarget, Metadata, Register, classify_link};
use crate::source::{Entry, MAX_DOCUMENT_BYTES, Source, SourceFile, SourceFiles};
use rayon::prelude::*;
use split::Split;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use yaml::{Node, Value, YamlError};

/// Front matter larger than this is refused.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// The result of loading one snapshot of the QMS.
#[derive(Debug)]
pub struct Loaded {
    pub files: SourceFiles,
    pub register: Register,
    /// Problems found while reading: encoding, front-matter syntax, field values.
    pub diagnostics: Vec<Diagnostic>,
    /// The records of the records folder (empty until [`records::load_records`] reads them).
    pub records: Vec<crate::model::Record>,
}

/// Documents an earlier load read (another version of the same QMS), to take again as they
/// are: a file at the same path with the same text, read with the same types and extra fields,
/// that loaded without a finding, loads the same, so its front matter and body are not read
/// again. Consecutive releases share about half their files.
#[derive(Debug, Default)]
pub struct Known<'k> {
    types: &'k [String],
    extra_fields: &'k [String],
    /// Path → its text and document.
    documents: HashMap<&'k str, (&'k Arc<str>, &'k Document)>,
}

impl<'k> Known<'k> {
    /// The documents of `loaded`, read with `config`, that loaded without a finding.
    pub fn of(loaded: &'k Loaded, config: &'k Config) -> Known<'k> {
        let noted: HashSet<FileId> =
            loaded.diagnostics.iter().filter_map(|d| d.span.as_ref().map(|s| s.file)).collect();
        let documents = loaded
            .register
            .documents()
            .iter()
            .filter(|document| !noted.contains(&document.file))
            .map(|document| (document.path.as_str(), (&loaded.files.get(document.file).text, document)))
            .collect();
        Known { types: &config.types, extra_fields: &config.extra_fields, documents }
    }

    /// The text of the document read before at `path` (one that loaded without a finding).
    pub fn text(&self, path: &str) -> Option<&'k Arc<str>> {
        self.documents.get(path).map(|(text, _)| *text)
    }

    /// The text and document read before at `path` from `text`, if it reads the same under
    /// `rules` (the text shared, not copied).
    fn get(&self, path: &str, text: &str, rules: &FieldRules) -> Option<(&'k Arc<str>, &'k Document)> {
        if self.types != rules.types || self.extra_fields != rules.extra_fields {
            return None;
        }
        let &(known_text, document) = self.documents.get(path)?;
        (**known_text == *text).then_some((known_text, document))
    }
}

/// Loads every document of `source`.
pub fn load(source: &dyn Source, config: &Config) -> Result<Loaded> {
    load_known(source, config, &Known::default())
}

/// [`load`], taking the documents of `known` that read the same as they are.
pub fn load_known(source: &dyn Source, config: &Config, known: &Known) -> Result<Loaded> {
    let mut entries = source.entries()?;
    entries.retain(|entry| !config.is_excluded(entry.path()) && !config.is_record_path(entry.path()));
    let rules = FieldRules::from_config(config);
    let results: Vec<LoadedFile> = entries
        .par_iter()
        .enumerate()
        .map(|(index, entry)| {
            load_entry(source, FileId(u32::try_from(index).unwrap_or(u32::MAX)), entry, &rules, known)
        })
        .collect();

    let mut files = SourceFiles::default();
    let mut documents = Vec::new();
    let mut diagnostics = Vec::new();
    let mut other_files = BTreeSet::new();
    for result in results {
        files.add(result.file);
        diagnostics.extend(result.diagnostics);
        match result.document {
            Some(document) => documents.push(document),
            None => {
                other_files.insert(files.get(FileId(u32::try_from(files.len() - 1).unwrap_or(0))).path.clone());
            }
        }
    }
    let known: BTreeSet<&str> =
        documents.iter().map(|d| d.path.as_str()).chain(other_files.iter().map(String::as_str)).collect();
    let mut link_targets = BTreeSet::new();
    for document in &documents {
        for link in &document.links {
            if let LinkTarget::Local { path, .. } = classify_link(&document.path, &link.destination)
                && !path.is_empty()
                && !known.contains(path.as_str())
            {
                link_targets.insert(path);
            }
        }
    }
    other_files.extend(link_targets.into_iter().filter(|path| source.exists(path)));
    diagnostics.extend(svg::unsafe_svgs(source, &documents, &other_files));
    Ok(Loaded { files, register: Register::new(documents, other_files), diagnostics, records: Vec::new() })
}

/// One file, read: its text for printing, its document unless the file could not be read as
/// one, and what was wrong with it.
#[derive(Debug)]
pub struct LoadedFile {
    pub file: SourceFile,
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

fn load_entry(source: &dyn Source, file: FileId, entry: &Entry, rules: &FieldRules, known: &Known) -> LoadedFile {
    let path = entry.path().to_owned();
    let failed = |text: String, diagnostic: Diagnostic| LoadedFile {
        file: SourceFile::new(path.clone(), text),
        document: None,
        diagnostics: vec![diagnostic.at(Span::file_start(file))],
    };
    let size = match entry {
        Entry::Symlink { outside, .. } => {
            let where_to = if *outside { "outside the QMS root (or nowhere)" } else { "inside the QMS root" };
            return failed(
                String::new(),
                Diagnostic::new(
                    Rule::SymlinkNotFollowed,
                    format!("symbolic link pointing {where_to} was not followed"),
                )
                .help("replace the link with the file itself, or move it out of the documents folder"),
            );
        }
        Entry::Markdown { size, .. } => *size,
    };
    if size > MAX_DOCUMENT_BYTES {
        return failed(
            String::new(),
            Diagnostic::new(
                Rule::DocumentTooLarge,
                format!(
                    "document is {} MiB, over the {} MiB limit; it was not read",
                    size / (1024 * 1024),
                    MAX_DOCUMENT_BYTES / (1024 * 1024)
                ),
            )
            .help("split it, or move attached data out of the documents folder"),
        );
    }
    match source.read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => match known.get(&path, &text, rules) {
                Some((text, document)) => LoadedFile {
                    file: SourceFile::new(path, Arc::clone(text)),
                    document: Some(Document { file, ..document.clone() }),
                    diagnostics: Vec::new(),
                },
                None => load_bytes(file, path, text.into_bytes(), rules),
            },
            Err(error) => load_bytes(file, path, error.into_bytes(), rules),
        },
        Err(error) => failed(
            String::new(),
            Diagnostic::new(Rule::UnreadableDocument, format!("cannot read the document: {error}"))
                .help("check the file's permissions"),
        ),
    }
}

/// Reads one document from its bytes (from disk or a git blob): encoding, BOM, front matter,
/// body. Never fails: what is wrong becomes diagnostics on `file`.
pub fn load_bytes(file: FileId, path: String, bytes: Vec<u8>, rules: &FieldRules) -> LoadedFile {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let line = text[..offset].matches('\n').count() + 1;
            return LoadedFile {
                file: SourceFile::new(path, text),
                document: None,
                diagnostics: vec![
                    Diagnostic::new(
                        Rule::InvalidUtf8,
                        format!("the document is not valid UTF-8 (first bad byte on line {line})"),
                    )
                    .at(Span::new(file, offset..offset))
                    .help("re-save the file as UTF-8"),
                ],
            };
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(stripped) => stripped.to_owned(),
        None => text,
    };
    let mut diagnostics = Vec::new();
    let document = parse_document(file, &path, &text, rules, &mut diagnostics);
    LoadedFile { file: SourceFile::new(path, text), document: Some(document), diagnostics }
}

/// Front matter and body of one document's text.
fn parse_document(file: FileId, path: &str, text: &str, rules: &FieldRules, out: &mut Vec<Diagnostic>) -> Document {
    let mut document = Document {
        file,
        path: path.to_owned(),
        front_matter: 0..0,
        has_metadata: false,
        meta: Metadata::default(),
        headings: Vec::new(),
        links: Vec::new(),
        tables: Vec::new(),
    };
    let report = |out: &mut Vec<Diagnostic>, rule, range: std::ops::Range<usize>, message: String, help: &str| {
        out.push(Diagnostic::new(rule, message).at(Span::new(file, range)).help(help));
    };
    if text.trim().is_empty() {
        report(
            out,
            Rule::EmptyDocument,
            0..0,
            "the document is empty".into(),
            "write the document (`qms new` starts one) or delete the file",
        );
        return document;
    }
    let body_start = match split::split(text.as_bytes()) {
        Split::NoFrontMatter => {
            report(
                out,
                Rule::MissingFrontMatter,
                0..0,
                "the document has no front matter".into(),
                "start the file with `---`, the fields (id, title, type, version, status, owner) and a closing `---`",
            );
            0
        }
        Split::Unclosed { opening } => {
            report(
                out,
                Rule::UnclosedFrontMatter,
                opening,
                "the front matter opened here is never closed".into(),
                "add a line `---` after the last front-matter field",
            );
            return document;
        }
        Split::Found { yaml, block } => {
            document.front_matter = block.clone();
            if yaml.len() > MAX_FRONT_MATTER_BYTES {
                report(
                    out,
                    Rule::UnsupportedYaml,
                    block.start..block.start + 3,
                    format!(
                        "the front matter is {} KiB, over the {} KiB limit",
                        yaml.len() / 1024,
                        MAX_FRONT_MATTER_BYTES / 1024
                    ),
                    "keep the front matter to the metadata fields; move content to the body",
                );
            } else {
                read_front_matter(&mut document, &text[yaml.clone()], yaml.start, rules, out);
            }
            block.end
        }
    };
    if let Some(range) = guidance_left(&document, text, body_start) {
        report(
            out,
            Rule::GuidanceLeft,
            range,
            "the document is approved but still holds the scaffold's guidance".into(),
            "replace the `> Guidance:` text with the section's content, or delete it",
        );
    }
    let outline = markdown::scan(&text[body_start..], body_start);
    document.headings = outline.headings;
    document.links = outline.links;
    if document.meta.soa.is_some() {
        document.tables = markdown::tables(&text[body_start..], body_start);
    }
    document
}

/// The first `> Guidance:` line `init` and `new` wrote, in a document that is approved or
/// effective (a draft is expected to hold it).
fn guidance_left(document: &Document, text: &str, body_start: usize) -> Option<std::ops::Range<usize>> {
    let released = document
        .meta
        .status
        .as_ref()
        .is_some_and(|s| matches!(s.value, crate::model::Status::Approved | crate::model::Status::Effective));
    if !released {
        return None;
    }
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        if line.trim_start().starts_with("> Guidance:") {
            return Some(offset..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    None
}

fn read_front_matter(
    document: &mut Document,
    yaml_text: &str,
    base: usize,
    rules: &FieldRules,
    out: &mut Vec<Diagnostic>,
) {
    let file = document.file;
    let at = |range: std::ops::Range<usize>| Span::new(file, range);
    let root = match yaml::parse(yaml_text, base) {
        Ok(root) => root,
        Err(YamlError::Syntax { offset, message }) => {
            out.push(Diagnostic::new(Rule::InvalidYaml, format!("invalid YAML in the front matter: {message}")).at(at(offset..offset)).help("fix the YAML here: a missing space after `:`, a tab used for indentation, or a value that needs quotes"));
            return;
        }
        Err(YamlError::Unsupported { offset, message }) => {
            out.push(
                Diagnostic::new(Rule::UnsupportedYaml, message)
                    .at(at(offset..offset))
                    .help("write every value out in full"),
            );
            return;
        }
        Err(YamlError::DuplicateKey { key, first, second }) => {
            // The YAML starts on line 2, after the opening `---`.
            let line = 2 + yaml_text[..first.start - base].matches('\n').count();
            out.push(
                Diagnostic::new(Rule::DuplicateField, format!("field `{key}` is given twice (first on line {line})"))
                    .at(at(second))
                    .field(key)
                    .help("keep one value and delete the other line"),
            );
            return;
        }
    };
    let pairs = match root {
        None => Vec::new(),
        Some(Node { value: Value::Mapping(pairs), .. }) => pairs,
        Some(node) => {
            out.push(
                Diagnostic::new(
                    Rule::FrontMatterNotMapping,
                    format!("the front matter is {}, not `field: value` lines", node.kind()),
                )
                .at(at(node.range))
                .help("write one `field: value` per line: id, title, type, version, status, owner, …"),
            );
            return;
        }
    };
    document.has_metadata = true;
    document.meta = fields::decode(file, &pairs, document.front_matter.start, rules, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Rule;
    use crate::source::MemorySource;

    /// Files in memory, one of which cannot be read (as a file without read permission).
    struct Unreadable(MemorySource);

    impl Source for Unreadable {
        fn entries(&self) -> Result<Vec<Entry>> {
            self.0.entries()
        }
        fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
            if path.ends_with("locked.md") {
                return Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied"));
            }
            self.0.read(path)
        }
        fn exists(&self, path: &str) -> bool {
            self.0.exists(path)
        }
    }

    #[test]
    fn documents_read_before_are_taken_again_only_where_they_read_the_same() {
        let root = std::path::Path::new("/qms");
        let config = crate::config::parse(root, "[qms]\ndocuments = \"docs\"\n").unwrap();
        let document = |id: &str, approved: &str| {
            format!(
                "---\nid: {id}\ntitle: T\ntype: procedure\nversion: \"1.0\"\nstatus: draft\nowner: QM\napproved: {approved}\n---\n# T\n\nSee [b](b.md).\n"
            )
        };
        let mut before = MemorySource::new("docs");
        before.insert("docs/a.md", document("SOP-1", "2026-01-01"));
        before.insert("docs/b.md", document("SOP-2", "2026-01-01"));
        before.insert("docs/c.md", document("SOP-3", "2026-13-45"));
        let earlier = load(&before, &config).unwrap();
        let mut after = MemorySource::new("docs");
        after.insert("docs/a.md", document("SOP-1", "2026-01-01"));
        after.insert("docs/b.md", document("SOP-2", "2026-02-02"));
        after.insert("docs/c.md", document("SOP-3", "2026-13-45"));
        after.insert("docs/d.md", document("SOP-4", "2026-01-01"));
        let fresh = load(&after, &config).unwrap();
        let known = Known::of(&earlier, &config);
        let again = load_known(&after, &config, &known).unwrap();
        // The same documents and findings as a load from scratch.
        let shown = |loaded: &Loaded| format!("{:?}{:?}", loaded.register.documents(), loaded.diagnostics);
        assert_eq!(shown(&again), shown(&fresh));
        assert!(again.diagnostics.iter().any(|d| d.rule == Rule::InvalidDate), "c.md is read again, its finding said");
        // Only the unchanged file without a finding was taken as it was (its text shared).
        let text = |loaded: &Loaded, path: &str| {
            let document = loaded.register.documents().iter().find(|d| d.path == path).unwrap();
            Arc::clone(&loaded.files.get(document.file).text)
        };
        let shared: Vec<&str> = ["docs/a.md", "docs/b.md", "docs/c.md"]
            .into_iter()
            .filter(|path| Arc::ptr_eq(&text(&again, path), &text(&earlier, path)))
            .collect();
        assert_eq!(shared, ["docs/a.md"]);
        // Read with other types, nothing is taken.
        let typed =
            crate::config::parse(root, "[qms]\ndocuments = \"docs\"\ntypes = [\"procedure\", \"memo\"]\n").unwrap();
        let other = load_known(&after, &typed, &known).unwrap();
        assert!(!Arc::ptr_eq(&text(&other, "docs/a.md"), &text(&earlier, "docs/a.md")));
    }

    #[test]
    fn an_unreadable_document_is_reported_and_the_others_still_load() {
        let config = crate::config::parse(std::path::Path::new("/qms"), "[qms]\ndocuments = \"docs\"\n").unwrap();
        let mut files = MemorySource::new("docs");
        let document =
            "---\nid: SOP-1\ntitle: Open\ntype: procedure\nversion: \"1.0\"\nstatus: draft\nowner: QM\n---\nBody.\n";
        files.insert("docs/locked.md", document.replace("SOP-1", "SOP-2"));
        files.insert("docs/open.md", document);
        let loaded = load(&Unreadable(files), &config).unwrap();
        let found: Vec<(Rule, &str, &str)> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.rule == Rule::UnreadableDocument)
            .map(|d| (d.rule, loaded.files.get(d.span.as_ref().unwrap().file).path.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [(Rule::UnreadableDocument, "docs/locked.md", "cannot read the document: Permission denied")]
        );
        let ids: Vec<_> = loaded.register.documents().iter().filter_map(|d| d.id()).collect();
        assert_eq!(ids, ["SOP-1"]);
    }
}
