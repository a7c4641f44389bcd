//! The lexicon files made of word sets and word maps only, each declared once: its struct, the
//! kinds it holds and who reads it. The file headers say what each kind means.

use super::quotes::Gender;
use super::reader::{read, Kind, Layout, LexiconError, Reason};
use super::words::{lexicon_file, FromKind, Value, WordMap, WordSet};
use crate::actors::chunks::{BodyKinds, Pronoun};

lexicon_file! {
    /// How text is laid out in sentences: read by `segment`.
    pub struct Writing in "writing.tsv" {
        /// Words that commonly open a sentence (capitalised).
        starters: WordSet = "starter",
        /// Inflected verbs of saying that mark a speaker after a quote.
        speech_verbs: WordSet = "speech_verb",
        /// Lower-case words that cannot end a line of running text.
        continuations: WordSet = "continuation",
    }
}

lexicon_file! {
    /// Month and weekday names, lower case, in calendar order.
    pub struct Calendar in "calendar.tsv" {
        /// January first.
        months: WordSet = "month",
        /// Monday first (the order of `Date::weekday`).
        weekdays: WordSet = "weekday",
        /// Words and phrases that date relative to the publication date ("yesterday", "last year").
        shifts: WordMap<Shift> = "shift",
        /// Words that make a sentence tell what will happen.
        future: WordSet = "future",
        /// Words before a bare year that make it a date ("in 1921").
        year_preps: WordSet = "year_prep",
        /// Letters after a day's number ("27th"), trimmed in file order.
        ordinal_suffixes: WordSet = "ordinal_suffix",
    }
}

/// How far a relative date word lies from the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    /// That many days (a day's precision).
    Days(i64),
    /// That many years (the year's 1 January, a year's precision).
    Years(i32),
}

impl Value for Shift {
    const EXPECTED: &'static str = "a shift in days or years (\"-1d\", \"+1y\")";
    fn read(text: &'static str) -> Option<Self> {
        if let Some(n) = text.strip_suffix('d') {
            return n.parse().ok().map(Shift::Days);
        }
        text.strip_suffix('y')?.parse().ok().map(Shift::Years)
    }
}

impl Calendar {
    /// The months and weekdays are all there: dates are computed from their positions.
    pub(super) fn check(&self) -> Result<(), LexiconError> {
        for (what, n, want) in [
            ("months", self.months.len(), 12),
            ("weekdays", self.weekdays.len(), 7),
        ] {
            if n != want {
                return Err(LexiconError {
                    file: Self::FILE.into(),
                    line: 0,
                    reason: Reason::Count(format!("{want} {what} expected, found {n}")),
                });
            }
        }
        Ok(())
    }
}

impl Value for Pronoun {
    const EXPECTED: &'static str = "a pronoun class (person, masc, fem, plural, thing, first)";
    fn read(text: &'static str) -> Option<Self> {
        Some(match text {
            "person" => Pronoun::Person(None),
            "masc" => Pronoun::Person(Some(Gender::Masc)),
            "fem" => Pronoun::Person(Some(Gender::Fem)),
            "plural" => Pronoun::Plural,
            "thing" => Pronoun::Thing,
            "first" => Pronoun::First,
            _ => return None,
        })
    }
}

lexicon_file! {
    /// What tells a person's gender, for "he"/"she": read by `actors::resolve`.
    pub struct Persons in "persons.tsv" {
        /// Given names and the gender they are usually given to.
        given_names: WordMap<Gender> = "given_name",
        /// Nouns of kinship, title or role that tell a gender ("mother", "spokeswoman").
        gender_nouns: WordMap<Gender> = "gender_noun",
    }
}

