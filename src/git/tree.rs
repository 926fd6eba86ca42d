//! The history walk's tree comparison, on tree objects read raw: their entries are walked in
//! place (`<mode> <name>\0<id>`), without libgit2 parsing each tree into entries and the
//! bindings measuring each name. A commit of a long history is one or two trees of a few
//! hundred entries compared, thousands of times (issue 18).

use super::{BlobId, FileChange, is_file};
use git2::{ObjectType, Odb, OdbObject, Oid};
use std::cmp::Ordering;
use std::collections::HashMap;

/// A folder's mode, as libgit2 reports it.
const TREE: i32 = 0o040_000;

/// The trees of the last commit read, by folder: a commit's old trees are, on a linear
/// history, the new trees of the commit just before, and libgit2 does not cache trees of more
/// than 4 KiB. One tree per folder keeps memory flat however long the history.
pub(super) struct TreeCache<'o> {
    odb: &'o Odb<'o>,
    latest: HashMap<String, OdbObject<'o>>,
}

impl<'o> TreeCache<'o> {
    pub(super) fn new(odb: &'o Odb<'o>) -> Self {
        TreeCache { odb, latest: HashMap::new() }
    }

    /// The tree `id`, taken from the cache when it is the latest of `dir`.
    fn take(&mut self, id: Oid, dir: &str) -> Result<OdbObject<'o>, git2::Error> {
        if self.latest.get(dir).is_some_and(|tree| tree.id() == id)
            && let Some(tree) = self.latest.remove(dir)
        {
            return Ok(tree);
        }
        let object = self.odb.read(id)?;
        if object.kind() != ObjectType::Tree {
            return Err(git2::Error::from_str(&format!("object {id} is not a tree")));
        }
        Ok(object)
    }

    /// The files that differ between trees `old` and `new` (either may be absent), with paths
    /// under `dir`. Subtrees with the same id are skipped unread, which is what makes one diff
    /// per commit cheap.
    pub(super) fn diff(
        &mut self,
        old: Option<Oid>,
        new: Option<Oid>,
        dir: &str,
        out: &mut Vec<FileChange>,
    ) -> Result<(), git2::Error> {
        let old = old.map(|id| self.take(id, dir)).transpose()?;
        let new = new.map(|id| self.take(id, dir)).transpose()?;
        let (old_data, new_data) =
            (old.as_ref().map_or(&[][..], OdbObject::data), new.as_ref().map_or(&[][..], OdbObject::data));
        // A commit changes a few entries of a tree: the entries before the first differing
        // byte, and those after the last, are the same in both trees and are passed unread.
        let start = whole_entries(new_data, common_prefix(old_data, new_data))?;
        let (mut before, mut after) = (Entries(&old_data[start..]), Entries(&new_data[start..]));
        let same_tail = common_suffix(before.0, after.0);
        let (mut a, mut b) = (before.next()?, after.next()?);
        while a.is_some() || b.is_some() {
            let tail = |entry: &Option<Entry<'_>>, rest: &Entries<'_>| {
                entry.as_ref().map_or(0, |e| e.raw.len()) + rest.0.len()
            };
            if tail(&a, &before) == tail(&b, &after) && tail(&a, &before) <= same_tail {
                break;
            }
            if let (Some(x), Some(y)) = (&a, &b)
                && x.raw == y.raw
            {
                (a, b) = (before.next()?, after.next()?);
                continue;
            }
            let order = match (&a, &b) {
                (Some(a), Some(b)) => tree_order(a, b),
                (Some(_), None) => Ordering::Less,
                (None, _) => Ordering::Greater,
            };
            let (x, y) = match order {
                Ordering::Less => (a.take(), None),
                Ordering::Greater => (None, b.take()),
                Ordering::Equal => (a.take(), b.take()),
            };
            if x.is_some() {
                a = before.next()?;
            }
            if y.is_some() {
                b = after.next()?;
            }
            if let (Some(x), Some(y)) = (&x, &y)
                && x.id() == y.id()
                && x.mode() == y.mode()
            {
                continue;
            }
            let Some(name) = y.as_ref().or(x.as_ref()).map(|e| String::from_utf8_lossy(e.name())) else { break };
            let path = format!("{dir}{name}");
            let tree = |e: &Option<Entry<'_>>| e.as_ref().filter(|e| e.mode() == TREE).map(Entry::oid).transpose();
            let (old_tree, new_tree) = (tree(&x)?, tree(&y)?);
            if old_tree.is_some() || new_tree.is_some() {
                self.diff(old_tree, new_tree, &format!("{path}/"), out)?;
            }
            let file = |e: &Option<Entry<'_>>| e.as_ref().filter(|e| is_file(e.mode())).map(Entry::oid).transpose();
            let (old_file, new_file) = (file(&x)?.map(BlobId), file(&y)?.map(BlobId));
            if (old_file.is_some() || new_file.is_some()) && old_file != new_file {
                out.push(FileChange { path, old: old_file, new: new_file });
            }
        }
        match new {
            Some(tree) => self.latest.insert(dir.to_owned(), tree),
            None => self.latest.remove(dir),
        };
        Ok(())
    }
}

