//! Ingest and dedup: idempotence, replacement, merging reports of one event across sources.

mod common;

use common::*;
use flashpoint_store::{EventFilter, Incoming, Page};

#[test]
fn ingesting_twice_changes_no_count() {
    let (_dir, mut store) = fresh_store();
    let batch = vec![
        incoming(
            "a",
            "Desk One",
            "2021-05-02",
            &[ev("XRU", "XFR", "190", "2021-05-01")],
        ),
        incoming(
            "b",
            "Desk Two",
            "2021-05-03",
            &[ev("XFR", "XRU", "120", "2021-05-03")],
        ),
    ];
    let first = store.ingest_batch(&batch).unwrap();
    assert_eq!(first.added, 2);
    let counts = store.counts().unwrap();
    let again = store.ingest_batch(&batch).unwrap();
    assert_eq!((again.added, again.unchanged, again.replaced), (0, 2, 0));
    assert_eq!(store.counts().unwrap(), counts);
    assert_sound(&store);
}

#[test]
fn changed_text_under_the_same_id_replaces_the_old_version() {
    let (_dir, mut store) = fresh_store();
    let old = incoming(
        "a",
        "Desk",
        "2021-05-02",
        &[ev("XRU", "XFR", "190", "2021-05-01")],
    );
    store.ingest_batch(&[old]).unwrap();
    let new = incoming(
        "a",
        "Desk",
        "2021-05-02",
        &[
            ev("XRU", "XFR", "120", "2021-05-01"),
            ev("XFR", "XRU", "111", "2021-05-02"),
        ],
    );
    let r = store.ingest_batch(&[new]).unwrap();
    assert_eq!((r.added, r.replaced), (0, 1));
    let c = store.counts().unwrap();
    assert_eq!((c.articles, c.events, c.mentions), (1, 2, 2));
    let events = store
        .events(&EventFilter::default(), Page::default())
        .unwrap();
    assert!(
        events.iter().all(|e| e.cameo != "190"),
        "the old event is gone"
    );
    assert_sound(&store);
}

#[test]
fn two_reports_of_one_strike_are_one_event_with_two_sources() {
    let (_dir, mut store) = fresh_store();
    let strike = ev("XRUMIL", "XFRMIL", "195", "2021-06-10").at("Port Vell", 4242);
    // The second outlet dates it a day later, names no place and codes the finer code 190.
    let mut later = ev("XRUMIL", "XFRMIL", "190", "2021-06-11");
    later.place = None;
    store
        .ingest_batch(&[
            incoming("wire-1", "Wire One", "2021-06-11", &[strike]),
            incoming("desk-7", "Desk Seven", "2021-06-12", &[later]),
        ])
        .unwrap();
    let events = store
        .events(&EventFilter::default(), Page::default())
        .unwrap();
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = &events[0];
    assert_eq!((e.num_mentions, e.num_sources, e.num_articles), (2, 2, 2));
    // The root is the earliest report: its date, code and place.
    assert_eq!(e.date.as_deref(), Some("2021-06-10"));
    assert_eq!(e.cameo, "195");
    assert_eq!(e.place_name.as_deref(), Some("Port Vell"));
    let detail = store.event(e.id).unwrap().unwrap();
    let docs: Vec<_> = detail.mentions.iter().map(|m| m.doc_id.as_str()).collect();
    assert_eq!(docs, ["wire-1", "desk-7"]);
    assert_sound(&store);
}

#[test]
fn the_earliest_report_becomes_root_whatever_the_ingest_order() {
    let (_dir, mut store) = fresh_store();
    let late = incoming(
        "late",
        "Late Desk",
        "2021-06-13",
        &[ev("XRU", "XFR", "190", "2021-06-12")],
    );
    let early = incoming(
        "early",
        "Early Wire",
        "2021-06-11",
        &[ev("XRU", "XFR", "193", "2021-06-11")],
    );
    store.ingest_batch(&[late]).unwrap();
    store.ingest_batch(&[early]).unwrap();
    let events = store
        .events(&EventFilter::default(), Page::default())
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].cameo, "193");
    assert_eq!(events[0].date.as_deref(), Some("2021-06-11"));
    assert_eq!(events[0].num_sources, 2);
}

#[test]
fn what_keeps_reports_apart() {
    let (_dir, mut store) = fresh_store();
    let base = || ev("XRU", "XFR", "190", "2021-06-10").at("Port Vell", 1);
    let mut two_days = base();
    two_days.date = "2021-06-12";
    let other_place = base().at("Castel Nou", 2);
    let other_root = ev("XRU", "XFR", "180", "2021-06-10").at("Port Vell", 1);
    let other_target = ev("XRU", "XGR", "190", "2021-06-10").at("Port Vell", 1);
    let reversed = ev("XFR", "XRU", "190", "2021-06-10").at("Port Vell", 1);
    let articles = [
        base(),
        two_days,
        other_place,
        other_root,
        other_target,
        reversed,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, e)| incoming(&format!("a{i}"), &format!("Desk {i}"), "2021-06-13", &[e]))
    .collect::<Vec<_>>();
    store.ingest_batch(&articles).unwrap();
    assert_eq!(store.counts().unwrap().events, 6);
    // One more report matching the first exactly joins it.
    store
        .ingest_batch(&[incoming("a9", "Desk 9", "2021-06-13", &[base()])])
        .unwrap();
    assert_eq!(store.counts().unwrap().events, 6);
    assert_sound(&store);
}

