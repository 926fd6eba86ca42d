//! Files held in memory: for fuzzing and tests, and the shape a git snapshot takes.

use super::{Entry, Source};
use crate::error::Result;
use std::collections::BTreeMap;
use std::io;

/// A tree of files given as bytes, by path relative to the QMS root.
#[derive(Debug, Default, Clone)]
pub struct MemorySource {
    files: BTreeMap<String, Vec<u8>>,
    documents_dir: String,
}

impl MemorySource {
    pub fn new(documents_dir: &str) -> Self {
        Self { files: BTreeMap::new(), documents_dir: documents_dir.trim_matches('/').to_owned() }
    }

    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }
}

impl Source for MemorySource {
    fn entries(&self) -> Result<Vec<Entry>> {
        let prefix = if self.documents_dir.is_empty() { String::new() } else { format!("{}/", self.documents_dir) };
        Ok(self
            .files
            .iter()
            .filter(|(path, _)| path.starts_with(&prefix) && path.to_ascii_lowercase().ends_with(".md"))
            .map(|(path, bytes)| Entry::Markdown { path: path.clone(), size: bytes.len() as u64 })
            .collect())
    }

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        self.files.get(path).cloned().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, path.to_owned()))
    }

    fn exists(&self, path: &str) -> bool {
        let folder = format!("{path}/");
        self.files.contains_key(path) || self.files.keys().any(|p| p.starts_with(&folder))
    }
}
