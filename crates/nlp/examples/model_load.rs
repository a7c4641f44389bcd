//! Where the model's load time goes: the container, then each part, timed one after the other.
//!
//! ```text
//! cargo run -p flashpoint_nlp --release --example model_load -- [--repeat N]
//! ```
//!
//! Prints the best of `--repeat` (default 5) runs of each step in milliseconds of wall time.
//! Each part is built from a freshly indexed file, so its time includes converting the arrays it
//! reads (indexing the bundled file, `parse_bundled`, is shown alone). `Model::load` builds the
//! parts on two threads; the sum of the parts is the CPU time it spends.

use flashpoint_nlp::features::Features;
use flashpoint_nlp::lemmatizer::Lemmatizer;
use flashpoint_nlp::model_file::fnv1a64;
use flashpoint_nlp::ner::Ner;
use flashpoint_nlp::parser::Parser;
use flashpoint_nlp::tagger::Tagger;
use flashpoint_nlp::tok2vec::Tok2Vec;
use flashpoint_nlp::tokenizer::Tokenizer;
use flashpoint_nlp::unicode::CharClasses;
use flashpoint_nlp::{Model, ModelError, ModelFile, MODEL_BYTES};
use std::time::Instant;

fn best_ms<T>(repeat: usize, f: impl Fn() -> Result<T, ModelError>) -> Result<f64, ModelError> {
    let mut best = f64::MAX;
    for _ in 0..repeat {
        let t = Instant::now();
        std::hint::black_box(f()?);
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
    }
    Ok(best)
}

/// The best time of building one part from a freshly indexed bundled file.
fn part<T>(
    repeat: usize,
    load: impl Fn(&ModelFile) -> Result<T, ModelError>,
) -> Result<f64, ModelError> {
    best_ms(repeat, || load(&ModelFile::parse_bundled(MODEL_BYTES)?))
}

fn main() -> Result<(), ModelError> {
    let mut repeat = 5;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match (a.as_str(), args.next().and_then(|v| v.parse().ok())) {
            ("--repeat", Some(n)) => repeat = usize::max(n, 1),
            _ => {
                eprintln!("usage: model_load [--repeat N]");
                std::process::exit(2);
            }
        }
    }
    let started = Instant::now();
    let model = Model::bundled().map_err(|e| ModelError::Missing(e.to_string()))?;
    let first = started.elapsed().as_secs_f64() * 1e3;
    std::hint::black_box(model);
    println!("Model::bundled(), first call in this process: {first:.1} ms");

    let r = repeat;
    let container: [(&str, f64); 3] = [
        (
            "ModelFile::parse",
            best_ms(r, || ModelFile::parse(MODEL_BYTES))?,
        ),
        (
            "  of which the checksum",
            best_ms(r, || Ok(fnv1a64(MODEL_BYTES)))?,
        ),
        (
            "ModelFile::parse_bundled",
            best_ms(r, || ModelFile::parse_bundled(MODEL_BYTES))?,
        ),
    ];
    let parts: [(&str, f64); 9] = [
        ("tokenizer", part(r, Tokenizer::load)?),
        ("char classes", part(r, CharClasses::load)?),
        ("features", part(r, Features::load)?),
        ("tok2vec", part(r, |f| Tok2Vec::load(f, "t2v"))?),
        ("tagger", part(r, Tagger::load)?),
        ("parser", part(r, Parser::load)?),
        ("NER tok2vec", part(r, |f| Tok2Vec::load(f, "ner.t2v"))?),
        ("NER", part(r, Ner::load)?),
        ("lemmatizer", part(r, Lemmatizer::load)?),
    ];
    let whole = part(r, Model::load)?;
    let sum: f64 = parts.iter().map(|(_, ms)| ms).sum();
    for (name, ms) in container.iter().chain(&parts) {
        println!("  {name:<26} {ms:7.1} ms");
    }
    println!("  {:<26} {sum:7.1} ms", "sum of the parts");
    println!("  {:<26} {whole:7.1} ms", "Model::load (two threads)");
    Ok(())
}
