//! Quantities: counts of people and things, read through the dependency tree.
//!
//! Reads: `Doc::syntax` (tags, lemmas, the tree, entity labels) and `Doc::mentions`. Adds:
//! `Doc::quantities`.
//!
//! A count is a number (digits, number words, "a dozen", "1.5 million", vague plurals such as
//! "hundreds of" whose lower bound is the value) attached to the noun it counts: as its `nummod`,
//! as the head of an "of" partitive ("scores of villagers", "six of the crew"), or through a size
//! adjective ("a 400-strong unit"). Its kind is what the tree says happened to that noun: the
//! verb it is the object or passive subject of ("troops detained 40 men", "40 men were
//! detained"), the subject of for verbs that happen to their subject ("200 families fled"), a
//! participle or adjective on it ("12 villagers injured", "nine dead"), a complement whose subject
//! it is ("forced 300 people to leave", "left eight wounded"), a nominal event ("the deaths of
//! four miners"), a tally it is the size of ("the toll climbed to 31"), or the larger count it is
//! part of ("including seven children"). Coordinated verbs share their arguments. Without such a
//! reading the counted noun may imply a kind ("refugees", "troops"); otherwise it is `other`.
//! A number with no counted noun is kept only when the tree gives it a kind ("killing 14").
//!
//! Not counts: numbers the entity recogniser labels money, percent, measure, ordinal or time;
//! dates and years (a plural counted noun overrides a date label: "between 30 and 40 people");
//! counted nouns that are measures ("five years", "12 km", "nine votes"); numbers after their
//! noun ("Article 5") or before a proper name. Word lists: `data/lexicon/quantities.tsv`.

mod number;
mod reading;
mod tree;

use crate::country::Code;
use crate::doc::{Doc, Quantity, QuantityKind};
use crate::lexicon::{lexicon, QuantityWords};
use crate::pipeline::{Layer, Stage};
use crate::quotes::MentionIndex;
use crate::span::Span;
use number::{group_of, is_numeric, value_of, Group, Value};
use reading::Reader;
use tree::Tree;

/// Entity labels that make a number no count: ordinals, and names that hold a number
/// ("Resolution 2254", "Flight 9").
const NOT_COUNTS: [&str; 10] = [
    "ORDINAL",
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "EVENT",
    "PRODUCT",
    "LAW",
    "WORK_OF_ART",
];
/// Entity labels of dates and amounts, which a plural counted noun overrides ("between 30 and
/// 40 people", "some 2.4 million people" are sometimes labelled so).
const NOT_COUNTS_ALONE: [&str; 5] = ["DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"];
/// Currency signs right before digits.
const CURRENCY: [char; 7] = ['$', '€', '£', '¥', '₺', '₽', '₹'];

/// The quantity stage: fills `Doc::quantities`.
pub struct Quantities;

impl Stage for Quantities {
    fn name(&self) -> &'static str {
        "quantities"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Syntax, Layer::Mentions]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quantities]
    }

    fn run(&self, doc: &mut Doc) {
        let found = find(doc);
        doc.quantities.extend(found);
    }
}

/// All counts in the document, in text order. Nothing without the model's reading.
pub fn find(doc: &Doc) -> Vec<Quantity> {
    let Some(ann) = &doc.syntax else {
        return Vec::new();
    };
    let t = Tree::new(doc.text(), ann);
    let reader = Reader {
        t: &t,
        lex: &lexicon().quantities,
    };
    let mentions = MentionIndex::new(&doc.mentions);
    let mut covered = vec![false; t.len()];
    let mut out = Vec::new();
    for i in 0..t.len() {
        if covered[i] || !is_numeric(&t, reader.lex, i) {
            continue;
        }
        let g = group_of(&t, reader.lex, i);
        covered[g.first..=g.last].iter_mut().for_each(|c| *c = true);
        out.extend(count(doc, &mentions, &reader, g));
    }
    out.extend(singles(doc, &mentions, &reader, &covered));
    out.sort_by_key(|q| q.span.start);
    out
}

