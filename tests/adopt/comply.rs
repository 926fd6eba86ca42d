//! A strongDM comply set: headers converted, its standard turned into a catalog, the acronym
//! kept as an alias, the lettered lists rendered as lists, its history kept before control.

use super::{body_after_front_matter, front_matter_findings, read, revisions, run};
use crate::support::TODAY;
use crate::support::git::TestRepo;

const ACCESS: &str = "name: Access Onboarding and Termination Policy\nacronym: AOTP\nsatisfies:\n  TSC:\n    - CC6.1\n    - CC6.2\nmajorRevisions:\n  - date: Jun 1 2018\n    comment: Initial document\n---\n# Purpose and Scope\n\na. The purpose of this policy.\n\n# Policy\n\na. *During onboarding:*\n\n    i. Hiring Manager informs HR.\n\n    i. IT creates the accounts.\n";
const ONBOARD: &str = "id: \"onboard\"\nname: \"Onboard New User\"\ncron: \"0 0 * * *\"\n---\n\nResolve this ticket:\n\n- [ ] Add the user\n";
const TSC: &str = "name: TSC\nCC6.1:\n  family: CC6\n  name: Logical Access\n  description: The entity implements logical access security\nCC6.2:\n  family: CC6\n  name: User Access Provisioning\n";

fn comply_set() -> TestRepo {
    let repo = TestRepo::bare_worktree();
    repo.write("README.md", "# Acme compliance\n");
    repo.write("TODO.md", "- finish\n");
    repo.write("policies/README.md", "Policies go here.\n");
    repo.write("standards/TSC-2017.yml", TSC);
    repo.write("policies/access.md", ACCESS.replace("IT creates the accounts.", "IT creates accounts."));
    repo.write("procedures/onboarding.md", ONBOARD);
    repo.commit("Initial commit", "Justin McCarthy", "2018-05-15");
    repo.write("policies/access.md", ACCESS);
    repo.commit("Initial commit of Access", "Manisha Singh", "2018-05-18");
    repo
}

