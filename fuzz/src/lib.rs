//! What every fuzz target checks of its output: spans inside the text, on char boundaries,
//! in order where the contract says so; and that coding one input stays within a time bound
//! (libFuzzer's `-timeout` catches hangs by the wall clock; this catches inputs that are merely
//! far too slow, by the CPU time of the thread, so that a busy machine raises no false alarm).

use flashpoint_core::codebook::Codebook;
use flashpoint_core::output::Output;
use flashpoint_core::{Doc, Span};
use std::time::Duration;

/// Most CPU time one fuzz input may take (inputs are at most a few KB; normal text codes in
/// milliseconds, ten times slower under the address sanitizer).
pub const BUDGET: Duration = Duration::from_secs(2);

/// CPU time of the calling thread.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec, which `ts` is.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Run `f`, panicking when it takes more CPU time than [`BUDGET`].
pub fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = thread_cpu();
    let out = f();
    let took = thread_cpu().saturating_sub(started);
    assert!(took <= BUDGET, "{what} took {took:?} of CPU");
    out
}

pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what} {span:?}: start after end");
    assert!(
        span.end <= text.len(),
        "{what} {span:?} beyond {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} off a char boundary"
    );
}

/// Every invariant of a coded document that holds whatever the text.
pub fn check_doc(doc: &Doc) {
    let text = doc.text();
    let mut previous_end = 0;
    for s in &doc.sentences {
        check_span(text, s.span, "sentence");
        assert!(s.span.start >= previous_end, "sentences overlap");
        assert!(!s.span.is_empty(), "empty sentence");
        previous_end = s.span.end;
        assert!(s.tokens.start <= s.tokens.end && s.tokens.end <= doc.tokens.len());
        for t in &doc.tokens[s.tokens.clone()] {
            assert!(s.span.contains(t.span), "token outside its sentence");
        }
    }
    for t in &doc.tokens {
        check_span(text, t.span, "token");
    }
    if let Some(ann) = &doc.syntax {
        let n = ann.words.len();
        for w in &ann.words {
            check_span(text, Span::new(w.start, w.end), "model token");
            assert!(w.head < n, "head outside the parse");
        }
        for e in &ann.entities {
            check_span(text, Span::new(e.start, e.end), "entity");
            assert!(e.tokens.start < e.tokens.end && e.tokens.end <= n);
        }
        let covered: usize = ann.sentences.iter().map(|r| r.len()).sum();
        assert_eq!(covered, n, "parser sentences do not cover the tokens");
    }
    for m in &doc.mentions {
        check_span(text, m.span, "mention");
        assert!(m.sentence < doc.sentences.len());
    }
    for q in &doc.quotes {
        check_span(text, q.span, "quote");
        if let Some(s) = &q.speaker {
            check_span(text, s.span, "speaker");
        }
    }
    for q in &doc.quantities {
        check_span(text, q.span, "quantity");
    }
    for p in &doc.places {
        check_span(text, p.span, "place");
        assert!(p.sentence < doc.sentences.len());
    }
    for e in &doc.events {
        assert!(e.sentence < doc.sentences.len());
        check_span(text, e.trigger, "trigger");
        assert!(doc.sentences[e.sentence].span.contains(e.trigger));
        for a in [&e.source, &e.target].into_iter().flatten() {
            check_span(text, a.span, "event actor");
        }
        if let Some(q) = e.quote_id {
            assert!(q < doc.quotes.len());
        }
    }
    let json = serde_json::to_string(&Output::new(doc, Codebook::bundled()));
    assert!(
        json.is_ok_and(|j| !j.contains('\n')),
        "output is not one line"
    );
}
