//! `flashpoint demo`: code the bundled sample corpus into a fresh store in a temporary folder,
//! print what it holds, and serve the dashboard on it.

use crate::ingest::IngestArgs;
use clap::{Args, Parser};
use flashpoint_server::{AppState, Config};
use flashpoint_store::{Alert, AlertQuery, Store, TopQuery};
use std::path::{Path, PathBuf};

/// The sample corpus, inside the binary so that the demo runs from anywhere.
const CORPUS: [(&str, &str); 2] = [
    (
        "idlib-2019-2020.jsonl",
        include_str!("../../../corpus/idlib-2019-2020.jsonl"),
    ),
    (
        "other-crises.jsonl",
        include_str!("../../../corpus/other-crises.jsonl"),
    ),
];

#[derive(Args)]
pub struct DemoArgs {
    /// Address of the dashboard (host:port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Build the store and print the summary, then exit without serving.
    #[arg(long)]
    no_serve: bool,
    /// Keep the store in this (new) file instead of a temporary folder.
    #[arg(long)]
    db: Option<PathBuf>,
}

/// `flashpoint ingest`'s arguments, parsed as the command line would give them.
#[derive(Parser)]
struct Ingest {
    #[command(flatten)]
    args: IngestArgs,
}

pub fn run(args: &DemoArgs) -> anyhow::Result<bool> {
    let dir = tempfile::Builder::new()
        .prefix("flashpoint-demo")
        .tempdir()?;
    let db = match &args.db {
        Some(p) if p.exists() => {
            anyhow::bail!("{} exists: the demo builds a fresh store", p.display())
        }
        Some(p) => p.clone(),
        None => dir.path().join("demo.db"),
    };
    eprintln!("coding the sample corpus into {} …", db.display());
    let started = std::time::Instant::now();
    let mut argv = vec!["ingest".into(), "--quiet".into(), "--db".into(), db.clone()];
    for (name, text) in CORPUS {
        let path = dir.path().join(name);
        std::fs::write(&path, text)?;
        argv.push(path);
    }
    let ingest = Ingest::try_parse_from(argv)?;
    if !crate::ingest::run(&ingest.args)? {
        anyhow::bail!("the sample corpus did not ingest cleanly");
    }
    eprintln!("done in {:.1} s", started.elapsed().as_secs_f64());
    print_summary(&db)?;
    if args.no_serve {
        return Ok(true);
    }
    let state = AppState::new(Config::new(db))?;
    println!();
    println!("Dashboard: http://{}/  (Ctrl-C to stop)", args.addr);
    crate::serve::serve_until_ctrl_c(state, &args.addr)?;
    Ok(true)
}

fn print_summary(db: &Path) -> anyhow::Result<()> {
    let store = Store::open(db)?;
    let o = store.overview()?;
    let c = &o.counts;
    println!(
        "{} articles, {} events ({} reports), {} quotes, {} places; events dated {} to {}",
        c.articles,
        c.events,
        c.mentions,
        c.quotes,
        c.places,
        o.first_date.as_deref().unwrap_or("-"),
        o.last_date.as_deref().unwrap_or("-")
    );
    println!("\nBusiest directed dyads (events, material conflict, Goldstein mean):");
    let top = store.top_dyads(&TopQuery {
        limit: 5,
        ..TopQuery::default()
    })?;
    for d in &top {
        println!(
            "  {} -> {}  {:>3} events  {:>2} material conflict  {:>6}",
            d.source,
            d.target,
            d.events,
            d.material_conflict,
            d.goldstein_mean
                .map_or_else(|| "-".to_string(), |g| format!("{g:+.2}"))
        );
    }
    let current = store.alerts(&AlertQuery {
        current: true,
        ..AlertQuery::default()
    })?;
    println!(
        "\nAlerts still open on the last day ({}): {}",
        o.last_date.as_deref().unwrap_or("-"),
        current.len()
    );
    print_alerts(&current, 5);
    let from = o.first_date.as_deref().and_then(|d| d.parse().ok());
    let all = store.alerts(&AlertQuery {
        from,
        ..AlertQuery::default()
    })?;
    println!(
        "Escalation alerts over the whole corpus: {} (highest scores first)",
        all.len()
    );
    print_alerts(&all, 5);
    Ok(())
}

fn print_alerts(alerts: &[Alert], n: usize) {
    for a in alerts.iter().take(n) {
        println!(
            "  {} -> {}  {} .. {}  score {:.2}",
            a.source, a.target, a.start, a.end, a.score
        );
    }
}
