//! Quantities: head counts of people (killed, wounded, displaced, refugees, arrested, troops).
//!
//! A number is a run of digits ("900,000", "2.9", "1.5m"), of number words ("four million",
//! "twenty-five", "a dozen", "half a million"), or a vague plural ("hundreds of", "tens of
//! thousands of"). Vague plurals take their lower bound as the value ("dozens" → 12, "hundreds"
//! → 100, "thousands" → 1000, "tens of thousands" → 10000, "hundreds of thousands" → 100000) and
//! keep the phrase as the qualifier ("hundreds of"). A range keeps its first number with the
//! qualifier "between" ("between 30 and 40", "30-40" → 30).
//!
//! Only counts of people are reported: a number followed (within three words) by a counted noun
//! from the lexicon ("people", "civilians", "Turkish soldiers", "Syrians"), or a bare number next
//! to a casualty/displacement cue ("killing 13", "13 were killed", "another three million, most
//! of whom were forced to flee"). Years, dates, ages, times, money, percentages, measures,
//! ordinals, fractions, labels ("Resolution 2254") and phone-like digit runs are skipped.
//!
//! Kind: a killed/wounded/arrested cue in the same clause wins; else the kind the counted noun
//! implies ("refugees", "troops"); else the nearest cue in the sentence (commas count as
//! distance); else `other`. A cue right next to the number also wins the first pass, and on a tie
//! the cue after the number wins ("killed and five others wounded"). "Casualties" (dead and
//! wounded together) is `other` unless the clause says which. Cue words, units and number words live in `data/lexicon/quantities.tsv`.

use crate::codebook::tsv_rows;
use crate::doc::{Doc, Quantity, QuantityKind};
use crate::pipeline::Stage;
use crate::quotes::words::{lowered, scan, Phrases, Word, WordKind};
use crate::span::Span;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const LEXICON: &str = include_str!("../../../data/lexicon/quantities.tsv");

/// Words allowed between a number and its counted noun besides ordinary adjectives.
const UNIT_SKIP: [&str; 6] = ["of", "more", "other", "the", "their", "its"];
/// Words before a capitalised word that do not make it a label ("The 13 soldiers").
const NOT_LABEL: [&str; 9] = [
    "the", "a", "an", "all", "another", "only", "and", "but", "for",
];
/// How many words a bare count may be from its cue.
const CUE_REACH: usize = 8;
/// Extra distance for each comma between a number and a cue.
const COMMA_COST: usize = 4;

#[derive(Debug, Default)]
struct Lexicon {
    number: HashMap<String, u64>,
    scale: HashMap<String, u64>,
    vague: Phrases,
    qualifier: Phrases,
    cue: Phrases,
    unit: Phrases,
    measure: Phrases,
    currency: HashSet<String>,
    label: HashSet<String>,
    month: HashSet<String>,
    age: Phrases,
    follow: HashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon::default();
        for (_, f) in tsv_rows(LEXICON) {
            let (Some(&kind), Some(&entry)) = (f.first(), f.get(1)) else {
                continue;
            };
            let value = f.get(2).copied().unwrap_or("");
            let num = || value.parse::<u64>().ok();
            match kind {
                "number" => {
                    if let Some(v) = num() {
                        lex.number.insert(entry.into(), v);
                    }
                }
                "scale" => {
                    if let Some(v) = num() {
                        lex.scale.insert(entry.into(), v);
                    }
                }
                "vague" => lex.vague.insert(entry, value),
                "qualifier" => lex.qualifier.insert(entry, entry),
                "cue" => lex.cue.insert(entry, value),
                "unit" => lex.unit.insert(entry, value),
                "measure" => lex.measure.insert(entry, ""),
                "currency" => drop(lex.currency.insert(entry.into())),
                "label" => drop(lex.label.insert(entry.into())),
                "month" => drop(lex.month.insert(entry.into())),
                "age" => lex.age.insert(entry, ""),
                "follow" => drop(lex.follow.insert(entry.into())),
                _ => {}
            }
        }
        lex
    })
}

fn kind_of(name: &str) -> Option<QuantityKind> {
    Some(match name {
        "killed" => QuantityKind::Killed,
        "wounded" => QuantityKind::Wounded,
        "displaced" => QuantityKind::Displaced,
        "refugees" => QuantityKind::Refugees,
        "arrested" => QuantityKind::Arrested,
        "troops" => QuantityKind::Troops,
        "other" => QuantityKind::Other,
        _ => return None,
    })
}

