//! The one phrase matcher: every dictionary of token sequences (actor names, event triggers, the
//! place cues and seats of government, the quantity qualifiers) is a set of patterns matched here. A pattern is a sequence of slots — a word, matched on a token's
//! form or lemma as the dictionary's [`Rules`] say, or a gap — compiled once to word ids. At a
//! token only the patterns whose first word the token is, and whose second word stands within
//! reach, are tried: a look-up costs a few hash probes however many patterns there are.
//!
//! The actor dictionary's phrases are words matched as written ([`Literal`]); the event triggers
//! match head words on lemmas, skip adverbs and let objects fill gaps (`events::triggers`).
//! Patterns are matched on keys as the caller cut them: how a text is tokenized is not this
//! module's business.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::Hash;
use std::ops::BitOr;

/// Normalised key of a token: ASCII-lowercase (the caller passes `Doc::lower`), curly apostrophes
/// straightened, so "Erdogan’s" and "erdogan's" meet.
pub fn key(lower: &str) -> Cow<'_, str> {
    if lower.contains('’') || lower.contains('‘') {
        Cow::Owned(lower.replace(['’', '‘'], "'"))
    } else {
        Cow::Borrowed(lower)
    }
}

/// A pattern slot as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot<'a, H> {
    /// A word, matched on a token as `H` says.
    Word(&'a str, H),
    /// Up to [`Rules::MAX_GAP`] tokens that may stand in a gap ([`Flags::IN_GAP`]).
    Gap,
}

/// What is particular to one dictionary: how its words are matched and what may come between.
pub trait Rules {
    /// How a word slot is matched on a token.
    type How: Copy + Eq + Hash + std::fmt::Debug;
    /// A token's word class as the tagger read it.
    type Class: Copy + std::fmt::Debug;
    /// Up to this many words ([`Flags::WORD`]) may be skipped before a word slot.
    const MAX_SKIP: usize;
    /// Up to this many tokens may stand for a gap.
    const MAX_GAP: usize;
    /// Whether a token fits a word slot matched `how`, given whether its form is the word and,
    /// where it was read, whether its lemma is the word and its class.
    fn fits(how: Self::How, form: bool, reading: Option<(bool, Self::Class)>) -> bool;
    /// Whether a slot matched `how` takes the word as written only: of two patterns matching
    /// alike, the one with more such slots spells the text out and wins.
    fn as_written(how: Self::How) -> bool;
    /// Whether only adverbials ([`Flags::ADVERBIAL`]) may be skipped before this word.
    fn tight(word: &str) -> bool;
}

/// Words matched as written, nothing skipped, no gaps: the names of a dictionary.
#[derive(Debug)]
pub struct Literal;

impl Rules for Literal {
    type How = ();
    type Class = ();
    const MAX_SKIP: usize = 0;
    const MAX_GAP: usize = 0;

    fn fits(_: (), form: bool, _: Option<(bool, ())>) -> bool {
        form
    }

    fn as_written(_: ()) -> bool {
        true
    }

    fn tight(_: &str) -> bool {
        false
    }
}

/// What the matcher may do with a token, as the dictionary's rules read it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags(u8);

impl Flags {
    pub const NONE: Flags = Flags(0);
    /// A word, which may be skipped before a word slot.
    pub const WORD: Flags = Flags(1);
    /// It may stand in a gap.
    pub const IN_GAP: Flags = Flags(2);
    /// It may be skipped before a tight word too.
    pub const ADVERBIAL: Flags = Flags(4);
    /// It ends a skip: a word slot is not looked for beyond it.
    pub const BARRIER: Flags = Flags(8);

    pub fn has(self, f: Flags) -> bool {
        self.0 & f.0 != 0
    }
}

impl BitOr for Flags {
    type Output = Flags;

    fn bitor(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }
}

/// A sentence token as the matcher reads it.
#[derive(Clone, Copy, Debug)]
pub struct Token<'a, C> {
    /// Its key (`key`).
    pub form: &'a str,
    /// The tagger's lemma and class, where it read the token.
    pub reading: Option<(&'a str, C)>,
    pub flags: Flags,
}

