//! Throughput benchmark for the coding pipeline (DESIGN §5 targets): raw article text → coded
//! JSONL, stage by stage, end to end on one thread, and in parallel on several.
//!
//! ```text
//! cargo run --release -p flashpoint_coder --example throughput -- [--corpus PATH.jsonl]...
//!     [--synthetic N] [--times T] [--repeat R] [--threads 1,2] [--write-corpus OUT.jsonl]
//! ```
//!
//! The default text set is the project's own article text: the sample corpus (`corpus/*.jsonl`,
//! 57 reports) and the coder's regression passages (`crates/coder/tests/data/coder_cases.jsonl`,
//! 347 passages of one to three sentences) joined ten at a time into 35 articles, the whole set
//! `--times` over. `--corpus` reads JSONL records `{id, text, published?}` instead, `--synthetic N`
//! generates N template-built articles (see the end of this file).
//!
//! Prints start-up time, per-stage time and sentences/s, end-to-end sentences/s including JSON
//! serialisation on one thread, the same coded in parallel with rayon on each `--threads` count
//! (in input order, as `flashpoint code` does), and RSS. Two clocks throughout: wall time, and
//! CPU time of the threads that did the work (CLOCK_THREAD_CPUTIME_ID). On a machine shared
//! with other work the wall time grows with the load; the CPU time much less. With several
//! threads, the "cpu" rate divides by the busiest thread's CPU time: what the wall time would be
//! if each thread had a core to itself.

use flashpoint_coder::actors::dictionary::ActorDictionary;
use flashpoint_coder::actors::Actors;
use flashpoint_coder::casing::Casing;
use flashpoint_coder::events::triggers::Triggers;
use flashpoint_coder::events::Events;
use flashpoint_coder::geo::{Gazetteer, Places};
use flashpoint_coder::quantities::Quantities;
use flashpoint_coder::quotes::Quotes;
use flashpoint_coder::segment::Segment;
use flashpoint_coder::syntax::Syntax;
use flashpoint_core::codebook::Codebook;
use flashpoint_core::output::Output;
use flashpoint_core::{Article, Date, Doc, Pipeline, Stage};
use rayon::prelude::*;
use std::time::Instant;

const CORPUS: [&str; 2] = [
    include_str!("../../../corpus/idlib-2019-2020.jsonl"),
    include_str!("../../../corpus/other-crises.jsonl"),
];
const CASES: &str = include_str!("../tests/data/coder_cases.jsonl");
/// Regression passages per benchmark article.
const CASES_PER_ARTICLE: usize = 10;

struct Args {
    corpus: Vec<String>,
    synthetic: Option<usize>,
    times: usize,
    repeat: usize,
    threads: Vec<usize>,
    /// Write the text set as JSONL here (to feed `flashpoint code` and spaCy the same input) and
    /// stop.
    write_corpus: Option<String>,
}

const USAGE: &str = "usage: throughput [--corpus PATH.jsonl]... [--synthetic N] [--times T] \
                     [--repeat R] [--threads 1,2] [--write-corpus OUT.jsonl]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        corpus: Vec::new(),
        synthetic: None,
        times: 1,
        repeat: 3,
        threads: vec![1, 2],
        write_corpus: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        let number = |v: String| v.parse::<usize>().map_err(|e| format!("{a}: {e}"));
        match a.as_str() {
            "--corpus" => args.corpus.push(value()?),
            "--synthetic" | "--articles" => args.synthetic = Some(number(value()?)?),
            "--times" => args.times = number(value()?)?.max(1),
            "--repeat" => args.repeat = number(value()?)?.max(1),
            "--threads" => {
                args.threads = value()?
                    .split(',')
                    .map(|t| t.trim().parse::<usize>().map_err(|e| format!("{a}: {e}")))
                    .collect::<Result<_, _>>()?;
                args.threads.retain(|&t| t > 0);
            }
            "--write-corpus" => args.write_corpus = Some(value()?),
            _ => return Err(USAGE.into()),
        }
    }
    Ok(args)
}

