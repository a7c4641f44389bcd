//! `flashpoint code`: articles in, one JSON line per coded article out.

use crate::input;
use anyhow::Context;
use clap::Args;
use flashpoint_core::codebook::Codebook;
use flashpoint_core::ingest::PlainOptions;
use flashpoint_core::output::Output;
use flashpoint_core::{Date, Pipeline};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct CodeArgs {
    /// Files or directories to code; `-` reads JSONL from stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for plain .txt/.html files that do not state one.
    #[arg(long, value_parser = parse_date)]
    published: Option<Date>,
    /// Article id for plain files (default: the file stem).
    #[arg(long)]
    id: Option<String>,
    /// Source (outlet) name for plain files.
    #[arg(long)]
    source_name: Option<String>,
    /// Also output hypothetical and denied acts ("could attack", "denied attacking"), flagged by
    /// their `modality`; by default they are left out.
    #[arg(long)]
    include_hypothetical: bool,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|e: flashpoint_core::date::DateError| e.to_string())
}

/// Returns Ok(false) when some input could not be read (reported on stderr), Ok(true) otherwise.
pub fn run(args: &CodeArgs) -> anyhow::Result<bool> {
    let opts = PlainOptions {
        id: args.id.clone(),
        published: args.published,
        source_name: args.source_name.clone(),
        url: None,
    };
    let pipeline = Pipeline::with_options(&flashpoint_core::pipeline::Options {
        include_hypothetical: args.include_hypothetical,
    });
    let book = Codebook::bundled();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut clean = true;
    let mut write_error = None;
    let mut report = |msg: String| {
        eprintln!("{msg}");
        clean = false;
    };
    let files = input::expand(&args.paths, &mut report);
    for path in files {
        input::read(
            &path,
            &opts,
            &mut |article| {
                if write_error.is_some() {
                    return;
                }
                let doc = pipeline.run(article);
                let line =
                    serde_json::to_string(&Output::new(&doc, book)).map_err(anyhow::Error::from);
                if let Err(e) = line.and_then(|l| writeln!(out, "{l}").map_err(anyhow::Error::from))
                {
                    write_error = Some(e);
                }
            },
            &mut report,
        );
    }
    if let Some(e) = write_error {
        return Err(e).context("writing output");
    }
    out.flush().context("writing output")?;
    Ok(clean)
}
