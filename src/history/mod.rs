//! Git history → [`crate::model::History`]: every document's revisions, read in one pass.
//!
//! One walk over the commits reachable from HEAD, oldest first, with one tree diff per commit
//! limited to the documents folder ([`Repo::changes`]), on several threads; meanwhile every
//! changed blob is read ([`Repo::blob_pipe`]) and parsed once, by blob id, with the loader the
//! working tree goes through. Then the revisions are filed by document id, so a move or rename
//! keeps a document's history (a file deleted and one added with the same id in one commit is a
//! move, whatever git's similarity says). The working tree's differences from HEAD become a
//! last, uncommitted revision. The records folder's versions are read the same way
//! (`records`). What cannot be proven (no repository, no commits, a shallow
//! clone, unreadable objects) becomes a note, never a failure.

mod arrivals;
mod record;
mod records;

use crate::config::Config;
use crate::git::{
    BlobId, BlobPipe, CommitChanges, CommitData, FileChange, GitError, Head, Repo, Signature, WorktreeChange,
};
use crate::load::split::{Split, split};
use crate::load::{FieldRules, MAX_FRONT_MATTER_BYTES, YamlNode, YamlValue, parse_yaml};
use crate::model::{CommitInfo, Date, History, Line, Person, RevisionMeta};
use crate::progress::{Progress, Quiet};
use crate::source::{MAX_DOCUMENT_BYTES, is_document};
use arrivals::Arrivals;
use foldhash::fast::FixedState;
use record::{Recorder, Side, Step};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Reads the history of the documents of the QMS at `root`. Never fails: what could not be
/// read is said in [`History::notes`].
pub fn read(root: &Path, config: &Config) -> History {
    read_with(root, config, &Quiet)
}

/// [`read`], telling `progress` how many commits have been walked.
pub fn read_with(root: &Path, config: &Config, progress: &dyn Progress) -> History {
    let mut history = History::default();
    let repo = match Repo::discover(root) {
        Ok(Some(repo)) => repo,
        Ok(None) => {
            history.notes.push("not a git repository: no history rules were applied".to_owned());
            return history;
        }
        Err(error) => {
            history.notes.push(format!("{error}; no history rules were applied"));
            return history;
        }
    };
    history.repository = true;
    history.shallow = repo.is_shallow();
    let Some(folder) = config.documents_folder() else {
        history.notes.push("the documents folder leaves the QMS root: no history rules were applied".to_owned());
        return history;
    };
    match repo.head() {
        Ok(Head::Commit { id, .. }) => history.head = Some(id),
        Ok(Head::Unborn) => history.notes.push(
            "the repository has no commits yet: every document is new and no approval can be proven from history"
                .to_owned(),
        ),
        Err(error) => history.notes.push(format!("{error}; the committed history was not read")),
    }
    let base = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    let reader = Reader { base, exclude: &config.exclude };
    let mut history = reader.read(&repo, &folder, history, progress);
    records::read(&repo, root, config, &mut history, progress);
    history.accepted.clone_from(&config.history.accepted);
    if let Some(since) = &config.history.since {
        mark_before_control(&repo, since, &mut history);
    }
    history
}

/// Marks the revisions made before `[history] since` (its ancestors, not itself) as before
/// control. A `since` that names no commit is kept for the checks to report, or noted in a
/// shallow clone, which may not hold it.
fn mark_before_control(repo: &Repo, since: &crate::diag::Spanned<String>, history: &mut History) {
    let before = match repo.resolve(&since.value).and_then(|commit| repo.ancestors(&commit)) {
        Ok(before) => before,
        Err(_) if history.shallow => {
            history.notes.push(format!(
                "`[history] since = \"{}\"` is not in this shallow clone; every revision it holds is judged",
                since.value
            ));
            return;
        }
        Err(_) => {
            history.unknown_since = Some(since.clone());
            return;
        }
    };
    let revisions = history.documents.values_mut().chain(history.unidentified.values_mut()).flatten();
    for revision in revisions {
        // Revisions from before the file had front matter stay before control either way.
        revision.before_control |= revision.commit.as_ref().is_some_and(|commit| before.contains(&commit.id));
    }
    for revision in history.records.values_mut().flatten() {
        revision.before_control = revision.commit.as_ref().is_some_and(|commit| before.contains(&commit.id));
    }
}

/// Reads and parses the documents of one folder.
struct Reader<'c> {
    /// The documents folder with a trailing `/` (`docs/`), `""` for the QMS root itself.
    base: String,
    /// `[qms] exclude`: files under the folder that are not documents.
    exclude: &'c crate::config::Exclude,
}