/// Wall and CPU seconds of one measurement (CPU: the busiest thread's).
#[derive(Clone, Copy)]
struct Timing {
    wall: f64,
    cpu: f64,
}

impl Timing {
    const NONE: Timing = Timing {
        wall: f64::MAX,
        cpu: f64::MAX,
    };

    fn best(self, other: Timing) -> Timing {
        Timing {
            wall: self.wall.min(other.wall),
            cpu: self.cpu.min(other.cpu),
        }
    }

    fn sum(self, other: Timing) -> Timing {
        Timing {
            wall: self.wall + other.wall,
            cpu: self.cpu + other.cpu,
        }
    }
}

/// Seconds of CPU this thread has run (exact, unlike /proc's schedstat, which advances at
/// scheduler ticks while a thread runs).
fn thread_cpu() -> f64 {
    cpu_clock(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// Seconds of CPU every thread of this process has run: the model builds half of its parts on a
/// helper thread, whose time the start-up figures must include.
fn process_cpu() -> f64 {
    cpu_clock(libc::CLOCK_PROCESS_CPUTIME_ID)
}

fn cpu_clock(clock: libc::clockid_t) -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into the struct it is given.
    let ok = unsafe { libc::clock_gettime(clock, &mut ts) } == 0;
    if ok {
        ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
    } else {
        f64::NAN
    }
}

/// Times `f` on this thread: wall and CPU.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Timing) {
    let (wall, cpu) = (Instant::now(), thread_cpu());
    let out = f();
    let t = Timing {
        wall: wall.elapsed().as_secs_f64(),
        cpu: thread_cpu() - cpu,
    };
    (out, t)
}

/// Times a load: wall, and the CPU of every thread of the process (used at start-up only,
/// before any worker thread exists).
fn timed_load<T>(f: impl FnOnce() -> T) -> Timing {
    let (wall, cpu) = (Instant::now(), process_cpu());
    std::hint::black_box(f());
    Timing {
        wall: wall.elapsed().as_secs_f64(),
        cpu: process_cpu() - cpu,
    }
}

