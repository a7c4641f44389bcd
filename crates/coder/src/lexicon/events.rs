//! The word lists of the event stage: control words and the codes of acts they govern,
//! modality and clause words, judgements, the codes of acts by who does them, and ownership.

use super::reader::{plain, LexiconError, Row};
use super::words::{lexicon_file, value, FromKind, Value, WordSet};
use crate::cameo::Cameo;
use crate::events::modality::Class;
use crate::role::Role;
use std::collections::HashMap;

impl Value for Class {
    const EXPECTED: &'static str =
        "a control class (threat, intent, reject, negate, hypothetical, denied, aspect)";
    fn read(text: &'static str) -> Option<Self> {
        Some(match text {
            "threat" => Class::Threat,
            "intent" => Class::Intent,
            "reject" => Class::Reject,
            "negate" => Class::Negate,
            "hypothetical" => Class::Hypothetical,
            "denied" => Class::Denied,
            "aspect" => Class::Aspect,
            _ => return None,
        })
    }
}

/// Whether a control word governs only through "to" (`to`) or directly (`-`).
struct NeedsTo(bool);

impl Value for NeedsTo {
    const EXPECTED: &'static str = "\"to\" or \"-\"";
    fn read(text: &'static str) -> Option<Self> {
        match text {
            "to" => Some(NeedsTo(true)),
            "-" => Some(NeedsTo(false)),
            _ => None,
        }
    }
}

/// A word that governs a following act (`control_words.tsv`).
#[derive(Clone, Copy, Debug)]
pub struct ControlWord {
    /// A lemma (inflected by the reader) or a word as written.
    pub word: &'static str,
    pub class: Class,
    /// It governs only through "to" ("vowed to").
    pub needs_to: bool,
}

/// The control words in file order (an earlier word's forms win over a later one's).
#[derive(Debug)]
pub struct ControlWords(pub Vec<ControlWord>);

impl ControlWords {
    pub const FILE: &'static str = "control_words.tsv";
    pub const TEXT: &'static str = include_str!("../../../../data/lexicon/control_words.tsv");

    pub fn parse(text: &'static str) -> Result<ControlWords, LexiconError> {
        let t = plain(Self::FILE, text, 3, 1)?;
        let mut out = Vec::new();
        for r in t.rows("")? {
            out.push(ControlWord {
                word: r.cols[0],
                class: value(&t, r, 1)?,
                needs_to: value::<NeedsTo>(&t, r, 2)?.0,
            });
        }
        Ok(ControlWords(out))
    }
}

impl Value for Cameo {
    const EXPECTED: &'static str = "a CAMEO code of the codebook";
    fn read(text: &'static str) -> Option<Self> {
        text.parse().ok()
    }
}

impl Value for Role {
    const EXPECTED: &'static str = "a CAMEO actor role (GOV, MIL, OPP …)";
    fn read(text: &'static str) -> Option<Self> {
        text.parse().ok()
    }
}

/// A CAMEO code, or `-` for none.
struct MaybeCode(Option<Cameo>);

impl Value for MaybeCode {
    const EXPECTED: &'static str = "a CAMEO code of the codebook or \"-\"";
    fn read(text: &'static str) -> Option<Self> {
        if text == "-" {
            return Some(MaybeCode(None));
        }
        text.parse().ok().map(|c| MaybeCode(Some(c)))
    }
}

/// A CAMEO root written as its two-digit code ("04").
struct Root(u8);

impl Value for Root {
    const EXPECTED: &'static str = "a CAMEO root of two digits, 01 to 20";
    fn read(text: &'static str) -> Option<Self> {
        let code: Cameo = text.parse().ok()?;
        (text.len() == 2).then_some(Root(code.root()))
    }
}

/// By CAMEO root, the codes an act becomes when only intended, threatened or refused
/// (`act_modality_codes.tsv`); `None` keeps the act's own code.
#[derive(Debug)]
pub struct ActCodes(pub HashMap<u8, [Option<Cameo>; 3]>);

