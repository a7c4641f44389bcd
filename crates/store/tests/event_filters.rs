//! The API's event filters (`Store::find_events`) against a plain reading of every event: the
//! same events, in the same order, whichever index or plan the store uses to find them. The text
//! search in particular must find what SQLite `LIKE` over the reports' sentences finds, whether
//! it reads the full-text index first (a rare text), each event's own text (a common one, or one
//! of under three characters) or the sentences themselves.

mod common;

use common::*;
use flashpoint_core::Date;
use flashpoint_store::api_queries::{BBox, Cursor, EventQuery, EventSort, EventSummary};
use flashpoint_store::{synthetic, Incoming, Store};
use std::collections::HashMap;

/// A synthetic store of some 6,500 events: more than hold a text before the store stops
/// looking it up in the index first (5,000), so both ways are taken.
fn synthetic_store(articles: u64) -> (tempfile::TempDir, Store) {
    let (dir, mut store) = fresh_store();
    let lines = synthetic::corpus(5, articles);
    for chunk in lines.chunks(250) {
        let batch: Vec<Incoming> = chunk
            .iter()
            .map(|l| Incoming::from_coded_line(l.as_bytes()).unwrap())
            .collect();
        store.ingest_batch(&batch).unwrap();
    }
    (dir, store)
}

/// Every event, and the sentences of its reports, read without the API's filters.
struct Plain {
    events: Vec<EventSummary>,
    sentences: HashMap<i64, Vec<String>>,
}

fn plain(store: &Store) -> Plain {
    let all = store
        .find_events(&EventQuery::default(), EventSort::DateAsc, None, 10_000)
        .unwrap();
    assert!(all.next_cursor.is_none(), "one page holds them all");
    let c = rusqlite::Connection::open(store.path()).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT m.event_id, s.text FROM mentions m
             JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_index",
        )
        .unwrap();
    let mut sentences: HashMap<i64, Vec<String>> = HashMap::new();
    for row in stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
    {
        let (id, text) = row.unwrap();
        sentences.entry(id).or_default().push(text);
    }
    Plain {
        events: all.events,
        sentences,
    }
}

/// `haystack` contains `needle` as SQLite `LIKE '%needle%'` sees it: ASCII letters in either
/// case, every other character as it is.
fn like_contains(haystack: &str, needle: &str) -> bool {
    haystack
        .to_ascii_lowercase()
        .contains(&needle.to_ascii_lowercase())
}

fn actor_is(a: &flashpoint_store::api_queries::EventActor, x: &str) -> bool {
    a.code.as_deref() == Some(x) || a.country.as_deref() == Some(x)
}

impl Plain {
    fn matches(&self, e: &EventSummary, q: &EventQuery) -> bool {
        let date = e.date.as_deref().unwrap_or("");
        let within = |b: &BBox| {
            e.place.as_ref().is_some_and(|p| {
                let lon = if b.min_lon <= b.max_lon {
                    (b.min_lon..=b.max_lon).contains(&p.lon)
                } else {
                    p.lon >= b.min_lon || p.lon <= b.max_lon
                };
                lon && (b.min_lat..=b.max_lat).contains(&p.lat)
            })
        };
        let text = |t: &str| {
            self.sentences
                .get(&e.id)
                .is_some_and(|s| s.iter().any(|s| like_contains(s, t)))
        };
        q.from.is_none_or(|d| date >= d.to_string().as_str())
            && q.to.is_none_or(|d| date <= d.to_string().as_str())
            && q.actor
                .as_deref()
                .is_none_or(|a| actor_is(&e.source, a) || actor_is(&e.target, a))
            && q.source.as_deref().is_none_or(|a| actor_is(&e.source, a))
            && q.target.as_deref().is_none_or(|a| actor_is(&e.target, a))
            && q.cameo_root
                .as_deref()
                .is_none_or(|r| e.cameo.starts_with(r))
            && q.cameo.as_deref().is_none_or(|c| e.cameo.starts_with(c))
            && q.quad_class.is_none_or(|n| e.quad_class == Some(n))
            && q.bbox.as_ref().is_none_or(within)
            && q.min_sources.is_none_or(|n| e.num_sources >= i64::from(n))
            && q.text.as_deref().is_none_or(text)
    }

