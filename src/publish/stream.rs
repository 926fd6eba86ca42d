//! The versions of a build, rendered one after the other: the releases oldest first, then the
//! working tree. A release is loaded shortly before it renders and dropped once the release
//! after it has rendered (its changes are shown against it), so a build holds a few versions
//! at a time, not all of them. While one version renders on every core, the next one to load
//! is read beside it.
//!
//! ```text
//! step p:   render p (its pages on every core, compared with p-1)  ║  load the next release
//!           then: announce the loaded release's bodies to the render cache, forget p's, drop p-1
//! ```
//!
//! The render cache keeps a body's HTML only while a version still to be written holds it, and
//! it is told which do as each version loads: so the release after `p` is loaded (and its
//! bodies announced) before `p` renders, and a body the two share is rendered once.

use super::plan;
use super::reuse::{self, VERSION_FILE, Verified, VersionData, Warnings};
use super::revisions::Cutoff;
use super::site;
use super::snapshot::{NotBuilt, Release, Snapshot};
use super::versions::Build;
use crate::error::{Error, Result};
use crate::render::{self, RenderCache, VersionView};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::Bound::{Excluded, Unbounded};
use std::path::Path;

/// One release of the build and what is done with it.
pub struct Slot<'a> {
    pub index: usize,
    /// Its configuration and catalogs, when it must be loaded: it is rendered, or the release
    /// after it is compared with it.
    pub release: Option<Release>,
    /// Its folder built before, verified: placed as it is instead of rendered.
    pub reused: Option<&'a Verified>,
    /// Part of the site (rendered or reused), not only loaded for the release after it.
    pub built: bool,
    pub cutoff: Cutoff,
    /// Its key, when its folder may be reused by a later build.
    pub key: Option<String>,
}

/// One version placed in the site, rendered or reused.
pub struct Placed<'a> {
    pub view: VersionView,
    pub rendered: render::Rendered,
    pub documents: usize,
    pub reused: Option<&'a Verified>,
    /// Its key, when it was rendered with the release before it (or reused).
    pub key: Option<String>,
}

/// What [`Build::stream`] did: the versions placed, oldest first (the working tree last), and
/// what loading the releases said, by release.
pub struct Streamed<'a> {
    pub placed: Vec<Placed<'a>>,
    pub said: BTreeMap<usize, Vec<String>>,
}

/// A version to load: a release, or the working tree (loaded already, or not yet).
pub enum Pending {
    Release(Box<Release>),
    Current,
    Loaded(Box<Loaded>),
}

/// The working tree's version, as the build has it.
pub enum Current {
    /// Not built.
    No,
    /// Loaded already (beside the history, when at most one release renders).
    Loaded(Box<Loaded>),
    /// Loaded after the releases it follows, or loaded already and handed to the stream then.
    Later(Option<Box<Loaded>>),
}

/// Loads a version's documents, taking those of a version loaded already (the one rendering
/// meanwhile) that read the same.
pub type Load<'l> = dyn Fn(Pending, Option<&Snapshot>) -> std::result::Result<Snapshot, NotBuilt> + Sync + 'l;

/// Where the working tree sorts among the releases: after all of them.
const CURRENT: usize = usize::MAX;

/// A version loaded, or why it is not built.
pub type Loaded = std::result::Result<Snapshot, NotBuilt>;

