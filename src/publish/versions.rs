//! Rendering the loaded versions into the staging folder, side by side on every core, and the
//! files of the site root: the marker, `versions.json`, the root `index.html`, the list of
//! versions every page shares (`versions.html`, `versions.js`) and, last, `manifest.json` (it
//! lists every other file).

use super::BuiltVersion;
use super::cache;
use super::reuse::{self, Listed, VERSION_FILE, Verified, VersionData, Warnings};
use super::revisions::{self, Cutoff};
use super::site::{self, VersionEntry};
use super::snapshot::Snapshot;
use crate::config::Config;
use crate::error::Result;
use crate::git::Repo;
use crate::model::{History, Revision, review_schedule};
use crate::render::{self, RenderCache, SiteInput, Theme, VersionView};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Mutex, OnceLock, PoisonError};

/// One version and what the build does with it.
pub struct Version<'a> {
    /// Its index among the releases; `None` for the working tree.
    pub index: Option<usize>,
    /// Its documents, when loaded: to render it, or to show what changed since it.
    pub snapshot: Option<&'a Snapshot>,
    /// Its folder built before, verified: placed as it is instead of rendered.
    pub reused: Option<&'a Verified>,
    pub cutoff: Cutoff,
    /// Part of the site (rendered or reused), or only loaded as the release the next one is
    /// compared with.
    pub built: bool,
    /// A release's key, when its folder may be reused by a later build.
    pub key: Option<String>,
}

