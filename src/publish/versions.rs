//! Rendering one version into the staging folder (the order and the loading are
//! [`super::stream`]'s), and the files of the site root: the marker, `versions.json`, the root `index.html`, the list of
//! versions every page shares (`versions.html`, `versions.js`) and, last, `manifest.json` (it
//! lists every other file).

use super::BuiltVersion;
use super::cache;
use super::reuse::{self, Listed, Verified};
use super::revisions::{self, Cutoff};
use super::site::{self, VersionEntry};
use super::snapshot::Snapshot;
use super::staging::Staging;
use super::stream::{Current, Load, Loaded, Slot, Streamed};
use crate::config::Config;
use crate::error::Result;
use crate::git::Repo;
use crate::model::{History, Revision, review_schedule};
use crate::render::{self, RenderCache, SiteInput, Theme, VersionView};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Mutex, OnceLock, PoisonError};

/// What every version's render shares.
pub struct Build<'a> {
    /// The QMS root: a release's renderer opens the repository from it when a document links
    /// a file (a repository handle cannot be shared between threads).
    pub root: &'a Path,
    /// The working tree's configuration (the site title of the root page).
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub history: &'a History,
    /// Every revision's row, for each version to take those its cutoff holds.
    pub rows: &'a revisions::Rows<'a>,
    /// The index of the latest release.
    pub latest: Option<usize>,
    /// Told the versions and documents rendered.
    pub progress: &'a dyn crate::progress::Progress,
}

/// What [`Build::write`] did.
pub struct Written {
    /// The versions built, newest first.
    pub versions: Vec<BuiltVersion>,
    /// How many files the site has (but the static files).
    pub files: usize,
    pub warnings: Vec<String>,
    /// The releases to store in a cache: label, key, files.
    pub cache: Vec<cache::Entry>,
}

