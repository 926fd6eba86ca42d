//! The line reader against the YAML parser: wherever the line reader gives a tree, it is the
//! parser's tree, ranges included.

use super::super::{Node, YamlError, parse_events};
use super::{Read, parse};

/// The line reader's tree for `yaml`, after checking it is the parser's; `None` if it left
/// `yaml` to the parser.
fn agree(yaml: &str) -> Option<Read> {
    let base = 4;
    let fast = parse(yaml, base);
    if let Some(Read(tree)) = &fast {
        let full: Result<Option<Node>, YamlError> = parse_events(yaml, base);
        assert_eq!(Ok(tree), full.as_ref(), "the two readers differ on {yaml:?}");
    }
    fast
}

#[test]
fn every_front_matter_of_the_example_reads_alike() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-qms");
    let (mut documents, mut fast) = (0, 0);
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let crate::load::split::Split::Found { yaml, .. } = crate::load::split::split(text.as_bytes()) else {
            continue;
        };
        documents += 1;
        let in_docs = entry.path().starts_with(root.join("docs"));
        let read = agree(&text[yaml]).is_some();
        fast += usize::from(read);
        // Every controlled document of the example has the everyday shape.
        assert!(read || !in_docs, "{} was left to the parser", entry.path().display());
    }
    assert!(documents > 40 && fast > 30, "{fast} of {documents}");
}

#[test]
fn the_everyday_shapes_are_read_alike() {
    let texts = [
        "id: SOP-0001\ntitle: Control of Documented Information\ntype: procedure\nversion: \"3.5\"\n\
         status: approved\napprover:\napproved: 2026-02-10\nclauses:\n  iso9001:2015: [\"7.5\", \"7.5.1\"]\n  \
         iso14001:2015: [\"7.5\"]\n",
        "\"id\": A-1\n'title': 'it''s # not a comment'\nversion: 1.10\n",
        "id: A-1 # the id\ntitle: \"a: b\"   # c\nchange: x#y\n",
        "# leading comment\n\nid: A-1\r\ntitle: Qualité\r\n\r\n",
        "supersedes:\n  - SOP-1\n  - 'SOP-2'\n# between\nsuperseded_by: []\nwithdrawn: ~\n",
        "clauses:\n  # a comment\n  \"iso9001:2015\": [\"4.1\",\"4.2\" , 7.5.1]\n\n  b:\nnext: x\n",
        "a:\n# c\n  b: x\n",
        "a:  # c\nb: ''\nc: \"\"\nd: null\n",
        "title: Form [draft] {old}, v2 <x> = y\n",
        "",
        "\n# only a comment\n",
        "a: x",
        "a:",
    ];
    for text in texts {
        assert!(agree(text).is_some(), "{text:?} was left to the parser");
    }
}

#[test]
fn the_rest_is_left_to_the_parser() {
    let texts = [
        "a: 1\na: 2\n",
        "a: 1\n\"a\": 2\n",
        "clauses:\n  x: [1]\n  x: [2]\n",
        "a: |\n  text\n",
        "a: >\n  text\n",
        "a: &x 1\nb: *x\n",
        "a: !tag x\n",
        "a: {b: c}\n",
        "a: \"x\\\"y\"\n",
        "a: \"multi\n  line\"\n",
        "a: plain\n  continued\n",
        "a:\tx\n",
        "\tid: x\n",
        "  id: x\n",
        "a: b: c\n",
        "a:\n- x\n",
        "a:\n  b:\n    c: d\n",
        "a:\n  b: 1\n   c: 2\n",
        "a:\n  - [x]\n",
        "a: [x, [y]]\n",
        "a: [x,]\n",
        "a: [x y]\n",
        "key with spaces: x\n",
        "id : x\n",
        "a: x\rb: y\n",
        "a: x\u{2028}y\n",
        "a: \u{FEFF}x\n",
        "a: \u{85}x\n",
        "? a\n: b\n",
        "%YAML 1.2\n",
        "- a\n- b\n",
        "a: \"x\"y\n",
        "a: 'x'#c\n",
    ];
    for text in texts {
        assert!(agree(text).is_none(), "{text:?} was read by the line reader");
    }
}

/// Text made of pieces of front matter, valid and not: a deterministic stream of cases.
struct Generator(u64);

impl Generator {
    fn next(&mut self, below: usize) -> usize {
        // xorshift64*: no dependency, the same cases on every run.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % below
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next(from.len())]
    }

    fn text(&mut self) -> String {
        const INDENTS: &[&str] = &["", "", "", "  ", "  ", " ", "    ", "  - ", "- "];
        const KEYS: &[&str] = &[
            "id",
            "title",
            "a",
            "b",
            "version",
            "\"q\"",
            "'s'",
            "'it''s'",
            "iso9001:2015",
            "-",
            "x y",
            "null",
            "~",
            "1.0",
            "? a",
            "&a a",
            "a#b",
            "\"\"",
            "a:b",
            "_k",
            "k-",
            "k.",
            "a/b",
            "é",
        ];
        const COLONS: &[&str] = &[": ", ": ", ": ", ":", ":  ", " : ", ":\t", "", ": # c"];
        const VALUES: &[&str] = &[
            "x",
            "SOP-001",
            "\"1.0\"",
            "'it''s'",
            "[a, \"b\"]",
            "[]",
            "[a,]",
            "[ 7.5 , 8.1.2 ]",
            "~",
            "",
            "# c",
            "x # c",
            "x#c",
            "a: b",
            "|",
            ">",
            "&a x",
            "*a",
            "!tag x",
            "{a: b}",
            "\"a\\\"b\"",
            "é ü",
            "\u{2028}",
            "x:",
            "- x",
            "2026-01-01",
            "'",
            "\"",
            "[a b]",
            "@x",
            "`x`",
            "%x",
            "x  ",
            "\"x\"  # c",
            "'a' b",
            "Form [draft] {v}",
            "a ,b",
            "[-1]",
            "['x', \"y\"]",
            "[x]z",
            "x :y",
            "-x",
            ":x",
            "?x",
            ",x",
            "x\u{85}",
            "\"#\"",
            "null",
            "[\"a\", [b]]",
            "x\r",
        ];
        const ENDINGS: &[&str] = &["\n", "\n", "\n", "\r\n", "\r", "", "\n\n", "\n# c\n", "\n  # c\n"];
        let mut text = String::new();
        for _ in 0..self.next(7) {
            text.push_str(self.pick(INDENTS));
            if self.next(4) > 0 {
                text.push_str(self.pick(KEYS));
                text.push_str(self.pick(COLONS));
            }
            text.push_str(self.pick(VALUES));
            text.push_str(self.pick(ENDINGS));
        }
        text
    }
}

#[test]
fn generated_text_reads_alike() {
    let mut generator = Generator(0x9E37_79B9_7F4A_7C15);
    let mut read = 0;
    for _ in 0..50_000 {
        let text = generator.text();
        read += usize::from(agree(&text).is_some());
    }
    // The cases must reach the line reader often enough to test it.
    assert!(read > 5_000, "only {read} cases were read by the line reader");
}
