//! Building the whole site: every release of the manual read from git, plus the working tree,
//! each rendered into its own folder; the switcher data, `versions.json`, `manifest.json` and
//! the root `index.html`; and the atomic swap into place.
//!
//! ```text
//! tags matching [releases] tags ──► snapshot (git objects → MemorySource → Project) ─┐
//! working tree ─────────────────► snapshot (Worktree → Project) ─────────────────────┤
//! history::read (once) ──► revision rows per version (its commit's ancestry) ────────┼─► render
//! previous release ──► ChangesView (added, withdrawn, revised + both bodies) ────────┘
//! ```
//!
//! Releases are ordered by commit time, then name; the newest one that can be built is the
//! latest release. A tag that is no release of this QMS (no `qms.toml`, an invalid one, a tag of
//! a blob or a tree) is skipped with a warning; one whose git objects cannot be read fails the
//! build (exit 2, the previous site untouched) unless `--versions` leaves it out. A release is shown as of its tag's commit date; the working tree as of `today`.
//! Nothing here reads the clock, and everything is sorted: the same repository and options
//! give a byte-identical site.

mod cache;
mod key;
mod plan;
mod reuse;
mod revisions;
mod site;
mod snapshot;
mod staging;
mod stream;
mod theme;
mod versions;

pub use site::MARKER as SITE_MARKER;

use crate::config;
use crate::error::Result;
use crate::git::{Head, Repo, Tag};
use crate::model::Date;
use crate::render;
use rayon::prelude::*;
use reuse::Candidate;
use revisions::Cutoff;
use snapshot::{CURRENT, NotBuilt, Release, Snapshot};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use stream::{Current, Pending};
use versions::Build;

/// Which versions to build (`--versions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every release plus the working tree.
    All,
    /// The working tree (`current`) and/or the named release tags.
    Only { current: bool, tags: Vec<String> },
}

impl Selection {
    /// `all`, `current`, or a comma-separated list of tags (and `current`).
    pub fn parse(text: &str) -> std::result::Result<Selection, String> {
        if text.trim() == "all" {
            return Ok(Selection::All);
        }
        let (mut current, mut tags) = (false, Vec::new());
        for item in text.split(',').map(str::trim) {
            match item {
                "" => return Err(format!("`{text}` has an empty item; write all, current or TAG,TAG")),
                CURRENT => current = true,
                tag if !tags.iter().any(|t| t == tag) => tags.push(tag.to_owned()),
                _ => {}
            }
        }
        Ok(Selection::Only { current, tags })
    }

    fn current(&self) -> bool {
        matches!(self, Selection::All | Selection::Only { current: true, .. })
    }
}

/// What to build, and where.
#[derive(Debug)]
pub struct Options {
    /// The QMS root, or any folder below it.
    pub path: PathBuf,
    /// The output folder; `None` for `site/` in the QMS root. Replaced as a whole.
    pub out: Option<PathBuf>,
    pub versions: Selection,
    /// The date the working tree is shown as of.
    pub today: Date,
    /// `--cache DIR`: release folders kept between builds (read, then stored after the build).
    pub cache: Option<PathBuf>,
}

/// One version that was built.
#[derive(Debug, Clone)]
pub struct BuiltVersion {
    pub label: String,
    /// Its folder under the site root.
    pub dir: String,
    pub commit: Option<String>,
    pub documents: usize,
    pub files: usize,
    /// Its folder was reused from the previous site or the cache, not rendered.
    pub reused: bool,
}

/// What [`publish`] did.
#[derive(Debug)]
pub struct Published {
    pub out: PathBuf,
    /// Newest first: the working tree, then the releases.
    pub versions: Vec<BuiltVersion>,
    /// Every file of the site.
    pub files: usize,
    /// Problems that did not stop the build, one sentence each.
    pub warnings: Vec<String>,
}

