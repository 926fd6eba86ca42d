//! The floor for `qms build`: a bare pulldown-cmark render of every Markdown file under a
//! folder, front matter skipped, each written as an HTML fragment, one file after another.
//!
//!     cargo bench --bench render_floor -- DOCS_DIR OUT_DIR
//!
//! It prints the number of files and the time taken; `.ci/bench-site` compares it with
//! `qms build` and `mdbook build` on the same corpus.

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "a command-line tool: printing is its output")]

use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let [docs, out] = args.as_slice() else {
        eprintln!("usage: cargo bench --bench render_floor -- DOCS_DIR OUT_DIR");
        std::process::exit(2);
    };
    let start = Instant::now();
    let mut files = Vec::new();
    collect(Path::new(docs), &mut files);
    files.sort();
    std::fs::create_dir_all(out).expect("the output folder can be created");
    for (number, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let body = skip_front_matter(&text);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::all()),
        );
        std::fs::write(Path::new(out).join(format!("{number}.html")), html).expect("the page can be written");
    }
    println!("{} files in {:.1} ms", files.len(), start.elapsed().as_secs_f64() * 1000.0);
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
}

fn skip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else { return text };
    rest.find("\n---\n").map_or(text, |end| &rest[end + 5..])
}
