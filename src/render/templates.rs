//! The site's templates and assets: compiled into the binary from `templates/`, registered
//! under the reserved `builtin/` prefix, and overridable per file from the QMS root's `theme/`
//! folder (same relative name: `theme/document.html`, `theme/assets/qms.css`).
//!
//! Lookups are user-first: a template named `base.html` is the override if there is one, else
//! `builtin/base.html`; built-in templates extend and include each other by their plain names, so
//! an overridden `base.html` frames every built-in page. The overrides come in as bytes (the
//! publisher reads `theme/` under the symlink policy); a template that is not UTF-8 is reported
//! as a warning and the built-in one is used; one that is missing falls back silently; one that
//! does not compile or render is an error (the user meant to use it).

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// The reserved prefix of built-in templates.
const BUILTIN: &str = "builtin/";

/// Built-in templates: name → source.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("document.html", include_str!("../../templates/document.html")),
    ("register.html", include_str!("../../templates/register.html")),
    ("matrix.html", include_str!("../../templates/matrix.html")),
    ("reviews.html", include_str!("../../templates/reviews.html")),
    ("changes.html", include_str!("../../templates/changes.html")),
    ("certification.html", include_str!("../../templates/certification.html")),
    ("print.html", include_str!("../../templates/print.html")),
    ("root.html", include_str!("../../templates/root.html")),
    ("versions.html", include_str!("../../templates/versions.html")),
    ("partials/control.html", include_str!("../../templates/partials/control.html")),
    ("partials/meta.html", include_str!("../../templates/partials/meta.html")),
];

/// Built-in assets, copied into every version: name → bytes.
const ASSETS: &[(&str, &[u8])] = &[
    ("assets/qms.css", include_bytes!("../../templates/assets/qms.css")),
    ("assets/qms.js", include_bytes!("../../templates/assets/qms.js")),
];

/// The names of every template and asset a theme may override.
pub const TEMPLATE_NAMES: &[&str] = &[
    "base.html",
    "index.html",
    "document.html",
    "register.html",
    "matrix.html",
    "reviews.html",
    "changes.html",
    "certification.html",
    "print.html",
    "root.html",
    "versions.html",
    "partials/control.html",
    "partials/meta.html",
    "assets/qms.css",
    "assets/qms.js",
];

/// Compiled templates and the assets to copy.
pub struct Theme {
    tera: tera::Tera,
    assets: Vec<(String, Vec<u8>)>,
    /// Names taken from `theme/`, sorted.
    overridden: Vec<String>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme").field("overridden", &self.overridden).finish_non_exhaustive()
    }
}

impl Theme {
    /// The built-in theme only.
    pub fn builtin() -> Result<Theme> {
        Theme::with_overrides(&BTreeMap::new())
    }

    /// The built-in theme with the overrides read from the QMS root's `theme/` (name → bytes),
    /// and a warning for each template override that is not UTF-8.
    pub fn with_files(overrides: BTreeMap<String, Vec<u8>>) -> Result<(Theme, Vec<String>)> {
        let mut warnings = Vec::new();
        let mut usable = BTreeMap::new();
        for (name, bytes) in overrides {
            let Some(&name) = TEMPLATE_NAMES.iter().find(|known| **known == name) else { continue };
            if is_template(name) && std::str::from_utf8(&bytes).is_err() {
                warnings.push(format!("the theme override theme/{name} is not UTF-8; using the built-in `{name}`"));
                continue;
            }
            usable.insert(name, bytes);
        }
        Ok((Theme::with_overrides(&usable)?, warnings))
    }

    fn with_overrides(overrides: &BTreeMap<&str, Vec<u8>>) -> Result<Theme> {
        let mut tera = tera::Tera::new();
        tera.set_fallback_prefixes([BUILTIN]).map_err(|e| template_error("the built-in templates", &e))?;
        let mut sources: Vec<(String, String)> =
            TEMPLATES.iter().map(|(name, source)| (format!("{BUILTIN}{name}"), (*source).to_owned())).collect();
        for (name, bytes) in overrides {
            if is_template(name) {
                sources.push(((*name).to_owned(), String::from_utf8_lossy(bytes).into_owned()));
            }
        }
        tera.add_raw_templates(sources).map_err(|e| {
            let name = failing_template(&e);
            let which = match name {
                Some(name) if overrides.contains_key(name) => format!("the theme override theme/{name}"),
                Some(name) => format!("the template `{name}`"),
                None => "the theme's templates".to_owned(),
            };
            template_error(&which, &e)
        })?;
        let assets = ASSETS
            .iter()
            .map(|(name, bytes)| ((*name).to_owned(), overrides.get(name).cloned().unwrap_or_else(|| bytes.to_vec())))
            .collect();
        let overridden = overrides.keys().map(|n| (*n).to_owned()).collect();
        Ok(Theme { tera, assets, overridden })
    }

    /// Renders the template `name` (override first, then built-in) with `context`.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera.render(name, context).map_err(|e| {
            let failing = failing_template(&e).unwrap_or(name);
            let which = if self.overridden.iter().any(|n| n == failing) {
                format!("the theme override theme/{failing}")
            } else {
                format!("the template `{failing}`")
            };
            template_error(&which, &e)
        })
    }

    /// The assets to copy into every version, by path relative to the version root.
    pub fn assets(&self) -> &[(String, Vec<u8>)] {
        &self.assets
    }

    /// The names taken from `theme/`.
    pub fn overridden(&self) -> &[String] {
        &self.overridden
    }
}

/// Whether a theme file is a template (the others are assets, copied as they are).
fn is_template(name: &str) -> bool {
    Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case("html"))
}

/// The template a tera error points into, if it says.
fn failing_template(error: &tera::Error) -> Option<&str> {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report.filename()).filter(|f| !f.is_empty())
        }
        _ => None,
    }
}

/// A template that does not compile or render stops the build.
fn template_error(which: &str, error: &tera::Error) -> Error {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push('\n');
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::Template {
        which: which.to_owned(),
        message: message.trim_end().to_owned(),
        overridden: which.starts_with("the theme override"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_templates_compile() {
        let theme = Theme::builtin().unwrap();
        assert!(theme.overridden().is_empty());
        assert_eq!(theme.assets().len(), ASSETS.len());
        for (name, _) in TEMPLATES {
            assert!(TEMPLATE_NAMES.contains(name), "{name} is not listed");
        }
    }

    #[test]
    fn overrides_win_and_non_utf8_templates_warn() {
        let overrides = BTreeMap::from([
            ("root.html".to_owned(), b"custom {{ target }}".to_vec()),
            ("index.html".to_owned(), b"\xff".to_vec()),
            ("unknown.html".to_owned(), b"ignored".to_vec()),
        ]);
        let (theme, warnings) = Theme::with_files(overrides).unwrap();
        assert_eq!(theme.overridden(), ["root.html"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("index.html"), "{warnings:?}");
        let mut context = tera::Context::new();
        context.insert("target", "x");
        assert_eq!(theme.render("root.html", &context).unwrap(), "custom x");
    }

    #[test]
    fn a_broken_override_is_an_error() {
        let overrides = BTreeMap::from([("document.html".to_owned(), b"{% if %}".to_vec())]);
        let error = Theme::with_files(overrides).unwrap_err().to_string();
        assert!(error.contains("document.html"), "{error}");
    }
}
