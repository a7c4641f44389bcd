//! `flashpoint ingest`: code articles (or read already-coded JSONL) and store them.
//!
//! Input is read in order and stored in batches, one transaction each; raw articles of a batch
//! are coded in parallel, but every write goes through the one store connection. Articles whose
//! content hash is stored already are skipped before any coding or parsing.

use crate::input;
use anyhow::Context;
use clap::Args;
use flashpoint_core::codebook::Codebook;
use flashpoint_core::ingest::PlainOptions;
use flashpoint_core::output::Output;
use flashpoint_core::{Article, Date, Pipeline};
use flashpoint_store::{hash_article, hash_bytes, BatchReport, CodedArticle, Incoming, Store};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args)]
pub struct IngestArgs {
    /// Files or directories: articles (.txt, .html, .jsonl) or coded JSONL (lines of `flashpoint
    /// code` output, recognised by their "events" field); `-` reads JSONL from stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The database file (created when missing).
    #[arg(long, default_value = "flashpoint.db")]
    db: PathBuf,
    /// Read every JSONL input as coded output, without looking at its first line.
    #[arg(long)]
    coded: bool,
    /// Articles per transaction.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..))]
    batch: u32,
    /// Publication date (YYYY-MM-DD) for plain .txt/.html files that do not state one.
    #[arg(long, value_parser = parse_date)]
    published: Option<Date>,
    /// Source (outlet) name for plain files.
    #[arg(long)]
    source_name: Option<String>,
    /// Also store hypothetical and denied acts (flagged by their modality).
    #[arg(long)]
    include_hypothetical: bool,
    /// Also store one-sided acts whose target the text does not name.
    #[arg(long)]
    include_undirected: bool,
    /// No progress bar and no summary.
    #[arg(long, short)]
    quiet: bool,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|e: flashpoint_core::date::DateError| e.to_string())
}

/// Longest JSONL line read; a longer one is reported and skipped.
const MAX_LINE_BYTES: u64 = 64 << 20;

/// The ingest in progress: the store, the batch being filled, the tallies.
struct Ingest {
    store: Store,
    /// Built when the first raw article needs coding (coded input never loads the model).
    pipeline: Option<Pipeline>,
    include_hypothetical: bool,
    include_undirected: bool,
    batch_size: usize,
    coded: Vec<Incoming>,
    raw: Vec<(Article, [u8; 32])>,
    report: BatchReport,
    problems: u64,
    progress: ProgressBar,
    started: Instant,
    /// A store error met while the article reader was pushing articles.
    failure: Option<anyhow::Error>,
}

/// Returns Ok(false) when some input was bad (each problem reported on stderr as FILE:LINE: …).
pub fn run(args: &IngestArgs) -> anyhow::Result<bool> {
    let store = Store::create(&args.db)?;
    let mut ingest = Ingest {
        store,
        pipeline: None,
        include_hypothetical: args.include_hypothetical,
        include_undirected: args.include_undirected,
        batch_size: args.batch as usize,
        coded: Vec::new(),
        raw: Vec::new(),
        report: BatchReport::default(),
        problems: 0,
        progress: progress_bar(0, args.quiet),
        started: Instant::now(),
        failure: None,
    };
    let opts = PlainOptions {
        id: None,
        published: args.published,
        source_name: args.source_name.clone(),
        url: None,
    };
    let files = input::expand(&args.paths, &mut ingest);
    let total: u64 = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok().map(|m| m.len()))
        .sum();
    ingest.progress.set_length(total);
    for path in &files {
        ingest.file(path, &opts, args.coded)?;
    }
    ingest.flush()?;
    ingest.progress.finish_and_clear();
    if !args.quiet {
        ingest.summary()?;
    }
    Ok(ingest.problems == 0)
}