fn main() {
    // Start-up first, before anything touches the lazily loaded dictionaries and the model: each
    // big table alone, then the pipeline (which finds them loaded) and a first article.
    let (t0, cpu0) = (Instant::now(), process_cpu());
    let parts = [
        (
            "model",
            timed_load(|| flashpoint_nlp::Model::bundled().is_ok()),
        ),
        ("gazetteer", timed_load(Gazetteer::bundled)),
        ("triggers", timed_load(Triggers::bundled)),
        ("actor dictionary", timed_load(ActorDictionary::bundled)),
        ("codebook", timed_load(Codebook::bundled)),
    ];
    let pipeline = flashpoint_coder::standard();
    let book = Codebook::bundled();
    let tiny = Article {
        id: "warm-up".into(),
        published: Date::new(2020, 2, 27),
        text:
            "ANKARA — Turkish troops shelled Syrian positions near Idlib on Thursday, killing 12 \
               soldiers. \"We will respond,\" President Erdogan said."
                .into(),
        ..Article::default()
    };
    let warm = pipeline.run(tiny);
    let _ = serde_json::to_string(&Output::new(&warm, book));
    let startup = t0.elapsed();
    let startup_cpu = process_cpu() - cpu0;
    let loaded_rss = proc_status_kb("VmRSS:");

    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let (articles, what) = match text_set(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    if let Some(path) = &args.write_corpus {
        if let Err(e) = write_corpus(path, &articles) {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
        println!("wrote {} articles to {path}", articles.len());
        return;
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    println!(
        "corpus: {} articles, {:.2} MB of text ({what})",
        articles.len(),
        mb(bytes)
    );
    println!(
        "start-up (every table, the pipeline, one short article): {} wall, {} cpu; of which",
        ms(startup.as_secs_f64()),
        ms(startup_cpu),
    );
    for (name, t) in &parts {
        println!("  {name:<18} {:>10} cpu {:>10} wall", ms(t.cpu), ms(t.wall));
    }
    let counts = per_stage(&articles, book, args.repeat);
    let sentences = counts.sentences;
    println!(
        "sentences (segmenter): {sentences}; tokens (model): {}; events coded: {}",
        counts.tokens, counts.events
    );

    // End to end, as `flashpoint code` does it: article in, JSON line out, one thread.
    let mut e2e = Timing::NONE;
    let mut out_bytes = 0;
    for _ in 0..args.repeat {
        let input = articles.clone();
        // One line buffer, as a streaming writer would hold; output size is counted, not kept.
        let mut line = Vec::new();
        let (written, t) = timed(|| {
            let mut written = 0;
            for article in input {
                let doc = pipeline.run(article);
                line.clear();
                write_line(&mut line, &doc, book);
                written += line.len();
            }
            written
        });
        e2e = e2e.best(t);
        out_bytes = written;
    }
    println!(
        "\nend to end, one thread, no rayon (best of {}): {} wall, {} cpu for {sentences} \
         sentences; {:.2} MB JSONL out",
        args.repeat,
        ms(e2e.wall),
        ms(e2e.cpu),
        mb(out_bytes)
    );
    rate_line("  sentences/s", sentences, e2e);
    rate_line("  tokens/s", counts.tokens, e2e);
    println!(
        "  {:.0} articles/s cpu, {:.2} MB/s in cpu",
        articles.len() as f64 / e2e.cpu,
        mb(bytes) / e2e.cpu
    );

    println!(
        "\nend to end in parallel (rayon, output in input order; best of {}):",
        args.repeat
    );
    for &threads in &args.threads {
        let t = parallel(&pipeline, book, &articles, threads, args.repeat);
        rate_line(&format!("  {threads} thread(s), sentences/s"), sentences, t);
    }
    match (loaded_rss, proc_status_kb("VmHWM:")) {
        (Some(loaded), Some(peak)) => println!(
            "\nRSS after start-up (everything loaded): {:.1} MB; peak RSS (VmHWM, includes the \
             per-stage runs holding every Doc): {:.1} MB",
            loaded as f64 / 1024.0,
            peak as f64 / 1024.0
        ),
        _ => println!("RSS: unavailable (no /proc/self/status)"),
    }
}

/// What the per-stage run counted.
struct Counts {
    sentences: usize,
    tokens: usize,
    events: usize,
}

/// Every stage over every document, in pipeline order; best of `repeat` runs.
fn per_stage(articles: &[Article], book: &Codebook, repeat: usize) -> Counts {
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(Casing),
        Box::new(Segment),
        Box::new(Syntax::bundled()),
        Box::new(Places),
        Box::new(Actors::bundled()),
        Box::new(Quotes),
        Box::new(Quantities),
        Box::new(Events::bundled()),
    ];
    let mut best = vec![Timing::NONE; stages.len() + 1];
    let mut counts = Counts {
        sentences: 0,
        tokens: 0,
        events: 0,
    };
    for _ in 0..repeat {
        let mut docs: Vec<Doc> = articles.iter().cloned().map(Doc::new).collect();
        for (i, stage) in stages.iter().enumerate() {
            let ((), t) = timed(|| docs.iter_mut().for_each(|doc| stage.run(doc)));
            best[i] = best[i].best(t);
        }
        let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
        let mut out = Vec::with_capacity(bytes * 4);
        let ((), t) = timed(|| docs.iter().for_each(|doc| write_line(&mut out, doc, book)));
        best[stages.len()] = best[stages.len()].best(t);
        counts.sentences = docs.iter().map(|d| d.sentences.len()).sum();
        counts.tokens = docs
            .iter()
            .filter_map(|d| d.syntax.as_ref())
            .map(|s| s.words.len())
            .sum();
        counts.events = docs.iter().map(|d| d.events.len()).sum();
    }
    println!("\nper stage, one thread (best of {repeat}):");
    println!(
        "  {:<12} {:>10} {:>10} {:>12} {:>12} {:>7}",
        "stage", "cpu", "wall", "sents/s cpu", "sents/s wall", "share"
    );
    let total = best.iter().fold(
        Timing {
            wall: 0.0,
            cpu: 0.0,
        },
        |a, b| a.sum(*b),
    );
    let names = stages
        .iter()
        .map(|s| s.name())
        .chain(std::iter::once("json"))
        .chain(std::iter::once("sum"));
    for (name, t) in names.zip(best.iter().chain(std::iter::once(&total))) {
        println!(
            "  {:<12} {:>10} {:>10} {:>12.0} {:>12.0} {:>6.1}%",
            name,
            ms(t.cpu),
            ms(t.wall),
            counts.sentences as f64 / t.cpu,
            counts.sentences as f64 / t.wall,
            100.0 * t.cpu / total.cpu
        );
    }
    counts
}

/// The whole pipeline over every article on a pool of `threads` threads, lines collected in
/// input order; best of `repeat`.
fn parallel(
    pipeline: &Pipeline,
    book: &Codebook,
    articles: &[Article],
    threads: usize,
    repeat: usize,
) -> Timing {
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("thread pool: {e}");
            return Timing::NONE;
        }
    };
    let mut best = Timing::NONE;
    let mut best_all = f64::NAN;
    for _ in 0..repeat {
        let input = articles.to_vec();
        let cpu = pool.broadcast(|_| thread_cpu());
        let wall = Instant::now();
        let lines = pool.install(|| {
            input
                .into_par_iter()
                .map(|article| {
                    let mut line = Vec::new();
                    write_line(&mut line, &pipeline.run(article), book);
                    line
                })
                .collect::<Vec<_>>()
        });
        let wall = wall.elapsed().as_secs_f64();
        // The busiest worker's CPU time (the broadcast runs once on every worker, in order).
        let spent = pool.broadcast(|b| thread_cpu() - cpu[b.index()]);
        std::hint::black_box(lines);
        let cpu = spent.iter().copied().fold(0.0, f64::max);
        let all: f64 = spent.iter().sum();
        if cpu < best.cpu {
            best_all = all;
        }
        best = best.best(Timing { wall, cpu });
    }
    println!(
        "  {threads} thread(s): busiest thread {} cpu, all threads {} cpu, {} wall",
        ms(best.cpu),
        ms(best_all),
        ms(best.wall)
    );
    best
}

