//! Scratch git repositories for history tests, built with the `git` command. Names, emails and
//! dates are fixed and user configuration is ignored, so every run makes the same commits.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A git repository in a temp dir whose QMS root is the top folder or a subfolder.
pub struct TestRepo {
    dir: tempfile::TempDir,
    /// The QMS root relative to the work tree: `""` or `"qms/"`.
    prefix: String,
}

impl TestRepo {
    /// A new repository (branch `main`, no commits) whose top folder is the QMS root, with a
    /// `qms.toml` and an empty `docs/` folder.
    pub fn new() -> Self {
        Self::with_root("")
    }

    /// A new repository whose QMS root is the folder `sub` (a monorepo).
    pub fn with_root(sub: &str) -> Self {
        let repo = Self::bare_worktree();
        let repo = TestRepo { prefix: if sub.is_empty() { String::new() } else { format!("{sub}/") }, ..repo };
        repo.write_root("qms.toml", "[organization]\nname = \"Test Ltd\"\n\n[qms]\ndocuments = \"docs\"\n");
        std::fs::create_dir_all(repo.root().join("docs")).unwrap();
        repo
    }

    /// An initialized repository with nothing in it.
    pub fn bare_worktree() -> Self {
        let repo = TestRepo { dir: tempfile::tempdir().expect("temp dir"), prefix: String::new() };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        repo
    }

    /// The work tree.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The QMS root (the folder holding `qms.toml`).
    pub fn root(&self) -> PathBuf {
        self.dir.path().join(&self.prefix)
    }

    /// Writes `contents` to `relative` (to the work tree), creating folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Writes `contents` to `relative` to the QMS root.
    pub fn write_root(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        self.write(&format!("{}{relative}", self.prefix), contents)
    }

    /// Writes a valid document (see [`super::valid_doc`]) at `relative` to the QMS root.
    pub fn doc(&self, relative: &str, id: &str, extra: &str, body: &str) -> &Self {
        self.write_root(relative, super::valid_doc(id, extra, body))
    }

    /// Deletes `relative` (to the QMS root) from the work tree, without staging.
    pub fn remove(&self, relative: &str) -> &Self {
        std::fs::remove_file(self.root().join(relative)).unwrap();
        self
    }

    /// `git mv`, paths relative to the QMS root, creating the target folder.
    pub fn mv(&self, from: &str, to: &str) -> &Self {
        std::fs::create_dir_all(self.root().join(to).parent().unwrap()).unwrap();
        self.git(&["mv", &format!("{}{from}", self.prefix), &format!("{}{to}", self.prefix)]);
        self
    }

    /// `git rm`, a path relative to the QMS root.
    pub fn rm(&self, relative: &str) -> &Self {
        self.git(&["rm", "--quiet", &format!("{}{relative}", self.prefix)]);
        self
    }

    /// Stages everything and commits as `author` (`Ada Lovelace` → `ada.lovelace@example.com`)
    /// on `date` (`2026-01-05`, at 10:00 UTC, or a full `2026-01-05T23:30:00+02:00`); the
    /// committer is always the same. Returns the commit id.
    pub fn commit(&self, message: &str, author: &str, date: &str) -> String {
        self.git(&["add", "--all"]);
        self.commit_staged(message, author, date)
    }

    /// Commits what is staged, as [`TestRepo::commit`] does.
    pub fn commit_staged(&self, message: &str, author: &str, date: &str) -> String {
        let date = if date.contains('T') { date.to_owned() } else { format!("{date}T10:00:00+00:00") };
        let email = format!("{}@example.com", author.to_lowercase().replace(' ', "."));
        let output = self
            .command(&["commit", "--quiet", "--allow-empty", "--no-verify", "-m", message])
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_AUTHOR_EMAIL", email)
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .output()
            .unwrap();
        assert!(output.status.success(), "git commit failed: {}", String::from_utf8_lossy(&output.stderr));
        self.rev_parse("HEAD")
    }

    /// A lightweight tag (`message` `None`) or an annotated one.
    pub fn tag(&self, name: &str, message: Option<&str>) -> &Self {
        match message {
            None => self.git(&["tag", name]),
            Some(message) => self.git(&["tag", "-a", name, "-m", message]),
        };
        self
    }

    /// Creates and switches to a new branch at HEAD.
    pub fn branch(&self, name: &str) -> &Self {
        self.git(&["switch", "--quiet", "-c", name]);
        self
    }

    pub fn switch(&self, name: &str) -> &Self {
        self.git(&["switch", "--quiet", name]);
        self
    }

    /// Merges `branch` into the current one with a merge commit, no conflicts expected.
    pub fn merge(&self, branch: &str, date: &str) -> String {
        let date = format!("{date}T10:00:00+00:00");
        let output = self
            .command(&["merge", "--quiet", "--no-ff", "--no-edit", branch])
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .output()
            .unwrap();
        assert!(output.status.success(), "git merge failed: {}", String::from_utf8_lossy(&output.stderr));
        self.rev_parse("HEAD")
    }

    /// Checks out `rev` with a detached HEAD.
    pub fn checkout_detached(&self, rev: &str) -> &Self {
        self.git(&["checkout", "--quiet", "--detach", rev]);
        self
    }

    /// A shallow clone holding the last `depth` commits, with the same QMS root.
    pub fn clone_shallow(&self, depth: u32) -> TestRepo {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("file://{}", self.path().display());
        let target = dir.path().to_str().unwrap().to_owned();
        self.git(&["clone", "--quiet", "--depth", &depth.to_string(), &url, &target]);
        TestRepo { dir, prefix: self.prefix.clone() }
    }

    /// The full id of `rev`.
    pub fn rev_parse(&self, rev: &str) -> String {
        self.git(&["rev-parse", rev]).trim().to_owned()
    }

    /// Runs git with `args` in the work tree; panics unless it succeeds. Returns stdout.
    pub fn git(&self, args: &[&str]) -> String {
        let output = self.command(args).output().expect("git runs");
        assert!(output.status.success(), "git {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command
            .args(["-c", "user.name=Test Committer", "-c", "user.email=committer@example.com"])
            .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "core.autocrlf=false"])
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Test Author")
            .env("GIT_AUTHOR_EMAIL", "author@example.com")
            .env("GIT_AUTHOR_DATE", "2026-01-01T10:00:00+00:00")
            .env("GIT_COMMITTER_DATE", "2026-01-01T10:00:00+00:00");
        command
    }

    /// The QMS root's configuration.
    pub fn config(&self) -> qms::config::Config {
        qms::config::load(&self.root()).expect("qms.toml is valid")
    }

    /// The history of the QMS root, as `qms` reads it.
    pub fn history(&self) -> qms::model::History {
        qms::history::read(&self.root(), &self.config())
    }
}
