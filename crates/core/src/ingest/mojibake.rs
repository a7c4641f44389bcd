//! Mojibake: UTF-8 text that was once decoded as Windows-1252 or Latin-1 and encoded again, so
//! that "’" arrives as "â€™" and "é" as "Ã©" (twice over: "Ã¢â‚¬â„¢"). Each such group of
//! characters is turned back into the bytes it came from and decoded as UTF-8.
//!
//! A group is repaired only when its bytes form one whole UTF-8 sequence and the character they
//! give is one that text carries (a Latin letter, punctuation, a currency or letterlike sign);
//! Greek, Cyrillic, Hebrew and Arabic letters only when another repaired letter of those stands
//! beside it, since a lone pair such as "Ó”" may be real text in capitals.

use super::charset::HIGH;
use std::ops::Range;

/// Passes over the text: UTF-8 read as Windows-1252 twice is the worst seen in feeds.
const MAX_PASSES: usize = 3;
/// Bytes between two repaired letters of another script that still make them one stretch of
/// text ("Ð² ÐœÐ¾Ñ..." is a Cyrillic preposition and a word).
const NEIGHBOUR_GAP: usize = 1;

/// `(offset in a pass's output, offset in its input)` at the start and the end of each group
/// repaired in that pass.
pub type Points = Vec<(usize, usize)>;

/// A repaired text and where its characters came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    pub text: String,
    /// One list per pass, in the order applied: `(offset in that pass's output, offset in its
    /// input)` at the start and the end of each repaired group. Between two points offsets move
    /// together.
    pub passes: Vec<Points>,
    /// Groups repaired in the first pass (what the reader saw as broken characters).
    pub groups: usize,
}

/// The text with its mojibake repaired, or `None` when there is none (ASCII text is answered
/// after one look at its bytes).
pub fn repair(text: &str) -> Option<Repair> {
    if text.is_ascii() {
        return None;
    }
    let mut passes = Vec::new();
    let mut groups = 0;
    let mut current: Option<String> = None;
    for _ in 0..MAX_PASSES {
        let input = current.as_deref().unwrap_or(text);
        let Some((out, points, n)) = one_pass(input) else {
            break;
        };
        if passes.is_empty() {
            groups = n;
        }
        passes.push(points);
        current = Some(out);
    }
    current.map(|text| Repair {
        text,
        passes,
        groups,
    })
}

/// The byte a character stands for when text was decoded as Windows-1252 (or Latin-1, whose
/// C1 controls fill the table's holes).
fn byte_of(c: char) -> Option<u8> {
    match u32::from(c) {
        0x80..=0xFF => match HIGH.iter().position(|&h| h == c) {
            Some(i) => u8::try_from(0x80 + i).ok(),
            None => u8::try_from(u32::from(c)).ok(),
        },
        _ => HIGH
            .iter()
            .position(|&h| h == c)
            .and_then(|i| u8::try_from(0x80 + i).ok()),
    }
}

/// How many bytes a UTF-8 sequence starting with `lead` has (0 for a byte that starts none).
fn sequence_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// A repair candidate: the characters `range` of the input stand for `repaired`.
struct Group {
    range: Range<usize>,
    repaired: char,
}

fn one_pass(text: &str) -> Option<(String, Points, usize)> {
    let groups = find_groups(text);
    if groups.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut points = Vec::with_capacity(groups.len() * 2);
    let mut at = 0;
    for g in &groups {
        out.push_str(&text[at..g.range.start]);
        points.push((out.len(), g.range.start));
        out.push(g.repaired);
        points.push((out.len(), g.range.end));
        at = g.range.end;
    }
    out.push_str(&text[at..]);
    Some((out, points, groups.len()))
}

/// Every character a garbled sequence can start with (the UTF-8 lead bytes 0xC2–0xF4 read as
/// Windows-1252: "Â" to "ô") is encoded in UTF-8 as 0xC3 and a second byte, so only the places of
/// that byte are looked at: text without it is answered after one fast search.
const LEAD_PREFIX: u8 = 0xC3;

fn find_groups(text: &str) -> Vec<Group> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(k) = memchr::memchr(LEAD_PREFIX, &bytes[from..]) {
        let at = from + k;
        match group_at(text, at) {
            Some(g) => {
                from = g.range.end;
                found.push(g);
            }
            None => from = at + 1,
        }
    }
    keep_plausible(found)
}

/// The group starting at byte `at`, if its characters spell one whole UTF-8 sequence.
fn group_at(text: &str, at: usize) -> Option<Group> {
    let mut chars = text.get(at..)?.chars();
    let lead = byte_of(chars.next()?)?;
    let n = sequence_len(lead);
    if n == 0 {
        return None;
    }
    let mut bytes = [lead, 0, 0, 0];
    let mut end = at + 2;
    for b in bytes.iter_mut().take(n).skip(1) {
        let c = chars.next()?;
        *b = byte_of(c)?;
        end += c.len_utf8();
    }
    let repaired = std::str::from_utf8(&bytes[..n]).ok()?.chars().next()?;
    Some(Group {
        range: at..end,
        repaired,
    })
}

