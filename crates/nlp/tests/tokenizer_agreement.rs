//! The tokenizer against spaCy's own tokens.
//!
//! Two references: `spacy_reference.jsonl` (the corpus and edge cases through the whole spaCy
//! pipeline; its NORM is the effective one, so only a NORM the tokenizer sets is compared) and
//! `tokenizer_reference.jsonl` (generated stress texts through `nlp.tokenizer`, written by
//! `scripts/make_tokenizer_reference.py`, with the NORM override itself). A token agrees when its
//! byte span, trailing-space flag and NORM override agree. Every text is also checked for the
//! invariants the rest of the pipeline relies on.

use flashpoint_nlp::tokenizer::{Token, Tokenizer};
use flashpoint_nlp::unicode::CharClasses;
use flashpoint_nlp::{ModelFile, MODEL_BYTES};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Instant;

const REQUIRED_AGREEMENT: f64 = 0.999;

struct Loaded {
    tokenizer: Tokenizer,
    classes: CharClasses,
}

fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let model = ModelFile::parse(MODEL_BYTES).expect("bundled model");
        Loaded {
            tokenizer: Tokenizer::load(&model).expect("tokenizer"),
            classes: CharClasses::load(&model).expect("character classes"),
        }
    })
}

/// How the reference gives NORM.
#[derive(Clone, Copy, PartialEq)]
enum NormField {
    /// The token's effective NORM: an override we set must equal it.
    Effective,
    /// The override itself (null when none): ours must be the same.
    Override,
}

#[derive(PartialEq, Eq, Hash, Debug)]
struct Expected {
    start: usize,
    end: usize,
    space_after: bool,
    norm: Option<String>,
}

fn agrees(mine: &Token, reference: &Expected, field: NormField) -> bool {
    let norm_ok = match field {
        NormField::Override => mine.norm == reference.norm,
        NormField::Effective => mine.norm.is_none() || mine.norm == reference.norm,
    };
    mine.start == reference.start
        && mine.end == reference.end
        && mine.space_after == reference.space_after
        && norm_ok
}

fn read_reference(path: &str) -> Vec<(String, String, Vec<Expected>)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let record: Value = serde_json::from_str(line).expect("JSON line");
            let tokens = record["tokens"]
                .as_array()
                .expect("tokens")
                .iter()
                .map(|t| Expected {
                    start: t[0].as_u64().expect("start") as usize,
                    end: t[1].as_u64().expect("end") as usize,
                    space_after: t[2].as_bool().expect("space flag"),
                    norm: t[3].as_str().map(str::to_string),
                })
                .collect();
            let id = record["id"].as_str().unwrap_or("?").to_string();
            let text = record["text"].as_str().expect("text").to_string();
            (id, text, tokens)
        })
        .collect()
}

/// Tokens in order, in bounds, on char boundaries, tiling the text but for the one ASCII space
/// each `space_after` token owns, and leaving no non-whitespace character outside a token.
fn check_invariants(text: &str, tokens: &[Token]) -> Result<(), String> {
    let mut at = 0;
    for (i, t) in tokens.iter().enumerate() {
        if !(at <= t.start && t.start < t.end && t.end <= text.len()) {
            return Err(format!(
                "token {i} {}..{} out of order or bounds",
                t.start, t.end
            ));
        }
        if !text.is_char_boundary(t.start) || !text.is_char_boundary(t.end) {
            return Err(format!(
                "token {i} {}..{} splits a character",
                t.start, t.end
            ));
        }
        if t.start != at {
            return Err(format!("gap before token {i} at {at}..{}", t.start));
        }
        at = t.end;
        if t.space_after {
            if text.as_bytes().get(at) != Some(&b' ') {
                return Err(format!("token {i} claims a space that is not there"));
            }
            at += 1;
        }
    }
    if at != text.len() {
        return Err(format!("text after {at} is in no token"));
    }
    let covered: Vec<bool> = coverage(text, tokens);
    for (i, c) in text.char_indices() {
        if !covered[i] && !loaded().classes.is_space(c) {
            return Err(format!("character {c:?} at {i} is in no token"));
        }
    }
    Ok(())
}

fn coverage(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut covered = vec![false; text.len()];
    for t in tokens {
        covered[t.start..t.end].iter_mut().for_each(|c| *c = true);
    }
    covered
}

struct Agreement {
    tokens: usize,
    tokens_same: usize,
    docs: usize,
    docs_same: usize,
}

