//! The records' history (for `record-altered`): one walk over the commits limited to the
//! records folder, every changed version read through the batch reader and parsed once by blob
//! id with the records' loader, then filed by record id (by path for a record without one), so a
//! renamed record keeps its history. The working tree's differences from HEAD become a last,
//! uncommitted version.

use super::{commit_info, hash, lock};
use crate::config::{Config, normalize_folder};
use crate::diag::FileId;
use crate::git::{BlobId, BlobPipe, FileChange, GitError, Repo};
use crate::model::{History, Line, RecordRevision, RecordState};
use crate::progress::Progress;
use crate::source::{MAX_DOCUMENT_BYTES, is_document};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;

/// What one version of a record's file says: its id (if readable) and its state.
type Parsed = (Option<String>, RecordState);

/// Reads the versions of every record into `history.records`; what failed becomes a note.
/// Without a records folder in the working tree at `root` there is no record to judge, and
/// the walk over every commit is skipped.
pub(super) fn read(repo: &Repo, root: &Path, config: &Config, history: &mut History, progress: &dyn Progress) {
    let Some(folder) = normalize_folder(&config.records.folder).filter(|folder| !folder.is_empty()) else { return };
    if !matches!(crate::source::confined::folder(root, &folder), Ok(Some(_))) {
        return;
    }
    let paths: Mutex<HashMap<BlobId, String>> = Mutex::default();
    let ask = |pipe: &BlobPipe<'_, _>, path: &str, blob: BlobId| {
        if let Entry::Vacant(slot) = lock(&paths).entry(blob) {
            slot.insert(path.to_owned());
            pipe.send(blob);
        }
    };
    let visit = |blob: BlobId, bytes: Result<&[u8], GitError>| {
        let path = lock(&paths).get(&blob).cloned().unwrap_or_default();
        bytes.ok().map(|bytes| parse(&path, bytes))
    };
    let base = format!("{folder}/");
    let keep = |path: &str| is_document(path) && !config.exclude.matches_below(&base, path);
    let threads = rayon::current_num_threads();
    let mut commits = Vec::new();
    let mut worktree = Vec::new();
    let parsed: HashMap<BlobId, Option<Parsed>> = std::thread::scope(|scope| {
        let pipe = repo.blob_pipe(scope, &visit);
        if history.head.is_some() {
            let found = |change: &FileChange| {
                for blob in [change.old, change.new].into_iter().flatten() {
                    ask(&pipe, &change.path, blob);
                }
            };
            match repo.changes(&folder, threads, keep, found, progress) {
                Ok(found) => commits = found,
                Err(error) => history.notes.push(format!("{error}; the records' history was not read")),
            }
        }
        worktree = repo.uncommitted(&folder).unwrap_or_else(|error| {
            history.notes.push(format!("{error}; uncommitted changes to records were not read"));
            Vec::new()
        });
        worktree.retain(|change| keep(&change.path));
        for change in &worktree {
            if let Some(blob) = change.head {
                ask(&pipe, &change.path, blob);
            }
        }
        pipe.finish(repo, threads, &visit).into_iter().collect()
    });
    let known = |blob: Option<BlobId>| blob.and_then(|blob| parsed.get(&blob).cloned().flatten());
    let mut filing = Filing { folder: &folder, records: &mut history.records };
    for commit in &commits {
        let info = commit_info(&commit.commit, commit.merge);
        let line = if commit.mainline { Line::Mainline } else { Line::MergedBranch };
        let sides = commit.changes.iter().map(|c| (c.path.as_str(), known(c.old), known(c.new)));
        filing.file(Some(&info), line, sides.collect());
    }
    let sides = worktree.iter().map(|change| {
        let now = change.now.as_ref().map(|bytes| parse(&change.path, bytes));
        (change.path.as_str(), known(change.head), now)
    });
    filing.file(None, Line::Mainline, sides.collect());
}

/// Files the versions one commit made under their records' ids.
struct Filing<'a> {
    folder: &'a str,
    records: &'a mut BTreeMap<String, Vec<RecordRevision>>,
}

impl Filing<'_> {
    /// `sides`: each changed file's path in the folder, what it was and what it is now.
    fn file(
        &mut self,
        commit: Option<&std::sync::Arc<crate::model::CommitInfo>>,
        line: Line,
        sides: Vec<(&str, Option<Parsed>, Option<Parsed>)>,
    ) {
        // A record moved in one commit is deleted under its old path and added under the new:
        // the version that exists wins over the deletion.
        let mut versions: BTreeMap<String, (String, Option<RecordState>)> = BTreeMap::new();
        for (path, old, new) in sides {
            let path = format!("{}/{path}", self.folder);
            let old_id = old.and_then(|(id, _)| id);
            let (new_id, state) = new.map_or((None, None), |(id, state)| (id, Some(state)));
            let key = new_id.or(old_id).unwrap_or_else(|| path.clone());
            match versions.entry(key) {
                std::collections::btree_map::Entry::Occupied(mut slot) if slot.get().1.is_none() => {
                    slot.insert((path, state));
                }
                std::collections::btree_map::Entry::Occupied(_) => {}
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert((path, state));
                }
            }
        }
        for (key, (path, state)) in versions {
            let revision = RecordRevision { commit: commit.cloned(), line, before_control: false, path, state };
            self.records.entry(key).or_default().push(revision);
        }
    }
}

/// The id and state of one version of a record's file; a version the loader cannot read is
/// not fixed and has no amendments.
fn parse(path: &str, bytes: &[u8]) -> Parsed {
    let hash = hash(bytes);
    let unread = (None, RecordState { fixed: false, amendments: Vec::new(), hash });
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return unread;
    }
    let Ok(text) = std::str::from_utf8(bytes) else { return unread };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(record) = crate::load::records::parse_record(FileId(0), path, text, &mut Vec::new()) else {
        return unread;
    };
    let state = RecordState { fixed: record.is_fixed(), amendments: record.amendment_dates.clone(), hash };
    (record.id().map(str::to_owned), state)
}
