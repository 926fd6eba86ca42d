//! Scripted git repositories for tests: fixed authors and dates.