impl Build<'_> {
    /// Renders (or places, when reused) the releases of `slots` (oldest first) and then the
    /// working tree, into `staging`, loading each version with `load` shortly before it renders;
    /// `first` are releases loaded already (their slots have no release to load).
    pub fn stream<'v>(
        &self,
        slots: Vec<Slot<'v>>,
        current: Current,
        first: Vec<(usize, Loaded)>,
        load: &Load<'_>,
        staging: &Path,
    ) -> Result<Streamed<'v>> {
        let cache = RenderCache::default();
        let total = slots.iter().filter(|s| s.built).count() as u64 + u64::from(!matches!(current, Current::No));
        self.progress.phase("rendering", "documents", 0);
        self.progress.parts("versions", 0, total);
        let mut slots = slots;
        let mut loader = Loader::new(load, &mut slots);
        for (index, loaded) in first {
            loader.arrived(self, index, loaded, &cache);
        }
        match current {
            Current::No => {}
            Current::Loaded(working_tree) => {
                loader.renders.insert(CURRENT);
                loader.arrived(self, CURRENT, *working_tree, &cache);
            }
            Current::Later(early) => {
                loader.renders.insert(CURRENT);
                loader.queue.push_back((CURRENT, early.map_or(Pending::Current, Pending::Loaded)));
            }
        }
        let current =
            Slot { index: CURRENT, release: None, reused: None, built: true, cutoff: Cutoff::Everything, key: None };
        let current = loader.renders.contains(&CURRENT).then_some(current);
        // The reused folders that are not moved in afterwards (see `Build::write`) are linked
        // into place beside the renders.
        let reused: Vec<(std::path::PathBuf, &Verified)> = slots
            .iter()
            .filter_map(|s| s.reused.filter(|r| s.built && !r.movable()))
            .map(|reused| (staging.join(render::version_dir(&reused.data.label)), reused))
            .collect();
        let (linked, placed) = rayon::join(
            || reused.par_iter().try_for_each(|(dir, reused)| reuse::place(reused, dir)),
            || -> Result<Vec<Placed>> {
                let mut previous: Option<(usize, Snapshot)> = None;
                let mut placed: Vec<Placed> = Vec::new();
                for slot in slots.into_iter().chain(current) {
                    loader.load_due(self, slot.index, &cache);
                    let snapshot = loader.take(slot.index)?;
                    // The release before it; the latest, for the working tree.
                    let before = if slot.index == CURRENT { self.latest } else { slot.index.checked_sub(1) };
                    let before = previous.as_ref().filter(|(i, _)| Some(*i) == before).map(|(_, s)| s);
                    let next = loader.queue.pop_front();
                    let (done, next) = rayon::join(
                        || self.place(&slot, snapshot.as_ref(), before, &placed, &cache, staging),
                        || next.map(|(index, pending)| (index, load(pending, snapshot.as_ref()))),
                    );
                    if let Some((index, loaded)) = next {
                        loader.arrived(self, index, loaded, &cache);
                    }
                    if let Some(done) = done? {
                        placed.push(done);
                        self.progress.parts("versions", placed.len() as u64, total);
                    }
                    if let Some(snapshot) = &snapshot
                        && loader.renders.contains(&slot.index)
                    {
                        snapshot.body_digests().values().for_each(|body| cache.written(body));
                    }
                    previous = snapshot.map(|snapshot| (slot.index, snapshot));
                }
                super::drop_beside(previous);
                Ok(placed)
            },
        );
        linked?;
        let placed = placed?;
        let mut said = loader.said;
        said.remove(&CURRENT);
        if placed.is_empty() {
            return Err(Error::InvalidArgument {
                message: "--versions: none of the versions asked for could be built (see the warnings)".to_owned(),
            });
        }
        Ok(Streamed { placed, said })
    }

    /// A version that renders is loaded: its bodies are announced to the cache, its documents
    /// to the progress line.
    fn announce(&self, snapshot: &Snapshot, cache: &RenderCache) {
        snapshot.body_digests().values().for_each(|body| cache.expect(body));
        self.progress.grow(snapshot.project.loaded.register.len() as u64);
    }

    /// Renders or places one version; `None` when it is not part of the site (only loaded
    /// for the release after it, or it could not be loaded).
    fn place<'v>(
        &self,
        slot: &Slot<'v>,
        snapshot: Option<&Snapshot>,
        previous: Option<&Snapshot>,
        placed: &[Placed],
        cache: &RenderCache,
        staging: &Path,
    ) -> Result<Option<Placed<'v>>> {
        if !slot.built {
            return Ok(None);
        }
        let current = slot.index == CURRENT;
        let view = match (snapshot, slot.reused) {
            (Some(snapshot), _) => self.view_of(snapshot, (!current).then_some(slot.index)),
            (None, Some(reused)) => self.view_of_reused(reused, slot.index),
            (None, None) => return Ok(None),
        };
        let dir = staging.join(view.dir());
        // Its folder is linked into place beside the renders, or moved in after them (see
        // `stream` and `Build::write`).
        if let Some(reused) = slot.reused {
            let files = reused.candidate.files.clone();
            let rendered = render::Rendered { files, warnings: reused.data.warnings.render.clone() };
            let documents = reused.data.documents;
            return Ok(Some(Placed { view, rendered, documents, reused: Some(reused), key: slot.key.clone() }));
        }
        let Some(snapshot) = snapshot else { return Ok(None) };
        // Newest first: this version, then those placed before it (all of them, for the working tree).
        let listed: Vec<VersionView> =
            std::iter::once(view.clone()).chain(placed.iter().rev().map(|p| p.view.clone())).collect();
        let mut rendered = self.render(snapshot, &slot.cutoff, &view, &listed, previous, cache, staging)?;
        let warnings = Warnings { load: snapshot.warnings.clone(), render: rendered.warnings.clone() };
        let documents = snapshot.project.loaded.register.len();
        let data = VersionData::of(&view, documents, warnings);
        let json = data.to_json();
        site::write(&dir.join(VERSION_FILE), json.as_bytes())?;
        rendered.files.push(render::Listed::of(VERSION_FILE.to_owned(), &[json.as_bytes()]));
        rendered.files.sort_by(|a, b| a.path.cmp(&b.path));
        // A release rendered without the release before it (unreadable) is not kept for reuse.
        let key = slot.key.clone().filter(|_| slot.index == 0 || previous.is_some());
        Ok(Some(Placed { view, rendered, documents, reused: None, key }))
    }
}

