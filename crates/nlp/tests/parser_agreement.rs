//! Agreement of the parser and the entity recogniser with spaCy on the reference texts
//! (`tests/data/spacy_reference.jsonl`): heads + labels, sentence starts, entities.
//!
//! Input: spaCy's own tok2vec outputs for those texts, written by a dev script into the file
//! named by `FLASHPOINT_PARSER_TENSORS` (default `/tmp/parser-dev/tensors.bin`): per document a
//! `u32` token count n, then (if n > 0) n×96 f32 `doc.tensor`, n×96 f32 NER tok2vec output and
//! n bytes IS_SPACE. Skipped with a message when the file is absent.

use flashpoint_nlp::ner::Ner;
use flashpoint_nlp::parser::Parser;
use flashpoint_nlp::{ModelFile, MODEL_BYTES};
use serde_json::Value;
use std::collections::HashSet;
use std::path::PathBuf;

const WIDTH: usize = 96;
const FLOOR: f64 = 0.999;

struct Doc {
    tensor: Vec<f32>,
    ner_tensor: Vec<f32>,
    is_space: Vec<bool>,
}

fn read_tensors(bytes: &[u8]) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut at = 0;
    let mut take = |len: usize| {
        let slice = &bytes[at..at + len];
        at += len;
        slice
    };
    let floats = |b: &[u8]| -> Vec<f32> {
        b.chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    };
    let mut remaining = bytes.len();
    while remaining > 0 {
        let n = u32::from_le_bytes(take(4).try_into().unwrap()) as usize;
        let (tensor, ner_tensor, is_space) = if n == 0 {
            (Vec::new(), Vec::new(), Vec::new())
        } else {
            let t = floats(take(n * WIDTH * 4));
            let e = floats(take(n * WIDTH * 4));
            let s = take(n).iter().map(|&b| b == 1).collect();
            (t, e, s)
        };
        remaining -= 4 + if n == 0 { 0 } else { n * (WIDTH * 8 + 1) };
        docs.push(Doc {
            tensor,
            ner_tensor,
            is_space,
        });
    }
    docs
}

#[derive(Default)]
struct Tally {
    tokens: usize,
    arcs_same: usize,
    heads_same: usize,
    starts_same: usize,
    sents_gold: usize,
    sents_ours: usize,
    sents_same: usize,
    ents_gold: usize,
    ents_ours: usize,
    ents_same: usize,
    docs: usize,
    docs_same: usize,
}

fn spans(starts: &[bool]) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    let mut begin = 0;
    for i in 1..=starts.len() {
        if i == starts.len() || starts[i] {
            out.insert((begin, i));
            begin = i;
        }
    }
    if starts.is_empty() {
        out.clear();
    }
    out
}

