//! The history's own reading of past versions, held to the loader's.

use super::*;
use crate::diag::FileId;
use crate::load::load_bytes;

/// The revision fields the whole loader reads from `text`.
fn loaded(text: &[u8], rules: &FieldRules) -> RevisionMeta {
    let loaded = load_bytes(FileId(0), "docs/a.md".into(), text.to_vec(), rules);
    let Some(meta) = loaded.document.map(|d| d.meta) else { return RevisionMeta::default() };
    super::revision_meta(meta, 0)
}

fn assert_reads_alike(text: &[u8], rules: &FieldRules) {
    let meta = RevisionMeta { body_hash: 0, ..parse(text) };
    assert_eq!(meta, loaded(text, rules), "{}", String::from_utf8_lossy(text));
}

#[test]
fn parsing_the_front_matter_alone_reads_what_the_loader_reads() {
    let config = crate::config::parse(Path::new("/q"), "").unwrap();
    let rules = FieldRules::from_config(&config);
    let texts: &[&[u8]] = &[
        b"---\nid: A-1\nversion: \"1.10\"\n---\n# Body\n",
        b"---\r\nid: A-1\r\n---  \r\n# Body\r\n",
        b"\xEF\xBB\xBF---\nid: A-1\n...\nbody",
        b"---\nid: A-1\n",
        b"# No front matter\nid: A-1\n",
        b"",
        b"---\nid: A-1\n---\nbad \xFF byte\n",
        b"--- \nid: A-1\n---",
        b"---\nid: A-1\ntitle: '  '\nversion: 1.x\nstatus: done\napproved: 2026-02-30\n---\n",
        b"---\nid: [A-1]\ntitle: {a: b}\nchange: ~\napprover: null\neffective: \"2026-01-01\"\n---\n",
        b"---\nid: A-1\nid: A-2\n---\n",
        b"---\n- id: A-1\n---\n",
        b"---\nid: &x A-1\ntitle: *x\n---\n",
        b"---\n# only a comment\n---\n",
        b"---\nid: A-\xFF1\n---\n",
        b"---\n\"id\": ' A-1 '\nlast_reviewed: 2026-01-31\nstatus: effective\nchange: |\n  Reworded.\n---\n",
    ];
    for text in texts {
        assert_reads_alike(text, &rules);
    }
    let meta = parse(texts[0]);
    assert_eq!(meta.version.map(|v| v.to_string()).as_deref(), Some("1.10"));
    assert_eq!(parse(texts[0]).id.as_deref(), Some("A-1"));
}

#[test]
fn every_document_of_the_example_reads_as_the_loader_reads_it() {
    let config = crate::config::parse(Path::new("/q"), "").unwrap();
    let rules = FieldRules::from_config(&config);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-qms");
    let mut read = 0;
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "md") {
            let text = std::fs::read(entry.path()).unwrap();
            assert_reads_alike(&text, &rules);
            // The same document with its front matter cut short at every line.
            let lines: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').take(20).collect();
            for cut in 1..lines.len() {
                let mut shorter = lines[..cut].concat();
                shorter.extend_from_slice(b"---\nBody.\n");
                assert_reads_alike(&shorter, &rules);
            }
            read += 1;
        }
    }
    assert!(read > 40);
}

#[test]
fn the_body_hash_ignores_the_front_matter() {
    let hash_of = |text: &str| parse(text.as_bytes()).body_hash;
    let one = hash_of("---\nid: A-1\nversion: \"1.0\"\n---\nBody.\n");
    assert_eq!(one, hash_of("---\nid: A-1\nversion: \"1.1\"\nlast_reviewed: 2026-01-01\n---\nBody.\n"));
    assert_ne!(one, hash_of("---\nid: A-1\nversion: \"1.0\"\n---\nBody!\n"));
}

#[test]
fn documents_are_markdown_outside_hidden_folders() {
    assert!(is_document("procedures/sop-1.MD"));
    assert!(!is_document("procedures/.drafts/sop-1.md"));
    assert!(!is_document("img/logo.png"));
    assert_eq!(crate::config::normalize_folder("./docs/"), Some("docs".to_owned()));
    assert_eq!(crate::config::normalize_folder("."), Some(String::new()));
    assert_eq!(crate::config::normalize_folder("../docs"), None);
}