    /// The ids matching `q` in `sort` order (missing values last, then by id).
    fn expect(&self, q: &EventQuery, sort: EventSort) -> Vec<i64> {
        let mut hits: Vec<&EventSummary> =
            self.events.iter().filter(|e| self.matches(e, q)).collect();
        let key = |e: &EventSummary| -> (bool, f64) {
            let day = |e: &EventSummary| {
                e.date
                    .as_deref()
                    .and_then(|d| d.parse::<Date>().ok())
                    .map(|d| d.to_days() as f64)
            };
            let v = match sort {
                EventSort::DateAsc => day(e),
                EventSort::DateDesc => day(e).map(|d| -d),
                EventSort::GoldsteinAsc => e.goldstein,
                EventSort::GoldsteinDesc => e.goldstein.map(|g| -g),
                EventSort::SourcesDesc => Some(-(e.num_sources as f64)),
            };
            (v.is_none(), v.unwrap_or(0.0))
        };
        let desc = matches!(
            sort,
            EventSort::DateDesc | EventSort::GoldsteinDesc | EventSort::SourcesDesc
        );
        hits.sort_by(|a, b| {
            let (ka, kb) = (key(a), key(b));
            ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then(if desc {
                b.id.cmp(&a.id)
            } else {
                a.id.cmp(&b.id)
            })
        });
        hits.into_iter().map(|e| e.id).collect()
    }
}

/// Every page of `q` in `sort` order, `limit` at a time, following the cursors.
fn all_pages(store: &Store, q: &EventQuery, sort: EventSort, limit: u64) -> (u64, Vec<i64>) {
    let mut ids = Vec::new();
    let mut cursor: Option<Cursor> = None;
    let mut total = None;
    loop {
        let page = store.find_events(q, sort, cursor, limit).unwrap();
        assert!(
            total.is_none_or(|t| t == page.total),
            "every page counts alike"
        );
        total = Some(page.total);
        ids.extend(page.events.iter().map(|e| e.id));
        match page.next_cursor {
            Some(c) => cursor = Some(c.parse().unwrap()),
            None => return (page.total, ids),
        }
    }
}

fn text_query(t: &str) -> EventQuery {
    EventQuery {
        text: Some(t.to_string()),
        ..EventQuery::default()
    }
}

#[test]
fn text_search_finds_what_like_finds() {
    let (_dir, store) = synthetic_store(1_500);
    let plain = plain(&store);
    assert!(plain.events.len() > 6_000, "{} events", plain.events.len());
    // Held by every event ("report"), by many, by a few, by one, by none; in other cases; of
    // one or two characters; with LIKE's wildcards, which must be taken as they are.
    let texts = [
        "report",
        "REPORT",
        "took action 19",
        "report 1",
        "report 1234,",
        "rePort 77, version 0, item 2.",
        "XCXMIL took",
        "towards XFXREB in",
        "item 7.",
        "version 5",
        "ac",
        "7",
        "no such words",
        "%",
        "1_3",
        "report 1%",
        "\u{1e}",
    ];
    let mut common_and_rare = (0, 0);
    for t in texts {
        let q = text_query(t);
        let want = plain.expect(&q, EventSort::DateAsc);
        let page = store
            .find_events(&q, EventSort::DateAsc, None, 10_000)
            .unwrap();
        let got: Vec<i64> = page.events.iter().map(|e| e.id).collect();
        assert_eq!(page.total as usize, want.len(), "{t:?}: total");
        assert_eq!(got, want, "{t:?}: events");
        if t.len() >= 3 && want.len() > 5_000 {
            common_and_rare.0 += 1;
        } else if t.len() >= 3 && !want.is_empty() {
            common_and_rare.1 += 1;
        }
    }
    assert!(
        common_and_rare.0 >= 1 && common_and_rare.1 >= 5,
        "{common_and_rare:?}"
    );
    // With other filters, and over pages.
    let q = EventQuery {
        actor: Some("XEX".into()),
        ..text_query("report")
    };
    let (total, ids) = all_pages(&store, &q, EventSort::DateDesc, 333);
    let want = plain.expect(&q, EventSort::DateDesc);
    assert_eq!((total as usize, ids), (want.len(), want));
    let q = EventQuery {
        source: Some("XAX".into()),
        quad_class: Some(4),
        ..text_query("report 2")
    };
    let (total, ids) = all_pages(&store, &q, EventSort::GoldsteinAsc, 17);
    let want = plain.expect(&q, EventSort::GoldsteinAsc);
    assert_eq!((total as usize, ids), (want.len(), want));
}

