//! `qms adopt`: brings an existing set of Markdown documents under control in one step. Finds
//! the documents folder, writes `qms.toml` when missing, and gives every document lacking front
//! matter an id, title, type and the approval fields, keeping its body byte for byte; converts
//! strongDM comply's headers and standards ([`comply`]); reads clause maps ([`clause_map`]).
//! [`plan`] decides everything and writes nothing (`--dry-run` prints it); [`apply`] writes it
//! all or nothing.

mod apply;
pub mod clause_map;
pub mod commit;
pub mod comply;
mod front;
pub mod infer;
pub mod layout;
mod matching;
mod read;

pub use apply::apply;
pub use infer::{Certainty, Inferred};
use read::{Read, read_candidate};

use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::model::{Date, Register, Status};
use crate::source::{Source, Worktree};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The format the documents come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Origin {
    /// Markdown without front matter (exported from Word or a wiki, a template set).
    Markdown,
    /// strongDM comply: a header of name, acronym, satisfies, majorRevisions closed by `---`.
    Comply,
}

/// A clause map given with `--clause-map FILE --standard ID`.
#[derive(Debug, Clone)]
pub struct ClauseMap {
    /// As given on the command line, for messages.
    pub name: String,
    /// The file's path relative to the QMS root when it lies inside it (then it is excluded).
    pub inside: Option<String>,
    pub text: String,
    pub csv: bool,
    pub standard: String,
}

/// What the person adopting the set decided on the command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--standards`; empty when not given ([`DEFAULT_STANDARD`], or the set's own).
    pub standards: Vec<String>,
    pub name: Option<String>,
    /// `None`: each file's format is detected.
    pub origin: Option<Origin>,
    pub clause_maps: Vec<ClauseMap>,
    pub status: Status,
    pub approver: Option<String>,
    pub owner: String,
    pub today: Date,
}

/// One document to be put under control.
#[derive(Debug, Clone)]
pub struct Adopted {
    /// Relative to the QMS root.
    pub path: String,
    pub origin: Origin,
    pub id: Inferred<String>,
    pub title: Inferred<String>,
    pub doc_type: Inferred<String>,
    /// Standard id → clause ids, in order of first mention.
    pub clauses: Vec<(String, Vec<String>)>,
    /// The date of the file's last commit, if it has one.
    pub last_commit: Option<Date>,
    /// Commits that changed the file: its history before control.
    pub revisions: usize,
    /// The body as it is (after another tool's header), written back unchanged.
    pub body: String,
    /// The comply header the front matter replaces.
    pub header: Option<comply::Header>,
    /// The file's bytes as they are, for taking the change back.
    pub original: Vec<u8>,
}

/// The standard enabled when `--standards` is not given and the set brings none of its own.
pub const DEFAULT_STANDARD: &str = "iso9001:2015";

/// Everything `qms adopt` would do.
#[derive(Debug)]
pub struct Plan {
    pub root: PathBuf,
    /// Written when the root has none.
    pub qms_toml: Option<String>,
    pub documents_folder: String,
    pub exclude: Vec<String>,
    /// The root's `.gitignore` with the site ignored, and its bytes before (none: new).
    pub gitignore: Option<(String, Option<Vec<u8>>)>,
    /// Catalogs converted from the other tool: path relative to the root, text.
    pub catalogs: Vec<(String, String)>,
    pub documents: Vec<Adopted>,
    /// Documents that already had front matter with an id.
    pub already: usize,
    /// Files left as they are, with the reason.
    pub skipped: Vec<(String, String)>,
    /// What a person still has to decide: clause-map rows not matched, settings to add.
    pub to_decide: Vec<String>,
}

/// A file read for adoption, before ids are handed out.
struct Candidate {
    path: String,
    origin: Origin,
    /// The id found in the file name or title, if any.
    id: Option<Inferred<String>>,
    title: Inferred<String>,
    doc_type: Inferred<String>,
    body_start: usize,
    comply: Option<comply::Header>,
    text: String,
    original: Vec<u8>,
}