/// What a number counts.
#[derive(Clone, Copy, Debug)]
enum Counted {
    /// The noun it modifies ("40 men", "a 400-strong unit").
    Noun(usize),
    /// The object of its "of" ("six of the crew"): the number itself is the argument.
    Part(usize),
    /// Nothing: the number stands for its noun ("45 were killed").
    Alone,
}

impl Counted {
    fn noun(self) -> Option<usize> {
        match self {
            Counted::Noun(n) | Counted::Part(n) => Some(n),
            Counted::Alone => None,
        }
    }
}

fn count(doc: &Doc, mentions: &MentionIndex, r: &Reader, g: Group) -> Option<Quantity> {
    let t = r.t;
    let lower = doc.lower.get(t.start(g.first)..t.end(g.last))?;
    let words: Vec<&str> = lower.split_whitespace().collect();
    let value = value_of(r.lex, &words)?;
    let counted = counted(t, r.lex, g)?;
    if !is_count(doc, t, r.lex, g, counted, &value) {
        return None;
    }
    let arg = match counted {
        Counted::Noun(n) => n,
        _ => g.head,
    };
    let kind = r
        .kind(arg)
        .or_else(|| counted.noun().and_then(|n| r.noun_kind(n)));
    if kind.is_none() && counted.noun().is_none() {
        return None;
    }
    let kind = kind.unwrap_or(QuantityKind::Other);
    let amount = value.value.round().max(0.0) as u64;
    if amount == 0 || (amount == 1 && kind == QuantityKind::Other) {
        return None;
    }
    let (qualifier, start) = qualifier(t, r.lex, g, counted, &value);
    let noun_end = counted.noun().filter(|&n| n > g.last).map_or(g.last, |n| n);
    Some(Quantity {
        kind,
        value: amount,
        qualifier,
        unit: counted
            .noun()
            .map_or_else(|| "people".into(), |n| unit(doc, t, n)),
        span: Span::new(t.start(start), t.end(noun_end)),
        actor: counted
            .noun()
            .and_then(|n| actor(mentions, t, g.last + 1, n)),
    })
}

/// The noun a number counts; `None` when the number is a label ("Article 5").
fn counted(t: &Tree, lex: &QuantityWords, g: Group) -> Option<Counted> {
    let h = g.head;
    // An adjective with a number is used as a noun ("33 dead", "11 Italian").
    let nominal = |n: usize| t.is_noun(n) || matches!(t.tag(n), "JJ" | "VBN");
    if let Some(mut n) = t.head(h).filter(|&n| nominal(n)) {
        if matches!(t.dep(h), "nummod" | "compound" | "quantmod") {
            // "a 155-millimetre shell", "a 12-year-old": the number measures the first noun.
            if lex.measure.contains(t.lemma(n)) {
                return None;
            }
            // "30 border guards": the noun the compound modifies.
            while let Some(m) = t.head(n).filter(|&m| m > n && t.is_noun(m)) {
                if t.dep(n) != "compound" {
                    break;
                }
                n = m;
            }
            return (n > g.last).then_some(Counted::Noun(n));
        }
    }
    // "a 400-strong unit"
    if let Some(adj) = t.head(h).filter(|&a| lex.size.contains(t.lemma(a))) {
        if let Some(n) = t.head(adj).filter(|&n| t.is_noun(n)) {
            return Some(Counted::Noun(n));
        }
    }
    let part = t
        .prep_objects(h)
        .find(|(p, o)| *p == "of" && *o > g.last)
        .map(|(_, o)| Counted::Part(o));
    Some(part.unwrap_or(Counted::Alone))
}

