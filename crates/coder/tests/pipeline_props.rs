//! Whole-pipeline properties: the standard pipeline never panics on any text, and everything it
//! outputs points into the text (on char boundaries, in order, inside its sentence).

use flashpoint_core::codebook::Codebook;
use flashpoint_core::output::Output;
use flashpoint_core::{Article, Date, Doc, Pipeline, Span};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(flashpoint_coder::standard)
}

fn code(text: &str, published: Option<Date>) -> Doc {
    pipeline().run(Article {
        id: "prop".into(),
        published,
        text: text.to_string(),
        ..Article::default()
    })
}

fn check_span(doc: &Doc, span: Span, what: &str) -> Result<(), TestCaseError> {
    let text = doc.text();
    prop_assert!(
        span.start <= span.end,
        "{what} span {span:?} has start > end"
    );
    prop_assert!(
        span.end <= text.len(),
        "{what} span {span:?} beyond text of {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} not on char boundaries"
    );
    Ok(())
}

/// Every invariant of the output contract that can be checked without knowing the right answer.
fn check_doc(doc: &Doc) -> Result<(), TestCaseError> {
    let mut previous_end = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        check_span(doc, s.span, "sentence")?;
        prop_assert!(
            s.span.start >= previous_end,
            "sentence {i} {:?} overlaps or precedes the one before (ended at {previous_end})",
            s.span
        );
        previous_end = s.span.end;
        prop_assert!(s.tokens.start <= s.tokens.end && s.tokens.end <= doc.tokens.len());
        for t in &doc.tokens[s.tokens.clone()] {
            prop_assert!(
                s.span.contains(t.span),
                "token {:?} outside its sentence {:?}",
                t.span,
                s.span
            );
        }
    }
    for t in &doc.tokens {
        check_span(doc, t.span, "token")?;
    }
    for m in &doc.mentions {
        check_span(doc, m.span, "mention")?;
        prop_assert!(m.sentence < doc.sentences.len(), "mention sentence index");
    }
    for q in &doc.quotes {
        check_span(doc, q.span, "quote")?;
        if let Some(sp) = &q.speaker {
            check_span(doc, sp.span, "quote speaker")?;
        }
    }
    for q in &doc.quantities {
        check_span(doc, q.span, "quantity")?;
    }
    for p in &doc.places {
        check_span(doc, p.span, "place")?;
        prop_assert!(p.sentence < doc.sentences.len(), "place sentence index");
    }
    for e in &doc.events {
        prop_assert!(
            e.sentence < doc.sentences.len(),
            "event sentence {} of {}",
            e.sentence,
            doc.sentences.len()
        );
        check_span(doc, e.trigger, "trigger")?;
        let sentence = doc.sentences[e.sentence].span;
        prop_assert!(
            sentence.contains(e.trigger),
            "trigger {:?} outside its sentence {:?}",
            e.trigger,
            sentence
        );
        for a in [&e.source, &e.target].into_iter().flatten() {
            check_span(doc, a.span, "event actor")?;
        }
        if let Some(q) = e.quote_id {
            prop_assert!(
                q < doc.quotes.len(),
                "event quote_id {q} of {}",
                doc.quotes.len()
            );
        }
    }
    // Serialising must not panic and must give one JSON object.
    let json = serde_json::to_string(&Output::new(doc, Codebook::bundled()));
    let one_object = json.is_ok_and(|j| j.starts_with('{') && !j.contains('\n'));
    prop_assert!(one_object, "output is not one JSON object on one line");
    Ok(())
}

fn date() -> impl Strategy<Value = Option<Date>> {
    prop::option::of(
        (1900i32..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date {
            year: y,
            month: m,
            day: d,
        }),
    )
}

