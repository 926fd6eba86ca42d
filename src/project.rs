//! One QMS opened for work: its configuration, catalogs and loaded documents, and the library
//! entry points the commands call (`check`, `trace`, …).

use crate::checks::{self, CheckContext};
use crate::config::{self, Config};
use crate::diag::{Diagnostic, FileId, Rule, Span};
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::load::{self, Loaded};
use crate::model::{Date, History, Standard};
use crate::progress::Progress;
use crate::source::{Source, SourceFile, SourceFiles, Worktree};
use crate::standards::{self, Catalogs};
use crate::trace::{self, Matrix, TraceInput};
use std::collections::BTreeSet;
use std::path::Path;

/// A QMS root with its configuration and loaded working tree.
#[derive(Debug)]
pub struct Project {
    pub config: Config,
    pub catalogs: Catalogs,
    pub loaded: Loaded,
    /// `qms.toml` among the source files.
    pub config_file: FileId,
}

/// The findings of `qms check`.
#[derive(Debug)]
pub struct CheckOutcome {
    /// Sorted by file, position, code.
    pub diagnostics: Vec<Diagnostic>,
    pub documents: usize,
    /// The path of every document checked, sorted.
    pub checked: Vec<String>,
}

impl Project {
    /// Finds the QMS root at or above `path`, reads `qms.toml` and the catalogs, and loads the
    /// working tree.
    pub fn open(path: &Path) -> Result<Project> {
        let root = config::find_root(path)?;
        let config = config::load(&root)?;
        Self::open_root(root, config)
    }

    /// [`Project::open`], and meanwhile, when `with_history`, the documents' history
    /// ([`Project::history`]): git is read while the working tree loads.
    pub fn open_with_history(
        path: &Path,
        with_history: bool,
        progress: &dyn Progress,
    ) -> Result<(Project, Option<History>)> {
        let root = config::find_root(path)?;
        let config = config::load(&root)?;
        let (project, history) = rayon::join(
            || Self::open_root(root.clone(), config.clone()),
            || with_history.then(|| crate::history::read_with(&root, &config, progress)),
        );
        Ok((project?, history))
    }

    fn open_root(root: std::path::PathBuf, config: Config) -> Result<Project> {
        let catalogs = standards::load(&root)?;
        let source = Worktree::new(root.clone(), &config.documents);
        let mut project = Self::from_source(config, catalogs, &source)?;
        let records_folder = project.config.records.folder.clone();
        // No records folder is no records: a set may keep its records elsewhere, or none yet.
        match crate::source::confined::folder(&root, &records_folder) {
            Ok(None) => {}
            Ok(Some(_)) => project.load_records(&Worktree::new(root, &records_folder))?,
            Err(refused) => {
                return Err(Error::RecordsDirRefused { configured: records_folder, why: refused.to_string() });
            }
        }
        Ok(project)
    }

    /// Reads the records of `source` (the records folder) into the project, leaving out the
    /// files `[qms] exclude` names.
    pub fn load_records(&mut self, source: &dyn Source) -> Result<()> {
        let (config, loaded) = (&self.config, &mut self.loaded);
        let excluded = |path: &str| config.is_excluded_record(path);
        loaded.records = load::records::load_records(source, &excluded, &mut loaded.files, &mut loaded.diagnostics)?;
        Ok(())
    }

    /// A project over any source of files (a git tree, files in memory) with a configuration
    /// and catalogs already read.
    pub fn from_source(config: Config, catalogs: Catalogs, source: &dyn Source) -> Result<Project> {
        Project::from_source_known(config, catalogs, source, &load::Known::default())
    }