#[test]
fn a_comply_set_is_adopted_with_its_header_standard_and_history() {
    let repo = comply_set();
    let adopted = run(
        &repo,
        &[
            "adopt",
            "--standards",
            "iso27001:2022",
            "--name",
            "Acme",
            "--status",
            "effective",
            "--approver",
            "CEO",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(adopted.code, 0, "{}{}", adopted.stdout, adopted.stderr);
    let access = read(repo.path(), "policies/access.md");
    assert_eq!(body_after_front_matter(&access), &ACCESS[ACCESS.find("---\n").unwrap() + 4..]);
    for line in [
        "title: Access Onboarding and Termination Policy\n",
        "type: policy\n",
        "clauses:\n  \"tsc:2017\": [\"CC6.1\", \"CC6.2\"]\n",
        "aliases: [\"AOTP\"]\n",
        "major_revisions:\n  - date: 2018-06-01\n    comment: \"Initial document\"\n",
        "approved: 2018-05-18\n",
    ] {
        assert!(access.contains(line), "{line:?} in\n{access}");
    }
    assert!(!access.contains("change:"), "the header's last comment is a row of its own: {access}");
    let onboarding = read(repo.path(), "procedures/onboarding.md");
    assert!(onboarding.contains("aliases: [\"onboard\"]\ncron: \"0 0 * * *\"\n"), "{onboarding}");
    let config = read(repo.path(), "qms.toml");
    assert!(config.contains("documents = \".\""), "{config}");
    assert!(config.contains("exclude = [\"**/README.md\", \"**/TODO.md\"]"), "{config}");
    assert!(config.contains("standards = [\"iso27001:2022\", \"tsc:2017\"]"), "{config}");
    assert!(config.contains("extra_fields = [\"cron\"]"), "{config}");
    let catalog = read(repo.path(), "standards/tsc-2017.toml");
    assert!(catalog.contains("id = \"CC6.2\"\ntitle = \"User Access Provisioning\""), "{catalog}");

    let check = run(&repo, &["check", "--today", "2018-06-01", "--format", "json"]);
    assert_eq!(front_matter_findings(&check), [], "{}", check.stdout);
    repo.commit("Adopt the comply set", "Quality Manager", "2018-06-01");
    let counted = revisions(&repo, &[]);
    assert_eq!(counted, [("POL-001".into(), 3), ("SOP-001".into(), 2)], "the header's revisions are not counted");

    // The header's `majorRevisions` are rows of the revision history, recorded before control.
    let json = run(&repo, &["register", "--format", "json", "--today", TODAY]).json();
    assert_eq!(
        json["documents"][0]["revisions_before_control"],
        serde_json::json!([{"date": "2018-06-01", "comment": "Initial document", "standing": "before control, from the adopted header"}])
    );
    let build = run(&repo, &["build", "--today", TODAY]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let page = read(repo.path(), "site/current/documents/POL-001.html");
    let history = &page[page.find("id=\"qms-history\"").unwrap()..];
    let rows: Vec<&str> = history.split("<tr><td>").skip(1).map(|row| &row[..row.find("</tr>").unwrap()]).collect();
    assert_eq!(rows.len(), 4, "three commits and the header's revision: {history}");
    let dates: Vec<&str> = rows.iter().map(|row| &row[row.find("nowrap\">").unwrap() + 8..][..10]).collect();
    assert_eq!(dates, ["2018-06-01", "2018-06-01", "2018-05-18", "2018-05-15"], "by date, newest first");
    let header = "Initial document <span class=\"muted\">(before control, from the adopted header)</span>";
    assert!(rows[1].contains(header), "{}", rows[1]);
    assert!(
        !history.contains("Reason: Initial document"),
        "the adoption commit is given no reason of the header's: {history}"
    );
}

/// `major_revisions` is a field of every document: its dates are read as comply writes them,
/// and one that is no date is reported at its line, with the field.
#[test]
fn a_revision_recorded_before_control_needs_a_date() {
    let qms = crate::support::TestQms::new();
    let doc = |date: &str| {
        crate::support::valid_doc("POL-001", "", "One.").replacen(
            "---\n\n",
            &format!("major_revisions:\n  - {{date: {date}, comment: Initial document}}\n---\n\n"),
            1,
        )
    };
    qms.write("docs/POL-001.md", doc("Jun 1 2018"));
    assert_eq!(qms.check_json(&[]).findings(), []);
    qms.write("docs/POL-001.md", doc("sometime"));
    let run = qms.check_json(&[]);
    assert_eq!(run.findings(), [("docs/POL-001.md".to_owned(), 12, "invalid-date".to_owned())]);
    assert_eq!(run.json()["diagnostics"][0]["field"], "major_revisions", "{}", run.stdout);
}

/// The type comes from every folder between the QMS root and the file, the documents folder's
/// own name too: a set whose files all sit under `policies/` is a set of policies, and comply's
/// own layout (`policies/`, `procedures/`, `narratives/`, `standards/*.yml`) gives each its type.
#[test]
fn the_documents_folders_own_name_names_the_type() {
    let adopt = |repo: &TestRepo| {
        let adopted = run(repo, &["adopt", "--standards", "iso27001:2022", "--name", "Acme", "--today", TODAY]);
        assert_eq!(adopted.code, 0, "{}{}", adopted.stdout, adopted.stderr);
        adopted
    };
    let only_policies = TestRepo::bare_worktree();
    only_policies.write("policies/access.md", ACCESS);
    only_policies.write("policies/conduct.md", "# Code of Conduct\n\nBe kind.\n");
    // "log" in the file name would make it a register; the title's last word says policy.
    only_policies.write("policies/log.md", "name: Log Management Policy\nacronym: LMP\n---\n\n# Policy\n");
    only_policies.commit("Policies", "Justin McCarthy", "2018-05-15");
    adopt(&only_policies);
    assert!(read(only_policies.path(), "qms.toml").contains("documents = \"policies\""));
    for (file, id) in
        [("policies/access.md", "POL-001"), ("policies/conduct.md", "POL-002"), ("policies/log.md", "POL-003")]
    {
        let text = read(only_policies.path(), file);
        assert!(text.contains(&format!("id: {id}\n")) && text.contains("type: policy\n"), "{file}: {text}");
    }

    let layout = comply_set();
    layout.write(
        "narratives/system.md",
        "name: System Architecture Narrative\nacronym: SAN\n---\n\n# {{.Name}} System\n",
    );
    layout.commit("Narrative", "Justin McCarthy", "2018-05-20");
    let adopted = adopt(&layout);
    assert!(read(layout.path(), "qms.toml").contains("documents = \".\""));
    for (file, kind) in [
        ("policies/access.md", "policy"),
        ("procedures/onboarding.md", "procedure"),
        ("narratives/system.md", "narrative"),
    ] {
        let text = read(layout.path(), file);
        assert!(text.contains(&format!("type: {kind}\n")), "{file}: {text}\n{}", adopted.stdout);
    }
    // comply fills `{{.Name}}` in when it builds; after adoption a person writes the name.
    assert!(
        adopted.stdout.contains("1 document(s) (NAR-001) hold comply's template fields such as `{{.Name}}`"),
        "{}",
        adopted.stdout
    );
}

/// A repository with its program's release tags `v*` (comply's own): they are not releases of
/// the documents, so adoption names the manual's releases `qms-v*` and says so, and the build
/// warns of none of the program's tags.
#[test]
fn a_programs_own_release_tags_are_not_releases_of_the_documents() {
    let repo = comply_set();
    repo.write(".gitignore", "output\n");
    repo.commit("Ignore comply's output", "Justin McCarthy", "2018-05-16");
    repo.tag("v1.0.0", None);
    repo.tag("v1.1.0", Some("Release 1.1"));
    let adopted = run(&repo, &["adopt", "--standards", "iso27001:2022", "--today", TODAY]);
    assert_eq!(adopted.code, 0, "{}", adopted.stderr);
    assert!(read(repo.path(), "qms.toml").contains("[releases]\ntags = \"qms-v*\"\n"));
    assert!(
        adopted.stdout.contains("To decide:\n  the repository's 2 tags `v*` (such as v1.1.0) are not releases of the documents: `[releases] tags` is \"qms-v*\""),
        "{}",
        adopted.stdout
    );
    repo.commit("Adopt", "Quality Manager", "2018-06-01");
    repo.tag("qms-v1", None);
    let build = run(&repo, &["build", "--today", TODAY]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(!build.stderr.contains("skipped"), "{}", build.stderr);
    assert!(build.stdout.contains("qms-v1"), "{}", build.stdout);
    // The site is ignored: the adoption added it to the repository's own `.gitignore`.
    assert_eq!(read(repo.path(), ".gitignore"), "output\n\n# The site `qms build` writes.\n/site/\n");
    assert!(adopted.stdout.contains("wrote .gitignore (/site/"), "{}", adopted.stdout);
    assert_eq!(repo.git(&["status", "--porcelain"]), "", "the site is ignored");

    let without = comply_set();
    let adopted = run(&without, &["adopt", "--standards", "iso27001:2022", "--today", TODAY]);
    assert!(read(without.path(), "qms.toml").contains("[releases]\ntags = \"v*\"\n"));
    assert!(!adopted.stdout.contains("To decide:"), "{}", adopted.stdout);
}

/// Without `--standards`, a comply set is held to the standards it brings (its TSC catalog),
/// not to ISO 9001 besides.
#[test]
fn a_comply_set_without_standards_is_held_to_its_own() {
    let repo = comply_set();
    let adopted = run(&repo, &["adopt", "--today", TODAY]);
    assert_eq!(adopted.code, 0, "{}", adopted.stderr);
    let config = read(repo.path(), "qms.toml");
    assert!(config.contains("standards = [\"tsc:2017\"]\nintegrated = false\n"), "{config}");
    let markdown = TestRepo::bare_worktree();
    markdown.write("docs/quality-manual.md", "# Quality Manual\n\nText.\n");
    assert_eq!(run(&markdown, &["adopt", "--today", TODAY]).code, 0);
    assert!(read(markdown.path(), "qms.toml").contains("standards = [\"iso9001:2015\"]\n"));
}
