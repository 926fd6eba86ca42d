//! `qms build [PATH]`: the static site of every release and of the working tree, built beside
//! the output folder and swapped into place ([`crate::publish`]).

use super::{CliError, ExitStatus, parse_today, print_with, progress, today_or_now};
use crate::error::Error;
use crate::model::Date;
use crate::publish::{self, Options, Selection};
use crate::report::escape::{SUBJECT_LIMIT, clip, terminal, terminal_message};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The QMS root (the folder holding qms.toml, or any folder below it).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The output folder (default: `site/` in the QMS root). Replaced as a whole.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Which versions to build: `all` (every release tag plus the working tree), `current` (the
    /// working tree), or release tags separated by commas (`v2026.1,v2026.2,current`).
    #[arg(long, value_name = "all|current|TAG,...", default_value = "all", value_parser = Selection::parse)]
    versions: Selection,
    /// The date the working tree's review states and pending documents are shown as of (default:
    /// the system date). Each release is shown as of its tag's commit date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
    /// A folder kept between builds (in CI, with its cache action): each release's folder is
    /// stored there after the build, and a later build reuses it when nothing it depends on
    /// changed, as it reuses those of the previous site in the output folder.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
}

pub fn run(args: &BuildArgs) -> Result<ExitStatus, CliError> {
    let out = args
        .out
        .as_ref()
        .map(std::path::absolute)
        .transpose()
        .map_err(|source| Error::WriteFile { path: args.out.clone().unwrap_or_default(), source })?;
    let absolute =
        |path: &PathBuf| std::path::absolute(path).map_err(|source| Error::WriteFile { path: path.clone(), source });
    let cache = args.cache.as_ref().map(absolute).transpose()?;
    let options = Options {
        path: args.path.clone(),
        out,
        versions: args.versions.clone(),
        today: today_or_now(args.today),
        cache,
    };
    stop_cleanly_on_signals();
    let progress = progress::Line::for_terminal(false);
    let published = publish::publish_with(&options, &progress)?;
    progress.clear();
    print_warnings(&published.warnings);
    print_with(|w| {
        let out = shown(&published.out).display().to_string();
        writeln!(w, "built {} ({} files)", terminal(&out), published.files)?;
        for version in &published.versions {
            let commit = version.commit.as_deref().map_or("no commit", |c| c.get(..10).unwrap_or(c));
            let label = terminal(&clip(&version.label, SUBJECT_LIMIT)).into_owned();
            let reused = if version.reused { ", reused" } else { "" };
            writeln!(w, "  {label:<16} {} documents, {} files ({commit}{reused})", version.documents, version.files)?;
        }
        if !published.warnings.is_empty() {
            writeln!(w, "{} warnings", published.warnings.len())?;
        }
        Ok(())
    })?;
    Ok(ExitStatus::Success)
}

/// `path` relative to the current folder when it lies below it, as the user would type it.
fn shown(path: &std::path::Path) -> PathBuf {
    let here = std::env::current_dir().ok().and_then(|here| here.canonicalize().ok());
    let path_canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    here.and_then(|here| path_canonical.strip_prefix(here).ok().map(std::path::Path::to_path_buf))
        .filter(|relative| !relative.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}

/// SIGINT, SIGTERM and SIGHUP stop the build cleanly: the staging folder is removed and the
/// previous site left as it was ([`crate::interrupt`]); the exit code is 128 + the signal.
#[cfg(unix)]
fn stop_cleanly_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            #[allow(clippy::exit)]
            crate::interrupt::request(signal, || {
                progress::erase_before_exit();
                std::process::exit(128 + signal)
            });
        }
    });
}

#[cfg(not(unix))]
fn stop_cleanly_on_signals() {}

#[allow(clippy::print_stderr)]
fn print_warnings(warnings: &[String]) {
    for warning in warnings {
        eprintln!("warning: {}", terminal_message(warning));
    }
}