    /// [`Project::from_source`], taking the documents of `known` (another version's) that read
    /// the same as they are.
    pub fn from_source_known(
        config: Config,
        catalogs: Catalogs,
        source: &dyn Source,
        known: &load::Known,
    ) -> Result<Project> {
        check_enabled_standards(&config, &catalogs)?;
        let mut loaded = load::load_known(source, &config, known)?;
        let config_file = loaded.files.add(SourceFile::new(config::CONFIG_FILE.to_owned(), config.text.clone()));
        for link in &catalogs.not_followed {
            let file = loaded.files.add(SourceFile::new(link.clone(), String::new()));
            loaded.diagnostics.push(
                Diagnostic::new(
                    Rule::SymlinkNotFollowed,
                    "symbolic link in standards/ was not followed; no catalog was read from it",
                )
                .at(Span::file_start(file))
                .help("replace the link with the catalog file itself"),
            );
        }
        Ok(Project { config, catalogs, loaded, config_file })
    }

    pub fn files(&self) -> &SourceFiles {
        &self.loaded.files
    }

    /// The enabled standards' catalogs, in `qms.toml` order.
    pub fn enabled_standards(&self) -> Vec<&Standard> {
        self.config.standards.iter().filter_map(|id| self.catalogs.get(&id.value)).collect()
    }

    /// The clause × document matrix of every enabled standard as of `today`.
    pub fn trace(&self, today: Date) -> Matrix {
        trace::build(&TraceInput {
            register: &self.loaded.register,
            standards: self.enabled_standards(),
            applicability: &self.config.applicability,
            conditions: &self.config.conditions,
            integrated: self.config.integrated,
            today,
        })
    }

    /// The documents' history from the git repository holding the QMS root (notes say what
    /// could not be read; never fails).
    pub fn history(&self) -> History {
        crate::history::read(&self.config.root, &self.config)
    }

    /// The commits `base..HEAD`, for `--base`.
    pub fn commits_since(&self, base: &str) -> Result<BTreeSet<String>> {
        self.commits_between(base, "HEAD")
    }

    /// The commits `base..tip`.
    pub fn commits_between(&self, base: &str, tip: &str) -> Result<BTreeSet<String>> {
        let repo = Repo::discover(&self.config.root)
            .map_err(|source| Error::Git { source })?
            .ok_or_else(|| Error::NotARepository { root: self.config.root.clone(), needed_for: format!("`{base}`") })?;
        repo.commits_between(base, tip).map_err(|source| Error::Git { source })
    }

    /// Runs every check as of `today`, with the history rules when `history` is given (limited
    /// to the commits in `scope`, if any).
    pub fn check(&self, today: Date, history: Option<&History>, scope: Option<&BTreeSet<String>>) -> CheckOutcome {
        let matrix = self.trace(today);
        let ctx = CheckContext {
            register: &self.loaded.register,
            records: &self.loaded.records,
            record_settings: &self.config.records,
            today,
            review: &self.config.review,
            id_pattern: &self.config.id_pattern,
            catalogs: self.catalogs.iter().map(|s| (s.id.as_str(), s)).collect(),
            enabled: &self.config.standards,
            applicability: &self.config.applicability,
            matrix: &matrix,
            config_file: self.config_file,
            history,
            history_scope: scope,
            roles: &self.config.roles,
            overrides: &self.config.severity_overrides,
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
        let mut checked: Vec<String> = self.loaded.register.documents().iter().map(|d| d.path.clone()).collect();
        checked.sort();
        CheckOutcome { diagnostics, documents: self.loaded.register.len(), checked }
    }
}

/// Every standard enabled in `qms.toml` must have a catalog.
fn check_enabled_standards(config: &Config, catalogs: &Catalogs) -> Result<()> {
    for id in &config.standards {
        if catalogs.get(&id.value).is_none() {
            let (line, column) = crate::diag::LineIndex::new(&config.text).line_col(&config.text, id.range.start);
            return Err(Error::UnknownStandard {
                path: config.root.join(config::CONFIG_FILE),
                line,
                column,
                id: id.value.clone(),
                hint: standards::unknown_standard_advice(&id.value, catalogs.ids()),
            });
        }
    }
    Ok(())
}
