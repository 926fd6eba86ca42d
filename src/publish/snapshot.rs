//! One version of the controlled set, loaded: a release read straight from the git objects of
//! its tag (no checkout, the working tree untouched), or the working tree as `current`.
//!
//! A release's `qms.toml`, its `standards/*.toml` and its documents folder are read with
//! [`Repo::list_files`] and [`Repo::read_blobs`] into a [`MemorySource`]; everything else the
//! loader asks about (does a linked file exist?) is answered from the same tree. A tag whose
//! tree cannot be made into a project (no `qms.toml`, an invalid one, a documents folder that
//! leaves the QMS root) is skipped with a warning; a tag whose git objects cannot be read is
//! [`NotBuilt::Unreadable`], which fails the build unless the release is left out.

use crate::config::{self, Config};
use crate::git::{BlobId, FileKind, GitError, Repo, Tag, TreeFile};
use crate::load::Known;
use crate::model::Date;
use crate::project::Project;
use crate::render::{BodyDigests, body_digest};
use crate::source::{self, MAX_DOCUMENT_BYTES, MemorySource, Source, TextPool, Worktree};
use crate::standards::{self, Catalogs};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Where a version's files come from.
#[derive(Debug)]
pub enum Origin {
    /// The tree of a commit.
    Commit(String),
    /// The working tree on disk.
    Worktree(Worktree),
}

/// One loaded version.
#[derive(Debug)]
pub struct Snapshot {
    /// `current`, or the tag's name.
    pub label: String,
    /// The source commit: the tag's, or HEAD for the working tree (`None` before the first commit).
    pub commit: Option<String>,
    pub released: bool,
    /// The date the version is shown as of: the tag's commit date, or `--today`.
    pub today: Date,
    pub project: Project,
    pub origin: Origin,
    /// What was left out of the version, one sentence each (a release's symlinked documents).
    pub warnings: Vec<String>,
    /// The blob of each document file of a release, by path (none for the working tree): a
    /// later release's load need not read again a blob it shares with this one.
    pub blobs: HashMap<String, BlobId>,
    /// Each document body's digest, made once for the version (see [`Snapshot::body_digests`]).
    digests: OnceLock<BodyDigests>,
}

impl Snapshot {
    /// The bytes of a file of this version (`path` relative to the QMS root), for the files
    /// documents link to.
    pub fn read(&self, repo: Option<&Repo>, path: &str) -> Option<Vec<u8>> {
        match &self.origin {
            Origin::Commit(commit) => repo?.read_blob(commit, path).ok().flatten(),
            Origin::Worktree(worktree) => worktree.read(path).ok(),
        }
    }

    /// The digest of each document's body, by its file: made on every core on first use, then
    /// shared by the render cache's bookkeeping and the version's pages.
    pub fn body_digests(&self) -> &BodyDigests {
        self.digests.get_or_init(|| {
            let files = self.project.files();
            let documents = self.project.loaded.register.documents();
            documents
                .par_iter()
                .map(|document| {
                    let body = files.get(document.file).text.get(document.front_matter.end..).unwrap_or_default();
                    (document.file, body_digest(body))
                })
                .collect()
        })
    }

    /// Shares the texts of this version's files with the other versions' (`pool`): a file
    /// unchanged between two releases is held once.
    /// Texts no loaded version holds any more leave the pool.
    pub fn sharing(mut self, pool: &Mutex<TextPool>) -> Snapshot {
        let mut pool = pool.lock().unwrap_or_else(PoisonError::into_inner);
        pool.retain(|text| Arc::strong_count(text) > 1);
        self.project.loaded.files.share(&mut pool);
        drop(pool);
        self
    }

    /// The Markdown body of every document with an id, by id.
    pub fn body(&self, id: &str) -> Option<&str> {
        let document = self.project.loaded.register.by_id(id)?;
        let text = &self.project.files().get(document.file).text;
        text.get(document.front_matter.end..)
    }
}

/// A release tag whose `qms.toml` and catalogs were read: enough to know it can be built.
#[derive(Debug)]
pub struct Release {
    pub tag: Tag,
    pub config: Config,
    pub catalogs: Catalogs,
}

/// The calendar date (UTC) of a commit time.
pub fn date_of(time: i64) -> Date {
    let time = jiff::Timestamp::from_second(time).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    jiff::tz::Offset::UTC.to_datetime(time).date()
}

/// Why a release tag is not built.
#[derive(Debug)]
pub enum NotBuilt {
    /// It is no release of this QMS (no `qms.toml`, an invalid one…): the warning to print.
    Skipped(String),
    /// Its git objects cannot be read: the build must not go on without it unasked.
    Unreadable(crate::Error),
}

fn unreadable(tag: &Tag, source: GitError) -> NotBuilt {
    NotBuilt::Unreadable(crate::Error::ReleaseUnreadable { tag: tag.name.clone(), commit: tag.commit.clone(), source })
}

