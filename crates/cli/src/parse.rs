//! `flashpoint parse`: the model's reading of articles as CoNLL-U (tokens, lemmas, tags, heads,
//! labels, entities, byte ranges), for users who want the syntax without the events.

use crate::input::{self, Origin, Problem, Severity, Sink};
use anyhow::Context;
use clap::Args;
use flashpoint_core::ingest::PlainOptions;
use flashpoint_core::Article;
use flashpoint_nlp::{conllu, Annotator, Model};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
#[command(
    after_help = "Exit status: 0 when every input was read; 1 when some input could not \
be (each problem is on stderr as FILE:LINE: reason, and the rest is still parsed); 2 when output \
could not be written."
)]
pub struct ParseArgs {
    /// Files or directories (.txt, .html, .jsonl), or `-` for JSONL on stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Article id for plain files (default: the file stem).
    #[arg(long)]
    id: Option<String>,
}

struct Printer<W: Write> {
    model: &'static Model,
    out: W,
    buffer: String,
    clean: bool,
    write_error: Option<std::io::Error>,
}

impl<W: Write> Sink for Printer<W> {
    fn article(&mut self, article: Article, _origin: Origin) {
        if self.write_error.is_some() {
            return;
        }
        let annotation = self.model.annotate(&article.text);
        self.buffer.clear();
        conllu::write_document(&mut self.buffer, &article.id, &article.text, &annotation);
        if let Err(e) = self.out.write_all(self.buffer.as_bytes()) {
            self.write_error = Some(e);
        }
    }

    fn problem(&mut self, problem: Problem) {
        if problem.severity != Severity::Blank {
            eprintln!("{problem}");
        }
        if matches!(problem.severity, Severity::Skipped | Severity::Failed) {
            self.clean = false;
        }
    }
}

/// Ok(false) when some input could not be read.
pub fn run(args: &ParseArgs) -> anyhow::Result<bool> {
    let model = Model::bundled().map_err(|e| anyhow::anyhow!("loading the model: {e}"))?;
    let opts = PlainOptions {
        id: args.id.clone(),
        ..PlainOptions::default()
    };
    let stdout = std::io::stdout();
    let mut printer = Printer {
        model,
        out: std::io::BufWriter::new(stdout.lock()),
        buffer: String::new(),
        clean: true,
        write_error: None,
    };
    for path in input::expand(&args.paths, &mut printer) {
        input::read(&path, &opts, &mut printer);
    }
    if let Some(e) = printer.write_error {
        return Err(e).context("writing output");
    }
    printer.out.flush().context("writing output")?;
    Ok(printer.clean)
}