/// A pattern found; token indices are relative to the sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The pattern, for [`Phrases::values`].
    pub phrase: usize,
    pub start: usize,
    /// One past the last matched word.
    pub end: usize,
    /// Token ranges that filled the gaps.
    pub gaps: Vec<(usize, usize)>,
    /// Word slots matched.
    pub literals: usize,
    /// Words skipped between them.
    pub skipped: usize,
}

/// A compiled slot: a word id and how it is matched, or a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step<H> {
    Word(u32, H),
    Gap,
}

/// A sentence token that is no pattern word.
const UNKNOWN: u32 = u32::MAX;

/// One pattern, its slots after the first in `Phrases::steps`.
#[derive(Debug)]
struct Candidate<H> {
    first: (u32, H),
    rest: (u32, u32),
    literals: usize,
    /// Word slots taken as written (`Rules::as_written`).
    written: usize,
    /// The `Mask` of its words after the first.
    needs: Mask,
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

/// The candidates sharing a first word.
#[derive(Debug, Default)]
struct FirstWord {
    /// Candidates whose second slot is a gap or that have none: tried at every start.
    open: Vec<u32>,
    /// Second word → candidates that need it within reach.
    by_second: HashMap<u32, Vec<u32>, FxBuild>,
}

/// Patterns and the values they stand for. Patterns with equal slots are one, their values kept
/// in the order given.
#[derive(Debug)]
pub struct Phrases<V, R: Rules> {
    ids: HashMap<Box<str>, u32, FxBuild>,
    /// Per word id: its text.
    words: Vec<Box<str>>,
    /// Per word id: `Rules::tight`.
    tight: Vec<bool>,
    /// Per word id: its `FirstWord` entry, if patterns start with it.
    first: Vec<Option<u32>>,
    firsts: Vec<FirstWord>,
    candidates: Vec<Candidate<R::How>>,
    steps: Vec<Step<R::How>>,
    values: Vec<Vec<V>>,
    /// The most tokens a match may span.
    reach: usize,
}

impl<V, R: Rules> Default for Phrases<V, R> {
    fn default() -> Self {
        Phrases {
            ids: HashMap::default(),
            words: Vec::new(),
            tight: Vec::new(),
            first: Vec::new(),
            firsts: Vec::new(),
            candidates: Vec::new(),
            steps: Vec::new(),
            values: Vec::new(),
            reach: 0,
        }
    }
}

/// A sentence's tokens mapped once to word ids, with their flags.
#[derive(Debug)]
pub struct Sentence<C> {
    forms: Vec<u32>,
    lemmas: Vec<Option<(u32, C)>>,
    flags: Vec<Flags>,
    /// The pattern words it contains (forms and lemmas).
    has: Mask,
}

impl<C: Copy> Sentence<C> {
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// The word ids token `i` may match through: its form and its lemma.
    fn ids(&self, i: usize) -> [u32; 2] {
        let form = self.forms.get(i).copied().unwrap_or(UNKNOWN);
        let lemma = self.lemma(i).map_or(UNKNOWN, |r| r.0);
        [form, if lemma == form { UNKNOWN } else { lemma }]
    }

    fn lemma(&self, i: usize) -> Option<(u32, C)> {
        self.lemmas.get(i).copied().flatten()
    }
}

/// Buffers reused across the starts of a sentence.
#[derive(Debug, Default)]
pub struct Scratch {
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

impl<V, R: Rules> Phrases<V, R> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a pattern standing for `value`. A pattern starts with a word; one that does not is
    /// not added (the caller reports it).
    pub fn insert(&mut self, slots: &[Slot<R::How>], value: V) {
        let Some((Slot::Word(first, how), rest)) = slots.split_first() else {
            return;
        };
        let first = (self.intern(first), *how);
        let rest: Vec<Step<R::How>> = rest
            .iter()
            .map(|s| match s {
                Slot::Word(w, h) => Step::Word(self.intern(w), *h),
                Slot::Gap => Step::Gap,
            })
            .collect();
        match self.find(first, &rest) {
            Some(c) => self.values[c as usize].push(value),
            None => self.add(first, &rest, value),
        }
    }

