//! Throughput benchmark for the coding pipeline (DESIGN §5 targets).
//!
//! ```text
//! cargo run --release -p flashpoint_core --example throughput -- [--articles N] [--corpus PATH.jsonl]
//!     [--repeat R] [--write-corpus OUT.jsonl]
//! ```
//!
//! Prints start-up time, per-stage time and sentences/s, end-to-end sentences/s and MB/s including
//! JSON serialisation (single thread), and peak RSS. Without `--corpus` it codes N synthetic
//! articles generated deterministically from templates below.

use flashpoint_core::actors::Actors;
use flashpoint_core::codebook::Codebook;
use flashpoint_core::events::Events;
use flashpoint_core::geo::Places;
use flashpoint_core::output::Output;
use flashpoint_core::quantities::Quantities;
use flashpoint_core::quotes::Quotes;
use flashpoint_core::segment::Segment;
use flashpoint_core::{Article, Date, Doc, Pipeline, Stage};
use std::time::{Duration, Instant};

struct Args {
    articles: usize,
    corpus: Option<String>,
    repeat: usize,
    /// Write the corpus as JSONL here (to feed `flashpoint code` the same input) and stop.
    write_corpus: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        articles: 2000,
        corpus: None,
        repeat: 3,
        write_corpus: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--articles" => args.articles = value()?.parse().map_err(|e| format!("{e}"))?,
            "--corpus" => args.corpus = Some(value()?),
            "--repeat" => args.repeat = value()?.parse().map_err(|e| format!("{e}"))?,
            "--write-corpus" => args.write_corpus = Some(value()?),
            "-h" | "--help" => {
                return Err(
                    "usage: throughput [--articles N] [--corpus PATH.jsonl] [--repeat R] [--write-corpus OUT.jsonl]".into(),
                )
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    args.repeat = args.repeat.max(1);
    Ok(args)
}

fn main() {
    // Start-up first, before anything touches the lazily loaded dictionaries.
    let t0 = Instant::now();
    let pipeline = Pipeline::standard();
    let book = Codebook::bundled();
    let built = t0.elapsed();
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
    let loaded_rss = proc_status_kb("VmRSS:");

    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let articles = match &args.corpus {
        Some(path) => match read_corpus(path) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        },
        None => synthetic_corpus(args.articles),
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
        "corpus: {} articles, {:.2} MB of text ({})",
        articles.len(),
        mb(bytes),
        args.corpus.as_deref().unwrap_or("synthetic")
    );
    println!(
        "start-up: {} (Pipeline::standard {}; first article loads gazetteer, dictionaries, codebook)",
        ms(startup),
        ms(built)
    );

    // Per stage: every stage over every document, in pipeline order; best of `repeat` runs.
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(Segment),
        Box::new(Places),
        Box::new(Actors::bundled()),
        Box::new(Quotes),
        Box::new(Quantities),
        Box::new(Events::bundled()),
    ];
    let mut best = vec![Duration::MAX; stages.len() + 1];
    let mut sentences = 0;
    let mut events = 0;
    for _ in 0..args.repeat {
        let mut docs: Vec<Doc> = articles.iter().cloned().map(Doc::new).collect();
        for (i, stage) in stages.iter().enumerate() {
            let t = Instant::now();
            for doc in &mut docs {
                stage.run(doc);
            }
            best[i] = best[i].min(t.elapsed());
        }
        let t = Instant::now();
        let mut out = Vec::with_capacity(bytes * 4);
        for doc in &docs {
            write_line(&mut out, doc, book);
        }
        best[stages.len()] = best[stages.len()].min(t.elapsed());
        sentences = docs.iter().map(|d| d.sentences.len()).sum();
        events = docs.iter().map(|d| d.events.len()).sum::<usize>();
    }
    println!("sentences: {sentences}, events coded: {events}");
    println!("\nper stage (best of {}):", args.repeat);
    println!(
        "  {:<12} {:>10} {:>14} {:>10}",
        "stage", "time", "sentences/s", "MB/s"
    );
    let names = stages
        .iter()
        .map(|s| s.name())
        .chain(std::iter::once("json"));
    for (name, d) in names.zip(&best) {
        println!(
            "  {:<12} {:>10} {:>14} {:>10.1}",
            name,
            ms(*d),
            rate(sentences, *d),
            mb(bytes) / d.as_secs_f64()
        );
    }
    let sum: Duration = best.iter().sum();
    println!(
        "  {:<12} {:>10} {:>14} {:>10.1}",
        "sum",
        ms(sum),
        rate(sentences, sum),
        mb(bytes) / sum.as_secs_f64()
    );

    // End to end, as `flashpoint code` does it: article in, JSON line out.
    let mut e2e = Duration::MAX;
    let mut out_bytes = 0;
    for _ in 0..args.repeat {
        let input = articles.clone();
        // One line buffer, as a streaming writer would hold; output size is counted, not kept.
        let mut line = Vec::new();
        let mut written = 0;
        let t = Instant::now();
        for article in input {
            let doc = pipeline.run(article);
            line.clear();
            write_line(&mut line, &doc, book);
            written += line.len();
        }
        e2e = e2e.min(t.elapsed());
        out_bytes = written;
    }
    println!(
        "\nend to end (best of {}): {} for {} sentences: {} sentences/s, {:.2} MB/s in, {:.1} articles/s; {:.2} MB JSONL out",
        args.repeat,
        ms(e2e),
        sentences,
        rate(sentences, e2e),
        mb(bytes) / e2e.as_secs_f64(),
        articles.len() as f64 / e2e.as_secs_f64(),
        mb(out_bytes)
    );
    match (loaded_rss, proc_status_kb("VmHWM:")) {
        (Some(loaded), Some(peak)) => println!(
            "RSS after start-up (everything loaded): {:.1} MB; peak RSS (VmHWM, includes the \
             per-stage runs holding every Doc): {:.1} MB",
            loaded as f64 / 1024.0,
            peak as f64 / 1024.0
        ),
        _ => println!("RSS: unavailable (no /proc/self/status)"),
    }
}

fn write_line(out: &mut Vec<u8>, doc: &Doc, book: &Codebook) {
    // Serialising into a Vec cannot fail for these plain structs.
    if serde_json::to_writer(&mut *out, &Output::new(doc, book)).is_ok() {
        out.push(b'\n');
    }
}

fn read_corpus(path: &str) -> Result<Vec<Article>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut articles = Vec::new();
    for (n, line) in text.lines().enumerate() {
        match flashpoint_core::ingest::jsonl::parse_line(line, n + 1) {
            Ok(Some(a)) => articles.push(a),
            Ok(None) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(articles)
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

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn rate(n: usize, d: Duration) -> String {
    format!("{:.0}", n as f64 / d.as_secs_f64().max(1e-9))
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
