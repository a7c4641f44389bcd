//! Event triggers: the verb and noun patterns of `data/verbs/*.tsv` (format in
//! `data/verbs/README.md`), matched on a sentence's tokens as the tagger reads them: a pattern's
//! verb or head noun on the lemma of a token tagged as a verb or a noun (so every inflection, and
//! the noun/verb difference, come from the tagger), its other words on their form.

use crate::cameo::Cameo;
use crate::codebook::tsv_rows;
use crate::lexicon::lexicon;
use crate::lexicon::trie::key;
use crate::span::Span;
use crate::tree::Tree;
use std::collections::HashMap;
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

/// Up to this many tokens may stand for a `*` in a pattern.
const MAX_GAP: usize = 5;
/// Up to this many unlisted words (adjectives, adverbs) may sit between two pattern words.
const MAX_SKIP: usize = 2;

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
    /// The lowercase form (`trie::key`).
    pub key: &'a str,
    /// A word or number (skips and gaps never cross punctuation).
    pub is_word: bool,
    /// The tagger's lemma (lowercase) and class of this very token; `None` where the model has
    /// not read it, and then only the form is matched.
    pub reading: Option<(String, WordClass)>,
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

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Word {
    Lit(Box<str>, Kind),
    Gap,
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
    /// First word → (pattern, its words).
    by_first: ByFirst,
    /// `by_first` compiled to word ids for matching; rebuilt after `add_file`.
    compiled: OnceLock<Compiled>,
}

impl Triggers {
    pub fn bundled() -> &'static Triggers {
        static T: OnceLock<Triggers> = OnceLock::new();
        T.get_or_init(|| {
            let mut t = Triggers::default();
            for (name, src) in FILES {
                t.add_file(name, src).expect("bundled patterns are valid");
            }
            t.compiled();
            t
        })
    }

    pub fn add_file(&mut self, file: &str, src: &str) -> Result<(), PatternError> {
        self.compiled = OnceLock::new();
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
            // Kind `x` marks a phrase that is no event ("meet the deadline", "fight inflation"): it
            // matches like a verb pattern, so it outranks the shorter trigger inside it, and codes
            // nothing. Its code column is `-`.
            let code = if kind == "x" {
                if code != "-" {
                    return Err(err(format!("a kind x row has code \"-\", not {code:?}")));
                }
                None
            } else {
                Some(code.parse::<Cameo>().map_err(|e| err(e.to_string()))?)
            };
            if !matches!(kind, "v" | "n" | "x") {
                return Err(err(format!("unknown kind {kind:?} (v, n or x)")));
            }
            let words = pattern_words(kind, pattern);
            if !matches!(words.first(), Some(Word::Lit(..))) {
                return Err(err("a pattern must start with a word".into()));
            }
            let id = self.patterns.len();
            self.patterns.push(Pattern {
                code,
                nominal: kind == "n",
                text: pattern.into(),
            });
            let Some(Word::Lit(first, _)) = words.first().cloned() else {
                continue;
            };
            let entry = self.by_first.entry(first).or_default();
            let listed = entry
                .iter()
                .any(|(p, w)| self.patterns[*p].code == self.patterns[id].code && *w == words);
            if !listed {
                entry.push((id, words));
            }
        }
        Ok(())
    }

    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| Compiled::new(&self.by_first))
    }

    /// The best pattern starting at token `at` of a sentence.
    pub fn best_at(&self, tokens: &[Token], at: usize) -> Option<Match> {
        tokens.get(at)?;
        let c = self.compiled();
        let sent = c.sentence(tokens);
        c.best_at(&sent, at, &mut Scratch::default())
    }

    /// Non-overlapping trigger matches in a sentence, left to right, longest first at each start.
    pub fn find(&self, tokens: &[Token]) -> Vec<Match> {
        let c = self.compiled();
        let sent = c.sentence(tokens);
        let mut scratch = Scratch::default();
        let mut out: Vec<Match> = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            match c.best_at(&sent, at, &mut scratch) {
                Some(m) => {
                    // A literal word may not be reused, but a later pattern may start inside a gap.
                    let next = m.gaps.first().map_or(m.end, |g| g.0.max(at + 1));
                    out.push(m);
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

/// A row's words and how each is matched: a verb pattern's first word is its verb (read as a verb
/// only where the pattern has a gap for its object), a noun pattern's head is its last word that
/// is no preposition, and a verb pattern's closing object noun may stand in the plural. Every
/// other word is matched as written.
fn pattern_words(kind: &str, pattern: &str) -> Vec<Word> {
    let texts: Vec<String> = pattern
        .split_whitespace()
        .map(|w| key(&w.to_lowercase()).into_owned())
        .collect();
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
                return Word::Gap;
            }
            let how = match kind {
                _ if Some(i) == head && kind == "x" => Kind::Any,
                _ if Some(i) == head && kind == "v" && has_gap => Kind::VerbWithObject,
                _ if Some(i) == head && kind == "v" => Kind::Verb,
                _ if Some(i) == head => Kind::Noun,
                "v" | "x" if i == last && is_object_noun(w) => Kind::Object,
                _ => Kind::Form,
            };
            Word::Lit(w.as_str().into(), how)
        })
        .collect()
}

