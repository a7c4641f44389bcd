//! Head counts: numbers, qualifiers and kinds over varied sentence forms.

use flashpoint_core::doc::{QuantityKind, QuantityKind::*};
use flashpoint_core::quantities::Quantities;
use flashpoint_core::segment::Segment;
use flashpoint_core::{Article, Doc, Stage};

fn doc(text: &str) -> Doc {
    let mut d = Doc::new(Article {
        id: "t".into(),
        text: text.into(),
        ..Article::default()
    });
    Segment.run(&mut d);
    d
}

fn found(text: &str) -> Vec<(QuantityKind, u64, Option<String>)> {
    let mut d = doc(text);
    Quantities.run(&mut d);
    d.quantities
        .iter()
        .map(|q| (q.kind, q.value, q.qualifier.clone()))
        .collect()
}

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
    let mut d = doc(&text);
    Quantities.run(&mut d);
    for q in &d.quantities {
        println!(
            "{:?} {} {:?} {:?} «{}»",
            q.kind,
            q.value,
            q.qualifier,
            q.unit,
            d.slice(q.span)
        );
    }
}
