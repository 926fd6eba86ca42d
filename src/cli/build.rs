//! `qms build [PATH]`: renders the working tree as the version `current` into `DIR/current/`,
//! with a root `index.html` that opens it. The site is built beside `DIR` and swapped into
//! place at the end, so a failed build leaves the previous site as it was.

use super::{CliError, ExitStatus, parse_today, print_with, today_or_now};
use crate::error::Error;
use crate::model::{Date, review_schedule};
use crate::project::Project;
use crate::render::{self, SiteInput, Theme, VersionView};
use crate::source::{Source, Worktree};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The QMS root (the folder holding qms.toml, or any folder below it).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The output folder (default: `site/` in the QMS root). Replaced as a whole.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The date review states and pending documents are shown as of (default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
}

/// Marks a folder as a site `qms build` made, so it may replace it.
const MARKER: &str = ".qms-site";

pub fn run(args: &BuildArgs) -> Result<ExitStatus, CliError> {
    let project = Project::open(&args.path)?;
    let today = today_or_now(args.today);
    let root = project.config.root.clone();
    let out = std::path::absolute(args.out.clone().unwrap_or_else(|| root.join("site")))
        .map_err(|source| Error::WriteFile { path: PathBuf::from("site"), source })?;
    check_output(&out, &root, &root.join(&project.config.documents))?;
    let (theme, mut warnings) = Theme::load(&root.join("theme"))?;
    let matrix = project.trace(today);
    let register = &project.loaded.register;
    let reviews = review_schedule(register, &project.config.review, today, project.config.review.due_soon);
    let source = Worktree::new(root.clone(), &project.config.documents);
    let read_file = |path: &str| source.read(path).ok();
    let version = VersionView {
        label: "current".to_owned(),
        commit: None,
        released: false,
        // The working tree is not a release: its pages say so.
        is_latest: false,
        date: Some(today),
        documents: VersionView::documents_of(register),
    };
    let input = SiteInput {
        config: &project.config,
        register,
        files: project.files(),
        matrix: &matrix,
        reviews: &reviews,
        today,
        versions: vec![version.clone()],
        version: version.clone(),
        revisions: BTreeMap::new(),
        changes: None,
        read_file: &read_file,
        theme: &theme,
    };
    let staging = sibling(&out, "building");
    remove_dir(&staging)?;
    let built = render::render_version(&input, &staging.join(version.dir()))
        .and_then(|rendered| render::write_root_index(&theme, &project.config, &version, &staging).map(|()| rendered))
        .and_then(|rendered| write_marker(&staging).map(|()| rendered));
    let rendered = match built {
        Ok(rendered) => rendered,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error.into());
        }
    };
    swap_into_place(&staging, &out)?;
    warnings.extend(rendered.warnings);
    print_warnings(&warnings);
    print_with(|w| {
        writeln!(
            w,
            "built {} ({} documents, {} files in {})",
            out.display(),
            register.len(),
            rendered.files.len(),
            version.dir()
        )
    })?;
    Ok(ExitStatus::Success)
}

/// Refuses an output folder that would swallow the sources, or a folder `qms build` did not make.
fn check_output(out: &Path, root: &Path, documents: &Path) -> Result<(), Error> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let target = canonical(out);
    if canonical(root).starts_with(&target) || canonical(documents).starts_with(&target) {
        return Err(Error::InvalidArgument {
            message: format!(
                "--out {} holds the QMS sources; choose a folder of its own, such as site/",
                out.display()
            ),
        });
    }
    let Ok(meta) = std::fs::symlink_metadata(out) else { return Ok(()) };
    let empty = meta.is_dir() && std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none());
    if !meta.is_dir() || !(empty || out.join(MARKER).is_file()) {
        return Err(Error::InvalidArgument {
            message: format!(
                "refusing to replace {}: it is not a site built by `qms build` (no {MARKER} file); choose a new or empty folder",
                out.display()
            ),
        });
    }
    Ok(())
}

/// `<parent>/.<name>.<suffix>`: hidden, so the document loader never walks it.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

fn write_marker(site: &Path) -> crate::Result<()> {
    let path = site.join(MARKER);
    std::fs::write(&path, "built by qms\n").map_err(|source| Error::WriteFile { path, source })
}

fn remove_dir(dir: &Path) -> crate::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::WriteFile { path: dir.to_path_buf(), source })
        }
        _ => Ok(()),
    }
}

/// Moves the finished `staging` folder to `out`, keeping the previous site until the new one
/// is in place.
fn swap_into_place(staging: &Path, out: &Path) -> crate::Result<()> {
    let previous = sibling(out, "previous");
    remove_dir(&previous)?;
    let had_site = out.exists();
    if had_site {
        std::fs::rename(out, &previous).map_err(|source| Error::WriteFile { path: out.to_path_buf(), source })?;
    }
    if let Err(source) = std::fs::rename(staging, out) {
        if had_site {
            let _ = std::fs::rename(&previous, out);
        }
        return Err(Error::WriteFile { path: out.to_path_buf(), source });
    }
    remove_dir(&previous)
}

#[allow(clippy::print_stderr)]
fn print_warnings(warnings: &[String]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}
