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
    assert_eq!(
        ids,
        [
            "iso13485:2016",
            "iso14001:2015",
            "iso22000:2018",
            "iso27001:2022",
            "iso27701:2025",
            "iso45001:2018",
            "iso50001:2018",
            "iso9001:2015"
        ]
    );
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
    let iso50001 = catalogs.get("iso50001:2018").unwrap();
    assert_eq!((iso50001.clauses().len(), requirement_counts(iso50001)), (38, (8, 11)));
    let iso22000 = catalogs.get("iso22000:2018").unwrap();
    assert_eq!((iso22000.clauses().len(), requirement_counts(iso22000)), (97, (20, 24)));
    let iso27701 = catalogs.get("iso27701:2025").unwrap();
    assert_eq!(iso27701.annex_controls().count(), 31 + 18 + 29);
    assert_eq!(iso27701.clauses().len() - 78, 41);
    assert_eq!(requirement_counts(iso27701), (7 + 22, 9 + 6));
    let iso13485 = catalogs.get("iso13485:2016").unwrap();
    assert_eq!((iso13485.clauses().len(), requirement_counts(iso13485)), (91, (47, 37)));
    assert_eq!(iso13485.annex_controls().count(), 0);
}

/// Each built-in catalog's clause ids are dotted numbers (controls `A.` and dotted numbers)
/// whose parent is the id without its last part, at the depth the id shows.
#[test]
fn builtin_clause_ids_parse_and_nest() {
    for standard in builtin().iter() {
        for clause in standard.clauses() {
            let numbers = clause.id.strip_prefix("A.").unwrap_or(&clause.id);
            assert!(
                numbers.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())),
                "{} {}",
                standard.id,
                clause.id
            );
            let parent = clause.id.rsplit_once('.').map(|(parent, _)| parent);
            if clause.is_annex_control() {
                let parent = clause.parent.as_deref().unwrap();
                assert!(standard.themes.iter().any(|t| t.id == parent), "{} {}", standard.id, clause.id);
                assert!(clause.id.starts_with(&format!("{parent}.")), "{} {}", standard.id, clause.id);
            } else {
                assert_eq!(clause.parent.as_deref(), parent, "{} {}", standard.id, clause.id);
                assert_eq!(usize::from(clause.level), clause.id.split('.').count(), "{} {}", standard.id, clause.id);
            }
            assert!(!clause.title.trim().is_empty(), "{} {}", standard.id, clause.id);
        }
    }
}

/// The built-in catalogs flag as not excludable exactly what each standard's own rule says.
#[test]
fn builtin_excludability_follows_each_standards_rule() {
    let catalogs = builtin();
    let excludable = |standard: &str, clause: &str| catalogs.get(standard).unwrap().is_excludable(clause).unwrap();
    for standard in [
        "iso9001:2015",
        "iso14001:2015",
        "iso45001:2018",
        "iso27001:2022",
        "iso50001:2018",
        "iso22000:2018",
        "iso27701:2025",
    ] {
        for clause in ["4.3", "5.2", "6.1", "7.5.3", "9.2", "10.2"] {
            assert!(!excludable(standard, clause), "{standard} {clause}");
        }
        assert!(excludable(standard, "8.1"), "{standard}: clause 8 may be excluded");
        assert!(catalogs.get(standard).unwrap().exclusion_rule.is_some(), "{standard}");
    }
    assert!(excludable("iso9001:2015", "8.3.1"));
    assert!(excludable("iso27701:2025", "A.1.2.2"), "controls go through the Statement of Applicability");
    // ISO 13485: requirements of clauses 6, 7 and 8 may be non-applicable, 4 and 5 never.
    for clause in ["6.3", "7.3", "7.3.10", "7.5.5", "7.5.9.2", "8.2.3"] {
        assert!(excludable("iso13485:2016", clause), "{clause}");
    }
    for clause in ["4.2.4", "4.2.3", "5.6.1"] {
        assert!(!excludable("iso13485:2016", clause), "{clause}");
    }
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
        ("iso50001", "iso50001:2018"),
        ("iso22000", "iso22000:2018"),
        ("iso27701", "iso27701:2025"),
        ("iso13485", "iso13485:2016"),
    ];
    let mut mapped = BTreeMap::new();
    for row in table["clause"].as_array().unwrap() {
        let hs = row["id"].as_str().unwrap();
        for (column, standard) in columns {
            let expected = row.get(column).and_then(|v| v.as_str());
            let got = catalogs.get(standard).unwrap().clause_for_hs(hs).map(|c| c.id.as_str());
            assert_eq!(got, expected, "HS {hs} in {standard}");
            *mapped.entry(column).or_insert(0) += usize::from(got.is_some());
        }
    }
    let mapped: Vec<usize> = columns.iter().map(|(column, _)| mapped[column]).collect();
    assert_eq!(mapped, [36, 32, 32, 36, 30, 36, 36, 22], "HS clauses each standard has a counterpart for");
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
    // ISO 50001 and 22000 keep the 2012 order of clause 10.
    assert_eq!(clause("iso50001:2018", "10.1"), Some("10.2"));
    assert_eq!(clause("iso22000:2018", "10.2"), Some("10.1"));
    assert_eq!(clause("iso22000:2018", "6.3"), Some("6.3"));
    assert_eq!(clause("iso50001:2018", "6.3"), None, "6.3 is the energy review there");
    // ISO 13485 is not HS-based: its nearest counterparts.
    assert_eq!(clause("iso13485:2016", "5.2"), Some("5.3"));
    assert_eq!(clause("iso13485:2016", "9.3"), Some("5.6"));
    assert_eq!(clause("iso13485:2016", "4.3"), None);
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