/// A parsed number: words `start..end`, its value and, for vague plurals, their phrase.
#[derive(Debug)]
struct Number {
    start: usize,
    end: usize,
    value: f64,
    vague: Option<String>,
    /// A bare 4-digit run that could be a year.
    year_like: bool,
    digits: bool,
    /// A range written as one word ("30-40").
    range: bool,
}

/// The quantity stage: fills `Doc::quantities`.
pub struct Quantities;

impl Stage for Quantities {
    fn name(&self) -> &'static str {
        "quantities"
    }

    fn run(&self, doc: &mut Doc) {
        let found = find(doc);
        doc.quantities.extend(found);
    }
}

/// All head counts in the document, in text order.
pub fn find(doc: &Doc) -> Vec<Quantity> {
    let lex = lexicon();
    let text = doc.text();
    let ws = scan(text);
    let lw = lowered(&doc.lower, &ws);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some(mut num) = parse_number(lex, text, &ws, &lw, i) else {
            i += 1;
            continue;
        };
        let mut qualifier = num.vague.clone();
        let mut qual_start = num.start;
        if let Some((n, q)) = lex.qualifier.ending_at(&lw, num.start) {
            if is_word(&ws, num.start - n) {
                qualifier = Some(q.to_string());
                qual_start = num.start - n;
            }
        }
        // Ranges: keep the first number, skip the second.
        if num.range {
            qualifier.get_or_insert_with(|| "between".into());
        } else if matches!(
            lw.get(num.end).map(String::as_str),
            Some("and" | "to" | "-" | "–")
        ) {
            if let Some(second) = parse_number(lex, text, &ws, &lw, num.end + 1) {
                if qualifier.as_deref() == Some("between") || lw[num.end] != "and" {
                    qualifier.get_or_insert_with(|| "between".into());
                    num.end = second.end;
                }
            }
        }
        let next = num.end;
        i = next.max(i + 1);
        if skip_number(lex, text, &ws, &lw, &num) {
            continue;
        }
        let unit = find_unit(lex, doc, &ws, &lw, num.end);
        let kind = match &unit {
            Some(u) => choose_kind(lex, doc, &ws, &lw, &num, u.end, u.kind),
            None => {
                let bare_ok = match ws.get(num.end) {
                    None => true,
                    Some(w) => w.kind == WordKind::Punct || lex.follow.contains(&lw[num.end]),
                };
                if !bare_ok || nearest_cue(lex, doc, &ws, &lw, &num, num.end, false).is_none() {
                    continue;
                }
                choose_kind(lex, doc, &ws, &lw, &num, num.end, None)
            }
        };
        let end_word = unit.as_ref().map_or(num.end, |u| u.end);
        let span = Span::new(ws[qual_start].span.start, ws[end_word - 1].span.end);
        let unit_span = unit
            .as_ref()
            .map(|u| Span::new(ws[u.start].span.start, ws[u.end - 1].span.end));
        // Without a mention on the noun, one on the words before it ("eight Turkish personnel").
        let modifier_span = unit
            .as_ref()
            .filter(|u| u.start > num.end)
            .map(|u| Span::new(ws[num.end].span.start, ws[u.start - 1].span.end));
        out.push(Quantity {
            kind,
            value: num.value.round().max(0.0) as u64,
            qualifier,
            unit: unit
                .as_ref()
                .map_or_else(|| "people".into(), |u| u.name.clone()),
            span,
            actor: unit_span
                .and_then(|s| actor_at(doc, s))
                .or_else(|| modifier_span.and_then(|s| actor_at(doc, s))),
        });
    }
    out
}

fn is_word(ws: &[Word], i: usize) -> bool {
    ws.get(i).is_some_and(|w| w.kind == WordKind::Word)
}

/// The value of one number word ("four", "twenty-five").
fn word_value(lex: &Lexicon, w: &str) -> Option<u64> {
    if let Some(v) = lex.number.get(w) {
        return Some(*v);
    }
    let (tens, ones) = w.split_once('-')?;
    let (t, o) = (*lex.number.get(tens)?, *lex.number.get(ones)?);
    (t >= 20 && t % 10 == 0 && o < 10).then_some(t + o)
}

