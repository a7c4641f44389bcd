//! `flashpoint code`: articles in, one JSON line per coded article out.

use crate::input::{self, Origin, Problem, Severity, Sink};
use anyhow::Context;
use clap::Args;
use flashpoint_core::codebook::Codebook;
use flashpoint_core::ingest::PlainOptions;
use flashpoint_core::output::Output;
use flashpoint_core::{Article, Date, Pipeline};
use rayon::prelude::*;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

#[derive(Args)]
#[command(
    after_help = "Exit status: 0 when every input was read and coded; 1 when some input \
could not be (each problem is on stderr as FILE:LINE: reason, and the rest is still coded); 2 when \
output could not be written. With --errors-as-lines, only unreadable inputs make it 1."
)]
pub struct CodeArgs {
    /// Files or directories to code; `-` reads JSONL from stdin (output is then flushed after each
    /// line, so a caller can write one article and read its answer before writing the next).
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
    /// Pipe mode (for Spark's `RDD.pipe` and other external-process stages): every JSONL line gets
    /// exactly one output line, in input order. A line that cannot be coded (bad JSON, a missing
    /// field, a blank line, a failure in the coder) is answered on stdout by an error line,
    /// `{"error": REASON, "id": ID or null, "input": "<stdin>", "line": N}`, and leaves the exit
    /// status 0; it is non-zero only when an input could not be read or output not written.
    #[arg(long)]
    errors_as_lines: bool,
    /// Articles coded at once, on this many threads (default: every core). Output is in input
    /// order and identical whatever the count; on stdin an article is answered as soon as the
    /// input pauses, without waiting for a full batch.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,
}

/// Articles per thread in one parallel batch: enough that the threads rarely wait for the
/// batch's slowest article, few enough to hold in memory.
const BATCH_PER_THREAD: usize = 32;
/// A batch is coded once it holds this much text, however few articles it has.
const BATCH_BYTES: usize = 16 << 20;
/// Each worker's stack, as large as the main thread's, so that no input can need more stack
/// with threads than without.
const WORKER_STACK: usize = 8 << 20;

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|e: flashpoint_core::date::DateError| e.to_string())
}

/// Returns Ok(false) when some input could not be read or coded (see the exit status in `--help`),
/// Ok(true) otherwise.
pub fn run(args: &CodeArgs) -> anyhow::Result<bool> {
    let opts = PlainOptions {
        id: args.id.clone(),
        published: args.published,
        source_name: args.source_name.clone(),
        url: None,
    };
    let threads = match args.threads {
        Some(n) => n as usize,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    if threads > 1 {
        load_tables_at_once();
    }
    let pipeline = Pipeline::with_options(&flashpoint_core::pipeline::Options {
        include_hypothetical: args.include_hypothetical,
    });
    let pool = if threads > 1 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .stack_size(WORKER_STACK)
            .build()
            .context("starting the coding threads")?;
        Some(pool)
    } else {
        None
    };
    let stdout = std::io::stdout();
    let mut coder = Coder {
        pipeline: &pipeline,
        book: Codebook::bundled(),
        out: std::io::BufWriter::new(stdout.lock()),
        errors_as_lines: args.errors_as_lines,
        flush_each: args.paths.iter().any(|p| p.as_os_str() == "-"),
        problems: false,
        failed: false,
        write_error: None,
        pending: Vec::new(),
        pending_articles: 0,
        pending_bytes: 0,
        batch: if pool.is_some() {
            threads * BATCH_PER_THREAD
        } else {
            1
        },
        pool,
    };
    let files = input::expand(&args.paths, &mut coder);
    for path in files {
        input::read(&path, &opts, &mut coder);
    }
    coder.finish_batch();
    if let Some(e) = coder.write_error {
        return Err(e).context("writing output");
    }
    coder.out.flush().context("writing output")?;
    Ok(!coder.failed && (args.errors_as_lines || !coder.problems))
}

/// Loads the three big bundled tables side by side instead of one after the other: the model,
/// the gazetteer and the trigger patterns each take 100–200 ms of the start-up. They are loaded
/// once per process (each behind its own `OnceLock`); the pipeline then finds them ready.
fn load_tables_at_once() {
    std::thread::scope(|s| {
        s.spawn(|| {
            // A model that cannot load is reported when the pipeline is built.
            let _ = flashpoint_nlp::Model::bundled();
        });
        s.spawn(flashpoint_core::geo::Gazetteer::bundled);
        flashpoint_core::events::triggers::Triggers::bundled();
        flashpoint_core::actors::dictionary::ActorDictionary::bundled();
        Codebook::bundled();
    });
}