#[test]
fn parser_and_ner_agree_with_spacy() {
    let path = std::env::var_os("FLASHPOINT_PARSER_TENSORS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/parser-dev/tensors.bin"));
    let Ok(bytes) = std::fs::read(&path) else {
        println!("skipped: no spaCy tensors at {}", path.display());
        return;
    };
    let model = ModelFile::parse(MODEL_BYTES).unwrap();
    let parser = Parser::load(&model).unwrap();
    let ner = Ner::load(&model).unwrap();
    // A larger dev set can stand in for the committed reference texts.
    let reference = match std::env::var_os("FLASHPOINT_PARSER_REFERENCE") {
        Some(p) => std::fs::read_to_string(p).unwrap(),
        None => include_str!("data/spacy_reference.jsonl").to_string(),
    };
    let docs = read_tensors(&bytes);
    let lines: Vec<&str> = reference.lines().collect();
    assert_eq!(
        docs.len(),
        lines.len(),
        "one tensor record per reference text"
    );
    let mut t = Tally::default();
    for (line, doc) in lines.iter().zip(&docs) {
        let record: Value = serde_json::from_str(line).unwrap();
        let tokens = record["tokens"].as_array().unwrap();
        assert_eq!(tokens.len(), doc.is_space.len());
        let parse = parser.parse(&doc.tensor, &doc.is_space);
        let ents = ner.predict(&doc.ner_tensor, &parse.sent_starts, &doc.is_space);
        let mut same_doc = true;
        for (i, tok) in tokens.iter().enumerate() {
            let head = tok[10].as_u64().unwrap() as usize;
            let label = tok[5].as_str().unwrap();
            let start = tok[12].as_bool().unwrap();
            let head_ok = parse.heads[i] == head;
            let arc_ok = head_ok && parser.label(parse.labels[i]) == label;
            t.heads_same += usize::from(head_ok);
            t.arcs_same += usize::from(arc_ok);
            t.starts_same += usize::from(parse.sent_starts[i] == start);
            same_doc &= arc_ok && parse.sent_starts[i] == start;
        }
        t.tokens += tokens.len();
        let gold_starts: Vec<bool> = tokens.iter().map(|x| x[12].as_bool().unwrap()).collect();
        let (gold, ours) = (spans(&gold_starts), spans(&parse.sent_starts));
        t.sents_gold += gold.len();
        t.sents_ours += ours.len();
        t.sents_same += gold.intersection(&ours).count();
        let gold_ents: HashSet<(usize, usize, String)> = record["ents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let s = e[0].as_u64().unwrap() as usize;
                let end = e[1].as_u64().unwrap() as usize;
                (s, end, e[2].as_str().unwrap().to_string())
            })
            .collect();
        let our_ents: HashSet<(usize, usize, String)> = ents
            .iter()
            .map(|e| (e.start, e.end, ner.label(e.label).to_string()))
            .collect();
        t.ents_gold += gold_ents.len();
        t.ents_ours += our_ents.len();
        t.ents_same += gold_ents.intersection(&our_ents).count();
        same_doc &= gold_ents == our_ents && our_ents.len() == ents.len();
        if !same_doc {
            println!("differs: {}", record["id"]);
        }
        t.docs += 1;
        t.docs_same += usize::from(same_doc);
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let arcs = ratio(t.arcs_same, t.tokens);
    let starts = ratio(t.starts_same, t.tokens);
    let sent_p = ratio(t.sents_same, t.sents_ours);
    let sent_r = ratio(t.sents_same, t.sents_gold);
    let ent_p = ratio(t.ents_same, t.ents_ours);
    let ent_r = ratio(t.ents_same, t.ents_gold);
    println!(
        "heads: {}/{} tokens; heads+labels: {}/{} = {:.4}",
        t.heads_same, t.tokens, t.arcs_same, t.tokens, arcs
    );
    println!(
        "sentence starts: {}/{} tokens; sentence spans: {}/{} spaCy, {}/{} ours (P {:.4} R {:.4})",
        t.starts_same,
        t.tokens,
        t.sents_same,
        t.sents_gold,
        t.sents_same,
        t.sents_ours,
        sent_p,
        sent_r
    );
    println!(
        "entities: {}/{} spaCy, {}/{} ours (P {:.4} R {:.4}); documents identical {}/{}",
        t.ents_same, t.ents_gold, t.ents_same, t.ents_ours, ent_p, ent_r, t.docs_same, t.docs
    );
    print_speed(&parser, &ner, &docs);
    for (what, value) in [
        ("heads+labels", arcs),
        ("sentence starts", starts),
        ("sentence precision", sent_p),
        ("sentence recall", sent_r),
        ("entity precision", ent_p),
        ("entity recall", ent_r),
    ] {
        assert!(value >= FLOOR, "{what}: {value:.4} below {FLOOR}");
    }
}

/// Throughput of the two state machines with their precomputation, in CPU time of this thread
/// (a figure, not a test: the machine is shared). Meaningful in release builds only.
fn print_speed(parser: &Parser, ner: &Ner, docs: &[Doc]) {
    let tokens: usize = docs.iter().map(|d| d.is_space.len()).sum();
    let rounds = 5;
    let start = cpu_seconds();
    let mut parses = Vec::new();
    for _ in 0..rounds {
        parses = docs
            .iter()
            .map(|d| parser.parse(&d.tensor, &d.is_space))
            .collect();
    }
    let parse_time = cpu_seconds() - start;
    let start = cpu_seconds();
    for _ in 0..rounds {
        for (doc, parse) in docs.iter().zip(&parses) {
            std::hint::black_box(ner.predict(&doc.ner_tensor, &parse.sent_starts, &doc.is_space));
        }
    }
    let ner_time = cpu_seconds() - start;
    let rate = |secs: f64| (rounds * tokens) as f64 / secs;
    println!(
        "speed (tokens/s, one core): parser {:.0}, ner {:.0}, both {:.0}",
        rate(parse_time),
        rate(ner_time),
        rate(parse_time + ner_time)
    );
}

/// CPU time of the current thread from Linux's schedstat (nanoseconds on the CPU), so that other
/// processes on a shared machine do not count; wall-clock time elsewhere.
fn cpu_seconds() -> f64 {
    let on_cpu = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok());
    match on_cpu {
        Some(ns) => ns as f64 * 1e-9,
        None => {
            static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
            START
                .get_or_init(std::time::Instant::now)
                .elapsed()
                .as_secs_f64()
        }
    }
}
