//! Numbers in the tree: which tokens make one number ("1.5 million", "twenty-five", "3,000 to
//! 4,000", "hundreds of thousands") and what it is worth.

use super::tree::Tree;
use crate::lexicon::quantities::{hyphenated_value, QuantityWords};

/// Labels that join a token to the number it is part of.
const JOINS: [&str; 9] = [
    "compound", "quantmod", "nummod", "conj", "cc", "prep", "pobj", "punct", "advmod",
];

/// The tokens `first..=last` that make one number, and its head in the tree.
#[derive(Clone, Copy, Debug)]
pub(super) struct Group {
    pub head: usize,
    pub first: usize,
    pub last: usize,
}

/// A number's worth: the first number of a range, and the vague word if it is one.
#[derive(Debug, PartialEq)]
pub(super) struct Value {
    pub value: f64,
    pub vague: Option<String>,
    pub range: bool,
    /// Four digits and nothing else: could be a year.
    pub year_like: bool,
}

/// A token that is a number or a number word.
pub(super) fn is_numeric(t: &Tree, lex: &QuantityWords, i: usize) -> bool {
    !t.is_space(i) && (t.tag(i) == "CD" || lex.is_number_word(t.lower(i)))
}

/// The number that token `i` belongs to.
pub(super) fn group_of(t: &Tree, lex: &QuantityWords, i: usize) -> Group {
    let mut head = i;
    for _ in 0..8 {
        match t.head(head) {
            Some(h) if JOINS.contains(&t.dep(head)) && is_numeric(t, lex, h) => head = h,
            _ => break,
        }
    }
    let g = grow(t, lex, head);
    if (g.first..=g.last).contains(&i) {
        g
    } else {
        // "45 dead and 60 wounded": a conjunct that is a number of its own.
        grow(t, lex, i)
    }
}

fn part_of(t: &Tree, lex: &QuantityWords, head: usize, k: usize) -> bool {
    let word = t.lower(k);
    (is_numeric(t, lex, k) || lex.inside.contains(word)) && t.governs(head, k, 3)
}

fn grow(t: &Tree, lex: &QuantityWords, head: usize) -> Group {
    let (mut first, mut last) = (head, head);
    while first > 0 && part_of(t, lex, head, first - 1) {
        first -= 1;
    }
    while last + 1 < t.len() && part_of(t, lex, head, last + 1) {
        last += 1;
    }
    // Connecting words only count between numbers.
    while first < head && !is_numeric(t, lex, first) && !lex.opening.contains(t.lower(first)) {
        first += 1;
    }
    while last > head && !is_numeric(t, lex, last) {
        last -= 1;
    }
    // A scale glued to digits: "1.5m", "2bn".
    if last + 1 < t.len() && t.glued(last + 1) && lex.scale.contains_key(t.lower(last + 1)) {
        last += 1;
    }
    Group { head, first, last }
}

/// The value of the words of a number.
pub(super) fn value_of(lex: &QuantityWords, words: &[&str]) -> Option<Value> {
    let (mut value, used) = parse_one(lex, words)?;
    if let (Some(&joint), Some(rest)) = (words.get(used), words.get(used + 1..)) {
        if lex.range.contains(joint) && parse_one(lex, rest).is_some() {
            value.range = true;
        }
    }
    Some(value)
}

fn plain(value: f64) -> Value {
    Value {
        value,
        vague: None,
        range: false,
        year_like: false,
    }
}

/// One number at the start of `words`, and how many words it took.
fn parse_one(lex: &QuantityWords, words: &[&str]) -> Option<(Value, usize)> {
    let first = *words.first()?;
    for n in (1..=words.len().min(3)).rev() {
        let phrase = words[..n].join(" ");
        if let Some(&v) = lex.vague.get(&phrase) {
            let value = Value {
                vague: Some(phrase),
                ..plain(v as f64)
            };
            return Some((value, n));
        }
    }
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        let (mut value, mut used) = (parse_digits(lex, first)?, 1);
        // "5 m" is metres: only spelt-out scales count after a space.
        let scale = |w: &&str| lex.scale.get(w).filter(|_| w.len() > 2);
        while let Some(&s) = words.get(used).and_then(scale) {
            value.value *= s as f64;
            value.year_like = false;
            used += 1;
        }
        return Some((value, used));
    }
    let scale = |w: Option<&&str>| w.and_then(|w| lex.scale.get(w)).map(|&s| s as f64);
    match first {
        "a" | "an" => return scale(words.get(1)).map(|s| (plain(s), 2)),
        "half" if words.get(1).is_some_and(|w| matches!(*w, "a" | "an")) => {
            return scale(words.get(2)).map(|s| (plain(s / 2.0), 3));
        }
        _ => {}
    }
    parse_words(lex, words)
}

