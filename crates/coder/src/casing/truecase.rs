//! Restoring case in a paragraph that lost it: every letter to lower case, then names as the
//! tables write them (longest phrase first, then words, then the parts of joined words), titles
//! before names, ambiguous names beside a context word, and a capital at each sentence start.
//!
//! Only case changes, and only where the changed letter keeps its UTF-8 length: every byte
//! offset in the paragraph stays valid. Letters whose other case is longer or shorter in UTF-8
//! ("İ", "ẞ") are left as they came.

use super::scan;
use super::tables::{Class, Cue, Form, Tables};
use std::ops::Range;

/// A spelling chosen for some words of the paragraph.
#[derive(Clone, Copy)]
struct Choice {
    /// The words it covers (indices into the word list).
    first: usize,
    last: usize,
    class: Class,
    spelling: Spelling,
    /// For one part of a joined word ("us" in "us-led"): the part's bytes.
    part: Option<(usize, usize)>,
}

#[derive(Clone, Copy)]
enum Spelling {
    /// As a table writes it.
    Form(&'static str),
    /// A word no table knows and no common word: a name, capitalised.
    Capital,
}

impl Choice {
    fn of(first: usize, last: usize, form: Form) -> Choice {
        Choice {
            first,
            last,
            class: form.class,
            spelling: Spelling::Form(form.text),
            part: None,
        }
    }
}

/// Shortest word taken for a name for not being a common word (shorter ones are mostly
/// abbreviations and interjections).
const MIN_UNKNOWN_CHARS: usize = 3;

/// The paragraph with its case restored: the same length, the same characters but for case.
pub fn restore(paragraph: &str, tables: &Tables) -> String {
    let lowered = lower_same_length(paragraph);
    let mut words = Vec::new();
    scan::words(&lowered, 0..lowered.len(), &mut words);
    let choices = choose(&lowered, &words, tables);
    let applied = resolve(&lowered, &words, &choices, tables);
    // Changes are written byte for byte into a copy: each swaps one character for another of the
    // same UTF-8 length, so the copy stays valid UTF-8 and no offset moves.
    let mut out = lowered.clone().into_bytes();
    for (choice, on) in choices.iter().zip(applied) {
        if on {
            apply(&lowered, &mut out, &words, choice);
        }
    }
    for at in sentence_starts(&lowered, &words, tables) {
        capitalise(&lowered, &mut out, at);
    }
    String::from_utf8(out).unwrap_or(lowered)
}

/// Each letter in lower case where that keeps its length.
fn lower_same_length(s: &str) -> String {
    s.chars()
        .map(|c| same_length(c, c.to_lowercase()))
        .collect()
}

/// `to` when it is one character of the same UTF-8 length as `c`, else `c`.
fn same_length(c: char, mut to: impl Iterator<Item = char>) -> char {
    match (to.next(), to.next()) {
        (Some(t), None) if t.len_utf8() == c.len_utf8() => t,
        _ => c,
    }
}

fn choose(text: &str, words: &[Range<usize>], tables: &Tables) -> Vec<Choice> {
    let mut out = Vec::new();
    let mut key = String::new();
    let mut ends = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some(choice) = phrase_at(text, words, i, tables, &mut key, &mut ends) {
            i = choice.last + 1;
            out.push(choice);
            continue;
        }
        let word = &text[words[i].clone()];
        match tables.word(word) {
            Some(form) => out.push(Choice::of(i, i, form)),
            None => parts(word, words[i].start, i, tables, &mut out),
        }
        i += 1;
    }
    out
}

/// The longest phrase of the tables starting at word `i`, its words apart only by a space (or an
/// abbreviation's dot and a space).
fn phrase_at(
    text: &str,
    words: &[Range<usize>],
    i: usize,
    tables: &Tables,
    key: &mut String,
    ends: &mut Vec<usize>,
) -> Option<Choice> {
    let longest = tables.longest_phrase_from(&text[words[i].clone()]);
    if longest < 2 {
        return None;
    }
    key.clear();
    ends.clear();
    key.push_str(&text[words[i].clone()]);
    let mut j = i;
    while ends.len() + 1 < longest && j + 1 < words.len() {
        let gap = &text[words[j].end..words[j + 1].start];
        if gap != " " && gap != ". " {
            break;
        }
        j += 1;
        key.push(' ');
        key.push_str(&text[words[j].clone()]);
        ends.push(key.len());
    }
    (0..ends.len()).rev().find_map(|n| {
        tables
            .phrase(&key[..ends[n]])
            .map(|form| Choice::of(i, i + n + 1, form))
    })
}

/// A word the tables do not know as a whole ("turkey's", "us-led", "doumbouya"): its parts
/// between hyphens and apostrophes, each looked up alone; a part that is no common word is taken
/// for a name.
fn parts(word: &str, at: usize, index: usize, tables: &Tables, out: &mut Vec<Choice>) {
    let mut start = 0;
    for (i, c) in word
        .char_indices()
        .chain(std::iter::once((word.len(), ' ')))
    {
        if !(c == '-' || c == '\'' || c == '\u{2019}' || i == word.len()) {
            continue;
        }
        let part = &word[start..i];
        let choice = |class, spelling| Choice {
            first: index,
            last: index,
            class,
            spelling,
            part: Some((at + start, at + i)),
        };
        match tables.word(part) {
            // A name before a hyphen ("us-led") is an adjective: no pronoun stands there.
            Some(form) if form.class == Class::Ambiguous && c == '-' => {
                out.push(choice(Class::Name, Spelling::Form(form.text)))
            }
            Some(form) if form.class != Class::Title => {
                out.push(choice(form.class, Spelling::Form(form.text)))
            }
            Some(_) => {}
            None if is_unknown(part, tables) => out.push(choice(Class::Name, Spelling::Capital)),
            None => {}
        }
        start = i + c.len_utf8();
    }
}