#[test]
fn every_combination_of_filters_finds_what_a_plain_reading_finds() {
    let (_dir, store) = synthetic_store(600);
    let plain = plain(&store);
    let mut rng = synthetic::Rng::new(99);
    let mut pick = |options: &[&str]| options[rng.below(options.len() as u64) as usize].to_string();
    let actors = ["XAX", "XBX", "XCXGOV", "XDXMIL", "XEXREB", "XFX", "QZZ"];
    let sorts = [
        EventSort::DateAsc,
        EventSort::DateDesc,
        EventSort::GoldsteinAsc,
        EventSort::GoldsteinDesc,
        EventSort::SourcesDesc,
    ];
    let boxes = [
        BBox {
            min_lon: 0.0,
            min_lat: 0.0,
            max_lon: 30.0,
            max_lat: 30.0,
        },
        BBox {
            min_lon: 21.0,
            min_lat: 0.0,
            max_lon: 30.0,
            max_lat: 30.0,
        },
        BBox {
            min_lon: 170.0,
            min_lat: -10.0,
            max_lon: 25.0,
            max_lat: 10.5,
        },
    ];
    let mut matched = 0;
    for round in 0..300 {
        let mut q = EventQuery::default();
        let mut n = 0;
        while n < 2 + round % 3 {
            n += 1;
            match pick(&["a", "s", "t", "r", "c", "q", "d", "b", "m", "x"]).as_str() {
                "a" => q.actor = Some(pick(&actors)),
                "s" => q.source = Some(pick(&actors)),
                "t" => q.target = Some(pick(&actors)),
                "r" => q.cameo_root = Some(pick(&["04", "05", "19", "11"])),
                "c" => q.cameo = Some(pick(&["0", "04", "042", "19", "190", "1955", "138"])),
                "q" => q.quad_class = Some(pick(&["1", "2", "3", "4"]).parse().unwrap()),
                "d" => {
                    let from: Date = pick(&["2020-01-01", "2020-03-15", "2020-06-01"])
                        .parse()
                        .unwrap();
                    q.from = Some(from);
                    q.to = Some(from.add_days(pick(&["0", "9", "40"]).parse().unwrap()));
                }
                "b" => q.bbox = Some(boxes[round % boxes.len()]),
                "m" => q.min_sources = Some(pick(&["1", "2", "3"]).parse().unwrap()),
                _ => q.text = Some(pick(&["report 1", "took action 04", "GOV t", "em"])),
            }
        }
        let sort = sorts[round % sorts.len()];
        let want = plain.expect(&q, sort);
        matched += usize::from(!want.is_empty());
        let (total, ids) = all_pages(&store, &q, sort, 1 + (round as u64 * 37) % 150);
        assert_eq!(total as usize, want.len(), "{q:?} {sort:?}: total");
        assert_eq!(ids, want, "{q:?} {sort:?}: events");
        assert_eq!(store.count_matching(&q).unwrap(), total, "{q:?}");
    }
    assert!(matched > 100, "many queries match something: {matched}");
}

/// An article with one event whose sentence is `sentence`.
fn told(id: &str, desk: &str, published: &str, e: Ev, sentence: &str) -> Incoming {
    let mut json = article_json(id, desk, published, &[e]);
    json["events"][0]["sentence_text"] = sentence.into();
    json["events"][0]["span"] = serde_json::json!([0, sentence.len()]);
    json["events"][0]["trigger"]["span"] = serde_json::json!([0, 1]);
    Incoming::from_coded_line(json.to_string().as_bytes()).unwrap()
}

fn found(store: &Store, text: &str) -> Vec<i64> {
    let page = store
        .find_events(&text_query(text), EventSort::DateAsc, None, 100)
        .unwrap();
    assert_eq!(page.total as usize, page.events.len());
    page.events.iter().map(|e| e.id).collect()
}

