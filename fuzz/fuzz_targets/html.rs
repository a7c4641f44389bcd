//! The HTML reader on arbitrary bytes: never panics, stays within the time bound, and what it
//! reads codes like any text.
#![no_main]

use flashpoint_core::ingest::{html, PlainOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let article = flashpoint_fuzz::timed("html", || {
        html::parse(data, "fuzz", &PlainOptions::default())
    });
    assert!(!article.id.is_empty());
    let spans = flashpoint_coder::segment::split_sentences(&article.text);
    for s in spans {
        flashpoint_fuzz::check_span(&article.text, s.span, "sentence");
    }
});
