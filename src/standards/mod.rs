//! Standard catalogs: the built-in ones (ISO 9001, 14001, 45001, 50001, 22000, 13485, ISO/IEC
//! 27001 and 27701, and the Harmonized Structure, compiled in from `catalogs/*.toml`) and the
//! organization's own `standards/*.toml` in the same format, validated with file and line.

use crate::diag::LineIndex;
use crate::error::{Error, Result};
use crate::model::{Clause, Requirement, RequirementKind, Standard, Theme};
use crate::source::confined::{self, Refused};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use toml::Spanned;

mod known;

pub use known::{NotCertifiable, not_certifiable, unknown_standard_advice};

/// The built-in catalogs, by file name.
const BUILTIN: &[(&str, &str)] = &[
    ("iso9001-2015.toml", include_str!("catalogs/iso9001-2015.toml")),
    ("iso14001-2015.toml", include_str!("catalogs/iso14001-2015.toml")),
    ("iso45001-2018.toml", include_str!("catalogs/iso45001-2018.toml")),
    ("iso27001-2022.toml", include_str!("catalogs/iso27001-2022.toml")),
    ("iso50001-2018.toml", include_str!("catalogs/iso50001-2018.toml")),
    ("iso22000-2018.toml", include_str!("catalogs/iso22000-2018.toml")),
    ("iso27701-2025.toml", include_str!("catalogs/iso27701-2025.toml")),
    ("iso13485-2016.toml", include_str!("catalogs/iso13485-2016.toml")),
];

/// The Harmonized Structure's clause skeleton, for reference and tests.
pub const HARMONIZED_STRUCTURE: &str = include_str!("catalogs/harmonized-structure.toml");

/// Every catalog available to a QMS, by standard id.
#[derive(Debug, Default)]
pub struct Catalogs {
    /// Shared, not copied, by the catalogs of every version a build loads.
    standards: BTreeMap<String, Arc<Standard>>,
    /// Symbolic links met in `standards/` (relative to the QMS root), not followed.
    pub not_followed: Vec<String>,
}

impl Catalogs {
    pub fn get(&self, id: &str) -> Option<&Standard> {
        self.standards.get(id).map(Arc::as_ref)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.standards.keys().map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Standard> {
        self.standards.values().map(Arc::as_ref)
    }
}

/// The built-in catalogs alone.
pub fn builtin() -> Catalogs {
    // Parsed once per process: every version a build loads starts from them.
    static PARSED: OnceLock<BTreeMap<String, Arc<Standard>>> = OnceLock::new();
    let standards = PARSED.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(name, text)| {
                let standard =
                    parse(Path::new(name), text).unwrap_or_else(|e| panic!("built-in catalog {name} is valid: {e}"));
                (standard.id.clone(), Arc::new(standard))
            })
            .collect()
    });
    Catalogs { standards: standards.clone(), not_followed: Vec::new() }
}

/// The built-in catalogs plus every `standards/*.toml` under `root`; symbolic links there (or
/// `standards/` itself as one) are not followed and are listed in [`Catalogs::not_followed`].
pub fn load(root: &Path) -> Result<Catalogs> {
    let mut catalogs = builtin();
    let listing = match confined::list(root, "standards", "toml", false) {
        Ok(listing) => listing,
        Err(Refused::Symlink { path }) => confined::Listing { files: Vec::new(), not_followed: vec![path] },
        Err(Refused::Outside) => confined::Listing::default(),
        Err(Refused::Io(source)) => return Err(Error::Read { path: root.join("standards"), source }),
    };
    let mut files = Vec::with_capacity(listing.files.len());
    for relative in listing.files {
        let path = root.join(&relative);
        let read = confined::read(root, &relative).map_err(std::io::Error::from);
        let text = read
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
            })
            .map_err(|source| Error::ConfigRead { path: path.clone(), source })?;
        files.push((path, text));
    }
    catalogs.add_all(&files)?;
    catalogs.not_followed = listing.not_followed;
    Ok(catalogs)
}

impl Catalogs {
    /// Adds the organization's catalogs (`standards/*.toml`, as path and text, in path order) to
    /// these; a catalog that repeats a standard id is an error.
    pub fn add_all(&mut self, files: &[(PathBuf, String)]) -> Result<()> {
        for (path, text) in files {
            self.add(path, text)?;
        }
        Ok(())
    }

