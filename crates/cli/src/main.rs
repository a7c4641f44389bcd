//! `flashpoint`: code news articles into political event data.

mod code;
mod demo;
mod export;
mod ingest;
mod input;
mod parse;
mod query;
mod serve;
mod tables;
mod watch;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "flashpoint",
    version,
    about = "Turn news text into political event data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles (.txt, .html, .jsonl files, directories, or - for JSONL on stdin) and print one
    /// JSON object per article on stdout.
    Code(code::CodeArgs),
    /// Show how sentences are coded: mentions, places, trigger patterns and events, per sentence.
    Explain {
        /// The text to code (a sentence or a short article).
        text: String,
        /// Publication date (YYYY-MM-DD) to resolve relative dates against.
        #[arg(long)]
        published: Option<String>,
    },
    /// Print the model's reading of articles as CoNLL-U: lemma, POS and fine tag, head and
    /// dependency label per token, with byte ranges and entity tags in MISC.
    Parse(parse::ParseArgs),
    /// Code articles (or read coded JSONL) and store them in a database.
    Ingest(ingest::IngestArgs),
    /// Read the store: dyad series, the busiest dyads, events.
    Query(query::QueryArgs),
    /// Escalation alerts per dyad, each with the events and sentences behind it.
    Watch(watch::WatchArgs),
    /// Write the stored events as GDELT, Phoenix, JSONL, CSV or Parquet files.
    Export(export::ExportArgs),
    /// Serve the HTTP API and the web dashboard over a store.
    Serve(serve::ServeArgs),
    /// Code the bundled sample corpus into a temporary store, print a summary and serve the
    /// dashboard on it.
    Demo(demo::DemoArgs),
}

fn explain(text: String, published: Option<String>) -> anyhow::Result<bool> {
    let published = published.map(|p| p.parse()).transpose()?;
    let article = flashpoint_core::Article {
        id: "explain".into(),
        text,
        published,
        ..Default::default()
    };
    tables::load_for_coding();
    let mut trace = flashpoint_core::Trace::default();
    let doc = flashpoint_coder::standard().run_traced(article, &mut trace);
    print!(
        "{}",
        flashpoint_coder::events::explain::explain(&doc, &trace)
    );
    Ok(true)
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code::run(&args),
        Command::Explain { text, published } => explain(text, published),
        Command::Parse(args) => parse::run(&args),
        Command::Ingest(args) => ingest::run(&args),
        Command::Query(args) => query::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Demo(args) => demo::run(&args),
    };
    match result {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(e) => {
            eprintln!("flashpoint: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
