//! Sentence segmentation and word tokens on arbitrary text: spans inside the text, on char
//! boundaries, in order, trimmed of whitespace; every token inside one sentence (sentences end
//! only at whitespace, and no token holds any).
#![no_main]

use flashpoint_coder::segment::{split_sentences, token_spans};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let spans = flashpoint_fuzz::timed("segment", || split_sentences(text));
    let tokens = flashpoint_fuzz::timed("tokens", || token_spans(text));
    let mut previous_end = 0;
    for s in &spans {
        flashpoint_fuzz::check_span(text, s.span, "sentence");
        assert!(s.span.start >= previous_end, "sentences overlap");
        previous_end = s.span.end;
        let body = s.span.of(text);
        assert!(
            !body.is_empty() && body.trim() == body,
            "{body:?} not trimmed"
        );
    }
    let mut last = 0;
    for t in &tokens {
        flashpoint_fuzz::check_span(text, *t, "token");
        assert!(t.start >= last && !t.is_empty(), "tokens out of order");
        last = t.end;
        assert!(
            spans.iter().any(|s| s.span.contains(*t)),
            "token {:?} outside every sentence",
            t.of(text)
        );
    }
});