/// First word → (pattern, its words).
type ByFirst = HashMap<Box<str>, Vec<(usize, Vec<Word>)>>;

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

/// A `*` in a compiled pattern.
const GAP: u32 = u32::MAX;
/// A sentence token that is no pattern word.
const UNKNOWN: u32 = u32::MAX - 1;

/// A compiled pattern word: its text's id (or `GAP`) and how it is matched.
#[derive(Clone, Copy, Debug)]
struct Slot {
    id: u32,
    kind: Kind,
}

/// One pattern, its words in `Compiled::words`.
#[derive(Debug)]
struct Candidate {
    pattern: usize,
    /// How its first word is matched.
    first: Kind,
    /// Range of its words after the first in `Compiled::words`.
    rest: (u32, u32),
    literals: usize,
    /// Words matched as written only: of two rows matching alike, the one that spells the
    /// sentence's word out wins (`probe * killings` over `probe * killing`).
    forms: usize,
    /// The `Mask` of its literals after the first.
    needs: Mask,
}

impl Candidate {
    /// Matching order: most literals first (the search stops once no candidate can win), then
    /// most words as written, then the first listed.
    fn order(&self) -> (std::cmp::Reverse<usize>, std::cmp::Reverse<usize>, usize) {
        use std::cmp::Reverse;
        (Reverse(self.literals), Reverse(self.forms), self.pattern)
    }
}

/// A 256-bit set of word ids (modulo 256): a cheap test that a candidate's words may all be in a
/// sentence before searching for them.
#[derive(Clone, Copy, Debug, Default)]
struct Mask([u64; 4]);

impl Mask {
    fn add(&mut self, id: u32) {
        self.0[(id as usize >> 6) & 3] |= 1 << (id & 63);
    }

    fn within(&self, other: &Mask) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & !b == 0)
    }
}

/// The candidates sharing a first word, in matching order.
#[derive(Debug, Default)]
struct FirstWord {
    /// Candidates (indices into `Compiled::candidates`) whose second word is a gap or that have
    /// none: they are tried at every start.
    open: Vec<u32>,
    /// Second literal word → candidates that need it within reach.
    by_second: HashMap<u32, Vec<u32>, FxBuild>,
}

/// The patterns as word ids: literal comparison becomes an integer test, and a second-word index
/// leaves only the few candidates whose second word stands within reach of the first.
#[derive(Debug, Default)]
struct Compiled {
    ids: HashMap<Box<str>, u32, FxBuild>,
    /// Per word id: is it a preposition (only adverbials may be skipped before it)?
    preposition: Vec<bool>,
    /// Per word id: its `FirstWord` entry, if patterns start with it.
    first: Vec<Option<u32>>,
    firsts: Vec<FirstWord>,
    candidates: Vec<Candidate>,
    words: Vec<Slot>,
}

