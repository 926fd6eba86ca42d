//! Which versions a build makes: the repository, the release tags that can be built (the
//! others become warnings), and the plan of which releases are rendered and which are loaded.

use super::Selection;
use super::snapshot::{self, CURRENT, NotBuilt, Release};
use crate::error::{Error, Result};
use crate::git::{Repo, TagTarget};
use crate::render;
use std::collections::BTreeSet;
use std::path::Path;

/// The repository, when there is one; `--versions TAG` needs it.
pub fn open_repo(root: &Path, selection: &Selection, warnings: &mut Vec<String>) -> Result<Option<Repo>> {
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
pub fn releases(
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
pub fn left_out(error: &Error) -> String {
    match error {
        Error::ReleaseUnreadable { tag, source, .. } => format!("release {tag} is left out: {source}"),
        other => other.to_string(),
    }
}

/// Which releases (indices, oldest first) are rendered, and which are loaded (those, plus the
/// release before each: its changes are shown against it).
#[derive(Debug)]
pub struct Plan {
    pub render: BTreeSet<usize>,
    pub load: BTreeSet<usize>,
    pub latest: Option<usize>,
}

impl Plan {
    /// The releases to load so that `rendered` can be rendered: each, the release before it
    /// (its changes are shown against it), and the latest when the working tree is built (so
    /// are its changes).
    pub fn needs(&self, rendered: &[usize], current: bool) -> BTreeSet<usize> {
        let mut load: BTreeSet<usize> = rendered.iter().flat_map(|&i| [i.checked_sub(1), Some(i)]).flatten().collect();
        if current {
            load.extend(self.latest);
        }
        load
    }
}

pub fn plan(releases: &[Release], selection: &Selection, glob: &str) -> Result<Plan> {
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
