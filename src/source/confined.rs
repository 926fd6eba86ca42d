//! The one symbolic-link policy of every place `qms` reads from disk (documents and the files
//! they link to, the documents folder itself, `theme/`, `standards/`, the folder `qms new`
//! writes into): a path below the QMS root is used only when each of its components is a real
//! file or folder. A symbolic link anywhere on the way is never followed, and the caller reports
//! it once, by the path of the link.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Why a path below the QMS root was not used.
#[derive(Debug)]
pub enum Refused {
    /// A component of the path is a symbolic link: its path, relative to the root.
    Symlink { path: String },
    /// The path is absolute or climbs out of the root with `..`.
    Outside,
    /// Reading failed (including "not found").
    Io(io::Error),
}

impl Refused {
    pub fn is_not_found(&self) -> bool {
        matches!(self, Refused::Io(error) if error.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Symlink { path } => write!(f, "{path} is a symbolic link, which qms never follows"),
            Refused::Outside => f.write_str("the path leaves the QMS root"),
            Refused::Io(error) => error.fmt(f),
        }
    }
}

impl From<Refused> for io::Error {
    fn from(refused: Refused) -> io::Error {
        match refused {
            Refused::Io(error) => error,
            other => io::Error::new(io::ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

/// `relative` (`/`-separated, below `root`) on disk, once every component has been seen to be a
/// real file or folder. The last component must exist; the root itself is the user's choice and
/// is taken as given.
pub fn real_path(root: &Path, relative: &str) -> Result<PathBuf, Refused> {
    let mut current = root.to_path_buf();
    let mut walked = Vec::new();
    for component in Path::new(relative).components() {
        match component {
            Component::Normal(name) => {
                current.push(name);
                walked.push(name.to_string_lossy());
            }
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return Err(Refused::Outside),
        }
        let meta = current.symlink_metadata().map_err(Refused::Io)?;
        if meta.file_type().is_symlink() {
            return Err(Refused::Symlink { path: walked.join("/") });
        }
    }
    Ok(current)
}

/// The bytes of the regular file at `relative`.
pub fn read(root: &Path, relative: &str) -> Result<Vec<u8>, Refused> {
    let path = real_path(root, relative)?;
    if !path.is_file() {
        return Err(Refused::Io(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file")));
    }
    std::fs::read(path).map_err(Refused::Io)
}

/// The folder at `relative`: `Ok(None)` when there is none.
pub fn folder(root: &Path, relative: &str) -> Result<Option<PathBuf>, Refused> {
    match real_path(root, relative) {
        Ok(path) if path.is_dir() => Ok(Some(path)),
        Ok(_) => Ok(None),
        Err(refused) if refused.is_not_found() => Ok(None),
        Err(refused) => Err(refused),
    }
}

/// The regular files directly in a folder, and the symbolic links found there (not followed).
#[derive(Debug, Default)]
pub struct Listing {
    /// Relative to the root, `/`-separated, sorted.
    pub files: Vec<String>,
    /// The symbolic links, relative to the root, sorted.
    pub not_followed: Vec<String>,
}

/// Lists the regular files of the folder `relative` (and its subfolders when `recursive`) whose
/// names end in `.{extension}` (any name when empty), and the symbolic links met on the way. A
/// folder that is itself a symbolic link is `Err(Refused::Symlink)`; an absent one lists nothing.
pub fn list(root: &Path, relative: &str, extension: &str, recursive: bool) -> Result<Listing, Refused> {
    let Some(dir) = folder(root, relative)? else { return Ok(Listing::default()) };
    let mut listing = Listing::default();
    let walker = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .follow_root_links(false)
        .max_depth(if recursive { usize::MAX } else { 1 })
        .sort_by_file_name();
    for entry in walker.min_depth(1) {
        let entry = entry.map_err(|e| Refused::Io(e.into()))?;
        let below = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let path = below.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if entry.path_is_symlink() {
            listing.not_followed.push(path);
        } else if entry.file_type().is_file()
            && (extension.is_empty() || Path::new(&path).extension().is_some_and(|e| e.eq_ignore_ascii_case(extension)))
        {
            listing.files.push(path);
        }
    }
    Ok(listing)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_symlink_anywhere_on_the_path_is_refused_by_name() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        std::fs::create_dir_all(root.path().join("docs/real")).unwrap();
        std::fs::write(root.path().join("docs/real/a.md"), "a").unwrap();
        symlink(outside.path(), root.path().join("docs/link")).unwrap();
        symlink(outside.path().join("secret"), root.path().join("docs/real/file.md")).unwrap();

        assert_eq!(read(root.path(), "docs/real/a.md").unwrap(), b"a");
        let refused = |relative| match read(root.path(), relative) {
            Err(Refused::Symlink { path }) => path,
            other => panic!("{relative}: {other:?}"),
        };
        assert_eq!(refused("docs/link/secret"), "docs/link");
        assert_eq!(refused("docs/real/file.md"), "docs/real/file.md");
        assert!(matches!(read(root.path(), "../secret"), Err(Refused::Outside)));
        assert!(matches!(read(root.path(), "/etc/passwd"), Err(Refused::Outside)));
        assert!(read(root.path(), "docs/missing.md").unwrap_err().is_not_found());
        assert!(matches!(folder(root.path(), "docs/link"), Err(Refused::Symlink { .. })));
        assert_eq!(folder(root.path(), "nowhere").unwrap(), None);

        let listing = list(root.path(), "docs", "md", true).unwrap();
        assert_eq!(listing.files, ["docs/real/a.md"]);
        assert_eq!(listing.not_followed, ["docs/link", "docs/real/file.md"]);
    }
}