/// A sentence's tokens mapped once to word ids and the flags the matcher asks about.
struct Sentence {
    /// The id of each token's form.
    forms: Vec<u32>,
    /// The id of each token's lemma and its class, where the model read it.
    lemmas: Vec<Option<(u32, WordClass)>>,
    flags: Vec<u8>,
    /// The pattern words it contains (forms and lemmas).
    has: Mask,
}

impl Sentence {
    fn fits(&self, i: usize, w: Slot) -> bool {
        let form = self.forms.get(i) == Some(&w.id);
        let reading = self.lemmas.get(i).copied().flatten();
        fits(w.kind, form, reading.map(|(l, c)| (l == w.id, c)))
    }

    /// The word ids token `i` may match through: its form and its lemma.
    fn ids(&self, i: usize) -> [u32; 2] {
        let form = self.forms.get(i).copied().unwrap_or(UNKNOWN);
        let lemma = self
            .lemmas
            .get(i)
            .copied()
            .flatten()
            .map_or(UNKNOWN, |r| r.0);
        [form, if lemma == form { UNKNOWN } else { lemma }]
    }
}

const IS_WORD: u8 = 1;
/// A word (not one that opens a clause) or a gap mark (`is_gap_mark`): what a gap may hold.
const IN_GAP: u8 = 2;
const ADVERBIAL: u8 = 4;
const BARRIER: u8 = 8;

/// Buffers reused across the starts of a sentence.
#[derive(Default)]
struct Scratch {
    order: Vec<u32>,
    seen: Vec<u32>,
    gaps: Vec<(usize, usize)>,
    best_gaps: Vec<(usize, usize)>,
    /// The gaps of the winning candidate so far.
    kept_gaps: Vec<(usize, usize)>,
}

/// The best reading of one candidate found so far.
struct Best {
    skipped: usize,
    end: usize,
}