/// Digits with an optional scale suffix ("900,000", "2.9", "1.5m", "2bn"); `None` for
/// ordinals, ranges and other digit-letter mixes. Returns (value, year_like, range).
fn parse_digits(lex: &Lexicon, w: &str) -> Option<(f64, bool, bool)> {
    if let Some((a, b)) = w.split_once(['-', '–']) {
        let (a, b) = (a.parse::<u64>().ok()?, b.parse::<u64>().ok()?);
        return (a < b).then_some((a as f64, false, true));
    }
    let split = w
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(w.len());
    let (digits, suffix) = w.split_at(split);
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let scale = if suffix.is_empty() {
        1
    } else {
        *lex.scale.get(suffix)?
    };
    let plain: String = digits.chars().filter(|c| *c != ',').collect();
    let value: f64 = plain.parse().ok()?;
    let year_like = suffix.is_empty() && digits.len() == 4 && !digits.contains([',', '.']);
    Some((value * scale as f64, year_like, false))
}

fn parse_number(lex: &Lexicon, text: &str, ws: &[Word], lw: &[String], i: usize) -> Option<Number> {
    if !is_word(ws, i) {
        return None;
    }
    let w = lw[i].as_str();
    let mut num = Number {
        start: i,
        end: i + 1,
        value: 0.0,
        vague: None,
        year_like: false,
        digits: false,
        range: false,
    };
    if let Some((n, v)) = lex.vague.at(lw, i) {
        num.value = v.parse().ok()?;
        num.end = i + n;
        let mut phrase = lw[i..i + n].join(" ");
        if lw.get(num.end).map(String::as_str) == Some("of") {
            phrase.push_str(" of");
            num.end += 1;
        }
        num.vague = Some(phrase);
        return Some(num);
    }
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        let (value, year_like, range) = parse_digits(lex, w)?;
        // "1,5" style decimals or "12:30" times are not counts.
        if text
            .get(ws[i].span.end..)
            .is_some_and(|r| r.starts_with(':'))
        {
            return None;
        }
        num.value = value;
        num.year_like = year_like;
        num.digits = true;
        num.range = range;
    } else if matches!(w, "a" | "an")
        && lw
            .get(i + 1)
            .is_some_and(|n| lex.scale.contains_key(n) && n.len() > 2)
    {
        num.value = *lex.scale.get(&lw[i + 1])? as f64;
        num.end = i + 2;
    } else if w == "half"
        && lw.get(i + 1).map(String::as_str) == Some("a")
        && lw
            .get(i + 2)
            .is_some_and(|n| lex.scale.contains_key(n) && n.len() > 2)
    {
        num.value = *lex.scale.get(&lw[i + 2])? as f64 / 2.0;
        num.end = i + 3;
    } else {
        // Number words: "four", "twenty-five", "one hundred and twenty", "four million".
        let (mut total, mut current) = (0u64, 0u64);
        let mut j = i;
        let mut any = false;
        while j < lw.len() && is_word(ws, j) {
            let x = lw[j].as_str();
            if let Some(v) = word_value(lex, x) {
                current = current.saturating_add(v);
            } else if any && (x == "hundred" || x == "dozen") {
                current = current
                    .max(1)
                    .saturating_mul(if x == "hundred" { 100 } else { 12 });
            } else if any && matches!(x, "thousand" | "million" | "billion") {
                let s = lex.scale.get(x).copied().unwrap_or(1);
                total = total.saturating_add(current.max(1).saturating_mul(s));
                current = 0;
            } else if any
                && x == "and"
                && lw.get(j + 1).is_some_and(|n| word_value(lex, n).is_some())
            {
            } else {
                break;
            }
            any = true;
            j += 1;
        }
        if !any {
            return None;
        }
        num.value = total.saturating_add(current) as f64;
        num.end = j;
        return Some(num);
    }
    // Scale words after digits or "a": "2.9 million", "a dozen", "3 hundred thousand".
    while let Some(s) = lw.get(num.end).and_then(|x| lex.scale.get(x)) {
        if lw[num.end].len() <= 2 {
            break; // "5 m" is metres, not millions
        }
        num.value *= *s as f64;
        num.year_like = false;
        num.end += 1;
    }
    Some(num)
}