#[test]
fn replacing_the_root_article_re_roots_and_recounts() {
    let (_dir, mut store) = fresh_store();
    let e = || ev("XRU", "XFR", "190", "2021-06-10");
    store
        .ingest_batch(&[
            incoming("first", "One", "2021-06-10", &[e()]),
            incoming("second", "Two", "2021-06-11", &[e()]),
        ])
        .unwrap();
    // The first article's new version tells something else.
    store
        .ingest_batch(&[incoming(
            "first",
            "One",
            "2021-06-10",
            &[ev("XFR", "XRU", "042", "2021-06-10")],
        )])
        .unwrap();
    let strikes = EventFilter {
        cameo_root: Some("19".into()),
        ..Default::default()
    };
    let events = store.events(&strikes, Page::default()).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].num_mentions, events[0].num_sources), (1, 1));
    let detail = store.event(events[0].id).unwrap().unwrap();
    assert_eq!(detail.mentions[0].doc_id, "second");
    assert_eq!(store.counts().unwrap().events, 2);
    assert_sound(&store);
}

#[test]
fn article_detail_holds_what_was_coded() {
    let (_dir, mut store) = fresh_store();
    let mut json = article_json(
        "x",
        "Desk",
        "2021-06-10",
        &[ev("XRU", "XFR", "190", "2021-06-10")],
    );
    json["quotes"] = serde_json::json!([{"id": 0, "span": [3, 9], "text": "we will",
        "speaker": {"name": "A Minister", "code": "XRUGOV", "span": [20, 30]}}]);
    json["quantities"] = serde_json::json!([{"kind": "killed", "value": 12, "qualifier": "at least",
        "unit": "people", "text": "at least 12 people", "span": [40, 58], "actor": "XFRCVL"}]);
    json["places"] = serde_json::json!([{"text": "Port Vell", "span": [60, 69], "name": "Port Vell",
        "country": "XRU", "admin1": null, "lat": 1.0, "lon": 2.0, "geonameid": 7, "precision": "city"}]);
    let line = json.to_string();
    let inc = flashpoint_store::Incoming::from_coded_line(line.as_bytes()).unwrap();
    store.ingest_batch(&[inc]).unwrap();
    let id = store.article_id("x").unwrap().unwrap();
    let a = store.article(id).unwrap().unwrap();
    assert_eq!(a.mentions.len(), 1);
    assert_eq!(a.quotes[0].speaker_code.as_deref(), Some("XRUGOV"));
    assert_eq!(a.quantities[0].value, 12);
    assert_eq!(a.places[0].geonameid, Some(7));
    assert!(a.mentions[0]
        .sentence_text
        .as_deref()
        .unwrap()
        .contains("test sentence"));
    assert_eq!(
        store
            .count_events(&EventFilter {
                source: Some("XRU".into()),
                ..Default::default()
            })
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .count_events(&EventFilter {
                source: Some("XFR".into()),
                ..Default::default()
            })
            .unwrap(),
        0
    );
}

#[test]
fn one_article_telling_two_days_of_fighting_tells_two_events() {
    let (_dir, mut store) = fresh_store();
    let same_day_twice = [
        ev("XRU", "XFR", "190", "2021-06-10"),
        ev("XRU", "XFR", "193", "2021-06-10"),
    ];
    let two_days = [
        ev("XRU", "XFR", "190", "2021-07-10"),
        ev("XRU", "XFR", "193", "2021-07-11"),
    ];
    store
        .ingest_batch(&[
            incoming("a", "Desk", "2021-06-11", &same_day_twice),
            incoming("b", "Desk", "2021-07-12", &two_days),
        ])
        .unwrap();
    let events = store
        .events(&EventFilter::default(), Page::default())
        .unwrap();
    let mentions: Vec<_> = events.iter().map(|e| e.num_mentions).collect();
    assert_eq!(mentions, [2, 1, 1]);
}

#[test]
fn an_old_version_read_again_changes_nothing() {
    let (_dir, mut store) = fresh_store();
    let v1 = incoming(
        "a",
        "Desk",
        "2021-05-02",
        &[ev("XRU", "XFR", "190", "2021-05-01")],
    );
    let v2 = incoming(
        "a",
        "Desk",
        "2021-05-02",
        &[ev("XRU", "XFR", "120", "2021-05-01")],
    );
    store.ingest_batch(&[v1.clone(), v2.clone()]).unwrap();
    let counts = store.counts().unwrap();
    // A re-run over a feed that holds both versions.
    let r = store.ingest_batch(&[v1, v2]).unwrap();
    assert_eq!((r.added, r.replaced, r.unchanged), (0, 0, 2));
    assert_eq!(store.counts().unwrap(), counts);
    let events = store
        .events(&EventFilter::default(), Page::default())
        .unwrap();
    assert_eq!(events[0].cameo, "120");
}

#[test]
fn an_unknown_country_is_refused_and_nothing_is_stored() {
    let (_dir, mut store) = fresh_store();
    let mut json = article_json(
        "a",
        "Desk",
        "2021-06-10",
        &[ev("XRU", "XFR", "190", "2021-06-10")],
    );
    json["events"][0]["target"]["country"] = "RUR".into();
    let e = Incoming::from_coded_line(json.to_string().as_bytes()).unwrap_err();
    let flashpoint_store::Error::Input(e) = e else {
        panic!("not an input error: {e}");
    };
    assert_eq!(e.field.as_deref(), Some("events[0].target.country"));
    assert!(e.reason.contains("unknown country code \"RUR\""), "{e}");
    // A real code and an organisation's read; nothing of the refused line was stored.
    json["events"][0]["target"]["country"] = "NATO".into();
    json["events"][0]["source"]["country"] = "TUR".into();
    let ok = Incoming::from_coded_line(json.to_string().as_bytes()).unwrap();
    assert_eq!(store.counts().unwrap().articles, 0);
    assert_eq!(store.ingest_batch(&[ok]).unwrap().added, 1);
}
