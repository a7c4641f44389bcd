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
/// Documents allowed to differ at all: a different float summation order could flip a near-tie
/// (spaCy's smallest winning margin on news is 3.7e-4), but rare code paths such as
/// deprojectivisation touch only a few tokens, so per-token floors alone would not notice them.
const DOCS_DIFFERING: usize = 1;

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

/// Sentences as `(first, end)` token spans from sentence-start flags.
fn spans(starts: &[bool]) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    let mut begin = 0;
    for i in 1..=starts.len() {
        if i == starts.len() || starts[i] {
            out.insert((begin, i));
            begin = i;
        }
    }
    out
}

type Ents = HashSet<(usize, usize, String)>;

fn spacy_entities(record: &Value) -> Ents {
    record["ents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let start = e[0].as_u64().unwrap() as usize;
            let end = e[1].as_u64().unwrap() as usize;
            (start, end, e[2].as_str().unwrap().to_string())
        })
        .collect()
}

impl Tally {
    /// Count one document; true if it is identical to spaCy's.
    fn add(&mut self, doc: &Doc, parser: &Parser, ner: &Ner) -> bool {
        let tokens = doc.record["tokens"].as_array().unwrap();
        assert_eq!(tokens.len(), doc.is_space.len());
        let parse = parser.parse(&doc.tensor, &doc.is_space);
        let mut same = true;
        for (i, tok) in tokens.iter().enumerate() {
            let head_ok = parse.heads[i] == tok[10].as_u64().unwrap() as usize;
            let arc_ok = head_ok && parser.label(parse.labels[i]) == tok[5].as_str().unwrap();
            let start_ok = parse.sent_starts[i] == tok[12].as_bool().unwrap();
            self.heads_same += usize::from(head_ok);
            self.arcs_same += usize::from(arc_ok);
            self.starts_same += usize::from(start_ok);
            same &= arc_ok && start_ok;
        }
        self.tokens += tokens.len();
        let spacy_starts: Vec<bool> = tokens.iter().map(|x| x[12].as_bool().unwrap()).collect();
        let (gold, ours) = (spans(&spacy_starts), spans(&parse.sent_starts));
        self.sents_gold += gold.len();
        self.sents_ours += ours.len();
        self.sents_same += gold.intersection(&ours).count();
        let ents = ner.predict(&doc.ner_tensor, &parse.sent_starts, &doc.is_space);
        let gold = spacy_entities(&doc.record);
        let ours: Ents = ents
            .iter()
            .map(|e| (e.start, e.end, ner.label(e.label).to_string()))
            .collect();
        self.ents_gold += gold.len();
        self.ents_ours += ours.len();
        self.ents_same += gold.intersection(&ours).count();
        same &= gold == ours && ours.len() == ents.len();
        self.docs += 1;
        self.docs_same += usize::from(same);
        same
    }

    /// Print the figures and return each with its name.
    fn report(&self) -> Vec<(&'static str, f64)> {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let arcs = ratio(self.arcs_same, self.tokens);
        let (sent_p, sent_r) = (
            ratio(self.sents_same, self.sents_ours),
            ratio(self.sents_same, self.sents_gold),
        );
        let (ent_p, ent_r) = (
            ratio(self.ents_same, self.ents_ours),
            ratio(self.ents_same, self.ents_gold),
        );
        println!(
            "heads: {}/{} tokens; heads+labels: {}/{} = {arcs:.4}",
            self.heads_same, self.tokens, self.arcs_same, self.tokens
        );
        println!(
            "sentence starts: {}/{} tokens; sentence spans: {}/{} spaCy, {}/{} ours (P {sent_p:.4} R {sent_r:.4})",
            self.starts_same, self.tokens, self.sents_same, self.sents_gold, self.sents_same, self.sents_ours
        );
        println!(
            "entities: {}/{} spaCy, {}/{} ours (P {ent_p:.4} R {ent_r:.4}); documents identical {}/{}",
            self.ents_same, self.ents_gold, self.ents_same, self.ents_ours, self.docs_same, self.docs
        );
        vec![
            ("heads+labels", arcs),
            ("sentence starts", ratio(self.starts_same, self.tokens)),
            ("sentence precision", sent_p),
            ("sentence recall", sent_r),
            ("entity precision", ent_p),
            ("entity recall", ent_r),
        ]
    }
}

#[test]
fn parser_and_ner_agree_with_spacy() {
    let model = ModelFile::parse(MODEL_BYTES).unwrap();
    let parser = Parser::load(&model).unwrap();
    let ner = Ner::load(&model).unwrap();
    let docs = load_docs(&model);
    let mut tally = Tally::default();
    for doc in &docs {
        if !tally.add(doc, &parser, &ner) {
            println!("differs: {}", doc.record["id"]);
        }
    }
    assert!(tally.docs >= 100, "reference has {} texts", tally.docs);
    let figures = tally.report();
    print_speed(&parser, &ner, &docs);
    for (what, value) in figures {
        assert!(value >= FLOOR, "{what}: {value:.4} below {FLOOR}");
    }
    let differing = tally.docs - tally.docs_same;
    assert!(
        differing <= DOCS_DIFFERING,
        "{differing} documents differ from spaCy"
    );
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