#[test]
fn a_report_that_goes_takes_its_sentence_out_of_the_search() {
    let (_dir, mut store) = fresh_store();
    let strike = || ev("XRU", "XFR", "190", "2021-05-01");
    store
        .ingest_batch(&[
            told(
                "a",
                "Desk One",
                "2021-05-02",
                strike(),
                "Gunboats shelled the old pier.",
            ),
            told(
                "b",
                "Desk Two",
                "2021-05-02",
                strike(),
                "Harbour cranes burned overnight.",
            ),
        ])
        .unwrap();
    let both = found(&store, "pier");
    assert_eq!(both.len(), 1, "one event, told twice");
    assert_eq!(found(&store, "CRANES"), both);
    // A new version of one article tells the strike in other words.
    store
        .ingest_batch(&[told(
            "a",
            "Desk One",
            "2021-05-02",
            strike(),
            "Mortars hit the quay.",
        )])
        .unwrap();
    assert!(found(&store, "pier").is_empty(), "the old sentence is gone");
    assert_eq!(found(&store, "mortars"), both);
    assert_eq!(found(&store, "cranes"), both);
    // And when the last report of an event goes, so does the event and its text.
    store
        .ingest_batch(&[told(
            "b",
            "Desk Two",
            "2021-05-02",
            ev("XFR", "XRU", "040", "2021-05-01"),
            "Envoys met at the border.",
        )])
        .unwrap();
    assert!(found(&store, "cranes").is_empty());
    assert_eq!(found(&store, "mortars"), both);
    assert_eq!(found(&store, "envoys").len(), 1);
    assert_sound(&store);
}

#[test]
fn letters_beyond_ascii_match_as_like_matches_them() {
    let (_dir, mut store) = fresh_store();
    store
        .ingest_batch(&[told(
            "a",
            "Desk",
            "2021-05-02",
            ev("XRU", "XFR", "042", "2021-05-01"),
            "Envoys met at the Élysée on Monday.",
        )])
        .unwrap();
    assert_eq!(found(&store, "Élysée").len(), 1);
    assert_eq!(
        found(&store, "ÉLYSée").len(),
        1,
        "ASCII letters in any case"
    );
    assert!(
        found(&store, "ÉLYSÉE").is_empty(),
        "other letters as written"
    );
    assert!(found(&store, "élysée").is_empty());
    assert!(found(&store, "elysee").is_empty());
}

#[test]
fn undated_events_and_unknown_goldstein_come_last_both_ways() {
    let (_dir, mut store) = fresh_store();
    let mut batch = Vec::new();
    for (i, (date, goldstein)) in [
        ("2021-05-03", Some(-2.0)),
        ("", Some(4.0)),
        ("2021-05-01", None),
        ("2021-05-02", Some(-9.0)),
        ("", None),
        ("2021-05-02", Some(1.0)),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("n{i}");
        let mut json = article_json(
            &id,
            "Desk",
            "2021-05-04",
            &[ev("XRU", "XFR", "120", "2021-05-01")],
        );
        json["published"] = serde_json::Value::Null;
        json["events"][0]["date"] = if date.is_empty() {
            serde_json::Value::Null
        } else {
            date.into()
        };
        json["events"][0]["goldstein"] = goldstein.into();
        json["events"][0]["source"]["code"] = format!("XRU{i}").into();
        batch.push(Incoming::from_coded_line(json.to_string().as_bytes()).unwrap());
    }
    store.ingest_batch(&batch).unwrap();
    let plain = plain(&store);
    assert_eq!(plain.events.len(), 6);
    for sort in [
        EventSort::DateAsc,
        EventSort::DateDesc,
        EventSort::GoldsteinAsc,
        EventSort::GoldsteinDesc,
    ] {
        let want = plain.expect(&EventQuery::default(), sort);
        let (_, ids) = all_pages(&store, &EventQuery::default(), sort, 2);
        assert_eq!(ids, want, "{sort:?}");
        let last = plain.events.iter().find(|e| e.id == ids[5]).unwrap();
        match sort {
            EventSort::DateAsc | EventSort::DateDesc => assert!(last.date.is_none()),
            _ => assert!(last.goldstein.is_none()),
        }
    }
}
