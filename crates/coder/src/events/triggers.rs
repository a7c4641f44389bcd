//! Event triggers: the verb and noun patterns of `data/verbs/*.tsv` (format in
//! `data/verbs/README.md`), matched on a sentence's tokens as the tagger reads them: a pattern's
//! verb or head noun on the lemma of a token tagged as a verb or a noun (so every inflection, and
//! the noun/verb difference, come from the tagger), its other words on their form.

use crate::cameo::Cameo;
use crate::codebook::tsv_rows;
use crate::lexicon::lexicon;
use crate::lexicon::phrases::{self, key, Flags, Found, Phrases, Scratch, Slot};
use crate::span::Span;
use crate::tree::Tree;
use std::sync::OnceLock;

/// The bundled pattern files, one per CAMEO root.
const FILES: [(&str, &str); 21] = [
    (
        "00_non_events.tsv",
        include_str!("../../../../data/verbs/00_non_events.tsv"),
    ),
    (
        "01_statement.tsv",
        include_str!("../../../../data/verbs/01_statement.tsv"),
    ),
    (
        "02_appeal.tsv",
        include_str!("../../../../data/verbs/02_appeal.tsv"),
    ),
    (
        "03_intent.tsv",
        include_str!("../../../../data/verbs/03_intent.tsv"),
    ),
    (
        "04_consult.tsv",
        include_str!("../../../../data/verbs/04_consult.tsv"),
    ),
    (
        "05_diplomatic.tsv",
        include_str!("../../../../data/verbs/05_diplomatic.tsv"),
    ),
    (
        "06_material_coop.tsv",
        include_str!("../../../../data/verbs/06_material_coop.tsv"),
    ),
    (
        "07_aid.tsv",
        include_str!("../../../../data/verbs/07_aid.tsv"),
    ),
    (
        "08_yield.tsv",
        include_str!("../../../../data/verbs/08_yield.tsv"),
    ),
    (
        "09_investigate.tsv",
        include_str!("../../../../data/verbs/09_investigate.tsv"),
    ),
    (
        "10_demand.tsv",
        include_str!("../../../../data/verbs/10_demand.tsv"),
    ),
    (
        "11_disapprove.tsv",
        include_str!("../../../../data/verbs/11_disapprove.tsv"),
    ),
    (
        "12_reject.tsv",
        include_str!("../../../../data/verbs/12_reject.tsv"),
    ),
    (
        "13_threaten.tsv",
        include_str!("../../../../data/verbs/13_threaten.tsv"),
    ),
    (
        "14_protest.tsv",
        include_str!("../../../../data/verbs/14_protest.tsv"),
    ),
    (
        "15_force_posture.tsv",
        include_str!("../../../../data/verbs/15_force_posture.tsv"),
    ),
    (
        "16_reduce_relations.tsv",
        include_str!("../../../../data/verbs/16_reduce_relations.tsv"),
    ),
    (
        "17_coerce.tsv",
        include_str!("../../../../data/verbs/17_coerce.tsv"),
    ),
    (
        "18_assault.tsv",
        include_str!("../../../../data/verbs/18_assault.tsv"),
    ),
    (
        "19_fight.tsv",
        include_str!("../../../../data/verbs/19_fight.tsv"),
    ),
    (
        "20_mass_violence.tsv",
        include_str!("../../../../data/verbs/20_mass_violence.tsv"),
    ),
];

/// Words a nominal pattern ends with that are not its head noun ("attack on").
fn is_preposition(w: &str) -> bool {
    lexicon().clauses.pattern_prepositions.contains(w)
}

/// The tagger's word class of a token, as far as patterns ask: a verb pattern's verb is read as
/// a verb, or as a noun that heads its own phrase (the act told as a noun: "their demand",
/// "Russian bombs", which the coder reads as a nominal act); a noun pattern's noun as a noun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordClass {
    Verb,
    Noun,
    /// A noun that modifies another ("rescue services", "patrol boats"): it names a kind of
    /// thing, not an act, so no verb pattern matches it.
    Modifier,
    Other,
}

impl WordClass {
    /// The class of a token from its Penn Treebank tag and dependency label: `VB*` verbs
    /// (participles and gerunds included, as the tagger reads them in their sentence), `NN*`
    /// nouns.
    pub fn of(tag: &str, dep: &str) -> WordClass {
        if tag.starts_with("VB") {
            WordClass::Verb
        } else if tag.starts_with("NN") && dep == "compound" {
            WordClass::Modifier
        } else if tag.starts_with("NN") {
            WordClass::Noun
        } else {
            WordClass::Other
        }
    }