/// One entry of a tree object, `<mode> <name>\0<id>`, decoded only when it is asked for.
struct Entry<'a> {
    /// The whole entry.
    raw: &'a [u8],
    /// Where the space after the mode is.
    space: usize,
    /// Where the NUL after the name is.
    nul: usize,
}

impl Entry<'_> {
    /// The mode as libgit2 reports it (`git_tree_entry_filemode`): normalized.
    fn mode(&self) -> i32 {
        normalize(self.raw[..self.space].iter().fold(0, |mode, digit| mode * 8 + i32::from(digit - b'0')))
    }

    fn name(&self) -> &[u8] {
        &self.raw[self.space + 1..self.nul]
    }

    fn id(&self) -> &[u8] {
        &self.raw[self.nul + 1..]
    }

    fn oid(&self) -> Result<Oid, git2::Error> {
        Oid::from_bytes(self.id())
    }
}

/// The entries of a tree object's data, in their stored order.
struct Entries<'a>(&'a [u8]);

impl<'a> Entries<'a> {
    /// The next entry; an error for data that is not a tree (as libgit2 would refuse it).
    fn next(&mut self) -> Result<Option<Entry<'a>>, git2::Error> {
        const ID: usize = 20;
        let data = self.0;
        if data.is_empty() {
            return Ok(None);
        }
        let corrupt = || git2::Error::from_str("failed to parse tree: object is corrupted");
        // A mode has at most six octal digits (libgit2 refuses one above 0xFFFF).
        let space = data.iter().take(7).position(|&b| b == b' ').ok_or_else(corrupt)?;
        let octal = &data[..space];
        if space == 0 || !octal.iter().all(|b| (b'0'..=b'7').contains(b)) || (space == 6 && octal[0] > b'1') {
            return Err(corrupt());
        }
        let nul = space + 1 + memchr::memchr(0, &data[space + 1..]).ok_or_else(corrupt)?;
        if nul == space + 1 || data.len() < nul + 1 + ID {
            return Err(corrupt());
        }
        let (raw, rest) = data.split_at(nul + 1 + ID);
        self.0 = rest;
        Ok(Some(Entry { raw, space, nul }))
    }
}

/// The length of the entries of `data` that end within its first `length` bytes.
fn whole_entries(data: &[u8], length: usize) -> Result<usize, git2::Error> {
    let mut entries = Entries(data);
    let mut end = 0;
    while let Some(entry) = entries.next()? {
        if end + entry.raw.len() > length {
            break;
        }
        end += entry.raw.len();
    }
    Ok(end)
}

/// How many bytes `a` and `b` have in common at their start.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let (words_a, _) = a.as_chunks::<8>();
    let (words_b, _) = b.as_chunks::<8>();
    let words = words_a.iter().zip(words_b).take_while(|(x, y)| x == y).count() * 8;
    words + a[words..].iter().zip(&b[words..]).take_while(|(x, y)| x == y).count()
}

/// How many bytes `a` and `b` have in common at their end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let (_, words_a) = a.as_rchunks::<8>();
    let (_, words_b) = b.as_rchunks::<8>();
    let words = words_a.iter().rev().zip(words_b.iter().rev()).take_while(|(x, y)| x == y).count() * 8;
    let (a, b) = (&a[..a.len() - words], &b[..b.len() - words]);
    words + a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// libgit2's `normalize_filemode`: a folder, an executable, a submodule, a link or a file.
fn normalize(mode: i32) -> i32 {
    const TYPE: i32 = 0o170_000;
    match mode & TYPE {
        TREE => TREE,
        _ if mode & 0o100 != 0 => 0o100_755,
        0o160_000 => 0o160_000,
        0o120_000 => 0o120_000,
        _ => 0o100_644,
    }
}