fn progress_bar(total: u64, quiet: bool) -> ProgressBar {
    // indicatif draws nothing when stderr is not a terminal.
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(total)
    };
    let style = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} ETA {eta} {msg}",
    );
    if let Ok(style) = style {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

impl input::Sink for Ingest {
    fn article(&mut self, article: Article, _origin: input::Origin) {
        if self.failure.is_none() {
            if let Err(e) = self.push_raw(article) {
                self.failure = Some(e);
            }
        }
    }

    fn problem(&mut self, problem: input::Problem) {
        match problem.severity {
            input::Severity::Blank => {}
            input::Severity::Warning => self.progress.suspend(|| eprintln!("{problem}")),
            _ => self.report_problem(problem.to_string()),
        }
    }
}

impl Ingest {
    fn file(&mut self, path: &Path, opts: &PlainOptions, force_coded: bool) -> anyhow::Result<()> {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let is_jsonl = path.as_os_str() == "-"
            || path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson")
            });
        let start = self.progress.position();
        if is_jsonl {
            let mut reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                match std::fs::File::open(path) {
                    Ok(f) => Box::new(std::io::BufReader::with_capacity(1 << 20, f)),
                    Err(e) => {
                        self.report_problem(format!("{name}: cannot read: {e}"));
                        return Ok(());
                    }
                }
            };
            if force_coded || starts_coded(&mut reader) {
                return self.coded_lines(reader, &name);
            }
            // Not coded: the article reader takes it from the start (peeking consumed nothing,
            // on stdin too).
        }
        input::read(path, opts, self);
        if let Some(e) = self.failure.take() {
            return Err(e);
        }
        if let Ok(m) = std::fs::metadata(path) {
            self.progress.set_position(start + m.len());
        }
        Ok(())
    }

    /// Lines of `flashpoint code` output. A line whose hash is stored is skipped unparsed; the
    /// others are parsed a batch at a time, in parallel, and stored in their order.
    fn coded_lines(&mut self, mut reader: Box<dyn BufRead>, name: &str) -> anyhow::Result<()> {
        let mut pending: Vec<(u64, Vec<u8>)> = Vec::new();
        let mut buf = Vec::new();
        let mut line = 0u64;
        loop {
            buf.clear();
            let n = match read_line(&mut reader, &mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => {
                    self.report_problem(format!("{name}:{}: cannot read: {e}", line + 1));
                    break;
                }
            };
            line += 1;
            self.progress.inc(n as u64);
            if n as u64 > MAX_LINE_BYTES {
                self.report_problem(format!(
                    "{name}:{line}: line longer than {MAX_LINE_BYTES} bytes, skipped"
                ));
                continue;
            }
            let body = buf.trim_ascii();
            if body.is_empty() {
                continue;
            }
            if self.store.is_stored(&hash_bytes(body))? {
                self.report.unchanged += 1;
                continue;
            }
            pending.push((line, body.to_vec()));
            if pending.len() >= self.batch_size {
                self.parse_coded(std::mem::take(&mut pending), name)?;
            }
        }
        self.parse_coded(pending, name)
    }

    fn parse_coded(&mut self, lines: Vec<(u64, Vec<u8>)>, name: &str) -> anyhow::Result<()> {
        let parsed: Vec<_> = lines
            .into_par_iter()
            .map(|(line, body)| (line, Incoming::from_coded_line(&body)))
            .collect();
        for (line, result) in parsed {
            match result {
                Ok(inc) => self.coded.push(inc),
                Err(e) => self.report_problem(format!("{name}:{line}: {e}")),
            }
        }
        if self.coded.len() >= self.batch_size {
            self.flush()?;
        }
        Ok(())
    }

    fn push_raw(&mut self, a: Article) -> anyhow::Result<()> {
        let published = a.published.map(|d| d.to_string());
        let hash = hash_article(&[
            Some(&a.id),
            a.url.as_deref(),
            published.as_deref(),
            a.source_name.as_deref(),
            a.title.as_deref(),
            Some(&a.text),
        ]);
        if self.store.is_stored(&hash)? {
            self.report.unchanged += 1;
            return Ok(());
        }
        self.raw.push((a, hash));
        if self.raw.len() >= self.batch_size {
            self.flush()?;
        }
        Ok(())
    }

    /// Code what is raw (in parallel), then store everything pending in one transaction.
    fn flush(&mut self) -> anyhow::Result<()> {
        self.code_raw()?;
        if self.coded.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.coded);
        let r = self.store.ingest_batch(&batch)?;
        self.report.add(&r);
        let done = self.report.added + self.report.replaced + self.report.unchanged;
        let secs = self.started.elapsed().as_secs_f64().max(1e-6);
        self.progress
            .set_message(format!("{done} articles, {:.0}/s", done as f64 / secs));
        Ok(())
    }

    fn code_raw(&mut self) -> anyhow::Result<()> {
        let raw = std::mem::take(&mut self.raw);
        if raw.is_empty() {
            return Ok(());
        }
        let (include_hypothetical, include_undirected) =
            (self.include_hypothetical, self.include_undirected);
        let pipeline = self.pipeline.get_or_insert_with(|| {
            crate::tables::load_for_coding();
            flashpoint_coder::with_options(&flashpoint_coder::Options {
                include_hypothetical,
                include_undirected,
                ..Default::default()
            })
        });
        let book = Codebook::bundled();
        let coded: Vec<anyhow::Result<Incoming>> = raw
            .into_par_iter()
            .map(|(article, hash)| code(pipeline, book, article, hash))
            .collect();
        for c in coded {
            self.coded.push(c?);
        }
        Ok(())
    }

    fn report_problem(&mut self, msg: String) {
        self.problems += 1;
        self.progress.suspend(|| eprintln!("{msg}"));
    }

    fn summary(&self) -> anyhow::Result<()> {
        let r = &self.report;
        let secs = self.started.elapsed().as_secs_f64();
        let c = self.store.counts()?;
        eprintln!(
            "ingested into {}: {} added, {} replaced, {} unchanged, {} bad input in {secs:.1} s; \
             {} mentions stored, {} of them joined events already known",
            self.store.path().display(),
            r.added,
            r.replaced,
            r.unchanged,
            self.problems,
            r.mentions,
            r.merged
        );
        eprintln!(
            "the store holds {} articles, {} events, {} mentions",
            c.articles, c.events, c.mentions
        );
        Ok(())
    }
}

