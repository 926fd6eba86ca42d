//! Every commit's changed files under one folder, read by git itself: `git rev-list` piped into
//! `git diff-tree --stdin`, git's own tree diff (what `git log --name-status` runs), in a process
//! beside ours while the commit graph is read with libgit2. On large trees git diffs several
//! times faster than libgit2 (whose pack cache is small). Without git, when it fails, or when
//! its answer is not one entry per commit of the walk, the walk diffs the trees with libgit2
//! instead ([`super::walk`]); a partial clone never asks git (it would fetch).

use super::{BlobId, FileChange, is_file};
use git2::Oid;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

/// The changes git found, by commit: against the first parent, every file for a root commit.
pub type ByCommit = HashMap<Oid, Vec<FileChange>>;

/// `git rev-list` and `git diff-tree` running; see [`Running::read`].
pub struct Running {
    list: Child,
    diff: Child,
    /// The folder inside the work tree with a trailing `/` (`qms/docs/`), `""` for all of it.
    base: String,
}

/// Starts git on the commits reachable from `head`, limited to `folder` (inside the work tree,
/// `""` for the whole tree); `None` when git cannot be run.
pub fn start(git_dir: &Path, head: Oid, folder: &str) -> Option<Running> {
    let git = |args: &[&str]| {
        let mut command = super::git_reader(git_dir);
        // A folder name is a path, not a pattern.
        command.arg("--literal-pathspecs").args(args);
        command
    };
    let mut list = git(&["rev-list", &head.to_string()]).stdin(Stdio::null()).stdout(Stdio::piped()).spawn().ok()?;
    let Some(ids) = list.stdout.take() else {
        stop(list);
        return None;
    };
    let mut args = vec!["diff-tree", "--stdin", "-r", "-z", "--no-renames", "--no-abbrev", "--root", "--always"];
    // A merge against its first parent: its net effect, as the libgit2 walk reads it.
    args.push("--diff-merges=first-parent");
    if !folder.is_empty() {
        args.extend(["--", folder]);
    }
    let Ok(diff) = git(&args).stdin(Stdio::from(ids)).stdout(Stdio::piped()).spawn() else {
        stop(list);
        return None;
    };
    let base = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    Some(Running { list, diff, base })
}

impl Running {
    /// Reads git's answer: each kept change (paths relative to the folder) is passed to `found`
    /// as soon as it is read. `None` when git failed or said something it should not.
    pub fn read(mut self, keep: &impl Fn(&str) -> bool, found: &impl Fn(&FileChange)) -> Option<ByCommit> {
        let out = self.diff.stdout.take()?;
        let read = parse(BufReader::with_capacity(1 << 16, out), &self.base, keep, found);
        let listed = self.list.wait().is_ok_and(|status| status.success());
        let diffed = self.diff.wait().is_ok_and(|status| status.success());
        read.filter(|_| listed && diffed)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        for child in [&mut self.list, &mut self.diff] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Parses `git diff-tree --stdin -r -z --always` output: each commit's id, then its raw diff
/// entries (`:<old mode> <new mode> <old id> <new id> <status>`, then the path).
fn parse(
    mut out: impl BufRead,
    base: &str,
    keep: &impl Fn(&str) -> bool,
    found: &impl Fn(&FileChange),
) -> Option<ByCommit> {
    let mut commits = ByCommit::new();
    let mut current: Option<Oid> = None;
    let mut field = Vec::new();
    loop {
        field.clear();
        if out.read_until(0, &mut field).ok()? == 0 {
            return Some(commits);
        }
        if field.pop() != Some(0) {
            return None;
        }
        // A commit's changes, when it has any, follow its id after a line break.
        let token = field.strip_prefix(b"\n").unwrap_or(&field);
        let Some(entry) = token.strip_prefix(b":") else {
            let id = Oid::from_str(std::str::from_utf8(token).ok()?).ok()?;
            if commits.insert(id, Vec::new()).is_some() {
                return None;
            }
            current = Some(id);
            continue;
        };
        let (old, new) = sides(entry)?;
        field.clear();
        if out.read_until(0, &mut field).ok()? == 0 || field.pop() != Some(0) {
            return None;
        }
        let path = String::from_utf8_lossy(&field);
        let path = path.strip_prefix(base)?;
        if old == new || !keep(path) {
            continue;
        }
        let change = FileChange { path: path.to_owned(), old, new };
        let changes = commits.get_mut(&current?)?;
        found(&change);
        changes.push(change);
    }
}

/// The regular file on each side of a raw diff entry (`None` where there is none, or a link or
/// a submodule).
fn sides(entry: &[u8]) -> Option<(Option<BlobId>, Option<BlobId>)> {
    let text = std::str::from_utf8(entry).ok()?;
    let mut fields = text.split(' ');
    let (old_mode, new_mode, old_id, new_id) = (fields.next()?, fields.next()?, fields.next()?, fields.next()?);
    fields.next()?;
    let side = |mode: &str, id: &str| -> Option<Option<BlobId>> {
        let mode = i32::from_str_radix(mode, 8).ok()?;
        let id = Oid::from_str(id).ok()?;
        Some(is_file(mode).then_some(BlobId(id)))
    };
    Some((side(old_mode, old_id)?, side(new_mode, new_id)?))
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    const A: &str = "1111111111111111111111111111111111111111";
    const B: &str = "2222222222222222222222222222222222222222";
    const BLOB: &str = "3333333333333333333333333333333333333333";
    const ZERO: &str = "0000000000000000000000000000000000000000";

    fn read(out: &str) -> Option<ByCommit> {
        let found = Cell::new(0);
        let keep = |path: &str| crate::source::is_document(path);
        let commits = parse(out.as_bytes(), "docs/", &keep, &|_: &FileChange| found.set(found.get() + 1))?;
        // Each change kept is passed on as it is read.
        assert_eq!(found.get(), commits.values().map(Vec::len).sum::<usize>());
        Some(commits)
    }

    #[test]
    fn each_commit_gets_its_files_under_the_folder_and_nothing_else() {
        let out = format!(
            "{A}\0\n:000000 100644 {ZERO} {BLOB} A\0docs/a.md\0:100644 120000 {BLOB} {BLOB} T\0docs/link.md\0\
             :100644 100755 {BLOB} {BLOB} M\0docs/same.md\0:000000 100644 {ZERO} {BLOB} A\0docs/image.png\0{B}\0"
        );
        let commits = read(&out).unwrap();
        let blob = BlobId(Oid::from_str(BLOB).unwrap());
        let a = &commits[&Oid::from_str(A).unwrap()];
        // A link is no file; a mode change alone changes no content; an image is not kept.
        let expected = [
            FileChange { path: "a.md".into(), old: None, new: Some(blob) },
            FileChange { path: "link.md".into(), old: Some(blob), new: None },
        ];
        assert_eq!(a, &expected);
        assert!(commits[&Oid::from_str(B).unwrap()].is_empty());
    }

    #[test]
    fn anything_else_than_git_would_say_is_refused() {
        for out in [
            format!("{A} missing\n"),
            format!("{A}\0{A}\0"),
            format!(":000000 100644 {ZERO} {BLOB} A\0docs/a.md\0"),
            format!("{A}\0\n:000000 100644 {ZERO} {BLOB} A\0elsewhere/a.md\0"),
            format!("{A}\0\n:000000 100644 {ZERO} {BLOB} A\0docs/a.md"),
            format!("{A}\0\n:000000 100644 {ZERO} A\0docs/a.md\0"),
        ] {
            assert!(read(&out).is_none(), "{out:?}");
        }
        assert_eq!(read("").map(|c| c.len()), Some(0));
    }
}
