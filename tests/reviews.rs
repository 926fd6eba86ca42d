//! `qms reviews`: the review schedule from approval and review dates, intervals and `--today`.

use crate::support::{TODAY, TestQms};

/// Four documents: overdue, due in 10 days, due in 60 days, a draft (never scheduled).
fn schedule_qms() -> TestQms {
    let qms = TestQms::new();
    qms.doc(
        "SOP-1",
        "approved: 2025-11-01\neffective: 2025-11-01\nowner: Quality Manager",
        "Overdue since 2026-11-01.",
    );
    qms.doc("SOP-2", "approved: 2025-12-07\neffective: 2025-12-07\nowner: HSE Coordinator", "Due 2026-12-07.");
    qms.doc(
        "WI-1",
        "type: work-instruction\napproved: 2025-01-26\neffective: 2025-01-26\nowner: Quality Manager",
        "24 months: due 2027-01-26.",
    );
    qms.doc("SOP-3", "status: draft", "Draft.");
    qms.write(
        "qms.toml",
        "[qms]\ndocuments = \"docs\"\n\n[review]\nby_type = { \"work-instruction\" = \"24 months\" }\n",
    );
    qms
}

#[test]
fn the_schedule_sorts_by_due_date_within_each_state() {
    let qms = schedule_qms();
    let run = qms.run(&["reviews", "--today", TODAY, "--format", "json"]);
    assert_eq!(run.code, 0);
    let json = run.json();
    let rows: Vec<(String, String, String, i64)> = json["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().into(),
                r["state"].as_str().unwrap().into(),
                r["due"].as_str().unwrap().into(),
                r["days"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("SOP-1".into(), "overdue".into(), "2026-11-01".into(), -26),
            ("SOP-2".into(), "due".into(), "2026-12-07".into(), 10),
            ("WI-1".into(), "upcoming".into(), "2027-01-26".into(), 60),
        ]
    );
    assert_eq!(json["summary"]["window"], "30 days", "the default window is [review] due_soon");

    let wide = qms.run(&["reviews", "--today", TODAY, "--within", "90d", "--format", "json"]).json();
    assert_eq!(wide["summary"]["due"], 2);
    assert_eq!(wide["summary"]["upcoming"], 0);
}

#[test]
fn the_table_groups_states_and_counts_per_owner() {
    let qms = schedule_qms();
    let run = qms.run(&["reviews", "--today", TODAY]);
    let text = run.stdout;
    assert!(text.starts_with("Overdue (1)\nDUE         WHEN         ID     TITLE           OWNER            LAST REVIEW  INTERVAL\n2026-11-01  26 days ago  SOP-1  Document SOP-1  Quality Manager  2025-11-01   12 months\n"), "{text}");
    assert!(text.contains("\nDue within 30 days (1)\n"));
    assert!(text.ends_with("Per owner\nOWNER            OVERDUE  DUE  UPCOMING\nHSE Coordinator  0        1    0\nQuality Manager  1        0    1\n"), "{text}");

    let only = qms.run(&["reviews", "--today", TODAY, "--owner", "hse coordinator", "--format", "csv"]);
    assert_eq!(
        only.stdout,
        "state,due,days,id,title,owner,last_review,interval,path\ndue,2026-12-07,10,SOP-2,Document SOP-2,HSE Coordinator,2025-12-07,12 months,docs/SOP-2.md\n"
    );
    assert_eq!(qms.run(&["reviews", "--within", "soon"]).code, 2);
}
