//! Places: the GeoNames gazetteer and the stage that finds place names in the text.

mod cues;
pub mod gazetteer;
mod normalize;
pub mod places;
mod unknown;
mod words;

pub use gazetteer::{Entry, Gazetteer, Kind};
pub use normalize::loose_key;
pub use places::{find_places, focus_country, lookup_best, place_of, Places};
