//! Feature ids and both tok2vec outputs agree with spaCy's (`doc.to_array`, `doc.tensor`, the
//! entity recogniser's tok2vec), on the committed fixture `tests/data/spacy_tensors.jsonl` and,
//! when `FLASHPOINT_TENSOR_DUMP` names a file written by `scripts/dump_tensors.py`, on that too.

use flashpoint_nlp::features::{Features, TokenText};
use flashpoint_nlp::tok2vec::Tok2Vec;
use flashpoint_nlp::ModelFile;
use serde_json::Value;

const FIXTURE: &str = include_str!("data/spacy_tensors.jsonl");
/// The fixture is rounded to 6 decimals; spaCy's BLAS sums in another order than ours.
const TOLERANCE: f32 = 2e-5;

struct Models {
    features: Features,
    t2v: Tok2Vec,
    ner_t2v: Tok2Vec,
}

#[derive(Default)]
struct Tally {
    docs: usize,
    tokens: usize,
    feature_rows_differ: usize,
    max_t2v: f32,
    max_ner: f32,
}

fn models() -> Models {
    let model = ModelFile::parse(flashpoint_nlp::MODEL_BYTES).expect("model");
    Models {
        features: Features::load(&model).expect("features"),
        t2v: Tok2Vec::load(&model, "t2v").expect("t2v"),
        ner_t2v: Tok2Vec::load(&model, "ner.t2v").expect("ner.t2v"),
    }
}

fn max_diff(ours: &[f32], theirs: &Value) -> f32 {
    let theirs: Vec<f32> = theirs
        .as_array()
        .expect("rows")
        .iter()
        .flat_map(|row| row.as_array().expect("row").iter())
        .map(|v| v.as_f64().expect("float") as f32)
        .collect();
    assert_eq!(ours.len(), theirs.len(), "tensor size");
    ours.iter()
        .zip(&theirs)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f32::max)
}

fn check_doc(m: &Models, doc: &Value, tally: &mut Tally) {
    let text = doc["text"].as_str().expect("text");
    let tokens: Vec<TokenText> = doc["tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .map(|t| TokenText {
            text: &text
                [t[0].as_u64().expect("start") as usize..t[1].as_u64().expect("end") as usize],
            space_after: t[2].as_bool().expect("space"),
            norm: Some(t[3].as_str().expect("norm")),
        })
        .collect();
    let rows = m.features.extract(&tokens);
    let theirs = doc["features"].as_array().expect("features");
    for (ours, theirs) in rows.iter().zip(theirs) {
        let theirs: Vec<u64> = theirs
            .as_array()
            .expect("row")
            .iter()
            .map(|v| v.as_str().expect("id").parse().expect("u64"))
            .collect();
        if ours[..] != theirs[..] {
            tally.feature_rows_differ += 1;
        }
    }
    tally.max_t2v = tally
        .max_t2v
        .max(max_diff(&m.t2v.forward(&rows), &doc["t2v"]));
    tally.max_ner = tally
        .max_ner
        .max(max_diff(&m.ner_t2v.forward(&rows), &doc["ner_t2v"]));
    tally.docs += 1;
    tally.tokens += tokens.len();
}

fn check(m: &Models, jsonl: &str, what: &str) -> Tally {
    let mut tally = Tally::default();
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        check_doc(m, &serde_json::from_str(line).expect("json"), &mut tally);
    }
    println!(
        "{what}: {} docs, {} tokens; feature rows differing {}; max |Δ| tok2vec {:.2e}, NER tok2vec {:.2e}",
        tally.docs, tally.tokens, tally.feature_rows_differ, tally.max_t2v, tally.max_ner
    );
    tally
}

fn assert_agrees(t: &Tally) {
    assert_eq!(t.feature_rows_differ, 0);
    assert!(t.max_t2v < TOLERANCE, "tok2vec differs by {}", t.max_t2v);
    assert!(
        t.max_ner < TOLERANCE,
        "NER tok2vec differs by {}",
        t.max_ner
    );
}

#[test]
fn tensors_agree_with_spacy() {
    let m = models();
    let fixture = check(&m, FIXTURE, "fixture");
    assert!(fixture.docs >= 5 && fixture.tokens > 50);
    assert_agrees(&fixture);
    match std::env::var("FLASHPOINT_TENSOR_DUMP") {
        Ok(path) => {
            let dump = std::fs::read_to_string(&path).expect("tensor dump");
            assert_agrees(&check(&m, &dump, &path));
        }
        Err(_) => println!("FLASHPOINT_TENSOR_DUMP not set: only the fixture was checked"),
    }
}
