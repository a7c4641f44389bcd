//! Event triggers: the verb and noun patterns of `data/verbs/*.tsv` (format in
//! `data/verbs/README.md`), inflected at load time and matched on a sentence's tokens.

use crate::cameo::Cameo;
use crate::codebook::tsv_rows;
use crate::lexicon::inflect::{noun_forms, Irregulars};
use crate::lexicon::lexicon;
use crate::lexicon::trie::key;
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

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Word {
    Lit(Box<str>),
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
    /// First word (any inflection) → (pattern, the inflected word list).
    by_first: ByFirst,
    /// Variants in `by_first` made by pluralising a verb pattern's object, which a row that
    /// spells the same words out replaces.
    derived: std::collections::HashSet<Vec<Word>>,
    /// `by_first` compiled to word ids for matching; rebuilt after `add_file`.
    compiled: OnceLock<Compiled>,
}

impl Triggers {
    pub fn bundled() -> &'static Triggers {
        static T: OnceLock<Triggers> = OnceLock::new();
        T.get_or_init(|| {
            let irregular = &lexicon().verb_forms;
            let mut t = Triggers::default();
            for (name, src) in FILES {
                t.add_file(name, src, irregular)
                    .expect("bundled patterns are valid");
            }
            t.compiled();
            t
        })
    }

    pub fn add_file(
        &mut self,
        file: &str,
        src: &str,
        irregular: &Irregulars,
    ) -> Result<(), PatternError> {
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
            let nominal = match kind {
                "v" | "x" => false,
                "n" => true,
                other => return Err(err(format!("unknown kind {other:?} (v, n or x)"))),
            };
            let words: Vec<Word> = pattern
                .split_whitespace()
                .map(|w| {
                    if w == "*" {
                        Word::Gap
                    } else {
                        Word::Lit(key(&w.to_lowercase()).into())
                    }
                })
                .collect();
            if !matches!(words.first(), Some(Word::Lit(_))) {
                return Err(err("a pattern must start with a word".into()));
            }
            let id = self.patterns.len();
            self.patterns.push(Pattern {
                code,
                nominal,
                text: pattern.into(),
            });
            // Inflect: a verb's first word, a noun phrase's head (its last non-preposition word).
            let slot = if nominal {
                words
                    .iter()
                    .rposition(|w| matches!(w, Word::Lit(l) if !is_preposition(l)))
            } else {
                Some(0)
            };
            let forms = match slot.and_then(|i| match &words[i] {
                Word::Lit(l) => Some((i, l)),
                Word::Gap => None,
            }) {
                Some((i, l)) => {
                    let forms = if nominal {
                        noun_forms(l)
                    } else {
                        irregular.verb_forms(l)
                    };
                    forms.into_iter().map(|f| (i, f)).collect()
                }
                None => Vec::new(),
            };
            // A verb pattern's closing object noun also matches in the plural ("lift * embargo"
            // covers "lifted the embargoes"), unless a row of its own spells that plural out.
            let object = match (nominal, words.last()) {
                (false, Some(Word::Lit(l))) if words.len() > 1 => plural_object(l),
                _ => None,
            };
            for (i, form) in forms {
                let mut variant = words.clone();
                variant[i] = Word::Lit(form.into());
                let mut plural = object.as_ref().map(|o| {
                    let mut p = variant.clone();
                    let last = p.len() - 1;
                    p[last] = Word::Lit(o.as_str().into());
                    p
                });
                for (v, derived) in
                    std::iter::once((variant, false)).chain(plural.take().map(|p| (p, true)))
                {
                    let Some(Word::Lit(first)) = v.first().cloned() else {
                        continue;
                    };
                    let entry = self.by_first.entry(first).or_default();
                    if derived {
                        if !entry.iter().any(|(_, w)| *w == v) {
                            self.derived.insert(v.clone());
                            entry.push((id, v));
                        }
                        continue;
                    }
                    if self.derived.contains(&v) {
                        entry.retain(|(_, w)| *w != v);
                        self.derived.remove(&v);
                    }
                    if !entry
                        .iter()
                        .any(|(p, w)| self.patterns[*p].code == self.patterns[id].code && *w == v)
                    {
                        entry.push((id, v));
                    }
                }
            }
        }
        Ok(())
    }

    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| Compiled::new(&self.by_first))
    }

    /// The best pattern starting at token `at` of a sentence, given its lowercase token keys and
    /// whether each token is a word (skips and gaps never cross punctuation).
    pub fn best_at<S: AsRef<str>>(&self, keys: &[S], is_word: &[bool], at: usize) -> Option<Match> {
        keys.get(at)?;
        let c = self.compiled();
        let sent = c.sentence(keys, is_word);
        c.best_at(&sent, at, &mut Scratch::default())
    }

    /// Non-overlapping trigger matches in a sentence, left to right, longest first at each start.
    pub fn find<S: AsRef<str>>(&self, keys: &[S], is_word: &[bool]) -> Vec<Match> {
        let c = self.compiled();
        let sent = c.sentence(keys, is_word);
        let mut scratch = Scratch::default();
        let mut out: Vec<Match> = Vec::new();
        let mut at = 0;
        while at < keys.len() {
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

/// First word (any inflection) → (pattern, the inflected word list).
type ByFirst = HashMap<Box<str>, Vec<(usize, Vec<Word>)>>;

/// The plural of a verb pattern's last word when it is an object noun that may stand in the
/// plural ("embargo", "settlement"); none for particles, pronouns and the like.
fn plural_object(w: &str) -> Option<String> {
    if w.len() < 3
        || is_preposition(w)
        || lexicon().clauses.not_nouns.contains(w)
        || w.ends_with('s')
        || w.ends_with("ly")
    {
        return None;
    }
    let forms = noun_forms(w);
    forms.into_iter().nth(1)
}

fn in_gap(m: &Match, at: usize) -> bool {
    m.gaps.iter().any(|g| g.0 <= at && at < g.1)
}

/// A `*` in a compiled pattern.
const GAP: u32 = u32::MAX;
/// A sentence token that is no pattern word.
const UNKNOWN: u32 = u32::MAX - 1;

/// One inflected pattern variant, its words in `Compiled::words`.
#[derive(Debug)]
struct Candidate {
    pattern: usize,
    /// Range of its words after the first in `Compiled::words`.
    rest: (u32, u32),
    literals: usize,
    /// The `Mask` of its literals after the first.
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

/// The candidates sharing a first word, in matching order: most literals first, then the order
/// they were added (the first of equals wins), so the search stops once no candidate can win.
#[derive(Debug, Default)]
struct FirstWord {
    /// Range in `Compiled::candidates`.
    range: (u32, u32),
    /// Candidates (indices relative to `range`) whose second word is a gap or that have none:
    /// they are tried at every start.
    open: Vec<u32>,
    /// Second literal word → candidates (relative indices, ascending) that need it within reach.
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
    words: Vec<u32>,
}

/// A sentence's tokens mapped once to word ids and the flags the matcher asks about.
struct Sentence {
    ids: Vec<u32>,
    flags: Vec<u8>,
    /// The pattern words it contains.
    has: Mask,
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
            let mut order: Vec<usize> = (0..variants.len()).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(literals(&variants[i].1)));
            let base = c.candidates.len();
            let mut fw = FirstWord::default();
            for (rel, &i) in order.iter().enumerate() {
                let (pattern, words) = &variants[i];
                let from = c.words.len() as u32;
                let mut needs = Mask::default();
                for w in &words[1..] {
                    let id = match w {
                        Word::Gap => GAP,
                        Word::Lit(l) => c.intern(l),
                    };
                    if id != GAP {
                        needs.add(id);
                    }
                    c.words.push(id);
                }
                c.candidates.push(Candidate {
                    pattern: *pattern,
                    rest: (from, c.words.len() as u32),
                    literals: literals(words),
                    needs,
                });
                match words.get(1) {
                    Some(Word::Lit(l)) => {
                        let second = c.intern(l);
                        fw.by_second.entry(second).or_default().push(rel as u32);
                    }
                    _ => fw.open.push(rel as u32),
                }
            }
            fw.range = (base as u32, c.candidates.len() as u32);
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

    fn sentence<S: AsRef<str>>(&self, keys: &[S], is_word: &[bool]) -> Sentence {
        let mut ids = Vec::with_capacity(keys.len());
        let mut flags = Vec::with_capacity(keys.len());
        let mut has = Mask::default();
        for (i, k) in keys.iter().enumerate() {
            let k = k.as_ref();
            let id = self.ids.get(k).copied().unwrap_or(UNKNOWN);
            if id != UNKNOWN {
                has.add(id);
            }
            ids.push(id);
            let word = is_word.get(i).copied().unwrap_or(false);
            let mut f = 0;
            if word {
                f |= IS_WORD;
                // A gap holds an object, never the start of a new clause ("stopped after
                // midnight, but that some shelling").
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
            flags.push(f);
        }
        Sentence { ids, flags, has }
    }

    fn best_at(&self, s: &Sentence, at: usize, scratch: &mut Scratch) -> Option<Match> {
        let id = *s.ids.get(at)?;
        let fw = &self.firsts[(*self.first.get(id as usize)?)? as usize];
        let candidates = &self.candidates[fw.range.0 as usize..fw.range.1 as usize];
        // Every literal needs a token of its own, and its word in the sentence.
        let fits = |rel: &&u32| {
            let cand = &candidates[**rel as usize];
            at + cand.literals <= s.ids.len() && cand.needs.within(&s.has)
        };
        // Candidates whose second word stands within reach (a skip of up to MAX_SKIP words).
        let mut order = std::mem::take(&mut scratch.order);
        order.clear();
        order.extend(fw.open.iter().filter(fits));
        let reach = &s.ids[(at + 1).min(s.ids.len())..(at + 2 + MAX_SKIP).min(s.ids.len())];
        for (j, w) in reach.iter().enumerate() {
            if *w == UNKNOWN || reach[..j].contains(w) {
                continue;
            }
            if let Some(list) = fw.by_second.get(w) {
                order.extend(list.iter().filter(fits));
            }
        }
        order.sort_unstable();
        let mut best: Option<(usize, Best)> = None;
        for &rel in &order {
            let cand = &candidates[rel as usize];
            let bound = match &best {
                // Ordered by literals: no later candidate can have more, and an equal one wins by
                // skipping fewer words, or as many over a shorter span (shorter gaps: "launched a
                // cyberattack on government websites" is `launch * cyberattack`, not
                // `launch * website`).
                Some((b, found)) => {
                    if cand.literals < candidates[*b].literals
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
                best = Some((rel as usize, found));
            }
        }
        scratch.order = order;
        let (b, found) = best?;
        let cand = &candidates[b];
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
        rest: &[u32],
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
        let n_tokens = s.ids.len();
        if w == GAP {
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
        let before_preposition = self.preposition[w as usize];
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
            if s.ids[i] == w {
                self.search(rest, s, i + 1, skipped + skip, best, scratch);
                return;
            }
            if s.flags[i] & BARRIER != 0 {
                return;
            }
        }
    }
}

fn literals(words: &[Word]) -> usize {
    words.iter().filter(|w| matches!(w, Word::Lit(_))).count()
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
        let irr = Irregulars::parse("hold\tholds\theld\theld\tholding\n").unwrap();
        let mut t = Triggers::default();
        t.add_file(
            "t.tsv",
            "# code kind pattern\n120\tv\treject\n046\tv\thold talks with\n0233\tv\tcall on * to\n195\tn\tair strike\n190\tn\tattack on\n",
            &irr,
        )
        .unwrap();
        t
    }

    fn words(s: &str) -> (Vec<String>, Vec<bool>) {
        let k: Vec<String> = s.split_whitespace().map(str::to_string).collect();
        let w = k
            .iter()
            .map(|x| x.chars().all(|c| c.is_alphanumeric() || c == '\''))
            .collect();
        (k, w)
    }

    fn codes(t: &Triggers, s: &str) -> Vec<String> {
        let (k, w) = words(s);
        t.find(&k, &w)
            .iter()
            .map(|m| {
                t.patterns[m.pattern]
                    .code
                    .map_or("-".into(), |c| c.to_string())
            })
            .collect()
    }

    #[test]
    fn inflections_match() {
        let t = tiny();
        assert_eq!(codes(&t, "ankara rejected the offer"), ["120"]);
        assert_eq!(codes(&t, "ankara rejects it"), ["120"]);
        assert_eq!(codes(&t, "they held intense talks with moscow"), ["046"]);
        assert_eq!(codes(&t, "russian air strikes hit idlib"), ["195"]);
        assert_eq!(codes(&t, "an attack on the posts"), ["190"]);
    }

    #[test]
    fn verb_objects_match_in_the_plural() {
        let irr = Irregulars::parse("lift\tlifts\tlifted\tlifted\tlifting\n").unwrap();
        let mut t = Triggers::default();
        t.add_file(
            "t.tsv",
            "085\tv\tlift * embargo\n091\tv\tprobe * killing\n092\tv\tprobe * killings\n",
            &irr,
        )
        .unwrap();
        assert_eq!(codes(&t, "they lifted the embargo"), ["085"]);
        assert_eq!(codes(&t, "they lifted the embargos"), ["085"]);
        // A row that spells the plural out keeps its own code.
        assert_eq!(codes(&t, "police probed the killings"), ["092"]);
        assert_eq!(codes(&t, "police probed the killing"), ["091"]);
    }

    #[test]
    fn equal_patterns_prefer_the_nearer_object() {
        let irr = Irregulars::default();
        let mut t = Triggers::default();
        t.add_file(
            "t.tsv",
            "-\tx\tlaunch * website\n176\tv\tlaunch * cyberattack\n",
            &irr,
        )
        .unwrap();
        assert_eq!(
            codes(&t, "hackers launched a cyberattack on government websites"),
            ["176"]
        );
        let (k, w) = words("they launched a new website");
        assert!(t.patterns[t.find(&k, &w)[0].pattern].is_stop());
    }

    #[test]
    fn gaps_hold_objects() {
        let t = tiny();
        let (k, w) = words("the un called on syria 's government to stop");
        let m = t.find(&k, &w);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].gaps, vec![(4, 7)]);
    }

    #[test]
    fn skips_stop_at_clause_words() {
        let t = tiny();
        assert!(codes(&t, "they held and talks with").is_empty());
    }

    #[test]
    fn gaps_do_not_cross_into_a_new_clause() {
        let t = tiny();
        assert_eq!(
            codes(&t, "the un called on syria and iran to stop"),
            ["0233"]
        );
        assert!(codes(&t, "the un called on syria , which refused to stop").is_empty());
    }

    /// The matcher as first written (string keys, a recursive search of every candidate): the
    /// reference the compiled one must agree with.
    fn naive_best_at(t: &Triggers, keys: &[String], is_word: &[bool], at: usize) -> Option<Match> {
        let candidates = t.by_first.get(keys.get(at)?.as_str())?;
        let mut best: Option<Match> = None;
        for (id, words) in candidates {
            if let Some(m) = naive_match(&words[1..], keys, is_word, at + 1, 1, 0, Vec::new()) {
                let m = Match {
                    pattern: *id,
                    start: at,
                    ..m
                };
                if best.as_ref().is_none_or(|b| {
                    (m.literals, usize::MAX - m.skipped, usize::MAX - m.end)
                        > (b.literals, usize::MAX - b.skipped, usize::MAX - b.end)
                }) {
                    best = Some(m);
                }
            }
        }
        best
    }

    fn naive_match(
        rest: &[Word],
        keys: &[String],
        is_word: &[bool],
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
                        let k = keys.get(at + n - 1).map(|k| k.as_str());
                        if is_word.get(at + n - 1).copied().unwrap_or(false) {
                            if k.is_some_and(opens_clause) {
                                break;
                            }
                        } else if !k.is_some_and(is_gap_mark) {
                            break;
                        }
                    }
                    if at + n > keys.len() {
                        break;
                    }
                    let mut g = gaps.clone();
                    g.push((at, at + n));
                    if let Some(m) =
                        naive_match(&rest[1..], keys, is_word, at + n, literals, skipped, g)
                    {
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
            Word::Lit(w) => {
                let before_preposition = is_preposition(w);
                for skip in 0..=MAX_SKIP {
                    let i = at + skip;
                    if i >= keys.len() || (skip > 0 && !is_word[i - 1]) {
                        return None;
                    }
                    if skip > 0 && before_preposition && !is_adverbial(&keys[i - 1]) {
                        return None;
                    }
                    if keys[i] == w.as_ref() {
                        return naive_match(
                            &rest[1..],
                            keys,
                            is_word,
                            i + 1,
                            literals + 1,
                            skipped + skip,
                            gaps,
                        );
                    }
                    if is_barrier(&keys[i]) {
                        return None;
                    }
                }
                None
            }
        }
    }

    /// Sentences built from the bundled patterns with words, skips, punctuation and barriers
    /// mixed in: the compiled matcher gives exactly the reference matcher's best match at every
    /// start.
    #[test]
    fn compiled_matches_reference() {
        let t = Triggers::bundled();
        let mut variants: Vec<&Vec<Word>> = t.by_first.values().flatten().map(|(_, w)| w).collect();
        variants.sort();
        let fillers = [
            "the", "syria", "quickly", "on", "to", "and", ",", ".", "'s", "-", "with", "monday",
            "talks", "not", "that", "against", "forces", "again",
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
            let mut k: Vec<String> = Vec::new();
            for _ in 0..1 + next(3) {
                for _ in 0..next(3) {
                    k.push(fillers[next(fillers.len())].to_string());
                }
                for w in variants[next(variants.len())] {
                    match w {
                        Word::Lit(l) => k.push(l.to_string()),
                        Word::Gap => {
                            for _ in 0..next(7) {
                                k.push(fillers[next(fillers.len())].to_string());
                            }
                        }
                    }
                    if next(4) == 0 {
                        k.push(fillers[next(fillers.len())].to_string());
                    }
                }
            }
            let w: Vec<bool> = k
                .iter()
                .map(|x| x.chars().all(|c| c.is_alphanumeric() || c == '\''))
                .collect();
            for at in 0..k.len() {
                let want = naive_best_at(t, &k, &w, at);
                matched += usize::from(want.is_some());
                assert_eq!(t.best_at(&k, &w, at), want, "{k:?} at {at}");
            }
        }
        assert!(matched > 5000, "{matched}");
    }

    #[test]
    fn non_events_outrank_the_trigger_inside_them() {
        let irr = Irregulars::parse("meet\tmeets\tmet\tmet\tmeeting\n").unwrap();
        let mut t = Triggers::default();
        t.add_file("t.tsv", "040\tv\tmeet\n-\tx\tmeet * deadline\n", &irr)
            .unwrap();
        let (k, w) = words("they met the deadline");
        let m = t.find(&k, &w);
        assert_eq!(m.len(), 1);
        assert!(t.patterns[m[0].pattern].is_stop());
        let (k, w) = words("they met the envoy");
        assert!(!t.patterns[t.find(&k, &w)[0].pattern].is_stop());
        assert!(
            t.add_file("t.tsv", "040\tx\tmeet * goal\n", &irr).is_err(),
            "a non-event has no code"
        );
    }

    #[test]
    fn bad_rows_are_reported() {
        let irr = Irregulars::default();
        let mut t = Triggers::default();
        let e = t
            .add_file("x.tsv", "#\n12x\tv\treject\n", &irr)
            .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("x.tsv", 2));
        assert!(t.add_file("x.tsv", "120\tq\treject\n", &irr).is_err());
        assert!(t.add_file("x.tsv", "120\tv\t* reject\n", &irr).is_err());
    }
}
