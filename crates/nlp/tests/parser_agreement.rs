//! Agreement of the parser and the entity recogniser with spaCy on the reference texts
//! (`tests/data/spacy_reference.jsonl`, written by `scripts/make_nlp_reference.py`): spaCy's
//! tokens → features → tok2vec (`t2v`) → parser, and tok2vec (`ner.t2v`) → entity recogniser,
//! compared on heads + labels (the parser's own, before the attribute ruler), sentence starts and
//! entities. `FLASHPOINT_PARSER_REFERENCE` may name another file of the same format (a larger
//! development set kept outside the repository).

use flashpoint_nlp::features::{Features, TokenText, IS_SPACE};
use flashpoint_nlp::ner::Ner;
use flashpoint_nlp::parser::Parser;
use flashpoint_nlp::tok2vec::Tok2Vec;
use flashpoint_nlp::{ModelFile, MODEL_BYTES};
use serde_json::Value;
use std::collections::HashSet;

const FLOOR: f64 = 0.999;

/// One reference document, run through both tok2vecs.
struct Doc {
    record: Value,
    tensor: Vec<f32>,
    ner_tensor: Vec<f32>,
    is_space: Vec<bool>,
}

fn token_texts(record: &Value) -> Vec<TokenText<'_>> {
    let text = record["text"].as_str().unwrap();
    record["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| TokenText {
            text: &text[t[0].as_u64().unwrap() as usize..t[1].as_u64().unwrap() as usize],
            space_after: t[2].as_bool().unwrap(),
            norm: Some(t[3].as_str().unwrap()),
        })
        .collect()
}

fn load_docs(model: &ModelFile) -> Vec<Doc> {
    let reference = match std::env::var_os("FLASHPOINT_PARSER_REFERENCE") {
        Some(p) => std::fs::read_to_string(p).unwrap(),
        None => include_str!("data/spacy_reference.jsonl").to_string(),
    };
    let features = Features::load(model).unwrap();
    let t2v = Tok2Vec::load(model, "t2v").unwrap();
    let ner_t2v = Tok2Vec::load(model, "ner.t2v").unwrap();
    reference
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let record: Value = serde_json::from_str(line).unwrap();
            let rows = features.extract(&token_texts(&record));
            Doc {
                tensor: t2v.forward(&rows),
                ner_tensor: ner_t2v.forward(&rows),
                is_space: rows.iter().map(|r| r[IS_SPACE] == 1).collect(),
                record,
            }
        })
        .collect()
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
    let model = ModelFile::parse(MODEL_BYTES).unwrap();
    let parser = Parser::load(&model).unwrap();
    let ner = Ner::load(&model).unwrap();
    let docs = load_docs(&model);
    let mut t = Tally::default();
    for doc in &docs {
        let record = &doc.record;
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
    assert!(t.docs >= 100, "reference has {} texts", t.docs);
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
