//! Every input the fuzz targets flagged (`tests/data/fuzz/TARGET/*.bin`), replayed through the
//! checks of its target, so that `cargo test` keeps them fixed without nightly or libFuzzer.

use flashpoint_coder::segment::split_sentences;
use flashpoint_core::codebook::Codebook;
use flashpoint_core::ingest::{html, jsonl, PlainOptions};
use flashpoint_core::output::Output;
use flashpoint_core::{Article, Date, Doc, Span};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Generous for one short input in a debug build on a busy machine; the fuzzers hold each to
/// 2 s of CPU.
const BUDGET: Duration = Duration::from_secs(20);

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "bin"))
                .map(|p| {
                    let bytes = std::fs::read(&p).unwrap();
                    (p, bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn span_ok(text: &str, s: Span) -> bool {
    s.start <= s.end && text.get(s.start..s.end).is_some()
}

fn check_doc(doc: &Doc) {
    let text = doc.text();
    let spans = doc
        .sentences
        .iter()
        .map(|s| s.span)
        .chain(doc.tokens.iter().map(|t| t.span))
        .chain(doc.mentions.iter().map(|m| m.span))
        .chain(doc.quotes.iter().map(|q| q.span))
        .chain(doc.quantities.iter().map(|q| q.span))
        .chain(doc.places.iter().map(|p| p.span))
        .chain(doc.events.iter().map(|e| e.trigger));
    for s in spans {
        assert!(
            span_ok(text, s),
            "{s:?} outside the text or off a char boundary"
        );
    }
    let json = serde_json::to_string(&Output::new(doc, Codebook::bundled())).unwrap();
    assert!(!json.contains('\n'));
}

fn timed<T>(what: &Path, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    assert!(
        started.elapsed() < BUDGET,
        "{} took {:?}",
        what.display(),
        started.elapsed()
    );
    out
}

#[test]
fn jsonl_findings() {
    let found = inputs("jsonl");
    assert!(!found.is_empty());
    for (path, bytes) in found {
        match timed(&path, || jsonl::parse_bytes(&bytes, 1)) {
            Ok(Some(a)) => assert!(!a.id.trim().is_empty()),
            Ok(None) => {
                let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                assert!(String::from_utf8_lossy(body).trim().is_empty(), "{path:?}");
            }
            Err(e) => assert_eq!(e.line, 1),
        }
    }
}

#[test]
fn html_findings() {
    for (path, bytes) in inputs("html") {
        let a = timed(&path, || html::parse(&bytes, "f", &PlainOptions::default()));
        for s in split_sentences(&a.text) {
            assert!(span_ok(&a.text, s.span));
        }
    }
}

#[test]
fn segment_findings() {
    for (path, bytes) in inputs("segment") {
        let text = String::from_utf8_lossy(&bytes);
        for s in timed(&path, || split_sentences(&text)) {
            assert!(span_ok(&text, s.span));
        }
    }
}

#[test]
fn pipeline_findings() {
    let found = inputs("pipeline");
    assert!(!found.is_empty());
    let pipeline = flashpoint_coder::standard();
    for (path, bytes) in found {
        // As the fuzz target reads it: the first byte picks a publication date.
        let (published, text) = match bytes.split_first() {
            Some((&b, rest)) if b % 4 != 0 => (
                Date::new(1990 + i32::from(b % 40), 1 + b % 12, 1 + b % 28),
                rest,
            ),
            Some((_, rest)) => (None, rest),
            None => (None, &bytes[..]),
        };
        let article = Article {
            id: "fuzz".into(),
            published,
            text: String::from_utf8_lossy(text).into_owned(),
            ..Article::default()
        };
        let doc = timed(&path, || pipeline.run(article));
        check_doc(&doc);
    }
}