/// True when the number is a year, date, age, time, amount of money, measure, label or part
/// of a longer digit run rather than a head count.
fn skip_number(lex: &Lexicon, text: &str, ws: &[Word], lw: &[String], num: &Number) -> bool {
    let prev = num.start.checked_sub(1).map(|p| lw[p].as_str());
    let next = lw.get(num.end).map(String::as_str);
    if lex.measure.at(lw, num.end).is_some() {
        return true;
    }
    if prev
        .is_some_and(|p| lex.month.contains(p) || lex.currency.contains(p) || lex.label.contains(p))
        || next.is_some_and(|n| lex.month.contains(n))
    {
        return true;
    }
    if num.start > 0 && lex.age.ending_at(lw, num.start).is_some() {
        return true;
    }
    // "one of the deadliest attacks": a partitive, not a count.
    if lw[num.start] == "one" && num.end == num.start + 1 && next == Some("of") {
        return true;
    }
    // "January 26, 2020": a number right after "<month> <day>,".
    if num.start >= 3 && lw[num.start - 1] == "," && lex.month.contains(&lw[num.start - 3]) {
        return true;
    }
    let before = text.get(..ws[num.start].span.start).unwrap_or("");
    if before.ends_with(['$', '€', '£', '¥', '₺', '₽', '+', '#']) {
        return true;
    }
    if num.digits {
        if num.year_like && lex.unit.at(lw, num.end).is_none() {
            return true;
        }
        // Digit runs such as phone numbers: "312 555 0100".
        let digit_word = |k: usize| {
            ws.get(k).is_some_and(|w| w.kind == WordKind::Word)
                && lw[k].starts_with(|c: char| c.is_ascii_digit())
        };
        if digit_word(num.end) || num.start > 0 && digit_word(num.start - 1) {
            return true;
        }
        // "Resolution 2254", "Flight 17": a capitalised word right before the digits.
        if num.start > 0 && is_word(ws, num.start - 1) {
            let p = ws[num.start - 1].span.of(text);
            let at_start = num.start < 2 || ws[num.start - 2].kind == WordKind::Punct;
            if p.starts_with(char::is_uppercase)
                && !at_start
                && !NOT_LABEL.contains(&lw[num.start - 1].as_str())
                && lex.qualifier.ending_at(lw, num.start).is_none()
            {
                return true;
            }
        }
    }
    false
}

/// A counted noun: words `start..end`, its name and the kind it implies.
#[derive(Debug)]
struct Unit {
    start: usize,
    end: usize,
    name: String,
    kind: Option<QuantityKind>,
}

fn find_unit(lex: &Lexicon, doc: &Doc, ws: &[Word], lw: &[String], from: usize) -> Option<Unit> {
    let text = doc.text();
    for j in from..from + 4 {
        if !is_word(ws, j) {
            return None;
        }
        if let Some((n, k)) = lex.unit.at(lw, j) {
            return Some(Unit {
                start: j,
                end: j + n,
                name: lw[j..j + n].join(" "),
                kind: kind_of(k),
            });
        }
        // Demonym plurals: "four million Syrians", "300 Iraqis".
        let w = ws[j].span.of(text);
        if w.starts_with(char::is_uppercase)
            && (w.ends_with("ans") || w.ends_with("is") || w.ends_with("ese"))
            && w.len() > 4
        {
            return Some(Unit {
                start: j,
                end: j + 1,
                name: w.to_string(),
                kind: None,
            });
        }
        let x = lw[j].as_str();
        // Another plural noun ("17 municipal elections") or a short function word ("as") ends
        // the search: the number counts that noun, not a later one.
        let plural = x.ends_with('s') && !x.ends_with("ous") && !x.ends_with("ss") && x.len() > 3;
        let skippable = UNIT_SKIP.contains(&x)
            || !(lex.follow.contains(x)
                || lex.measure.at(lw, j).is_some()
                || word_value(lex, x).is_some()
                || plural
                || (x.len() <= 2 && !w.starts_with(char::is_uppercase)));
        if !skippable || x.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
    }
    None
}