    fn is_noun(self) -> bool {
        matches!(self, WordClass::Noun | WordClass::Modifier)
    }
}

/// A sentence token as the patterns see it.
#[derive(Clone, Debug)]
pub struct Token<'a> {
    /// The lowercase form (`phrases::key`).
    pub key: &'a str,
    /// A word or number (skips and gaps never cross punctuation).
    pub is_word: bool,
    /// The tagger's lemma (lowercase) and class of this very token; `None` where the model has
    /// not read it, and then only the form is matched.
    pub reading: Option<(String, WordClass)>,
}

impl Token<'_> {
    fn for_matcher(&self) -> phrases::Token<'_, WordClass> {
        phrases::Token {
            form: self.key,
            reading: self.reading.as_ref().map(|(l, c)| (l.as_str(), *c)),
            flags: token_flags(self),
        }
    }
}

/// The tagger's lemma and word class of the core token at `span`, where the model's words cover
/// it exactly; else `None`, and the patterns match its form (the lemma of a word that straddles
/// the token is not the token's). A compound the model cuts at its hyphens ("re-opened",
/// "cease-fires") is inflected on its last word: its lemma is the words before as written and the
/// last word's lemma, its class the last word's. Lemmas the model misreads are fixed
/// (`data/lexicon/lemmas.tsv`).
pub fn reading(tree: &Tree, span: Span) -> Option<(String, WordClass)> {
    let words = tree.tokens_in(span.start, span.end);
    let last = words.end.checked_sub(1).filter(|&l| l >= words.start)?;
    if tree.span(words.start).start != span.start || tree.span(last).end != span.end {
        return None;
    }
    let class = WordClass::of(tree.tag(last), tree.dep(last));
    let lemma = tree.lemma(last);
    let fixes = &lexicon().lemma_fixes;
    let lemma = match class {
        WordClass::Verb => fixes.verb(&lemma),
        WordClass::Noun | WordClass::Modifier => fixes.noun(&lemma),
        WordClass::Other => &lemma,
    };
    let mut out: String = (words.start..last).map(|w| tree.lower(w)).collect();
    out.push_str(lemma);
    Some((key(&out).into_owned(), class))
}

/// How a pattern word is matched on a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    /// The form as written: prepositions, particles, fixed words.
    Form,
    /// A verb pattern's verb: the lemma of a token the tagger reads as a verb, or as a noun that
    /// heads its phrase (`WordClass`).
    Verb,
    /// The verb of a verb pattern with a gap (`pressure * to`, `accuse * of`): the gap is where
    /// the verb's object stands, which only a verb has, so the token must be read as a verb.
    VerbWithObject,
    /// A noun pattern's head noun: the lemma of a token the tagger reads as a noun.
    Noun,
    /// A verb pattern's closing object noun: its form as written, or the lemma of a noun (so the
    /// plural matches: "lift * embargo" covers "lifted the embargoes").
    Object,
    /// The first word of a non-event phrase: its form or lemma, whatever the tag, since it only
    /// keeps the triggers inside it from matching ("news conference", "'s support").
    Any,
}

/// Whether a token fits a pattern word of `kind`, given whether its form is the word and, where
/// the model read the token, whether its lemma is the word and its class. A head word written in
/// an inflected form (`forced * to`, `talks with`) is matched as written: its lemma is another
/// word, so the form is what the row asks for. Without a reading only the form is known.
fn fits(kind: Kind, form: bool, reading: Option<(bool, WordClass)>) -> bool {
    let Some((lemma, class)) = reading else {
        return form;
    };
    let verb = matches!(class, WordClass::Verb | WordClass::Noun);
    match kind {
        Kind::Form => form,
        Kind::Verb => (lemma && verb) || (form && !lemma),
        Kind::VerbWithObject => (lemma && class == WordClass::Verb) || (form && !lemma),
        Kind::Noun => (lemma && class.is_noun()) || (form && !lemma),
        Kind::Object => (lemma && class.is_noun()) || form,
        Kind::Any => lemma || form,
    }
}