/// Reads the configuration and catalogs of the tree at `tag`. A second value is a warning that
/// did not stop the release.
pub fn read_release(repo: &Repo, root: &Path, tag: Tag) -> Result<(Release, Option<String>), NotBuilt> {
    let skipped =
        |why: String| NotBuilt::Skipped(format!("release {} ({}) is skipped: {why}", tag.name, short(&tag.commit)));
    let text = match repo.read_blob(&tag.commit, config::CONFIG_FILE) {
        Ok(Some(bytes)) => String::from_utf8(bytes).map_err(|_| skipped("its qms.toml is not UTF-8".to_owned()))?,
        Ok(None) => return Err(skipped("its tree has no qms.toml in the QMS root".to_owned())),
        Err(error) => return Err(unreadable(&tag, error)),
    };
    let config = config::parse(root, &text).map_err(|error| skipped(format!("its qms.toml is invalid: {error}")))?;
    if config.documents_folder().is_none() {
        return Err(skipped(format!("its documents folder \"{}\" leaves the QMS root", config.documents)));
    }
    let catalogs = catalogs_at(repo, &tag)?;
    Ok((Release { tag, config, catalogs }, None))
}

/// The catalogs of a release: the built-in ones plus the release's own `standards/*.toml`, as
/// they were at its tag.
fn catalogs_at(repo: &Repo, tag: &Tag) -> Result<Catalogs, NotBuilt> {
    let skipped =
        |why: String| NotBuilt::Skipped(format!("release {} ({}) is skipped: {why}", tag.name, short(&tag.commit)));
    let mut files = Vec::new();
    for file in repo.list_files(&tag.commit, "standards").map_err(|e| unreadable(tag, e))? {
        let is_catalog = file.kind == FileKind::File
            && file.path.strip_prefix("standards/").is_some_and(|n| {
                !n.contains('/') && Path::new(n).extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
            });
        if !is_catalog {
            continue;
        }
        let Some(bytes) = repo.read_blob(&tag.commit, &file.path).map_err(|e| unreadable(tag, e))? else { continue };
        let text = String::from_utf8(bytes).map_err(|_| skipped(format!("{} is not UTF-8", file.path)))?;
        files.push((std::path::PathBuf::from(format!("{}:{}", tag.name, file.path)), text));
    }
    files.sort();
    let mut catalogs = standards::builtin();
    catalogs.add_all(&files).map_err(|e| skipped(e.to_string()))?;
    Ok(catalogs)
}