lexicon_file! {
    /// How mentions of actors are found and told apart: read by `actors`.
    pub struct Mentions in "mentions.tsv" {
        /// Capitalised words that do not start a name.
        not_names: WordSet = "not_name",
        /// Capitalised adjectives of religions and peoples spread over many countries.
        group_adjectives: WordSet = "group_adjective",
        /// Lower-case particles that may sit inside a name ("bin", "van").
        name_particles: WordSet = "name_particle",
        /// Tails of compound adjectives ("-based", "-run"): the word is no name.
        compound_tails: WordSet = "compound_tail",
        /// Suffixes that make a country word name the leader or owner ("-led", "-flagged").
        leader_suffixes: WordSet = "leader_suffix",
        pronouns: WordMap<Pronoun> = "pronoun",
        /// Nouns that make a capital before them a modifier ("the Vienna talks").
        modifier_nouns: WordSet = "modifier_noun",
        /// Words before a title saying the office is lost or passing ("former").
        title_modifiers: WordSet = "title_modifier",
        /// Words of direction before a place name ("eastern").
        directions: WordSet = "direction",
        /// Prepositions after which a bare place name is a location.
        locative_preps: WordSet = "locative_prep",
        /// Prepositions after which a country says whose the noun before is ("of", "from").
        owner_preps: WordSet = "owner_prep",
        /// Words that may stand between such a preposition and the country ("two").
        quantifiers: WordSet = "quantifier",
        /// Possessive determiners ("its").
        possessives: WordSet = "possessive",
        /// Words that cannot modify a noun between a national word and a role noun.
        function_words: WordSet = "function_word",
        /// Nouns (as written) naming part of a group ("members", "thousands").
        partitives: WordSet = "partitive",
        /// Prepositions whose object a mention is.
        governing_preps: WordSet = "governing_prep",
        /// Determiners by which a text noun points back ("the statement", "this letter").
        text_determiners: WordSet = "text_determiner",
        /// Words after "it" that make it a subject.
        subject_followers: WordSet = "subject_follower",
        /// Words after "it is"/"it was" that make "it" announce what follows.
        dummy_it_followers: WordSet = "dummy_it_follower",
        /// Relative pronouns.
        relatives: WordSet = "relative",
        /// Words that end a noun phrase, for appositions.
        apposition_barriers: WordSet = "apposition_barrier",
        /// Prefixes that make a place a cause ("pro-").
        cause_prefixes: WordSet = "cause_prefix",
        /// Last words of the name of a state body, with its role ("Committee", "Command").
        institution_heads: WordMap<crate::role::Role> = "institution_head",
        /// First words of a name that make a body international ("International", "World").
        international_words: WordSet = "international_word",
    }
}

/// What an abbreviation tells about the word after it (see `data/lexicon/abbreviations.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Comes before a name ("Gen."): never ends a sentence.
    Title,
    /// A month ("Jan."): no break before a number.
    Month,
    /// Comes before a number ("No."): no break before a number.
    Number,
    /// Only used mid-sentence ("e.g."): never ends a sentence.
    Inner,
    /// May end a sentence ("U.S.", "etc."): breaks before a common sentence starter.
    Any,
}

impl Value for AbbrevKind {
    const EXPECTED: &'static str = "an abbreviation kind (title, month, number, inner, any)";
    fn read(text: &'static str) -> Option<Self> {
        Some(match text {
            "title" => AbbrevKind::Title,
            "month" => AbbrevKind::Month,
            "number" => AbbrevKind::Number,
            "inner" => AbbrevKind::Inner,
            "any" => AbbrevKind::Any,
            _ => return None,
        })
    }
}

/// Abbreviations that end in a dot, written as in text (case matters), with their kind: read by
/// `segment`, `tokens` and `casing`.
#[derive(Debug)]
pub struct Abbreviations {
    pub kinds: WordMap<AbbrevKind>,
}

impl Abbreviations {
    pub const FILE: &'static str = "abbreviations.txt";
    pub const TEXT: &'static str = include_str!("../../../../data/lexicon/abbreviations.txt");

    pub fn parse(text: &'static str) -> Result<Abbreviations, LexiconError> {
        let kind = Kind::of::<WordMap<AbbrevKind>>("");
        let t = read(Self::FILE, text, Layout::Plain(kind))?;
        Ok(Abbreviations {
            kinds: WordMap::build(&t, "")?,
        })
    }
}

/// Nouns that, after "the" and with no "of" after them, name an organisation the story has named
/// ("the alliance"), with the kinds of organisation each can name: read by `actors`.
#[derive(Debug)]
pub struct DefiniteBodies(pub WordMap<BodyKinds>);

