//! Clause order, parent cycles, ancestry and excludability on small clause trees.

use super::*;

#[test]
fn clause_ids_sort_naturally() {
    let mut ids = vec!["10.1", "9.3", "A.5.10", "4", "A.5.9", "4.4.2", "4.4", "A.6.1", "10"];
    ids.sort_by(|a, b| compare_clause_ids(a, b));
    assert_eq!(ids, ["4", "4.4", "4.4.2", "9.3", "10", "10.1", "A.5.9", "A.5.10", "A.6.1"]);
}

fn clause(id: &str, parent: Option<&str>) -> Clause {
    Clause {
        id: id.to_owned(),
        title: format!("Clause {id}"),
        parent: parent.map(str::to_owned),
        level: u8::try_from(id.split('.').count()).unwrap_or(u8::MAX),
        hs: None,
        untitled: false,
        theme: None,
        requirements: Vec::new(),
        note: None,
        excludable: None,
    }
}

#[test]
fn parent_cycles_are_found_with_their_chain() {
    let chain = |clauses: &[Clause]| Standard::parent_cycle(clauses);
    assert_eq!(chain(&[clause("4", None), clause("4.1", Some("4"))]), None);
    assert_eq!(chain(&[clause("4.1", Some("4.1"))]), Some(vec!["4.1".to_owned(), "4.1".to_owned()]));
    let two = [clause("4", None), clause("4.1", Some("4.2")), clause("4.2", Some("4.1"))];
    assert_eq!(chain(&two), Some(vec!["4.1".to_owned(), "4.2".to_owned(), "4.1".to_owned()]));
    // A tail leading into a cycle names the cycle only.
    let tail = [clause("5", Some("6")), clause("6", Some("7")), clause("7", Some("6"))];
    assert_eq!(chain(&tail), Some(vec!["6".to_owned(), "7".to_owned(), "6".to_owned()]));
}

#[test]
fn ancestry_is_answered_from_the_tree() {
    let standard = Standard::new(
        "x:1".to_owned(),
        "X".to_owned(),
        None,
        Vec::new(),
        vec![
            clause("4.1.1", Some("4.1")),
            clause("4", None),
            clause("4.1", Some("4")),
            clause("5", None),
            clause("4.2", Some("4")),
        ],
    );
    assert!(standard.is_ancestor("4", "4.1.1"));
    assert!(standard.is_ancestor("4.1", "4.1.1"));
    assert!(!standard.is_ancestor("4.1.1", "4.1.1"));
    assert!(!standard.is_ancestor("4.2", "4.1.1"));
    assert!(!standard.is_ancestor("5", "4.1"));
    let ids =
        |positions: &[usize]| -> Vec<&str> { positions.iter().map(|&p| standard.clauses()[p].id.as_str()).collect() };
    assert_eq!(ids(standard.top_down()), ["4", "4.1", "4.1.1", "4.2", "5"]);
    let four = standard.position("4").unwrap();
    assert_eq!(ids(&standard.top_down()[standard.below(four)]), ["4.1", "4.1.1", "4.2"]);
    assert_eq!(standard.below(standard.position("5").unwrap()).len(), 0);
}

#[test]
fn excludability_is_inherited_down_the_tree() {
    let mut four = clause("4", None);
    four.excludable = Some(false);
    let mut design = clause("8.3", Some("8"));
    design.excludable = Some(true);
    let mut eight = clause("8", None);
    eight.excludable = Some(false);
    let standard = Standard::new(
        "x:1".to_owned(),
        "X".to_owned(),
        None,
        Vec::new(),
        vec![four, clause("4.1", Some("4")), eight, design, clause("8.3.1", Some("8.3")), clause("9", None)],
    );
    assert_eq!(standard.is_excludable("4.1"), Some(false));
    assert_eq!(standard.exclusion_barrier("4.1").map(|c| c.id.as_str()), Some("4"));
    assert_eq!(standard.is_excludable("8"), Some(false));
    assert_eq!(standard.is_excludable("8.3.1"), Some(true));
    assert_eq!(standard.exclusion_barrier("8.3.1"), None);
    assert_eq!(standard.is_excludable("9"), Some(true), "a clause no flag covers may be excluded");
    assert_eq!(standard.is_excludable("7"), None);
}

#[test]
fn a_deep_chain_is_linear() {
    let clauses: Vec<Clause> = (0..20_000)
        .map(|n| {
            let parent = (n > 0).then(|| format!("c{}", n - 1));
            clause(&format!("c{n}"), parent.as_deref())
        })
        .collect();
    assert_eq!(Standard::parent_cycle(&clauses), None);
    let standard = Standard::new("x:1".to_owned(), "X".to_owned(), None, Vec::new(), clauses);
    assert!(standard.is_ancestor("c0", "c19999"));
    assert!(!standard.is_ancestor("c19999", "c0"));
}
