//! The controlled set as loaded: every document, indexed by path and by id.

use super::Document;
use std::collections::{BTreeMap, BTreeSet};

/// All documents of one snapshot of the QMS, sorted by path.
#[derive(Debug, Default)]
pub struct Register {
    documents: Vec<Document>,
    by_path: BTreeMap<String, usize>,
    by_id: BTreeMap<String, Vec<usize>>,
    /// Documents by each of their `aliases`.
    by_alias: BTreeMap<String, Vec<usize>>,
    /// Paths under the QMS root that are not loaded documents but exist: link targets such as
    /// images, attachments, folders, or documents that failed to load.
    other_files: BTreeSet<String>,
}

impl Register {
    pub fn new(mut documents: Vec<Document>, other_files: BTreeSet<String>) -> Self {
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        let mut by_path = BTreeMap::new();
        let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut by_alias: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, document) in documents.iter().enumerate() {
            by_path.insert(document.path.clone(), index);
            if let Some(id) = document.id() {
                by_id.entry(id.to_owned()).or_default().push(index);
            }
            for alias in &document.meta.aliases {
                let holders = by_alias.entry(alias.value.clone()).or_default();
                if holders.last() != Some(&index) {
                    holders.push(index);
                }
            }
        }
        Self { documents, by_path, by_id, by_alias, other_files }
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

    /// The document a name stands for: its id, else one of its `aliases` (the first document,
    /// by path, either way). Every place a person names a document by id resolves it here.
    pub fn by_name(&self, name: &str) -> Option<&Document> {
        self.by_id(name).or_else(|| {
            self.by_alias.get(name).and_then(|indexes| indexes.first()).map(|&index| &self.documents[index])
        })
    }

    /// The documents holding `alias` among their aliases, in path order.
    pub fn by_alias(&self, alias: &str) -> Vec<&Document> {
        self.by_alias
            .get(alias)
            .map(|indexes| indexes.iter().map(|&i| &self.documents[i]).collect())
            .unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Spanned};

    fn document(path: &str, id: &str, aliases: &[&str]) -> Document {
        let meta = crate::model::Metadata {
            id: Some(Spanned::new(id.to_owned(), 0..0)),
            aliases: aliases.iter().map(|a| Spanned::new((*a).to_owned(), 0..0)).collect(),
            ..Default::default()
        };
        Document {
            file: FileId(0),
            path: path.to_owned(),
            front_matter: 0..0,
            has_metadata: true,
            meta,
            headings: Vec::new(),
            links: Vec::new(),
            tables: Vec::new(),
        }
    }

    #[test]
    fn a_name_is_an_id_first_then_an_alias() {
        let register = Register::new(
            vec![document("docs/b.md", "POL-002", &["AOTP", "AOTP"]), document("docs/a.md", "POL-001", &["POL-002"])],
            BTreeSet::new(),
        );
        assert_eq!(register.by_name("AOTP").map(|d| d.path.as_str()), Some("docs/b.md"));
        assert_eq!(register.by_name("POL-002").map(|d| d.path.as_str()), Some("docs/b.md"), "the id wins");
        assert_eq!(register.by_alias("AOTP").len(), 1, "an alias written twice is one holder");
        assert!(register.by_name("aotp").is_none(), "names are exact");
    }
}
