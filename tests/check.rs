//! `qms check`: exit codes, output formats, severity overrides, `--deny warnings`, `--today`.

use crate::support::{TODAY, TestQms};

fn qms_with_overdue_and_unknown_field() -> TestQms {
    let qms = TestQms::new();
    qms.doc("SOP-1", "approved: 2024-01-01\neffective: 2024-01-01", "Overdue for review.");
    qms.doc("SOP-2", "departmnt: Quality", "Has an unknown field.");
    qms
}

#[test]
fn exit_0_when_clean_1_on_errors_2_when_it_cannot_run() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "Clean.");
    assert_eq!(qms.check_json(&[]).code, 0);

    qms.doc("SOP-2", "approved: not-a-date", "Bad date.");
    assert_eq!(qms.check_json(&[]).code, 1);

    let bare = TestQms::bare();
    let run = bare.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no qms.toml in"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn exit_2_on_bad_arguments_and_bad_configuration() {
    let qms = TestQms::new();
    let run = qms.run(&["check", "--today", "2026-02-30"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not a day of the calendar"), "{}", run.stderr);
    assert_eq!(qms.run(&["check", "--format", "xml"]).code, 2);

    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\nstandard = [\"iso9001:2015\"]\n");
    let run = qms.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("qms.toml:3:1: unknown field `standard`"), "{}", run.stderr);

    qms.write("qms.toml", "[qms]\ndocuments = \"nowhere\"\n");
    let run = qms.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the documents folder") && run.stderr.contains("does not exist"), "{}", run.stderr);

    qms.write("qms.toml", "[qms]\ndocuments = \"../outside\"\n");
    let run = qms.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("leaves the QMS root"), "{}", run.stderr);
}

#[test]
fn json_output_has_the_documented_shape() {
    let qms = qms_with_overdue_and_unknown_field();
    let run = qms.check_json(&[]);
    let json = run.json();
    let object = json.as_object().unwrap();
    assert_eq!(object.keys().collect::<Vec<_>>(), ["diagnostics", "summary"]);
    let summary = json["summary"].as_object().unwrap();
    let mut summary_keys: Vec<_> = summary.keys().map(String::as_str).collect();
    summary_keys.sort_unstable();
    assert_eq!(summary_keys, ["documents", "errors", "notes", "warnings"]);
    assert_eq!(json["summary"]["documents"], 2);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["warnings"], 1);
    for diagnostic in json["diagnostics"].as_array().unwrap() {
        let mut keys: Vec<_> = diagnostic.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["code", "column", "field", "file", "help", "line", "message", "severity"]);
    }
    let overdue = &json["diagnostics"][0];
    assert_eq!(overdue["code"], "review-overdue");
    assert_eq!(overdue["severity"], "error");
    assert_eq!(overdue["file"], "docs/SOP-1.md");
    assert_eq!(overdue["line"], 9);
    assert_eq!(overdue["column"], 1);
    assert_eq!(overdue["field"], "approved");
    assert!(overdue["help"].as_str().unwrap().contains("last_reviewed"));
    let unknown = &json["diagnostics"][1];
    assert_eq!(unknown["code"], "unknown-field");
    assert_eq!(unknown["severity"], "warning");
    assert_eq!(unknown["field"], "departmnt");
    assert!(unknown["message"].as_str().unwrap().contains("departmnt"));
}

#[test]
fn human_output_shows_the_line_a_caret_and_help() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "approved: 2026-02-30", "Body.");
    let run = qms.run(&["check", "--today", TODAY, "--no-history"]);
    assert_eq!(run.code, 1);
    let expected = "\
error[invalid-date]: `approved: 2026-02-30` is not a day of the calendar
 --> docs/SOP-1.md:9:11
  |
9 | approved: 2026-02-30
  |           ^^^^^^^^^^
  = help: write a real date as YYYY-MM-DD, e.g. `approved: 2026-03-14`
";
    assert!(run.stdout.starts_with(expected), "{}", run.stdout);
    assert!(run.stdout.ends_with("checked 1 document: found 1 error\n"), "{}", run.stdout);
}

