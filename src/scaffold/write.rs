//! Writing new files below a root, the way `new` and `init` need it: every folder on the way is
//! a real folder (a symbolic link is refused, never followed), no file is overwritten, and what
//! was created can be taken back when a later step fails.

use crate::error::{Error, Result};
use std::io;
use std::path::{Component, Path, PathBuf};

/// The files and folders one command created, in order, so a failure can remove them again.
#[derive(Debug, Default)]
pub struct Created {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Created {
    /// Creates `root` (and the folders above it that are missing) if it does not exist; the root
    /// is the user's own argument, so a symbolic link to it is followed like any path given.
    pub fn root(&mut self, root: &Path) -> Result<()> {
        let missing: Vec<&Path> = root.ancestors().take_while(|p| !p.as_os_str().is_empty() && !p.exists()).collect();
        for folder in missing.into_iter().rev() {
            std::fs::create_dir(folder).map_err(|source| Error::WriteFile { path: folder.to_path_buf(), source })?;
            self.folders.push(folder.to_path_buf());
        }
        Ok(())
    }

    /// Makes `root/relative` a folder, creating what is missing; refuses a symbolic link or a
    /// file anywhere on the way. `relative` must stay inside `root`.
    pub fn folder(&mut self, root: &Path, relative: &Path) -> Result<PathBuf> {
        let mut current = root.to_path_buf();
        for component in relative.components() {
            match component {
                Component::Normal(name) => current.push(name),
                Component::CurDir => continue,
                _ => {
                    return Err(Error::DocumentsDirOutsideRoot { configured: relative.display().to_string() });
                }
            }
            match std::fs::symlink_metadata(&current) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(Error::PathInTheWay { path: current, symlink: true });
                }
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => return Err(Error::PathInTheWay { path: current, symlink: false }),
                Err(error) if error.kind() == io::ErrorKind::NotFound => {
                    std::fs::create_dir(&current)
                        .map_err(|source| Error::WriteFile { path: current.clone(), source })?;
                    self.folders.push(current.clone());
                }
                Err(source) => return Err(Error::WriteFile { path: current, source }),
            }
        }
        Ok(current)
    }

    /// Writes `root/relative` (a new file; its folders as [`Created::folder`] makes them).
    pub fn file(&mut self, root: &Path, relative: &Path, contents: &str) -> Result<PathBuf> {
        let folder = self.folder(root, relative.parent().unwrap_or(Path::new("")))?;
        let path = folder.join(relative.file_name().unwrap_or_default());
        write_new_file(&path, contents)?;
        self.files.push(path.clone());
        Ok(path)
    }

    /// Removes everything created, newest first (best effort: this runs after a failure).
    pub fn undo(self) {
        for file in self.files.iter().rev() {
            let _ = std::fs::remove_file(file);
        }
        for folder in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// Writes a new file in an existing folder; never overwrites a file and never writes through a
/// symbolic link (the file is created, not opened). A failed write leaves no partial file.
fn write_new_file(path: &Path, contents: &str) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| Error::WriteFile { path: path.to_path_buf(), source })?;
    io::Write::write_all(&mut file, contents.as_bytes()).map_err(|source| {
        let _ = std::fs::remove_file(path);
        Error::WriteFile { path: path.to_path_buf(), source }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_created_and_taken_back() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("docs")).unwrap();
        let mut created = Created::default();
        created.file(dir.path(), Path::new("docs/a/b/x.md"), "x").unwrap();
        assert!(dir.path().join("docs/a/b/x.md").is_file());
        assert!(matches!(created.file(dir.path(), Path::new("docs/a/b/x.md"), "y"), Err(Error::WriteFile { .. })));
        assert_eq!(std::fs::read_to_string(dir.path().join("docs/a/b/x.md")).unwrap(), "x", "not overwritten");
        created.undo();
        assert!(dir.path().join("docs").is_dir(), "what existed stays");
        assert!(!dir.path().join("docs/a").exists(), "what was created goes");
    }

    #[test]
    fn a_file_or_a_way_out_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("docs"), "").unwrap();
        let mut created = Created::default();
        assert!(matches!(
            created.folder(dir.path(), Path::new("docs/a")),
            Err(Error::PathInTheWay { symlink: false, .. })
        ));
        assert!(matches!(created.folder(dir.path(), Path::new("../up")), Err(Error::DocumentsDirOutsideRoot { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_on_the_way_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("docs")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("docs/procedures")).unwrap();
        let mut created = Created::default();
        let refused = created.file(dir.path(), Path::new("docs/procedures/deeper/x.md"), "x");
        assert!(
            matches!(&refused, Err(Error::PathInTheWay { path, symlink: true }) if path.ends_with("docs/procedures"))
        );
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
        // A dangling link where the file goes is not written through either.
        std::os::unix::fs::symlink(outside.path().join("x.md"), dir.path().join("docs/x.md")).unwrap();
        assert!(created.file(dir.path(), Path::new("docs/x.md"), "x").is_err());
        assert!(!outside.path().join("x.md").exists());
    }
}
