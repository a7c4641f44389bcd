//! `flashpoint watch`: escalation alerts with the events and sentences behind them.

use clap::Args;
use flashpoint_core::Date;
use flashpoint_store::{Alert, AlertParams, AlertQuery, Store};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct WatchArgs {
    /// The database file.
    #[arg(long, default_value = "flashpoint.db")]
    db: PathBuf,
    /// Show every alert with a day from this date on (default: only those still alerting on the
    /// last day, see --to).
    #[arg(long, value_parser = parse_date)]
    from: Option<Date>,
    /// The last day looked at (default: the last day with events).
    #[arg(long, value_parser = parse_date)]
    to: Option<Date>,
    /// Only this directed dyad: SOURCE TARGET.
    #[arg(long, num_args = 2, value_names = ["SOURCE", "TARGET"])]
    dyad: Option<Vec<String>>,
    /// Country+role dyads (TURMIL -> SYRGOV) instead of countries.
    #[arg(long)]
    codes: bool,
    /// Score at which a day alerts (mean of the two z-scores).
    #[arg(long, default_value_t = AlertParams::default().threshold)]
    threshold: f64,
    /// Days in the recent window.
    #[arg(long, default_value_t = AlertParams::default().window_days,
          value_parser = clap::value_parser!(i64).range(1..=366))]
    window_days: i64,
    /// Windows in the trailing baseline.
    #[arg(long, default_value_t = AlertParams::default().baseline_windows,
          value_parser = clap::value_parser!(i64).range(1..=520))]
    baseline_windows: i64,
    /// Evidence lines shown per alert (all with --json).
    #[arg(long, default_value_t = 5)]
    evidence: usize,
    /// JSON lines, one alert each, with all evidence.
    #[arg(long)]
    json: bool,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|e: flashpoint_core::date::DateError| e.to_string())
}

pub fn run(args: &WatchArgs) -> anyhow::Result<bool> {
    let store = Store::open(&args.db)?;
    let dyad = args
        .dyad
        .as_ref()
        .and_then(|d| Some((d.first()?.clone(), d.get(1)?.clone())));
    let q = AlertQuery {
        from: args.from,
        to: args.to,
        current: args.from.is_none(),
        by_code: args.codes,
        dyad,
        params: AlertParams {
            threshold: args.threshold,
            window_days: args.window_days,
            baseline_windows: args.baseline_windows,
            ..AlertParams::default()
        },
    };
    let alerts = store.alerts(&q)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for a in &alerts {
            serde_json::to_writer(&mut out, a)?;
            writeln!(out)?;
        }
    } else if alerts.is_empty() {
        writeln!(out, "no alerts")?;
    } else {
        for a in &alerts {
            print_alert(&mut out, a, args.evidence)?;
        }
    }
    out.flush()?;
    Ok(true)
}

fn print_alert(out: &mut impl Write, a: &Alert, evidence: usize) -> std::io::Result<()> {
    writeln!(
        out,
        "ALERT {} -> {}  {} .. {}  peak {}  score {:.2}",
        a.source, a.target, a.start, a.end, a.peak, a.score
    )?;
    writeln!(out, "  why: {}", a.explanation)?;
    for e in a.evidence.iter().take(evidence) {
        writeln!(
            out,
            "  {}  {} -> {}  {} ({})  [{} sentence {}, sources {}]  {}",
            e.date,
            e.source.as_deref().unwrap_or("-"),
            e.target.as_deref().unwrap_or("-"),
            e.cameo,
            e.goldstein
                .map_or_else(|| "-".into(), |g| format!("{g:.1}")),
            e.url.as_deref().unwrap_or(&e.doc_id),
            e.sentence_index,
            e.num_sources,
            e.sentence_text.as_deref().unwrap_or("")
        )?;
    }
    if a.evidence.len() > evidence {
        writeln!(out, "  … {} more events", a.evidence.len() - evidence)?;
    }
    writeln!(out)
}
