//! Tool failures: what stops `qms` from doing its job (exit code 2). Problems in the user's
//! documents are not errors; they are [`crate::diag::Diagnostic`]s.

use std::fmt;
use std::io;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every way a run can fail. Each message says what happened and how to fix it.
#[derive(Debug)]
pub enum Error {
    ConfigNotFound {
        dir: PathBuf,
    },
    ConfigRead {
        path: PathBuf,
        source: io::Error,
    },
    /// `qms.toml` is not valid TOML or has a bad value; `line`/`column` are 1-based.
    ConfigInvalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A standard catalog (`standards/*.toml`) is invalid; `line`/`column` are 1-based.
    CatalogInvalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// `[qms] standards` names a standard no catalog defines.
    UnknownStandard {
        path: PathBuf,
        line: usize,
        column: usize,
        id: String,
        /// Why it has none (a standard no organization is certified to) or the nearest id, and
        /// what to do: `standards::unknown_standard_advice`.
        hint: String,
    },
    /// `qms init` found an existing `qms.toml`.
    AlreadyInitialized {
        path: PathBuf,
    },
    /// A file could not be written.
    WriteFile {
        path: PathBuf,
        source: io::Error,
    },
    /// A symbolic link (never followed) or a file stands where a folder must be written.
    PathInTheWay {
        path: PathBuf,
        symlink: bool,
    },
    /// A command argument names something that does not exist (a type, a standard).
    InvalidArgument {
        message: String,
    },
    /// `qms adopt --commit` could not commit (no repository, staged changes, git refused).
    AdoptCommit {
        message: String,
    },
    /// The git repository could not be read where the command needs it (`--base`, `changes`).
    Git {
        source: crate::git::GitError,
    },
    /// A release to build names git objects that cannot be read (a partial or damaged clone).
    ReleaseUnreadable {
        tag: String,
        commit: String,
        source: crate::git::GitError,
    },
    DocumentsDirMissing {
        path: PathBuf,
        configured: String,
    },
    DocumentsDirOutsideRoot {
        configured: String,
    },
    /// `[qms] records` names a folder qms refuses to read (outside the root, through a link).
    RecordsDirRefused {
        configured: String,
        why: String,
    },
    /// The documents folder is, or passes through, a symbolic link (`path`, relative to the root).
    DocumentsDirSymlink {
        path: String,
        configured: String,
    },
    /// A file or folder could not be read.
    Read {
        path: PathBuf,
        source: io::Error,
    },
    /// A command needs git history (`--base`, `changes`, `--versions TAG`) and the QMS root is
    /// not in a git repository; `needed_for` says what needed it.
    NotARepository {
        root: PathBuf,
        needed_for: String,
    },
    /// `--out` names a folder that holds the QMS sources.
    OutputHoldsSources {
        out: PathBuf,
    },
    /// `--out` names a folder `qms build` did not make (no marker file), which it will not replace.
    NotASite {
        out: PathBuf,
    },
    /// A template (built-in or a theme override) does not compile or render.
    Template {
        /// "the theme override theme/document.html" or "the template `base.html`".
        which: String,
        /// tera's error and its causes, one per line.
        message: String,
        /// Whether the template is the user's own override.
        overridden: bool,
    },
    /// Another `qms build` holds the lock of the output folder.
    BuildLocked {
        out: PathBuf,
        lock: PathBuf,
    },
    /// The build was stopped by a signal (SIGINT, SIGTERM, SIGHUP); the previous site is intact.
    Interrupted {
        signal: i32,
    },
    Walk {
        path: PathBuf,
        source: walkdir::Error,
    },
    Write {
        source: io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::ConfigNotFound { dir } => write!(
                f,
                "no qms.toml in {} or any folder above it; pass the QMS root as PATH, or create one with `qms init`",
                dir.display()
            ),
            Error::ConfigRead { path, source } => {
                write!(f, "cannot read {}: {source}; check that the file is readable", path.display())
            }
            Error::ConfigInvalid { path, line, column, message }
            | Error::CatalogInvalid { path, line, column, message } => {
                write!(f, "{}:{line}:{column}: {message}", path.display())
            }
            Error::UnknownStandard { path, line, column, id, hint } => {
                write!(f, "{}:{line}:{column}: no catalog defines the standard \"{id}\"{hint}", path.display())
            }
            Error::DocumentsDirMissing { path, configured } => write!(
                f,
                "the documents folder {} does not exist; create it or set `[qms] documents` (now \"{configured}\") in qms.toml",
                path.display()
            ),
            Error::RecordsDirRefused { configured, why } => write!(
                f,
                "the records folder `[qms] records = \"{configured}\"` cannot be read: {why}; use a real folder inside the QMS root"
            ),
            Error::DocumentsDirOutsideRoot { configured } => write!(
                f,
                "`[qms] documents = \"{configured}\"` leaves the QMS root; use a folder inside it, such as \"docs\""
            ),
            Error::AlreadyInitialized { path } => write!(
                f,
                "{} already exists; `qms init` starts a new QMS, so run it in an empty folder (or edit the existing qms.toml)",
                path.display()
            ),
            Error::WriteFile { path, source } => {
                write!(f, "cannot write {}: {source}; check that the folder is writable", path.display())
            }
            Error::PathInTheWay { path, symlink: true } => write!(
                f,
                "{} is a symbolic link, and qms never writes through one (it could lead outside the QMS root); replace it with a real folder, or remove it",
                path.display()
            ),
            Error::PathInTheWay { path, symlink: false } => write!(
                f,
                "{} is a file where qms must create a folder; move the file aside and run the command again",
                path.display()
            ),
            Error::InvalidArgument { message } => f.write_str(message),
            Error::AdoptCommit { message } => write!(f, "qms adopt --commit: {message}"),
            Error::Git { source } => write!(f, "{source}"),
            Error::ReleaseUnreadable { tag, commit, source } => write!(
                f,
                "release {tag}{} cannot be built: {source}; the build stopped and the previous site is unchanged; to build without this release, exclude it with `--versions` (the releases to build, comma-separated, and `current`)",
                if commit.is_empty() { String::new() } else { format!(" ({})", commit.get(..10).unwrap_or(commit)) }
            ),
            Error::DocumentsDirSymlink { path, configured } => write!(
                f,
                "the documents folder \"{configured}\" is reached through the symbolic link {path}, and qms never follows symbolic links; replace the link with the folder itself, or set `[qms] documents` to the real folder inside the QMS root"
            ),
            Error::Read { path, source } => {
                write!(f, "cannot read {}: {source}; check its permissions", path.display())
            }
            Error::NotARepository { root, needed_for } => {
                write!(f, "{} is not in a git repository, so {needed_for} cannot be read", root.display())
            }
            Error::OutputHoldsSources { out } => {
                write!(f, "--out {} holds the QMS sources; choose a folder of its own, such as site/", out.display())
            }
            Error::NotASite { out } => write!(
                f,
                "refusing to replace {}: it is not a site built by `qms build` (no {} file); choose a new or empty folder",
                out.display(),
                crate::publish::SITE_MARKER
            ),
            Error::Template { which, message, overridden } => {
                let fix = if *overridden {
                    "fix it, or delete it to use the built-in one"
                } else {
                    "check any theme/ overrides it extends or includes; otherwise this is a bug in qms"
                };
                write!(f, "{which} could not be used ({fix}):\n{message}")
            }
            Error::BuildLocked { out, lock } => write!(
                f,
                "another qms build is writing {} (it holds the lock {}); wait for it to finish",
                out.display(),
                lock.display()
            ),
            Error::Interrupted { signal } => {
                write!(f, "interrupted by signal {signal}; the build was stopped and the previous site left as it was")
            }
            Error::Walk { path, source } => {
                write!(f, "cannot list {}: {source}; check the folder's permissions", path.display())
            }
            Error::Write { source } => write!(f, "cannot write the output: {source}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::ConfigRead { source, .. }
            | Error::Read { source, .. }
            | Error::Write { source }
            | Error::WriteFile { source, .. } => Some(source),
            Error::Walk { source, .. } => Some(source),
            Error::Git { source } | Error::ReleaseUnreadable { source, .. } => Some(source),
            _ => None,
        }
    }
}
