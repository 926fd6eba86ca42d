//! Where an adopted set's documents are and what is not one of them: the documents folder
//! (`docs/` or the one folder holding every Markdown file, else the root itself), the `exclude`
//! patterns for README, TODO, LICENSE, CHANGELOG and the like, the release tags (not the
//! repository's own), the `qms.toml` written for it and the `.gitignore` line for the site.

use crate::scaffold::toml_text;
use std::fmt::Write as _;
use std::path::Path;
use walkdir::WalkDir;

/// File stems (any case) of notes about a folder, at any depth.
const FOLDER_NOTES: &[&str] = &["readme", "todo"];

/// File stems (any case) that describe a repository, not the management system, at its top.
const NOT_DOCUMENTS: &[&str] = &[
    "readme",
    "todo",
    "license",
    "licence",
    "changelog",
    "changes",
    "history",
    "contributing",
    "code_of_conduct",
    "code-of-conduct",
    "security",
    "authors",
    "notice",
    "maintainers",
];

/// Whether the file at `path` is a note about its folder or, at the top, about the repository
/// (a `security.md` among the policies is a document; `SECURITY.md` at the top is not).
pub fn is_repository_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_ascii_lowercase();
    FOLDER_NOTES.contains(&stem.as_str()) || !path.contains('/') && NOT_DOCUMENTS.contains(&stem.as_str())
}

/// The Markdown files below `root` (relative, `/`-separated, sorted), without hidden folders,
/// nested repositories or symbolic links.
pub fn markdown_files(root: &Path) -> Vec<String> {
    let walker = WalkDir::new(root).follow_links(false).sort_by_file_name().into_iter().filter_entry(|entry| {
        entry.depth() == 0
            || !(entry.file_name().to_string_lossy().starts_with('.')
                || entry.file_type().is_dir() && entry.path().join(".git").symlink_metadata().is_ok())
    });
    walker
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x.eq_ignore_ascii_case("md")))
        .filter_map(|e| {
            let relative = e.path().strip_prefix(root).ok()?;
            Some(relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
        })
        .collect()
}

/// The documents folder for `files` (paths of the Markdown files under the root): `docs`,
/// `documents` or `doc` when one holds documents; else the one top folder holding every
/// document; else the root itself (`.`).
pub fn documents_folder(files: &[String]) -> String {
    let documents: Vec<&String> = files.iter().filter(|f| !is_repository_file(f)).collect();
    for candidate in ["docs", "documents", "doc"] {
        if documents.iter().any(|f| f.starts_with(&format!("{candidate}/"))) {
            return candidate.to_owned();
        }
    }
    let mut tops = documents.iter().map(|f| f.split_once('/').map(|(top, _)| top));
    match tops.next() {
        Some(Some(first)) if tops.all(|top| top == Some(first)) => first.to_owned(),
        _ => ".".to_owned(),
    }
}

/// `exclude` patterns for the repository files among `files` under `folder`, plus `extra`
/// paths (relative to the documents folder, such as clause maps), each once, sorted.
pub fn exclude_patterns(files: &[String], folder: &str, extra: &[String]) -> Vec<String> {
    let prefix = if folder == "." { String::new() } else { format!("{folder}/") };
    let mut patterns: Vec<String> = files
        .iter()
        .filter(|f| is_repository_file(f))
        .filter_map(|f| f.strip_prefix(&prefix))
        .map(|f| {
            let name = f.rsplit('/').next().unwrap_or(f);
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_ascii_lowercase();
            if FOLDER_NOTES.contains(&stem.as_str()) { format!("**/{name}") } else { f.to_owned() }
        })
        .chain(extra.iter().cloned())
        .collect();
    patterns.sort();
    patterns.dedup();
    patterns
}

/// The `.gitignore` of the QMS root with the site `qms build` writes (`/site/`) ignored: its
/// new text and its bytes before (`None` when there was none); `None` when it already ignores
/// the site, or is a link or not UTF-8 (left as it is).
pub fn gitignore(root: &Path) -> Option<(String, Option<Vec<u8>>)> {
    const LINES: &str = "# The site `qms build` writes.\n/site/\n";
    let path = root.join(".gitignore");
    let Ok(metadata) = std::fs::symlink_metadata(&path) else { return Some((LINES.to_owned(), None)) };
    if !metadata.is_file() {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    if text.lines().any(|line| matches!(line.trim(), "site" | "site/" | "/site" | "/site/")) {
        return None;
    }
    let separator = if text.is_empty() || text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    Some((format!("{text}{separator}{LINES}"), Some(bytes)))
}

/// What goes into the `qms.toml` of an adopted set.
#[derive(Debug, Default)]
pub struct Settings<'a> {
    pub organization: &'a str,
    pub documents: &'a str,
    pub exclude: &'a [String],
    pub standards: &'a [String],
    pub types: &'a [String],
    pub extra_fields: &'a [String],
    /// `[releases] tags`: `v*` unless the repository already has such tags.
    pub release_tags: Option<&'a str>,
}