fn rate_line(what: &str, n: usize, t: Timing) {
    println!(
        "{what:<34} {:>9.0} cpu {:>9.0} wall",
        n as f64 / t.cpu,
        n as f64 / t.wall
    );
}

fn write_line(out: &mut Vec<u8>, doc: &Doc, book: &Codebook) {
    // Serialising into a Vec cannot fail for these plain structs.
    if serde_json::to_writer(&mut *out, &Output::new(doc, book)).is_ok() {
        out.push(b'\n');
    }
}

/// The articles to code and a description of them.
fn text_set(args: &Args) -> Result<(Vec<Article>, String), String> {
    let (one, what) = if let Some(n) = args.synthetic {
        (synthetic_corpus(n), "synthetic".to_string())
    } else if args.corpus.is_empty() {
        let mut a = parse_jsonl(&CORPUS.concat(), "corpus")?;
        a.extend(case_articles()?);
        (a, "corpus/*.jsonl + coder_cases joined".to_string())
    } else {
        let mut a = Vec::new();
        for path in &args.corpus {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            a.extend(parse_jsonl(&text, path)?);
        }
        (a, args.corpus.join(" "))
    };
    let all = (0..args.times).flat_map(|_| one.iter().cloned()).collect();
    Ok((all, format!("{what}, ×{}", args.times)))
}

