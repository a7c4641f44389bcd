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
    let cpu_start = cpu_seconds();
    let written_start = bytes_written();
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
    let cpu = cpu_seconds().zip(cpu_start).map(|(b, a)| b - a);
    let written = bytes_written().zip(written_start).map(|(b, a)| b - a);
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
    if let Some(cpu) = cpu {
        println!(
            "CPU {cpu:.2} s (user + system): {:.0} articles/s",
            n as f64 / cpu
        );
    }
    if let Some(w) = written {
        println!(
            "{:.0} MB written (store, WAL and checkpoints)",
            w as f64 / 1e6
        );
    }
    println!("input written to {}", file.display());
    Ok(())
}

/// User + system CPU time of this process so far (Linux: /proc/self/stat, in clock ticks of
/// 1/100 s), or None elsewhere. The wall time of a shared machine says little on its own.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (in parentheses, which may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Bytes this process has written through system calls so far (Linux: /proc/self/io), or None.
fn bytes_written() -> Option<u64> {
    let io = std::fs::read_to_string("/proc/self/io").ok()?;
    let line = io.lines().find(|l| l.starts_with("wchar:"))?;
    line["wchar:".len()..].trim().parse().ok()
}
