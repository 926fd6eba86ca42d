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

impl RequirementKind {
    /// `document` or `record`, as every output writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RequirementKind::Document => "document",
            RequirementKind::Record => "record",
        }
    }
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
    /// Whether the clause may be declared not applicable, as the catalog says for it; `None`
    /// takes the answer of the enclosing clause (see [`Standard::is_excludable`]).
    pub excludable: Option<bool>,
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
    /// The field the standard manages ("Quality", "Energy"), for naming a management system.
    pub discipline: Option<String>,
    /// The standard's own rule for what may be declared not applicable, in a sentence.
    pub exclusion_rule: Option<String>,
    /// The inputs a management review considers (ISO 9001 9.3.2, ISO 14001 9.3, …), in the
    /// catalog's order; empty when the catalog lists none.
    pub management_review_inputs: Vec<ReviewInput>,
    /// In natural clause order.
    clauses: Vec<Clause>,
    index: BTreeMap<String, usize>,
    tree: ClauseTree,
    /// Harmonized-Structure clause → the shallowest clause mapped to it.
    hs: BTreeMap<String, usize>,
    /// Whether each clause may be declared not applicable: its own flag, else the nearest
    /// enclosing clause's, else yes.
    excludable: Vec<bool>,
}

/// The parent links of a standard's clauses as a forest, numbered in depth-first order so that
/// "is below" is two comparisons (ISO 9001 `7.5.3.2` is below `7.5`), whatever the depth.
#[derive(Debug, Clone, Default)]
struct ClauseTree {
    /// The parent clause of each clause (by index); `None` for a top-level clause, or one whose
    /// parent is a theme.
    parents: Vec<Option<usize>>,
    /// Clause indices, each clause before the clauses below it.
    preorder: Vec<usize>,
    /// Position of each clause in `preorder`, and one past the last clause below it. A clause
    /// on a parent cycle (which a valid catalog has none of) is in no subtree: `(0, 0)`.
    spans: Vec<(usize, usize)>,
}

impl ClauseTree {
    fn new(clauses: &[Clause], index: &BTreeMap<String, usize>) -> Self {
        let parents: Vec<Option<usize>> = clauses
            .iter()
            .enumerate()
            .map(|(i, c)| c.parent.as_ref().and_then(|p| index.get(p).copied()).filter(|&p| p != i))
            .collect();
        let mut children = vec![Vec::new(); clauses.len()];
        for (child, parent) in parents.iter().enumerate() {
            if let Some(parent) = *parent {
                children[parent].push(child);
            }
        }
        let mut preorder = Vec::with_capacity(clauses.len());
        let mut spans = vec![(0, 0); clauses.len()];
        // Children in natural order: push them reversed on the stack.
        let mut stack: Vec<(usize, bool)> =
            (0..clauses.len()).rev().filter(|&i| parents[i].is_none()).map(|i| (i, false)).collect();
        while let Some((node, done)) = stack.pop() {
            if done {
                spans[node].1 = preorder.len();
                continue;
            }
            spans[node].0 = preorder.len();
            preorder.push(node);
            stack.push((node, true));
            stack.extend(children[node].iter().rev().map(|&c| (c, false)));
        }
        Self { parents, preorder, spans }
    }

    /// Whether clause `below` is in the subtree of clause `above` (itself excluded).
    fn is_below(&self, above: usize, below: usize) -> bool {
        let (start, end) = self.spans[above];
        let at = self.spans[below].0;
        above != below && start < at && at < end
    }
}

