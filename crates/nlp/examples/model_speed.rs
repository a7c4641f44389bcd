//! Speed of the model alone, stage by stage and whole, on article text; one thread and more.
//!
//! ```text
//! cargo run -p flashpoint_nlp --release --example model_speed -- \
//!     [--corpus FILE.jsonl]... [--times N] [--rounds R] [--repeat B] [--threads 1,2]
//! ```
//!
//! The texts are the `text` fields of the JSONL files given (default: the sample corpus,
//! `corpus/*.jsonl`, built in), the whole set `--times` over. Every stage runs over every
//! document `--rounds` times per measurement, on the output of the stage before it (computed
//! once beforehand); the best of `--repeat` measurements is shown. With more than one thread the
//! documents are shared out among the threads (each takes the next document not yet taken).
//!
//! Two clocks: wall time, and CPU time (each thread's own, CLOCK_THREAD_CPUTIME_ID).
//! On a machine shared with other work the wall time grows with the load; the CPU time much
//! less. With several threads, "cpu" rates divide by the busiest thread's CPU time: what the
//! wall time would be if each thread had a core to itself.

use flashpoint_nlp::features::{Features, TokenText};
use flashpoint_nlp::lemmatizer::Lemmatizer;
use flashpoint_nlp::ner::Ner;
use flashpoint_nlp::parser::{Parse, Parser};
use flashpoint_nlp::tagger::Tagger;
use flashpoint_nlp::tok2vec::Tok2Vec;
use flashpoint_nlp::tokenizer::{Token, Tokenizer};
use flashpoint_nlp::unicode::CharClasses;
use flashpoint_nlp::{Annotator, Model, ModelFile};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

const CORPUS: [&str; 2] = [
    include_str!("../../../corpus/idlib-2019-2020.jsonl"),
    include_str!("../../../corpus/other-crises.jsonl"),
];

/// Multiply-adds per token of the model as spaCy computes it (SPEC §12): both tok2vecs, tagger,
/// parser and NER.
const MODEL_MACS: f64 = 1.07e6;
/// Multiply-adds per token of one tok2vec's encoder (4 blocks of 288 → 3 × 96); its mix layer is
/// folded into the embedding tables here, so it costs additions only.
const ENCODER_MACS: f64 = 4.0 * 288.0 * 288.0;

struct Args {
    corpus: Vec<String>,
    times: usize,
    rounds: usize,
    repeat: usize,
    threads: Vec<usize>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        corpus: Vec::new(),
        times: 1,
        rounds: 5,
        repeat: 3,
        threads: vec![1, 2],
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        let number = |v: String| v.parse::<usize>().map_err(|e| format!("{a}: {e}"));
        match a.as_str() {
            "--corpus" => args.corpus.push(value()?),
            "--times" => args.times = number(value()?)?.max(1),
            "--rounds" => args.rounds = number(value()?)?.max(1),
            "--repeat" => args.repeat = number(value()?)?.max(1),
            "--threads" => {
                args.threads = value()?
                    .split(',')
                    .map(|t| t.trim().parse::<usize>().map_err(|e| format!("{a}: {e}")))
                    .collect::<Result<_, _>>()?;
                args.threads.retain(|&t| t > 0);
            }
            _ => {
                return Err("usage: model_speed [--corpus FILE.jsonl]... [--times N] \
                            [--rounds R] [--repeat B] [--threads 1,2]"
                    .into())
            }
        }
    }
    Ok(args)
}

fn texts(args: &Args) -> Result<Vec<String>, String> {
    let files: Vec<String> = if args.corpus.is_empty() {
        CORPUS.iter().map(|s| s.to_string()).collect()
    } else {
        let read = |p: &String| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
        args.corpus.iter().map(read).collect::<Result<_, _>>()?
    };
    let one: Vec<String> = files
        .iter()
        .flat_map(|f| f.lines())
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    Ok((0..args.times).flat_map(|_| one.clone()).collect())
}

/// The model's parts, loaded one by one so that each can be timed alone.
struct Parts {
    tokenizer: Tokenizer,
    classes: CharClasses,
    features: Features,
    t2v: Tok2Vec,
    ner_t2v: Tok2Vec,
    tagger: Tagger,
    parser: Parser,
    ner: Ner,
    lemmatizer: Lemmatizer,
}

fn load() -> Result<Parts, flashpoint_nlp::ModelError> {
    let file = ModelFile::parse(flashpoint_nlp::MODEL_BYTES)?;
    Ok(Parts {
        tokenizer: Tokenizer::load(&file)?,
        classes: CharClasses::load(&file)?,
        features: Features::load(&file)?,
        t2v: Tok2Vec::load(&file, "t2v")?,
        ner_t2v: Tok2Vec::load(&file, "ner.t2v")?,
        tagger: Tagger::load(&file)?,
        parser: Parser::load(&file)?,
        ner: Ner::load(&file)?,
        lemmatizer: Lemmatizer::load(&file)?,
    })
}