    /// The candidate with these slots, if listed.
    fn find(&self, first: (u32, R::How), rest: &[Step<R::How>]) -> Option<u32> {
        let fw = self.first_word(first.0)?;
        let listed = match rest.first() {
            Some(Step::Word(second, _)) => fw.by_second.get(second)?,
            _ => &fw.open,
        };
        listed.iter().copied().find(|&c| {
            let cand = &self.candidates[c as usize];
            cand.first == first && self.rest(cand) == rest
        })
    }

    fn add(&mut self, first: (u32, R::How), rest: &[Step<R::How>], value: V) {
        let index = self.candidates.len() as u32;
        let from = self.steps.len() as u32;
        self.steps.extend_from_slice(rest);
        let mut needs = Mask::default();
        let mut written = usize::from(R::as_written(first.1));
        let mut reach = 1;
        for s in rest {
            match *s {
                Step::Word(id, how) => {
                    needs.add(id);
                    written += usize::from(R::as_written(how));
                    reach += 1 + R::MAX_SKIP;
                }
                Step::Gap => reach += R::MAX_GAP,
            }
        }
        self.reach = self.reach.max(reach);
        self.candidates.push(Candidate {
            first,
            rest: (from, self.steps.len() as u32),
            literals: 1 + rest.iter().filter(|s| **s != Step::Gap).count(),
            written,
            needs,
        });
        self.values.push(vec![value]);
        let f = match self.first[first.0 as usize] {
            Some(f) => f as usize,
            None => {
                self.first[first.0 as usize] = Some(self.firsts.len() as u32);
                self.firsts.push(FirstWord::default());
                self.firsts.len() - 1
            }
        };
        let fw = &mut self.firsts[f];
        match rest.first() {
            Some(Step::Word(second, _)) => fw.by_second.entry(*second).or_default().push(index),
            _ => fw.open.push(index),
        }
    }

    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(w.into(), id);
        self.words.push(w.into());
        self.tight.push(R::tight(w));
        self.first.push(None);
        id
    }

    fn id(&self, w: &str) -> u32 {
        self.ids.get(w).copied().unwrap_or(UNKNOWN)
    }

    fn rest(&self, cand: &Candidate<R::How>) -> &[Step<R::How>] {
        &self.steps[cand.rest.0 as usize..cand.rest.1 as usize]
    }

    fn first_word(&self, id: u32) -> Option<&FirstWord> {
        let i = (*self.first.get(id as usize)?)?;
        self.firsts.get(i as usize)
    }

    /// The values of pattern `phrase` (`Found::phrase`), in the order they were added.
    pub fn values(&self, phrase: usize) -> &[V] {
        self.values.get(phrase).map_or(&[][..], Vec::as_slice)
    }

    /// How many values were added.
    pub fn len(&self) -> usize {
        self.values.iter().map(Vec::len).sum()
    }

    /// How many tokens from its first a match may span.
    pub fn reach(&self) -> usize {
        self.reach
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Map a sentence's tokens to word ids once, for any number of look-ups.
    pub fn sentence<'t>(
        &self,
        tokens: impl IntoIterator<Item = Token<'t, R::Class>>,
    ) -> Sentence<R::Class> {
        let mut s = Sentence {
            forms: Vec::new(),
            lemmas: Vec::new(),
            flags: Vec::new(),
            has: Mask::default(),
        };
        for t in tokens {
            let mut id_of = |w: &str| {
                let id = self.id(w);
                if id != UNKNOWN {
                    s.has.add(id);
                }
                id
            };
            let form = id_of(t.form);
            let lemma = t.reading.map(|(l, c)| (id_of(l), c));
            s.forms.push(form);
            s.lemmas.push(lemma);
            s.flags.push(t.flags);
        }
        s
    }

    /// Whether token `i` fits word slot `(id, how)`.
    fn fits(&self, s: &Sentence<R::Class>, i: usize, id: u32, how: R::How) -> bool {
        let form = s.forms.get(i) == Some(&id);
        R::fits(how, form, s.lemma(i).map(|(l, c)| (l == id, c)))
    }
}

