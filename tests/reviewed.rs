//! `qms reviewed`: periodic reviews recorded in bulk (`last_reviewed`), content untouched.

use crate::support::{TODAY, TestQms};

fn overdue_set() -> TestQms {
    let qms = TestQms::new();
    qms.doc("SOP-1", "approved: 2024-01-01\neffective: 2024-01-01", "Body one.");
    qms.doc("SOP-2", "approved: 2024-01-01\neffective: 2024-01-01\nowner: IT Manager", "Body two.");
    qms.doc("SOP-3", "approved: 2026-10-01\neffective: 2026-10-01", "Body three.");
    qms
}

fn read(qms: &TestQms, id: &str) -> String {
    std::fs::read_to_string(qms.join(&format!("docs/{id}.md"))).unwrap()
}

#[test]
fn due_reviews_are_recorded_in_bulk_and_the_errors_go() {
    let qms = overdue_set();
    let before = qms.check_json(&[]);
    assert_eq!(before.codes(), ["review-overdue", "review-overdue"]);
    let untouched = read(&qms, "SOP-3");
    let recorded = qms.run(&["reviewed", "--due", "--today", TODAY, "--by", "Quality Manager"]);
    assert_eq!(recorded.code, 0, "{}", recorded.stderr);
    assert!(
        recorded.stdout.starts_with("recorded the review of 2 documents on 2026-11-27 by Quality Manager:"),
        "{}",
        recorded.stdout
    );
    let one = read(&qms, "SOP-1");
    assert!(
        one.contains("effective: 2024-01-01\nlast_reviewed: 2026-11-27  # reviewed by Quality Manager\n---\n"),
        "{one}"
    );
    assert!(one.ends_with("\n# SOP-1\n\nBody one.\n"), "the body is untouched: {one}");
    assert_eq!(read(&qms, "SOP-3"), untouched, "a document not due is left alone");
    assert_eq!(qms.check_json(&[]).codes(), Vec::<String>::new());
}

#[test]
fn reviews_are_recorded_by_id_or_owner_on_a_given_date() {
    let qms = overdue_set();
    let by_id = qms.run(&["reviewed", "sop-1", "--date", "2026-11-20", "--today", TODAY]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    assert!(read(&qms, "SOP-1").contains("last_reviewed: 2026-11-20\n"));
    assert!(!read(&qms, "SOP-2").contains("last_reviewed"));
    let by_owner = qms.run(&["reviewed", "--owner", "it manager", "--today", TODAY]);
    assert_eq!(by_owner.code, 0, "{}", by_owner.stderr);
    assert!(read(&qms, "SOP-2").contains("last_reviewed: 2026-11-27\n"));
    // A second review replaces the line instead of adding another.
    qms.run(&["reviewed", "SOP-1", qms.path().to_str().unwrap(), "--today", TODAY]);
    assert_eq!(read(&qms, "SOP-1").matches("last_reviewed:").count(), 1);
}

#[test]
fn an_unknown_id_or_a_future_date_records_nothing() {
    let qms = overdue_set();
    let before = read(&qms, "SOP-1");
    let unknown = qms.run(&["reviewed", "SOP-1", "SOP-9", "--today", TODAY]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("no document has the id \"SOP-9\""), "{}", unknown.stderr);
    assert_eq!(read(&qms, "SOP-1"), before);
    let future = qms.run(&["reviewed", "SOP-1", "--date", "2026-12-01", "--today", TODAY]);
    assert_eq!(future.code, 2);
    assert!(future.stderr.contains("after today"), "{}", future.stderr);
    let nothing = qms.run(&["reviewed"]);
    assert_eq!(nothing.code, 2);
    assert!(nothing.stderr.contains("--owner ROLE or --due"), "{}", nothing.stderr);
}