/// One document's intermediate results, each the input of a later stage.
struct Stages {
    tokens: Vec<Token>,
    is_space: Vec<bool>,
    rows: Vec<[u64; 6]>,
    x: Vec<f32>,
    x_ner: Vec<f32>,
    tags: Vec<u16>,
    parse: Parse,
}

fn prepare(p: &Parts, text: &str) -> Stages {
    let tokens = p.tokenizer.tokenize(text);
    let words = token_texts(text, &tokens);
    let is_space: Vec<bool> = words
        .iter()
        .map(|t| p.classes.is_space_str(t.text))
        .collect();
    let rows = p.features.extract(&words);
    let x = p.t2v.forward(&rows);
    let x_ner = p.ner_t2v.forward(&rows);
    let tags = p.tagger.predict(&x);
    let parse = p.parser.parse(&x, &is_space);
    Stages {
        tokens,
        is_space,
        rows,
        x,
        x_ner,
        tags,
        parse,
    }
}

fn token_texts<'a>(text: &'a str, tokens: &'a [Token]) -> Vec<TokenText<'a>> {
    tokens
        .iter()
        .map(|t| TokenText {
            text: &text[t.start..t.end],
            space_after: t.space_after,
            norm: t.norm.as_deref(),
        })
        .collect()
}

/// Seconds of CPU this thread has run (exact, unlike /proc's schedstat, which advances at
/// scheduler ticks while a thread runs).
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into the struct it is given.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if ok {
        ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
    } else {
        f64::NAN
    }
}

/// Wall seconds, and the busiest thread's CPU seconds, of one measurement.
#[derive(Clone, Copy)]
struct Timing {
    wall: f64,
    cpu: f64,
}

/// `f` on every item `rounds` times, shared out among `threads` threads.
fn measure<T: Sync>(items: &[T], threads: usize, rounds: usize, f: impl Fn(&T) + Sync) -> Timing {
    let next = AtomicUsize::new(0);
    let total = items.len() * rounds;
    let work = || {
        let cpu = thread_cpu();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= total {
                break;
            }
            f(&items[i % items.len()]);
        }
        thread_cpu() - cpu
    };
    let wall = Instant::now();
    let cpu = if threads <= 1 {
        work()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
            let cpus = handles.into_iter().map(|h| h.join().unwrap_or(f64::NAN));
            cpus.fold(0.0, f64::max)
        })
    };
    Timing {
        wall: wall.elapsed().as_secs_f64(),
        cpu,
    }
}