/// Builds the site of the QMS at `options.path` and swaps it into place.
pub fn publish(options: &Options) -> Result<Published> {
    publish_with(options, &crate::progress::Quiet)
}

/// [`publish`], telling `progress` what it is doing (history, versions, documents).
pub fn publish_with(options: &Options, progress: &dyn crate::progress::Progress) -> Result<Published> {
    let root = config::find_root(&options.path)?;
    let config = config::load(&root)?;
    let out = options.out.clone().unwrap_or_else(|| root.join("site"));
    site::check_output(&out, &root, &root.join(&config.documents))?;
    if let Some(cache) = &options.cache {
        site::check_cache(cache, &out, &root)?;
    }
    let mut warnings = Vec::new();
    let theme::ThemeFiles { theme, statics, key_base } = theme::read(&root, &mut warnings)?;
    let repo = plan::open_repo(&root, &options.versions, &mut warnings)?;
    let releases = match &repo {
        Some(repo) => plan::releases(repo, &root, &config.release_tags, &options.versions, &mut warnings)?,
        None => Vec::new(),
    };
    let plan = plan::plan(&releases, &options.versions, &config.release_tags)?;
    let tags: Vec<Tag> = releases.iter().map(|r| r.tag.clone()).collect();
    // The cache is held from here until the build's releases are stored in it.
    let cache = options.cache.as_deref().and_then(|cache| match cache::hold(cache) {
        Ok(held) => Some((cache, held)),
        Err(warning) => {
            warnings.push(warning);
            None
        }
    });
    // Held from before the previous site is read (its folders verified, its files listed) to
    // the swap: another build of the same site waits for none of it.
    site::create_parents(&out)?;
    let inside = staging::stage_inside(&out);
    let _lock = site::BuildLock::acquire(&out, &if inside { out.clone() } else { site::parent_of(&out) })?;
    let candidates = candidates(&out, cache.as_ref().map(|(dir, _)| *dir), &tags, &plan);
    let mut releases: Vec<Option<Release>> = releases.into_iter().map(Some).collect();
    // History is read once for every version; meanwhile the releases' ancestries are read, the
    // folders built before are verified and what the stream will surely load starts loading
    // (see `EARLY_RELEASES`). The other releases load later, one after the other, as they render.
    let ancestry: BTreeSet<usize> = plan.render.union(&plan.load).copied().collect();
    // The versions loaded at the same time share one copy of each file text they have in common.
    let texts = Texts::default();
    // The working tree is shown with HEAD as its commit (none before the first commit).
    let head = repo.as_ref().and_then(|repo| match repo.head() {
        Ok(Head::Commit { id, .. }) => Some(id),
        _ => None,
    });
    let load_current = || {
        let current = snapshot::load_current(&root, options.today, head.clone()).map_err(NotBuilt::Unreadable)?;
        Ok(current.sharing(&texts))
    };
    let load_release = |release: Release, known: Option<&Snapshot>| {
        snapshot::load_release(&root, release, known).map(|s| s.sharing(&texts))
    };
    // Surely loaded: the releases that render with no folder to reuse, the release before each,
    // and the latest for the working tree's changes.
    let without_folders: Vec<usize> = plan.render.iter().copied().filter(|i| !candidates.contains_key(i)).collect();
    let sure = plan.needs(&without_folders, options.versions.current());
    let first: Vec<(usize, Release)> =
        sure.iter().take(EARLY_RELEASES).filter_map(|&i| Some((i, releases[i].take()?))).collect();
    // The working tree renders last: loaded now, it is held through the releases' renders, so
    // only when at most one release surely renders.
    let current_now = options.versions.current() && without_folders.len() <= 1;
    let ((history, cutoffs), (current, (verified, first, not_built))) = rayon::join(
        || {
            rayon::join(
                || {
                    let history = crate::history::read_with(&root, &config, progress);
                    progress.phase("preparing the versions", "versions", 0);
                    history
                },
                || cutoffs(&root, &tags, &ancestry),
            )
        },
        || {
            let ((current, first), (verified, not_built)) = rayon::join(
                || {
                    let current = match (options.versions.current(), current_now) {
                        (false, _) => Current::No,
                        (true, true) => Current::Loaded(Box::new(load_current())),
                        (true, false) => Current::Later(None),
                    };
                    // The releases take the working tree's documents that read the same.
                    let known = match &current {
                        Current::Loaded(loaded) => loaded.as_ref().as_ref().ok(),
                        _ => None,
                    };
                    let first = first.into_par_iter().map(|(i, release)| (i, load_release(release, known))).collect();
                    (current, first)
                },
                || rayon::join(|| verify_first(candidates), || site::files_not_built(&out)),
            );
            (current, (verified, first, not_built))
        },
    );
    let rows = revisions::Rows::new(&history);
    // The keys of the releases to build, and the folders built before that have them.
    let keys: BTreeMap<usize, String> = plan
        .render
        .par_iter()
        .map(|&i| {
            let previous =
                i.checked_sub(1).map(|p| (tags[p].name.as_str(), tags[p].commit.as_str(), plan.render.contains(&p)));
            let revisions = rows.digest(&cutoffs[&i]);
            let inputs = key::ReleaseInputs { tag: &tags[i].name, commit: &tags[i].commit, previous, revisions };
            (i, key_base.key(&inputs))
        })
        .collect();
    let reused: BTreeMap<usize, reuse::Verified> = verified
        .into_par_iter()
        .filter_map(|(i, (first, rest))| {
            let key = keys.get(&i)?;
            let found = match first {
                Some(verified) if verified.candidate.key == *key => Some(verified),
                _ => rest.into_iter().filter(|c| c.key == *key).find_map(reuse::verify),
            };
            found.map(|verified| (i, verified))
        })
        .collect();
    // What the releases to render need loaded: each, and the release before it.
    let to_render: Vec<usize> = plan.render.iter().copied().filter(|i| !reused.contains_key(i)).collect();
    let to_load = plan.needs(&to_render, options.versions.current());
    let slots: Vec<stream::Slot> = to_load
        .iter()
        .chain(reused.keys())
        .copied()
        .collect::<BTreeSet<usize>>()
        .into_iter()
        .map(|i| stream::Slot {
            index: i,
            release: if to_load.contains(&i) { releases[i].take() } else { None },
            reused: reused.get(&i),
            built: plan.render.contains(&i),
            cutoff: cutoffs.get(&i).cloned().unwrap_or(Cutoff::Everything),
            key: keys.get(&i).cloned(),
        })
        .collect();
    // The working tree, loaded early, is announced to the stream at once only if no more than
    // one release renders after all (else it waits its turn, so the render cache does not keep
    // every body it shares with the releases).
    let current = match current {
        Current::Loaded(loaded) if to_render.len() > 1 => Current::Later(Some(loaded)),
        other => other,
    };
    let loaded_at = warnings.len();
    for path in not_built {
        warnings.push(format!(
            "{} is not part of the site qms builds and is removed by this build; put files the site must carry in {}/",
            out.join(&path).display(),
            theme::STATIC_DIR
        ));
    }
    let mut staging = staging::Staging::begin(&out, inside)?;
    let renderer = Build {
        root: &root,
        config: &config,
        theme: &theme,
        history: &history,
        rows: &rows,
        latest: plan.latest,
        progress,
    };
    let load = |pending: Pending, known: Option<&Snapshot>| match pending {
        Pending::Release(release) => load_release(*release, known),
        Pending::Loaded(loaded) => *loaded,
        Pending::Current => load_current(),
    };
    // The folders of the versions to build: the theme's static files must not take their names.
    let labels = plan.render.iter().map(|&i| tags[i].name.as_str());
    let labels = labels.chain(options.versions.current().then_some(CURRENT));
    let version_dirs: Vec<String> = labels.map(render::version_dir).collect();
    let statics = theme::write_statics(&statics, &version_dirs, staging.dir(), &mut warnings)?;
    let (written, said) = renderer.write(slots, current, first, &load, &mut staging)?;
    drop(rows);
    drop_beside(history);
    // What loading the releases said comes before what the site's files and the render said.
    let said: Vec<String> = said.into_values().flatten().collect();
    warnings.splice(loaded_at..loaded_at, said);
    staging.swap()?;
    warnings.extend(written.warnings);
    if let Some((dir, held)) = &cache {
        // Without a repository the release tags are unknown: no entry is judged stale.
        let releases: Option<BTreeSet<String>> = repo.as_ref().map(|_| tags.iter().map(|t| t.name.clone()).collect());
        warnings.extend(cache::store(held, dir, &out, &written.cache, releases.as_ref()));
    }
    Ok(Published { out, versions: written.versions, files: written.files + statics, warnings })
}

