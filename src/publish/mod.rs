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

mod revisions;
mod site;
mod snapshot;
mod staging;
mod theme;
mod versions;

pub use site::MARKER as SITE_MARKER;

use crate::config;
use crate::error::{Error, Result};
use crate::git::{Repo, TagTarget};
use crate::model::Date;
use crate::render;
use rayon::prelude::*;
use revisions::Cutoff;
use snapshot::{CURRENT, NotBuilt, Release, Snapshot};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use versions::{Build, Version};

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
    let mut warnings = Vec::new();
    let theme::ThemeFiles { theme, statics } = theme::read(&root, &mut warnings)?;
    let repo = open_repo(&root, &options.versions, &mut warnings)?;
    let releases = match &repo {
        Some(repo) => releases(repo, &root, &config.release_tags, &options.versions, &mut warnings)?,
        None => Vec::new(),
    };
    let plan = plan(&releases, &options.versions, &config.release_tags)?;
    let planned: Vec<(usize, Release)> =
        releases.into_iter().enumerate().filter(|(index, _)| plan.load.contains(index)).collect();
    // History is read once for every version; the releases and the working tree load
    // meanwhile, each release from its own repository handle.
    let (history, (loaded, current)) = rayon::join(
        || {
            let history = crate::history::read_with(&root, &config, progress);
            progress.phase("loading the releases", "releases", 0);
            history
        },
        || {
            rayon::join(
                || -> Vec<_> {
                    let releases = planned.into_par_iter();
                    releases.map(|(index, release)| (index, snapshot::load_release(&root, release))).collect()
                },
                || options.versions.current().then(|| snapshot::load_current(&root, options.today)),
            )
        },
    );
    let mut snapshots = Vec::new();
    for (index, loaded) in loaded {
        match loaded {
            Ok(snapshot) => {
                warnings.extend(snapshot.warnings.iter().cloned());
                snapshots.push((Some(index), snapshot));
            }
            Err(NotBuilt::Skipped(warning)) => warnings.push(warning),
            Err(NotBuilt::Unreadable(error)) if plan.render.contains(&index) => return Err(error),
            // Only loaded to show what changed since it: the next release shows no changes.
            Err(NotBuilt::Unreadable(error)) => warnings.push(left_out(&error)),
        }
    }
    if let Some(current) = current {
        let mut current = current?;
        current.commit.clone_from(&history.head);
        snapshots.push((None, current));
    }
    let built: Vec<bool> = snapshots
        .iter()
        .map(|(index, _)| index.map_or(options.versions.current(), |i| plan.render.contains(&i)))
        .collect();
    if !built.contains(&true) {
        return Err(Error::InvalidArgument {
            message: "--versions: none of the versions asked for could be built (see the warnings)".to_owned(),
        });
    }
    let cutoffs: Vec<Cutoff> = snapshots.iter().map(|(_, snapshot)| cutoff(repo.as_ref(), snapshot)).collect();
    site::create_parents(&out)?;
    let inside = staging::stage_inside(&out);
    let _lock = site::BuildLock::acquire(&out, &if inside { out.clone() } else { site::parent_of(&out) })?;
    for path in site::files_not_built(&out) {
        warnings.push(format!(
            "{} is not part of the site qms builds and is removed by this build; put files the site must carry in {}/",
            out.join(&path).display(),
            theme::STATIC_DIR
        ));
    }
    let staging = staging::Staging::begin(&out, inside)?;
    let renderer =
        Build { root: &root, config: &config, theme: &theme, history: &history, latest: plan.latest, progress };
    let versions: Vec<Version> = snapshots
        .iter()
        .zip(cutoffs)
        .zip(built)
        .map(|(((index, snapshot), cutoff), built)| Version { index: *index, snapshot, cutoff, built })
        .collect();
    let version_dirs: Vec<String> = versions.iter().map(|v| render::version_dir(&v.snapshot.label)).collect();
    let statics = theme::write_statics(&statics, &version_dirs, staging.dir(), &mut warnings)?;
    let (versions, files, render_warnings) = renderer.write(&versions, staging.dir())?;
    staging.swap()?;
    warnings.extend(render_warnings);
    Ok(Published { out, versions, files: files + statics, warnings })
}

/// The repository, when there is one; `--versions TAG` needs it.
fn open_repo(root: &Path, selection: &Selection, warnings: &mut Vec<String>) -> Result<Option<Repo>> {
    let needs_tags = matches!(selection, Selection::Only { tags, .. } if !tags.is_empty());
    match Repo::discover(root) {
        Ok(Some(repo)) => Ok(Some(repo)),
        Ok(None) if needs_tags => Err(Error::NotARepository {
            root: root.to_path_buf(),
            needed_for: "the release tags --versions names".to_owned(),
        }),
        Ok(None) => Ok(None),
        Err(source) if needs_tags || *selection == Selection::All => Err(Error::Git { source }),
        Err(error) => {
            warnings.push(format!("{error}; only the working tree is built"));
            Ok(None)
        }
    }
}