fn parse_jsonl(text: &str, name: &str) -> Result<Vec<Article>, String> {
    let mut articles = Vec::new();
    for (n, line) in text.lines().enumerate() {
        match flashpoint_core::ingest::jsonl::parse_line(line, n + 1) {
            Ok(Some(a)) => articles.push(a),
            Ok(None) => {}
            Err(e) => return Err(format!("{name}: {e}")),
        }
    }
    Ok(articles)
}

/// The regression passages, ten to an article (as paragraphs), dated by the first.
fn case_articles() -> Result<Vec<Article>, String> {
    let cases = parse_jsonl(CASES, "coder_cases.jsonl")?;
    Ok(cases
        .chunks(CASES_PER_ARTICLE)
        .enumerate()
        .map(|(i, chunk)| Article {
            id: format!("cases-{i:02}"),
            published: chunk[0].published,
            text: chunk
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n"),
            ..Article::default()
        })
        .collect())
}

fn write_corpus(path: &str, articles: &[Article]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for a in articles {
        let line = serde_json::json!({
            "id": a.id,
            "text": a.text,
            "published": a.published.map(|d| d.to_string()),
        });
        writeln!(out, "{line}")?;
    }
    out.flush()
}

/// A `kB` field of /proc/self/status ("VmRSS:", "VmHWM:").
fn proc_status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn ms(seconds: f64) -> String {
    format!("{:.1} ms", seconds * 1000.0)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

// ---------------------------------------------------------------------------------------------
// Synthetic corpus: deterministic, template-built wire copy with varied actors, acts, places,
// numbers, quotes and dates, so every stage has work to do.

/// SplitMix64: tiny, deterministic, good enough for picking templates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const ACTORS: &[&str] = &[
    "Turkish troops",
    "the Syrian army",
    "Russian warplanes",
    "Ukrainian forces",
    "the Israeli military",
    "Hamas fighters",
    "the Iranian government",
    "Chinese officials",
    "the United Nations",
    "NATO",
    "the European Union",
    "Indian police",
    "Pakistani security forces",
    "the Ethiopian government",
    "Sudanese paramilitaries",
    "rebel groups",
    "President Vladimir Putin",
    "Recep Tayyip Erdogan",
    "the Kremlin",
    "Washington",
    "Prime Minister Narendra Modi",
    "the French foreign ministry",
    "Kurdish militants",
    "the Houthis",
    "opposition protesters",
];

const ACTS: &[&str] = &[
    "attacked",
    "shelled",
    "condemned",
    "accused",
    "met with",
    "criticised",
    "praised",
    "threatened",
    "arrested members of",
    "signed an agreement with",
    "called on",
    "rejected a proposal from",
    "demanded that",
    "expelled diplomats of",
    "imposed sanctions on",
    "agreed to talks with",
    "fired rockets at",
    "blamed",
];

const PLACES: &[&str] = &[
    "Idlib",
    "Aleppo",
    "Damascus",
    "Kharkiv",
    "Kyiv",
    "Gaza",
    "Khan Younis",
    "Mogadishu",
    "Khartoum",
    "Tigray",
    "Kabul",
    "Kashmir",
    "Tripoli",
    "Baghdad",
    "Mosul",
    "Sanaa",
    "Caracas",
    "Donetsk",
    "Beirut",
    "Srinagar",
];

const DATELINES: &[&str] = &[
    "ANKARA",
    "MOSCOW",
    "BEIRUT",
    "GENEVA",
    "NEW DELHI",
    "NAIROBI",
    "KYIV",
    "CAIRO",
];

const DAYS: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "on Saturday",
    "on Sunday",
    "last week",
    "on March 3",
    "earlier this month",
    "overnight",
];

const SPEAKERS: &[&str] = &[
    "a government spokesman",
    "the defence minister",
    "Foreign Minister Sergei Lavrov",
    "a senior U.S. official",
    "the rebel commander",
    "a local resident",
    "Secretary-General Antonio Guterres",
    "an army spokeswoman",
];

const QUOTES: &[&str] = &[
    "We will not accept any attack on our soldiers",
    "The situation on the ground is catastrophic",
    "This is a clear violation of the ceasefire",
    "Our forces will respond to every provocation",
    "We call on all sides to exercise restraint",
    "Talks have not produced any result so far",
    "The people here have nothing left",
];

