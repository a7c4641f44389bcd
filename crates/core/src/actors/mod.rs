//! The actor stage: finds who is named in each sentence and codes them CAMEO-style.
//!
//! `dictionary` loads the phrase data, `chunks` groups adjacent dictionary hits into mentions
//! ("Turkish President Recep Tayyip Erdogan" is one mention), `resolve` fills in what a mention does
//! not say itself (bare role nouns, "the regime", pronouns, surname re-mentions).

pub mod chunks;
pub mod dictionary;
pub mod resolve;

use crate::doc::Doc;
use crate::pipeline::Stage;
use dictionary::ActorDictionary;

pub struct Actors {
    dict: &'static ActorDictionary,
}

impl Actors {
    pub fn new(dict: &'static ActorDictionary) -> Actors {
        Actors { dict }
    }

    pub fn bundled() -> Actors {
        Actors::new(ActorDictionary::bundled())
    }
}

impl Stage for Actors {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn run(&self, doc: &mut Doc) {
        let mut found = Vec::new();
        for i in 0..doc.sentences.len() {
            found.extend(chunks::sentence_mentions(doc, i, self.dict));
        }
        doc.mentions = resolve::resolve(doc, found);
    }
}
