//! `qms`: a controlled document set (ISO 9001, 14001, 45001, 50001, 22000, 13485, ISO/IEC 27001,
//! 27701) kept as Markdown in git, checked, traced and published.
//!
//! Data flows one way:
//!
//! ```text
//! source ──► load ──► model ──► checks ─────► report      (terminal, CI, spreadsheets)
//!   │                   │  └──► trace ──┘
//!   │                   └─────────────────► render ──► publish   (the static site)
//! git ──► history ──────┘
//! ```
//!
//! `ARCHITECTURE.md` says which folder owns which decision, and where a new rule, page, output
//! format or record kind goes.
//!
//! [`project::Project`] wires the stages for one QMS root; [`cli`] is the thin layer that parses
//! arguments, calls it, prints, and maps the outcome to an exit code.

pub mod adopt;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diag;
pub mod error;
pub mod git;
pub mod history;
pub mod interrupt;
pub mod load;
pub mod lockfile;
pub mod memory;
pub mod model;
pub mod progress;
pub mod project;
pub mod publish;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod source;
pub mod standards;
pub mod suggest;
pub mod trace;

pub use error::{Error, Result};