/// Git's order of tree entries: by name, a folder's name read with a `/` after it.
fn tree_order(a: &Entry<'_>, b: &Entry<'_>) -> Ordering {
    let (x, y) = (a.name(), b.name());
    let common = x.len().min(y.len());
    let next = |name: &[u8], entry: &Entry<'_>| {
        name.get(common).copied().unwrap_or_else(|| if entry.mode() == TREE { b'/' } else { 0 })
    };
    x[..common].cmp(&y[..common]).then_with(|| next(x, a).cmp(&next(y, b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use git2::{FileMode, Repository};

    #[test]
    fn entries_read_as_libgit2_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let blob = repo.blob(b"text\n").unwrap();
        let mut sub = repo.treebuilder(None).unwrap();
        sub.insert("x.md", blob, FileMode::Blob.into()).unwrap();
        let sub = sub.write().unwrap();
        let mut builder = repo.treebuilder(None).unwrap();
        for (name, mode) in [("a.md", FileMode::Blob), ("run.sh", FileMode::BlobExecutable), ("é.md", FileMode::Blob)]
        {
            builder.insert(name, blob, mode.into()).unwrap();
        }
        builder.insert("a", sub, FileMode::Tree.into()).unwrap();
        builder.insert("link", blob, FileMode::Link.into()).unwrap();
        let id = builder.write().unwrap();
        let tree = repo.find_tree(id).unwrap();
        let odb = repo.odb().unwrap();
        let object = odb.read(id).unwrap();
        let mut entries = Entries(object.data());
        for expected in &tree {
            let entry = entries.next().unwrap().unwrap();
            let (mode, name, id) = (entry.mode(), entry.name(), entry.oid().unwrap());
            assert_eq!((mode, name, id), (expected.filemode(), expected.name_bytes(), expected.id()));
        }
        assert!(entries.next().unwrap().is_none());
        assert!(Entries(b"100644 a.md").next().is_err());
        assert!(Entries(b"10x644 a.md\0aaaaaaaaaaaaaaaaaaaa").next().is_err());
        assert!(Entries(b"100644 a.md\0short").next().is_err());
        assert!(Entries(b"200000 a.md\0aaaaaaaaaaaaaaaaaaaa").next().is_err());
        assert!(Entries(b"177777 a.md\0aaaaaaaaaaaaaaaaaaaa").next().unwrap().is_some());
    }

    /// A tree of `files` (path → content), folders made as needed.
    fn tree(repo: &Repository, files: &[(&str, &str)]) -> Oid {
        let mut index = git2::Index::new().unwrap();
        for (path, content) in files {
            let id = repo.blob(content.as_bytes()).unwrap();
            let entry = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100_644,
                uid: 0,
                gid: 0,
                file_size: 0,
                id,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            index.add(&entry).unwrap();
        }
        index.write_tree_to(repo).unwrap()
    }

    #[test]
    fn the_diff_lists_what_libgit2_lists() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let names: Vec<String> = (0..40).map(|i| format!("d{}/f{i:02}.md", i % 3)).collect();
        let base: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "v1")).collect();
        let mut cases: Vec<Vec<(&str, &str)>> = vec![base.clone(), Vec::new()];
        for at in [0, 1, 20, 38, 39] {
            let mut changed = base.clone();
            changed[at].1 = "v2";
            cases.push(changed.clone());
            changed.remove(at);
            cases.push(changed);
        }
        let mut added = base.clone();
        added.extend([("d1/a.md", "new"), ("d1/zz.md", "new"), ("e/x.md", "x")]);
        cases.push(added);
        // A folder replaced by a file of the same name.
        let mut replaced: Vec<(&str, &str)> =
            base.iter().copied().filter(|(path, _)| !path.starts_with("d1/")).collect();
        replaced.push(("d1", "a file now"));
        cases.push(replaced);
        let odb = repo.odb().unwrap();
        for old in &cases {
            for new in &cases {
                let (old_id, new_id) = (tree(&repo, old), tree(&repo, new));
                let mut ours = Vec::new();
                TreeCache::new(&odb).diff(Some(old_id), Some(new_id), "", &mut ours).unwrap();
                let ours: Vec<(String, Option<BlobId>, Option<BlobId>)> =
                    ours.into_iter().map(|c| (c.path, c.old, c.new)).collect();
                let (a, b) = (repo.find_tree(old_id).unwrap(), repo.find_tree(new_id).unwrap());
                let diff = repo.diff_tree_to_tree(Some(&a), Some(&b), None).unwrap();
                let mut theirs: Vec<(String, Option<BlobId>, Option<BlobId>)> = diff
                    .deltas()
                    .map(|d| {
                        let side = |f: git2::DiffFile<'_>| (!f.id().is_zero()).then(|| BlobId(f.id()));
                        let path = d.new_file().path().or(d.old_file().path()).unwrap();
                        (path.to_str().unwrap().to_owned(), side(d.old_file()), side(d.new_file()))
                    })
                    .collect();
                theirs.sort();
                let mut sorted = ours.clone();
                sorted.sort();
                assert_eq!(sorted, theirs);
            }
        }
    }
}