/// The release tags of the set in the repository holding `root`: `v*`, or `qms-v*` when the
/// repository already has tags `v*` (a program's releases, not the manual's); then also what to
/// tell the person adopting.
pub fn release_tags(root: &Path) -> (&'static str, Option<String>) {
    let repo = crate::git::Repo::discover(root).ok().flatten();
    let existing = repo.and_then(|repo| repo.tags("v*").ok()).map(|(tags, _)| tags).unwrap_or_default();
    let Some(last) = existing.iter().max_by_key(|tag| (tag.time, tag.name.as_str())) else { return ("v*", None) };
    let note = format!(
        "the repository's {} tags `v*` (such as {}) are not releases of the documents: `[releases] tags` is \"qms-v*\"; tag a release of them `qms-v1`",
        existing.len(),
        last.name
    );
    ("qms-v*", Some(note))
}

fn list(values: &[String]) -> String {
    values.iter().map(|v| toml_text(v)).collect::<Vec<_>>().join(", ")
}

/// The text of `qms.toml`.
pub fn qms_toml(settings: &Settings) -> String {
    let mut text = String::from(
        "# Configuration of the controlled document set, written by `qms adopt`; `qms check` reads it.\n# Every key is explained in the qms README (\"qms.toml\").\n\n",
    );
    let _ = writeln!(text, "[organization]\nname = {}\n", toml_text(settings.organization));
    let _ = writeln!(text, "[qms]\ndocuments = {}", toml_text(settings.documents));
    if !settings.exclude.is_empty() {
        let _ = writeln!(
            text,
            "# Markdown files there that are not controlled documents.\nexclude = [{}]",
            list(settings.exclude)
        );
    }
    let _ = writeln!(text, "standards = [{}]", list(settings.standards));
    let _ = writeln!(text, "integrated = {}", settings.standards.len() > 1);
    if !settings.types.is_empty() {
        let _ = writeln!(text, "types = [{}]", list(settings.types));
    }
    if !settings.extra_fields.is_empty() {
        let _ = writeln!(
            text,
            "# Fields kept from the tool the documents came from.\nextra_fields = [{}]",
            list(settings.extra_fields)
        );
    }
    text.push_str(
        "\n[review]\ninterval = \"12 months\"\ndue_soon = \"30 days\"\n\n# Requirements that do not apply, each with its justification, for example:\n# [applicability.\"iso9001:2015\"]\n# \"8.3\" = \"We make products to our customers' designs and do no design and development.\"\n",
    );
    let tags = settings.release_tags.unwrap_or("v*");
    let _ = writeln!(text, "\n[releases]\ntags = {}", toml_text(tags));
    let _ = writeln!(text, "\n[site]\ntitle = {}", toml_text(&format!("{} Management System", settings.organization)));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> Vec<String> {
        paths.iter().map(|p| (*p).to_owned()).collect()
    }

    #[test]
    fn the_documents_folder_is_found() {
        assert_eq!(documents_folder(&files(&["README.md", "docs/a.md", "notes/b.md"])), "docs");
        assert_eq!(
            documents_folder(&files(&["README.md", "LICENSE.md", "templates/qms/a.md", "templates/b.md"])),
            "templates"
        );
        assert_eq!(documents_folder(&files(&["README.md", "policies/a.md", "procedures/b.md"])), ".");
        assert_eq!(documents_folder(&files(&["a.md"])), ".");
    }

    #[test]
    fn repository_files_are_excluded() {
        let found = exclude_patterns(
            &files(&[
                "README.md",
                "TODO.md",
                "policies/README.md",
                "policies/access.md",
                "CHANGELOG.md",
                "narratives/security.md",
            ]),
            ".",
            &["map.md".to_owned()],
        );
        assert_eq!(found, ["**/README.md", "**/TODO.md", "CHANGELOG.md", "map.md"]);
        assert!(exclude_patterns(&files(&["README.md", "docs/a.md"]), "docs", &[]).is_empty());
    }

    #[test]
    fn the_site_is_ignored_once() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(gitignore(dir.path()), Some(("# The site `qms build` writes.\n/site/\n".to_owned(), None)));
        std::fs::write(dir.path().join(".gitignore"), "output\n.comply").unwrap();
        let (text, before) = gitignore(dir.path()).unwrap();
        assert_eq!(text, "output\n.comply\n\n# The site `qms build` writes.\n/site/\n");
        assert_eq!(before.as_deref(), Some(&b"output\n.comply"[..]));
        std::fs::write(dir.path().join(".gitignore"), "output\nsite/\n").unwrap();
        assert_eq!(gitignore(dir.path()), None);
    }

    #[test]
    fn the_configuration_reads_back() {
        let exclude = vec!["**/README.md".to_owned()];
        let standards = vec!["iso9001:2015".to_owned(), "tsc:2017".to_owned()];
        let types = vec!["narrative".to_owned()];
        let text = qms_toml(&Settings {
            organization: "Acme \"Q\" Ltd",
            documents: ".",
            exclude: &exclude,
            standards: &standards,
            types: &types,
            extra_fields: &["aliases".to_owned()],
            release_tags: Some("qms-v*"),
        });
        let config = crate::config::parse(Path::new("/q"), &text).unwrap();
        assert_eq!(config.organization.as_deref(), Some("Acme \"Q\" Ltd"));
        assert!(config.is_excluded("policies/README.md"));
        assert!(config.types.contains(&"narrative".to_owned()));
        assert!(config.integrated);
        assert_eq!(config.release_tags, "qms-v*");
    }
}
