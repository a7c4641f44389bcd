//! Regression gate on the project's own coder cases (`tests/data/coder_cases.jsonl`, original
//! sentences written for the project; see the README there). Prints recall, precision and
//! forbidden-root violations and fails when they fall below the floor reached so far.

use flashpoint_core::Article;
use serde_json::Value;

const CASES: &str = include_str!("data/coder_cases.jsonl");

/// Floors: the figures measured when the gate was set, less a small margin for noise.
const MIN_RECALL: f64 = 0.65;
const MIN_PRECISION: f64 = 0.81;
const MAX_FORBIDDEN: usize = 1;

#[test]
fn coder_cases_hold_their_floor() {
    let pipeline = flashpoint_coder::standard();
    let (mut expected, mut found, mut predicted, mut matched, mut forbidden) = (0, 0, 0, 0, 0);
    for (n, line) in CASES
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        let article = Article {
            id: case["id"].as_str().unwrap_or_default().to_string(),
            text: case["text"].as_str().unwrap_or_default().to_string(),
            published: case["published"].as_str().and_then(|d| d.parse().ok()),
            ..Article::default()
        };
        let doc = pipeline.run(article);
        let country = |a: &Option<flashpoint_core::doc::EventActor>| {
            a.as_ref()
                .and_then(|a| a.actor.country.map(|c| c.to_string()))
        };
        predicted += doc.events.len();
        for e in &doc.events {
            let named = doc.places.iter().any(|p| p.sentence == e.sentence);
            assert!(
                !named || e.place.is_some(),
                "{}: an event without the place its sentence names",
                case["id"]
            );
        }
        let mut used = vec![false; doc.events.len()];
        for g in case["events"].as_array().into_iter().flatten() {
            expected += 1;
            let hit = doc.events.iter().position(|e| {
                country(&e.source).as_deref() == g["source"].as_str()
                    && (g["target"].is_null()
                        || country(&e.target).as_deref() == g["target"].as_str())
                    && Some(&e.cameo.as_str()[..2]) == g["root"].as_str()
            });
            if let Some(i) = hit {
                found += 1;
                used[i] = true;
            } else if std::env::var_os("FLASHPOINT_SHOW_MISSES").is_some() {
                eprintln!("{}: missed {g}", case["id"]);
            }
        }
        matched += used.iter().filter(|u| **u).count();
        for f in case["forbid"].as_array().into_iter().flatten() {
            if doc
                .events
                .iter()
                .any(|e| Some(&e.cameo.as_str()[..2]) == f["root"].as_str() && !e.historical)
            {
                forbidden += 1;
                eprintln!("{}: forbidden root {} coded", case["id"], f["root"]);
            }
        }
    }
    let recall = found as f64 / expected.max(1) as f64;
    let precision = matched as f64 / predicted.max(1) as f64;
    println!("coder cases: recall {recall:.3} ({found}/{expected}), precision {precision:.3} ({matched}/{predicted}), forbidden roots coded {forbidden}");
    assert!(
        recall >= MIN_RECALL,
        "recall {recall:.3} below {MIN_RECALL}"
    );
    assert!(
        precision >= MIN_PRECISION,
        "precision {precision:.3} below {MIN_PRECISION}"
    );
    assert!(
        forbidden <= MAX_FORBIDDEN,
        "{forbidden} forbidden roots coded (max {MAX_FORBIDDEN})"
    );
}