/// Words and marks of wire copy, so the soup reaches deep into every stage.
const WORDS: &[&str] = &[
    "\"",
    "\u{201c}",
    "\u{201d}",
    "'",
    "\u{2018}",
    "\u{2019}",
    "\u{2014}",
    "-",
    "(",
    ")",
    ",",
    ".",
    ":",
    ";",
    "?",
    "!",
    "...",
    "\n",
    "\n\n",
    "12",
    "1,200",
    "3.5",
    "900,000",
    "two",
    "dozens",
    "million",
    "at least",
    "more than",
    "about",
    "killed",
    "wounded",
    "dead",
    "injured",
    "fled",
    "refugees",
    "troops",
    "people",
    "civilians",
    "soldiers",
    "arrested",
    "Erdogan",
    "Putin",
    "Assad",
    "Recep Tayyip Erdogan",
    "President",
    "Minister",
    "Foreign Minister",
    "Turkey",
    "Turkish",
    "Russia",
    "Russian",
    "Syria",
    "Syrian",
    "U.S.",
    "U.N.",
    "NATO",
    "the Kremlin",
    "Ankara",
    "Idlib",
    "Aleppo",
    "Damascus",
    "Kyiv",
    "Gaza",
    "Mr.",
    "Dr.",
    "Gen.",
    "he",
    "she",
    "they",
    "it",
    "the",
    "a",
    "of",
    "in",
    "on",
    "near",
    "to",
    "with",
    "and",
    "but",
    "that",
    "said",
    "says",
    "told",
    "added",
    "according to",
    "not",
    "never",
    "no",
    "will",
    "would",
    "may",
    "could",
    "threatened",
    "attacked",
    "shelled",
    "condemned",
    "accused",
    "met",
    "meet with",
    "agreed",
    "rejected",
    "denied",
    "called on",
    "urged",
    "air strikes",
    "talks",
    "ceasefire",
    "sanctions",
    "government",
    "army",
    "rebels",
    "police",
    "protesters",
    "Monday",
    "Thursday",
    "yesterday",
    "last week",
    "Jan. 3",
    "March 2020",
    "2019",
    "on Feb. 27",
    "1990s",
    "in 2015",
];

fn soup() -> impl Strategy<Value = String> {
    let word = prop::sample::select(WORDS);
    let sep = prop::sample::select(&[" ", " ", " ", "", "\n", ". ", ", "][..]);
    prop::collection::vec((word, sep), 0..80).prop_map(|parts| {
        let mut s = String::new();
        for (w, sep) in parts {
            s.push_str(w);
            s.push_str(sep);
        }
        s
    })
}

fn any_unicode() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..200).prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn ascii_never_panics_and_spans_hold(text in "[ -~\n\t]{0,400}", published in date()) {
        check_doc(&code(&text, published))?;
    }

    #[test]
    fn unicode_never_panics_and_spans_hold(text in any_unicode(), published in date()) {
        check_doc(&code(&text, published))?;
    }

    #[test]
    fn news_soup_never_panics_and_spans_hold(text in soup(), published in date()) {
        check_doc(&code(&text, published))?;
    }

    #[test]
    fn news_soup_with_unicode_never_panics(
        text in soup(),
        noise in any_unicode(),
        cut in any::<prop::sample::Index>(),
        published in date(),
    ) {
        // Arbitrary characters spliced into news-like text, at a char boundary.
        let at = text
            .char_indices()
            .map(|(i, _)| i)
            .nth(cut.index(text.chars().count() + 1))
            .unwrap_or(text.len());
        let mut mixed = text.clone();
        mixed.insert_str(at, &noise);
        check_doc(&code(&mixed, published))?;
    }
}

#[test]
fn empty_and_blank_texts() {
    for text in ["", " ", "\n\n\n", "\"", "\u{201c}", ".", "...", "\u{feff}"] {
        let doc = code(text, None);
        check_doc(&doc).unwrap();
    }
}

#[test]
fn a_plain_news_paragraph_is_coded_within_bounds() {
    let text = "ANKARA \u{2014} Turkish troops shelled Syrian army positions near Idlib on \
                Thursday, killing at least 12 soldiers. \u{201c}We will respond,\u{201d} \
                President Recep Tayyip Erdogan said.\n\nRussia condemned the attack.";
    let doc = code(text, Date::new(2020, 2, 27));
    check_doc(&doc).unwrap();
    assert!(doc.sentences.len() >= 3);
    // The properties above are only worth something if this kind of text reaches every stage.
    assert!(!doc.events.is_empty(), "no events");
    assert!(!doc.quotes.is_empty(), "no quotes");
    assert!(!doc.places.is_empty(), "no places");
    assert!(!doc.quantities.is_empty(), "no quantities");
}
