//! `qms explain CODE` and `qms explain --list`: the rule documentation from [`crate::diag::Rule`].

use super::{CliError, ExitStatus, print_with};
use crate::diag::Rule;

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A diagnostic code, such as `review-overdue`.
    #[arg(required_unless_present = "list")]
    code: Option<String>,
    /// List every code with its default severity and summary.
    #[arg(long, conflicts_with = "code")]
    list: bool,
}

pub fn run(args: &ExplainArgs) -> Result<ExitStatus, CliError> {
    if args.list {
        print_with(|out| {
            let mut group = "";
            for rule in Rule::ALL {
                if rule.group() != group {
                    group = rule.group();
                    writeln!(out, "{}{group}", if out_is_first(group) { "" } else { "\n" })?;
                }
                writeln!(out, "  {:<28} {:<8} {}", rule.code(), rule.default_severity().as_str(), rule.doc().summary)?;
            }
            Ok(())
        })?;
        return Ok(ExitStatus::Success);
    }
    let code = args.code.as_deref().unwrap_or_default();
    let Some(rule) = Rule::from_code(code) else {
        let hint = crate::suggest::did_you_mean(code, Rule::ALL.iter().map(|r| r.code()));
        return Err(CliError::Usage(format!("unknown code `{code}`{hint}; `qms explain --list` lists them")));
    };
    let doc = rule.doc();
    print_with(|out| {
        let off = if rule.is_off_by_default() { ", off by default" } else { "" };
        writeln!(out, "{} ({}{off}, {})\n", rule.code(), rule.default_severity(), rule.group())?;
        writeln!(out, "What it checks\n  {}\n", doc.summary)?;
        writeln!(out, "Why it matters\n  {}\n", doc.why)?;
        writeln!(out, "How to fix it\n  {}\n", doc.fix)?;
        writeln!(out, "To change its severity, list the code under `[checks] allow`, `warn` or `deny` in qms.toml.")
    })?;
    Ok(ExitStatus::Success)
}

fn out_is_first(group: &str) -> bool {
    Rule::ALL.first().is_some_and(|first| first.group() == group)
}