/// Decides what adopting the set at `root` writes; reads, never writes.
pub fn plan(root: &Path, options: &Options) -> Result<Plan> {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    if !root.is_dir() {
        return Err(Error::InvalidArgument {
            message: format!("{} is not a folder; name the folder that holds the documents", root.display()),
        });
    }
    let existing = root.join(config::CONFIG_FILE).is_file();
    let all_files = layout::markdown_files(&root);
    let maps_inside: Vec<String> = options.clause_maps.iter().filter_map(|m| m.inside.clone()).collect();
    let (folder, exclude, provisional) = if existing {
        let config = config::load(&root)?;
        (config.documents.clone(), config.exclude.patterns().to_vec(), config)
    } else {
        let folder = layout::documents_folder(&all_files);
        let prefix = if folder == "." { String::new() } else { format!("{folder}/") };
        let maps: Vec<String> = maps_inside.iter().filter_map(|m| m.strip_prefix(&prefix).map(str::to_owned)).collect();
        let exclude = layout::exclude_patterns(&all_files, &folder, &maps);
        let text = layout::qms_toml(&layout::Settings {
            organization: "x",
            documents: &folder,
            exclude: &exclude,
            ..Default::default()
        });
        let config = config::parse(&root, &text)?;
        (folder, exclude, config)
    };
    let source = Worktree::new(root.clone(), &provisional.documents);
    let mut plan = Plan {
        root: root.clone(),
        qms_toml: None,
        documents_folder: folder.clone(),
        exclude,
        gitignore: None,
        catalogs: Vec::new(),
        documents: Vec::new(),
        already: 0,
        skipped: Vec::new(),
        to_decide: Vec::new(),
    };
    let mut used_ids: Vec<String> = Vec::new();
    let mut candidates = Vec::new();
    let comply_types = vec!["narrative".to_owned()];
    for entry in source.entries()? {
        let path = entry.path().to_owned();
        if provisional.is_excluded(&path) || maps_inside.contains(&path) {
            continue;
        }
        let crate::source::Entry::Markdown { .. } = entry else {
            plan.skipped.push((path, "a symbolic link, not followed".to_owned()));
            continue;
        };
        let bytes = source.read(&path).map_err(|source| Error::Read { path: root.join(&path), source })?;
        match read_candidate(&path, bytes, options.origin, &comply_types, &provisional) {
            Read::Candidate(candidate) => candidates.push(*candidate),
            Read::Controlled(id) => {
                plan.already += 1;
                used_ids.push(id);
            }
            Read::Skipped(reason) => plan.skipped.push((path, reason)),
        }
    }
    let comply = candidates.iter().any(|c| c.origin == Origin::Comply);
    let catalogs = if comply { comply_catalogs(&root) } else { Vec::new() };
    // Without --standards: ISO 9001, unless the set brings its own (comply's TSC, SOC 2).
    let mut standards = if options.standards.is_empty() && catalogs.is_empty() {
        vec![DEFAULT_STANDARD.to_owned()]
    } else {
        options.standards.clone()
    };
    for catalog in &catalogs {
        if !standards.contains(&catalog.id) {
            standards.push(catalog.id.clone());
        }
        plan.catalogs.push((format!("standards/{}", catalog.file_name), catalog.toml.clone()));
    }
    let extra_fields = comply_fields(&candidates);
    let types =
        if comply && candidates.iter().any(|c| c.doc_type.value == "narrative") { comply_types } else { Vec::new() };
    let config = if existing {
        if !extra_fields.is_empty() || !types.is_empty() || !catalogs.is_empty() {
            plan.to_decide.push(format!(
                "qms.toml exists and was left as it is: add {} to it",
                [
                    (!extra_fields.is_empty()).then(|| format!("extra_fields = [{}]", quoted(&extra_fields))),
                    (!types.is_empty()).then(|| format!("types = [{}]", quoted(&types))),
                    (!catalogs.is_empty()).then(|| format!(
                        "the standards [{}]",
                        quoted(&catalogs.iter().map(|c| c.id.clone()).collect::<Vec<_>>())
                    )),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" and ")
            ));
        }
        provisional
    } else {
        let organization = options.name.clone().unwrap_or_else(|| {
            root.file_name().map_or_else(|| "Our organization".to_owned(), |n| n.to_string_lossy().into_owned())
        });
        let (release_tags, tags_note) = layout::release_tags(&root);
        plan.to_decide.extend(tags_note);
        let text = layout::qms_toml(&layout::Settings {
            organization: &organization,
            documents: &folder,
            exclude: &plan.exclude,
            standards: &standards,
            types: &types,
            extra_fields: &extra_fields,
            release_tags: Some(release_tags),
        });
        let config = config::parse(&root, &text)?;
        plan.qms_toml = Some(text);
        plan.gitignore = layout::gitignore(&root);
        config
    };
    let history = crate::history::read(&root, &config);
    let by_name: BTreeMap<String, String> = catalogs.iter().map(|c| (c.name.clone(), c.id.clone())).collect();
    assign_ids(&mut candidates, &mut used_ids, &config);
    for candidate in candidates {
        let revisions = history.unidentified.get(&candidate.path).map(Vec::as_slice).unwrap_or_default();
        let committed: Vec<_> = revisions.iter().filter(|r| r.commit.is_some()).collect();
        let mut clauses = Vec::new();
        if let Some(header) = &candidate.comply {
            for (standard, controls) in &header.satisfies {
                let id = by_name.get(standard).cloned().unwrap_or_else(|| standard.to_lowercase());
                for control in controls {
                    cite(&mut clauses, &id, control);
                }
            }
        }
        plan.documents.push(Adopted {
            path: candidate.path,
            origin: candidate.origin,
            id: candidate.id.unwrap_or_else(|| Inferred::new(String::new(), "", Certainty::Guess)),
            title: candidate.title,
            doc_type: candidate.doc_type,
            clauses,
            last_commit: committed.last().and_then(|r| r.date()),
            revisions: committed.len(),
            body: candidate.text[candidate.body_start..].to_owned(),
            header: candidate.comply,
            original: candidate.original,
        });
    }
    plan.to_decide.extend(comply::placeholders_note(&plan.documents));
    let mut known = crate::standards::load(&root)?;
    let converted: Vec<(PathBuf, String)> = plan.catalogs.iter().map(|(p, t)| (root.join(p), t.clone())).collect();
    // A converted catalog that repeats one already in standards/ is left to that one.
    let _ = known.add_all(&converted);
    matching::apply_clause_maps(&mut plan, &options.clause_maps, &known);
    for standard in &options.standards {
        if known.get(standard).is_none() {
            return Err(Error::InvalidArgument {
                message: format!(
                    "no catalog defines the standard \"{standard}\"{}",
                    crate::standards::unknown_standard_advice(standard, known.ids())
                ),
            });
        }
    }
    Ok(plan)
}