impl Compiled {
    fn new(by_first: &ByFirst) -> Compiled {
        let mut c = Compiled::default();
        let mut firsts: Vec<_> = by_first.iter().map(|(k, v)| (k.as_ref(), v)).collect();
        // Deterministic ids (the hash map's order is not).
        firsts.sort_unstable_by_key(|(k, _)| *k);
        for (first, variants) in firsts {
            let first_id = c.intern(first);
            let mut fw = FirstWord::default();
            for (pattern, words) in variants {
                let index = c.candidates.len() as u32;
                let from = c.words.len() as u32;
                let mut needs = Mask::default();
                for w in &words[1..] {
                    let slot = match w {
                        Word::Gap => Slot {
                            id: GAP,
                            kind: Kind::Form,
                        },
                        Word::Lit(l, kind) => Slot {
                            id: c.intern(l),
                            kind: *kind,
                        },
                    };
                    if slot.id != GAP {
                        needs.add(slot.id);
                    }
                    c.words.push(slot);
                }
                let first_kind = match words.first() {
                    Some(Word::Lit(_, k)) => *k,
                    _ => Kind::Form,
                };
                c.candidates.push(Candidate {
                    pattern: *pattern,
                    first: first_kind,
                    rest: (from, c.words.len() as u32),
                    literals: literals(words),
                    forms: forms(words),
                    needs,
                });
                match words.get(1) {
                    Some(Word::Lit(l, _)) => {
                        let second = c.intern(l);
                        fw.by_second.entry(second).or_default().push(index);
                    }
                    _ => fw.open.push(index),
                }
            }
            c.first[first_id as usize] = Some(c.firsts.len() as u32);
            c.firsts.push(fw);
        }
        c
    }

    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.preposition.len() as u32;
        self.ids.insert(w.into(), id);
        self.preposition.push(is_preposition(w));
        self.first.push(None);
        id
    }

    fn sentence(&self, tokens: &[Token]) -> Sentence {
        let mut has = Mask::default();
        let mut id_of = |w: &str| {
            let id = self.ids.get(w).copied().unwrap_or(UNKNOWN);
            if id != UNKNOWN {
                has.add(id);
            }
            id
        };
        let forms: Vec<u32> = tokens.iter().map(|t| id_of(t.key)).collect();
        let lemmas = tokens
            .iter()
            .map(|t| t.reading.as_ref().map(|(l, c)| (id_of(l), *c)))
            .collect();
        let flags = tokens.iter().map(token_flags).collect();
        Sentence {
            forms,
            lemmas,
            flags,
            has,
        }
    }

    /// The candidates whose first word fits token `at` and whose other words may be in reach,
    /// in matching order.
    fn candidates_at(&self, s: &Sentence, at: usize, scratch: &mut Scratch) {
        let order = &mut scratch.order;
        order.clear();
        let fits = |c: &u32| {
            let cand = &self.candidates[*c as usize];
            at + cand.literals <= s.forms.len() && cand.needs.within(&s.has)
        };
        // Candidates whose second word stands within reach (a skip of up to MAX_SKIP words).
        let end = (at + 2 + MAX_SKIP).min(s.forms.len());
        for first in s.ids(at) {
            let Some(fw) = self.first_word(first) else {
                continue;
            };
            let start = order.len();
            order.extend(fw.open.iter().filter(|c| fits(c)));
            scratch.seen.clear();
            for j in at + 1..end {
                for w in s.ids(j) {
                    if w == UNKNOWN || scratch.seen.contains(&w) {
                        continue;
                    }
                    scratch.seen.push(w);
                    if let Some(list) = fw.by_second.get(&w) {
                        order.extend(list.iter().filter(|c| fits(c)));
                    }
                }
            }
            // Only the candidates whose first word is read the way this token is.
            let first_slot = |c: u32| Slot {
                id: first,
                kind: self.candidates[c as usize].first,
            };
            let mut k = start;
            for i in start..order.len() {
                if s.fits(at, first_slot(order[i])) {
                    order[k] = order[i];
                    k += 1;
                }
            }
            order.truncate(k);
        }
        order.sort_unstable_by_key(|&c| self.candidates[c as usize].order());
    }

    fn first_word(&self, id: u32) -> Option<&FirstWord> {
        let i = (*self.first.get(id as usize)?)?;
        self.firsts.get(i as usize)
    }

    fn best_at(&self, s: &Sentence, at: usize, scratch: &mut Scratch) -> Option<Match> {
        if at >= s.forms.len() {
            return None;
        }
        self.candidates_at(s, at, scratch);
        let order = std::mem::take(&mut scratch.order);
        let mut best: Option<(usize, Best)> = None;
        for &c in &order {
            let cand = &self.candidates[c as usize];
            let bound = match &best {
                // Ordered by literals: no later candidate can have more, and an equal one wins by
                // skipping fewer words, or as many over a shorter span (shorter gaps: "launched a
                // cyberattack on government websites" is `launch * cyberattack`, not
                // `launch * website`).
                Some((b, found)) => {
                    if cand.literals < self.candidates[*b].literals
                        || (found.skipped == 0 && found.end == at + cand.literals)
                    {
                        break;
                    }
                    found.skipped + 1
                }
                None => usize::MAX,
            };
            let rest = &self.words[cand.rest.0 as usize..cand.rest.1 as usize];
            let mut found = Best {
                skipped: bound,
                end: 0,
            };
            scratch.gaps.clear();
            let before = found.skipped;
            self.search(rest, s, at + 1, 0, &mut found, scratch);
            let better = found.skipped < before
                && best
                    .as_ref()
                    .is_none_or(|(_, b)| (found.skipped, found.end) < (b.skipped, b.end));
            if better {
                scratch.kept_gaps.clear();
                scratch.kept_gaps.extend_from_slice(&scratch.best_gaps);
                best = Some((c as usize, found));
            }
        }
        scratch.order = order;
        let (b, found) = best?;
        let cand = &self.candidates[b];
        Some(Match {
            pattern: cand.pattern,
            start: at,
            end: found.end,
            gaps: std::mem::take(&mut scratch.kept_gaps),
            literals: cand.literals,
            skipped: found.skipped,
        })
    }

    /// Depth-first search of the readings of `rest` from token `at`, shortest gaps first; keeps
    /// in `best` (and `scratch.best_gaps`) the first reading that skips fewer words than it.
    fn search(
        &self,
        rest: &[Slot],
        s: &Sentence,
        at: usize,
        skipped: usize,
        best: &mut Best,
        scratch: &mut Scratch,
    ) {
        if skipped >= best.skipped {
            return;
        }
        let Some((&w, rest)) = rest.split_first() else {
            best.skipped = skipped;
            best.end = at;
            scratch.best_gaps.clear();
            scratch.best_gaps.extend_from_slice(&scratch.gaps);
            return;
        };
        let n_tokens = s.forms.len();
        if w.id == GAP {
            for n in 0..=MAX_GAP {
                // A gap may hold words and possessive marks, never sentence punctuation.
                if n > 0 && s.flags.get(at + n - 1).is_none_or(|f| f & IN_GAP == 0) {
                    break;
                }
                if at + n > n_tokens {
                    break;
                }
                scratch.gaps.push((at, at + n));
                self.search(rest, s, at + n, skipped, best, scratch);
                scratch.gaps.pop();
                if best.skipped == 0 {
                    return;
                }
            }
            return;
        }
        // Unlisted words may precede a content word ("held intense talks"); before a preposition
        // only time words and adverbs may ("demonstrated on Tuesday in"), so "stop in" does not
        // match "stop its hostility in".
        let before_preposition = self.preposition[w.id as usize];
        for skip in 0..=MAX_SKIP {
            let i = at + skip;
            if i >= n_tokens {
                return;
            }
            if skip > 0 {
                let prev = s.flags[i - 1];
                if prev & IS_WORD == 0 || (before_preposition && prev & ADVERBIAL == 0) {
                    return;
                }
            }
            if s.fits(i, w) {
                self.search(rest, s, i + 1, skipped + skip, best, scratch);
                return;
            }
            if s.flags[i] & BARRIER != 0 {
                return;
            }
        }
    }
}