impl ActCodes {
    pub const FILE: &'static str = "act_modality_codes.tsv";
    pub const TEXT: &'static str = include_str!("../../../../data/lexicon/act_modality_codes.tsv");

    pub fn parse(text: &'static str) -> Result<ActCodes, LexiconError> {
        let t = plain(Self::FILE, text, 4, 1)?;
        let mut out = HashMap::new();
        for r in t.rows("")? {
            let code = |c| value::<MaybeCode>(&t, r, c).map(|m| m.0);
            out.insert(value::<Root>(&t, r, 0)?.0, [code(1)?, code(2)?, code(3)?]);
        }
        Ok(ActCodes(out))
    }
}

/// Rows of (code prefix, doer role, code) in file order (`doer_codes.tsv`): an act whose code
/// starts with the prefix, done by an actor of the role, takes the code; the first row wins.
#[derive(Debug)]
pub struct DoerCodes(pub Vec<(Cameo, Role, Cameo)>);

impl DoerCodes {
    pub const FILE: &'static str = "doer_codes.tsv";
    pub const TEXT: &'static str = include_str!("../../../../data/lexicon/doer_codes.tsv");

    pub fn parse(text: &'static str) -> Result<DoerCodes, LexiconError> {
        let t = plain(Self::FILE, text, 3, 2)?;
        let mut out = Vec::new();
        for r in t.rows("")? {
            out.push((value(&t, r, 0)?, value(&t, r, 1)?, value(&t, r, 2)?));
        }
        Ok(DoerCodes(out))
    }
}

/// Lemmas of verbs that tie a thing to its owner ("belonging to", "held by"): `ownership.txt`.
#[derive(Debug)]
pub struct Ownership(pub WordSet);

impl Ownership {
    pub const FILE: &'static str = "ownership.txt";
    pub const TEXT: &'static str = include_str!("../../../../data/lexicon/ownership.txt");

    pub fn parse(text: &'static str) -> Result<Ownership, LexiconError> {
        let t = plain(Self::FILE, text, 1, 1)?;
        let rows: &[Row] = t.rows("")?;
        Ok(Ownership(WordSet::from_rows(&t, rows)?))
    }
}

lexicon_file! {
    /// Words around a trigger that tell whether its act is done: read by `events::modality`.
    pub struct ModalityWords in "modality.tsv" {
        /// Words that negate an act as its determiner, adverb or preposition ("no", "never",
        /// "without"); the parser's `neg` dependents negate whatever their word.
        negations: WordSet = "negation",
        /// Modals that make a wish or offer after them hypothetical.
        modals: WordSet = "modal",
        /// Words that open a conditional clause.
        conditionals: WordSet = "conditional",
        /// Conditionals that name what the other side must do ("unless").
        ultimatums: WordSet = "ultimatum",
        /// Modals that, in a clause a verb of saying reports, tell an intention ("said it would").
        reported_futures: WordSet = "reported_future",
        /// Verbs (lemmas) whose act, or the act they govern, two parties do together ("agree").
        joint_controls: WordSet = "joint_control",
        /// Verbs (lemmas) of making ready: as a main verb, readying force shows it.
        preparations: WordSet = "preparation",
    }
}

lexicon_file! {
    /// Words of clause structure read by word order: `events::roles`, `events::targets`,
    /// `events::triggers`.
    pub struct ClauseWords in "clauses.tsv" {
        locative_preps: WordSet = "locative_prep",
        /// Subordinators that set a clause on an act apart: its places are not the act's target.
        place_clause_ends: WordSet = "place_clause_end",
        /// Prepositions whose object, a capital, names where something is, not an actor.
        place_preps: WordSet = "place_prep",
        /// Words a nominal pattern ends with that are not its head noun.
        pattern_prepositions: WordSet = "pattern_preposition",
        /// Last words of verb patterns that take no plural.
        not_nouns: WordSet = "not_noun",
        /// Time words and adverbs that may stand anywhere in a verb phrase.
        adverbials: WordSet = "adverbial",
        /// Words that open a new clause, which a pattern's gap does not cross.
        clause_openers: WordSet = "clause_opener",
        /// Words that end the reach of a skip.
        skip_barriers: WordSet = "skip_barrier",
    }
}