/// Codes the articles as they are read, a batch at a time (in parallel when there is a pool),
/// and writes their lines in input order; handles problems as the mode says.
struct Coder<'a, W: Write> {
    pipeline: &'a Pipeline,
    book: &'a Codebook,
    out: W,
    errors_as_lines: bool,
    flush_each: bool,
    /// Some article was skipped or coded with a warning (each reported on stderr).
    problems: bool,
    /// Some input could not be read.
    failed: bool,
    /// Once output fails nothing more is coded; the error is returned at the end.
    write_error: Option<std::io::Error>,
    /// What was read and not yet answered, in input order.
    pending: Vec<Pending>,
    pending_articles: usize,
    pending_bytes: usize,
    /// Articles per batch (1 without a pool: each is coded as soon as it is read).
    batch: usize,
    pool: Option<rayon::ThreadPool>,
}

/// One input item waiting for its answer.
enum Pending {
    Article(Article, Origin),
    /// A problem that is answered by an error line in its place (pipe mode).
    Problem(Problem),
}

/// An answer, ready to be written in its place.
enum Answer {
    Line(String),
    Problem(Problem),
}

impl<W: Write> Coder<'_, W> {
    fn write(&mut self, line: &str) {
        if self.write_error.is_some() {
            return;
        }
        let mut written = writeln!(self.out, "{line}");
        if self.flush_each {
            written = written.and_then(|()| self.out.flush());
        }
        self.write_error = written.err();
    }

    /// Code every pending article (in parallel when there is a pool) and write every answer in
    /// input order.
    fn finish_batch(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        (self.pending_articles, self.pending_bytes) = (0, 0);
        if self.write_error.is_some() {
            return;
        }
        let (pipeline, book) = (self.pipeline, self.book);
        let answer = |item: Pending| match item {
            Pending::Problem(problem) => Answer::Problem(problem),
            Pending::Article(article, origin) => {
                let id = article.id.clone();
                match code_one(pipeline, book, article) {
                    Ok(line) => Answer::Line(line),
                    Err(reason) => Answer::Problem(Problem {
                        origin,
                        id: Some(id),
                        reason,
                        severity: Severity::Skipped,
                    }),
                }
            }
        };
        let answers: Vec<Answer> = match &self.pool {
            Some(pool) if pending.len() > 1 => {
                pool.install(|| pending.into_par_iter().map(answer).collect())
            }
            _ => pending.into_iter().map(answer).collect(),
        };
        for a in answers {
            match a {
                Answer::Line(line) => self.write(&line),
                Answer::Problem(problem) => self.report(problem),
            }
        }
    }

    /// A problem now: an error line in pipe mode, else a message on stderr.
    fn report(&mut self, problem: Problem) {
        if self.errors_as_lines && answered(&problem) {
            let line = serde_json::json!({
                "error": problem.reason,
                "id": problem.id,
                "input": problem.origin.input,
                "line": problem.origin.line,
            });
            return self.write(&line.to_string());
        }
        match problem.severity {
            Severity::Blank => return,
            Severity::Failed => self.failed = true,
            // In pipe mode a warning is only news: the article was coded.
            Severity::Warning | Severity::Skipped => self.problems |= !self.errors_as_lines,
        }
        eprintln!("{problem}");
    }
}

/// The problems that cost one input line its article, which pipe mode answers in its place.
fn answered(problem: &Problem) -> bool {
    matches!(problem.severity, Severity::Blank | Severity::Skipped)
}

impl<W: Write> Sink for Coder<'_, W> {
    fn article(&mut self, article: Article, origin: Origin) {
        if self.write_error.is_some() {
            return;
        }
        self.pending_articles += 1;
        self.pending_bytes += article.text.len();
        self.pending.push(Pending::Article(article, origin));
        if self.pending_articles >= self.batch || self.pending_bytes >= BATCH_BYTES {
            self.finish_batch();
        }
    }

    fn problem(&mut self, problem: Problem) {
        // An error line keeps its place among the pending articles' lines; anything else is
        // only a message and need not wait.
        if self.errors_as_lines && answered(&problem) && !self.pending.is_empty() {
            return self.pending.push(Pending::Problem(problem));
        }
        self.report(problem);
    }

    fn idle(&mut self) {
        self.finish_batch();
    }
}

/// One article to its output line. A panic in the coder is caught so that one article cannot stop
/// a stream of millions: it becomes that article's problem (the stages keep no state between
/// articles, so the next one starts clean).
fn code_one(pipeline: &Pipeline, book: &Codebook, article: Article) -> Result<String, String> {
    let coded = catch_unwind(AssertUnwindSafe(|| {
        let doc = pipeline.run(article);
        serde_json::to_string(&Output::new(&doc, book))
    }));
    match coded {
        Ok(Ok(line)) => Ok(line),
        Ok(Err(e)) => Err(format!("cannot write the coded article: {e}")),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!("the coder failed on this article: {message}"))
        }
    }
}
