//! One document body through the site's renderer, as a page and on the print view: whatever
//! the Markdown or HTML in it, nothing in the output could run code, load something from
//! outside the site or take one of the site's ids.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for print in [false, true] {
        let html = qms::render::body_html(&text, "docs/procedures/SOP-1.md", print);
        let found = qms::render::unsafe_parts(&html);
        assert!(found.is_empty(), "{found:?} in {html}");
    }
});