/// Matching.
impl<V, R: Rules> Phrases<V, R> {
    /// The best pattern starting at token `at`: most words matched, then fewest skipped, then the
    /// shortest (shorter gaps: "launched a cyberattack on bank websites" is
    /// `launch * cyberattack`, not `launch * website`), then most words taken as written, then
    /// the first added.
    pub fn best_at(
        &self,
        s: &Sentence<R::Class>,
        at: usize,
        scratch: &mut Scratch,
    ) -> Option<Found> {
        if at >= s.len() {
            return None;
        }
        self.candidates_at(s, at, scratch);
        let order = std::mem::take(&mut scratch.order);
        let mut best: Option<(usize, Best)> = None;
        for &c in &order {
            let cand = &self.candidates[c as usize];
            let bound = match &best {
                // In matching order no later candidate has more words; one with as many wins only
                // by skipping fewer or ending sooner.
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
            let Some(found) = self.reading(cand, s, at, bound, scratch) else {
                continue;
            };
            let better = best
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
        Some(Found {
            phrase: b,
            start: at,
            end: found.end,
            gaps: std::mem::take(&mut scratch.kept_gaps),
            literals: self.candidates[b].literals,
            skipped: found.skipped,
        })
    }

    /// The best reading of a candidate whose first word is token `at` that skips fewer than
    /// `bound` words; its gaps in `scratch.best_gaps`.
    fn reading(
        &self,
        cand: &Candidate<R::How>,
        s: &Sentence<R::Class>,
        at: usize,
        bound: usize,
        scratch: &mut Scratch,
    ) -> Option<Best> {
        let mut found = Best {
            skipped: bound,
            end: 0,
        };
        scratch.gaps.clear();
        self.search(self.rest(cand), s, at + 1, 0, &mut found, scratch);
        (found.skipped < bound).then_some(found)
    }

    /// The candidates whose first word fits token `at` and whose other words may be in reach,
    /// in matching order: most words first (the search stops once no candidate can win), then
    /// most words as written, then the first added.
    fn candidates_at(&self, s: &Sentence<R::Class>, at: usize, scratch: &mut Scratch) {
        scratch.order.clear();
        for first in s.ids(at) {
            let Some(fw) = self.first_word(first) else {
                continue;
            };
            let start = scratch.order.len();
            self.gather(fw, s, at, scratch);
            // Only the candidates whose first word is read the way this token is.
            let order = &mut scratch.order;
            let mut k = start;
            for i in start..order.len() {
                let how = self.candidates[order[i] as usize].first.1;
                if self.fits(s, at, first, how) {
                    order[k] = order[i];
                    k += 1;
                }
            }
            order.truncate(k);
        }
        let key = |c: &u32| {
            let cand = &self.candidates[*c as usize];
            use std::cmp::Reverse;
            (Reverse(cand.literals), Reverse(cand.written), *c)
        };
        scratch.order.sort_unstable_by_key(key);
    }

    /// Push the candidates of `fw` whose second word stands within reach of token `at` (a skip
    /// of up to `MAX_SKIP` words) and whose words may all be in the sentence.
    fn gather(&self, fw: &FirstWord, s: &Sentence<R::Class>, at: usize, scratch: &mut Scratch) {
        let fits = |c: &&u32| {
            let cand = &self.candidates[**c as usize];
            at + cand.literals <= s.len() && cand.needs.within(&s.has)
        };
        scratch.order.extend(fw.open.iter().filter(fits));
        scratch.seen.clear();
        let end = (at + 2 + R::MAX_SKIP).min(s.len());
        for j in at + 1..end {
            for w in s.ids(j) {
                if w == UNKNOWN || scratch.seen.contains(&w) {
                    continue;
                }
                scratch.seen.push(w);
                if let Some(list) = fw.by_second.get(&w) {
                    scratch.order.extend(list.iter().filter(fits));
                }
            }
        }
    }

    /// Depth-first search of the readings of `rest` from token `at`, shortest gaps first; keeps
    /// in `best` (and `scratch.best_gaps`) the first reading that skips fewer words than it.
    fn search(
        &self,
        rest: &[Step<R::How>],
        s: &Sentence<R::Class>,
        at: usize,
        skipped: usize,
        best: &mut Best,
        scratch: &mut Scratch,
    ) {
        if skipped >= best.skipped {
            return;
        }
        match rest.split_first() {
            None => {
                best.skipped = skipped;
                best.end = at;
                scratch.best_gaps.clear();
                scratch.best_gaps.extend_from_slice(&scratch.gaps);
            }
            Some((Step::Gap, rest)) => self.search_gap(rest, s, at, skipped, best, scratch),
            Some((&Step::Word(id, how), rest)) => {
                let Some(i) = self.word_at(s, at, id, how) else {
                    return;
                };
                self.search(rest, s, i + 1, skipped + i - at, best, scratch);
            }
        }
    }

    /// The readings of a gap of up to `MAX_GAP` tokens at `at`, then of `rest`.
    fn search_gap(
        &self,
        rest: &[Step<R::How>],
        s: &Sentence<R::Class>,
        at: usize,
        skipped: usize,
        best: &mut Best,
        scratch: &mut Scratch,
    ) {
        for n in 0..=R::MAX_GAP {
            if n > 0
                && s.flags
                    .get(at + n - 1)
                    .is_none_or(|f| !f.has(Flags::IN_GAP))
            {
                break;
            }
            if at + n > s.len() {
                break;
            }
            scratch.gaps.push((at, at + n));
            self.search(rest, s, at + n, skipped, best, scratch);
            scratch.gaps.pop();
            if best.skipped == 0 {
                return;
            }
        }
    }

    /// The first token from `at` on that fits word slot `(id, how)`, skipping up to `MAX_SKIP`
    /// words before it: no punctuation, only adverbials before a tight word, never past a
    /// barrier.
    fn word_at(&self, s: &Sentence<R::Class>, at: usize, id: u32, how: R::How) -> Option<usize> {
        for i in at..=at + R::MAX_SKIP {
            if i >= s.len() {
                return None;
            }
            if i > at {
                let prev = s.flags[i - 1];
                let tight = self.tight[id as usize];
                if !prev.has(Flags::WORD) || (tight && !prev.has(Flags::ADVERBIAL)) {
                    return None;
                }
            }
            if self.fits(s, i, id, how) {
                return Some(i);
            }
            if s.flags[i].has(Flags::BARRIER) {
                return None;
            }
        }
        None
    }
}

impl<V> Phrases<V, Literal> {
    /// Add a phrase of words matched as written (already normalised keys).
    pub fn insert_words<S: AsRef<str>>(&mut self, words: &[S], value: V) {
        let slots: Vec<Slot<()>> = words.iter().map(|w| Slot::Word(w.as_ref(), ())).collect();
        self.insert(&slots, value);
    }

    /// The longest phrase that begins `keys`: its number of words and first value. A caller
    /// with the words of a run in hand passes at most [`Phrases::reach`] of them.
    pub fn longest<S: AsRef<str>>(&self, keys: &[S]) -> Option<(usize, &V)> {
        self.prefixes(keys)
            .into_iter()
            .find_map(|(n, values)| values.first().map(|v| (n, v)))
    }

    /// Build from phrases written with single spaces between their words, each with its value.
    pub fn from_spaced<'p>(phrases: impl Iterator<Item = (&'p str, V)>) -> Self {
        let mut out = Phrases::new();
        for (phrase, value) in phrases {
            let words: Vec<&str> = phrase.split(' ').collect();
            out.insert_words(&words, value);
        }
        out
    }

