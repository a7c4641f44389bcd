//! Synthetic coded articles for tests and benchmarks: invented actors (codes ISO 3166-1 leaves
//! to its users, so no country's, but valid ones), sentences written from a template,
//! reproducible from a seed. Many of the
//! articles retell events of others (same actors, root and day), so dedup has work to do.

use serde_json::{json, Value};

/// A small reproducible generator (xorshift64*); no dependency, same sequence everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

const COUNTRIES: [&str; 6] = ["XAX", "XBX", "XCX", "XDX", "XEX", "XFX"];
const ROLES: [&str; 4] = ["", "GOV", "MIL", "REB"];
/// (CAMEO code, Goldstein, quad class)
const CODES: [(&str, f64, u8); 8] = [
    ("040", 1.0, 1),
    ("042", 1.9, 1),
    ("057", 8.0, 1),
    ("073", 7.4, 2),
    ("112", -2.0, 3),
    ("138", -7.0, 3),
    ("190", -10.0, 4),
    ("195", -10.0, 4),
];
const PLACES: [(&str, u32); 4] = [
    ("Alphaville", 9_000_001),
    ("Betatown", 9_000_002),
    ("Gammaport", 9_000_003),
    ("Deltaford", 9_000_004),
];

fn actor(rng: &mut Rng) -> Value {
    let country = COUNTRIES[rng.below(COUNTRIES.len() as u64) as usize];
    let role = ROLES[rng.below(ROLES.len() as u64) as usize];
    let code = format!("{country}{role}");
    json!({"text": code, "code": code, "country": country,
           "role": if role.is_empty() { Value::Null } else { Value::from(role) }, "name": null})
}

/// Day `n` after 2020-01-01 as `YYYY-MM-DD` (n < 366).
fn date(n: u64) -> String {
    let lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut rest = n % 366;
    let mut month = 0;
    while rest >= lengths[month] {
        rest -= lengths[month];
        month += 1;
    }
    format!("2020-{:02}-{:02}", month + 1, rest + 1)
}

/// The `n`-th article (its `version` tells revisions of one article apart): one line of coded
/// JSONL with 1–8 events.
pub fn article(rng: &mut Rng, n: u64, version: u32) -> Value {
    let id = format!("synthetic-{n}");
    let published = rng.below(300) + 2;
    let count = 1 + rng.below(8) as usize;
    let mut offset = 0usize;
    let events: Vec<Value> = (0..count)
        .map(|i| {
            let (code, goldstein, quad) = CODES[rng.below(CODES.len() as u64) as usize];
            let source = actor(rng);
            let target = actor(rng);
            let sentence = format!(
                "{} took action {code} towards {} in report {n}, version {version}, item {i}.",
                source["code"].as_str().unwrap_or(""),
                target["code"].as_str().unwrap_or("")
            );
            let span = [offset, offset + sentence.len()];
            offset += sentence.len() + 1;
            let place = (rng.below(3) > 0).then(|| {
                let (name, id) = PLACES[rng.below(PLACES.len() as u64) as usize];
                json!({"name": name, "country": "XAX", "admin1": null, "lat": 10.5, "lon": 20.25,
                       "geonameid": id, "precision": "city"})
            });
            json!({
                "id": format!("{id}:{i}:{i}"), "sentence_index": i, "span": span,
                "sentence_text": sentence, "source": source, "target": target, "cameo": code,
                "cameo_name": null, "goldstein": goldstein, "quad_class": quad,
                "plover": null, "trigger": {"text": "took", "span": [span[0], span[0] + 4]},
                "negated": false, "modality": "asserted", "date": date(published - rng.below(2)),
                "date_precision": "day", "historical": false, "place": place, "quote_id": null,
                "confidence": 0.75
            })
        })
        .collect();
    json!({
        "id": id, "url": null, "published": date(published),
        "source_name": format!("Outlet {}", rng.below(12)),
        "title": format!("Synthetic report {n}"), "sentences": count, "events": events,
        "quotes": [], "quantities": [], "places": [], "actors": [], "warnings": []
    })
}

/// `n` articles as JSONL lines: mostly new ones, with some exact repeats and some revised
/// versions of earlier articles (as a feed re-sends and corrects stories).
pub fn corpus(seed: u64, n: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let mut lines: Vec<String> = Vec::with_capacity(n as usize);
    let mut made = 0;
    while (lines.len() as u64) < n {
        let roll = rng.below(100);
        if roll < 3 && !lines.is_empty() {
            let again = lines[rng.below(lines.len() as u64) as usize].clone();
            lines.push(again);
        } else if roll < 6 && made > 0 {
            let which = rng.below(made);
            let version = 1 + rng.below(1000) as u32;
            lines.push(article(&mut rng, which, version).to_string());
        } else {
            lines.push(article(&mut rng, made, 0).to_string());
            made += 1;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CodedArticle;

    #[test]
    fn lines_are_valid_coded_articles_and_reproducible() {
        let a = corpus(7, 200);
        assert_eq!(a, corpus(7, 200));
        for line in &a {
            CodedArticle::from_json(line.as_bytes()).unwrap();
        }
        assert_eq!(date(0), "2020-01-01");
        assert_eq!(date(59), "2020-02-29");
        assert_eq!(date(365), "2020-12-31");
    }
}
