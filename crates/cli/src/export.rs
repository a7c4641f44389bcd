//! `flashpoint export`: the stored events as GDELT, Phoenix, JSONL, CSV or Parquet files.

use clap::{Args, ValueEnum};
use flashpoint_core::Date;
use flashpoint_store::{ExportFormat, ExportOptions, Store};
use std::path::PathBuf;

#[derive(Args)]
pub struct ExportArgs {
    /// gdelt: GDELT 2.0 event table (61 columns, tab-separated, header line); phoenix: Phoenix
    /// event table (26 columns); jsonl; csv; parquet: files partitioned by date
    /// (events/date=YYYY-MM-DD/part-0.parquet).
    #[arg(long, value_enum)]
    format: FormatArg,
    /// The folder to write into (created when missing).
    #[arg(long, default_value = "export")]
    out: PathBuf,
    /// The database file.
    #[arg(long, default_value = "flashpoint.db")]
    db: PathBuf,
    /// Only events from this day on (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    from: Option<Date>,
    /// Only events up to this day, inclusive.
    #[arg(long, value_parser = parse_date)]
    to: Option<Date>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Gdelt,
    Phoenix,
    Jsonl,
    Csv,
    Parquet,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|e: flashpoint_core::date::DateError| e.to_string())
}

pub fn run(args: &ExportArgs) -> anyhow::Result<bool> {
    let store = Store::open(&args.db)?;
    let format = match args.format {
        FormatArg::Gdelt => ExportFormat::Gdelt,
        FormatArg::Phoenix => ExportFormat::Phoenix,
        FormatArg::Jsonl => ExportFormat::Jsonl,
        FormatArg::Csv => ExportFormat::Csv,
        FormatArg::Parquet => ExportFormat::Parquet,
    };
    let report = store.export(&ExportOptions {
        format,
        out_dir: args.out.clone(),
        from: args.from,
        to: args.to,
    })?;
    let where_ = match report.files.as_slice() {
        [one] => one.display().to_string(),
        many => format!("{} files under {}", many.len(), args.out.display()),
    };
    eprintln!("exported {} events to {where_}", report.events);
    Ok(true)
}