/// How the trigger patterns are matched: head words on lemmas as `Kind` says, adverbs and
/// adjectives skipped between pattern words, objects in `*` gaps.
#[derive(Debug)]
struct Heads;

impl phrases::Rules for Heads {
    type How = Kind;
    type Class = WordClass;
    /// Up to this many unlisted words (adjectives, adverbs) may sit between two pattern words.
    const MAX_SKIP: usize = 2;
    /// Up to this many tokens may stand for a `*` in a pattern.
    const MAX_GAP: usize = 5;

    fn fits(how: Kind, form: bool, reading: Option<(bool, WordClass)>) -> bool {
        fits(how, form, reading)
    }

    /// Of two rows matching alike, the one that spells the sentence's word out wins
    /// (`probe * killings` over `probe * killing`).
    fn as_written(how: Kind) -> bool {
        how == Kind::Form
    }

    /// Before a preposition only time words and adverbs may be skipped ("demonstrated on
    /// Tuesday in"), so "stop in" does not match "stop its hostility in".
    fn tight(word: &str) -> bool {
        is_preposition(word)
    }
}

#[derive(Clone, Debug)]
pub struct Pattern {
    /// The act's code; `None` for a phrase that is not an event, which only keeps shorter
    /// triggers inside it from matching.
    pub code: Option<Cameo>,
    pub nominal: bool,
    /// The pattern as written, for diagnostics.
    pub text: Box<str>,
}

impl Pattern {
    /// A phrase that is not an event ("meet the deadline").
    pub fn is_stop(&self) -> bool {
        self.code.is_none()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct PatternError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// A pattern found in a sentence; token indices are relative to the sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub pattern: usize,
    pub start: usize,
    /// One past the last matched pattern word.
    pub end: usize,
    /// Token ranges that filled `*` gaps (where an object often stands: "called on Syria to").
    pub gaps: Vec<(usize, usize)>,
    pub literals: usize,
    pub skipped: usize,
}

#[derive(Debug, Default)]
pub struct Triggers {
    pub patterns: Vec<Pattern>,
    /// The patterns' words → the rows (indices into `patterns`) that list them; the first row
    /// listing a pattern is the one that matches.
    phrases: Phrases<usize, Heads>,
}

impl Triggers {
    pub fn bundled() -> &'static Triggers {
        static T: OnceLock<Triggers> = OnceLock::new();
        T.get_or_init(|| {
            let mut t = Triggers::default();
            for (name, src) in FILES {
                t.add_file(name, src).expect("bundled patterns are valid");
            }
            t
        })
    }

    pub fn add_file(&mut self, file: &str, src: &str) -> Result<(), PatternError> {
        for (line, f) in tsv_rows(src) {
            let err = |reason: String| PatternError {
                file: file.to_string(),
                line,
                reason,
            };
            let [code, kind, pattern, ..] = f[..] else {
                return Err(err(format!(
                    "expected code, kind, pattern; found {} fields",
                    f.len()
                )));
            };
            let code = row_code(code, kind).map_err(err)?;
            let texts = pattern_texts(pattern);
            let slots = pattern_slots(kind, &texts);
            if !matches!(slots.first(), Some(Slot::Word(..))) {
                return Err(err("a pattern must start with a word".into()));
            }
            self.phrases.insert(&slots, self.patterns.len());
            self.patterns.push(Pattern {
                code,
                nominal: kind == "n",
                text: pattern.into(),
            });
        }
        Ok(())
    }

    /// The best pattern starting at token `at` of a sentence.
    pub fn best_at(&self, tokens: &[Token], at: usize) -> Option<Match> {
        let sent = self.phrases.sentence(tokens.iter().map(Token::for_matcher));
        let found = self.phrases.best_at(&sent, at, &mut Scratch::default())?;
        Some(self.to_match(found))
    }

    /// A match of the engine as a match of the first row listing its pattern.
    fn to_match(&self, f: Found) -> Match {
        Match {
            pattern: self.phrases.values(f.phrase).first().copied().unwrap_or(0),
            start: f.start,
            end: f.end,
            gaps: f.gaps,
            literals: f.literals,
            skipped: f.skipped,
        }
    }