impl Reader<'_> {
    /// Files the committed and uncommitted changes under `folder` as revisions; what failed
    /// becomes a note. Every version of every document is read and parsed once, by blob id,
    /// while the walk goes on; the revisions are filed, in commit order, while the last
    /// versions are still being read.
    fn read(&self, repo: &Repo, folder: &str, mut history: History, progress: &dyn Progress) -> History {
        let asked: Mutex<HashSet<BlobId, FixedState>> = Mutex::default();
        let ask = |pipe: &BlobPipe<'_, _>, blob: BlobId| {
            if lock(&asked).insert(blob) {
                pipe.send(blob);
            }
        };
        let arrivals = Arrivals::default();
        let parsed = AtomicU64::new(0);
        let visit = |blob: BlobId, bytes: Result<&[u8], GitError>| {
            parsed.fetch_add(1, Ordering::Relaxed);
            progress.advance(1);
            arrivals.put(blob, bytes.ok().map(parse));
        };
        let threads = rayon::current_num_threads();
        let (mut history, unreadable) = std::thread::scope(|scope| {
            let pipe = repo.blob_pipe(scope, &visit);
            let mut commits = Vec::new();
            if history.head.is_some() {
                let found = |change: &FileChange| {
                    for blob in [change.old, change.new].into_iter().flatten() {
                        ask(&pipe, blob);
                    }
                };
                let keep = |path: &str| is_document(path) && !self.exclude.matches_below(&self.base, path);
                match repo.changes(folder, threads, keep, found, progress) {
                    Ok(walked) => commits = walked,
                    Err(error) => history.notes.push(format!("{error}; the committed history was not read")),
                }
            }
            let mut worktree = repo.uncommitted(folder).unwrap_or_else(|error| {
                history.notes.push(format!("{error}; uncommitted changes were not read"));
                Vec::new()
            });
            worktree
                .retain(|change| is_document(&change.path) && !self.exclude.matches_below(&self.base, &change.path));
            for change in &worktree {
                if let Some(blob) = change.head {
                    ask(&pipe, blob);
                }
            }
            // The versions found by the walk are still being read.
            progress.phase("reading document versions", "versions", lock(&asked).len() as u64);
            progress.advance(parsed.load(Ordering::Relaxed));
            let arrivals = &arrivals;
            let finishing = arrivals.finishing();
            let filing = scope.spawn(move || {
                // Only the versions the walk kept count: git may have named others before it was
                // found wrong and the trees were read instead.
                let sides = |change: &FileChange| [change.old, change.new];
                let mut used: HashSet<BlobId, FixedState> =
                    commits.iter().flat_map(|c| &c.changes).flat_map(sides).flatten().collect();
                used.extend(worktree.iter().filter_map(|change| change.head));
                let history = self.file(history, &commits, &worktree, arrivals);
                (history, used)
            });
            pipe.finish(repo, threads, &visit);
            drop(finishing);
            let (history, used) = filing.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let unreadable = arrivals.unreadable(used.iter());
            (history, unreadable)
        });
        if unreadable > 0 {
            history.notes.push(format!(
                "{unreadable} file versions could not be read from the repository (a partial clone?), so their \
                 front matter is unknown; fetch the missing objects to check them"
            ));
        }
        history
    }

    /// Files every change as a revision of its document, and notes what was uncommitted; each
    /// version's fields come from `arrivals`, waited for.
    fn file(
        &self,
        history: History,
        commits: &[CommitChanges],
        worktree: &[WorktreeChange],
        arrivals: &Arrivals,
    ) -> History {
        let unknown = Arc::new(RevisionMeta::default());
        let side = |path: &str, blob: Option<BlobId>| {
            blob.map(|blob| Side {
                path: format!("{}{path}", self.base),
                blob: Some(blob),
                meta: arrivals.get(blob).unwrap_or_else(|| Arc::clone(&unknown)),
            })
        };
        let mut recorder = Recorder { history, inherited: HashMap::new() };
        let mut boundary = Vec::new();
        for commit in commits {
            let info = commit_info(&commit.commit, commit.merge);
            let steps = commit.changes.iter().map(|c| Step { old: side(&c.path, c.old), new: side(&c.path, c.new) });
            let line = if commit.mainline { Line::Mainline } else { Line::MergedBranch };
            recorder.record(Some(&info), line, commit.boundary, steps.collect());
            if commit.boundary {
                boundary.push(info);
            }
        }
        let steps = worktree.iter().map(|change| {
            let path = format!("{}{}", self.base, change.path);
            let now = change.now.as_ref().map(|bytes| Side { path, blob: None, meta: Arc::new(parse(bytes)) });
            Step { old: side(&change.path, change.head), new: now }
        });
        let uncommitted = recorder.record(None, Line::Mainline, false, steps.collect());
        let mut history = recorder.history;
        if history.shallow {
            history.notes.push(shallow_note(&boundary));
        }
        if uncommitted > 0 {
            let count =
                if uncommitted == 1 { "1 document has".to_owned() } else { format!("{uncommitted} documents have") };
            let note = format!("{count} uncommitted changes; they are checked as the newest, uncommitted revision");
            history.notes.push(note);
        }
        history
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn shallow_note(boundary: &[Arc<CommitInfo>]) -> String {
    let cut: Vec<String> = boundary.iter().map(|c| format!("{} ({})", &c.id[..c.id.len().min(7)], c.date)).collect();
    let before = if cut.is_empty() { "its oldest commit".to_owned() } else { cut.join(", ") };
    format!(
        "the clone is shallow: history before {before} cannot be proven; run `git fetch --unshallow` to check all of it"
    )
}

/// The front matter and body hash of one version of a document. Only the front-matter block
/// is read, and of it only the fields a revision keeps: history needs no headings or links,
/// and reading every body of every version was most of the parsing time. Each step is the
/// loader's ([`crate::load::load_bytes`]); a test holds the two to the same fields.
fn parse(bytes: &[u8]) -> RevisionMeta {
    let unreadable = |bytes: &[u8]| RevisionMeta { body_hash: hash(bytes), ..RevisionMeta::default() };
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return unreadable(bytes);
    }
    let start = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let Split::Found { yaml, block } = split(&bytes[start..]) else {
        // No front matter, or one never closed: the loader reads no field from either.
        return unreadable(bytes);
    };
    let body = &bytes[start + block.end..];
    let (Ok(text), Ok(_)) = (std::str::from_utf8(&bytes[start..start + block.end]), std::str::from_utf8(body)) else {
        // The loader refuses the whole file, front matter included.
        return unreadable(bytes);
    };
    let body_hash = hash(body);
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return RevisionMeta { body_hash, ..RevisionMeta::default() };
    }
    let pairs = match parse_yaml(&text[yaml.clone()], yaml.start) {
        Ok(Some(YamlNode { value: YamlValue::Mapping(pairs), .. })) => pairs,
        Ok(None) => Vec::new(),
        // Not YAML, or not a mapping: the loader reads no field.
        Ok(Some(_)) | Err(_) => return RevisionMeta { body_hash, ..RevisionMeta::default() },
    };
    revision_meta(FieldRules::revision_fields(&pairs), body_hash)
}

