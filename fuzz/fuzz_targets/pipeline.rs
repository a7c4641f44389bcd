//! The whole pipeline, Article to coded Doc, on arbitrary text: no panic, every span of every
//! layer inside the text on char boundaries, serialisable output, within the time bound.
#![no_main]

use flashpoint_core::{Article, Date, Pipeline};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        // Load every lazily built table before the first timed input.
        let p = flashpoint_coder::standard();
        p.run(Article {
            text: "Rebels shelled Amran on Monday, killing 3 people, the army said.".into(),
            published: Date::new(2020, 1, 1),
            ..Article::default()
        });
        p
    })
}

fuzz_target!(init: { pipeline(); }, |data: &[u8]| {
    // The first byte picks a publication date (or none), so date resolution is fuzzed too.
    let (published, text) = match data.split_first() {
        Some((&b, rest)) if b % 4 != 0 => (Date::new(1990 + i32::from(b % 40), 1 + b % 12, 1 + b % 28), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    let article = Article {
        id: "fuzz".into(),
        published,
        text: String::from_utf8_lossy(text).into_owned(),
        ..Article::default()
    };
    let p = pipeline();
    let doc = flashpoint_fuzz::timed("pipeline", || p.run(article));
    flashpoint_fuzz::check_doc(&doc);
});
