//! `flashpoint query`: dyad series, the busiest dyads and events, read from the store.

use clap::{Args, Subcommand, ValueEnum};
use flashpoint_core::Date;
use flashpoint_store::{DyadQuery, EventFilter, Interval, Page, Store, TopQuery};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct QueryArgs {
    #[command(subcommand)]
    what: What,
}

/// Options every query takes.
#[derive(Args)]
pub struct Common {
    /// The database file.
    #[arg(long, default_value = "flashpoint.db")]
    db: PathBuf,
    /// First day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    from: Option<Date>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_date)]
    to: Option<Date>,
    /// JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum What {
    /// The series of a directed dyad: what SOURCE did to TARGET per day or week (event counts by
    /// quad class, Goldstein sum and mean, material-conflict share). An actor is a country
    /// (TUR: every Turkish actor) or a full code (TURGOV).
    Dyad {
        source: String,
        target: String,
        #[arg(long, value_enum, default_value_t = IntervalArg::Week)]
        interval: IntervalArg,
        #[command(flatten)]
        common: Common,
    },
    /// The directed dyads with the most events.
    TopDyads {
        /// Rank by material-conflict events.
        #[arg(long)]
        conflict: bool,
        /// Country+role codes (TURMIL) instead of countries.
        #[arg(long)]
        codes: bool,
        #[arg(long, default_value_t = 20)]
        limit: u64,
        #[command(flatten)]
        common: Common,
    },
    /// Events (deduplicated), oldest first, with their counts and root sentence.
    Events {
        /// Source actor: a country or a code.
        #[arg(long)]
        source: Option<String>,
        /// Target actor: a country or a code.
        #[arg(long)]
        target: Option<String>,
        /// CAMEO root, two digits (19 = fight).
        #[arg(long)]
        root: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u64,
        #[arg(long, default_value_t = 0)]
        offset: u64,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum IntervalArg {
    Day,
    Week,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|e: flashpoint_core::date::DateError| e.to_string())
}

pub fn run(args: &QueryArgs) -> anyhow::Result<bool> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match &args.what {
        What::Dyad {
            source,
            target,
            interval,
            common,
        } => {
            let store = Store::open(&common.db)?;
            let q = DyadQuery {
                source: source.clone(),
                target: target.clone(),
                from: common.from,
                to: common.to,
                interval: match interval {
                    IntervalArg::Day => Interval::Day,
                    IntervalArg::Week => Interval::Week,
                },
            };
            let series = store.dyad_series(&q)?;
            if common.json {
                serde_json::to_writer_pretty(&mut out, &series)?;
                writeln!(out)?;
            } else {
                dyad_table(&mut out, &series)?;
            }
        }
        What::TopDyads {
            conflict,
            codes,
            limit,
            common,
        } => {
            let store = Store::open(&common.db)?;
            let rows = store.top_dyads(&TopQuery {
                from: common.from,
                to: common.to,
                by_conflict: *conflict,
                by_code: *codes,
                limit: *limit,
            })?;
            if common.json {
                serde_json::to_writer_pretty(&mut out, &rows)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{:<10} {:<10} {:>7} {:>6} {:>9} {:>9}",
                    "source", "target", "events", "mconf", "gold_sum", "gold_mean"
                )?;
                for r in rows {
                    writeln!(
                        out,
                        "{:<10} {:<10} {:>7} {:>6} {:>9.1} {:>9}",
                        r.source,
                        r.target,
                        r.events,
                        r.material_conflict,
                        r.goldstein_sum,
                        opt(r.goldstein_mean)
                    )?;
                }
            }
        }
        What::Events {
            source,
            target,
            root,
            limit,
            offset,
            common,
        } => {
            let store = Store::open(&common.db)?;
            let filter = EventFilter {
                from: common.from,
                to: common.to,
                source: source.clone(),
                target: target.clone(),
                cameo_root: root.clone(),
                ..Default::default()
            };
            let page = Page {
                offset: *offset,
                limit: *limit,
            };
            let rows = store.events(&filter, page)?;
            if common.json {
                for r in rows {
                    serde_json::to_writer(&mut out, &r)?;
                    writeln!(out)?;
                }
            } else {
                for r in rows {
                    writeln!(
                        out,
                        "{:>6} {} {:<9} {:<9} {:<4} {:>5} m={} s={}  {}",
                        r.id,
                        r.date.as_deref().unwrap_or("????-??-??"),
                        r.source.code.as_deref().unwrap_or("-"),
                        r.target.code.as_deref().unwrap_or("-"),
                        r.cameo,
                        opt(r.goldstein),
                        r.num_mentions,
                        r.num_sources,
                        r.sentence_text.as_deref().unwrap_or("")
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(true)
}

fn dyad_table(out: &mut impl Write, s: &flashpoint_store::Series) -> std::io::Result<()> {
    let unit = match s.interval {
        Interval::Day => "day",
        Interval::Week => "week of",
    };
    writeln!(
        out,
        "{} -> {} (events that took place, dated to the day)",
        s.source, s.target
    )?;
    writeln!(
        out,
        "{unit:<10} {:>6} {:>5} {:>5} {:>5} {:>5} {:>8} {:>9} {:>11}",
        "events", "vcoop", "mcoop", "vconf", "mconf", "gold_sum", "gold_mean", "mconf_share"
    )?;
    for p in &s.points {
        writeln!(
            out,
            "{:<10} {:>6} {:>5} {:>5} {:>5} {:>5} {:>8.1} {:>9} {:>11}",
            p.period,
            p.events,
            p.quad[0],
            p.quad[1],
            p.quad[2],
            p.quad[3],
            p.goldstein_sum,
            opt(p.goldstein_mean),
            opt(p.material_conflict_share)
        )?;
    }
    if s.points.is_empty() {
        writeln!(out, "(no events)")?;
    }
    Ok(())
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"))
}