/// False for money, percentages, measures, times, dates and names.
fn is_count(doc: &Doc, t: &Tree, lex: &QuantityWords, g: Group, c: Counted, v: &Value) -> bool {
    let labels = || (g.first..=g.last).filter_map(|k| t.label(k));
    if labels().any(|l| NOT_COUNTS.contains(&l)) {
        return false;
    }
    let plural_noun = c.noun().is_some_and(|n| t.is_plural_noun(n));
    let dated = labels().any(|l| NOT_COUNTS_ALONE.contains(&l));
    if ((dated || v.year_like) && !plural_noun) || (v.year_like && dated) {
        return false;
    }
    let before = doc.text().get(..t.start(g.first)).unwrap_or("");
    let after = doc.text().get(t.end(g.last)..).unwrap_or("");
    if before.ends_with(CURRENCY) || after.starts_with(':') {
        return false;
    }
    let Some(n) = c.noun() else {
        return true;
    };
    if lex.measure.contains(t.lemma(n)) || lex.measure.contains(t.lower(n)) {
        return false;
    }
    // "10 Main Street office", "Exercise Shield 21 drill": a number in a name.
    let named = (g.last + 1..n).any(|k| t.tag(k) == "NNP" && t.dep(k) == "compound")
        || (g.first > 0 && t.tag(g.first - 1) == "NNP");
    !(t.tag(n) == "NNP" || (named && !plural_noun))
}

/// The qualifier before the number ("more than", "at least", "another"), else the vague phrase
/// ("hundreds of") or "between" for a range; and the first token of the count's text.
fn qualifier(
    t: &Tree,
    lex: &QuantityWords,
    g: Group,
    c: Counted,
    v: &Value,
) -> (Option<String>, usize) {
    let belongs = |k: usize| {
        t.governs(g.head, k, 4)
            || c.noun().is_some_and(|n| t.governs(n, k, 4))
            || t.head(k).is_some_and(|h| (g.first..=g.last).contains(&h))
    };
    for n in (1..=lex.qualifiers.reach().min(g.first)).rev() {
        let ks = g.first - n..g.first;
        if ks.clone().any(|k| t.is_space(k) || !belongs(k)) {
            continue;
        }
        let words: Vec<&str> = ks.clone().map(|k| t.lower(k)).collect();
        if lex.qualifiers.longest(&words).is_some_and(|(m, _)| m == n) {
            return (Some(words.join(" ")), ks.start);
        }
    }
    let vague = v.vague.as_ref().map(|p| match c {
        Counted::Part(_) => format!("{p} of"),
        _ => p.clone(),
    });
    let range = v.range.then(|| "between".to_string());
    (vague.or(range), g.first)
}

/// The counted noun with the compounds right before it ("asylum seekers"), lower-cased.
fn unit(doc: &Doc, t: &Tree, n: usize) -> String {
    let mut first = n;
    while first > 0 && t.head(first - 1) == Some(n) && t.dep(first - 1) == "compound" {
        first -= 1;
    }
    doc.lower
        .get(t.start(first)..t.end(n))
        .unwrap_or_else(|| t.lower(n))
        .to_string()
}

/// The coded actor of the counted noun, or of its modifiers from token `from` ("Syrian").
fn actor(mentions: &MentionIndex, t: &Tree, from: usize, n: usize) -> Option<Code> {
    let on = |span: Span| mentions.longest_code(span, |_| true);
    let noun = Span::new(t.start(n), t.end(n));
    let modifiers = (from < n).then(|| Span::new(t.start(from), t.end(n - 1)));
    on(noun).or_else(|| modifiers.and_then(on))
}

/// One person killed, wounded or arrested, told with "a" ("a guard was shot dead").
fn singles(doc: &Doc, mentions: &MentionIndex, r: &Reader, covered: &[bool]) -> Vec<Quantity> {
    let t = r.t;
    let mut out = Vec::new();
    for n in 0..t.len() {
        if t.tag(n) != "NN" || r.lex.tally.contains(t.lemma(n)) {
            continue;
        }
        let Some(det) = t
            .kids(n)
            .iter()
            .copied()
            .find(|&k| t.dep(k) == "det" && matches!(t.lower(k), "a" | "an"))
        else {
            continue;
        };
        if det > n || covered[det..=n].iter().any(|c| *c) {
            continue;
        }
        let kind = r.kind(n);
        if !matches!(
            kind,
            Some(QuantityKind::Killed | QuantityKind::Wounded | QuantityKind::Arrested)
        ) {
            continue;
        }
        out.push(Quantity {
            kind: kind.unwrap_or(QuantityKind::Other),
            value: 1,
            qualifier: None,
            unit: unit(doc, t, n),
            span: Span::new(t.start(det), t.end(n)),
            actor: actor(mentions, t, det + 1, n),
        });
    }
    out
}