/// The fields a revision keeps of a version's metadata.
fn revision_meta(meta: crate::model::Metadata, body_hash: u64) -> RevisionMeta {
    let value = |field: Option<crate::diag::Spanned<String>>| field.map(|f| f.value);
    RevisionMeta {
        id: value(meta.id),
        title: value(meta.title),
        version: meta.version.map(|v| v.value),
        status: meta.status.map(|s| s.value),
        approver: value(meta.approver),
        approved: meta.approved.map(|d| d.value),
        effective: meta.effective.map(|d| d.value),
        last_reviewed: meta.last_reviewed.map(|d| d.value),
        change: value(meta.change),
        body_hash,
    }
}

/// A fixed-seed hash: the same bytes hash the same on every thread and every run. foldhash
/// rather than `SipHash`: every version of every body is hashed, a hundred megabytes on a long
/// history, and the hash is only compared within one run (was the body changed?).
fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = FixedState::with_seed(0).build_hasher();
    hasher.write(bytes);
    hasher.finish()
}

/// A commit as its revisions show it: one shared by every revision it made.
fn commit_info(commit: &CommitData, merge: bool) -> Arc<CommitInfo> {
    let person = |s: &Signature| Person { name: s.name.clone(), email: s.email.clone() };
    Arc::new(CommitInfo {
        id: commit.id.clone(),
        time: commit.author.time,
        date: local_date(&commit.author),
        author: person(&commit.author),
        committer: person(&commit.committer),
        summary: commit.summary.clone(),
        message: commit.message.clone(),
        merge,
    })
}

/// The calendar date of a signature in its own UTC offset.
fn local_date(signature: &Signature) -> Date {
    use jiff::{Timestamp, tz::Offset};
    let offset = signature.offset_minutes.checked_mul(60).and_then(|s| Offset::from_seconds(s).ok());
    let time = Timestamp::from_second(signature.time).unwrap_or(Timestamp::UNIX_EPOCH);
    offset.unwrap_or(Offset::UTC).to_datetime(time).date()
}

#[cfg(test)]
mod tests;