fn is_unknown(part: &str, tables: &Tables) -> bool {
    part.chars().count() >= MIN_UNKNOWN_CHARS
        && part.chars().all(char::is_alphabetic)
        && !tables.is_common(part)
}

/// Which choices are written: names always, ambiguous names beside a context word, titles right
/// before a written name (read from the right, so that a title before a title before a name
/// counts).
fn resolve(text: &str, words: &[Range<usize>], choices: &[Choice], tables: &Tables) -> Vec<bool> {
    let word = |i: usize| words.get(i).map(|r| &text[r.clone()]);
    let mut on = vec![false; choices.len()];
    for (k, c) in choices.iter().enumerate().rev() {
        on[k] = match c.class {
            Class::Name => true,
            Class::Ambiguous => {
                let before = c
                    .first
                    .checked_sub(1)
                    .and_then(word)
                    .and_then(|w| tables.cue(w))
                    == Some(Cue::Before);
                let after = word(c.last + 1).and_then(|w| tables.cue(w)) == Some(Cue::After);
                before || after
            }
            Class::Title => {
                let next = choices.get(k + 1).filter(|n| n.first == c.last + 1);
                let adjacent = words
                    .get(c.last + 1)
                    .is_some_and(|w| text[words[c.last].end..w.start].trim().is_empty());
                next.is_some() && adjacent && on[k + 1]
            }
        };
    }
    on
}

/// Copy the case of the form's letters onto the words' letters, one by one (or capitalise).
fn apply(text: &str, out: &mut [u8], words: &[Range<usize>], choice: &Choice) {
    let range = match choice.part {
        Some((s, e)) => s..e,
        None => words[choice.first].start..words[choice.last].end,
    };
    let form = match choice.spelling {
        Spelling::Form(f) => f,
        Spelling::Capital => return capitalise(text, out, range.start),
    };
    let mut form = form.chars().filter(|c| c.is_alphanumeric());
    for (i, c) in text[range.clone()].char_indices() {
        if !c.is_alphanumeric() {
            continue;
        }
        if form.next().is_some_and(char::is_uppercase) {
            write(out, range.start + i, c, same_length(c, c.to_uppercase()));
        }
    }
}

/// The letter at `at` in capitals (when that keeps its length).
fn capitalise(text: &str, out: &mut [u8], at: usize) {
    if let Some(c) = text.get(at..).and_then(|t| t.chars().next()) {
        write(out, at, c, same_length(c, c.to_uppercase()));
    }
}

/// Put `to` where `from` stands at byte `at` (both of one UTF-8 length).
fn write(out: &mut [u8], at: usize, from: char, to: char) {
    if to != from && to.len_utf8() == from.len_utf8() {
        let mut buf = [0u8; 4];
        let bytes = to.encode_utf8(&mut buf).as_bytes();
        if let Some(slot) = out.get_mut(at..at + bytes.len()) {
            slot.copy_from_slice(bytes);
        }
    }
}

/// Where sentences start: the paragraph's first word, a word after a sentence's end, the first
/// word of a quote opened after a colon.
fn sentence_starts(text: &str, words: &[Range<usize>], tables: &Tables) -> Vec<usize> {
    let mut starts = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let open = match i.checked_sub(1) {
            None => true,
            Some(p) => opens_sentence(text, &words[p], &text[words[p].end..w.start], tables),
        };
        if open {
            starts.push(w.start);
        }
    }
    starts
}

/// Whether the text between a word and the next opens a sentence.
fn opens_sentence(text: &str, prev: &Range<usize>, gap: &str, tables: &Tables) -> bool {
    let Some(end) = gap.find(['.', '!', '?', '\u{2026}', ':']) else {
        return false;
    };
    let mark = gap[end..].chars().next().unwrap_or(' ');
    let rest = &gap[end + mark.len_utf8()..];
    match mark {
        // A colon opens a sentence only when a quote follows it.
        ':' => rest.trim_start().starts_with(['"', '\u{201C}']),
        '.' if end == 0 => {
            let word = &text[prev.clone()];
            !is_abbreviation(word, tables) && ends_at_space(rest)
        }
        _ => ends_at_space(rest),
    }
}

/// After the mark only closing quotes or brackets, then white space (or the next word's start
/// after an opening quote).
fn ends_at_space(rest: &str) -> bool {
    let rest = rest.trim_start_matches(['"', '\u{201D}', '\'', '\u{2019}', ')', ']']);
    rest.starts_with(char::is_whitespace)
}

/// A word whose dot ends no sentence: a listed abbreviation, a single letter (an initial), a
/// dotted acronym ("u.s").
fn is_abbreviation(word: &str, tables: &Tables) -> bool {
    word.chars().count() == 1 || word.contains('.') || tables.is_abbreviation(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restored(s: &str) -> String {
        restore(s, Tables::bundled())
    }

    #[test]
    fn names_titles_and_sentences() {
        assert_eq!(
            restored("turkish president recep tayyip erdogan said turkey would respond. the un envoy left."),
            "Turkish President Recep Tayyip Erdogan said Turkey would respond. The UN envoy left."
        );
    }

    #[test]
    fn lengths_never_change() {
        for s in ["İSTANBUL ẞ STRASSE erdoğan", "ǅ ﬁ ı", "SÃO PAULO — ÖCALAN"] {
            assert_eq!(restored(s).len(), s.len(), "{s}");
        }
    }
}