/// The versions still to load, those loaded and not yet rendered, and what loading said.
struct Loader<'l> {
    load: &'l Load<'l>,
    /// Oldest first, the working tree last.
    queue: VecDeque<(usize, Pending)>,
    ready: BTreeMap<usize, Loaded>,
    /// The versions that render (not reused, part of the site).
    renders: BTreeSet<usize>,
    /// What loading each release said; a reused release that is not loaded says what it said
    /// when it was built.
    said: BTreeMap<usize, Vec<String>>,
}

impl<'l> Loader<'l> {
    /// Takes the releases to load out of `slots`.
    fn new(load: &'l Load<'l>, slots: &mut [Slot]) -> Loader<'l> {
        let renders = slots.iter().filter(|s| s.built && s.reused.is_none()).map(|s| s.index).collect();
        let said = slots.iter().filter_map(|s| Some((s.index, s.reused?.data.warnings.load.clone()))).collect();
        let queue = slots
            .iter_mut()
            .filter_map(|slot| Some((slot.index, Pending::Release(Box::new(slot.release.take()?)))))
            .collect();
        Loader { load, queue, ready: BTreeMap::new(), renders, said }
    }

    /// Loads version `index` and the next one to load, unless they are loaded already (the
    /// next one usually is, beside the render before): the cache must know the next one's
    /// bodies before `index` renders, to keep what the two share.
    fn load_due(&mut self, build: &Build, index: usize, cache: &RenderCache) {
        let next_loaded = self.ready.range((Excluded(index), Unbounded)).next().is_some();
        let due = self.queue.iter().take_while(|(i, _)| *i <= index).count() + usize::from(!next_loaded);
        let batch: Vec<(usize, Pending)> = self.queue.drain(..due.min(self.queue.len())).collect();
        let load = self.load;
        let loaded: Vec<(usize, Loaded)> =
            batch.into_par_iter().map(|(index, pending)| (index, load(pending, None))).collect();
        for (index, loaded) in loaded {
            self.arrived(build, index, loaded, cache);
        }
    }

    /// Version `index` is loaded (or could not be).
    fn arrived(&mut self, build: &Build, index: usize, loaded: Loaded, cache: &RenderCache) {
        if let Ok(snapshot) = &loaded
            && self.renders.contains(&index)
        {
            build.announce(snapshot, cache);
        }
        self.ready.insert(index, loaded);
    }

    /// Version `index`, loaded; `None` when it was not loaded, or was skipped or unreadable
    /// (said). A release that renders and cannot be read fails the build.
    fn take(&mut self, index: usize) -> Result<Option<Snapshot>> {
        match self.ready.remove(&index) {
            Some(Ok(snapshot)) => {
                self.said.insert(index, snapshot.warnings.clone());
                Ok(Some(snapshot))
            }
            Some(Err(NotBuilt::Skipped(warning))) => {
                self.said.entry(index).or_default().push(warning);
                Ok(None)
            }
            Some(Err(NotBuilt::Unreadable(error))) if self.renders.contains(&index) => Err(error),
            // Only loaded to show what changed since it: the next release shows no changes.
            Some(Err(NotBuilt::Unreadable(error))) => {
                self.said.entry(index).or_default().push(plan::left_out(&error));
                Ok(None)
            }
            None => Ok(None),
        }
    }
}