/// Drops `value` on a thread of its own: freeing a long history (tens of thousands of
/// revisions) takes a while, and the build's result need not wait for it. When the process
/// ends first, the system takes the memory back at once.
fn drop_beside<T: Send + 'static>(value: T) {
    // Should no thread start, the value is dropped here, with the closure that holds it.
    let _ = std::thread::Builder::new().name("drop".to_owned()).spawn(move || drop(value));
}

/// How many releases load beside the history read (those the stream will surely load first):
/// with the working tree, what adding one release to a site renders.
const EARLY_RELEASES: usize = 2;

/// The file texts the loaded versions share: a file unchanged between two releases is held once.
type Texts = std::sync::Mutex<crate::source::TextPool>;

/// For each release, the first of its folders built before that is intact, and those after it.
type FirstIntact = BTreeMap<usize, (Option<reuse::Verified>, Vec<Candidate>)>;

fn verify_first(candidates: BTreeMap<usize, Vec<Candidate>>) -> FirstIntact {
    candidates
        .into_par_iter()
        .map(|(i, found)| {
            let mut found = found.into_iter();
            let first = found.by_ref().find_map(reuse::verify);
            (i, (first, found.collect()))
        })
        .collect()
}

/// The ancestry of each release of `indices`, read on every core.
fn cutoffs(root: &Path, tags: &[Tag], indices: &BTreeSet<usize>) -> BTreeMap<usize, Cutoff> {
    let indices: Vec<usize> = indices.iter().copied().collect();
    indices
        .par_iter()
        .map_init(|| Repo::discover(root).ok().flatten(), |repo, &i| (i, cutoff(repo.as_ref(), Some(&tags[i]))))
        .collect()
}

