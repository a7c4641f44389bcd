//! Places: the GeoNames gazetteer and the stage that finds place names in the text.

mod cues;
mod facilities;
pub mod gazetteer;
mod normalize;
pub mod places;
mod unknown;
mod words;

pub use gazetteer::{Entry, Gazetteer, Kind};
pub use normalize::loose_key;
pub use places::{find_places, focus_country, lookup_best, place_of, PlaceTrace, Places, Verdict};

/// Whether a preposition under an event's verb or noun says where it happened ("shelled X *in*
/// Y", "the attack *near* Z"): the `event_preposition` kind of `data/lexicon/places.tsv`.
pub fn is_event_preposition(word: &str) -> bool {
    cues::Cues::bundled()
        .words
        .event_prepositions
        .contains(word)
}

/// Whether a word names a direction ("north", "southern"): section `[directions]`.
pub fn is_direction(word: &str) -> bool {
    cues::Cues::bundled().words.directions.contains(word)
}
