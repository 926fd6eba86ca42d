//! The only user of git2: opening the repository that holds the QMS root, commits, tags, trees
//! and blobs. Everything else sees plain data.
