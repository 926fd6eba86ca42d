//! The QMS root's `theme/` folder read from disk under the one symlink policy
//! ([`crate::source::confined`]): the template and asset overrides, and `theme/static/`, the
//! files copied as they are to the root of every site (`CNAME`, `.well-known/…`, `robots.txt`).
//! A symbolic link is never followed; each is reported once, by its path.

use super::key::KeyBase;
use crate::error::{Error, Result};
use crate::render::{TEMPLATE_NAMES, Theme};
use crate::source::confined::{self, Refused};
use std::collections::BTreeMap;
use std::path::Path;

/// The folder under `theme/` whose files are copied to the site root.
pub const STATIC_DIR: &str = "theme/static";

/// The theme of a build and the static files for the site root (path → bytes, sorted).
#[derive(Debug)]
pub struct ThemeFiles {
    pub theme: Theme,
    pub statics: Vec<(String, Vec<u8>)>,
    /// What the keys of released versions share: the `qms` and the theme's overrides.
    pub key_base: KeyBase,
}

/// Reads `root/theme/`: overrides, static files, and a warning for each file not used.
pub fn read(root: &Path, warnings: &mut Vec<String>) -> Result<ThemeFiles> {
    let mut overrides = BTreeMap::new();
    let mut statics = Vec::new();
    match confined::folder(root, "theme") {
        Ok(None) => {}
        Err(refused) => warnings.push(not_used("theme", &refused, "the built-in theme is used")),
        Ok(Some(_)) => {
            for &name in TEMPLATE_NAMES {
                let path = format!("theme/{name}");
                match confined::read(root, &path) {
                    Ok(bytes) => {
                        overrides.insert(name.to_owned(), bytes);
                    }
                    Err(refused) if refused.is_not_found() => {}
                    Err(refused) => warnings.push(not_used(&path, &refused, &format!("the built-in `{name}` is used"))),
                }
            }
            statics = read_statics(root, warnings);
        }
    }
    let key_base = KeyBase::new(overrides.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())));
    let (theme, theme_warnings) = Theme::with_files(overrides)?;
    warnings.extend(theme_warnings);
    Ok(ThemeFiles { theme, statics, key_base })
}

/// The files of `theme/static/`, by path relative to it.
fn read_statics(root: &Path, warnings: &mut Vec<String>) -> Vec<(String, Vec<u8>)> {
    let listing = match confined::list(root, STATIC_DIR, "", true) {
        Ok(listing) => listing,
        Err(refused) => {
            warnings.push(not_used(STATIC_DIR, &refused, "no static file is copied"));
            return Vec::new();
        }
    };
    for link in &listing.not_followed {
        warnings.push(not_used(link, &Refused::Symlink { path: link.clone() }, "it is not copied"));
    }
    let mut statics = Vec::new();
    for path in listing.files {
        match confined::read(root, &path) {
            Ok(bytes) => statics.push((path[STATIC_DIR.len() + 1..].to_owned(), bytes)),
            Err(refused) => warnings.push(not_used(&path, &refused, "it is not copied")),
        }
    }
    statics
}

/// Names at the top of a site that are the build's own.
const SITE_ROOT_NAMES: &[&str] =
    &["index.html", "versions.json", "versions.js", "versions.html", "manifest.json", super::site::MARKER];

/// Writes the static files into the site root `dir`, except those that would replace a file or
/// version folder of the site (each a warning); returns how many were written.
pub fn write_statics(
    statics: &[(String, Vec<u8>)],
    version_dirs: &[String],
    dir: &Path,
    warnings: &mut Vec<String>,
) -> Result<usize> {
    let mut written = 0;
    for (path, bytes) in statics {
        let top = path.split('/').next().unwrap_or_default().to_lowercase();
        let taken = SITE_ROOT_NAMES.iter().any(|name| name.eq_ignore_ascii_case(&top))
            || version_dirs.iter().any(|dir| dir.eq_ignore_ascii_case(&top))
            || super::staging::is_staging_name(std::ffi::OsStr::new(&top));
        if taken {
            warnings.push(format!(
                "{STATIC_DIR}/{path} was not copied: the site's own `{top}` is at that place; rename it"
            ));
            continue;
        }
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|source| Error::WriteFile { path: parent.to_path_buf(), source })?;
        }
        crate::interrupt::check()?;
        std::fs::write(&target, bytes).map_err(|source| Error::WriteFile { path: target.clone(), source })?;
        written += 1;
    }
    Ok(written)
}

/// The warning for a theme file that is not used, and what happens instead.
fn not_used(path: &str, refused: &Refused, instead: &str) -> String {
    match refused {
        Refused::Symlink { path: link } => {
            format!("{link} is a symbolic link, which qms never follows; {instead} (put the file itself in the theme)")
        }
        other => format!("cannot read the theme file {path}: {other}; {instead}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_static_files_are_read_and_an_unreadable_override_warns() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("theme/index.html")).unwrap();
        std::fs::write(root.path().join("theme/root.html"), "custom {{ target }}").unwrap();
        std::fs::create_dir_all(root.path().join("theme/static/.well-known")).unwrap();
        std::fs::write(root.path().join("theme/static/CNAME"), "docs.example.com").unwrap();
        std::fs::write(root.path().join("theme/static/.well-known/security.txt"), "Contact: x").unwrap();
        let mut warnings = Vec::new();
        let files = read(root.path(), &mut warnings).unwrap();
        assert_eq!(files.theme.overridden(), ["root.html"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("cannot read the theme file theme/index.html"), "{warnings:?}");
        let names: Vec<&str> = files.statics.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, [".well-known/security.txt", "CNAME"]);
    }
}
