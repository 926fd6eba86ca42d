//! Writing an adoption plan all or nothing: new files (`qms.toml`, catalogs) are created without
//! overwriting anything; each document's new text (and the `.gitignore` taking the site) goes to
//! a hidden file beside it first and is then renamed over it, so a failure leaves every file as
//! it was.

use super::{Options, Plan};
use crate::error::{Error, Result};
use crate::scaffold::Created;
use std::path::{Path, PathBuf};

/// Writes `plan`; returns the files written (relative to the root). On failure nothing it
/// wrote is left and every document holds its old bytes.
pub fn apply(plan: &Plan, options: &Options) -> Result<Vec<String>> {
    let mut created = Created::default();
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut replaced: Vec<(PathBuf, &[u8])> = Vec::new();
    let result = write(plan, options, &mut created, &mut staged, &mut replaced);
    if result.is_err() {
        for (temporary, _) in &staged {
            let _ = std::fs::remove_file(temporary);
        }
        for (path, original) in &replaced {
            let _ = std::fs::write(path, original);
        }
        created.undo();
    }
    result
}

fn write<'p>(
    plan: &'p Plan,
    options: &Options,
    created: &mut Created,
    staged: &mut Vec<(PathBuf, PathBuf)>,
    replaced: &mut Vec<(PathBuf, &'p [u8])>,
) -> Result<Vec<String>> {
    let root = &plan.root;
    let mut written = Vec::new();
    for (relative, text) in &plan.catalogs {
        created.file(root, Path::new(relative), text)?;
        written.push(relative.clone());
    }
    // Every new text is on disk beside its document before any document changes.
    for document in &plan.documents {
        let path = root.join(&document.path);
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temporary = path.with_file_name(format!(".{name}.qms-adopt"));
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .map_err(|source| Error::WriteFile { path: temporary.clone(), source })?;
        staged.push((temporary.clone(), path.clone()));
        std::io::Write::write_all(&mut file, document.text(options).as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|source| Error::WriteFile { path: temporary.clone(), source })?;
    }
    for (document, (temporary, path)) in plan.documents.iter().zip(staged.iter()) {
        std::fs::rename(temporary, path).map_err(|source| Error::WriteFile { path: path.clone(), source })?;
        replaced.push((path.clone(), &document.original));
        written.push(document.path.clone());
    }
    staged.clear();
    match &plan.gitignore {
        Some((text, None)) => {
            created.file(root, Path::new(".gitignore"), text)?;
            written.push(".gitignore".to_owned());
        }
        Some((text, Some(before))) => {
            let path = root.join(".gitignore");
            crate::scaffold::replace_file(&path, text)?;
            replaced.push((path, before));
            written.push(".gitignore".to_owned());
        }
        None => {}
    }
    if let Some(text) = &plan.qms_toml {
        created.file(root, Path::new(crate::config::CONFIG_FILE), text)?;
        written.insert(0, crate::config::CONFIG_FILE.to_owned());
    }
    Ok(written)
}
