//! The controlled set as loaded: every document, indexed by path and by id.

use super::Document;
use std::collections::{BTreeMap, BTreeSet};

/// All documents of one snapshot of the QMS, sorted by path.
#[derive(Debug, Default)]
pub struct Register {
    documents: Vec<Document>,
    by_path: BTreeMap<String, usize>,
    by_id: BTreeMap<String, Vec<usize>>,
    /// Paths under the QMS root that are not loaded documents but exist: link targets such as
    /// images, attachments, folders, or documents that failed to load.
    other_files: BTreeSet<String>,
}

impl Register {
    pub fn new(mut documents: Vec<Document>, other_files: BTreeSet<String>) -> Self {
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        let mut by_path = BTreeMap::new();
        let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, document) in documents.iter().enumerate() {
            by_path.insert(document.path.clone(), index);
            if let Some(id) = document.id() {
                by_id.entry(id.to_owned()).or_default().push(index);
            }
        }
        Self { documents, by_path, by_id, other_files }
    }

    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    pub fn by_path(&self, path: &str) -> Option<&Document> {
        self.by_path.get(path).map(|&index| &self.documents[index])
    }

    /// The first document (by path) with this id.
    pub fn by_id(&self, id: &str) -> Option<&Document> {
        self.by_id.get(id).and_then(|indexes| indexes.first()).map(|&index| &self.documents[index])
    }

    /// Ids used by more than one document, with those documents in path order.
    pub fn duplicate_ids(&self) -> impl Iterator<Item = (&str, Vec<&Document>)> {
        self.by_id
            .iter()
            .filter(|(_, indexes)| indexes.len() > 1)
            .map(|(id, indexes)| (id.as_str(), indexes.iter().map(|&index| &self.documents[index]).collect()))
    }

    /// Whether a file or folder exists at `path` (relative to the QMS root).
    pub fn path_exists(&self, path: &str) -> bool {
        self.by_path.contains_key(path) || self.other_files.contains(path)
    }
}