    /// Non-overlapping trigger matches in a sentence, left to right, longest first at each start.
    pub fn find(&self, tokens: &[Token]) -> Vec<Match> {
        let sent = self.phrases.sentence(tokens.iter().map(Token::for_matcher));
        let mut scratch = Scratch::default();
        let mut out: Vec<Match> = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            match self.phrases.best_at(&sent, at, &mut scratch) {
                Some(m) => {
                    // A literal word may not be reused, but a later pattern may start inside a gap.
                    let next = m.gaps.first().map_or(m.end, |g| g.0.max(at + 1));
                    out.push(self.to_match(m));
                    at = next;
                }
                None => at += 1,
            }
        }
        // Drop matches whose words fall inside an earlier match's literal words.
        let mut kept: Vec<Match> = Vec::new();
        for m in out {
            let inside = kept
                .iter()
                .any(|k| k.start <= m.start && m.start < k.end && !in_gap(k, m.start));
            if !inside {
                kept.push(m);
            }
        }
        kept
    }
}

/// A row's code. Kind `x` marks a phrase that is no event ("meet the deadline", "fight
/// inflation"): it matches like a verb pattern, so it outranks the shorter trigger inside it, and
/// codes nothing. Its code column is `-`.
fn row_code(code: &str, kind: &str) -> Result<Option<Cameo>, String> {
    let code = if kind == "x" {
        if code != "-" {
            return Err(format!("a kind x row has code \"-\", not {code:?}"));
        }
        None
    } else {
        Some(code.parse::<Cameo>().map_err(|e| e.to_string())?)
    };
    if !matches!(kind, "v" | "n" | "x") {
        return Err(format!("unknown kind {kind:?} (v, n or x)"));
    }
    Ok(code)
}

/// A row's words as keys, cut as the text is ("can't": "ca", "n't"), a hyphenated compound
/// whole as the sentence's words are ("cease-fire").
fn pattern_texts(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in pattern.split_whitespace() {
        let w = key(&w.to_lowercase()).into_owned();
        let spans = crate::segment::token_spans(&w);
        for piece in crate::segment::hyphen_words(&w, &spans) {
            out.push(
                spans[piece.start]
                    .cover(spans[piece.end - 1])
                    .of(&w)
                    .to_string(),
            );
        }
    }
    out
}

/// A row's words and how each is matched: a verb pattern's first word is its verb (read as a verb
/// only where the pattern has a gap for its object), a noun pattern's head is its last word that
/// is no preposition, and a verb pattern's closing object noun may stand in the plural. Every
/// other word is matched as written.
fn pattern_slots<'a>(kind: &str, texts: &'a [String]) -> Vec<Slot<'a, Kind>> {
    let head = match kind {
        "n" => texts.iter().rposition(|w| w != "*" && !is_preposition(w)),
        _ => Some(0),
    };
    let last = texts.len().saturating_sub(1);
    let has_gap = texts.iter().any(|w| w == "*");
    texts
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if w == "*" {
                return Slot::Gap;
            }
            let how = match kind {
                _ if Some(i) == head && kind == "x" => Kind::Any,
                _ if Some(i) == head && kind == "v" && has_gap => Kind::VerbWithObject,
                _ if Some(i) == head && kind == "v" => Kind::Verb,
                _ if Some(i) == head => Kind::Noun,
                "v" | "x" if i == last && is_object_noun(w) => Kind::Object,
                _ => Kind::Form,
            };
            Slot::Word(w, how)
        })
        .collect()
}

/// Whether a verb pattern's last word is an object noun that may stand in the plural
/// ("embargo", "settlement"): not a particle, pronoun or the like, nor a word written in the
/// plural already (a row that spells a plural out keeps it: `probe * killings`).
fn is_object_noun(w: &str) -> bool {
    w.len() >= 3
        && !is_preposition(w)
        && !lexicon().clauses.not_nouns.contains(w)
        && !w.ends_with('s')
        && !w.ends_with("ly")
        && w.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-')
}

fn in_gap(m: &Match, at: usize) -> bool {
    m.gaps.iter().any(|g| g.0 <= at && at < g.1)
}

/// What the matcher may do with a token, read from its form: skip a word, hold a word or a gap
/// mark in a gap, skip an adverbial before a preposition, stop at a barrier.
fn token_flags(t: &Token) -> Flags {
    let k = t.key;
    let mut f = Flags::NONE;
    if t.is_word {
        f = f | Flags::WORD;
        // A gap holds an object, never the start of a new clause ("stopped after midnight, but
        // that some shelling").
        if !opens_clause(k) {
            f = f | Flags::IN_GAP;
        }
    } else if is_gap_mark(k) {
        f = f | Flags::IN_GAP;
    }
    if is_adverbial(k) {
        f = f | Flags::ADVERBIAL;
    }
    if is_barrier(k) {
        f = f | Flags::BARRIER;
    }
    f
}

