//! Speed of the token features, both tok2vecs and the tagger on the corpus articles, one core.
//!
//!     cargo run -p flashpoint_nlp --release --example model_speed [-- ROUNDS]
//!
//! The tokens are spaCy's own (from `tests/data/spacy_reference.jsonl`, the entries whose id is
//! an article of `corpus/*.jsonl`), so that the figure does not depend on the tokenizer. CPU time
//! is the process's own (from /proc/self/schedstat), which other load on the machine does not
//! inflate the way it inflates wall time.

use flashpoint_nlp::features::{Features, TokenText};
use flashpoint_nlp::tagger::Tagger;
use flashpoint_nlp::tok2vec::Tok2Vec;
use flashpoint_nlp::ModelFile;
use serde_json::Value;
use std::collections::HashSet;
use std::time::Instant;

const REFERENCE: &str = include_str!("../tests/data/spacy_reference.jsonl");
const CORPUS: [&str; 2] = [
    include_str!("../../../corpus/idlib-2019-2020.jsonl"),
    include_str!("../../../corpus/other-crises.jsonl"),
];

/// Multiply-adds per token of the dense layers (encoder blocks; the mix layer is folded into
/// the embedding tables): 4 × 288 × 288 per tok2vec, and the tagger's 96 × 50.
const BLOCK_MACS: f64 = 4.0 * 288.0 * 288.0;

struct Doc {
    text: String,
    spans: Vec<(usize, usize, bool, String)>,
}

fn corpus_docs() -> Vec<Doc> {
    let ids: HashSet<String> = CORPUS
        .iter()
        .flat_map(|f| f.lines())
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["id"].as_str().map(str::to_string))
        .collect();
    REFERENCE
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["id"].as_str().is_some_and(|id| ids.contains(id)))
        .map(|v| Doc {
            text: v["text"].as_str().unwrap_or_default().to_string(),
            spans: v["tokens"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| {
                    let n = |i: usize| t[i].as_u64().unwrap_or(0) as usize;
                    let norm = t[3].as_str().unwrap_or_default().to_string();
                    (n(0), n(1), t[2].as_bool().unwrap_or(false), norm)
                })
                .collect(),
        })
        .collect()
}

fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e9)
}

/// Runs `f` over every document `rounds` times; returns (wall, cpu) seconds.
fn time(rounds: usize, mut f: impl FnMut()) -> (f64, f64) {
    let (wall, cpu) = (Instant::now(), cpu_seconds());
    for _ in 0..rounds {
        f();
    }
    (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu)
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let load = Instant::now();
    let model = ModelFile::parse(flashpoint_nlp::MODEL_BYTES).expect("model");
    let features = Features::load(&model).expect("features");
    let t2v = Tok2Vec::load(&model, "t2v").expect("t2v");
    let ner_t2v = Tok2Vec::load(&model, "ner.t2v").expect("ner.t2v");
    let tagger = Tagger::load(&model).expect("tagger");
    println!("load: {:.0} ms", load.elapsed().as_secs_f64() * 1e3);

    let docs = corpus_docs();
    let inputs: Vec<Vec<TokenText>> = docs
        .iter()
        .map(|d| {
            d.spans
                .iter()
                .map(|(s, e, space, norm)| TokenText {
                    text: &d.text[*s..*e],
                    space_after: *space,
                    norm: Some(norm),
                })
                .collect()
        })
        .collect();
    let tokens: usize = inputs.iter().map(Vec::len).sum();
    println!("{} documents, {tokens} tokens, {rounds} rounds", docs.len());
    let rows: Vec<Vec<[u64; 6]>> = inputs.iter().map(|t| features.extract(t)).collect();
    let tensors: Vec<Vec<f32>> = rows.iter().map(|r| t2v.forward(r)).collect();

    let mut sink = 0usize;
    let report = |what: &str, (wall, cpu): (f64, f64), macs: f64| {
        let n = (tokens * rounds) as f64;
        let gflops = if macs > 0.0 {
            format!(", {:.1} GFLOP/s", 2.0 * macs * n / cpu / 1e9)
        } else {
            String::new()
        };
        println!(
            "{what:<24} {:>9.0} tokens/s cpu ({:>9.0} wall){gflops}",
            n / cpu,
            n / wall
        );
    };
    report(
        "features",
        time(rounds, || {
            inputs
                .iter()
                .for_each(|t| sink += features.extract(t).len())
        }),
        0.0,
    );
    report(
        "tok2vec (t2v)",
        time(rounds, || {
            rows.iter().for_each(|r| sink += t2v.forward(r).len())
        }),
        BLOCK_MACS,
    );
    report(
        "tok2vec (ner.t2v)",
        time(rounds, || {
            rows.iter().for_each(|r| sink += ner_t2v.forward(r).len())
        }),
        BLOCK_MACS,
    );
    let both = time(rounds, || {
        for r in &rows {
            sink += t2v.forward(r).len() + ner_t2v.forward(r).len();
        }
    });
    report("both tok2vecs", both, 2.0 * BLOCK_MACS);
    report(
        "tagger",
        time(rounds, || {
            tensors.iter().for_each(|x| sink += tagger.predict(x).len())
        }),
        96.0 * 50.0,
    );
    println!("(checksum {sink})");
}