    /// Every phrase that begins `keys`, longest first, as (number of words, values).
    pub fn prefixes<S: AsRef<str>>(&self, keys: &[S]) -> Vec<(usize, &[V])> {
        // Most tokens begin no phrase: one look-up says so.
        let Some(first) = keys.first() else {
            return Vec::new();
        };
        if self.first_word(self.id(first.as_ref())).is_none() {
            return Vec::new();
        }
        let s = self.sentence(keys.iter().take(self.reach).map(|k| Token {
            form: k.as_ref(),
            reading: None,
            flags: Flags::NONE,
        }));
        let mut scratch = Scratch::default();
        self.candidates_at(&s, 0, &mut scratch);
        // In matching order, the longest first; phrases of one length that match are one phrase.
        let order = std::mem::take(&mut scratch.order);
        let found = order.iter().filter_map(|&c| {
            let cand = &self.candidates[c as usize];
            let found = self.reading(cand, &s, 0, usize::MAX, &mut scratch)?;
            Some((found.end, self.values(c as usize)))
        });
        found.collect()
    }
}

/// FxHash (as in rustc): a fast hash for the short word keys looked up once per token.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

type FxBuild = std::hash::BuildHasherDefault<Fx>;

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut b = [0u8; 8];
            b[..tail.len()].copy_from_slice(tail);
            self.add(u64::from_le_bytes(b) ^ ((tail.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    fn add(&mut self, v: u64) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(SEED);
    }
}

/// The matcher as first written, for tests: every pattern starting with the token's form or
/// lemma, read back as text and tried by a plain recursive search. The reference the indexed
/// matcher must agree with.
#[cfg(test)]
impl<V, R: Rules> Phrases<V, R> {
    pub(crate) fn naive_best_at(&self, toks: &[Token<R::Class>], at: usize) -> Option<Found> {
        let tok = toks.get(at)?;
        let mut firsts = vec![tok.form];
        firsts.extend(tok.reading.map(|r| r.0).filter(|l| *l != tok.form));
        let max = usize::MAX;
        let rank = |m: &Found, c: &Candidate<R::How>| {
            let order = max - m.phrase;
            (m.literals, max - m.skipped, max - m.end, c.written, order)
        };
        let mut best: Option<Found> = None;
        for (c, cand) in self.candidates.iter().enumerate() {
            if !firsts.contains(&self.words[cand.first.0 as usize].as_ref()) {
                continue;
            }
            let slots = self.pattern(c);
            let Some(Slot::Word(w, how)) = slots.first() else {
                continue;
            };
            if !naive_fits::<R>(w, *how, tok) {
                continue;
            }
            let Some(m) = naive_match::<R>(&slots[1..], toks, at + 1, 1, 0, Vec::new()) else {
                continue;
            };
            let m = Found {
                phrase: c,
                start: at,
                ..m
            };
            let wins = best
                .as_ref()
                .is_none_or(|b| rank(&m, cand) > rank(b, &self.candidates[b.phrase]));
            if wins {
                best = Some(m);
            }
        }
        best
    }

    /// Pattern `c` as text.
    pub(crate) fn pattern(&self, c: usize) -> Vec<Slot<'_, R::How>> {
        let cand = &self.candidates[c];
        let first = Slot::Word(self.words[cand.first.0 as usize].as_ref(), cand.first.1);
        let rest = self.rest(cand).iter().map(|s| match *s {
            Step::Word(id, how) => Slot::Word(self.words[id as usize].as_ref(), how),
            Step::Gap => Slot::Gap,
        });
        std::iter::once(first).chain(rest).collect()
    }

    /// How many patterns (equal ones merged).
    pub(crate) fn patterns(&self) -> usize {
        self.candidates.len()
    }
}