fn keep_plausible(groups: Vec<Group>) -> Vec<Group> {
    let script = |g: &Group| kind(g.repaired) == Kind::NeedsNeighbour;
    let near = |a: &Group, b: &Group| {
        b.range.start.saturating_sub(a.range.end) <= NEIGHBOUR_GAP
            || a.range.start.saturating_sub(b.range.end) <= NEIGHBOUR_GAP
    };
    let keep: Vec<bool> = (0..groups.len())
        .map(|i| {
            let g = &groups[i];
            match kind(g.repaired) {
                Kind::Never => false,
                Kind::Always => true,
                Kind::NeedsNeighbour => {
                    let before = i > 0 && script(&groups[i - 1]) && near(&groups[i - 1], g);
                    let after = groups.get(i + 1).is_some_and(|n| script(n) && near(g, n));
                    before || after
                }
            }
        })
        .collect();
    groups
        .into_iter()
        .zip(keep)
        .filter_map(|(g, k)| k.then_some(g))
        .collect()
}

#[derive(PartialEq, Eq)]
enum Kind {
    Always,
    NeedsNeighbour,
    Never,
}

/// Which repaired characters are believed. Latin letters and the punctuation, currency and
/// letterlike signs that editors type; letters of other scripts only beside another one.
fn kind(c: char) -> Kind {
    match u32::from(c) {
        0xA0..=0x24F | 0x1E00..=0x1EFF | 0x2010..=0x2044 | 0x20A0..=0x20CF | 0x2100..=0x214F => {
            Kind::Always
        }
        // The C1 controls that fill Windows-1252's holes (0x81, 0x8D, 0x8F, 0x90, 0x9D): a
        // character garbled twice passes through one ("”" is E2 80 9D).
        0x80..=0x9F => Kind::Always,
        0x370..=0x3FF | 0x400..=0x4FF | 0x5D0..=0x5EA | 0x620..=0x64A => Kind::NeedsNeighbour,
        _ => Kind::Never,
    }
}

/// `text` encoded as UTF-8 and decoded as Windows-1252, `times` times over: the damage this
/// module repairs (for tests and benchmarks).
pub fn garble(text: &str, times: usize) -> String {
    (0..times).fold(text.to_string(), |t, _| {
        super::charset::decode_windows_1252(t.as_bytes())
    })
}

/// Where offset `at` of the repaired text lies in the text before repair (`at` on a character
/// boundary of the repaired text).
pub fn source_offset(passes: &[Points], at: usize) -> usize {
    passes.iter().rev().fold(at, |x, points| {
        let i = points.partition_point(|&(out, _)| out <= x);
        match i.checked_sub(1).map(|j| points[j]) {
            Some((out, inp)) => inp + (x - out),
            None => x,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(s: &str) -> String {
        repair(s).map_or_else(|| s.to_string(), |r| r.text)
    }

    #[test]
    fn once_and_twice() {
        for s in [
            "The minister’s “final” offer — rejected.",
            "Talks in Yaoundé and Düsseldorf, then São Tomé.",
            "Erdoğan met Şahin in Diyarbakır.",
            "Prices rose 5 € or £4 … ±2°.",
        ] {
            assert_eq!(repaired(&garble(s, 1)), s, "once: {s}");
            assert_eq!(repaired(&garble(s, 2)), s, "twice: {s}");
        }
    }

    #[test]
    fn clean_text_is_left_alone() {
        for s in [
            "Plain ASCII.",
            "Café, naïve, Zürich — “quoted”.",
            "STRASSE“ and ÉTÉ” in capitals",
            "Москва и Киев",
        ] {
            assert!(repair(s).is_none(), "{s}");
        }
    }

    #[test]
    fn offsets_point_into_the_text_as_received() {
        let original = "The minister’s “final” offer.";
        let garbled = garble(original, 2);
        let r = repair(&garbled).unwrap();
        assert_eq!(r.text, original);
        for word in ["minister", "final", "offer"] {
            let at = r.text.find(word).unwrap();
            let from = source_offset(&r.passes, at);
            let to = source_offset(&r.passes, at + word.len());
            assert_eq!(&garbled[from..to], word);
        }
        assert_eq!(source_offset(&r.passes, r.text.len()), garbled.len());
    }

    #[test]
    fn cyrillic_only_as_a_word() {
        assert_eq!(repaired(&garble("в Москве", 1)), "в Москве");
        // A capital Ó and a closing quote spell a Cyrillic letter in bytes; alone it stays.
        assert!(repair("ACCIÓ” said").is_none());
    }
}
