//! Rendering the loaded versions into the staging folder, side by side on every core, and the
//! files of the site root: the marker, `versions.json`, the root `index.html`, the list of
//! versions every page shares (`versions.html`, `versions.js`) and, last, `manifest.json` (it
//! lists every other file).

use super::BuiltVersion;
use super::revisions::{self, Cutoff};
use super::site::{self, VersionEntry};
use super::snapshot::Snapshot;
use crate::config::Config;
use crate::error::Result;
use crate::git::Repo;
use crate::model::{History, Revision, review_schedule};
use crate::render::{self, RenderCache, SiteInput, Theme, VersionView};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock, PoisonError};

/// One loaded version and what the build does with it.
pub struct Version<'a> {
    /// Its index among the releases; `None` for the working tree.
    pub index: Option<usize>,
    pub snapshot: &'a Snapshot,
    pub cutoff: Cutoff,
    /// Rendered, or only loaded as the release the next one is compared with.
    pub built: bool,
}

/// What every version's render shares.
pub struct Build<'a> {
    /// The QMS root: a release's renderer opens the repository from it when a document links
    /// a file (a repository handle cannot be shared between threads).
    pub root: &'a Path,
    /// The working tree's configuration (the site title of the root page).
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub history: &'a History,
    /// The index of the latest release.
    pub latest: Option<usize>,
    /// Told the versions and documents rendered.
    pub progress: &'a dyn crate::progress::Progress,
}

/// The versions built (newest first), the number of files written, and the warnings.
type Written = (Vec<BuiltVersion>, usize, Vec<String>);

impl Build<'_> {
    /// Renders every version marked `built` into `staging` (oldest first in `versions`), then
    /// the files of the site root.
    pub fn write(&self, versions: &[Version], staging: &Path) -> Result<Written> {
        let views: Vec<VersionView> = versions.iter().map(|v| self.view(v)).collect();
        // Newest first: the working tree, then the releases from the latest.
        let listed: Vec<VersionView> =
            views.iter().zip(versions).rev().filter(|(_, v)| v.built).map(|(view, _)| view.clone()).collect();
        let cache = RenderCache::default();
        let positions: Vec<usize> = (0..versions.len()).filter(|&i| versions[i].built).collect();
        // A body is rendered once for all the versions holding it, and forgotten after the last.
        for &position in &positions {
            versions[position].snapshot.bodies().for_each(|body| cache.expect(body));
        }
        let documents = positions.iter().map(|&p| versions[p].snapshot.project.loaded.register.len() as u64).sum();
        self.progress.phase("rendering", "documents", documents);
        let (done, total) = (std::sync::atomic::AtomicU64::new(0), positions.len() as u64);
        self.progress.parts("versions", 0, total);
        let rendered: Vec<Result<render::Rendered>> = positions
            .par_iter()
            .map(|&position| {
                let previous = versions[..position].iter().rev().map(|v| v.snapshot).find(|s| s.released);
                let rendered = self.render(&versions[position], &views[position], &listed, previous, &cache, staging);
                versions[position].snapshot.bodies().for_each(|body| cache.written(body));
                let done = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                self.progress.parts("versions", done, total);
                rendered
            })
            .collect();
        let mut outcome = Vec::new();
        let mut warnings: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (&position, rendered) in positions.iter().zip(rendered) {
            let rendered = rendered?;
            let snapshot = versions[position].snapshot;
            for warning in rendered.warnings {
                warnings.entry(warning).or_default().push(snapshot.label.clone());
            }
            outcome.push(BuiltVersion {
                label: snapshot.label.clone(),
                dir: views[position].dir(),
                commit: snapshot.commit.clone(),
                documents: snapshot.project.loaded.register.len(),
                files: rendered.files.len(),
            });
        }
        outcome.reverse();
        let entries: Vec<VersionEntry> = listed.iter().map(|v| self.entry(v)).collect();
        let default = listed.iter().find(|v| v.released).or(listed.first());
        if let Some(version) = default {
            render::write_root_index(self.theme, self.config, &listed, version, staging)?;
        }
        site::write(&staging.join(site::MARKER), b"built by qms\n")?;
        let json = site::versions_json(&entries, default.map(|v| v.label.as_str()));
        site::write(&staging.join("versions.json"), json.as_bytes())?;
        let manifest = site::manifest_json(staging, &entries)?;
        site::write(&staging.join("manifest.json"), manifest.as_bytes())?;
        // The root: the marker, versions.json, index.html, versions.html, versions.js, manifest.json.
        let files = outcome.iter().map(|v| v.files).sum::<usize>() + 6;
        let warnings =
            warnings.into_iter().map(|(warning, labels)| format!("{warning} (in {})", labels.join(", "))).collect();
        Ok((outcome, files, warnings))
    }

    fn view(&self, version: &Version) -> VersionView {
        let snapshot = version.snapshot;
        let register = &snapshot.project.loaded.register;
        let documents = register
            .documents()
            .iter()
            .filter_map(|d| {
                let number = d.meta.version.as_ref().map_or_else(|| "—".to_owned(), |v| v.value.to_string());
                Some((d.id()?.to_owned(), number))
            })
            .collect();
        VersionView {
            label: snapshot.label.clone(),
            commit: snapshot.commit.clone(),
            released: snapshot.released,
            is_latest: version.index.is_some() && version.index == self.latest,
            date: Some(snapshot.today),
            documents,
        }
    }

    fn entry(&self, view: &VersionView) -> VersionEntry {
        let uncommitted = self.history.all().any(Revision::is_uncommitted);
        VersionEntry {
            label: view.label.clone(),
            commit: view.commit.clone(),
            date: view.date.map(|d| d.to_string()).unwrap_or_default(),
            released: view.released,
            latest: view.is_latest,
            path: format!("{}/index.html", view.dir()),
            uncommitted_changes: (!view.released).then_some(uncommitted),
        }
    }

    fn render(
        &self,
        version: &Version,
        view: &VersionView,
        listed: &[VersionView],
        previous: Option<&Snapshot>,
        cache: &RenderCache,
        staging: &Path,
    ) -> Result<render::Rendered> {
        let snapshot = version.snapshot;
        let project = &snapshot.project;
        let today = snapshot.today;
        let matrix = project.trace(today);
        let register = &project.loaded.register;
        let reviews = review_schedule(register, &project.config.review, today, project.config.review.due_soon);
        // Opened only if a document links a file.
        let repo: OnceLock<Option<Mutex<Repo>>> = OnceLock::new();
        let read_file = |path: &str| {
            let repo = repo.get_or_init(|| Repo::discover(self.root).ok().flatten().map(Mutex::new));
            let repo = repo.as_ref().map(|repo| repo.lock().unwrap_or_else(PoisonError::into_inner));
            snapshot.read(repo.as_deref(), path)
        };
        let input = SiteInput {
            config: &project.config,
            register,
            files: project.files(),
            matrix: &matrix,
            records: &project.loaded.records,
            catalogs: project.enabled_standards(),
            reviews: &reviews,
            today,
            version: view.clone(),
            versions: listed.to_vec(),
            revisions: revisions::rows(self.history, &version.cutoff),
            changes: previous.map(|previous| revisions::changes(previous, snapshot)),
            read_file: &read_file,
            theme: self.theme,
            cache,
            progress: self.progress,
        };
        render::render_version(&input, &staging.join(view.dir()))
    }
}