#[cfg(test)]
fn naive_fits<R: Rules>(w: &str, how: R::How, t: &Token<R::Class>) -> bool {
    R::fits(how, t.form == w, t.reading.map(|(l, c)| (l == w, c)))
}

#[cfg(test)]
fn naive_match<R: Rules>(
    rest: &[Slot<R::How>],
    toks: &[Token<R::Class>],
    at: usize,
    literals: usize,
    skipped: usize,
    gaps: Vec<(usize, usize)>,
) -> Option<Found> {
    let Some(first) = rest.first() else {
        return Some(Found {
            phrase: 0,
            start: 0,
            end: at,
            gaps,
            literals,
            skipped,
        });
    };
    match *first {
        Slot::Gap => {
            let mut best: Option<Found> = None;
            for n in 0..=R::MAX_GAP {
                if n > 0
                    && toks
                        .get(at + n - 1)
                        .is_none_or(|t| !t.flags.has(Flags::IN_GAP))
                {
                    break;
                }
                if at + n > toks.len() {
                    break;
                }
                let mut g = gaps.clone();
                g.push((at, at + n));
                if let Some(m) = naive_match::<R>(&rest[1..], toks, at + n, literals, skipped, g) {
                    if best.as_ref().is_none_or(|b| m.skipped < b.skipped) {
                        best = Some(m);
                    }
                }
            }
            best
        }
        Slot::Word(w, how) => {
            for skip in 0..=R::MAX_SKIP {
                let i = at + skip;
                if i >= toks.len() {
                    return None;
                }
                let prev = if skip > 0 {
                    toks[i - 1].flags
                } else {
                    Flags::WORD | Flags::ADVERBIAL
                };
                if !prev.has(Flags::WORD) || (R::tight(w) && !prev.has(Flags::ADVERBIAL)) {
                    return None;
                }
                if naive_fits::<R>(w, how, &toks[i]) {
                    let (l, sk) = (literals + 1, skipped + skip);
                    return naive_match::<R>(&rest[1..], toks, i + 1, l, sk, gaps);
                }
                if toks[i].flags.has(Flags::BARRIER) {
                    return None;
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_first() {
        let mut t: Phrases<i32, Literal> = Phrases::new();
        t.insert_words(&["zembla"], 1);
        t.insert_words(&["zembla", "navy"], 2);
        t.insert_words(&["zembla", "navy"], 4);
        t.insert_words(&["ruritania"], 3);
        let hits = t.prefixes(&["zembla", "navy", "chief"]);
        assert_eq!(hits, [(2, &[2, 4][..]), (1, &[1][..])]);
        assert!(t.prefixes(&["navy"]).is_empty());
        assert!(t.prefixes::<&str>(&[]).is_empty());
        assert_eq!(t.len(), 4);
    }

    #[test]
    fn keys_are_matched_as_cut() {
        // However a tokenizer cut "al-Zemblan", the phrase matches keys cut the same way.
        let mut t: Phrases<i32, Literal> = Phrases::new();
        t.insert_words(&["al", "-", "zemblan", "front"], 1);
        t.insert_words(&["al-zemblan"], 2);
        assert_eq!(t.prefixes(&["al", "-", "zemblan", "front"])[0].0, 4);
        assert_eq!(t.prefixes(&["al-zemblan", "front"]), [(1, &[2][..])]);
        assert!(t.prefixes(&["al", "-", "zemblan"]).is_empty());
    }

    #[test]
    fn keys_fold_curly_apostrophes() {
        assert_eq!(key("regime’s"), "regime's");
        assert!(matches!(key("plain"), Cow::Borrowed(_)));
    }

    /// Invented rules for the tests: `Lemma` slots match the lemma of a verb (class `true`),
    /// `tight` words ("at") let only adverbials be skipped before them.
    #[derive(Debug)]
    struct Toy;

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    enum How {
        Form,
        Lemma,
    }

    impl Rules for Toy {
        type How = How;
        type Class = bool;
        const MAX_SKIP: usize = 2;
        const MAX_GAP: usize = 3;

        fn fits(how: How, form: bool, reading: Option<(bool, bool)>) -> bool {
            match (how, reading) {
                (How::Lemma, Some((lemma, verb))) => lemma && verb,
                _ => form,
            }
        }

        fn as_written(how: How) -> bool {
            how == How::Form
        }

        fn tight(word: &str) -> bool {
            word == "at"
        }
    }

    /// `a/b/v`: form a, read as the verb b; `,` and `.` are punctuation, `slowly` an adverbial,
    /// `but` a barrier, `who` a word that may stand in no gap.
    fn toks(s: &str) -> Vec<Token<'_, bool>> {
        s.split_whitespace()
            .map(|w| {
                let mut parts = w.split('/');
                let form = parts.next().unwrap_or("");
                let reading = parts.next().map(|l| (l, parts.next() == Some("v")));
                let mut flags = Flags::NONE;
                if form.chars().all(char::is_alphanumeric) {
                    flags = flags | Flags::WORD;
                    if form != "who" {
                        flags = flags | Flags::IN_GAP;
                    }
                }
                if form == "slowly" {
                    flags = flags | Flags::ADVERBIAL;
                }
                if form == "but" {
                    flags = flags | Flags::BARRIER;
                }
                Token {
                    form,
                    reading,
                    flags,
                }
            })
            .collect()
    }

    fn toy() -> Phrases<&'static str, Toy> {
        let mut t = Phrases::new();
        let rows: [(&[Slot<How>], &str); 5] = [
            (&[Slot::Word("wave", How::Lemma)], "wave"),
            (
                &[
                    Slot::Word("wave", How::Lemma),
                    Slot::Word("flags", How::Form),
                ],
                "wave flags",
            ),
            (
                &[
                    Slot::Word("wave", How::Lemma),
                    Slot::Gap,
                    Slot::Word("at", How::Form),
                ],
                "wave * at",
            ),
            (
                &[
                    Slot::Word("waved", How::Form),
                    Slot::Gap,
                    Slot::Word("at", How::Form),
                ],
                "waved * at",
            ),
            (&[Slot::Gap, Slot::Word("at", How::Form)], "never added"),
        ];
        for (slots, v) in rows {
            t.insert(slots, v);
        }
        t
    }

    fn best(t: &Phrases<&'static str, Toy>, s: &str) -> Option<(&'static str, usize)> {
        let toks = toks(s);
        let sent = t.sentence(toks.iter().copied());
        let f = t.best_at(&sent, 0, &mut Scratch::default())?;
        assert_eq!(t.naive_best_at(&toks, 0), Some(f.clone()), "{s}");
        Some((t.values(f.phrase)[0], f.end))
    }

    #[test]
    fn more_words_win_then_words_as_written() {
        let t = toy();
        assert_eq!(t.patterns(), 4);
        assert_eq!(best(&t, "waved/wave/v flags"), Some(("wave flags", 2)));
        assert_eq!(best(&t, "waves/wave/v"), Some(("wave", 1)));
        // Both gap patterns fit: the one spelling "waved" out wins.
        assert_eq!(best(&t, "waved/wave/v a hat at"), Some(("waved * at", 4)));
        assert_eq!(best(&t, "waves/wave/v a hat at"), Some(("wave * at", 4)));
        // Read as no verb, a lemma slot does not match.
        assert_eq!(best(&t, "waves/wave/n flags"), None);
    }

    #[test]
    fn skips_and_gaps_follow_the_flags() {
        let t = toy();
        assert_eq!(
            best(&t, "waved/wave/v big red flags"),
            Some(("wave flags", 4))
        );
        assert_eq!(best(&t, "waved/wave/v , flags"), Some(("wave", 1)));
        assert_eq!(best(&t, "waved/wave/v but flags"), Some(("wave", 1)));
        // A gap holds no "who" and no more than three tokens.
        assert_eq!(best(&t, "waves/wave/v who at"), Some(("wave", 1)));
        assert_eq!(best(&t, "waves/wave/v a b c d at"), Some(("wave", 1)));
        let toks = toks("waves/wave/v a b at");
        let sent = t.sentence(toks.iter().copied());
        let f = t.best_at(&sent, 0, &mut Scratch::default());
        assert_eq!(f.map(|f| f.gaps), Some(vec![(1, 3)]));
    }

    /// Random sentences of pattern words, fillers, punctuation and barriers: the indexed matcher
    /// gives exactly the reference matcher's best match at every start.
    #[test]
    fn indexed_matches_reference() {
        let t = toy();
        let words = [
            "waved/wave/v",
            "waves/wave/v",
            "wave/wave/n",
            "waved",
            "flags",
            "at",
            "slowly",
            "but",
            "who",
            ",",
            "hat",
            "red",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut matched = 0;
        for _ in 0..3000 {
            let s: Vec<&str> = (0..1 + next(8)).map(|_| words[next(words.len())]).collect();
            let s = s.join(" ");
            let toks = toks(&s);
            let sent = t.sentence(toks.iter().copied());
            let mut scratch = Scratch::default();
            for at in 0..toks.len() {
                let want = t.naive_best_at(&toks, at);
                matched += usize::from(want.is_some());
                assert_eq!(t.best_at(&sent, at, &mut scratch), want, "{s} at {at}");
            }
        }
        assert!(matched > 1000, "{matched}");
    }
}
