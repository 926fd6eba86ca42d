//! Committing as the user would, with the `git` program: their identity, configuration and
//! hooks (`qms adopt --commit`). Nothing here reads history; that is `git2`'s, elsewhere.

use std::path::Path;
use std::process::Command;

/// `git ARGS` in `dir`: its standard output, or the reason it failed (its standard error).
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|error| format!("git cannot be run ({error})"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.trim();
        Err(if reason.is_empty() { format!("`git {}` failed", args.join(" ")) } else { reason.to_owned() })
    }
}

/// The paths staged in the index of the repository holding `dir` (relative to the repository).
pub fn staged(dir: &Path) -> Result<Vec<String>, String> {
    let listing = git(dir, &["diff", "--cached", "--name-only", "-z"])?;
    Ok(listing.split('\0').filter(|p| !p.is_empty()).map(str::to_owned).collect())
}

/// Stages `paths` (relative to `dir`) and commits exactly them with `message`; returns the new
/// commit's id.
pub fn commit_paths(dir: &Path, paths: &[String], message: &str) -> Result<String, String> {
    let mut add = vec!["add", "--"];
    add.extend(paths.iter().map(String::as_str));
    git(dir, &add)?;
    let mut commit = vec!["commit", "--quiet", "-m", message, "--"];
    commit.extend(paths.iter().map(String::as_str));
    git(dir, &commit)?;
    Ok(git(dir, &["rev-parse", "HEAD"])?.trim().to_owned())
}