/// The folders built before for each release to render (by index): the previous site's first,
/// then the cache's.
fn candidates(out: &Path, cache: Option<&Path>, tags: &[Tag], plan: &plan::Plan) -> BTreeMap<usize, Vec<Candidate>> {
    let mut found: BTreeMap<usize, Vec<Candidate>> = BTreeMap::new();
    let index = |label: &str| tags.iter().position(|t| t.name == label).filter(|i| plan.render.contains(i));
    for candidate in reuse::in_site(out) {
        if let Some(i) = index(&candidate.label) {
            found.entry(i).or_default().push(candidate);
        }
    }
    if let Some(cache) = cache {
        for &i in &plan.render {
            if let Some(candidate) = reuse::in_cache(cache, &tags[i].name) {
                found.entry(i).or_default().push(candidate);
            }
        }
    }
    found
}

/// Which revisions of the history a version shows: a release, those of its commit's ancestry;
/// the working tree, all of them.
fn cutoff(repo: Option<&Repo>, tag: Option<&Tag>) -> Cutoff {
    match (tag, repo) {
        (Some(tag), Some(repo)) => match repo.commits_since(&tag.commit) {
            Ok(after) => Cutoff::NotAfter(after),
            Err(_) => Cutoff::Until(tag.time),
        },
        _ => Cutoff::Everything,
    }
}