/// Time words and adverbs, which may stand anywhere in a verb phrase.
fn is_adverbial(w: &str) -> bool {
    w.ends_with("ly")
        || lexicon().calendar.weekdays.contains(w)
        || lexicon().clauses.adverbials.contains(w)
}

/// Marks a gap may hold beside words: possessives, hyphens, commas, currency and percent signs
/// ("pledged $100 million in aid").
fn is_gap_mark(k: &str) -> bool {
    matches!(k, "'s" | "'" | "-" | "," | "$" | "€" | "£" | "¥" | "%")
}

/// Words that open a new clause, which a `*` gap does not cross (coordination with "and" or
/// "or" it may: "accused Russia and Syria of").
fn opens_clause(w: &str) -> bool {
    lexicon().clauses.clause_openers.contains(w)
}

/// Words that end the reach of a skip: a new clause or coordination starts.
fn is_barrier(w: &str) -> bool {
    lexicon().clauses.skip_barriers.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Triggers {
        let mut t = Triggers::default();
        t.add_file(
            "t.tsv",
            "# code kind pattern\n120\tv\treject\n046\tv\thold talks with\n0233\tv\tcall on * to\n195\tn\tair strike\n190\tn\tattack on\n",
        )
        .unwrap();
        t
    }

    /// Tokens of a sentence written with spaces; `held/hold/v` is the form "held" the tagger read
    /// as the verb "hold" (`n` a noun, `m` a noun modifying a noun, `o` anything else), a bare word
    /// one the model did not read.
    fn toks(s: &str) -> Vec<Token<'_>> {
        s.split_whitespace()
            .map(|w| {
                let mut parts = w.split('/');
                let key = parts.next().unwrap_or("");
                let reading = parts.next().map(|lemma| {
                    let class = match parts.next() {
                        Some("v") => WordClass::Verb,
                        Some("n") => WordClass::Noun,
                        Some("m") => WordClass::Modifier,
                        _ => WordClass::Other,
                    };
                    (lemma.to_string(), class)
                });
                Token {
                    key,
                    is_word: key.chars().all(|c| c.is_alphanumeric() || c == '\''),
                    reading,
                }
            })
            .collect()
    }

    fn codes(t: &Triggers, s: &str) -> Vec<String> {
        t.find(&toks(s))
            .iter()
            .map(|m| {
                t.patterns[m.pattern]
                    .code
                    .map_or("-".into(), |c| c.to_string())
            })
            .collect()
    }

    #[test]
    fn heads_match_on_lemmas() {
        let t = tiny();
        assert_eq!(codes(&t, "ankara rejected/reject/v the offer"), ["120"]);
        assert_eq!(codes(&t, "ankara rejects/reject/v it"), ["120"]);
        assert_eq!(
            codes(&t, "they held/hold/v intense talks/talk/n with moscow"),
            ["046"]
        );
        assert_eq!(
            codes(&t, "heavy air strikes/strike/n hit the town"),
            ["195"]
        );
        assert_eq!(codes(&t, "an attack/attack/n on the posts"), ["190"]);
    }

    #[test]
    fn the_tag_tells_a_verb_from_a_noun() {
        let t = tiny();
        assert_eq!(codes(&t, "they reject/reject/v it"), ["120"]);
        // The act told as a noun is matched (and read as a nominal act); a noun that names a kind
        // of thing, or an adjective, is not.
        assert_eq!(codes(&t, "their reject/reject/n was firm"), ["120"]);
        assert!(codes(&t, "a reject/reject/m pile").is_empty());
        assert!(codes(&t, "the reject/reject/o one").is_empty());
        // A pattern with a gap for the verb's object asks for a verb.
        assert!(codes(&t, "their call/call/n on chad to stop").is_empty());
        assert_eq!(codes(&t, "they call/call/v on chad to stop"), ["0233"]);
        assert!(codes(&t, "they attack/attack/v on sunday").is_empty());
        assert!(codes(&t, "pilots air strike/strike/v grievances").is_empty());
    }

    #[test]
    fn without_a_reading_the_form_is_matched() {
        let t = tiny();
        assert!(codes(&t, "ankara rejected the offer").is_empty());
        assert_eq!(codes(&t, "they reject it"), ["120"]);
        assert_eq!(codes(&t, "an attack on the posts"), ["190"]);
    }

    #[test]
    fn inflected_pattern_words_match_as_written() {
        let mut t = Triggers::default();
        t.add_file("t.tsv", "170\tv\tforced * to\n").unwrap();
        assert_eq!(codes(&t, "they forced/force/v him to go"), ["170"]);
        assert!(codes(&t, "they force/force/v him to go").is_empty());
    }

    #[test]
    fn verb_objects_match_in_the_plural() {
        let mut t = Triggers::default();
        t.add_file(
            "t.tsv",
            "085\tv\tlift * embargo\n091\tv\tprobe * killing\n092\tv\tprobe * killings\n",
        )
        .unwrap();
        assert_eq!(
            codes(&t, "they lifted/lift/v the embargo/embargo/n"),
            ["085"]
        );
        assert_eq!(
            codes(&t, "they lifted/lift/v the embargoes/embargo/n"),
            ["085"]
        );
        // A row that spells the plural out keeps its own code.
        assert_eq!(
            codes(&t, "police probed/probe/v the killings/killing/n"),
            ["092"]
        );
        assert_eq!(
            codes(&t, "police probed/probe/v the killing/killing/n"),
            ["091"]
        );
    }

    #[test]
    fn equal_patterns_prefer_the_nearer_object() {
        let mut t = Triggers::default();
        t.add_file(
            "t.tsv",
            "-\tx\tlaunch * website\n176\tv\tlaunch * cyberattack\n",
        )
        .unwrap();
        assert_eq!(
            codes(
                &t,
                "hackers launched/launch/v a cyberattack on bank websites/website/n"
            ),
            ["176"]
        );
        let m = t.find(&toks("they launched/launch/v a new website/website/n"));
        assert!(t.patterns[m[0].pattern].is_stop());
    }

    #[test]
    fn gaps_hold_objects() {
        let t = tiny();
        let m = t.find(&toks("the council called/call/v on chad 's army to stop"));
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].gaps, vec![(4, 7)]);
    }

    #[test]
    fn skips_stop_at_clause_words() {
        let t = tiny();
        assert!(codes(&t, "they held/hold/v and talks with").is_empty());
    }

    #[test]
    fn gaps_do_not_cross_into_a_new_clause() {
        let t = tiny();
        assert_eq!(
            codes(&t, "the council called/call/v on chad and peru to stop"),
            ["0233"]
        );
        assert!(codes(
            &t,
            "the council called/call/v on chad , which refused to stop"
        )
        .is_empty());
    }

    /// Sentences built from the bundled patterns with words, skips, punctuation and barriers
    /// mixed in, their tokens read as verbs, nouns or neither, or not read at all: the indexed
    /// matcher gives exactly the reference matcher's best match at every start
    /// (`Phrases::naive_best_at`).
    #[test]
    fn compiled_matches_reference() {
        let t = Triggers::bundled();
        let variants: Vec<Vec<Slot<Kind>>> = (0..t.phrases.patterns())
            .map(|c| t.phrases.pattern(c))
            .collect();
        let fillers = [
            "the", "syria", "quickly", "on", "to", "and", ",", ".", "'s", "-", "with", "monday",
            "talks", "not", "that", "against", "forces", "again",
        ];
        let lemmas = ["talk", "force", "the", "attack", "strike"];
        let classes = [
            WordClass::Verb,
            WordClass::Noun,
            WordClass::Modifier,
            WordClass::Other,
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) as usize) % n
        };
        let mut matched = 0;
        for _ in 0..6000 {
            // (form, reading) of each token.
            let mut k: Vec<(String, Option<(String, WordClass)>)> = Vec::new();
            let filler = |k: &mut Vec<_>, next: &mut dyn FnMut(usize) -> usize| {
                let f = fillers[next(fillers.len())].to_string();
                let reading = match next(3) {
                    0 => None,
                    1 => Some((f.clone(), classes[next(classes.len())])),
                    _ => Some((
                        lemmas[next(lemmas.len())].to_string(),
                        classes[next(classes.len())],
                    )),
                };
                k.push((f, reading));
            };
            for _ in 0..1 + next(3) {
                for _ in 0..next(3) {
                    filler(&mut k, &mut next);
                }
                for w in &variants[next(variants.len())] {
                    match w {
                        Slot::Word(l, _) => {
                            let l = l.to_string();
                            let class = classes[next(classes.len())];
                            k.push(match next(4) {
                                0 => (l, None),
                                1 => (l.clone(), Some((l, class))),
                                // An inflected form of the word, as the tagger reads it.
                                2 => (format!("{l}ed"), Some((l, class))),
                                _ => (l, Some(("other".to_string(), class))),
                            });
                        }
                        Slot::Gap => {
                            for _ in 0..next(7) {
                                filler(&mut k, &mut next);
                            }
                        }
                    }
                    if next(4) == 0 {
                        filler(&mut k, &mut next);
                    }
                }
            }
            let toks: Vec<Token> = k
                .iter()
                .map(|(f, r)| Token {
                    key: f,
                    is_word: f.chars().all(|c| c.is_alphanumeric() || c == '\''),
                    reading: r.clone(),
                })
                .collect();
            let plain: Vec<phrases::Token<WordClass>> =
                toks.iter().map(Token::for_matcher).collect();
            for at in 0..toks.len() {
                let want = t.phrases.naive_best_at(&plain, at).map(|f| t.to_match(f));
                matched += usize::from(want.is_some());
                let words: Vec<&str> = toks.iter().map(|t| t.key).collect();
                assert_eq!(t.best_at(&toks, at), want, "{words:?} at {at}");
            }
        }
        assert!(matched > 3000, "{matched}");
    }

    #[test]
    fn non_events_outrank_the_trigger_inside_them() {
        let mut t = Triggers::default();
        t.add_file(
            "t.tsv",
            "040\tv\tmeet\n-\tx\tmeet * deadline\n051\tv\tsupport\n-\tx\t's support\n",
        )
        .unwrap();
        let m = t.find(&toks("they met/meet/v the deadline/deadline/n"));
        assert_eq!(m.len(), 1);
        assert!(t.patterns[m[0].pattern].is_stop());
        let m = t.find(&toks("they met/meet/v the envoy/envoy/n"));
        assert!(!t.patterns[m[0].pattern].is_stop());
        // A non-event's first word matches whatever the tag.
        let m = t.find(&toks("chad 's/'s/o support/support/n grew"));
        assert!(t.patterns[m[0].pattern].is_stop());
        assert!(
            t.add_file("t.tsv", "040\tx\tmeet * goal\n").is_err(),
            "a non-event has no code"
        );
    }

    /// The model's readings of invented sentences: a compound the model cuts at its hyphen takes
    /// its last word's lemma, a misread lemma is mapped back, a span that is part of a model word
    /// has no reading.
    #[test]
    fn readings_come_from_the_model() {
        use crate::pipeline::Stage;
        let text = "Police re-opened the road after farmers staged a march.";
        let mut doc = crate::doc::Doc::new(crate::article::Article {
            text: text.into(),
            ..Default::default()
        });
        crate::segment::SegmentWhole.run(&mut doc);
        crate::syntax::Syntax::bundled().run(&mut doc);
        let Some(ann) = doc.syntax.as_ref() else {
            eprintln!("no bundled model: skipped");
            return;
        };
        let tree = Tree::new(ann, &doc.lower);
        let read = |w: &str| {
            let start = text.find(w).unwrap_or(0);
            reading(&tree, Span::new(start, start + w.len()))
        };
        assert_eq!(
            read("re-opened"),
            Some(("re-open".to_string(), WordClass::Verb))
        );
        assert_eq!(read("staged"), Some(("stage".to_string(), WordClass::Verb)));
        assert_eq!(
            read("farmers"),
            Some(("farmer".to_string(), WordClass::Noun))
        );
        assert_eq!(read("stag"), None);
    }

    #[test]
    fn bad_rows_are_reported() {
        let mut t = Triggers::default();
        let e = t.add_file("x.tsv", "#\n12x\tv\treject\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("x.tsv", 2));
        assert!(t.add_file("x.tsv", "120\tq\treject\n").is_err());
        assert!(t.add_file("x.tsv", "120\tv\t* reject\n").is_err());
    }
}