/// Every release tag that can be built, oldest first; the others become warnings. A release
/// whose git objects cannot be read fails the build when `selection` asks for it: a site that
/// had it must not be replaced by one without it unasked.
fn releases(
    repo: &Repo,
    root: &Path,
    glob: &str,
    selection: &Selection,
    warnings: &mut Vec<String>,
) -> Result<Vec<Release>> {
    let asked = |tag: &str| match selection {
        Selection::All => true,
        Selection::Only { tags, .. } => tags.iter().any(|t| t == tag),
    };
    for (name, target) in repo.tags_not_on_commits(glob).map_err(|source| Error::Git { source })? {
        let what = match target {
            TagTarget::Blob => "a blob",
            TagTarget::Tree => "a tree",
            TagTarget::Unreadable(source) if asked(&name) => {
                return Err(Error::ReleaseUnreadable { tag: name, commit: String::new(), source });
            }
            TagTarget::Unreadable(source) => {
                warnings.push(format!("release {name} is left out: {source}"));
                continue;
            }
        };
        warnings.push(format!(
            "tag {name} matches the release tags \"{glob}\" but names {what}, not a commit, so it is no release; delete the tag or tag a commit"
        ));
    }
    let (tags, skipped) = repo.tags(glob).map_err(|source| Error::Git { source })?;
    warnings.extend(skipped);
    let mut dirs = BTreeSet::from([render::version_dir(CURRENT)]);
    let mut releases = Vec::new();
    for tag in tags {
        let dir = render::version_dir(&tag.name);
        if !dirs.insert(dir.clone()) {
            warnings.push(format!(
                "release {} is skipped: its folder name `{dir}` is taken by another version; rename the tag",
                tag.name
            ));
            continue;
        }
        let name = tag.name.clone();
        match snapshot::read_release(repo, root, tag) {
            Ok((release, warning)) => {
                warnings.extend(warning);
                releases.push(release);
            }
            Err(NotBuilt::Skipped(warning)) => warnings.push(warning),
            Err(NotBuilt::Unreadable(error)) if asked(&name) => return Err(error),
            Err(NotBuilt::Unreadable(error)) => warnings.push(left_out(&error)),
        }
    }
    Ok(releases)
}

/// The warning for a release that cannot be read and was not asked for.
fn left_out(error: &Error) -> String {
    match error {
        Error::ReleaseUnreadable { tag, source, .. } => format!("release {tag} is left out: {source}"),
        other => other.to_string(),
    }
}

/// Which revisions of the history a version shows: a release, those of its commit's ancestry;
/// the working tree, all of them.
fn cutoff(repo: Option<&Repo>, snapshot: &Snapshot) -> Cutoff {
    match (&snapshot.commit, snapshot.released, repo) {
        (Some(commit), true, Some(repo)) => match repo.commits_since(commit) {
            Ok(after) => Cutoff::NotAfter(after),
            Err(_) => Cutoff::Until(snapshot.time),
        },
        _ => Cutoff::Everything,
    }
}

/// Which releases (indices, oldest first) are rendered, and which are loaded (those, plus the
/// release before each: its changes are shown against it).
#[derive(Debug)]
struct Plan {
    render: BTreeSet<usize>,
    load: BTreeSet<usize>,
    latest: Option<usize>,
}

fn plan(releases: &[Release], selection: &Selection, glob: &str) -> Result<Plan> {
    let render: BTreeSet<usize> = match selection {
        Selection::All => (0..releases.len()).collect(),
        Selection::Only { tags, .. } => {
            let mut render = BTreeSet::new();
            for tag in tags {
                let Some(index) = releases.iter().position(|r| r.tag.name == *tag) else {
                    let known: Vec<&str> = releases.iter().map(|r| r.tag.name.as_str()).collect();
                    let known = if known.is_empty() { "none".to_owned() } else { known.join(", ") };
                    return Err(Error::InvalidArgument {
                        message: format!(
                            "--versions: `{tag}` is not a release that can be built (tags matching \"{glob}\": {known})"
                        ),
                    });
                };
                render.insert(index);
            }
            render
        }
    };
    let latest = releases.len().checked_sub(1);
    let mut load: BTreeSet<usize> = render.iter().flat_map(|&i| [i.checked_sub(1), Some(i)]).flatten().collect();
    if selection.current() {
        load.extend(latest);
    }
    Ok(Plan { render, load, latest })
}
