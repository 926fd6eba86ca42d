//! The one integration-test binary: every test drives the real `qms` binary on real files.

// Pedantic lints guard the library; tests favour plain, direct code.
#![allow(clippy::unwrap_used, clippy::pedantic)]

mod support;

mod adopt;
mod agreement;
mod aliases;
mod bad_input;
mod build;
mod changes;
mod check;
mod cycle;
mod document_control;
mod example;
mod expectations;
mod explain;
mod history;
mod history_rules;
mod hostile;
mod progress;
mod records;
mod records_history;
mod register;
mod reviewed;
mod reviews;
mod scaffold;
mod snapshots;
mod standards;
