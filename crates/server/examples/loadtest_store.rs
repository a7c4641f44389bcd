//! A store for the load test: synthetic coded articles (`flashpoint_store::synthetic`) ingested
//! (distinct articles, 1–8 events each; reports of one event merge) until the store holds at
//! least the events asked for.
//!
//! cargo run --release -p flashpoint_server --example loadtest_store -- DB [EVENTS]

use flashpoint_store::{synthetic, Incoming, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: loadtest_store DB [EVENTS]")?;
    let want: u64 = args.next().map_or(Ok(100_000), |a| a.parse())?;
    let mut store = Store::create(std::path::Path::new(&db))?;
    let mut rng = synthetic::Rng::new(42);
    let mut n = 0;
    loop {
        let batch = (n..n + 1_000)
            .map(|i| {
                let line = synthetic::article(&mut rng, i, 0).to_string();
                Incoming::from_coded_line(line.as_bytes())
            })
            .collect::<Result<Vec<_>, _>>()?;
        n += 1_000;
        store.ingest_batch(&batch)?;
        let c = store.counts()?;
        if c.events >= want {
            eprintln!(
                "{} articles, {} mentions, {} events",
                c.articles, c.mentions, c.events
            );
            return Ok(());
        }
    }
}
