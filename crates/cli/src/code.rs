//! `flashpoint code`: articles in, one JSON line per coded article out.

use crate::input::{self, Origin, Problem, Severity, Sink};
use anyhow::Context;
use clap::Args;
use flashpoint_coder::segment::MAX_ARTICLE_BYTES;
use flashpoint_core::codebook::Codebook;
use flashpoint_core::ingest::PlainOptions;
use flashpoint_core::output::Output;
use flashpoint_core::{Article, Date, Pipeline};
use std::collections::BTreeMap;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{mpsc, Arc};

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
    /// Also output one-sided acts whose target the text does not name ("the rebels rejected the
    /// plan"), with `"target": null`; by default every event is a relation between two parties.
    #[arg(long)]
    include_undirected: bool,
    /// Pipe mode (for Spark's `RDD.pipe` and other external-process stages): every JSONL line gets
    /// exactly one output line, in input order. A line that cannot be coded (bad JSON, a missing
    /// field, a blank line, a failure in the coder) is answered on stdout by an error line,
    /// `{"error": REASON, "id": ID or null, "input": "<stdin>", "line": N}`, and leaves the exit
    /// status 0; it is non-zero only when an input could not be read or output not written.
    #[arg(long)]
    errors_as_lines: bool,
    /// Code articles on this many threads (default: every core). Output is in input order and
    /// identical whatever the count; on stdin every answer is written as soon as the input
    /// pauses, so a caller that waits for each answer gets it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,
    /// Longest article text coded, in KiB; a longer one is cut at a paragraph, line or word
    /// break before the limit, with a warning. The default (256 KiB, some 40,000 words) keeps
    /// one huge page from holding up a batch; raise it (up to 1 GiB) to code long documents
    /// whole: time grows linearly with length and memory by about 7 KB per sentence.
    #[arg(long, default_value_t = (MAX_ARTICLE_BYTES >> 10) as u32, value_parser = clap::value_parser!(u32).range(1..=1 << 20))]
    max_article_kib: u32,
}

/// Articles being coded or waiting to be written, per thread: enough that no thread waits for
/// work while a slow article finishes, few enough to hold in memory.
const IN_FLIGHT_PER_THREAD: usize = 16;
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
    crate::tables::load_for_coding();
    let pipeline = Arc::new(flashpoint_coder::with_options(&flashpoint_coder::Options {
        include_hypothetical: args.include_hypothetical,
        include_undirected: args.include_undirected,
        max_article_bytes: (args.max_article_kib as usize) << 10,
    }));
    let workers = if threads > 1 {
        Some(Workers::new(threads).context("starting the coding threads")?)
    } else {
        None
    };
    let stdout = std::io::stdout();
    let mut coder = Coder {
        pipeline,
        book: Codebook::bundled(),
        out: std::io::BufWriter::new(stdout.lock()),
        errors_as_lines: args.errors_as_lines,
        flush_each: args.paths.iter().any(|p| p.as_os_str() == "-"),
        problems: false,
        failed: false,
        write_error: None,
        workers,
    };
    let files = input::expand(&args.paths, &mut coder);
    for path in files {
        input::read(&path, &opts, &mut coder);
    }
    coder.write_answers(0);
    if let Some(e) = coder.write_error {
        return Err(e).context("writing output");
    }
    coder.out.flush().context("writing output")?;
    Ok(!coder.failed && (args.errors_as_lines || !coder.problems))
}

/// Codes the articles as they are read (on the workers when there are some) and writes their
/// lines in input order; handles problems as the mode says.
struct Coder<W: Write> {
    pipeline: Arc<Pipeline>,
    book: &'static Codebook,
    out: W,
    errors_as_lines: bool,
    flush_each: bool,
    /// Some article was skipped or coded with a warning (each reported on stderr).
    problems: bool,
    /// Some input could not be read.
    failed: bool,
    /// Once output fails nothing more is coded; the error is returned at the end.
    write_error: Option<std::io::Error>,
    /// None: each article is coded on this thread as soon as it is read.
    workers: Option<Workers>,
}

/// The coding threads, and their answers put back in input order. Every input item (an article,
/// or a problem answered by an error line) gets a sequence number; answers are written by it.
struct Workers {
    pool: rayon::ThreadPool,
    sender: mpsc::Sender<(usize, Answer)>,
    answers: mpsc::Receiver<(usize, Answer)>,
    /// Answers that arrived before an earlier item's, by sequence number.
    early: BTreeMap<usize, Answer>,
    /// The next item's sequence number, and the next answer's to write.
    next_in: usize,
    next_out: usize,
    /// Items unanswered at most before reading waits for answers.
    in_flight: usize,
}

impl Workers {
    fn new(threads: usize) -> Result<Workers, rayon::ThreadPoolBuildError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .stack_size(WORKER_STACK)
            .build()?;
        let (sender, answers) = mpsc::channel();
        Ok(Workers {
            pool,
            sender,
            answers,
            early: BTreeMap::new(),
            next_in: 0,
            next_out: 0,
            in_flight: threads * IN_FLIGHT_PER_THREAD,
        })
    }
}

/// An answer, ready to be written in its place.
enum Answer {
    Line(String),
    Problem(Problem),
}

impl<W: Write> Coder<W> {
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

    fn emit(&mut self, answer: Answer) {
        match answer {
            Answer::Line(line) => self.write(&line),
            Answer::Problem(problem) => self.report(problem),
        }
    }

    /// Writes every answer whose turn has come; waits for more while over `unanswered` items
    /// are still being coded.
    fn write_answers(&mut self, unanswered: usize) {
        loop {
            let Some(w) = self.workers.as_mut() else {
                return;
            };
            while let Ok((seq, answer)) = w.answers.try_recv() {
                w.early.insert(seq, answer);
            }
            if let Some(answer) = w.early.remove(&w.next_out) {
                w.next_out += 1;
                self.emit(answer);
                continue;
            }
            if w.next_in - w.next_out <= unanswered {
                return;
            }
            // Every task sends its answer (code_one catches panics); the sender kept in
            // `Workers` means this cannot fail while anything is unanswered.
            match w.answers.recv() {
                Ok((seq, answer)) => {
                    w.early.insert(seq, answer);
                }
                Err(_) => return,
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

/// An article's answer: its line, or the problem that kept it from being coded.
fn answer(pipeline: &Pipeline, book: &Codebook, article: Article, origin: Origin) -> Answer {
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

impl<W: Write> Sink for Coder<W> {
    fn article(&mut self, article: Article, origin: Origin) {
        if self.write_error.is_some() {
            return;
        }
        let Some(w) = self.workers.as_mut() else {
            let answer = answer(&self.pipeline, self.book, article, origin);
            return self.emit(answer);
        };
        let (seq, sender) = (w.next_in, w.sender.clone());
        let (pipeline, book) = (Arc::clone(&self.pipeline), self.book);
        w.next_in += 1;
        w.pool.spawn(move || {
            // The receiver outlives every task unless output failed; then the answer is moot.
            let _ = sender.send((seq, answer(&pipeline, book, article, origin)));
        });
        let in_flight = w.in_flight;
        self.write_answers(in_flight);
    }

    fn problem(&mut self, problem: Problem) {
        // An error line keeps its place among the lines of articles still being coded;
        // anything else is only a message and need not wait.
        if let Some(w) = self.workers.as_mut() {
            if self.errors_as_lines && answered(&problem) && w.next_out < w.next_in {
                w.early.insert(w.next_in, Answer::Problem(problem));
                w.next_in += 1;
                return;
            }
        }
        self.report(problem);
    }

    fn idle(&mut self) {
        self.write_answers(0);
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