/// Code one article and read the result back as the store's record, as any coded input is.
fn code(
    pipeline: &Pipeline,
    book: &Codebook,
    article: Article,
    hash: [u8; 32],
) -> anyhow::Result<Incoming> {
    let id = article.id.clone();
    let text = article.text.clone();
    let doc = pipeline.run(article);
    let json = serde_json::to_vec(&Output::new(&doc, book))?;
    let article = CodedArticle::from_json(&json)
        .with_context(|| format!("article {id}: the coder's output does not read back"))?;
    Ok(Incoming {
        article,
        content_hash: hash,
        text: Some(text),
    })
}

/// Whether the first non-blank line of a JSONL stream is coded output (has an "events" field).
/// Only peeks: nothing is consumed.
fn starts_coded(reader: &mut Box<dyn BufRead>) -> bool {
    let Ok(buf) = reader.fill_buf() else {
        return false;
    };
    let first = buf
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .find(|l| !l.is_empty());
    let Some(first) = first else {
        return false;
    };
    #[derive(serde::Deserialize)]
    struct Probe {
        events: Option<serde::de::IgnoredAny>,
    }
    // A first line longer than the buffer is cut: look for the field name instead.
    match serde_json::from_slice::<Probe>(first) {
        Ok(p) => p.events.is_some(),
        Err(_) => has_events_field(first),
    }
}

fn has_events_field(line: &[u8]) -> bool {
    line.windows(9).any(|w| w == b"\"events\":")
}

/// One line into `buf` (newline included), at most MAX_LINE_BYTES + 1 bytes kept; returns the
/// line's full length (0 at the end).
fn read_line(reader: &mut Box<dyn BufRead>, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(total);
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if (buf.len() as u64) <= MAX_LINE_BYTES {
            buf.extend_from_slice(&chunk[..take]);
        }
        reader.consume(take);
        total += take;
        if done {
            return Ok(total);
        }
    }
}
