//! Each event's place, read through the parse: the place its own clause names, else its
//! sentence's, else the article's main place — on sentences written for these tests. Each case:
//! the text, the trigger word, and the place the event must carry (name, country, precision).

use flashpoint_core::doc::Precision::{self, Admin1, City, Country, Region};
use flashpoint_core::{Article, Pipeline};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(flashpoint_coder::standard)
}

type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Precision,
);

const CASES: &[Case] = &[
    // The object of a locating preposition under the event's verb, or under its object.
    (
        "Syrian government forces shelled villages in Idlib province on Monday, the Syrian Observatory said.",
        "shelled",
        "Idlib",
        "SYR",
        Admin1,
    ),
    // The attack's own clause, not the clause of the saying ("said in Ankara").
    (
        "Turkish President Recep Tayyip Erdogan said in Ankara on Tuesday that Russian jets had bombed Turkish troops near Saraqib.",
        "bombed",
        "Saraqib",
        "SYR",
        City,
    ),
    // "north of X".
    (
        "Israeli aircraft struck a Hamas compound 10 km north of Gaza City on Sunday, the army said.",
        "struck",
        "Gaza",
        "PSE",
        City,
    ),
    // The clause names a country; the speakers' town is not where the act happened.
    (
        "Officials in Kabul said Pakistani jets had bombed Taliban positions in Afghanistan.",
        "bombed",
        "Afghanistan",
        "AFG",
        Country,
    ),
    // A border valley is told in the country the sentence names.
    (
        "Indian and Chinese troops clashed in the Galwan Valley, officials in New Delhi said.",
        "clashed",
        "Galwan Valley",
        "IND",
        Region,
    ),
    // The most specific place of the phrase, told at the town that locates it.
    (
        "Kenyan police fired tear gas at protesters near the Kibera settlement in Nairobi on Tuesday.",
        "fired",
        "Kibera",
        "KEN",
        City,
    ),
    (
        "Russian and Ukrainian negotiators met in Istanbul on Tuesday.",
        "met",
        "Istanbul",
        "TUR",
        City,
    ),
    // No place in the sentence: the article's (its dateline).
    (
        "BAMAKO — Malian soldiers detained three French journalists on Friday.",
        "detained",
        "Bamako",
        "MLI",
        City,
    ),
];

#[test]
fn events_take_the_place_their_clause_names() {
    let mut failures = Vec::new();
    for &(text, trigger, name, country, precision) in CASES {
        let doc = pipeline().run(Article {
            text: text.to_string(),
            published: "2024-03-05".parse().ok(),
            ..Article::default()
        });
        let Some(e) = doc
            .events
            .iter()
            .find(|e| doc.slice(e.trigger).starts_with(trigger))
        else {
            failures.push(format!("no event on {trigger:?} in {text:?}"));
            continue;
        };
        let got = e.place.as_ref().map(|p| {
            let country = p
                .country
                .as_ref()
                .map_or("", flashpoint_core::Country::as_str);
            (p.name.as_str(), country, p.precision)
        });
        if got != Some((name, country, precision)) {
            failures.push(format!(
                "{text:?}: {got:?}, want {name} {country} {precision:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