/// Loads the documents of a release from its tree, through a repository handle of its own,
/// taking those of `known` (another version) that read the same as they are; a document whose
/// blob `known` holds already (see [`held_by`]) is not read from git at all.
pub fn load_release(root: &Path, release: Release, known: Option<&Snapshot>) -> Result<Snapshot, NotBuilt> {
    let Release { tag, config, catalogs } = release;
    let skipped =
        |why: String| NotBuilt::Skipped(format!("release {} ({}) is skipped: {why}", tag.name, short(&tag.commit)));
    let repo = match Repo::discover(root) {
        Ok(Some(repo)) => repo,
        Ok(None) => return Err(skipped("the repository could not be opened".to_owned())),
        Err(error) => return Err(unreadable(&tag, error)),
    };
    let folder = config.documents_folder().unwrap_or_default();
    let mut source = MemorySource::new(&folder);
    let files = repo.list_files(&tag.commit, "").map_err(|e| unreadable(&tag, e))?;
    let prefix = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    let mut documents = Vec::new();
    let is_document = |path: &str| path.strip_prefix(&prefix).is_some_and(source::is_document);
    // The records folder's Markdown files, read from the same tree into a source of their own.
    let records_folder = crate::config::normalize_folder(&config.records.folder).unwrap_or_default();
    let records_prefix = format!("{records_folder}/");
    let is_record = |path: &str| {
        !records_folder.is_empty()
            && path.strip_prefix(&records_prefix).is_some_and(|rest| rest.to_ascii_lowercase().ends_with(".md"))
    };
    let mut records = Vec::new();
    let mut record_source = MemorySource::new(&records_folder);
    // A symlink in a commit's tree points into some checkout, not into the release: the
    // document it stands for is not part of it.
    let warnings: Vec<String> = files
        .iter()
        .filter(|f| f.kind == FileKind::Symlink && is_document(&f.path))
        .map(|f| {
            format!(
                "release {}: {} is a symbolic link in git, not a document, and is left out; commit the document itself",
                tag.name, f.path
            )
        })
        .chain(files.iter().filter(|f| f.kind == FileKind::Symlink && is_record(&f.path)).map(|f| {
            format!(
                "release {}: {} is a symbolic link in git, not a record, and is left out; commit the record itself",
                tag.name, f.path
            )
        }))
        .collect();
    for file in files.iter().filter(|f| f.kind == FileKind::File) {
        if is_record(&file.path) && file.size > MAX_DOCUMENT_BYTES {
            // As for documents: the loader reports it by size alone.
            record_source.insert(file.path.clone(), vec![b' '; usize::try_from(MAX_DOCUMENT_BYTES + 1).unwrap_or(0)]);
        } else if is_record(&file.path) {
            records.push(file);
        }
        let document = is_document(&file.path);
        if document && file.size > MAX_DOCUMENT_BYTES {
            // Too large to load: the loader reports it by size alone, so its bytes stay unread.
            source.insert(file.path.clone(), vec![b' '; usize::try_from(MAX_DOCUMENT_BYTES + 1).unwrap_or(0)]);
        } else if document {
            documents.push(file);
        } else if !Path::new(&file.path).extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) {
            // Other files only answer "does this linked file exist?"; the site reads them from
            // git when it copies them.
            source.insert(file.path.clone(), Vec::new());
        }
    }
    let known = known.map(|snapshot| (snapshot, Known::of(&snapshot.project.loaded, &snapshot.project.config)));
    // A document whose blob a known version read already at the same path is not read again.
    let held: HashMap<&str, &Arc<str>> = known.as_ref().map_or_else(HashMap::new, |(snapshot, known)| {
        documents
            .par_iter()
            .filter_map(|file| held_by(snapshot, known, file).map(|text| (file.path.as_str(), text)))
            .collect()
    });
    let unread: Vec<&TreeFile> = documents
        .iter()
        .copied()
        .filter(|file| !held.contains_key(file.path.as_str()))
        .chain(records.iter().copied())
        .collect();
    // One read for all the others; two files with the same content share one blob.
    let mut blobs: Vec<BlobId> = unread.iter().map(|file| file.blob).collect();
    blobs.sort_unstable();
    blobs.dedup();
    let mut contents: HashMap<BlobId, Vec<u8>> = HashMap::new();
    for (blob, bytes) in repo.read_blobs(&blobs, 1, |_, bytes| bytes) {
        contents.insert(blob, bytes.map_err(|e| unreadable(&tag, e))?);
    }
    // Each blob's bytes move to the last file holding them; the others get a copy.
    let mut holders: HashMap<BlobId, usize> = HashMap::new();
    for file in &unread {
        *holders.entry(file.blob).or_default() += 1;
    }
    let mut take = |blob: &BlobId| -> Vec<u8> {
        let left = holders.get_mut(blob).map_or(0, |left| {
            *left -= 1;
            *left
        });
        if left == 0 {
            contents.remove(blob).unwrap_or_default()
        } else {
            contents.get(blob).cloned().unwrap_or_default()
        }
    };
    for file in &documents {
        let bytes = match held.get(file.path.as_str()) {
            Some(text) => text.as_bytes().to_vec(),
            None => take(&file.blob),
        };
        source.insert(file.path.clone(), bytes);
    }
    for file in &records {
        record_source.insert(file.path.clone(), take(&file.blob));
    }
    let release_blobs = documents.iter().map(|file| (file.path.clone(), file.blob)).collect();
    let known = known.map_or_else(Known::default, |(_, known)| known);
    let mut project =
        Project::from_source_known(config, catalogs, &source, &known).map_err(|e| skipped(e.to_string()))?;
    if !records_folder.is_empty() {
        project.load_records(&record_source).map_err(|e| skipped(e.to_string()))?;
    }
    Ok(Snapshot {
        label: tag.name.clone(),
        commit: Some(tag.commit.clone()),
        released: true,
        today: date_of(tag.time),
        project,
        origin: Origin::Commit(tag.commit),
        warnings,
        blobs: release_blobs,
        digests: OnceLock::new(),
    })
}

/// The text a known version read at the path of `file` when it holds exactly the blob of
/// `file`: the same blob id in that version's tree, or (for the working tree) the same id for
/// its bytes.
fn held_by<'k>(snapshot: &Snapshot, known: &Known<'k>, file: &TreeFile) -> Option<&'k Arc<str>> {
    let text = known.text(&file.path)?;
    let same = text.len() as u64 == file.size
        && match snapshot.blobs.get(&file.path) {
            Some(blob) => *blob == file.blob,
            None => BlobId::of(text.as_bytes()) == Some(file.blob),
        };
    same.then_some(text)
}

/// Loads the working tree as the version `current`, shown with `head` (HEAD's commit) as its commit.
pub fn load_current(root: &Path, today: Date, head: Option<String>) -> crate::Result<Snapshot> {
    let project = Project::open(root)?;
    let worktree = Worktree::new(project.config.root.clone(), &project.config.documents);
    Ok(Snapshot {
        label: CURRENT.to_owned(),
        commit: head,
        released: false,
        today,
        project,
        origin: Origin::Worktree(worktree),
        warnings: Vec::new(),
        blobs: HashMap::new(),
        digests: OnceLock::new(),
    })
}

/// The label and folder of the working tree's version.
pub const CURRENT: &str = "current";

pub fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}
