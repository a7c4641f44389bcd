//! Synthetic coded articles for the store's tests (invented countries and sentences).
#![allow(dead_code)]

use flashpoint_store::{hash_bytes, CodedArticle, Incoming, Store};
use serde_json::{json, Value};

/// One event as a test writes it.
#[derive(Clone, Debug)]
pub struct Ev {
    pub source: &'static str,
    pub target: &'static str,
    pub cameo: &'static str,
    pub date: &'static str,
    pub place: Option<(&'static str, u32)>,
    pub goldstein: f64,
    pub quad: u8,
}

pub fn ev(
    source: &'static str,
    target: &'static str,
    cameo: &'static str,
    date: &'static str,
) -> Ev {
    let (goldstein, quad) = match &cameo[..2] {
        "19" | "18" | "20" => (-10.0, 4),
        "14" | "15" | "16" | "17" => (-7.0, 4),
        "09" | "10" | "11" | "12" | "13" => (-4.0, 3),
        "06" | "07" | "08" => (6.0, 2),
        _ => (3.0, 1),
    };
    Ev {
        source,
        target,
        cameo,
        date,
        place: None,
        goldstein,
        quad,
    }
}

impl Ev {
    pub fn at(mut self, name: &'static str, id: u32) -> Ev {
        self.place = Some((name, id));
        self
    }
}

fn actor(code: &str) -> Value {
    let country = &code[..3];
    let role = if code.len() > 3 {
        Value::from(&code[3..])
    } else {
        Value::Null
    };
    json!({"text": code, "code": code, "country": country, "role": role, "name": null})
}

/// The JSON of a coded article: one sentence per event.
pub fn article_json(id: &str, source_name: &str, published: &str, events: &[Ev]) -> Value {
    let mut offset = 0;
    let evs: Vec<Value> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let sentence = format!("{} acted against {} in a test sentence number {i}.", e.source, e.target);
            let span = [offset, offset + sentence.len()];
            offset += sentence.len() + 1;
            let place = e.place.map(|(name, id)| {
                json!({"name": name, "country": "XRU", "admin1": null, "lat": 1.5, "lon": 2.5,
                       "geonameid": id, "precision": "city"})
            });
            json!({
                "id": format!("{id}:{i}:{i}"), "sentence_index": i, "span": span,
                "sentence_text": sentence, "source": actor(e.source), "target": actor(e.target),
                "cameo": e.cameo, "cameo_name": null, "goldstein": e.goldstein, "quad_class": e.quad,
                "plover": null, "trigger": {"text": "acted", "span": [span[0] + 4, span[0] + 9]},
                "negated": false, "modality": "asserted", "date": e.date, "date_precision": "day",
                "historical": false, "place": place, "quote_id": null, "confidence": 0.8
            })
        })
        .collect();
    json!({
        "id": id, "url": null, "published": published, "source_name": source_name,
        "title": format!("Test report {id}"), "sentences": events.len(), "events": evs,
        "quotes": [], "quantities": [], "places": [], "actors": [], "warnings": []
    })
}

pub fn incoming(id: &str, source_name: &str, published: &str, events: &[Ev]) -> Incoming {
    let line = article_json(id, source_name, published, events).to_string();
    Incoming::from_coded_line(line.as_bytes()).unwrap()
}

pub fn coded(id: &str, source_name: &str, published: &str, events: &[Ev]) -> CodedArticle {
    incoming(id, source_name, published, events).article
}

pub fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("test.db")).unwrap();
    (dir, store)
}

pub fn assert_sound(store: &Store) {
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

pub fn hash_of(v: &Value) -> [u8; 32] {
    hash_bytes(v.to_string().as_bytes())
}
