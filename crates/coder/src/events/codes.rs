//! The CAMEO codes the event rules name: the codes a rule gives an act outright, and the sets of
//! codes a rule treats alike. Everything else about a code (its root, whether it is violence, its
//! meaning) is asked of [`Cameo`] itself.

use crate::cameo::Cameo;

/// Readying force (150), what an intended attack is while it is only being prepared.
pub(super) const SHOW_OF_FORCE: Cameo = Cameo::of("150");
/// Military cooperation (062): exercises two countries hold together.
pub(super) const MILITARY_COOPERATION: Cameo = Cameo::of("062");
/// A threat not specified below (130): an ultimatum whose act has no threat code of its own.
pub(super) const THREATEN: Cameo = Cameo::of("130");
/// An accusation (112): an allegation that another party did a thing.
pub(super) const ACCUSE: Cameo = Cameo::of("112");
/// An accusation of war crimes (1124): genocide or mass killing said of another party.
pub(super) const ACCUSE_OF_WAR_CRIMES: Cameo = Cameo::of("1124");
/// A demand (100): a statement that another party must act.
pub(super) const DEMAND: Cameo = Cameo::of("100");
/// Disapproval (111): a condemning description or a feeling of outrage.
pub(super) const DISAPPROVE: Cameo = Cameo::of("111");
/// Praise (051): a praising description.
pub(super) const PRAISE: Cameo = Cameo::of("051");
/// A threat of protest (133), aimed at the government like protest itself.
pub(super) const THREATEN_PROTEST: Cameo = Cameo::of("133");

/// Acts done with someone rather than to them: consulting, phoning, meeting at a third place,
/// negotiating, signing an agreement.
pub(super) const RECIPROCAL: [Cameo; 5] = [
    Cameo::of("040"),
    Cameo::of("041"),
    Cameo::of("044"),
    Cameo::of("046"),
    Cameo::of("057"),
];

/// Fighting that is mutual between the parties of a compound subject.
pub(super) const MUTUAL_FIGHTING: [Cameo; 4] = [
    Cameo::of("190"),
    Cameo::of("193"),
    Cameo::of("194"),
    Cameo::of("196"),
];

/// Diplomacy that is mutual between them (with every refinement): cooperation, recognition, a
/// signed agreement.
pub(super) const MUTUAL_DIPLOMACY: [Cameo; 3] =
    [Cameo::of("050"), Cameo::of("054"), Cameo::of("057")];

/// A signed agreement (with its refinements): an act two parties do together.
pub(super) const SIGN_AGREEMENT: Cameo = Cameo::of("057");

/// Bare killings and attacks that a weapon named in their subject tells better.
pub(super) const BARE_KILLINGS: [Cameo; 3] =
    [Cameo::of("190"), Cameo::of("180"), Cameo::of("1823")];

/// Threats aimed at home, like the acts they threaten: protest (133), violent repression (137).
pub(super) const THREATS_AT_HOME: [Cameo; 2] = [THREATEN_PROTEST, Cameo::of("137")];

/// Intent to yield (035, with its refinements): a concession, aimed at home.
pub(super) const INTENT_TO_YIELD: Cameo = Cameo::of("035");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_code_is_in_the_codebook() {
        let single = [
            SHOW_OF_FORCE,
            MILITARY_COOPERATION,
            THREATEN,
            ACCUSE,
            ACCUSE_OF_WAR_CRIMES,
            DEMAND,
            DISAPPROVE,
            PRAISE,
            THREATEN_PROTEST,
            SIGN_AGREEMENT,
            INTENT_TO_YIELD,
        ];
        let sets = [
            &RECIPROCAL[..],
            &MUTUAL_FIGHTING,
            &MUTUAL_DIPLOMACY,
            &BARE_KILLINGS,
            &THREATS_AT_HOME,
        ];
        for code in single.iter().chain(sets.into_iter().flatten()) {
            assert!(code.entry().is_some(), "{code} is not in the codebook");
            assert_eq!(code.as_str().parse::<Cameo>().as_ref(), Ok(code));
        }
        assert_eq!(SHOW_OF_FORCE.root(), 15);
        assert_eq!(DEMAND.root(), 10);
        assert_eq!(
            DISAPPROVE.plover().map(|p| p.event.as_str()),
            Some("ACCUSE")
        );
    }
}