/// The flags of a token, read from its form.
fn token_flags(t: &Token) -> u8 {
    let k = t.key;
    let mut f = 0;
    if t.is_word {
        f |= IS_WORD;
        // A gap holds an object, never the start of a new clause ("stopped after midnight, but
        // that some shelling").
        if !opens_clause(k) {
            f |= IN_GAP;
        }
    } else if is_gap_mark(k) {
        f |= IN_GAP;
    }
    if is_adverbial(k) {
        f |= ADVERBIAL;
    }
    if is_barrier(k) {
        f |= BARRIER;
    }
    f
}

fn literals(words: &[Word]) -> usize {
    words.iter().filter(|w| matches!(w, Word::Lit(..))).count()
}

/// How many of a pattern's words are matched as written only.
fn forms(words: &[Word]) -> usize {
    let as_written = |w: &&Word| matches!(w, Word::Lit(_, Kind::Form));
    words.iter().filter(as_written).count()
}

/// FxHash (as in rustc): a fast hash for the short word keys looked up once per token.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

type FxBuild = std::hash::BuildHasherDefault<Fx>;

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut add = |v: u64| self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(SEED);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            add(u64::from_le_bytes(b));
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut b = [0u8; 8];
            b[..tail.len()].copy_from_slice(tail);
            add(u64::from_le_bytes(b) ^ ((tail.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
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

    fn word_fits(w: &Word, t: &Token) -> bool {
        let Word::Lit(l, kind) = w else {
            return false;
        };
        let reading = t
            .reading
            .as_ref()
            .map(|(lemma, c)| (lemma == l.as_ref(), *c));
        fits(*kind, t.key == l.as_ref(), reading)
    }

    /// The matcher as first written (string keys, a recursive search of every candidate): the
    /// reference the compiled one must agree with.
    fn naive_best_at(t: &Triggers, toks: &[Token], at: usize) -> Option<Match> {
        let tok = toks.get(at)?;
        let mut firsts = vec![tok.key];
        if let Some((lemma, _)) = &tok.reading {
            if lemma != tok.key {
                firsts.push(lemma);
            }
        }
        let mut best: Option<(Match, usize)> = None;
        let rank = |m: &Match, forms: usize| {
            let max = usize::MAX;
            (
                m.literals,
                max - m.skipped,
                max - m.end,
                forms,
                max - m.pattern,
            )
        };
        for f in firsts {
            for (id, words) in t.by_first.get(f).into_iter().flatten() {
                if !word_fits(&words[0], tok) {
                    continue;
                }
                let Some(m) = naive_match(&words[1..], toks, at + 1, 1, 0, Vec::new()) else {
                    continue;
                };
                let m = Match {
                    pattern: *id,
                    start: at,
                    ..m
                };
                let f = forms(words);
                if best
                    .as_ref()
                    .is_none_or(|(b, bf)| rank(&m, f) > rank(b, *bf))
                {
                    best = Some((m, f));
                }
            }
        }
        best.map(|(m, _)| m)
    }

    fn naive_match(
        rest: &[Word],
        toks: &[Token],
        at: usize,
        literals: usize,
        skipped: usize,
        gaps: Vec<(usize, usize)>,
    ) -> Option<Match> {
        let Some(first) = rest.first() else {
            return Some(Match {
                pattern: 0,
                start: 0,
                end: at,
                gaps,
                literals,
                skipped,
            });
        };
        match first {
            Word::Gap => {
                let mut best: Option<Match> = None;
                for n in 0..=MAX_GAP {
                    if n > 0 {
                        let Some(t) = toks.get(at + n - 1) else {
                            break;
                        };
                        if t.is_word {
                            if opens_clause(t.key) {
                                break;
                            }
                        } else if !is_gap_mark(t.key) {
                            break;
                        }
                    }
                    if at + n > toks.len() {
                        break;
                    }
                    let mut g = gaps.clone();
                    g.push((at, at + n));
                    if let Some(m) = naive_match(&rest[1..], toks, at + n, literals, skipped, g) {
                        if best
                            .as_ref()
                            .is_none_or(|b| (m.literals, b.skipped) > (b.literals, m.skipped))
                        {
                            best = Some(m);
                        }
                    }
                }
                best
            }
            Word::Lit(w, _) => {
                let before_preposition = is_preposition(w);
                for skip in 0..=MAX_SKIP {
                    let i = at + skip;
                    if i >= toks.len() || (skip > 0 && !toks[i - 1].is_word) {
                        return None;
                    }
                    if skip > 0 && before_preposition && !is_adverbial(toks[i - 1].key) {
                        return None;
                    }
                    if word_fits(first, &toks[i]) {
                        return naive_match(
                            &rest[1..],
                            toks,
                            i + 1,
                            literals + 1,
                            skipped + skip,
                            gaps,
                        );
                    }
                    if is_barrier(toks[i].key) {
                        return None;
                    }
                }
                None
            }
        }
    }

    /// Sentences built from the bundled patterns with words, skips, punctuation and barriers
    /// mixed in, their tokens read as verbs, nouns or neither, or not read at all: the compiled
    /// matcher gives exactly the reference matcher's best match at every start.
    #[test]
    fn compiled_matches_reference() {
        let t = Triggers::bundled();
        let mut variants: Vec<&Vec<Word>> = t.by_first.values().flatten().map(|(_, w)| w).collect();
        variants.sort();
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
                for w in variants[next(variants.len())] {
                    match w {
                        Word::Lit(l, _) => {
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
                        Word::Gap => {
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
            for at in 0..toks.len() {
                let want = naive_best_at(t, &toks, at);
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