/// One input a management review must consider: its list-item id (`c3`) and a paraphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewInput {
    pub id: String,
    pub what: String,
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
        let index: BTreeMap<String, usize> = clauses.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        let tree = ClauseTree::new(&clauses, &index);
        let mut hs: BTreeMap<String, usize> = BTreeMap::new();
        for (i, clause) in clauses.iter().enumerate() {
            if let Some(key) = &clause.hs {
                let shallowest = hs.entry(key.clone()).or_insert(i);
                if clause.level < clauses[*shallowest].level {
                    *shallowest = i;
                }
            }
        }
        let mut excludable = vec![true; clauses.len()];
        for &position in &tree.preorder {
            let inherited = tree.parents[position].is_none_or(|parent| excludable[parent]);
            excludable[position] = clauses[position].excludable.unwrap_or(inherited);
        }
        Self {
            id,
            title,
            edition,
            themes,
            discipline: None,
            exclusion_rule: None,
            management_review_inputs: Vec::new(),
            clauses,
            index,
            tree,
            hs,
            excludable,
        }
    }

    /// Whether clause `id` may be declared not applicable: the catalog's `excludable` flag on
    /// the clause, else on the nearest clause above it that has one; a clause no flag covers
    /// may be. `None` for a clause the standard does not have.
    pub fn is_excludable(&self, id: &str) -> Option<bool> {
        self.index.get(id).map(|&i| self.excludable[i])
    }

    /// The clause whose `excludable = false` makes clause `id` not excludable: itself or the
    /// nearest clause above it that says so.
    pub fn exclusion_barrier(&self, id: &str) -> Option<&Clause> {
        let mut position = self.position(id)?;
        loop {
            let clause = &self.clauses[position];
            if clause.excludable.is_some() {
                return (clause.excludable == Some(false)).then_some(clause);
            }
            position = self.tree.parents[position]?;
        }
    }

    pub fn clauses(&self) -> &[Clause] {
        &self.clauses
    }

    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.index.get(id).map(|&i| &self.clauses[i])
    }

    /// The position of clause `id` in [`Standard::clauses`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The position of the parent clause of the clause at `position`; `None` at the top (or
    /// below a theme).
    pub fn parent_position(&self, position: usize) -> Option<usize> {
        self.tree.parents[position]
    }

    /// Clause positions, each clause before the clauses below it.
    pub fn top_down(&self) -> &[usize] {
        &self.tree.preorder
    }

    /// The positions of the clauses below the clause at `position` (not itself), as a range
    /// of [`Standard::top_down`].
    pub fn below(&self, position: usize) -> std::ops::Range<usize> {
        let (start, end) = self.tree.spans[position];
        (start + 1).min(end)..end
    }

    /// Whether `ancestor` encloses `id` (directly or further up).
    pub fn is_ancestor(&self, ancestor: &str, id: &str) -> bool {
        match (self.index.get(ancestor), self.index.get(id)) {
            (Some(&above), Some(&below)) => self.tree.is_below(above, below),
            _ => false,
        }
    }

    /// The clause that carries Harmonized-Structure clause `hs` in this standard: the
    /// shallowest clause mapped to it (ISO 9001 `10.3` for HS `10.1`).
    pub fn clause_for_hs(&self, hs: &str) -> Option<&Clause> {
        self.hs.get(hs).map(|&i| &self.clauses[i])
    }

    pub fn annex_controls(&self) -> impl Iterator<Item = &Clause> {
        self.clauses.iter().filter(|c| c.is_annex_control())
    }

    /// The first parent cycle among `clauses` (in their order), as the chain of clause ids
    /// that closes it: `["4.1", "4.2", "4.1"]`, or `["4.1", "4.1"]` for a clause that names
    /// itself. Linear in the number of clauses.
    pub fn parent_cycle(clauses: &[Clause]) -> Option<Vec<String>> {
        let index: BTreeMap<&str, usize> = clauses.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let parent = |i: usize| clauses[i].parent.as_deref().and_then(|p| index.get(p).copied());
        // 0: not seen; 1: on the walk under way; 2: known to end at the top.
        let mut state = vec![0_u8; clauses.len()];
        for start in 0..clauses.len() {
            let mut walk: Vec<usize> = Vec::new();
            let mut node = Some(start);
            while let Some(i) = node.filter(|&i| state[i] != 2) {
                if state[i] == 1 {
                    let from = walk.iter().position(|&w| w == i).unwrap_or(0);
                    let mut chain: Vec<String> = walk[from..].iter().map(|&w| clauses[w].id.clone()).collect();
                    chain.push(clauses[i].id.clone());
                    return Some(chain);
                }
                state[i] = 1;
                walk.push(i);
                node = parent(i);
            }
            for i in walk {
                state[i] = 2;
            }
        }
        None
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
mod tests;
