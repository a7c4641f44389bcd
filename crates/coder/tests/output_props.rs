//! Properties of the coded output as a user reads it: every span in the JSON lies inside the
//! text on char boundaries and the text printed with it is that slice; and the output of a batch
//! is the same coded on one thread or on two.

use flashpoint_core::codebook::Codebook;
use flashpoint_core::output::Output;
use flashpoint_core::{Article, Date, Pipeline};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rayon::prelude::*;
use serde_json::Value;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(flashpoint_coder::standard)
}

fn coded(text: &str, published: Option<Date>) -> Value {
    let doc = pipeline().run(Article {
        id: "p".into(),
        published,
        text: text.to_string(),
        ..Article::default()
    });
    serde_json::to_value(Output::new(&doc, Codebook::bundled())).unwrap()
}

/// Check one `span` (and the `text` printed with it, if any) against the article text.
fn span_holds(text: &str, span: &Value, said: &Value, what: &str) -> Result<(), TestCaseError> {
    let bounds = span
        .as_array()
        .and_then(|a| Some((a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize)));
    let Some((a, b)) = bounds else {
        return Err(TestCaseError::fail(format!("{what}: bad span {span}")));
    };
    prop_assert!(
        a <= b && b <= text.len(),
        "{what} span {a}..{b} of {}",
        text.len()
    );
    let slice = text.get(a..b);
    prop_assert!(slice.is_some(), "{what} span {a}..{b} off a char boundary");
    if let Some(s) = said.as_str() {
        prop_assert_eq!(s, slice.unwrap_or(""), "{} text is not its span", what);
    }
    Ok(())
}

/// Every span of the output, with the text printed beside it.
fn output_spans_hold(text: &str, out: &Value) -> Result<(), TestCaseError> {
    for (list, what) in [("actors", "actor"), ("places", "place")] {
        for x in out[list].as_array().into_iter().flatten() {
            span_holds(text, &x["span"], &x["text"], what)?;
        }
    }
    for q in out["quotes"].as_array().into_iter().flatten() {
        span_holds(text, &q["span"], &q["text"], "quote")?;
        if !q["speaker"].is_null() {
            span_holds(text, &q["speaker"]["span"], &Value::Null, "speaker")?;
        }
    }
    for q in out["quantities"].as_array().into_iter().flatten() {
        span_holds(text, &q["span"], &q["text"], "quantity")?;
    }
    for e in out["events"].as_array().into_iter().flatten() {
        span_holds(text, &e["span"], &e["sentence_text"], "event sentence")?;
        span_holds(
            text,
            &e["trigger"]["span"],
            &e["trigger"]["text"],
            "trigger",
        )?;
    }
    Ok(())
}

/// Pieces of my own news-like sentences, with marks and odd characters between them.
const PIECES: &[&str] = &[
    "Government troops shelled rebel positions near Amran on Thursday",
    ", killing at least 12 fighters",
    ", a local official said.",
    " \u{201c}We will respond,\u{201d} commander Jo Lee told reporters.",
    " The foreign minister of Norland condemned the attack",
    " and called for talks in Geneva next week.",
    " More than 900,000 people have fled since December.",
    " Police arrested 40 protesters outside the parliament in Kyiv.",
    " \"It was a mistake,\" the spokesman said",
    " According to the ministry, the army withdrew.",
    "\n\n",
    " \u{2014} ",
    " (AP) ",
    " Dr. Ana Ruiz, the U.N. envoy, met President Erdogan in Ankara on Feb. 27.",
    " Israeli forces",
    " Syria's army",
    " \u{627}\u{644}\u{62c}\u{64a}\u{634} ",
    " e\u{301}\u{301} ",
    "\u{feff}",
    "'",
    "\u{2019}",
];

fn news() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
}

fn date() -> impl Strategy<Value = Option<Date>> {
    prop::option::of(
        (2000i32..2030, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date {
            year: y,
            month: m,
            day: d,
        }),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn printed_texts_are_their_spans(text in news(), published in date()) {
        output_spans_hold(&text, &coded(&text, published))?;
    }

    #[test]
    fn printed_texts_are_their_spans_in_any_unicode(
        text in news(),
        noise in prop::collection::vec(any::<char>(), 0..40),
        at in any::<prop::sample::Index>(),
    ) {
        let mut mixed = text.clone();
        let cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        mixed.insert_str(cuts[at.index(cuts.len())], &noise.into_iter().collect::<String>());
        output_spans_hold(&mixed, &coded(&mixed, None))?;
    }
}

/// The same batch coded in a pool of one thread and of two gives the same lines.
fn batch_on(threads: usize, texts: &[String]) -> Vec<String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        texts
            .par_iter()
            .map(|t| coded(t, Date::new(2021, 5, 3)).to_string())
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn one_thread_or_two_give_the_same_output(texts in prop::collection::vec(news(), 1..12)) {
        let one = batch_on(1, &texts);
        let two = batch_on(2, &texts);
        prop_assert_eq!(one, two);
    }
}
