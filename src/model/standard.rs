//! Standards as data: clauses with their titles, parents, Harmonized-Structure mapping and the
//! documented information each requires. Clause ids are strings in natural order.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// What a clause asks the organization to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RequirementKind {
    /// Kept current ("maintain"): a controlled document.
    Document,
    /// Evidence of results ("retain"): a record.
    Record,
}

/// One item of required documented information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub kind: RequirementKind,
    /// The standard's own verb: maintain, retain, available, …
    pub verb: String,
    /// Where in the clause the requirement sits (`4.4.2 a)`).
    pub reference: String,
    /// Our paraphrase of what is required.
    pub what: String,
    pub condition: Option<String>,
    pub note: Option<String>,
}

impl Requirement {
    /// Conditions starting with "only" mean the item does not apply outside that case.
    pub fn is_only_if(&self) -> bool {
        self.condition.as_deref().is_some_and(|c| c.trim_start().starts_with("only"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub id: String,
    pub title: String,
    pub parent: Option<String>,
    pub level: u8,
    /// The Harmonized-Structure clause this clause implements.
    pub hs: Option<String>,
    /// A numbered paragraph without a title of its own (the title repeats the parent's).
    pub untitled: bool,
    /// Annex A theme key (ISO/IEC 27001).
    pub theme: Option<String>,
    pub requirements: Vec<Requirement>,
    pub note: Option<String>,
}

impl Clause {
    /// An Annex A control (ISO/IEC 27001 `A.5.1`…): applicability comes from the Statement of
    /// Applicability.
    pub fn is_annex_control(&self) -> bool {
        self.id.starts_with("A.")
    }
}

/// A group of Annex A controls (`A.5 Organizational controls`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub id: String,
    pub key: String,
    pub title: String,
}

/// One standard's catalog.
#[derive(Debug, Clone)]
pub struct Standard {
    pub id: String,
    pub title: String,
    pub edition: Option<String>,
    pub themes: Vec<Theme>,
    /// In natural clause order.
    clauses: Vec<Clause>,
    index: BTreeMap<String, usize>,
}

impl Standard {
    pub fn new(
        id: String,
        title: String,
        edition: Option<String>,
        themes: Vec<Theme>,
        mut clauses: Vec<Clause>,
    ) -> Self {
        clauses.sort_by(|a, b| compare_clause_ids(&a.id, &b.id));
        let index = clauses.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        Self { id, title, edition, themes, clauses, index }
    }

    pub fn clauses(&self) -> &[Clause] {
        &self.clauses
    }

    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.index.get(id).map(|&i| &self.clauses[i])
    }

    /// Whether `ancestor` encloses `id` (directly or further up).
    pub fn is_ancestor(&self, ancestor: &str, id: &str) -> bool {
        let mut current = self.clause(id).and_then(|c| c.parent.as_deref());
        while let Some(parent) = current {
            if parent == ancestor {
                return true;
            }
            current = self.clause(parent).and_then(|c| c.parent.as_deref());
        }
        false
    }

    /// The clause that carries Harmonized-Structure clause `hs` in this standard: the
    /// shallowest clause mapped to it (ISO 9001 `10.3` for HS `10.1`).
    pub fn clause_for_hs(&self, hs: &str) -> Option<&Clause> {
        self.clauses.iter().filter(|c| c.hs.as_deref() == Some(hs)).min_by_key(|c| c.level)
    }

    pub fn annex_controls(&self) -> impl Iterator<Item = &Clause> {
        self.clauses.iter().filter(|c| c.is_annex_control())
    }
}

/// Natural order of clause ids: numeric parts compare as numbers, so `9.3` < `10.1` and
/// `A.5.9` < `A.5.10`; numbered clauses come before lettered annexes.
pub fn compare_clause_ids(a: &str, b: &str) -> Ordering {
    let mut left = a.split('.');
    let mut right = b.split('.');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(x), Ok(y)) => x.cmp(&y),
                    (Ok(_), Err(_)) => Ordering::Less,
                    (Err(_), Ok(_)) => Ordering::Greater,
                    (Err(_), Err(_)) => x.cmp(y),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_ids_sort_naturally() {
        let mut ids = vec!["10.1", "9.3", "A.5.10", "4", "A.5.9", "4.4.2", "4.4", "A.6.1", "10"];
        ids.sort_by(|a, b| compare_clause_ids(a, b));
        assert_eq!(ids, ["4", "4.4", "4.4.2", "9.3", "10", "10.1", "A.5.9", "A.5.10", "A.6.1"]);
    }
}