/// Number words: "four", "twenty-five", "one hundred and twenty", "four million", "dozen".
fn parse_words(lex: &QuantityWords, words: &[&str]) -> Option<(Value, usize)> {
    let (mut total, mut current, mut used) = (0u64, 0u64, 0usize);
    while let Some(&w) = words.get(used) {
        let next_is_number = words
            .get(used + 1)
            .is_some_and(|n| word_value(lex, n).is_some());
        if let Some(v) = word_value(lex, w) {
            current = current.saturating_add(v);
        } else if let Some(&s) = lex.scale.get(w).filter(|_| w.len() > 2) {
            if s >= 1000 {
                total = total.saturating_add(current.max(1).saturating_mul(s));
                current = 0;
            } else {
                current = current.max(1).saturating_mul(s);
            }
        } else if !(w == "and" && used > 0 && next_is_number) {
            break;
        }
        used += 1;
    }
    (used > 0).then(|| (plain(total.saturating_add(current) as f64), used))
}

fn word_value(lex: &QuantityWords, w: &str) -> Option<u64> {
    lex.number
        .get(w)
        .copied()
        .or_else(|| hyphenated_value(lex, w))
}

/// Digits with an optional scale suffix ("900,000", "2.9", "1.5m") or a range ("30-40").
fn parse_digits(lex: &QuantityWords, w: &str) -> Option<Value> {
    if let Some((a, b)) = w.split_once(['-', '–']) {
        let (a, b) = (a.parse::<u64>().ok()?, b.parse::<u64>().ok()?);
        return (a < b).then(|| Value {
            range: true,
            ..plain(a as f64)
        });
    }
    let split = w
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(w.len());
    let (digits, suffix) = w.split_at(split);
    let scale = match suffix {
        "" => 1,
        s => *lex.scale.get(s)?,
    };
    let value: f64 = digits.replace(',', "").parse().ok()?;
    Some(Value {
        year_like: suffix.is_empty() && digits.len() == 4 && !digits.contains([',', '.']),
        ..plain(value * scale as f64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> Option<(f64, Option<String>, bool)> {
        let words: Vec<&str> = s.split(' ').collect();
        value_of(&crate::lexicon::lexicon().quantities, &words).map(|v| (v.value, v.vague, v.range))
    }

    #[test]
    fn values_of_number_words() {
        assert_eq!(value("900,000"), Some((900_000.0, None, false)));
        assert_eq!(value("1.5m"), Some((1_500_000.0, None, false)));
        assert_eq!(value("2.9 million"), Some((2_900_000.0, None, false)));
        assert_eq!(value("twenty-five"), Some((25.0, None, false)));
        assert_eq!(value("one hundred and twenty"), Some((120.0, None, false)));
        assert_eq!(value("four million"), Some((4_000_000.0, None, false)));
        assert_eq!(value("two dozen"), Some((24.0, None, false)));
        assert_eq!(value("a dozen"), Some((12.0, None, false)));
        assert_eq!(value("half a million"), Some((500_000.0, None, false)));
        assert_eq!(value("30-40"), Some((30.0, None, true)));
        assert_eq!(value("3,000 to 4,000"), Some((3000.0, None, true)));
        assert_eq!(
            value("tens of thousands"),
            Some((10_000.0, Some("tens of thousands".into()), false))
        );
        assert_eq!(value("dozens"), Some((12.0, Some("dozens".into()), false)));
        assert_eq!(value("percent"), None);
    }
}
