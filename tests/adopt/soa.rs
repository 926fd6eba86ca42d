//! Statements of Applicability written as real ones are: other column names, control ids
//! without `A.`, category rows; one finding when the table cannot be read at all.

use crate::support::{TestQms, valid_doc};

/// The ISO/IEC 27001 controls with their titles, from the built-in catalog.
fn controls() -> Vec<(String, String)> {
    let catalog = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/standards/catalogs/iso27001-2022.toml"),
    )
    .unwrap();
    let lines: Vec<&str> = catalog.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0].starts_with("id = \"A.") && w[0].matches('.').count() == 2)
        .map(|w| {
            let id = w[0].trim_start_matches("id = \"").trim_end_matches('"').to_owned();
            (id, w[1].trim_start_matches("title = \"").trim_end_matches('"').to_owned())
        })
        .collect()
}

fn qms_27001() -> TestQms {
    let qms = TestQms::new();
    qms.write(
        "qms.toml",
        "[qms]\ndocuments = \"docs\"\nstandards = [\"iso27001:2022\"]\n\n[checks]\nallow = [\"missing-required-document\"]\n",
    );
    qms
}

#[test]
fn a_statement_with_ref_included_reason_and_categories_is_read() {
    let qms = qms_27001();
    let mut table =
        String::from("| Ref | Control | Category | Included | Reason | Implementation |\n|---|---|---|---|---|---|\n");
    let mut category = String::new();
    for (id, title) in controls() {
        let theme = id.split('.').nth(1).unwrap().to_owned();
        if theme != category {
            table.push_str(&format!("| **{theme}** | **Theme {theme}** | | | | |\n"));
            category = theme;
        }
        let bare = id.trim_start_matches("A.");
        let (included, reason) =
            if id == "A.7.10" { ("Not selected", "No storage media") } else { ("Selected", "Risk R-1") };
        table.push_str(&format!("| {bare} | {title} | Theme | {included} | {reason} | Implemented |\n"));
    }
    qms.write("docs/REG-1.md", valid_doc("REG-1", "type: register\nsoa: iso27001:2022", &table));
    let run = qms.check_json(&[]);
    assert_eq!(run.codes(), Vec::<String>::new(), "{}", run.stdout);
    let trace = qms.run(&["trace", "--today", crate::support::TODAY, "--format", "json"]).json();
    let excluded =
        trace["standards"][0]["clauses"].as_array().unwrap().iter().find(|c| c["id"] == "A.7.10").unwrap().clone();
    assert_eq!(
        (excluded["status"].as_str(), excluded["excluded_by"].as_str()),
        (Some("n/a"), Some("Statement of Applicability"))
    );
}

#[test]
fn an_unrecognised_header_is_one_finding_naming_the_columns() {
    let qms = qms_27001();
    let mut table = String::from("| Clause | Name | Yes/No |\n|---|---|---|\n");
    for (id, title) in controls() {
        table.push_str(&format!("| {id} | {title} | yes |\n"));
    }
    qms.write("docs/REG-1.md", valid_doc("REG-1", "type: register\nsoa: iso27001:2022", &table));
    let run = qms.check_json(&[]);
    assert_eq!(run.codes(), ["invalid-soa"], "{}", run.stdout);
    assert!(run.stdout.contains("its table has the columns Clause, Name, Yes/No"), "{}", run.stdout);
    assert!(run.stdout.contains("Control, Ref or ID"), "{}", run.stdout);
}

#[test]
fn a_column_of_titles_read_as_controls_is_one_finding() {
    let qms = qms_27001();
    let mut table = String::from("| Control | Applicable | Justification |\n|---|---|---|\n");
    for (_, title) in controls() {
        table.push_str(&format!("| {title} | yes | Risk R-1 |\n"));
    }
    qms.write("docs/REG-1.md", valid_doc("REG-1", "type: register\nsoa: iso27001:2022", &table));
    let run = qms.check_json(&[]);
    assert_eq!(run.codes(), ["invalid-soa"], "{}", run.stdout);
    assert!(run.stdout.contains("none of the 93 rows names an Annex A control"), "{}", run.stdout);
}