    fn add(&mut self, path: &Path, text: &str) -> Result<()> {
        let standard = parse(path, text)?;
        let catalogs = self;
        if catalogs.standards.contains_key(&standard.id) {
            return Err(Error::CatalogInvalid {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: format!(
                    "standard id \"{}\" is already defined by another catalog; give this one its own id",
                    standard.id
                ),
            });
        }
        catalogs.standards.insert(standard.id.clone(), Arc::new(standard));
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    standard: RawStandard,
    #[serde(default)]
    theme: Vec<RawTheme>,
    #[serde(default)]
    clause: Vec<Spanned<RawClause>>,
    /// The management-review inputs, as `[[management_review_input]] id, what`.
    #[serde(default)]
    management_review_input: Vec<RawReviewInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReviewInput {
    id: String,
    what: String,
}

/// `structure`, `amendments`, `successor`, `clauses_in_scope` and `sources` describe the
/// catalog for its readers; they are accepted and not used.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RawStandard {
    id: String,
    title: String,
    edition: Option<String>,
    structure: Option<String>,
    #[serde(default)]
    amendments: Vec<String>,
    successor: Option<String>,
    clauses_in_scope: Option<String>,
    sources: Option<String>,
    discipline: Option<String>,
    exclusion_rule: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: String,
    key: String,
    title: String,
    count: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClause {
    id: String,
    title: String,
    parent: Option<String>,
    level: Option<u8>,
    hs: Option<String>,
    #[serde(default)]
    untitled: bool,
    theme: Option<String>,
    note: Option<String>,
    excludable: Option<bool>,
    #[serde(default)]
    documented_information: Vec<RawRequirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    kind: String,
    verb: Option<String>,
    #[serde(rename = "ref")]
    reference: Option<String>,
    what: String,
    condition: Option<String>,
    note: Option<String>,
}

/// Parses and validates one catalog file.
pub fn parse(path: &Path, text: &str) -> Result<Standard> {
    let lines = LineIndex::new(text);
    let invalid = |offset: usize, message: String| {
        let (line, column) = lines.line_col(text, offset);
        Error::CatalogInvalid { path: path.to_path_buf(), line, column, message }
    };
    let raw: RawCatalog = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        invalid(offset, e.message().lines().next().unwrap_or_default().to_owned())
    })?;
    let theme_ids: BTreeSet<String> = raw.theme.iter().map(|t| t.id.clone()).collect();
    let mut seen = BTreeSet::new();
    for clause in &raw.clause {
        let offset = clause.span().start;
        let clause = clause.get_ref();
        if !seen.insert(clause.id.clone()) {
            return Err(invalid(
                offset,
                format!("clause \"{}\" is defined twice; each clause id appears once", clause.id),
            ));
        }
    }
    let mut clauses = Vec::with_capacity(raw.clause.len());
    let mut offsets = Vec::with_capacity(raw.clause.len());
    for spanned in raw.clause {
        let offset = spanned.span().start;
        offsets.push(offset);
        let clause = spanned.into_inner();
        if let Some(parent) = &clause.parent
            && !seen.contains(parent)
            && !theme_ids.contains(parent)
        {
            return Err(invalid(
                offset,
                format!(
                    "clause \"{}\" names the parent \"{parent}\", which is not a clause or theme of this catalog",
                    clause.id
                ),
            ));
        }
        let mut requirements = Vec::new();
        for item in clause.documented_information {
            let kind = match item.kind.as_str() {
                "document" => RequirementKind::Document,
                "record" => RequirementKind::Record,
                other => {
                    return Err(invalid(
                        offset,
                        format!(
                            "clause \"{}\" has documented information of kind \"{other}\"; use \"document\" (kept current) or \"record\" (evidence)",
                            clause.id
                        ),
                    ));
                }
            };
            requirements.push(Requirement {
                kind,
                verb: item.verb.unwrap_or_else(|| {
                    if kind == RequirementKind::Document { "maintain" } else { "retain" }.to_owned()
                }),
                reference: item.reference.unwrap_or_else(|| clause.id.clone()),
                what: item.what,
                condition: item.condition,
                note: item.note,
            });
        }
        let level = clause.level.unwrap_or_else(|| u8::try_from(clause.id.split('.').count()).unwrap_or(u8::MAX));
        clauses.push(Clause {
            id: clause.id,
            title: clause.title,
            parent: clause.parent,
            level,
            hs: clause.hs,
            untitled: clause.untitled,
            theme: clause.theme,
            requirements,
            note: clause.note,
            excludable: clause.excludable,
        });
    }
    if let Some(chain) = Standard::parent_cycle(&clauses) {
        let first = clauses.iter().position(|c| c.id == chain[0]).map_or(0, |i| offsets[i]);
        return Err(invalid(
            first,
            format!(
                "clause \"{}\" is its own ancestor: {}; give each clause a parent above it, or none at the top",
                chain[0],
                show_chain(&chain)
            ),
        ));
    }
    // Controls per theme: each clause counts for the themes its id's dotted prefixes name.
    let mut controls: BTreeMap<&str, usize> = raw.theme.iter().map(|t| (t.id.as_str(), 0)).collect();
    for clause in &clauses {
        for (at, _) in clause.id.match_indices('.') {
            if let Some(count) = controls.get_mut(&clause.id[..at]) {
                *count += 1;
            }
        }
    }
    for theme in &raw.theme {
        let controls = controls[theme.id.as_str()];
        if theme.count.is_some_and(|count| count != controls) {
            return Err(invalid(
                0,
                format!(
                    "theme \"{}\" declares {} controls but the catalog lists {controls}",
                    theme.id,
                    theme.count.unwrap_or(0)
                ),
            ));
        }
    }
    let themes = raw.theme.into_iter().map(|t| Theme { id: t.id, key: t.key, title: t.title }).collect();
    let mut standard = Standard::new(raw.standard.id, raw.standard.title, raw.standard.edition, themes, clauses);
    standard.discipline = raw.standard.discipline;
    standard.exclusion_rule = raw.standard.exclusion_rule;
    standard.management_review_inputs = raw
        .management_review_input
        .into_iter()
        .map(|input| crate::model::ReviewInput { id: input.id, what: input.what })
        .collect();
    Ok(standard)
}

/// `4.1 → 4.2 → 4.1`; a long chain shows its first and last links.
fn show_chain(chain: &[String]) -> String {
    const SHOWN: usize = 4;
    if chain.len() <= 2 * SHOWN + 1 {
        return chain.join(" → ");
    }
    let hidden = chain.len() - 2 * SHOWN;
    format!("{} → … {hidden} more … → {}", chain[..SHOWN].join(" → "), chain[chain.len() - SHOWN..].join(" → "))
}

#[cfg(test)]
mod tests;
