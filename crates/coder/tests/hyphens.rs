//! Hyphenated compounds, which the model's tokenizer cuts at their hyphens ("al-Assad" is "al",
//! "-", "Assad"): the readers that take a compound as one word still do. Invented sentences.

use flashpoint_core::doc::Doc;
use flashpoint_core::Article;
use std::sync::OnceLock;

fn coded(text: &str) -> Doc {
    static PIPELINE: OnceLock<flashpoint_core::Pipeline> = OnceLock::new();
    let pipeline = PIPELINE.get_or_init(flashpoint_coder::standard);
    pipeline.run(Article {
        id: "h".into(),
        text: text.into(),
        published: "2021-05-12".parse().ok(),
        ..Article::default()
    })
}

fn actor_texts(doc: &Doc) -> Vec<&str> {
    doc.mentions.iter().map(|m| doc.slice(m.span)).collect()
}

#[test]
fn a_part_of_a_compound_names_no_actor() {
    for (text, part) in [
        (
            "Pro-Russian separatists shelled the village of Oberdorf on Monday.",
            "Russian",
        ),
        (
            "Iran-backed militias attacked a convoy near the border on Sunday.",
            "Iran",
        ),
        (
            "Anti-government protesters marched through the capital on Saturday.",
            "government",
        ),
        (
            "A UN-backed court opened its first session in Brindle on Monday.",
            "UN",
        ),
        (
            "Turkish-backed fighters clashed near the Syrian-Turkish border.",
            "Turkish",
        ),
        (
            "Turkish-backed fighters clashed near the Syrian-Turkish border.",
            "Syrian",
        ),
    ] {
        let doc = coded(text);
        assert!(
            !actor_texts(&doc).contains(&part),
            "{part} in {:?}",
            actor_texts(&doc)
        );
    }
}

#[test]
fn a_leader_compound_names_its_leader() {
    let doc = coded("The Saudi-led coalition bombed rebel positions on Tuesday.");
    let leader = doc
        .mentions
        .iter()
        .find(|m| doc.slice(m.span) == "Saudi-led");
    let code = leader.and_then(|m| m.actor.code).map(|c| c.to_string());
    assert_eq!(code.as_deref(), Some("SAU"), "{:?}", actor_texts(&doc));
}

#[test]
fn names_run_across_hyphens_and_particles() {
    let doc = coded("Abdel Karim al-Masri met Jean-Pierre Lacroix in Geneva on Friday.");
    let texts = actor_texts(&doc);
    assert!(texts.contains(&"Abdel Karim al-Masri"), "{texts:?}");
    assert!(texts.contains(&"Jean-Pierre Lacroix"), "{texts:?}");
}

#[test]
fn a_part_of_a_compound_triggers_nothing() {
    let doc =
        coded("Troops began the long-threatened offensive on Monday, and a rebel-held town fell.");
    let triggers: Vec<&str> = doc.events.iter().map(|e| doc.slice(e.trigger)).collect();
    assert!(
        !triggers.iter().any(|t| matches!(*t, "threatened" | "held")),
        "{triggers:?}"
    );
}

#[test]
fn an_age_is_no_count() {
    let doc = coded("A two-year-old boy was among 12 people killed in the strike in mid-March.");
    let counts: Vec<u64> = doc.quantities.iter().map(|q| q.value).collect();
    assert_eq!(counts, [12]);
}
