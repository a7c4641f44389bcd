//! The tagger on spaCy's own tokens agrees with spaCy's tagger (`tag_model` of
//! `tests/data/spacy_reference.jsonl`, written by `scripts/make_nlp_reference.py`).

use flashpoint_nlp::features::{Features, TokenText};
use flashpoint_nlp::tagger::Tagger;
use flashpoint_nlp::tok2vec::Tok2Vec;
use flashpoint_nlp::ModelFile;
use serde_json::Value;

const REFERENCE: &str = include_str!("data/spacy_reference.jsonl");

/// A token of the reference: its text, trailing space, effective NORM and spaCy's model tag.
struct RefToken<'a> {
    token: TokenText<'a>,
    tag: &'a str,
}

fn tokens<'a>(doc: &'a Value) -> Vec<RefToken<'a>> {
    let text = doc["text"].as_str().expect("text");
    let list = doc["tokens"].as_array().expect("tokens");
    list.iter()
        .map(|t| {
            let start = t[0].as_u64().expect("start") as usize;
            let end = t[1].as_u64().expect("end") as usize;
            RefToken {
                token: TokenText {
                    text: &text[start..end],
                    space_after: t[2].as_bool().expect("space_after"),
                    norm: Some(t[3].as_str().expect("norm")),
                },
                tag: t[4].as_str().expect("tag_model"),
            }
        })
        .collect()
}

#[test]
fn tags_agree_with_spacy() {
    let model = ModelFile::parse(flashpoint_nlp::MODEL_BYTES).expect("model");
    let features = Features::load(&model).expect("features");
    let t2v = Tok2Vec::load(&model, "t2v").expect("tok2vec");
    let tagger = Tagger::load(&model).expect("tagger");
    let (mut same, mut total, mut docs, mut lexeme_norms_differ) = (0usize, 0usize, 0usize, 0usize);
    for line in REFERENCE.lines().filter(|l| !l.trim().is_empty()) {
        let doc: Value = serde_json::from_str(line).expect("json line");
        let toks = tokens(&doc);
        let input: Vec<TokenText> = toks.iter().map(|t| t.token).collect();
        let tags = tagger.predict(&t2v.forward(&features.extract(&input)));
        assert_eq!(tags.len(), toks.len());
        for (t, &tag) in toks.iter().zip(&tags) {
            total += 1;
            if tagger.label(tag) == t.tag {
                same += 1;
            } else {
                println!(
                    "{}: {:?} ours {} spaCy {}",
                    doc["id"],
                    t.token.text,
                    tagger.label(tag),
                    t.tag
                );
            }
            let lexeme = TokenText {
                norm: None,
                ..t.token
            };
            if features.norm_string(&lexeme) != t.token.norm.unwrap_or_default() {
                lexeme_norms_differ += 1;
            }
        }
        docs += 1;
    }
    let share = same as f64 / total.max(1) as f64;
    println!(
        "tagger agreement: {same}/{total} tokens = {:.4}% over {docs} texts",
        100.0 * share
    );
    println!("lexeme NORM differs from spaCy's effective NORM on {lexeme_norms_differ} tokens (tokenizer overrides)");
    assert!(docs >= 100, "reference has {docs} texts");
    assert!(share >= 0.999, "tag agreement {share:.5} under 99.9%");
}