fn compare(path: &str, field: NormField) -> Agreement {
    let tokenizer = &loaded().tokenizer;
    let mut result = Agreement {
        tokens: 0,
        tokens_same: 0,
        docs: 0,
        docs_same: 0,
    };
    let mut shown = 0;
    for (id, text, expected) in read_reference(path) {
        let mine = tokenizer.tokenize(&text);
        if let Err(problem) = check_invariants(&text, &mine) {
            panic!("{id}: {problem} in {text:?}");
        }
        let by_span: HashMap<(usize, usize), &Token> =
            mine.iter().map(|m| ((m.start, m.end), m)).collect();
        let same = expected
            .iter()
            .filter(|e| {
                by_span
                    .get(&(e.start, e.end))
                    .is_some_and(|m| agrees(m, e, field))
            })
            .count();
        let doc_same = same == expected.len() && mine.len() == expected.len();
        result.tokens += expected.len();
        result.tokens_same += same;
        result.docs += 1;
        result.docs_same += usize::from(doc_same);
        if !doc_same && shown < 10 {
            shown += 1;
            let show = |spans: Vec<(usize, usize, bool, Option<&str>)>| -> Vec<String> {
                spans
                    .into_iter()
                    .map(|(s, e, sp, n)| {
                        format!(
                            "{:?}{}{}",
                            &text[s..e],
                            if sp { "_" } else { "" },
                            n.map(|n| format!("={n}")).unwrap_or_default()
                        )
                    })
                    .collect()
            };
            eprintln!("DIFF {id} {text:?}");
            eprintln!(
                "  spaCy: {:?}",
                show(
                    expected
                        .iter()
                        .map(|e| (e.start, e.end, e.space_after, e.norm.as_deref()))
                        .collect()
                )
            );
            eprintln!(
                "  ours:  {:?}",
                show(
                    mine.iter()
                        .map(|m| (m.start, m.end, m.space_after, m.norm.as_deref()))
                        .collect()
                )
            );
        }
    }
    result
}

fn report(name: &str, path: &str, field: NormField) {
    let a = compare(path, field);
    let share = a.tokens_same as f64 / a.tokens.max(1) as f64;
    println!(
        "{name}: tokens identical {} / {} ({:.4}%), docs identical {} / {}",
        a.tokens_same,
        a.tokens,
        100.0 * share,
        a.docs_same,
        a.docs
    );
    assert!(a.tokens > 0, "{name}: no reference tokens");
    assert!(
        share >= REQUIRED_AGREEMENT,
        "{name}: token agreement {share:.5} below {REQUIRED_AGREEMENT}"
    );
}

#[test]
fn agrees_with_spacy_on_the_pipeline_reference() {
    report(
        "spacy_reference",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/spacy_reference.jsonl"
        ),
        NormField::Effective,
    );
}

#[test]
fn agrees_with_spacy_on_generated_stress_texts() {
    report(
        "tokenizer_reference",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/tokenizer_reference.jsonl"
        ),
        NormField::Override,
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_gives_ordered_char_aligned_spans(text in any::<String>()) {
        let tokens = loaded().tokenizer.tokenize(&text);
        prop_assert_eq!(check_invariants(&text, &tokens), Ok(()));
    }

    #[test]
    fn punctuation_heavy_text_gives_ordered_char_aligned_spans(
        text in "[ a-zA-Z0-9'’.,:;!?()\\[\\]\"“”$€%°/@#&+*^~=<>_\\-–—…\u{a0}\u{2009}\t\n😀é́]{0,60}"
    ) {
        let tokens = loaded().tokenizer.tokenize(&text);
        prop_assert_eq!(check_invariants(&text, &tokens), Ok(()));
    }
}

/// Tokens per second on the corpus articles (release build: `cargo test -p flashpoint_nlp
/// --release --test tokenizer_agreement -- --ignored --nocapture`). A figure, not an assertion.
#[test]
#[ignore]
fn throughput_on_corpus_articles() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(corpus).expect("corpus folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            let content = std::fs::read_to_string(&path).expect("corpus file");
            for line in content.lines().filter(|l| !l.trim().is_empty()) {
                let record: Value = serde_json::from_str(line).expect("JSON line");
                texts.push(record["text"].as_str().expect("text").to_string());
            }
        }
    }
    let tokenizer = &loaded().tokenizer;
    let started = Instant::now();
    let (mut tokens, mut rounds) = (0usize, 0usize);
    while started.elapsed().as_secs_f64() < 3.0 {
        for text in &texts {
            tokens += tokenizer.tokenize(text).len();
        }
        rounds += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "tokenizer: {} articles x {rounds} rounds, {tokens} tokens in {seconds:.2} s = {:.0} tokens/s",
        texts.len(),
        tokens as f64 / seconds
    );
}

#[test]
#[ignore]
fn load_time() {
    let started = Instant::now();
    let model = ModelFile::parse(MODEL_BYTES).expect("bundled model");
    let parsed = started.elapsed();
    let _tokenizer = Tokenizer::load(&model).expect("tokenizer");
    println!(
        "model parse {:?}, tokenizer load {:?}",
        parsed,
        started.elapsed() - parsed
    );
}
