//! Ingest speed excluding coding: synthetic coded articles (already-coded input) into a fresh
//! store, parsed and written on one thread, as `flashpoint ingest` does with coded JSONL.
//!
//! cargo run --release -p flashpoint_store --example ingest_speed [ARTICLES] [BATCH]
//! Also writes the articles to $TMPDIR/flashpoint-synthetic.jsonl, to time the CLI on them.

use flashpoint_store::{synthetic, Incoming, Store};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().map_or(Ok(20_000), |a| a.parse())?;
    let batch: usize = args.next().map_or(Ok(500), |a| a.parse())?;
    let lines = synthetic::corpus(42, n);
    let file = std::env::temp_dir().join("flashpoint-synthetic.jsonl");
    std::fs::write(&file, lines.join("\n"))?;
    let dir = tempfile::tempdir()?;
    let mut store = Store::create(&dir.path().join("speed.db"))?;

    let start = Instant::now();
    let mut parse = 0.0;
    for chunk in lines.chunks(batch) {
        let t = Instant::now();
        let incoming = chunk
            .iter()
            .map(|l| Incoming::from_coded_line(l.as_bytes()))
            .collect::<Result<Vec<_>, _>>()?;
        parse += t.elapsed().as_secs_f64();
        store.ingest_batch(&incoming)?;
    }
    let secs = start.elapsed().as_secs_f64();
    let c = store.counts()?;
    println!(
        "{n} articles ({} stored, {} mentions, {} events) in {secs:.2} s: {:.0} articles/s, \
         {:.0} mentions/s (JSON parsing {:.0}% of the time); batch {batch}",
        c.articles,
        c.mentions,
        c.events,
        n as f64 / secs,
        c.mentions as f64 / secs,
        100.0 * parse / secs
    );
    println!("input written to {}", file.display());
    Ok(())
}
