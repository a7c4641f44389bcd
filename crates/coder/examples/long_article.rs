//! Long-article benchmark: the cost of coding one article as it grows from 1,000 to 100,000
//! sentences. The per-sentence time should stay flat (linear total) and peak memory bounded.
//!
//! ```text
//! cargo run --release -p flashpoint_coder --example long_article -- [SENTENCES...] [--stages]
//!     [--skip STAGE,STAGE]
//! ```
//!
//! Without sizes it measures 1,000, 10,000 and 100,000 sentences. Each size runs in a child
//! process of its own, so that each peak RSS (VmHWM) is that size's alone. `--stages` also
//! prints the time of every stage; `--skip` leaves stages out (to time the others alone). The article is built from the project's own sentence
//! templates (below): reports, quotes with speakers, casualty figures, places and dates, in
//! paragraphs of four to seven sentences, so every stage has work to do.

use flashpoint_coder::actors::Actors;
use flashpoint_coder::events::Events;
use flashpoint_coder::geo::Places;
use flashpoint_coder::quantities::Quantities;
use flashpoint_coder::quotes::Quotes;
use flashpoint_coder::segment::SegmentWhole;
use flashpoint_coder::syntax::Syntax;
use flashpoint_core::output::Output;
use flashpoint_core::{codebook::Codebook, Article, Date, Doc, Stage};
use std::process::Command;
use std::time::Instant;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Sentence templates; `{A}`/`{B}` are actors, `{P}` a place, `{N}` a number, `{D}` a day.
const TEMPLATES: &[&str] = &[
    "{A} forces shelled positions held by {B} near {P} on {D}, killing {N} people.",
    "\u{201c}We will not accept any more attacks on our soldiers,\u{201d} the {A} defence minister said.",
    "Officials in {P} said at least {N} civilians had fled their homes since the fighting began.",
    "{A} and {B} agreed to hold talks in {P} next week.",
    "The foreign ministry of {B} condemned the strike and called on {A} to withdraw.",
    "Police arrested {N} protesters outside the parliament in {P} on {D}.",
    "\u{201c}This is a dangerous escalation,\u{201d} said a spokesman for the United Nations, \
     who asked {A} to show restraint.",
    "Aid groups warned that more than {N} refugees were sheltering in camps near {P}.",
    "{A} denied that its troops had crossed the border.",
    "The president of {B} met the ambassador of {A} in {P} on {D} to discuss a ceasefire.",
    "It was not clear whether the talks would resume.",
    "Witnesses said {N} soldiers were wounded when a convoy was hit near {P}.",
];
const ACTORS: &[&str] = &[
    "Turkish",
    "Russian",
    "Syrian",
    "Iranian",
    "Israeli",
    "Ukrainian",
];
const COUNTRIES: &[&str] = &["Turkey", "Russia", "Syria", "Iran", "Israel", "Ukraine"];
const PLACES: &[&str] = &["Idlib", "Aleppo", "Ankara", "Kyiv", "Damascus", "Kharkiv"];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// A deterministic article of `sentences` sentences.
fn article(sentences: usize) -> String {
    let mut text = String::with_capacity(sentences * 90);
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut in_paragraph = 0;
    let mut paragraph_len = 4;
    for _ in 0..sentences {
        let t = TEMPLATES[next(TEMPLATES.len())];
        let s = t
            .replace("{A}", ACTORS[next(ACTORS.len())])
            .replace("{B}", COUNTRIES[next(COUNTRIES.len())])
            .replace("{P}", PLACES[next(PLACES.len())])
            .replace("{D}", DAYS[next(DAYS.len())])
            .replace("{N}", &(2 + next(400)).to_string());
        if !text.is_empty() {
            text.push_str(if in_paragraph == 0 { "\n\n" } else { " " });
        }
        text.push_str(&s);
        in_paragraph += 1;
        if in_paragraph == paragraph_len {
            in_paragraph = 0;
            paragraph_len = 4 + next(4);
        }
    }
    text
}

fn peak_rss_mb() -> Option<f64> {
    rss_mb("VmHWM:")
}

/// A memory figure of this process from /proc (Linux only).
fn rss_mb(key: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Code one article of `n` sentences in this process and print one result line.
fn measure(n: usize, stages_too: bool, skip: &[String]) {
    let mut stages: Vec<Box<dyn Stage>> = vec![
        Box::new(SegmentWhole),
        Box::new(Syntax::bundled()),
        Box::new(Places),
        Box::new(Actors::bundled()),
        Box::new(Quotes),
        Box::new(Quantities),
        Box::new(Events::bundled()),
    ];
    stages.retain(|s| !skip.iter().any(|k| k == s.name()));
    let book = Codebook::bundled();
    // Load every table before the clock starts (the first article pays for it otherwise).
    let mut warm = Doc::new(Article {
        text: article(5),
        ..Article::default()
    });
    for s in &stages {
        s.run(&mut warm);
    }
    let loaded = peak_rss_mb().unwrap_or(0.0);

    let text = article(n);
    let bytes = text.len();
    let mut doc = Doc::new(Article {
        id: "long".into(),
        published: Date::new(2020, 2, 27),
        text,
        ..Article::default()
    });
    let started = Instant::now();
    let mut per_stage = Vec::new();
    for s in &stages {
        let t = Instant::now();
        s.run(&mut doc);
        per_stage.push((s.name(), t.elapsed().as_secs_f64(), rss_mb("VmRSS:")));
    }
    let json = serde_json::to_string(&Output::new(&doc, book)).map_or(0, |j| j.len());
    let secs = started.elapsed().as_secs_f64();
    let found = doc.sentences.len();
    println!(
        "{n:>7} sentences ({found} found, {:.1} MB): {secs:8.2} s, {:7.1} µs/sentence, \
         peak RSS {:6.0} MB (loaded {loaded:.0} MB), {} events, output {:.1} MB",
        bytes as f64 / 1e6,
        secs * 1e6 / found.max(1) as f64,
        peak_rss_mb().unwrap_or(0.0),
        doc.events.len(),
        json as f64 / 1e6,
    );
    if stages_too {
        for (name, t, rss) in per_stage {
            println!(
                "    {name:<12} {t:8.3} s  {:7.1} µs/sentence   RSS after: {:6.0} MB",
                t * 1e6 / found.max(1) as f64,
                rss.unwrap_or(0.0)
            );
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stages_too = args.iter().any(|a| a == "--stages");
    let skip_arg = args
        .iter()
        .position(|a| a == "--skip")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let skip: Vec<String> = skip_arg
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::to_string)
        .collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        let n = args
            .get(i + 1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(1_000);
        measure(n, stages_too, &skip);
        return;
    }
    let mut sizes: Vec<usize> = args
        .iter()
        .filter(|a| Some(*a) != skip_arg.as_ref())
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = SIZES.to_vec();
    }
    let Ok(me) = std::env::current_exe() else {
        eprintln!("cannot find this executable");
        return;
    };
    for n in sizes {
        let mut cmd = Command::new(&me);
        cmd.arg("--one").arg(n.to_string());
        if stages_too {
            cmd.arg("--stages");
        }
        if let Some(k) = &skip_arg {
            cmd.arg("--skip").arg(k);
        }
        match cmd.status() {
            Ok(s) if s.success() => {}
            Ok(s) => println!("{n:>7} sentences: child failed ({s})"),
            Err(e) => println!("{n:>7} sentences: cannot run child: {e}"),
        }
    }
}
