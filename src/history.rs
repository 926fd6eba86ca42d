//! Git history → [`crate::model::History`]: every document's revisions, read in one pass.
