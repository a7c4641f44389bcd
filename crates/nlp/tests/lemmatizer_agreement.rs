//! The attribute ruler and lemmatizer against spaCy's own output (tests/data/spacy_reference.jsonl):
//! fed spaCy's tokens with the tagger's TAG and the parser's DEP, they must give spaCy's final
//! TAG, POS, MORPH, LEMMA and DEP.

use flashpoint_nlp::lemmatizer::Lemmatizer;
use flashpoint_nlp::ModelFile;
use serde_json::Value;
use std::time::Instant;

const WANTED: f64 = 0.999;
/// (name, column in a reference token row)
const FIELDS: [(&str, usize); 5] = [
    ("tag", 6),
    ("pos", 7),
    ("morph", 8),
    ("lemma", 9),
    ("dep", 11),
];

/// One reference document: token texts, model TAG and DEP, and spaCy's final rows.
struct Doc {
    words: Vec<String>,
    tags: Vec<String>,
    deps: Vec<String>,
    rows: Vec<Vec<Value>>,
}

impl Doc {
    fn parse(line: &str) -> Doc {
        let v: Value = serde_json::from_str(line).expect("reference line is JSON");
        let text = v["text"].as_str().expect("text");
        let rows: Vec<Vec<Value>> = v["tokens"]
            .as_array()
            .expect("tokens")
            .iter()
            .map(|t| t.as_array().expect("token row").clone())
            .collect();
        let col = |row: &Vec<Value>, i: usize| row[i].as_str().expect("string column").to_string();
        let words = rows
            .iter()
            .map(|r| {
                let at = |i: usize| r[i].as_u64().expect("byte offset") as usize;
                text[at(0)..at(1)].to_string()
            })
            .collect();
        Doc {
            words,
            tags: rows.iter().map(|r| col(r, 4)).collect(),
            deps: rows.iter().map(|r| col(r, 5)).collect(),
            rows,
        }
    }

    fn run(&self, lemmatizer: &Lemmatizer) -> Vec<flashpoint_nlp::lemmatizer::Analysis> {
        let words: Vec<&str> = self.words.iter().map(String::as_str).collect();
        let tags: Vec<&str> = self.tags.iter().map(String::as_str).collect();
        let deps: Vec<&str> = self.deps.iter().map(String::as_str).collect();
        lemmatizer.analyse(&words, &tags, &deps)
    }
}

fn load() -> (Lemmatizer, Vec<Doc>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/spacy_reference.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("reference file");
    let docs = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(Doc::parse)
        .collect();
    let model = ModelFile::parse(flashpoint_nlp::MODEL_BYTES).expect("bundled model");
    (Lemmatizer::load(&model).expect("lemmatizer"), docs)
}

#[test]
fn agrees_with_spacy() {
    let (lemmatizer, docs) = load();
    let mut same = [0usize; FIELDS.len()];
    let mut total = 0usize;
    let mut shown = 0;
    for doc in &docs {
        for ((a, row), word) in doc.run(&lemmatizer).iter().zip(&doc.rows).zip(&doc.words) {
            total += 1;
            let ours = [&a.tag, &a.pos, &a.morph, &a.lemma, &a.dep];
            for (k, ((name, col), mine)) in FIELDS.iter().zip(ours).enumerate() {
                let theirs = row[*col].as_str().unwrap_or("");
                if mine == theirs {
                    same[k] += 1;
                } else if shown < 20 {
                    shown += 1;
                    println!("{name} of {word:?}: ours {mine:?}, spaCy {theirs:?}");
                }
            }
        }
    }
    assert!(total > 1000, "only {total} reference tokens");
    println!("{} documents, {total} tokens", docs.len());
    for ((name, _), n) in FIELDS.iter().zip(same) {
        let share = n as f64 / total as f64;
        println!("{name:>6}: {n}/{total} = {:.4}%", 100.0 * share);
        assert!(
            share >= WANTED,
            "{name} agreement {share:.5} below {WANTED}"
        );
    }
}

/// Nanoseconds this thread has been on a CPU (Linux), so that the figure holds on a busy machine.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Speed of the ruler and lemmatizer together (run with --release --ignored --nocapture).
#[test]
#[ignore]
fn speed() {
    let (lemmatizer, docs) = load();
    let cpu_start = cpu_ns();
    let start = Instant::now();
    let mut tokens = 0usize;
    let mut rounds = 0;
    while start.elapsed().as_secs_f64() < 3.0 {
        for doc in &docs {
            tokens += doc.run(&lemmatizer).len();
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{rounds} rounds, {tokens} tokens in {secs:.2} s: {:.0} tokens/s",
        tokens as f64 / secs
    );
    if let (Some(a), Some(b)) = (cpu_start, cpu_ns()) {
        let cpu = (b - a) as f64 * 1e-9;
        println!(
            "on-CPU {cpu:.2} s: {:.0} tokens per CPU second",
            tokens as f64 / cpu
        );
    }
    let model = ModelFile::parse(flashpoint_nlp::MODEL_BYTES).expect("bundled model");
    let (cpu_start, start) = (cpu_ns(), Instant::now());
    Lemmatizer::load(&model).expect("lemmatizer");
    let wall = start.elapsed().as_secs_f64() * 1e3;
    match cpu_start.zip(cpu_ns()) {
        Some((a, b)) => println!(
            "lemmatizer loaded in {wall:.0} ms ({:.0} ms on CPU)",
            (b - a) as f64 * 1e-6
        ),
        None => println!("lemmatizer loaded in {wall:.0} ms"),
    }
}