lexicon_file! {
    /// Words of reported speech on the dependency tree: read by `events::reports`.
    pub struct ReportWords in "reports.tsv" {
        /// Lemmas of verbs and nouns whose clause is a charge ("allege", "claim").
        alleging: WordSet = "alleging",
        /// Lemmas of verbs and nouns whose clause, or the claim they answer, is denied ("deny").
        denying: WordSet = "denying",
        /// Lemmas of verbs and nouns whose clause is wanted, not done ("demand", "hope").
        wanting: WordSet = "wanting",
        /// Lemmas of verbs whose clause is wanted when subjunctive ("insist").
        mandative: WordSet = "mandative",
        /// Lemmas of verbs and nouns whose clause is a demand on whom it names ("demand").
        demanding: WordSet = "demanding",
        /// Modals that make a reported clause what its subject must do ("must").
        obligation_modals: WordSet = "obligation_modal",
        /// Lemmas of verbs that with an infinitive do the same ("have to").
        obligation_verbs: WordSet = "obligation_verb",
        /// Conjunctions whose clause is a report as main as the one it joins ("while").
        contrast_marks: WordSet = "contrast_mark",
        /// Prepositions whose clause tells an act's background ("after crossing").
        background_preps: WordSet = "background_prep",
    }
}

lexicon_file! {
    /// Judgements one party passes on another: read by `events::judgements`.
    pub struct JudgementWords in "judgements.tsv" {
        /// Lemmas of verbs that give their object a description ("call", "describe").
        verbs: WordSet = "judging_verb",
        /// Words that condemn in a description.
        negative: WordSet = "negative",
        /// Words that praise in a description.
        positive: WordSet = "positive",
        /// Feelings of disapproval ("outraged").
        feelings: WordSet = "feeling",
        /// Prepositions whose object a feeling is about ("by", "over").
        feeling_preps: WordSet = "feeling_prep",
    }
}

