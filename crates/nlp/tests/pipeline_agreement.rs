//! The whole model against spaCy itself: text in, tokens, tags, POS, morphology, lemmas, heads,
//! labels, sentences and entities out, compared with spaCy's annotations of the same texts
//! (`tests/data/spacy_reference.jsonl`, written by `scripts/make_nlp_reference.py`).

use flashpoint_nlp::{Annotator, Model};
use serde_json::Value;

const REFERENCE: &str = include_str!("data/spacy_reference.jsonl");

#[derive(Default)]
struct Tally {
    tokens: usize,
    token_same: usize,
    tag: usize,
    pos: usize,
    morph: usize,
    lemma: usize,
    head_dep: usize,
    sent_start: usize,
    ents_spacy: usize,
    ents_ours: usize,
    ents_same: usize,
    docs: usize,
    docs_same: usize,
}

fn reference_entities(
    doc: &Value,
    starts: &[usize],
    ends: &[usize],
) -> Vec<(usize, usize, String)> {
    doc["ents"]
        .as_array()
        .expect("ents")
        .iter()
        .map(|e| {
            let first = e[0].as_u64().expect("start") as usize;
            let end = e[1].as_u64().expect("end") as usize;
            (
                starts[first],
                ends[end - 1],
                e[2].as_str().expect("label").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_model_reads_text_as_spacy_does() {
    let model = Model::bundled().expect("bundled model");
    let mut t = Tally::default();
    for line in REFERENCE.lines() {
        let doc: Value = serde_json::from_str(line).expect("reference line");
        let text = doc["text"].as_str().expect("text");
        let gold = doc["tokens"].as_array().expect("tokens");
        let ours = model.annotate(text);
        t.docs += 1;
        let mut same_doc = gold.len() == ours.words.len();
        t.tokens += gold.len();
        let starts: Vec<usize> = gold
            .iter()
            .map(|g| g[0].as_u64().expect("start") as usize)
            .collect();
        let ends: Vec<usize> = gold
            .iter()
            .map(|g| g[1].as_u64().expect("end") as usize)
            .collect();
        for (g, w) in gold.iter().zip(&ours.words) {
            let same_token = g[0] == w.start
                && g[1] == w.end
                && g[2] == w.space_after
                && g[3] == w.norm.as_str();
            let checks = [
                (same_token, &mut t.token_same),
                (g[6] == w.tag.as_str(), &mut t.tag),
                (g[7] == w.pos.as_str(), &mut t.pos),
                (g[8] == w.morph.as_str(), &mut t.morph),
                (g[9] == w.lemma.as_str(), &mut t.lemma),
                (g[10] == w.head && g[11] == w.dep.as_str(), &mut t.head_dep),
            ];
            for (ok, count) in checks {
                *count += usize::from(ok);
                same_doc &= ok;
            }
        }
        let our_starts: Vec<usize> = ours.sentences.iter().map(|s| s.start).collect();
        for (i, g) in gold.iter().enumerate() {
            let ok = g[12] == our_starts.contains(&i);
            t.sent_start += usize::from(ok);
            same_doc &= ok;
        }
        let spacy_ents = reference_entities(&doc, &starts, &ends);
        let our_ents: Vec<(usize, usize, String)> = ours
            .entities
            .iter()
            .map(|e| (e.start, e.end, e.label.clone()))
            .collect();
        t.ents_spacy += spacy_ents.len();
        t.ents_ours += our_ents.len();
        t.ents_same += our_ents.iter().filter(|e| spacy_ents.contains(e)).count();
        same_doc &= spacy_ents == our_ents;
        t.docs_same += usize::from(same_doc);
    }
    let share = |n: usize| n as f64 / t.tokens as f64;
    println!("{} documents, {} tokens", t.docs, t.tokens);
    for (name, n) in [
        ("tokens (span, space, norm)", t.token_same),
        ("tag", t.tag),
        ("pos", t.pos),
        ("morph", t.morph),
        ("lemma", t.lemma),
        ("head+dep", t.head_dep),
        ("sentence start", t.sent_start),
    ] {
        println!("{name:>28}: {n}/{} = {:.4}", t.tokens, share(n));
        assert!(share(n) >= 0.999, "{name} agreement below 99.9%");
    }
    let precision = t.ents_same as f64 / t.ents_ours.max(1) as f64;
    let recall = t.ents_same as f64 / t.ents_spacy.max(1) as f64;
    println!(
        "{:>28}: {}/{} spaCy, {} ours (P {precision:.4} R {recall:.4})",
        "entities", t.ents_same, t.ents_spacy, t.ents_ours
    );
    println!("{:>28}: {}/{}", "documents identical", t.docs_same, t.docs);
    assert!(
        precision >= 0.999 && recall >= 0.999,
        "entity agreement below 99.9%"
    );
}