/// Word range of the sentence holding word `i` (the line when there are no sentences).
fn sentence_words(doc: &Doc, ws: &[Word], i: usize) -> (usize, usize) {
    let text = doc.text();
    let at = ws[i].span.start;
    let span = match doc.sentence_at(at) {
        Some(s) => doc.sentences[s].span,
        None => {
            let start = text
                .get(..at)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |p| p + 1);
            let end = text
                .get(at..)
                .and_then(|t| t.find('\n'))
                .map_or(text.len(), |p| at + p);
            Span::new(start, end)
        }
    };
    let a = ws.partition_point(|w| w.span.start < span.start).min(i);
    let b = ws.partition_point(|w| w.span.start < span.end).max(i + 1);
    // Sentence ends inside the span too, whatever the segmenter did.
    let end = |k: &usize| {
        ws[*k].kind == WordKind::Punct && matches!(ws[*k].span.of(text), "." | "!" | "?")
    };
    let a = (a..i).rev().find(end).map_or(a, |k| k + 1);
    let b = (i..b).find(end).unwrap_or(b);
    (a, b)
}

/// The nearest cue to the number: (kind, distance in words, commas crossed).
fn nearest_cue(
    lex: &Lexicon,
    doc: &Doc,
    ws: &[Word],
    lw: &[String],
    num: &Number,
    end: usize,
    strong_only: bool,
) -> Option<(QuantityKind, usize, usize)> {
    let (a, b) = sentence_words(doc, ws, num.start);
    let mut best: Option<(QuantityKind, usize, usize)> = None;
    let mut p = a;
    while p < b {
        let Some((n, k)) = lex.cue.at(lw, p) else {
            p += 1;
            continue;
        };
        let Some(kind) = kind_of(k) else {
            p += n;
            continue;
        };
        let strong = matches!(
            kind,
            QuantityKind::Killed | QuantityKind::Wounded | QuantityKind::Arrested
        );
        let (lo, hi) = if p >= end {
            (end, p)
        } else if p + n <= num.start {
            (p + n, num.start)
        } else {
            (p, p)
        };
        let commas = (lo..hi)
            .filter(|&k| matches!(lw[k].as_str(), "," | ";" | "(" | ")"))
            .count();
        let dist = hi - lo;
        // The first pass takes a casualty/arrest cue in the same clause, or any cue right next
        // to the number ("displaced hundreds of thousands").
        let ok = if strong_only {
            commas == 0 && (dist == 0 || strong && dist <= 6)
        } else {
            dist <= CUE_REACH || dist + commas * COMMA_COST <= CUE_REACH + COMMA_COST
        };
        // On a tie the cue after the number wins: in "killed and five others wounded" the
        // first verb belongs to the clause before.
        let cost = dist + commas * COMMA_COST;
        let better = match best {
            None => true,
            Some(b) => {
                cost < b.1 + b.2 * COMMA_COST || (cost == b.1 + b.2 * COMMA_COST && p >= end)
            }
        };
        if ok && better {
            best = Some((kind, dist, commas));
        }
        p += n;
    }
    best
}

fn choose_kind(
    lex: &Lexicon,
    doc: &Doc,
    ws: &[Word],
    lw: &[String],
    num: &Number,
    end: usize,
    unit_kind: Option<QuantityKind>,
) -> QuantityKind {
    if let Some((k, _, _)) = nearest_cue(lex, doc, ws, lw, num, end, true) {
        return k;
    }
    if let Some(k) = unit_kind {
        return k;
    }
    nearest_cue(lex, doc, ws, lw, num, end, false).map_or(QuantityKind::Other, |c| c.0)
}

/// Code of the longest actor mention overlapping the counted noun.
fn actor_at(doc: &Doc, span: Span) -> Option<String> {
    doc.mentions
        .iter()
        .filter(|m| m.span.overlaps(span) && m.actor.code.is_some())
        .max_by_key(|m| m.span.len())
        .and_then(|m| m.actor.code.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn run(text: &str) -> Vec<(QuantityKind, u64, Option<String>)> {
        let doc = Doc::new(Article {
            text: text.into(),
            ..Article::default()
        });
        find(&doc)
            .into_iter()
            .map(|q| (q.kind, q.value, q.qualifier))
            .collect()
    }

    #[test]
    fn digits_and_words() {
        assert_eq!(
            run("more than 900,000 people fled"),
            vec![(QuantityKind::Displaced, 900_000, Some("more than".into()))]
        );
        assert_eq!(run("nearly four million refugees")[0].1, 4_000_000);
        assert_eq!(run("2.9 million refugees")[0].1, 2_900_000);
    }

    #[test]
    fn skips_years_and_money() {
        assert!(run("In 1921 the treaty was signed and $5 million people").len() <= 1);
        assert!(run("He was killed in 2020.").is_empty());
    }
}