lexicon_file! {
    /// How an act's parties hang on the dependency tree: read by `events::roles`.
    pub struct RoleWords in "roles.tsv" {
        /// Prepositions whose object an act is aimed at ("fired at", "talks with").
        target_preps: WordSet = "target_prep",
        /// Prepositions whose object does a nominal act ("strikes by").
        source_preps: WordSet = "source_prep",
        /// Lemmas of verbs whose object names the act their subject does ("launch").
        light_verbs: WordSet = "light_verb",
        /// Lemmas of nouns naming part of a group ("leader", "thousand").
        partitives: WordSet = "partitive",
        /// Determiners that make a nominal act no particular one ("any", "no").
        nonspecific: WordSet = "nonspecific_det",
        /// Adverbs of habit.
        habitual: WordSet = "habitual_adv",
        /// Nouns of a span of time that, after "for", make an act a lasting state ("for years").
        durative: WordSet = "durative_noun",
        /// Determiners that make a noun refer back to an act told before.
        referring: WordSet = "referring_det",
        /// Nouns that name the latest deed of another party ("the move").
        deed_nouns: WordSet = "deed_noun",
        /// Nouns for a crowd of unnamed people ("people").
        crowd_nouns: WordSet = "crowd_noun",
        /// Pronouns that do so ("it", "this").
        deed_pronouns: WordSet = "deed_pronoun",
        /// Nouns for "both sides".
        sides_nouns: WordSet = "sides_noun",
        /// Determiners of those nouns ("both", "all").
        sides_dets: WordSet = "sides_det",
        /// Objects that keep an act of several parties mutual ("fire").
        mutual_objects: WordSet = "mutual_object",
        /// Nouns that name the other party even after a possessive ("his counterpart").
        relational_nouns: WordSet = "relational_noun",
        /// Words of a military exercise ("drills").
        drill_nouns: WordSet = "drill_noun",
        /// Lemmas of verbs whose clause is what is asked for ("urge X to").
        request_verbs: WordSet = "request_verb",
        /// Lemmas of nouns for a text that acts for whoever issued it ("resolution").
        document_nouns: WordSet = "document_noun",
        /// Lemmas of verbs by which one issues a text ("adopt", "issue").
        issue_verbs: WordSet = "issue_verb",
        /// Participles that after "be" tell the subject's stance, not a passive act ("opposed").
        stance_participles: WordSet = "stance_participle",
        /// Participles whose "by" phrase names a group's leader ("led").
        leading_participles: WordSet = "leading_participle",
        /// Words by which a subject undergoes an act another does ("under", "face").
        suffering_words: WordSet = "suffering_word",
        /// Prepositions after which a complaint names whom it is about ("over").
        complaint_preps: WordSet = "complaint_prep",
        /// Two-word reciprocal pronouns ("each other").
        reciprocal_pronouns: WordSet = "reciprocal_pronoun",
        /// Prepositions of the means by which the subject acts ("through").
        means_preps: WordSet = "means_prep",
        /// Prepositions whose object is what a death or killing came from ("killed by a bomb",
        /// "died in an explosion").
        means_of_death: WordSet = "death_means_prep",
        /// Prepositions of the form the subject acts in ("in protest").
        manner_preps: WordSet = "manner_prep",
        /// Lemmas of verbs whose subject undergoes its setting ("die").
        undergoing_verbs: WordSet = "undergoing_verb",
        /// Prepositions that open a sentence with the setting of its act ("following").
        fronting: WordSet = "fronting_prep",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Reason;

    #[test]
    fn control_words_keep_file_order_and_check_columns() {
        let c = ControlWords::parse("# h\nwarn\tthreat\t-\nvow\tintent\tto\n").unwrap();
        assert_eq!(c.0[1].word, "vow");
        assert!(c.0[1].needs_to && !c.0[0].needs_to);
        assert_eq!(c.0[0].class, Class::Threat);
        let e = ControlWords::parse("vow\tpromise\tto\n").unwrap_err();
        assert!(matches!(e.reason, Reason::BadValue { .. }), "{e}");
        let e = ControlWords::parse("vow\tintent\tinto\n").unwrap_err();
        assert!(matches!(e.reason, Reason::BadValue { .. }), "{e}");
    }

    #[test]
    fn act_codes_and_doer_codes_are_checked() {
        let a = ActCodes::parse("04\t036\t130\t-\n").unwrap();
        let c = Cameo::of;
        assert_eq!(a.0[&4], [Some(c("036")), Some(c("130")), None]);
        assert!(ActCodes::parse("04\t036\t130\n").is_err());
        assert!(ActCodes::parse("04\t036\tsoon\t-\n").is_err());
        // A root is two digits; a code the codebook lacks is named with its line.
        assert!(ActCodes::parse("040\t036\t130\t-\n").is_err());
        let e = ActCodes::parse("# h\n04\t036\t130\t-\n05\t059\t130\t-\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.to_string().contains("059"), "{e}");
        let d = DoerCodes::parse("190\tOPP\t145\n190\tCVL\t145\n").unwrap();
        assert_eq!(d.0.len(), 2);
        assert_eq!(d.0[0], (c("190"), Role::Opp, c("145")));
        let e = DoerCodes::parse("190\tOPP\t145\n19x\tCVL\t145\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.to_string().contains("19x"), "{e}");
        // A role that is not a CAMEO role is named with its file and line.
        let e = DoerCodes::parse("190\tOPP\t145\n190\tMOB\t145\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("doer_codes.tsv", 2), "{e}");
        assert!(e.to_string().contains("MOB"), "{e}");
        let e = DoerCodes::parse("190\tOPP\t145\n190\tOPP\t180\n").unwrap_err();
        assert!(
            matches!(e.reason, Reason::Duplicate { first: 1, .. }),
            "{e}"
        );
    }
}