impl Build<'_> {
    /// Renders (or places, when reused) the releases of `slots` (oldest first) and the working
    /// tree into `staging` (see [`Build::stream`]), then the files of the site root.
    /// Also returns what loading the releases said, by release.
    pub fn write(
        &self,
        slots: Vec<Slot>,
        current: Current,
        first: Vec<(usize, Loaded)>,
        load: &Load<'_>,
        staging: &mut Staging,
    ) -> Result<(Written, BTreeMap<usize, Vec<String>>)> {
        let Streamed { placed, said } = self.stream(slots, current, first, load, staging.dir())?;
        // Every version rendered: the previous site's reused folders move into the new one.
        for reused in placed.iter().filter_map(|p| p.reused.filter(|r| r.movable())) {
            let dir = render::version_dir(&reused.data.label);
            if staging.take_over(&reused.candidate.dir, &dir).is_err() {
                reuse::place(reused, &staging.dir().join(&dir))?;
            }
        }
        let staging = staging.dir();
        // Newest first: the working tree, then the releases from the latest.
        let listed: Vec<VersionView> = placed.iter().rev().map(|p| p.view.clone()).collect();
        let mut outcome = Vec::new();
        let mut warnings: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for placed in &placed {
            for warning in &placed.rendered.warnings {
                warnings.entry(warning.clone()).or_default().push(placed.view.label.clone());
            }
            outcome.push(BuiltVersion {
                label: placed.view.label.clone(),
                dir: placed.view.dir(),
                commit: placed.view.commit.clone(),
                documents: placed.documents,
                files: placed.rendered.files.len(),
                reused: placed.reused.is_some(),
            });
        }
        outcome.reverse();
        let keys: BTreeMap<&str, &str> =
            placed.iter().filter_map(|p| Some((p.view.label.as_str(), p.key.as_deref()?))).collect();
        let entries: Vec<VersionEntry> =
            listed.iter().map(|v| self.entry(v, keys.get(v.label.as_str()).copied())).collect();
        let default = listed.iter().find(|v| v.released).or(listed.first());
        if let Some(version) = default {
            render::write_root_index(self.theme, self.config, &listed, version, staging)?;
        }
        site::write(&staging.join(site::MARKER), b"built by qms\n")?;
        let json = site::versions_json(&entries, default.map(|v| v.label.as_str()));
        site::write(&staging.join("versions.json"), json.as_bytes())?;
        // The files of the version folders were hashed as they were written (or, reused, when
        // they were verified): only the root's files are read back.
        let known: BTreeMap<String, Listed> = placed
            .iter()
            .flat_map(|placed| {
                let dir = placed.view.dir();
                placed.rendered.files.iter().map(move |f| {
                    let path = format!("{dir}/{}", f.path);
                    (path.clone(), Listed { path, ..f.clone() })
                })
            })
            .collect();
        let files = site::site_files(staging, &known)?;
        site::write(&staging.join("manifest.json"), site::manifest_json(&files, &entries).as_bytes())?;
        let from_cache: BTreeSet<&str> = placed
            .iter()
            .filter_map(|p| p.reused.filter(|r| r.candidate.cached).map(|r| r.data.label.as_str()))
            .collect();
        let cache = entries
            .iter()
            .filter_map(|entry| {
                let key = entry.key.clone()?;
                let from_cache = from_cache.contains(entry.label.as_str());
                let dir = render::version_dir(&entry.label);
                let prefix = format!("{dir}/");
                let files = files
                    .iter()
                    .filter_map(|f| Some(Listed { path: f.path.strip_prefix(&prefix)?.to_owned(), ..f.clone() }))
                    .collect();
                Some(cache::Entry { label: entry.label.clone(), key, files, from_cache })
            })
            .collect();
        // The root: the marker, versions.json, index.html, versions.html, versions.js, manifest.json.
        let files = outcome.iter().map(|v| v.files).sum::<usize>() + 6;
        let warnings =
            warnings.into_iter().map(|(warning, labels)| format!("{warning} (in {})", labels.join(", "))).collect();
        Ok((Written { versions: outcome, files, warnings, cache }, said))
    }

    /// How a reused release (index `index`) lists itself: as it said when it was built.
    pub(super) fn view_of_reused(&self, reused: &Verified, index: usize) -> VersionView {
        let data = &reused.data;
        VersionView {
            label: data.label.clone(),
            commit: data.commit.clone(),
            released: data.released,
            is_latest: Some(index) == self.latest,
            date: data.date.as_deref().and_then(|d| d.parse().ok()),
            documents: data.docs.clone(),
        }
    }

    /// How a loaded version lists itself; `index` is the release's, `None` for the working tree.
    pub(super) fn view_of(&self, snapshot: &Snapshot, index: Option<usize>) -> VersionView {
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
            is_latest: index.is_some() && index == self.latest,
            date: Some(snapshot.today),
            documents,
        }
    }

    fn entry(&self, view: &VersionView, key: Option<&str>) -> VersionEntry {
        let uncommitted = self.history.all().any(Revision::is_uncommitted);
        VersionEntry {
            label: view.label.clone(),
            commit: view.commit.clone(),
            date: view.date.map(|d| d.to_string()).unwrap_or_default(),
            released: view.released,
            latest: view.is_latest,
            path: format!("{}/index.html", view.dir()),
            uncommitted_changes: (!view.released).then_some(uncommitted),
            key: key.map(str::to_owned),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn render(
        &self,
        snapshot: &Snapshot,
        cutoff: &Cutoff,
        view: &VersionView,
        listed: &[VersionView],
        previous: Option<&Snapshot>,
        cache: &RenderCache,
        staging: &Path,
    ) -> Result<render::Rendered> {
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
            revisions: self.rows.held(cutoff),
            changes: previous.map(|previous| revisions::changes(previous, snapshot)),
            read_file: &read_file,
            theme: self.theme,
            cache,
            digests: Some(snapshot.body_digests()),
            progress: self.progress,
        };
        render::render_version(&input, &staging.join(view.dir()))
    }
}
