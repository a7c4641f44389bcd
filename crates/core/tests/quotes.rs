//! Quote detection and speaker attribution over varied sentence forms.

use flashpoint_core::doc::{ActorCode, Mention, MentionKind};
use flashpoint_core::quotes::Quotes;
use flashpoint_core::segment::Segment;
use flashpoint_core::{Article, Doc, Span, Stage};

fn doc(text: &str) -> Doc {
    let mut d = Doc::new(Article {
        id: "t".into(),
        text: text.into(),
        ..Article::default()
    });
    Segment.run(&mut d);
    d
}

/// (quote text, speaker name) for each quote.
fn quotes_of(d: &mut Doc) -> Vec<(String, Option<String>)> {
    Quotes.run(d);
    d.quotes
        .iter()
        .map(|q| {
            (
                d.slice(q.span).to_string(),
                q.speaker.as_ref().and_then(|s| s.name.clone()),
            )
        })
        .collect()
}

fn quotes(text: &str) -> Vec<(String, Option<String>)> {
    quotes_of(&mut doc(text))
}

/// The seed article, from the shared corpus beside the workspace (or beside a worktree's parent).
fn seed() -> Option<String> {
    ["../../../shared/corpus", "../../../../shared/corpus"]
        .iter()
        .map(|d| format!("{}/{d}/seed-idlib-2020.txt", env!("CARGO_MANIFEST_DIR")))
        .find_map(|p| std::fs::read_to_string(p).ok())
}

#[test]
fn seed_article() {
    let Some(text) = seed() else {
        println!("seed article absent; skipped");
        return;
    };
    let got = quotes(&text);
    for q in &got {
        println!("{:?}", q);
    }
}