impl DefiniteBodies {
    pub const FILE: &'static str = "definite_bodies.tsv";
    pub const TEXT: &'static str = include_str!("../../../../data/lexicon/definite_bodies.tsv");

    pub fn parse(text: &'static str) -> Result<DefiniteBodies, LexiconError> {
        let t = super::reader::plain(Self::FILE, text, 2, 1)?;
        Ok(DefiniteBodies(WordMap::build(&t, "")?))
    }
}

lexicon_file! {
    /// The words around place names and the common words that are seldom places: read by `geo`.
    pub struct PlaceWords in "places.tsv" {
        /// Lower-case words inside a multiword name ("al", "and").
        connectors: WordSet = "connector",
        /// Articles that open a name when hyphenated to it ("al-").
        article_starts: WordSet = "article_start",
        /// Words before a name that mark it as a place.
        prepositions: WordSet = "preposition",
        /// Words after an unknown place that lead to the known one locating it.
        locating: WordSet = "locating",
        /// Verbs between a place and its locating word ("lies in").
        locating_verbs: WordSet = "locating_verb",
        /// Units of a distance before a direction ("20 km north of").
        distance_units: WordSet = "distance_unit",
        /// "X and neighbouring Y".
        neighbour_words: WordSet = "neighbour_word",
        /// "the capital's X": a part of the story's town.
        story_town_words: WordSet = "story_town_word",
        /// Prepositions under an event whose object is where it happened.
        event_prepositions: WordSet = "event_preposition",
        /// Heads of "<head> of X": directions and kinds of place.
        of_heads: WordSet = "of_head",
        /// First- or second-level divisions after a name or in "the <word> of X".
        region_words: WordSet = "region_word",
        /// Plurals of the region words.
        region_plurals: WordSet = "region_plural",
        /// Nouns of a town.
        town_words: WordSet = "town_word",
        /// Historical or local divisions that follow a town's name.
        divisions: WordSet = "division",
        /// Nouns after a name that make it an institution's, not a place.
        institutions: WordSet = "institution",
        /// Titles before a person's name.
        titles: WordSet = "title",
        /// Directions that name a part of a place.
        directions: WordSet = "direction",
        /// Words after a name that say its kind → the kind.
        features: WordMap<&'static str> = "feature",
        /// Capitalised last words of a name → its kind ("Valley").
        feature_names: WordMap<&'static str> = "feature_name",
        /// Capitalised first words of a name → its kind ("Lake").
        feature_starts: WordMap<&'static str> = "feature_start",
        /// Nouns of a facility named without a name of its own → its kind.
        facility_nouns: WordMap<&'static str> = "facility_noun",
        /// Capitalised words that are also place names but seldom places in news: they need a cue.
        common_names: WordSet = "common_name",
        /// Words that are never places, even after "in".
        never_places: WordSet = "never_place",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_counts_are_checked() {
        let short = "month\tjanuary\nweekday\tmonday\n";
        let e = Calendar::parse(short).and_then(|c| c.check()).unwrap_err();
        assert!(matches!(e.reason, Reason::Count(_)), "{e}");
    }

    #[test]
    fn abbreviation_kinds_are_checked() {
        let a = Abbreviations::parse("# h\nGen.\ttitle\n").unwrap();
        assert_eq!(a.kinds.get("Gen."), Some(&AbbrevKind::Title));
        let e = Abbreviations::parse("Gen.\tgeneral\n").unwrap_err();
        assert!(matches!(e.reason, Reason::BadValue { .. }), "{e}");
        let e = Abbreviations::parse("Gen.\ttitle\nGen.\tany\n").unwrap_err();
        assert!(
            matches!(e.reason, Reason::Duplicate { first: 1, .. }),
            "{e}"
        );
    }

    #[test]
    fn body_kinds_are_checked() {
        let b = DefiniteBodies::parse("union\tigo,labour\n").unwrap();
        let kinds = b.0.get("union").copied().unwrap();
        assert!(kinds.has(BodyKinds::IGO) && kinds.has(BodyKinds::LABOUR));
        assert!(!kinds.has(BodyKinds::ARMED));
        let e = DefiniteBodies::parse("union\tigo,labor\n").unwrap_err();
        assert!(matches!(e.reason, Reason::BadValue { .. }), "{e}");
    }
}
