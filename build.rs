//! Build script: a digest of the sources `qms` is compiled from (`src/`, `templates/`,
//! `Cargo.lock`), exposed as `QMS_SOURCE_DIGEST`. A release folder's reuse key holds it, so a
//! `qms` whose code renders differently never reuses a folder another `qms` built, even when
//! both carry the same version number.

use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let mut files = Vec::new();
    for root in ["src", "templates"] {
        println!("cargo:rerun-if-changed={root}");
        collect(Path::new(root), &mut files);
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    files.push(PathBuf::from("Cargo.lock"));
    files.sort();
    let mut digest = Sha256::new();
    for file in &files {
        let name = file.to_string_lossy().replace('\\', "/");
        let bytes = fs::read(file).unwrap_or_default();
        digest.update((name.len() as u64).to_le_bytes());
        digest.update(name.as_bytes());
        digest.update((bytes.len() as u64).to_le_bytes());
        digest.update(&bytes);
    }
    let mut hex = String::with_capacity(64);
    for byte in digest.finalize() {
        let _ = write!(hex, "{byte:02x}");
    }
    println!("cargo:rustc-env=QMS_SOURCE_DIGEST={hex}");
}

/// Every regular file below `folder`, links not followed.
fn collect(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            collect(&entry.path(), files);
        } else if kind.is_file() {
            files.push(entry.path());
        }
    }
}
