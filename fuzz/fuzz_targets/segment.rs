//! Sentence segmentation and word tokens on arbitrary text: spans inside the text, on char
//! boundaries, in order, trimmed of whitespace; tokens inside their sentence.
#![no_main]

use flashpoint_coder::segment::split_sentences;
use flashpoint_coder::tokens::tokenize;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let spans = flashpoint_fuzz::timed("segment", || split_sentences(text));
    let mut previous_end = 0;
    let mut tokens = Vec::new();
    for s in spans {
        flashpoint_fuzz::check_span(text, s.span, "sentence");
        assert!(s.span.start >= previous_end, "sentences overlap");
        previous_end = s.span.end;
        let body = s.span.of(text);
        assert!(
            !body.is_empty() && body.trim() == body,
            "{body:?} not trimmed"
        );
        tokens.clear();
        tokenize(text, s.span, &mut tokens);
        let mut last = s.span.start;
        for t in &tokens {
            flashpoint_fuzz::check_span(text, t.span, "token");
            assert!(s.span.contains(t.span) && t.span.start >= last && !t.span.is_empty());
            last = t.span.end;
        }
    }
});
