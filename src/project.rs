//! One QMS opened for work: its configuration and its loaded documents, and the library entry
//! points the commands call (`check`, …).

use crate::checks::{self, CheckContext};
use crate::config::{self, Config};
use crate::diag::Diagnostic;
use crate::error::Result;
use crate::load::{self, Loaded};
use crate::model::Date;
use crate::source::{SourceFiles, Worktree};
use std::path::Path;

/// A QMS root with its configuration and loaded working tree.
#[derive(Debug)]
pub struct Project {
    pub config: Config,
    pub loaded: Loaded,
}

/// The findings of `qms check`.
#[derive(Debug)]
pub struct CheckOutcome {
    /// Sorted by file, position, code.
    pub diagnostics: Vec<Diagnostic>,
    pub documents: usize,
}

impl Project {
    /// Finds the QMS root at or above `path`, reads `qms.toml` and loads the working tree.
    pub fn open(path: &Path) -> Result<Project> {
        let root = config::find_root(path)?;
        let config = config::load(&root)?;
        let source = Worktree::new(root, &config.documents);
        let loaded = load::load(&source, &config)?;
        Ok(Project { config, loaded })
    }

    pub fn files(&self) -> &SourceFiles {
        &self.loaded.files
    }

    /// Runs every check as of `today`.
    pub fn check(&self, today: Date) -> CheckOutcome {
        let ctx = CheckContext {
            register: &self.loaded.register,
            today,
            review: &self.config.review,
            id_pattern: &self.config.id_pattern,
        };
        let overrides = &self.config.severity_overrides;
        let mut diagnostics = self.loaded.diagnostics.clone();
        diagnostics.extend(checks::run_all(&ctx, overrides));
        checks::apply_severity_overrides(&mut diagnostics, overrides);
        let files = &self.loaded.files;
        diagnostics.sort_by(|a, b| {
            let place = |d: &Diagnostic| d.span.as_ref().map(|s| (files.get(s.file).path.clone(), s.range.start));
            // Findings without a place (about the whole set) come last.
            (place(a).is_none(), place(a), a.rule, &a.message).cmp(&(place(b).is_none(), place(b), b.rule, &b.message))
        });
        diagnostics.dedup();
        CheckOutcome { diagnostics, documents: self.loaded.register.len() }
    }
}