const CASUALTY_KINDS: &[&str] = &[
    "civilians were killed",
    "people were wounded",
    "soldiers died",
    "people were arrested",
    "families fled their homes",
    "refugees crossed the border",
    "troops were deployed",
];

const QUALIFIERS: &[&str] = &[
    "at least",
    "more than",
    "about",
    "nearly",
    "some",
    "up to",
    "",
];

fn number(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => (2 + rng.below(40)).to_string(),
        1 => format!("{},{:03}", 1 + rng.below(900), rng.below(1000)),
        2 => ["two", "three", "five", "seven", "a dozen", "dozens of"][rng.below(6)].to_string(),
        _ => format!("{}.{} million", 1 + rng.below(9), rng.below(10)),
    }
}

fn sentence(rng: &mut Rng) -> String {
    let a = rng.pick(ACTORS);
    let b = rng.pick(ACTORS);
    let place = rng.pick(PLACES);
    let day = rng.pick(DAYS);
    let mut s = match rng.below(9) {
        0 => format!("{} {} {} in {} {}.", cap(a), rng.pick(ACTS), b, place, day),
        1 => format!(
            "{} {} {} {} {} {}, according to {}.",
            cap(a),
            rng.pick(ACTS),
            b,
            day,
            ["near", "outside", "north of", "in"][rng.below(4)],
            place,
            rng.pick(SPEAKERS)
        ),
        2 => {
            let q = rng.pick(QUALIFIERS);
            let sep = if q.is_empty() { "" } else { " " };
            format!(
                "{}{}{} {} in {} {}, officials said.",
                cap(q),
                sep,
                number(rng),
                rng.pick(CASUALTY_KINDS),
                place,
                day
            )
        }
        3 => format!(
            "\"{},\" {} said {}.",
            rng.pick(QUOTES),
            rng.pick(SPEAKERS),
            day
        ),
        4 => format!(
            "{} said {} would not {} {}.",
            cap(a),
            b,
            ["attack", "negotiate with", "recognise", "withdraw from"][rng.below(4)],
            place
        ),
        5 => format!(
            "{} told reporters in {}: \u{201c}{}.\u{201d}",
            cap(rng.pick(SPEAKERS)),
            place,
            rng.pick(QUOTES)
        ),
        6 => format!(
            "{} denied that {} had {} {}.",
            cap(a),
            b,
            rng.pick(ACTS),
            rng.pick(ACTORS)
        ),
        7 => format!(
            "The fighting in {} has displaced {} people since {}, the U.N. said.",
            place,
            number(rng),
            1990 + rng.below(34)
        ),
        _ => format!(
            "{} threatened to {} {} if {} did not stop.",
            cap(a),
            ["strike", "sanction", "expel", "boycott"][rng.below(4)],
            b,
            rng.pick(ACTORS)
        ),
    };
    s.shrink_to_fit();
    s
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

const START: Date = Date {
    year: 2015,
    month: 1,
    day: 1,
};

fn synthetic_corpus(n: usize) -> Vec<Article> {
    let mut rng = Rng(0x5EED_F1A5_4901_2020);
    (0..n)
        .map(|i| {
            let mut text = format!("{} \u{2014} ", rng.pick(DATELINES));
            let paragraphs = 3 + rng.below(5);
            for p in 0..paragraphs {
                if p > 0 {
                    text.push_str("\n\n");
                }
                let sentences = 1 + rng.below(4);
                for s in 0..sentences {
                    if s > 0 {
                        text.push(' ');
                    }
                    text.push_str(&sentence(&mut rng));
                }
            }
            let day = rng.below(3000) as i64;
            Article {
                id: format!("synthetic-{i}"),
                published: Some(START.add_days(day)),
                source_name: Some("Synthetic Wire".into()),
                text,
                ..Article::default()
            }
        })
        .collect()
}
