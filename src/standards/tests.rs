//! The built-in catalogs hold what the reference says; invalid catalogs are refused with a line.

use super::*;

fn requirement_counts(standard: &Standard) -> (usize, usize) {
    let items = standard.clauses().iter().flat_map(|c| &c.requirements);
    let documents = items.clone().filter(|r| r.kind == RequirementKind::Document).count();
    (documents, items.count() - documents)
}

#[test]
fn builtin_catalogs_have_the_documented_counts() {
    let catalogs = builtin();
    let ids: Vec<_> = catalogs.ids().collect();
    assert_eq!(ids, ["iso14001:2015", "iso27001:2022", "iso45001:2018", "iso9001:2015"]);
    let iso9001 = catalogs.get("iso9001:2015").unwrap();
    assert_eq!(iso9001.clauses().len(), 91);
    assert_eq!(requirement_counts(iso9001), (5, 23));
    let iso27001 = catalogs.get("iso27001:2022").unwrap();
    assert_eq!(iso27001.annex_controls().count(), 93);
    assert_eq!(iso27001.clauses().len() - 93, 41);
    assert_eq!(iso27001.themes.len(), 4);
    assert_eq!(requirement_counts(iso27001), (19, 10));
    assert_eq!(catalogs.get("iso14001:2015").unwrap().clauses().len(), 45);
    assert_eq!(requirement_counts(catalogs.get("iso14001:2015").unwrap()), (11, 8));
    assert_eq!(catalogs.get("iso45001:2018").unwrap().clauses().len(), 56);
    assert_eq!(requirement_counts(catalogs.get("iso45001:2018").unwrap()), (10, 10));
}

/// The clauses that carry required documents, per standard (Annex A controls aside).
#[test]
fn required_document_clauses_of_each_standard() {
    let catalogs = builtin();
    let clauses = |id: &str| -> Vec<String> {
        let standard = catalogs.get(id).unwrap();
        standard
            .clauses()
            .iter()
            .filter(|c| !c.is_annex_control() && c.requirements.iter().any(|r| r.kind == RequirementKind::Document))
            .map(|c| c.id.clone())
            .collect()
    };
    assert_eq!(clauses("iso9001:2015"), ["4.3", "4.4.2", "5.2.2", "6.2.1", "8.5.1"]);
    assert_eq!(clauses("iso14001:2015"), ["4.3", "5.2", "6.1.1", "6.1.2", "6.1.3", "6.2.1", "8.1", "8.2"]);
    assert_eq!(clauses("iso45001:2018"), ["4.3", "5.2", "5.3", "6.1.1", "6.1.2.2", "6.1.3", "6.2.2", "8.1.1", "8.2"]);
    assert_eq!(clauses("iso27001:2022"), ["4.3", "5.2", "6.1.2", "6.1.3", "6.2"]);
}

/// The HS crosswalk read from each catalog's `hs` field agrees with the Harmonized
/// Structure's own table.
#[test]
fn catalog_hs_fields_agree_with_the_harmonized_structure_table() {
    let catalogs = builtin();
    let table: toml::Table = toml::from_str(HARMONIZED_STRUCTURE).unwrap();
    let columns = [
        ("iso9001", "iso9001:2015"),
        ("iso14001", "iso14001:2015"),
        ("iso45001", "iso45001:2018"),
        ("iso27001", "iso27001:2022"),
    ];
    for row in table["clause"].as_array().unwrap() {
        let hs = row["id"].as_str().unwrap();
        for (column, standard) in columns {
            let expected = row.get(column).and_then(|v| v.as_str());
            let got = catalogs.get(standard).unwrap().clause_for_hs(hs).map(|c| c.id.as_str());
            assert_eq!(got, expected, "HS {hs} in {standard}");
        }
    }
}

#[test]
fn hs_crosswalk_handles_the_known_exceptions() {
    let catalogs = builtin();
    let clause = |standard: &str, hs: &str| catalogs.get(standard).unwrap().clause_for_hs(hs).map(|c| c.id.as_str());
    // Continual improvement: 10.3 in 9001/14001/45001, 10.1 in 27001 and the HS.
    assert_eq!(clause("iso9001:2015", "10.1"), Some("10.3"));
    assert_eq!(clause("iso14001:2015", "10.1"), Some("10.3"));
    assert_eq!(clause("iso27001:2022", "10.1"), Some("10.1"));
    // Planning of changes exists in 9001 and 27001 only.
    assert_eq!(clause("iso9001:2015", "6.3"), Some("6.3"));
    assert_eq!(clause("iso14001:2015", "6.3"), None);
    assert_eq!(clause("iso45001:2018", "6.3"), None);
    assert_eq!(clause("iso9001:2015", "5.2"), Some("5.2"));
}

#[test]
fn a_long_cycle_is_named_by_its_ends() {
    let chain: Vec<String> = (0..20).map(|n| format!("c{n}")).chain(["c0".to_owned()]).collect();
    assert_eq!(show_chain(&chain), "c0 → c1 → c2 → c3 → … 13 more … → c17 → c18 → c19 → c0");
}

#[test]
fn invalid_catalogs_are_reported_with_a_line() {
    let base = "[standard]\nid = \"x:1\"\ntitle = \"X\"\n\n[[clause]]\nid = \"1\"\ntitle = \"One\"\n\n";
    let error = |extra: &str| parse(Path::new("x.toml"), &format!("{base}{extra}")).unwrap_err().to_string();
    assert!(
        error("[[clause]]\nid = \"1\"\ntitle = \"Again\"\n").starts_with("x.toml:9:1: clause \"1\" is defined twice")
    );
    assert!(
        error("[[clause]]\nid = \"2.1\"\ntitle = \"T\"\nparent = \"2\"\n")
            .contains("parent \"2\", which is not a clause")
    );
    assert!(
        error("[[clause]]\nid = \"2\"\ntitle = \"T\"\ndocumented_information = [{ kind = \"doc\", what = \"x\" }]\n")
            .contains("kind \"doc\"")
    );
    assert!(error("[[clause]]\nid = \"2\"\ntitel = \"T\"\n").contains("unknown field `titel`"));
    assert_eq!(
        error("[[clause]]\nid = \"2\"\ntitle = \"T\"\nparent = \"2\"\n"),
        "x.toml:9:1: clause \"2\" is its own ancestor: 2 → 2; give each clause a parent above it, or none at the top"
    );
    let cycle = "[[clause]]\nid = \"4.1\"\ntitle = \"T\"\nparent = \"4.2\"\n\n[[clause]]\nid = \"4.2\"\ntitle = \"T\"\nparent = \"4.1\"\n";
    assert!(error(cycle).starts_with("x.toml:9:1: clause \"4.1\" is its own ancestor: 4.1 → 4.2 → 4.1;"));
}
