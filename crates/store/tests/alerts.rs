//! Alerts on synthetic timelines: a known escalation alerts, with the events that drove it; a
//! calm (or steadily violent) timeline does not.

mod common;

use common::*;
use flashpoint_core::Date;
use flashpoint_store::{AlertQuery, Incoming, Store};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn date_str(d: Date) -> &'static str {
    Box::leak(d.to_string().into_boxed_str())
}

/// A quarter of routine relations between two invented states: talks every week, a complaint
/// every other week, and (when `steady_violence`) one border shooting every week.
fn routine(start: Date, weeks: i64, steady_violence: bool) -> Vec<Incoming> {
    let mut out = Vec::new();
    for w in 0..weeks {
        let monday = start.add_days(7 * w);
        let mut events = vec![ev("XRUGOV", "XFRGOV", "040", date_str(monday.add_days(1)))];
        if w % 2 == 0 {
            events.push(ev("XRUGOV", "XFRGOV", "111", date_str(monday.add_days(3))));
        }
        if steady_violence {
            events.push(ev("XRUMIL", "XFRMIL", "190", date_str(monday.add_days(4))));
        }
        let published = date_str(monday.add_days(5));
        out.push(incoming(
            &format!("routine-{w}"),
            "Routine Desk",
            published,
            &events,
        ));
    }
    out
}

fn ingest(store: &mut Store, batch: &[Incoming]) {
    store.ingest_batch(batch).unwrap();
}

fn alerts_between(store: &Store, from: &str, to: &str) -> Vec<flashpoint_store::Alert> {
    store
        .alerts(&AlertQuery {
            from: Some(day(from)),
            to: Some(day(to)),
            ..Default::default()
        })
        .unwrap()
}

#[test]
fn a_known_escalation_alerts_with_its_evidence() {
    let (_dir, mut store) = fresh_store();
    ingest(&mut store, &routine(day("2021-01-04"), 16, false));
    // Week of 26 April: shelling, an air strike and a ground assault, reported by two desks.
    let escalation = [
        incoming(
            "esc-1",
            "Wire One",
            "2021-04-27",
            &[ev("XRUMIL", "XFRMIL", "194", "2021-04-26")],
        ),
        incoming(
            "esc-2",
            "Wire Two",
            "2021-04-27",
            &[ev("XRUMIL", "XFRMIL", "194", "2021-04-26")],
        ),
        incoming(
            "esc-3",
            "Wire One",
            "2021-04-29",
            &[ev("XRUMIL", "XFRCVL", "195", "2021-04-28")],
        ),
        incoming(
            "esc-4",
            "Wire One",
            "2021-04-30",
            &[ev("XRUMIL", "XFRMIL", "190", "2021-04-30")],
        ),
    ];
    ingest(&mut store, &escalation);
    ingest(&mut store, &routine(day("2021-05-03"), 10, false));

    let alerts = alerts_between(&store, "2021-01-01", "2021-07-31");
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let a = &alerts[0];
    assert_eq!((a.source.as_str(), a.target.as_str()), ("XRU", "XFR"));
    assert!(
        a.start.as_str() >= "2021-04-26" && a.start.as_str() <= "2021-04-30",
        "{a:#?}"
    );
    assert!(
        a.end.as_str() <= "2021-05-07",
        "calm again once the attacks leave the window: {a:#?}"
    );
    assert_eq!(
        a.material_conflict, 3,
        "the two reports of the shelling are one event"
    );
    let attacks: Vec<_> = a
        .evidence
        .iter()
        .filter(|e| e.quad_class == Some(4))
        .collect();
    assert_eq!(attacks.len(), 3);
    assert!(attacks.iter().all(|e| e
        .sentence_text
        .as_deref()
        .unwrap()
        .contains("acted against")));
    assert!(a.evidence.iter().any(|e| e.num_sources == 2));
    assert!(
        a.explanation.contains("3 material-conflict event(s)"),
        "{}",
        a.explanation
    );
    assert_sound(&store);
}

#[test]
fn a_calm_timeline_does_not_alert() {
    let (_dir, mut store) = fresh_store();
    ingest(&mut store, &routine(day("2021-01-04"), 30, false));
    assert!(alerts_between(&store, "2021-01-01", "2021-12-31").is_empty());
    assert_sound(&store);
}

#[test]
fn steady_violence_is_the_baseline_not_an_escalation() {
    let (_dir, mut store) = fresh_store();
    ingest(&mut store, &routine(day("2021-01-04"), 30, true));
    let alerts = alerts_between(&store, "2021-04-01", "2021-12-31");
    assert!(alerts.is_empty(), "{alerts:#?}");
    // The first shooting of all, out of a quiet past, does alert (and so may the next ones,
    // while the baseline is still short).
    let first = alerts_between(&store, "2021-01-01", "2021-01-31");
    assert_eq!(first[0].start, "2021-01-08");
}

#[test]
fn current_alerts_are_those_still_alerting_on_the_last_day() {
    let (_dir, mut store) = fresh_store();
    ingest(&mut store, &routine(day("2021-01-04"), 16, false));
    ingest(
        &mut store,
        &[incoming(
            "late",
            "Wire",
            "2021-04-27",
            &[
                ev("XRUMIL", "XFRMIL", "194", "2021-04-26"),
                ev("XRUMIL", "XFRMIL", "195", "2021-04-27"),
            ],
        )],
    );
    let current = store
        .alerts(&AlertQuery {
            current: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].end, "2021-04-27");
    // A week later nothing is alerting any more.
    let later = store
        .alerts(&AlertQuery {
            current: true,
            to: Some(day("2021-05-10")),
            ..Default::default()
        })
        .unwrap();
    assert!(later.is_empty(), "{later:#?}");
}
