//! The eight filter sets of the load test (`crates/server/loadtest/events.lua`), each run alone
//! through `Store::find_events` on a store (one made by the server's `loadtest_store` example):
//! the fastest and the median of several runs, what matched, and with `--plan` how SQLite runs
//! the count and the page.
//!
//! cargo run --release -p flashpoint_store --example event_queries -- DB [RUNS] [--plan]

use flashpoint_core::Date;
use flashpoint_store::api_queries::{BBox, EventQuery, EventSort};
use flashpoint_store::Store;
use std::time::Instant;

/// The filter sets, as the API reads them from `events.lua`'s paths.
fn filter_sets() -> Vec<(&'static str, EventQuery, EventSort, u64)> {
    let day = |y, m, d| Date::new(y, m, d);
    let s = |x: &str| Some(x.to_string());
    let none = EventQuery::default;
    vec![
        (
            "source=XAX&target=XBX&sort=-date&limit=100",
            EventQuery {
                source: s("XAX"),
                target: s("XBX"),
                ..none()
            },
            EventSort::DateDesc,
            100,
        ),
        (
            "actor=XCXGOV&from=2020-03-01&to=2020-04-30",
            EventQuery {
                actor: s("XCXGOV"),
                from: day(2020, 3, 1),
                to: day(2020, 4, 30),
                ..none()
            },
            EventSort::DateAsc,
            100,
        ),
        (
            "cameo_root=19&quad_class=4&limit=50",
            EventQuery {
                cameo_root: s("19"),
                quad_class: Some(4),
                ..none()
            },
            EventSort::DateAsc,
            50,
        ),
        (
            "from=2020-06-01&to=2020-06-30&sort=-goldstein&limit=20",
            EventQuery {
                from: day(2020, 6, 1),
                to: day(2020, 6, 30),
                ..none()
            },
            EventSort::GoldsteinDesc,
            20,
        ),
        (
            "quad_class=3&source=XDXMIL&limit=100",
            EventQuery {
                quad_class: Some(3),
                source: s("XDXMIL"),
                ..none()
            },
            EventSort::DateAsc,
            100,
        ),
        (
            "bbox=0,0,30,30&min_sources=2&limit=100",
            EventQuery {
                bbox: Some(BBox {
                    min_lon: 0.0,
                    min_lat: 0.0,
                    max_lon: 30.0,
                    max_lat: 30.0,
                }),
                min_sources: Some(2),
                ..none()
            },
            EventSort::DateAsc,
            100,
        ),
        (
            "q=report&actor=XEX&limit=25",
            EventQuery {
                text: s("report"),
                actor: s("XEX"),
                ..none()
            },
            EventSort::DateAsc,
            25,
        ),
        (
            "cameo=042&sort=-sources",
            EventQuery {
                cameo: s("042"),
                ..none()
            },
            EventSort::SourcesDesc,
            100,
        ),
    ]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let plan = args.iter().any(|a| a == "--plan");
    let mut rest = args.iter().filter(|a| *a != "--plan");
    let db = rest
        .next()
        .ok_or("usage: event_queries DB [RUNS] [--plan]")?;
    let runs: usize = rest.next().map_or(Ok(7), |a| a.parse())?;
    let store = Store::open(db.as_ref())?;
    println!("| Filter set | fastest ms | median ms | total | page |");
    println!("|---|---|---|---|---|");
    for (name, q, sort, limit) in filter_sets() {
        let mut times = Vec::with_capacity(runs);
        let mut seen = (0, 0);
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            let page = store.find_events(&q, sort, None, limit)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            seen = (page.total, page.events.len());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "| `{name}` | {:.1} | {:.1} | {} | {} |",
            times[0],
            times[times.len() / 2],
            seen.0,
            seen.1
        );
        if plan {
            for line in store.find_events_plan(&q, sort)? {
                println!("    {line}");
            }
        }
    }
    Ok(())
}
