//! The read API on the sample corpus: every endpoint, the filters, pages, and bad parameters.

mod common;

use common::{corpus_app, get, get_json};
use serde_json::Value;
use std::collections::HashSet;

fn ids(v: &Value) -> Vec<i64> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

/// Every event matching `query`, page by page (checking each page's size and cursor).
async fn all_pages(app: &axum::Router, query: &str, limit: usize) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..1000 {
        let mut uri = format!("/api/events?limit={limit}&{query}");
        if let Some(c) = &cursor {
            uri.push_str(&format!("&cursor={c}"));
        }
        let page = get_json(app, &uri).await;
        let events = page["events"].as_array().unwrap().clone();
        assert!(events.len() <= limit);
        out.extend(events);
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => return out,
        }
    }
    panic!("pages never ended");
}

#[tokio::test]
async fn health_summary_and_actors() {
    let app = corpus_app();
    let h = get_json(&app, "/healthz").await;
    assert_eq!(h["status"], "ok");
    assert!(h["events"].as_u64().unwrap() > 100);
    let s = get_json(&app, "/api/summary").await;
    assert_eq!(s["counts"]["articles"], 58);
    assert_eq!(s["first_date"].as_str().unwrap().len(), 10);
    let actors = get_json(&app, "/api/actors?limit=5").await;
    let list = actors["actors"].as_array().unwrap();
    assert_eq!(list.len(), 5);
    assert!(list.iter().any(|a| a["actor"] == "TUR"), "{list:?}");
    let counts: Vec<u64> = list.iter().map(|a| a["events"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[tokio::test]
async fn pages_cover_every_event_once_in_order() {
    let app = corpus_app();
    let total = get_json(&app, "/api/events?limit=1").await["total"]
        .as_u64()
        .unwrap();
    for sort in ["date", "-date", "goldstein", "-goldstein", "-sources"] {
        let events = all_pages(&app, &format!("sort={sort}"), 37).await;
        assert_eq!(events.len() as u64, total, "{sort}");
        let unique: HashSet<i64> = events.iter().map(|e| e["id"].as_i64().unwrap()).collect();
        assert_eq!(unique.len(), events.len(), "{sort}: an event on two pages");
        let key = |e: &Value| -> Option<f64> {
            match sort.trim_start_matches('-') {
                "date" => e["date"]
                    .as_str()
                    .map(|d| d.parse::<flashpoint_core::Date>().unwrap().to_days() as f64),
                "goldstein" => e["goldstein"].as_f64(),
                _ => e["num_sources"].as_f64(),
            }
        };
        let keys: Vec<Option<f64>> = events.iter().map(key).collect();
        // Missing values last, the rest in order.
        let present = keys.iter().take_while(|k| k.is_some()).count();
        assert!(keys[present..].iter().all(Option::is_none), "{sort}");
        let desc = sort.starts_with('-');
        assert!(
            keys[..present]
                .windows(2)
                .all(|w| if desc { w[0] >= w[1] } else { w[0] <= w[1] }),
            "{sort}: out of order"
        );
    }
}

#[tokio::test]
async fn dyad_and_actor_filters() {
    let app = corpus_app();
    let events = all_pages(&app, "source=TUR&target=SYR", 100).await;
    assert!(events.len() >= 10, "{}", events.len());
    for e in &events {
        assert_eq!(e["source"]["country"], "TUR", "{e}");
        assert_eq!(e["target"]["country"], "SYR", "{e}");
    }
    // A full code narrows a country.
    let gov = all_pages(&app, "source=TURGOV&target=SYR", 100).await;
    assert!(gov.len() < events.len());
    assert!(gov.iter().all(|e| e["source"]["code"] == "TURGOV"));
    let either = all_pages(&app, "actor=syr", 100).await;
    assert!(either.len() > events.len());
    assert!(either
        .iter()
        .all(|e| e["source"]["country"] == "SYR" || e["target"]["country"] == "SYR"));
    let country = get_json(&app, "/api/events?country=SYR&limit=1").await;
    assert_eq!(country["total"].as_u64().unwrap(), either.len() as u64);
}

#[tokio::test]
async fn code_class_and_category_filters() {
    let app = corpus_app();
    let all = all_pages(&app, "", 1000).await;
    let n = |f: &dyn Fn(&Value) -> bool| all.iter().filter(|e| f(e)).count();

    let quad4 = all_pages(&app, "quad_class=4", 1000).await;
    assert!(!quad4.is_empty());
    assert_eq!(quad4.len(), n(&|e| e["quad_class"] == 4));

    let root19 = all_pages(&app, "cameo_root=19", 1000).await;
    assert!(!root19.is_empty());
    assert!(root19
        .iter()
        .all(|e| e["cameo"].as_str().unwrap().starts_with("19")));
    let prefix = all_pages(&app, "cameo=19", 1000).await;
    assert_eq!(prefix.len(), root19.len());
    let exact = all_pages(&app, "cameo=190", 1000).await;
    assert!(exact
        .iter()
        .all(|e| e["cameo"].as_str().unwrap().starts_with("190")));
    assert!(exact.len() <= root19.len());

    let plover = all[0]["plover"].as_str().unwrap().to_string();
    let same = all_pages(&app, &format!("plover={}", plover.to_lowercase()), 1000).await;
    assert_eq!(same.len(), n(&|e| e["plover"] == plover.as_str()));

    let two = all_pages(&app, "min_sources=2", 1000).await;
    assert_eq!(two.len(), n(&|e| e["num_sources"].as_i64().unwrap() >= 2));
}

#[tokio::test]
async fn date_box_and_text_filters() {
    let app = corpus_app();
    let feb = all_pages(&app, "from=2020-02-01&to=2020-02-29", 1000).await;
    assert!(!feb.is_empty());
    assert!(feb.iter().all(|e| {
        let d = e["date"].as_str().unwrap();
        ("2020-02-01"..="2020-02-29").contains(&d)
    }));
    // North-west Syria and the Turkish border.
    let boxed = all_pages(&app, "bbox=35.5,35,37.5,37.5", 1000).await;
    assert!(!boxed.is_empty());
    for e in &boxed {
        let lat = e["place"]["lat"].as_f64().unwrap();
        let lon = e["place"]["lon"].as_f64().unwrap();
        assert!(
            (35.0..=37.5).contains(&lat) && (35.5..=37.5).contains(&lon),
            "{e}"
        );
    }
    let text = all_pages(&app, "q=Saraqib", 1000).await;
    assert!(!text.is_empty());
    for e in &text {
        let id = e["id"].as_i64().unwrap();
        let detail = get_json(&app, &format!("/api/events/{id}")).await;
        let told = detail["mentions"].as_array().unwrap().iter().any(|m| {
            m["sentence_text"]
                .as_str()
                .unwrap_or("")
                .to_lowercase()
                .contains("saraqib")
        });
        assert!(told, "event {id} has no sentence with the text");
    }
    let none = get_json(&app, "/api/events?q=zzzz%25qqq").await;
    assert_eq!(none["total"], 0);
    assert_eq!(ids(&none), Vec::<i64>::new());
}

#[tokio::test]
async fn an_event_shows_every_report_with_marks() {
    let app = corpus_app();
    let events = all_pages(&app, "source=TUR&target=SYR", 100).await;
    let mut marked_actor = false;
    for e in &events {
        let id = e["id"].as_i64().unwrap();
        let d = get_json(&app, &format!("/api/events/{id}")).await;
        assert_eq!(d["event"]["id"], id);
        let mentions = d["mentions"].as_array().unwrap();
        assert_eq!(
            mentions.len() as i64,
            d["event"]["num_mentions"].as_i64().unwrap()
        );
        for m in mentions {
            let sentence = m["sentence_text"].as_str().unwrap();
            let segs = m["segments"].as_array().unwrap();
            let joined: String = segs.iter().map(|s| s["text"].as_str().unwrap()).collect();
            assert_eq!(joined, sentence);
            let trigger: Vec<&str> = segs
                .iter()
                .filter(|s| s["mark"] == "trigger")
                .map(|s| s["text"].as_str().unwrap())
                .collect();
            assert_eq!(trigger, [m["trigger"]["text"].as_str().unwrap()], "{m}");
            let span = &m["trigger"]["span"];
            let (a, b) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            assert_eq!(&sentence[a..b], trigger[0]);
            assert!(m["article_id"].as_i64().unwrap() > 0);
            assert!(m["source_name"].is_string());
            marked_actor |= segs.iter().any(|s| s["mark"] == "source");
        }
    }
    assert!(
        marked_actor,
        "no source actor marked in any TUR→SYR sentence"
    );
    assert!(get(&app, "/api/events/999999")
        .await
        .error(404)
        .contains("999999"));
    assert!(get(&app, "/api/events/abc")
        .await
        .error(400)
        .contains("abc"));
    assert!(get(&app, "/api/events/1?x=1")
        .await
        .error(400)
        .contains("`x`"));
}

#[tokio::test]
async fn timeline_and_map_follow_the_filter() {
    let app = corpus_app();
    let filter = "source=TUR&target=SYR";
    let dated = all_pages(&app, filter, 1000)
        .await
        .iter()
        .filter(|e| e["date"].is_string() && e["day_precise"] == true)
        .count() as u64;
    for interval in ["day", "week"] {
        let t = get_json(&app, &format!("/api/timeline?{filter}&interval={interval}")).await;
        assert_eq!(t["interval"], interval);
        let points = t["points"].as_array().unwrap();
        let sum: u64 = points.iter().map(|p| p["events"].as_u64().unwrap()).sum();
        assert_eq!(sum, dated, "{interval}");
    }
    let m = get_json(&app, &format!("/api/map?{filter}")).await;
    let points = m["points"].as_array().unwrap();
    assert!(!points.is_empty());
    for p in points {
        let quad: u64 = p["quad"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q.as_u64().unwrap())
            .sum();
        assert!(quad <= p["events"].as_u64().unwrap());
        assert!(p["lat"].is_f64() && p["lon"].is_f64());
    }
    let placed: u64 = points.iter().map(|p| p["events"].as_u64().unwrap()).sum();
    let with_place = all_pages(&app, filter, 1000)
        .await
        .iter()
        .filter(|e| e["place"].is_object())
        .count() as u64;
    assert_eq!(placed, with_place);
    let one = get_json(&app, "/api/map?limit=1").await;
    assert_eq!(one["points"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn dyads_top_and_series_agree() {
    let app = corpus_app();
    let top = get_json(&app, "/api/dyads/top?limit=50").await;
    let dyads = top["dyads"].as_array().unwrap();
    let ts = dyads
        .iter()
        .find(|d| d["source"] == "TUR" && d["target"] == "SYR")
        .expect("TUR→SYR among the top dyads");
    let s = get_json(&app, "/api/dyads/TUR/SYR/series?interval=week").await;
    assert_eq!(s["interval"], "week");
    let points = s["points"].as_array().unwrap();
    let sum: u64 = points.iter().map(|p| p["events"].as_u64().unwrap()).sum();
    assert_eq!(sum, ts["events"].as_u64().unwrap());
    let days = get_json(
        &app,
        "/api/dyads/tur/syr/series?interval=day&from=2020-02-01&to=2020-02-29",
    )
    .await;
    assert_eq!(days["points"].as_array().unwrap().len(), 29);
    let by_conflict = get_json(&app, "/api/dyads/top?by=conflict&limit=3").await;
    let c: Vec<u64> = by_conflict["dyads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["material_conflict"].as_u64().unwrap())
        .collect();
    assert!(c.windows(2).all(|w| w[0] >= w[1]), "{c:?}");
    let codes = get_json(&app, "/api/dyads/top?codes=true&limit=3").await;
    assert!(codes["dyads"][0]["source"].as_str().unwrap().len() > 3);
}

#[tokio::test]
async fn articles_by_number_and_by_own_id() {
    let app = corpus_app();
    let e = get_json(&app, "/api/events?source=TUR&target=SYR&limit=1").await;
    let aid = e["events"][0]["article_id"].as_i64().unwrap();
    let doc = e["events"][0]["doc_id"].as_str().unwrap().to_string();
    let a = get_json(&app, &format!("/api/articles/{aid}")).await;
    assert_eq!(a["article"]["doc_id"], doc.as_str());
    assert!(a["text"].as_str().unwrap().len() > 100);
    assert!(!a["mentions"].as_array().unwrap().is_empty());
    for key in ["quotes", "quantities", "places"] {
        assert!(a[key].is_array(), "{key}");
    }
    let b = get_json(&app, &format!("/api/articles/{doc}")).await;
    assert_eq!(b["article"]["id"], aid);
    // Some article of the corpus has quotes, quantities and places.
    let mut seen = [false; 3];
    for id in 1..=57 {
        let a = get_json(&app, &format!("/api/articles/{id}")).await;
        for (i, key) in ["quotes", "quantities", "places"].iter().enumerate() {
            seen[i] |= !a[key].as_array().unwrap().is_empty();
        }
    }
    assert_eq!(seen, [true; 3]);
    assert!(get(&app, "/api/articles/no-such-article")
        .await
        .error(404)
        .contains("no-such-article"));
}

#[tokio::test]
async fn bad_parameters_are_clear_400s() {
    let app = corpus_app();
    let cursor = get_json(&app, "/api/events?limit=2").await["next_cursor"]
        .as_str()
        .unwrap()
        .to_string();
    for (uri, says) in [
        ("/api/events?quad_class=9", "`quad_class`"),
        ("/api/events?from=last-week", "`from`"),
        ("/api/events?from=2020-03-01&to=2020-01-01", "`from`"),
        ("/api/events?sort=size", "`sort`"),
        ("/api/events?cursor=garbage", "`cursor`"),
        (
            &format!("/api/events?sort=-date&cursor={cursor}"),
            "`cursor`",
        ),
        ("/api/events?limit=0", "`limit`"),
        ("/api/events?limit=100000", "`limit`"),
        ("/api/events?colour=red", "`colour`"),
        ("/api/events?bbox=1,2,3", "`bbox`"),
        ("/api/events?actor=%3Cscript%3E", "`actor`"),
        ("/api/events?cameo_root=99", "`cameo_root`"),
        ("/api/events?q=a&q=b", "`q`"),
        ("/api/timeline?interval=month", "`interval`"),
        ("/api/map?limit=-1", "`limit`"),
        ("/api/dyads/top?by=mood", "`by`"),
        ("/api/dyads/top?codes=maybe", "`codes`"),
        ("/api/dyads/T!/SYR/series", "source"),
        ("/api/dyads/TUR/SYR/series?interval=year", "`interval`"),
        ("/api/actors?limit=x", "`limit`"),
        ("/api/summary?verbose=1", "`verbose`"),
        ("/api/dyads/%FF/SYR/series", "bad path"),
        ("/api/articles/%FF%FE", "bad path"),
        ("/api/events/%C0", "bad path"),
    ] {
        let msg = get(&app, uri).await.error(400);
        assert!(msg.contains(says), "{uri}: {msg}");
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_json() {
    let app = corpus_app();
    assert!(get(&app, "/api/nothing")
        .await
        .error(404)
        .contains("/api/nothing"));
    let req = axum::http::Request::delete("/api/events")
        .body(axum::body::Body::empty())
        .unwrap();
    assert!(common::send(&app, req).await.error(405).contains("DELETE"));
}

#[tokio::test]
async fn alerts_carry_their_evidence() {
    let app = corpus_app();
    let summary = get_json(&app, "/api/summary").await;
    let first = summary["first_date"].as_str().unwrap();
    let all = get_json(&app, &format!("/api/alerts?from={first}")).await;
    let alerts = all["alerts"].as_array().unwrap();
    assert!(!alerts.is_empty(), "the sample corpus escalates somewhere");
    let scores: Vec<f64> = alerts
        .iter()
        .map(|a| a["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for a in alerts {
        assert!(a["explanation"].as_str().unwrap().len() > 10);
        let evidence = a["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "{a}");
        // Each piece of evidence opens as an event.
        let id = evidence[0]["event_id"].as_i64().unwrap();
        let e = get_json(&app, &format!("/api/events/{id}")).await;
        assert_eq!(e["event"]["id"], id);
    }
    let (s, t) = (
        alerts[0]["source"].as_str().unwrap(),
        alerts[0]["target"].as_str().unwrap(),
    );
    let dyad = get_json(
        &app,
        &format!("/api/alerts?from={first}&source={s}&target={t}"),
    )
    .await;
    let dyad = dyad["alerts"].as_array().unwrap();
    assert!(!dyad.is_empty());
    assert!(dyad.iter().all(|a| a["source"] == s && a["target"] == t));
    let either = get_json(&app, &format!("/api/alerts?from={first}&actor={t}")).await;
    assert!(either["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["source"] == t || a["target"] == t));
    for (uri, says) in [
        ("/api/alerts?source=TUR", "`target`"),
        ("/api/alerts?threshold=-1", "`threshold`"),
        ("/api/alerts?window_days=0", "`window_days`"),
        ("/api/alerts?current=perhaps", "`current`"),
        ("/api/alerts?from=2020-03-01&to=2020-01-01", "`from`"),
    ] {
        let msg = get(&app, uri).await.error(400);
        assert!(msg.contains(says), "{uri}: {msg}");
    }
}