impl Adopted {
    /// The file's whole new text: the front matter, then the body as it was.
    pub fn text(&self, options: &Options) -> String {
        front::render(self, options)
    }
}

/// Keeps the ids found in names and titles (each once, matching the id pattern) and gives the
/// others the next free id of their type's prefix.
fn assign_ids(candidates: &mut [Candidate], used: &mut Vec<String>, config: &Config) {
    let mut taken: BTreeSet<String> = used.iter().cloned().collect();
    for candidate in candidates.iter_mut() {
        if let Some(id) = &candidate.id
            && (taken.contains(&id.value) || !config.id_pattern.is_match(&id.value))
        {
            candidate.id = None;
        }
        if let Some(id) = &candidate.id {
            taken.insert(id.value.clone());
            used.push(id.value.clone());
        }
    }
    let register = Register::default();
    for candidate in candidates.iter_mut().filter(|c| c.id.is_none()) {
        let doc_type = &candidate.doc_type.value;
        let prefix = config.id_prefixes.get(doc_type).cloned().unwrap_or_else(|| {
            if doc_type == "narrative" { "NAR".to_owned() } else { crate::scaffold::default_prefix(doc_type) }
        });
        let id = crate::scaffold::next_id(&prefix, &register, used);
        used.push(id.clone());
        candidate.id = Some(Inferred::new(id, format!("the next free {prefix} id"), Certainty::Sure));
    }
}

/// comply's `standards/*.yml` under `root`, converted.
fn comply_catalogs(root: &Path) -> Vec<comply::Catalog> {
    let Ok(listing) = crate::source::confined::list(root, "standards", "yml", false) else { return Vec::new() };
    let mut catalogs = Vec::new();
    for relative in listing.files {
        let Ok(bytes) = crate::source::confined::read(root, &relative) else { continue };
        let Ok(text) = String::from_utf8(bytes) else { continue };
        let stem = relative.rsplit('/').next().unwrap_or(&relative).trim_end_matches(".yml").to_owned();
        if let Some(catalog) = comply::catalog(&stem, &text)
            && !root.join("standards").join(&catalog.file_name).exists()
        {
            catalogs.push(catalog);
        }
    }
    catalogs
}

/// The front-matter fields a comply set needs declared: its header keys `qms` does not read
/// (`aliases` and `major_revisions` are fields of every document).
fn comply_fields(candidates: &[Candidate]) -> Vec<String> {
    let mut fields = BTreeSet::new();
    for header in candidates.iter().filter_map(|c| c.comply.as_ref()) {
        fields.extend(header.other.iter().map(|(key, _)| key.clone()));
    }
    fields.into_iter().collect()
}

fn quoted(values: &[String]) -> String {
    values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
}

/// Adds `clause` of `standard`, keeping the order of first mention.
pub(crate) fn cite(clauses: &mut Vec<(String, Vec<String>)>, standard: &str, clause: &str) {
    match clauses.iter_mut().find(|(s, _)| s == standard) {
        Some((_, list)) if list.iter().any(|c| c == clause) => {}
        Some((_, list)) => list.push(clause.to_owned()),
        None => clauses.push((standard.to_owned(), vec![clause.to_owned()])),
    }
}