#[test]
fn short_and_github_formats_give_one_line_per_finding() {
    let qms = qms_with_overdue_and_unknown_field();
    let short = qms.run(&["check", "--today", TODAY, "--format", "short", "--no-history"]);
    let lines: Vec<_> = short.stdout.lines().collect();
    assert!(
        lines[0].starts_with("docs/SOP-1.md:9:1: error[review-overdue] review was due on 2025-01-01"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("docs/SOP-2.md:11:1: warning[unknown-field] unknown front-matter field `departmnt`"));
    assert_eq!(lines[2], "1 error, 1 warning, 0 notes");

    let github = qms.run(&["check", "--today", TODAY, "--format", "github", "--no-history"]);
    let lines: Vec<_> = github.stdout.lines().collect();
    assert!(
        lines[0].starts_with("::error file=docs/SOP-1.md,line=9,col=1,title=qms review-overdue::review was due"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("%0Ahelp: "), "help follows on its own line: {}", lines[0]);
    assert!(lines[1].starts_with("::warning file=docs/SOP-2.md,line=11,col=1,title=qms unknown-field::"));
}

#[test]
fn junit_output_is_one_case_per_document_passing_ones_too() {
    let qms = qms_with_overdue_and_unknown_field();
    qms.doc("SOP-3", "", "A clean document.");
    let run = qms.run(&["check", "--today", TODAY, "--format", "junit"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"qms check\" tests=\"3\" failures=\"2\">"
    ));
    assert!(run.stdout.contains("<testcase name=\"docs/SOP-1.md\" classname=\"qms\" file=\"docs/SOP-1.md\">"));
    assert!(run.stdout.contains("<failure type=\"review-overdue\""));
    assert!(run.stdout.contains("<testcase name=\"docs/SOP-3.md\" classname=\"qms\" file=\"docs/SOP-3.md\"/>"));
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "departmnt: Quality", "A warning only.");
    assert_eq!(qms.check_json(&[]).code, 0);
    assert_eq!(qms.check_json(&["--deny", "warnings"]).code, 1);
    assert_eq!(qms.check_json(&["--deny", "everything"]).code, 2);
}

#[test]
fn severity_overrides_in_qms_toml_allow_warn_and_deny() {
    let qms = qms_with_overdue_and_unknown_field();
    qms.write(
        "qms.toml",
        "[qms]\ndocuments = \"docs\"\n\n[checks]\nwarn = [\"review-overdue\"]\ndeny = [\"unknown-field\"]\n",
    );
    let json = qms.check_json(&[]).json();
    assert_eq!(json["diagnostics"][0]["code"], "review-overdue");
    assert_eq!(json["diagnostics"][0]["severity"], "warning");
    assert_eq!(json["diagnostics"][1]["severity"], "error");

    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\n\n[checks]\nallow = [\"review-overdue\", \"unknown-field\"]\n");
    let run = qms.check_json(&[]);
    assert_eq!(run.codes(), Vec::<String>::new());
    assert_eq!(run.code, 0);

    qms.write("qms.toml", "[qms]\ndocuments = \"docs\"\n\n[checks]\nallow = [\"review-overdu\"]\n");
    let run = qms.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `review-overdue`"), "{}", run.stderr);
}

#[test]
fn today_moves_the_review_horizon() {
    let qms = TestQms::new();
    // Approved 2026-06-01, 12-month interval: due 2027-06-01.
    qms.doc("SOP-1", "", "Body.");
    let codes_on = |today: &str| qms.run(&["check", "--format", "json", "--today", today]).codes();
    assert_eq!(codes_on("2027-01-01"), Vec::<String>::new());
    assert_eq!(codes_on("2027-05-15"), ["review-due-soon"]);
    assert_eq!(codes_on("2027-06-02"), ["review-overdue"]);
}

#[test]
fn a_subfolder_of_the_root_finds_qms_toml_above_it() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "Body.");
    let run = crate::support::qms_in(&qms.join("docs"), &["check", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("checked 1 document"));
}

#[test]
fn output_is_deterministic() {
    let qms = TestQms::new();
    for n in 1..30 {
        qms.doc(&format!("SOP-{n}"), "approved: 2024-01-01\neffective: 2024-01-01", "[x](missing.md)");
    }
    let first = qms.check_json(&[]).stdout;
    for _ in 0..3 {
        assert_eq!(qms.check_json(&[]).stdout, first);
    }
}

#[test]
fn sarif_output_names_rules_and_locations() {
    let qms = qms_with_overdue_and_unknown_field();
    let run = qms.run(&["check", "--today", TODAY, "--format", "sarif", "--no-history"]);
    assert_eq!(run.code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    let rule_ids: Vec<_> =
        run0["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].clone()).collect();
    assert_eq!(rule_ids, ["unknown-field", "review-overdue"]);
    let result = &run0["results"][0];
    assert_eq!(result["ruleId"], "review-overdue");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"];
    assert_eq!(region["artifactLocation"]["uri"], "docs/SOP-1.md");
    assert_eq!(region["region"]["startLine"], 9);
}

#[test]
fn outside_a_repository_a_note_says_history_was_not_proven() {
    let qms = TestQms::new();
    qms.doc("SOP-1", "", "Clean.");
    let run = qms.run(&["check", "--today", TODAY, "--format", "short"]);
    assert_eq!(run.code, 0, "a note does not fail the run");
    assert_eq!(
        run.stdout,
        "note[history-incomplete] not a git repository: no history rules were applied\n0 errors, 0 warnings, 1 note\n"
    );
    let quiet = qms.run(&["check", "--today", TODAY, "--format", "short", "--no-history"]);
    assert_eq!(quiet.stdout, "0 errors, 0 warnings, 0 notes\n");
}
