//! `qms explain`: every code documented, unknown codes refused with a suggestion.

use crate::support::TestQms;

#[test]
fn explains_a_code_in_the_fixed_template() {
    let run = TestQms::bare().run(&["explain", "review-overdue"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("review-overdue (error, reviews)\n"), "{}", run.stdout);
    for section in ["What it checks\n", "Why it matters\n", "How to fix it\n"] {
        assert!(run.stdout.contains(section), "{section} missing:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("last_reviewed"));
}

#[test]
fn lists_every_code_and_each_one_explains() {
    let bare = TestQms::bare();
    let list = bare.run(&["explain", "--list"]);
    assert_eq!(list.code, 0);
    let codes: Vec<&str> =
        list.stdout.lines().filter(|l| l.starts_with("  ")).map(|l| l.split_whitespace().next().unwrap()).collect();
    assert!(codes.len() >= 35, "{codes:?}");
    for code in ["missing-field", "broken-anchor", "duplicate-id", "review-due-soon", "invalid-utf8"] {
        assert!(codes.contains(&code), "{code} listed");
    }
    for code in codes {
        let run = bare.run(&["explain", code]);
        assert_eq!(run.code, 0, "{code}");
        assert!(run.stdout.lines().all(|l| l.len() < 400), "{code}");
    }
}

#[test]
fn unknown_codes_exit_2_with_a_suggestion() {
    let run = TestQms::bare().run(&["explain", "broken-lnk"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown code `broken-lnk`, did you mean `broken-link`?"), "{}", run.stderr);
}
