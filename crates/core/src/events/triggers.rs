//! Event triggers: the verb and noun patterns of `data/verbs/*.tsv` (format in
//! `data/verbs/README.md`), inflected at load time and matched on a sentence's tokens.

use crate::codebook::tsv_rows;
use crate::lexicon::inflect::{noun_forms, Irregulars};
use crate::lexicon::trie::key;
use std::collections::HashMap;

const VERB_FORMS: &str = include_str!("../../../../data/lexicon/verb_forms.tsv");

/// The bundled pattern files, one per CAMEO root.
const FILES: [(&str, &str); 20] = [
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
const PREPOSITIONS: &[&str] = &[
    "on", "against", "with", "to", "of", "for", "in", "at", "by", "from", "over", "into",
];

/// Up to this many tokens may stand for a `*` in a pattern.
const MAX_GAP: usize = 5;
/// Up to this many unlisted words (adjectives, adverbs) may sit between two pattern words.
const MAX_SKIP: usize = 2;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Word {
    Lit(Box<str>),
    Gap,
}

#[derive(Clone, Debug)]
pub struct Pattern {
    pub code: Box<str>,
    pub nominal: bool,
    /// The pattern as written, for diagnostics.
    pub text: Box<str>,
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
    by_first: HashMap<Box<str>, Vec<(usize, Vec<Word>)>>,
}

impl Triggers {
    pub fn bundled() -> &'static Triggers {
        static T: std::sync::OnceLock<Triggers> = std::sync::OnceLock::new();
        T.get_or_init(|| {
            let irregular = Irregulars::parse(VERB_FORMS).expect("bundled verb forms are valid");
            let mut t = Triggers::default();
            for (name, src) in FILES {
                t.add_file(name, src, &irregular)
                    .expect("bundled patterns are valid");
            }
            t
        })
    }

    pub fn add_file(
        &mut self,
        file: &str,
        src: &str,
        irregular: &Irregulars,
    ) -> Result<(), PatternError> {
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
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(format!("bad CAMEO code {code:?}")));
            }
            let nominal = match kind {
                "v" => false,
                "n" => true,
                other => return Err(err(format!("unknown kind {other:?} (v or n)"))),
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
                code: code.into(),
                nominal,
                text: pattern.into(),
            });
            // Inflect: a verb's first word, a noun phrase's head (its last non-preposition word).
            let slot = if nominal {
                words
                    .iter()
                    .rposition(|w| matches!(w, Word::Lit(l) if !PREPOSITIONS.contains(&l.as_ref())))
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
            for (i, form) in forms {
                let mut variant = words.clone();
                variant[i] = Word::Lit(form.into());
                let Some(Word::Lit(first)) = variant.first().cloned() else {
                    continue;
                };
                let entry = self.by_first.entry(first).or_default();
                if !entry
                    .iter()
                    .any(|(p, w)| self.patterns[*p].code == self.patterns[id].code && *w == variant)
                {
                    entry.push((id, variant));
                }
            }
        }
        Ok(())
    }

    /// The best pattern starting at token `at` of a sentence, given its lowercase token keys and
    /// whether each token is a word (skips and gaps never cross punctuation).
    pub fn best_at<S: AsRef<str>>(&self, keys: &[S], is_word: &[bool], at: usize) -> Option<Match> {
        let candidates = self.by_first.get(keys.get(at)?.as_ref())?;
        let mut best: Option<Match> = None;
        for (id, words) in candidates {
            if let Some(m) = match_words(&words[1..], keys, is_word, at + 1, 1, 0, Vec::new()) {
                let m = Match {
                    pattern: *id,
                    start: at,
                    ..m
                };
                let better = best.as_ref().is_none_or(|b| {
                    (m.literals, usize::MAX - m.skipped) > (b.literals, usize::MAX - b.skipped)
                });
                if better {
                    best = Some(m);
                }
            }
        }
        best
    }

    /// Non-overlapping trigger matches in a sentence, left to right, longest first at each start.
    pub fn find<S: AsRef<str>>(&self, keys: &[S], is_word: &[bool]) -> Vec<Match> {
        let mut out: Vec<Match> = Vec::new();
        let mut at = 0;
        while at < keys.len() {
            match self.best_at(keys, is_word, at) {
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

fn in_gap(m: &Match, at: usize) -> bool {
    m.gaps.iter().any(|g| g.0 <= at && at < g.1)
}

fn match_words<S: AsRef<str>>(
    rest: &[Word],
    keys: &[S],
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
                if n > 0 && !is_word.get(at + n - 1).copied().unwrap_or(false) {
                    // a gap may hold words and possessive marks, never sentence punctuation
                    let k = keys.get(at + n - 1).map(|k| k.as_ref());
                    if !matches!(k, Some("'s") | Some("-") | Some(",")) {
                        break;
                    }
                }
                if at + n > keys.len() {
                    break;
                }
                let mut g = gaps.clone();
                g.push((at, at + n));
                if let Some(m) =
                    match_words(&rest[1..], keys, is_word, at + n, literals, skipped, g)
                {
                    // Prefer the reading that skips fewest unlisted words.
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
            // Unlisted words may precede a content word ("held intense talks"); before a
            // preposition only time words and adverbs may ("demonstrated on Tuesday in"), so "stop
            // in" does not match "stop its hostility in".
            let before_preposition = PREPOSITIONS.contains(&w.as_ref());
            for skip in 0..=MAX_SKIP {
                let i = at + skip;
                if i >= keys.len() || (skip > 0 && !is_word[i - 1]) {
                    return None;
                }
                if skip > 0 && before_preposition && !is_adverbial(keys[i - 1].as_ref()) {
                    return None;
                }
                if keys[i].as_ref() == w.as_ref() {
                    return match_words(
                        &rest[1..],
                        keys,
                        is_word,
                        i + 1,
                        literals + 1,
                        skipped + skip,
                        gaps,
                    );
                }
                if is_barrier(keys[i].as_ref()) {
                    return None;
                }
            }
            None
        }
    }
}

/// Time words and adverbs, which may stand anywhere in a verb phrase.
fn is_adverbial(w: &str) -> bool {
    w.ends_with("ly")
        || matches!(
            w,
            "on" | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "today"
                | "yesterday"
                | "again"
                | "also"
                | "here"
                | "there"
                | "now"
                | "once"
                | "twice"
                | "hard"
                | "further"
                | "back"
                | "still"
                | "already"
        )
}

/// Words that end the reach of a skip: a new clause or coordination starts.
fn is_barrier(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "but"
            | "or"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "while"
            | "as"
            | "if"
            | "because"
            | "said"
            | "says"
    )
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
            .map(|m| t.patterns[m.pattern].code.to_string())
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
