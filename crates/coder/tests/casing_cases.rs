//! Text as feeds deliver it: the project's own sentences (tests/data/casing_cases.jsonl) damaged
//! as archives and scrapers damage them — lower case, capitals, a headline in capitals, mojibake
//! (Windows-1252 once or twice, Latin-1), and both — must code as the clean text does: the same sentences, events (root,
//! source and target codes), actors and places, with every output span and text pointing into
//! the damaged text as received.

use flashpoint_core::codebook::Codebook;
use flashpoint_core::ingest::mojibake::garble;
use flashpoint_core::output::Output;
use flashpoint_core::{Article, Pipeline};
use serde_json::Value;
use std::collections::BTreeSet;

const CASES: &str = include_str!("data/casing_cases.jsonl");

struct Case {
    id: String,
    damage: String,
    published: String,
    text: String,
    restored: Option<String>,
}

fn cases() -> Vec<Case> {
    CASES
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().map(str::to_string);
            Case {
                id: s("id").unwrap(),
                damage: s("damage").unwrap(),
                published: s("published").unwrap(),
                text: s("text").unwrap(),
                restored: s("restored"),
            }
        })
        .collect()
}

fn damage(text: &str, how: &str) -> String {
    how.split('+').fold(text.to_string(), |t, step| match step {
        "lower" => t.to_lowercase(),
        "upper" => t.to_uppercase(),
        "headline" => match t.split_once("\n\n") {
            Some((head, rest)) => format!("{}\n\n{rest}", head.to_uppercase()),
            None => t.to_uppercase(),
        },
        "mojibake" => garble(&t, 1),
        "mojibake2" => garble(&t, 2),
        // UTF-8 read as ISO-8859-1: the C1 controls stand where Windows-1252 has "€", "™"…
        "latin1" => t.bytes().map(char::from).collect(),
        other => panic!("unknown damage {other}"),
    })
}

/// What must hold: sentences, events, actor codes, place names.
#[derive(Debug, PartialEq)]
struct Reading {
    sentences: u64,
    events: Vec<(String, String, String)>,
    actors: BTreeSet<String>,
    places: BTreeSet<String>,
}

fn reading(out: &Value) -> Reading {
    let code = |a: &Value| a["code"].as_str().unwrap_or("").to_string();
    let mut events: Vec<_> = out["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let root = e["cameo"].as_str().unwrap()[..2].to_string();
            (root, code(&e["source"]), code(&e["target"]))
        })
        .collect();
    events.sort();
    let list = |k: &str, f: &'static str| {
        out[k]
            .as_array()
            .unwrap()
            .iter()
            .map(move |x| x[f].as_str().unwrap_or("").to_string())
    };
    Reading {
        sentences: out["sentences"].as_u64().unwrap(),
        events,
        actors: list("actors", "code").collect(),
        // A place the gazetteer does not know is named as written ("Galwan valley"): its case
        // is the restored case, which may differ from the clean text's.
        places: list("places", "name").map(|n| n.to_lowercase()).collect(),
    }
}

/// Every span of the output points at its text in the text as received.
fn check_spans(out: &Value, received: &str, id: &str) {
    let at = |span: &Value| {
        let (s, e) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
        received
            .get(s as usize..e as usize)
            .unwrap_or_else(|| panic!("{id}: bad span {span}"))
    };
    for e in out["events"].as_array().unwrap() {
        assert_eq!(at(&e["span"]), e["sentence_text"], "{id}");
        assert_eq!(at(&e["trigger"]["span"]), e["trigger"]["text"], "{id}");
    }
    for k in ["actors", "places", "quotes", "quantities"] {
        for x in out[k].as_array().unwrap() {
            assert_eq!(at(&x["span"]), x["text"], "{id} {k}");
        }
    }
}

fn code(pipeline: &Pipeline, id: &str, text: &str, published: &str) -> (Value, String) {
    let doc = pipeline.run(Article {
        id: id.into(),
        text: text.into(),
        published: published.parse().ok(),
        ..Article::default()
    });
    let out = serde_json::to_value(Output::new(&doc, Codebook::bundled())).unwrap();
    (out, doc.text().to_string())
}

#[test]
fn damaged_text_codes_as_clean_text() {
    let pipeline = flashpoint_coder::standard();
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let damaged = damage(&c.text, &c.damage);
        assert_ne!(damaged, c.text, "{}: the damage changed nothing", c.id);
        let (clean, _) = code(&pipeline, &c.id, &c.text, &c.published);
        let (out, read) = code(&pipeline, &c.id, &damaged, &c.published);
        check_spans(&out, &damaged, &c.id);
        let warned = out["warnings"].as_array().unwrap().iter().any(|w| {
            let w = w.as_str().unwrap_or("");
            w.contains("mojibake") || w.contains("case restored")
        });
        assert!(warned, "{}: no warning", c.id);
        if (c.damage.contains("mojibake") || c.damage == "latin1") && !c.damage.contains('+') {
            assert_eq!(read, c.text, "{}: mojibake not repaired", c.id);
        }
        if let Some(r) = &c.restored {
            assert_eq!(&read, r, "{}", c.id);
        }
        if reading(&clean) != reading(&out) {
            failures.push(format!(
                "{} ({}): clean {:?}\n    damaged {:?}\n    read as {read:?}",
                c.id,
                c.damage,
                reading(&clean),
                reading(&out)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn clean_text_is_read_as_it_came() {
    let pipeline = flashpoint_coder::standard();
    for c in cases() {
        let (out, read) = code(&pipeline, &c.id, &c.text, &c.published);
        assert_eq!(read, c.text, "{}", c.id);
        assert_eq!(out["warnings"], Value::Array(vec![]), "{}", c.id);
    }
}