fn best_of<T: Sync>(
    repeat: usize,
    items: &[T],
    threads: usize,
    rounds: usize,
    f: impl Fn(&T) + Sync,
) -> Timing {
    let mut best = Timing {
        wall: f64::MAX,
        cpu: f64::MAX,
    };
    for _ in 0..repeat {
        let t = measure(items, threads, rounds, &f);
        best.wall = best.wall.min(t.wall);
        best.cpu = best.cpu.min(t.cpu);
    }
    best
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let texts = match texts(&args) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let started = Instant::now();
    let model = match Model::bundled() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("model: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "Model::bundled() (parse the file, build every part): {:.0} ms wall",
        started.elapsed().as_secs_f64() * 1e3
    );
    let parts = match load() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("model: {e}");
            std::process::exit(1);
        }
    };
    let docs: Vec<Stages> = texts.iter().map(|t| prepare(&parts, t)).collect();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let sentences: usize = docs
        .iter()
        .map(|d| d.parse.sent_starts.iter().filter(|&&s| s).count())
        .sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} documents, {:.2} MB, {tokens} tokens, {sentences} sentences (the parser's); \
         {} rounds, best of {}",
        texts.len(),
        bytes as f64 / 1e6,
        args.rounds,
        args.repeat
    );
    let both: Vec<(&String, &Stages)> = texts.iter().zip(&docs).collect();
    for &threads in &args.threads {
        println!(
            "\n{threads} thread{}:  {:<22} {:>11} {:>11} {:>10} {:>10}  GFLOP/s",
            if threads == 1 { " " } else { "s" },
            "stage",
            "tokens/s",
            "(wall)",
            "sents/s",
            "(wall)",
        );
        let run = |name: &str, macs: f64, f: &(dyn Fn(&(&String, &Stages)) + Sync)| {
            let t = best_of(args.repeat, &both, threads, args.rounds, f);
            let n = (tokens * args.rounds) as f64;
            let s = (sentences * args.rounds) as f64;
            let gflops = if macs > 0.0 {
                format!("{:.1}", 2.0 * macs * n / t.cpu / threads as f64 / 1e9)
            } else {
                String::new()
            };
            println!(
                "            {name:<22} {:>11.0} {:>11.0} {:>10.0} {:>10.0}  {gflops}",
                n / t.cpu,
                n / t.wall,
                s / t.cpu,
                s / t.wall
            );
        };
        run("tokenizer", 0.0, &|(text, _)| {
            std::hint::black_box(parts.tokenizer.tokenize(text));
        });
        run("features", 0.0, &|(text, d)| {
            let words = token_texts(text, &d.tokens);
            std::hint::black_box(parts.features.extract(&words));
        });
        run("tok2vec", ENCODER_MACS, &|(_, d)| {
            std::hint::black_box(parts.t2v.forward(&d.rows));
        });
        run("tagger", 96.0 * 50.0, &|(_, d)| {
            std::hint::black_box(parts.tagger.predict(&d.x));
        });
        run("parser", 0.0, &|(_, d)| {
            std::hint::black_box(parts.parser.parse(&d.x, &d.is_space));
        });
        run("NER tok2vec", ENCODER_MACS, &|(_, d)| {
            std::hint::black_box(parts.ner_t2v.forward(&d.rows));
        });
        run("NER", 0.0, &|(_, d)| {
            let starts = &d.parse.sent_starts;
            std::hint::black_box(parts.ner.predict(&d.x_ner, starts, &d.is_space));
        });
        run("lemmatizer+ruler", 0.0, &|(text, d)| {
            let words: Vec<&str> = d.tokens.iter().map(|t| &text[t.start..t.end]).collect();
            let tags: Vec<&str> = d.tags.iter().map(|&t| parts.tagger.label(t)).collect();
            let deps: Vec<&str> = d
                .parse
                .labels
                .iter()
                .map(|&l| parts.parser.label(l))
                .collect();
            std::hint::black_box(parts.lemmatizer.analyse(&words, &tags, &deps));
        });
        run("whole model (annotate)", MODEL_MACS, &|(text, _)| {
            std::hint::black_box(model.annotate(text));
        });
    }
    match peak::gflops() {
        Some(peak) => println!(
            "\nthis core's f32 peak (a loop of independent AVX-512 FMAs): {peak:.0} GFLOP/s = \
             {:.0} tokens/s at SPEC §12's 1.07 M multiply-adds a token",
            peak * 1e9 / (2.0 * MODEL_MACS)
        ),
        None => println!("\nf32 peak: not measured (no AVX-512 path in this build)"),
    }
    if args.threads.iter().any(|&t| t > 1) {
        let each: Vec<Option<f64>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..2).map(|_| s.spawn(peak::gflops)).collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        });
        let each: Vec<String> = each
            .iter()
            .map(|g| g.map_or("-".into(), |g| format!("{g:.0}")))
            .collect();
        println!(
            "the same loop on two threads at once: {} GFLOP/s per thread (CPU time)",
            each.join(" and ")
        );
    }
    println!(
        "GFLOP/s: 2 × nominal multiply-adds per token (tok2vec: its 4 encoder blocks; whole \
         model: SPEC §12's 1.07 M) × tokens / CPU s, per thread."
    );
}

/// The arithmetic peak of one core: a loop of fused multiply-adds on 16-lane registers, with
/// enough independent accumulators to keep every FMA unit busy.
#[cfg(all(target_arch = "x86_64", flashpoint_avx512))]
// Built only by rustc ≥ 1.89 (build.rs), where the AVX-512 intrinsics are stable.
#[allow(clippy::incompatible_msrv)]
mod peak {
    use std::arch::x86_64::*;

    const ACCUMULATORS: usize = 16;
    const ITERATIONS: u64 = 20_000_000;

    pub fn gflops() -> Option<f64> {
        if !is_x86_feature_detected!("avx512f") {
            return None;
        }
        let best = (0..3)
            .map(|_| {
                let cpu = super::thread_cpu();
                // SAFETY: the CPU runs AVX-512F (checked above).
                std::hint::black_box(unsafe { fma_loop(ITERATIONS) });
                super::thread_cpu() - cpu
            })
            .fold(f64::MAX, f64::min);
        let flops = ITERATIONS as f64 * (ACCUMULATORS * 16 * 2) as f64;
        Some(flops / best / 1e9)
    }

    #[target_feature(enable = "avx512f")]
    unsafe fn fma_loop(iterations: u64) -> f32 {
        // Opaque values, so that the compiler cannot fold the loop away.
        let a = _mm512_set1_ps(std::hint::black_box(0.999_999));
        let b = _mm512_set1_ps(std::hint::black_box(1e-7));
        let mut acc = [_mm512_set1_ps(std::hint::black_box(1.0)); ACCUMULATORS];
        for _ in 0..iterations / 1000 {
            for _ in 0..1000 {
                for r in &mut acc {
                    *r = _mm512_fmadd_ps(*r, a, b);
                }
            }
            acc = std::hint::black_box(acc);
        }
        let sum = acc
            .iter()
            .fold(_mm512_setzero_ps(), |s, r| _mm512_add_ps(s, *r));
        _mm512_reduce_add_ps(sum)
    }
}

#[cfg(not(all(target_arch = "x86_64", flashpoint_avx512)))]
mod peak {
    pub fn gflops() -> Option<f64> {
        None
    }
}
