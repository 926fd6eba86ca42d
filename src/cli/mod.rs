//! The command line: argument definitions, dispatch, printing and exit codes. The only module
//! that prints, reads the clock or the environment, or decides the process's exit status.

mod adopt;
mod adopt_report;
mod build;
mod changes;
mod check;
mod cycle;
mod explain;
mod init;
mod new;
mod new_record;
mod progress;
mod register;
mod reviewed;
mod reviews;
mod trace;

use crate::error::Error;
use crate::model::Date;
use clap::{Parser, Subcommand};
use std::io::{self, Write};
use std::process::ExitCode;

/// Documentation-as-code for ISO management systems: check, trace and publish a controlled
/// document set kept as Markdown in git.
#[derive(Debug, Parser)]
#[command(name = "qms", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate the document set: metadata, identity, links, lifecycle, reviews.
    Check(check::CheckArgs),
    /// Clause × document matrix per enabled standard: coverage and gaps.
    Trace(trace::TraceArgs),
    /// Render the document set as a static site (works offline, from file://).
    Build(build::BuildArgs),
    /// The master document register, now or --as-of a date.
    Register(register::RegisterArgs),
    /// Document change notice between two revisions (A..B): added, withdrawn, revised.
    Changes(changes::ChangesArgs),
    /// The periodic review schedule: overdue, due soon, upcoming, per owner.
    Reviews(reviews::ReviewsArgs),
    /// The certification cycle: certificates, audit programme, nonconformities, reviews, objectives.
    Cycle(cycle::CycleArgs),
    /// Start a new QMS: qms.toml and a skeleton of every document the standards require.
    Init(init::InitArgs),
    /// Add a document with the next free id and complete front matter.
    New(new::NewArgs),
    /// Bring an existing set of Markdown documents under control: qms.toml and front matter.
    Adopt(adopt::AdoptArgs),
    /// Record a periodic review of documents (`last_reviewed`) without changing their content.
    Reviewed(reviewed::ReviewedArgs),
    /// Explain a diagnostic code: what it checks, why it matters, how to fix it.
    Explain(explain::ExplainArgs),
}

/// The three outcomes of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Ran; nothing at failing severity.
    Success,
    /// Ran; findings at failing severity.
    Failure,
    /// Could not do its job.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::from(0),
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Parses the arguments, runs the command, prints, and returns the exit code.
pub fn run() -> ExitCode {
    crate::memory::configure();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // `--help` and `--version` are successes; usage errors are exit 2 (clap's own code).
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Trace(args) => trace::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Reviews(args) => reviews::run(&args),
        Command::Cycle(args) => cycle::run(&args),
        Command::Changes(args) => changes::run(&args),
        Command::Register(args) => register::run(&args),
        Command::Init(args) => init::run(&args),
        Command::New(args) => new::run(&args),
        Command::Adopt(args) => adopt::run(&args),
        Command::Reviewed(args) => reviewed::run(&args),
        Command::Explain(args) => explain::run(&args),
    };
    crate::git::stop_idle_readers();
    match result {
        Ok(status) => status.into(),
        Err(CliError::Tool(error @ Error::Interrupted { signal })) => {
            print_error(&error.to_string());
            ExitCode::from(u8::try_from(128 + signal).unwrap_or(2))
        }
        Err(CliError::Tool(error)) => {
            print_error(&error.to_string());
            ExitStatus::Error.into()
        }
        Err(CliError::Usage(message)) => {
            print_error(&message);
            ExitStatus::Error.into()
        }
        // The reader went away (`qms check | head`): stop quietly.
        Err(CliError::BrokenPipe) => ExitStatus::Success.into(),
    }
}

/// Why a command stopped early.
#[derive(Debug)]
pub enum CliError {
    Tool(Error),
    Usage(String),
    BrokenPipe,
}

impl From<Error> for CliError {
    fn from(error: Error) -> Self {
        CliError::Tool(error)
    }
}

impl From<io::Error> for CliError {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            CliError::BrokenPipe
        } else {
            CliError::Tool(Error::Write { source: error })
        }
    }
}

/// Prints a tool failure to stderr in the terminal convention (a message quotes paths, tags and
/// revisions from the repository). The message's own lines (a template error's source excerpt)
/// are kept; control characters within them are shown, never sent.
#[allow(clippy::print_stderr)]
fn print_error(message: &str) {
    let message = crate::report::escape::clip(message, crate::report::escape::MESSAGE_LIMIT);
    let mut lines = message.split('\n');
    eprintln!("error: {}", crate::report::escape::terminal(lines.next().unwrap_or_default()));
    for line in lines {
        eprintln!("  {}", crate::report::escape::terminal(line));
    }
}

/// Writes `render`'s output to stdout through one buffer.
fn print_with(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), CliError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    render(&mut out)?;
    out.flush()?;
    Ok(())
}

/// `--today YYYY-MM-DD`.
fn parse_today(text: &str) -> Result<Date, String> {
    crate::load::parse_date(text).map_err(|problem| format!("`{text}` {problem}; write YYYY-MM-DD"))
}

/// The date to use for "today": the argument, or the system clock in the local time zone.
#[allow(clippy::disallowed_methods)]
fn today_or_now(today: Option<Date>) -> Date {
    today.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}