impl Version<'_> {
    pub fn label(&self) -> &str {
        match (self.snapshot, self.reused) {
            (Some(snapshot), _) => &snapshot.label,
            (None, Some(reused)) => &reused.data.label,
            (None, None) => "",
        }
    }

    fn rendered(&self) -> Option<&Snapshot> {
        self.snapshot.filter(|_| self.built && self.reused.is_none())
    }
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
    /// Renders (or places, when reused) every version marked `built` into `staging` (oldest
    /// first in `versions`), then the files of the site root.
    pub fn write(&self, versions: &[Version], staging: &Path) -> Result<Written> {
        let views: Vec<VersionView> = versions.iter().map(|v| self.view(v)).collect();
        // Newest first: the working tree, then the releases from the latest.
        let listed: Vec<VersionView> =
            views.iter().zip(versions).rev().filter(|(_, v)| v.built).map(|(view, _)| view.clone()).collect();
        let cache = RenderCache::default();
        let positions: Vec<usize> = (0..versions.len()).filter(|&i| versions[i].built).collect();
        // A body is rendered once for all the versions holding it, and forgotten after the last.
        for &position in &positions {
            if let Some(snapshot) = versions[position].rendered() {
                snapshot.bodies().for_each(|body| cache.expect(body));
            }
        }
        let documents = positions
            .iter()
            .filter_map(|&p| versions[p].rendered())
            .map(|s| s.project.loaded.register.len() as u64)
            .sum();
        self.progress.phase("rendering", "documents", documents);
        let (done, total) = (std::sync::atomic::AtomicU64::new(0), positions.len() as u64);
        self.progress.parts("versions", 0, total);
        let rendered: Vec<Result<render::Rendered>> = positions
            .par_iter()
            .map(|&position| {
                let version = &versions[position];
                let dir = staging.join(views[position].dir());
                if let Some(reused) = version.reused {
                    reuse::place(reused, &dir)?;
                    let files = reused.candidate.files.iter().map(|f| f.path.clone()).collect();
                    return Ok(render::Rendered { files, warnings: reused.data.warnings.render.clone() });
                }
                let Some(snapshot) = version.snapshot else { return Ok(render::Rendered::default()) };
                // The release before it (the latest, for the working tree), when it could be loaded.
                let before = version.index.map_or(self.latest, |i| i.checked_sub(1));
                let previous =
                    versions.iter().find(|v| v.index.is_some() && v.index == before).and_then(|v| v.snapshot);
                let mut rendered = self.render(version, snapshot, &views[position], &listed, previous, &cache, staging);
                snapshot.bodies().for_each(|body| cache.written(body));
                if let Ok(rendered) = &mut rendered {
                    let warnings = Warnings { load: snapshot.warnings.clone(), render: rendered.warnings.clone() };
                    let data = VersionData::of(&views[position], snapshot.project.loaded.register.len(), warnings);
                    site::write(&dir.join(VERSION_FILE), data.to_json().as_bytes())?;
                    rendered.files.push(VERSION_FILE.to_owned());
                }
                rendered
            })
            .inspect(|_| {
                let done = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                self.progress.parts("versions", done, total);
            })
            .collect();
        let mut outcome = Vec::new();
        let mut warnings: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (&position, rendered) in positions.iter().zip(rendered) {
            let rendered = rendered?;
            let (version, view) = (&versions[position], &views[position]);
            for warning in rendered.warnings {
                warnings.entry(warning).or_default().push(view.label.clone());
            }
            let documents = match (version.reused, version.snapshot) {
                (Some(reused), _) => reused.data.documents,
                (None, Some(snapshot)) => snapshot.project.loaded.register.len(),
                (None, None) => 0,
            };
            outcome.push(BuiltVersion {
                label: view.label.clone(),
                dir: view.dir(),
                commit: view.commit.clone(),
                documents,
                files: rendered.files.len(),
                reused: version.reused.is_some(),
            });
        }
        outcome.reverse();
        let keys: BTreeMap<&str, &str> = versions
            .iter()
            .zip(&views)
            .filter(|(v, _)| v.built)
            .filter_map(|(v, view)| Some((view.label.as_str(), v.key.as_deref()?)))
            .collect();
        let entries: Vec<VersionEntry> =
            listed.iter().map(|v| self.entry(v, keys.get(v.label.as_str()).copied())).collect();
        let default = listed.iter().find(|v| v.released).or(listed.first());
        if let Some(version) = default {
            render::write_root_index(self.theme, self.config, &listed, version, staging)?;
        }
        site::write(&staging.join(site::MARKER), b"built by qms\n")?;
        let json = site::versions_json(&entries, default.map(|v| v.label.as_str()));
        site::write(&staging.join("versions.json"), json.as_bytes())?;
        // The files of reused folders were hashed when they were verified.
        let known: BTreeMap<String, Listed> = versions
            .iter()
            .zip(&views)
            .filter_map(|(v, view)| Some((v.reused?, view.dir())))
            .flat_map(|(reused, dir)| {
                reused.candidate.files.iter().map(move |f| {
                    (format!("{dir}/{}", f.path), Listed { path: format!("{dir}/{}", f.path), ..f.clone() })
                })
            })
            .collect();
        let files = site::site_files(staging, &known)?;
        site::write(&staging.join("manifest.json"), site::manifest_json(&files, &entries).as_bytes())?;
        let from_cache: BTreeSet<&str> = versions
            .iter()
            .filter_map(|v| v.reused.filter(|r| r.candidate.cached).map(|r| r.data.label.as_str()))
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
        Ok(Written { versions: outcome, files, warnings, cache })
    }

    fn view(&self, version: &Version) -> VersionView {
        let is_latest = version.index.is_some() && version.index == self.latest;
        if let (Some(reused), None) = (version.reused, version.snapshot) {
            let data = &reused.data;
            return VersionView {
                label: data.label.clone(),
                commit: data.commit.clone(),
                released: data.released,
                is_latest,
                date: data.date.as_deref().and_then(|d| d.parse().ok()),
                documents: data.docs.clone(),
            };
        }
        let Some(snapshot) = version.snapshot else { unreachable!("a version is loaded or reused") };
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
            is_latest,
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
    fn render(
        &self,
        version: &Version,
        snapshot: &Snapshot,
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
