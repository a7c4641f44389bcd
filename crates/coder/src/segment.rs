//! Sentence segmentation: byte spans of sentences, never rewriting the text.
//!
//! One pass over the bytes finds the whitespace gaps; a sentence can only end at a gap, so spans
//! never include surrounding whitespace. A gap ends a sentence when it holds a blank line, when it
//! follows a line without final punctuation (headlines, captions, bylines), or when the text
//! before it ends in final punctuation and the text after it looks like a new sentence. Only the
//! gaps after punctuation or at a line break look at their neighbours, so the common case is a
//! byte compare.
//!
//! Tokens are the model's (spaCy's English tokenizer, `flashpoint_nlp`), cut once for the whole
//! text and shared by every later stage, the model included: "al-Assad" is "al", "-", "Assad",
//! "Syria's" is "Syria", "'s", "don't" is "do", "n't". A sentence ends at whitespace, which
//! spaCy cuts first, so every token lies inside one sentence.

use crate::doc::{Doc, Sentence, Token, TokenKind};
use crate::lexicon::lexicon;
use crate::pipeline::{Layer, Stage};
use crate::span::Span;
use flashpoint_nlp::tokenizer::{Tokenizer, WordCut};
use std::ops::Range;

/// A sentence span and the index of the paragraph it lies in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentenceSpan {
    pub span: Span,
    pub paragraph: usize,
}

pub use crate::lexicon::AbbrevKind;

/// The kind of a listed abbreviation, written with its final dot ("Gen.", "U.S."). Case matters.
pub fn abbreviation(word: &str) -> Option<AbbrevKind> {
    lexicon().abbreviations.kinds.get(word).copied()
}

/// Split `text` into sentences. Spans exclude surrounding whitespace and never overlap.
pub fn split_sentences(text: &str) -> Vec<SentenceSpan> {
    let mut out = Vec::with_capacity(text.len() / 100 + 1);
    split_sentences_into(text, &mut out);
    out
}

/// As [`split_sentences`], appending to `out` (lets a caller reuse one buffer).
pub fn split_sentences_into(text: &str, out: &mut Vec<SentenceSpan>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut start: Option<usize> = None;
    let mut end = n;
    let mut paragraph = 0;
    while i < n {
        let Some(_) = whitespace_at(b, i) else {
            // Continuation bytes never look like whitespace, so stepping by byte is safe.
            if start.is_none() {
                start = Some(i);
            }
            i += 1;
            continue;
        };
        let gap_start = i;
        let mut breaks = 0u32;
        while let Some((len, weight)) = whitespace_at(b, i) {
            breaks += u32::from(weight);
            i += len;
            if i >= n {
                break;
            }
        }
        let Some(s) = start else { continue };
        if i >= n {
            end = gap_start;
            break;
        }
        if breaks >= 2 || ends_sentence(text, s, gap_start, i, breaks > 0) {
            out.push(SentenceSpan {
                span: Span::new(s, gap_start),
                paragraph,
            });
            start = None;
            if breaks >= 2 {
                paragraph += 1;
            }
        }
    }
    if let Some(s) = start {
        out.push(SentenceSpan {
            span: Span::new(s, end),
            paragraph,
        });
    }
}

/// Byte length and line-break weight of the whitespace char at `i` (the `char::is_whitespace`
/// set), or `None`. A blank line weighs 2; "\r\n" weighs 1; U+2029 is a paragraph break.
#[inline]
fn whitespace_at(b: &[u8], i: usize) -> Option<(usize, u8)> {
    let c = b[i];
    if c < 0x80 {
        return match c {
            b' ' | b'\t' => Some((1, 0)),
            b'\n' | 0x0b | 0x0c => Some((1, 1)),
            b'\r' => Some((1, u8::from(b.get(i + 1) != Some(&b'\n')))),
            _ => None,
        };
    }
    let c1 = b.get(i + 1).copied().unwrap_or(0);
    let c2 = b.get(i + 2).copied().unwrap_or(0);
    match (c, c1, c2) {
        (0xC2, 0x85, _) => Some((2, 1)),
        (0xC2, 0xA0, _) => Some((2, 0)),
        (0xE1, 0x9A, 0x80) => Some((3, 0)),
        (0xE2, 0x80, 0x80..=0x8A | 0xAF) => Some((3, 0)),
        (0xE2, 0x80, 0xA8) => Some((3, 1)),
        (0xE2, 0x80, 0xA9) => Some((3, 2)),
        (0xE2, 0x81, 0x9F) => Some((3, 0)),
        (0xE3, 0x80, 0x80) => Some((3, 0)),
        _ => None,
    }
}

/// The sentence-final punctuation before a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Terminal {
    /// A single dot; `word` is the class of the word it ends.
    Period(WordClass),
    /// "?" or "!" (possibly with dots).
    Strong,
    /// "..." or "…"; `spaced` when it stands apart from the word before ("the talks … will"),
    /// which is how news marks words left out of a quote.
    Ellipsis { spaced: bool },
}

/// What the word before a single dot is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordClass {
    Plain,
    Abbrev(AbbrevKind),
}

/// How the text before a gap ends.
struct Ending {
    terminal: Option<Terminal>,
    /// A quotation mark closes after the terminal (`win."`).
    quoted: bool,
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '‽' | '。' | '？' | '！')
}

/// Combining marks continue a word written in decomposed form ("e" + U+0301).
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{200C}' | '\u{200D}')
}

fn ending(before: &str) -> Ending {
    let mut it = before.char_indices().rev().peekable();
    let mut quoted = false;
    while let Some(&(_, c)) = it.peek() {
        if !is_closer(c) {
            break;
        }
        quoted |= c != ')' && c != ']' && c != '}';
        it.next();
    }
    let mut dots = 0;
    let mut strong = false;
    let mut ellipsis = false;
    let mut first_dot = None;
    while let Some(&(i, c)) = it.peek() {
        if !is_terminal(c) {
            break;
        }
        match c {
            '.' => {
                dots += 1;
                first_dot = Some(i);
            }
            '…' => ellipsis = true,
            _ => strong = true,
        }
        it.next();
    }
    let spaced = !matches!(it.peek(), Some(&(_, c)) if !c.is_whitespace());
    let terminal = if strong {
        Some(Terminal::Strong)
    } else if ellipsis || dots >= 2 {
        Some(Terminal::Ellipsis { spaced })
    } else if spaced {
        // A lone dot after a space: the last dot of ". . .".
        Some(Terminal::Ellipsis { spaced })
    } else {
        first_dot.map(|dot| Terminal::Period(word_class(before, dot)))
    };
    Ending { terminal, quoted }
}

/// Classify the word ending with the dot at `dot`.
fn word_class(text: &str, dot: usize) -> WordClass {
    let mut start = dot;
    for (i, c) in text[..dot].char_indices().rev().take(24) {
        if c.is_alphanumeric() || c == '.' || is_mark(c) {
            start = i;
        } else {
            break;
        }
    }
    let word = &text[start..dot + 1];
    if let Some(kind) = abbreviation(word) {
        return WordClass::Abbrev(kind);
    }
    // Initials ("W.") and dotted acronyms not in the list ("N.Y.", "U.S.A.").
    let mut parts = 0;
    for part in word[..word.len() - 1].split('.') {
        let mut chars = part.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_alphabetic() => parts += 1,
            _ => return WordClass::Plain,
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    if parts >= 2 || first_upper {
        WordClass::Abbrev(AbbrevKind::Any)
    } else {
        WordClass::Plain
    }
}

/// How the text after a gap begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    Lower,
    Upper,
    Digit,
    /// Punctuation that cannot open a sentence (",", ")", "%").
    Inside,
}

fn classify_next(after: &str) -> Next {
    // Opening quotes and brackets do not decide; the char after them does.
    for c in after.chars().take(8) {
        if is_quote(c) || matches!(c, '(' | '[' | '{' | '¿' | '¡') {
            continue;
        }
        if c.is_lowercase() {
            return Next::Lower;
        }
        if c.is_numeric() {
            return Next::Digit;
        }
        if c.is_alphabetic() {
            return Next::Upper;
        }
        if matches!(
            c,
            ',' | ';' | ':' | ')' | ']' | '}' | '%' | '.' | '?' | '!' | '…'
        ) || is_closer(c)
        {
            return Next::Inside;
        }
        return Next::Upper;
    }
    Next::Upper
}

/// Does the gap `[gap_start, gap_end)` end the sentence that starts at `start`? `line_break` says
/// the gap holds one newline.
fn ends_sentence(
    text: &str,
    start: usize,
    gap_start: usize,
    gap_end: usize,
    line_break: bool,
) -> bool {
    let b = text.as_bytes();
    let last = b[gap_start - 1];
    if !line_break
        && last < 0x80
        && !matches!(last, b'.' | b'?' | b'!' | b'"' | b'\'' | b')' | b']' | b'}')
    {
        return false;
    }
    let before = &text[..gap_start];
    let after = &text[gap_end..];
    let end = ending(before);
    let Some(terminal) = end.terminal else {
        return line_break && !line_continues(before, after);
    };
    if matches!(terminal, Terminal::Period(_)) && is_list_marker(&text[start..gap_start]) {
        return false;
    }
    let next = classify_next(after);
    if line_break {
        return match (terminal, next) {
            (Terminal::Period(WordClass::Abbrev(AbbrevKind::Title | AbbrevKind::Inner)), _) => {
                end.quoted
            }
            (Terminal::Period(WordClass::Abbrev(_)), Next::Lower) => end.quoted,
            (Terminal::Ellipsis { .. }, Next::Lower) => false,
            (
                Terminal::Period(WordClass::Abbrev(AbbrevKind::Month | AbbrevKind::Number)),
                Next::Digit,
            ) => false,
            (Terminal::Strong, Next::Lower) => !end.quoted,
            _ => true,
        };
    }
    if is_credit(after) {
        return false;
    }
    match next {
        Next::Lower | Next::Inside => false,
        Next::Digit => match terminal {
            Terminal::Period(WordClass::Plain) | Terminal::Strong => true,
            Terminal::Period(WordClass::Abbrev(_)) => end.quoted,
            Terminal::Ellipsis { .. } => false,
        },
        Next::Upper => match terminal {
            Terminal::Strong => !(end.quoted && attribution_follows(after, false)),
            Terminal::Ellipsis { spaced } => !spaced || starter_follows(after),
            Terminal::Period(_) if end.quoted => !attribution_follows(after, true),
            Terminal::Period(WordClass::Plain) => true,
            Terminal::Period(WordClass::Abbrev(kind)) => match kind {
                AbbrevKind::Title | AbbrevKind::Inner => false,
                AbbrevKind::Month | AbbrevKind::Number | AbbrevKind::Any => starter_follows(after),
            },
        },
    }
}

/// An enumeration that opens a sentence ("1.", "IV.") is not a sentence of its own.
fn is_list_marker(sentence: &str) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    let b = body.as_bytes();
    !b.is_empty()
        && b.len() <= 4
        && (b.iter().all(u8::is_ascii_digit) || b.iter().all(|c| matches!(c, b'I' | b'V' | b'X')))
}

/// A parenthesised credit closing the line after a sentence ("2020. (Name / Reuters)") belongs to
/// that sentence; a parenthesised sentence ("(He left.)") does not.
fn is_credit(after: &str) -> bool {
    let b = after.as_bytes();
    let close = match b.first() {
        Some(b'(') => b')',
        Some(b'[') => b']',
        _ => return false,
    };
    for (i, &c) in b.iter().enumerate().skip(1).take(120) {
        match c {
            b'\n' | b'\r' | b'.' | b'?' | b'!' | b'(' | b'[' => return false,
            _ if c == close => {
                return after[i + 1..]
                    .chars()
                    .take_while(|&c| c != '\n' && c != '\r')
                    .all(char::is_whitespace);
            }
            _ => {}
        }
    }
    false
}

/// The words at the start of `text`: letters, apostrophes and hyphens; each with the char after it.
fn words(text: &str) -> impl Iterator<Item = (&str, Option<char>)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || is_quote(c));
        let end = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || is_mark(c) || c == '-' || c == '’'))
            .map_or(rest.len(), |(i, _)| i);
        if end == 0 {
            return None;
        }
        let word = &rest[..end];
        rest = &rest[end..];
        Some((word, rest.chars().next()))
    })
    .take(6)
}

/// Is the next word a common sentence opener (and not an initial such as "A.")?
fn starter_follows(after: &str) -> bool {
    match words(after).next() {
        Some((w, next)) => next != Some('.') && lexicon().writing.starters.contains(w),
        None => false,
    }
}

/// Does a speaker attribution follow a quote (`"Why?" Erdogan asked`)? With `strict`, the
/// attribution must be all there is before the next "." or "," (`"We won." He said.`), so that
/// `"We won." He said the army…` still starts a new sentence.
fn attribution_follows(after: &str, strict: bool) -> bool {
    let mut names = 0;
    let mut seen_verb = false;
    let speech_verbs = &lexicon().writing.speech_verbs;
    for (w, next) in words(after) {
        let verb = speech_verbs.contains(w);
        if verb && seen_verb {
            return false;
        }
        if verb {
            seen_verb = true;
            if !strict {
                return true;
            }
        } else if w.chars().next().is_some_and(char::is_uppercase) {
            names += 1;
            if names > 3 {
                return false;
            }
        } else {
            return false;
        }
        match next {
            Some('.' | ',') | None => return seen_verb,
            Some(c) if c.is_whitespace() => {}
            Some(_) => return false,
        }
    }
    false
}

/// Does a line without final punctuation run on into the next (hard-wrapped text)?
fn line_continues(before: &str, after: &str) -> bool {
    if after.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    match before.chars().next_back() {
        Some(',' | ';') => return true,
        Some(c) if c.is_lowercase() => {}
        _ => return false,
    }
    let word_start = before
        .char_indices()
        .rev()
        .take(12)
        .take_while(|&(_, c)| c.is_alphanumeric() || is_mark(c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    lexicon()
        .writing
        .continuations
        .contains(&before[word_start..])
}

/// Longest article text that is coded by default, in bytes. One huge page must not hold up a
/// whole batch: 256 KiB is some 40,000 words (twice the longest long-form feature) or 6,500
/// short sentences, and codes in a few seconds on one core (the cost is linear in the length,
/// about 0.3-0.5 ms a sentence, mostly the model; `benches/README.md`, "Long articles").
/// Longer texts are cut with a warning; `flashpoint code --max-article-kib` moves the limit.
pub const MAX_ARTICLE_BYTES: usize = 256 << 10;

/// The segmentation stage: fills `Doc::sentences` and `Doc::tokens`. It runs first and is the
/// one stage that changes the text: an article longer than [`MAX_ARTICLE_BYTES`] is cut at the
/// last paragraph break (else line break, else space) before the limit, with a warning, so
/// that every later stage sees only what is coded.
pub struct Segment;

/// Segmentation with no length limit, for benchmarks and callers that bound their input.
pub struct SegmentWhole;

/// Segmentation that codes at most the given number of bytes (`flashpoint code
/// --max-article-kib`); [`Segment`] is `SegmentUpTo(MAX_ARTICLE_BYTES)`.
pub struct SegmentUpTo(pub usize);

impl Stage for Segment {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn run(&self, doc: &mut Doc) {
        SegmentUpTo(MAX_ARTICLE_BYTES).run(doc);
    }
}

impl Stage for SegmentUpTo {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn run(&self, doc: &mut Doc) {
        truncate(doc, self.0);
        segment(doc);
    }
}

impl Stage for SegmentWhole {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn run(&self, doc: &mut Doc) {
        segment(doc);
    }
}

/// Cut the text to at most `limit` bytes at a break, with a warning.
pub fn truncate(doc: &mut Doc, limit: usize) {
    let text = doc.text();
    if text.len() <= limit {
        return;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let b = &text.as_bytes()[..end];
    // Look back at most 64 KB for a paragraph break, then a line break, then a space.
    let floor = end.saturating_sub(64 << 10);
    let window = &b[floor..];
    let cut = memchr::memmem::rfind(window, b"\n\n")
        .or_else(|| memchr::memrchr(b'\n', window))
        .or_else(|| memchr::memrchr2(b' ', b'\t', window))
        .map(|i| floor + i)
        .filter(|&c| c > 0)
        .unwrap_or(end);
    let total = text.len();
    doc.article.text.truncate(cut);
    doc.lower.truncate(cut);
    doc.warnings.push(format!(
        "article text of {total} bytes is longer than the {limit} bytes coded: \
         only its first {cut} bytes are coded"
    ));
}

fn segment(doc: &mut Doc) {
    let spans = split_sentences(doc.text());
    let mut words = Vec::new();
    match Tokenizer::bundled() {
        Ok(tokenizer) => tokenizer.words(doc.text(), 0, &mut words),
        Err(e) => doc.warnings.push(format!(
            "the bundled tokenizer could not be loaded ({e}): no tokens"
        )),
    }
    doc.sentences.reserve(spans.len());
    doc.tokens.reserve(words.len());
    let mut words = words.into_iter().peekable();
    for s in spans {
        let first = doc.tokens.len();
        while let Some(w) = words.next_if(|w| w.start < s.span.end) {
            if w.start >= s.span.start {
                doc.tokens.push(token(doc.text(), w));
            }
        }
        doc.sentences.push(Sentence {
            span: s.span,
            tokens: first..doc.tokens.len(),
            paragraph: s.paragraph,
        });
    }
}

/// The spans of the tokens of `text` (no whitespace), cut as the article text is: the one way
/// a dictionary phrase is split into the words it matches.
pub fn token_spans(text: &str) -> Vec<Span> {
    let mut words = Vec::new();
    if let Ok(tokenizer) = Tokenizer::bundled() {
        tokenizer.words(text, 0, &mut words);
    }
    words.iter().map(|w| Span::new(w.start, w.end)).collect()
}

/// The words a reader sees in a run of tokens, as token index ranges: a hyphenated compound
/// ("cease-fire", "al-Assad", "Iran-backed", "two-year-old"), which the tokenizer cuts at its
/// hyphens, is one word of several tokens; every other token is a word of its own.
pub fn hyphen_words(text: &str, spans: &[Span]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        if joins_compound(text, spans, i) {
            if let Some(last) = out.last_mut() {
                last.end = i + 2;
                i += 2;
                continue;
            }
        }
        out.push(i..i + 1);
        i += 1;
    }
    out
}

/// Is token `i` a hyphen between two words with no space on either side?
pub fn joins_compound(text: &str, spans: &[Span], i: usize) -> bool {
    let (Some(prev), Some(hyphen), Some(next)) = (
        i.checked_sub(1).and_then(|p| spans.get(p)),
        spans.get(i),
        spans.get(i + 1),
    ) else {
        return false;
    };
    let wordy = |s: &Span| s.of(text).chars().any(char::is_alphanumeric);
    matches!(hyphen.of(text), "-" | "\u{2010}" | "\u{2011}")
        && prev.end == hyphen.start
        && hyphen.end == next.start
        && wordy(prev)
        && wordy(next)
}

/// A Doc token from the tokenizer's cut, its kind read from its text.
fn token(text: &str, w: WordCut<'static>) -> Token {
    let span = Span::new(w.start, w.end);
    Token {
        span,
        kind: token_kind(span.of(text)),
        norm: w.norm,
    }
}

/// What a token's text is: quotation marks only, a number (digits with inner "," or "."), a word
/// (any other text with a letter or digit: "U.S.", "'s", "1990s") or punctuation.
pub fn token_kind(t: &str) -> TokenKind {
    let number = t.starts_with(|c: char| c.is_numeric())
        && t.ends_with(|c: char| c.is_numeric())
        && t.chars().all(|c| c.is_numeric() || c == ',' || c == '.');
    if number {
        TokenKind::Number
    } else if t.chars().any(|c| c.is_alphanumeric()) {
        TokenKind::Word
    } else if !t.is_empty() && t.chars().all(is_quote) {
        TokenKind::Quote
    } else {
        TokenKind::Punct
    }
}

/// A quotation mark, straight, curly or guillemet.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '„'
            | '‚'
            | '‟'
            | '`'
            | '「'
            | '」'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_lies_in_a_sentence() {
        // Sentences end only at whitespace and tokens hold none, whatever the whitespace.
        for gap in [
            " ", "\n\n", "\t", "\u{a0}", "\u{2009}", "\u{85}", "\u{3000}", "\r\n",
        ] {
            let text = format!("Troops left.{gap}Talks resumed{gap}in Doha.{gap}\"Yes,\" he said.");
            let spans = split_sentences(&text);
            for t in token_spans(&text) {
                assert!(
                    spans.iter().any(|s| s.span.contains(t)),
                    "{:?} outside the sentences of {text:?}",
                    t.of(&text)
                );
            }
        }
    }

    fn texts(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|s| s.span.of(text))
            .collect()
    }

    #[test]
    fn abbreviations_are_listed_with_their_kind() {
        assert_eq!(abbreviation("Gen."), Some(AbbrevKind::Title));
        assert_eq!(abbreviation("U.S."), Some(AbbrevKind::Any));
        assert_eq!(abbreviation("gen."), None);
    }

    #[test]
    fn whitespace_matches_std() {
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let got = whitespace_at(s.as_bytes(), 0).map(|(len, _)| len);
            let want = c.is_whitespace().then_some(s.len());
            assert_eq!(got, want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn long_texts_are_cut_at_a_break_with_a_warning() {
        let doc = |text: String| {
            Doc::new(crate::article::Article {
                text,
                ..crate::article::Article::default()
            })
        };
        let para = "Fighting resumed near the river. Both sides reported losses.";
        let mut d = doc(vec![para; 40].join("\n\n"));
        truncate(&mut d, 1000);
        assert!(d.text().len() <= 1000 && d.text().ends_with("losses."));
        assert_eq!(d.lower.len(), d.text().len());
        assert!(d.warnings[0].contains("only its first"), "{:?}", d.warnings);
        // No break at all: cut on a char boundary.
        let mut d = doc("é".repeat(800));
        truncate(&mut d, 1001);
        assert_eq!(d.text().len(), 1000);
        // Short texts are left alone.
        let mut d = doc(para.to_string());
        Segment.run(&mut d);
        assert!(d.warnings.is_empty() && d.sentences.len() == 2);
    }

    #[test]
    fn splits_simple_text() {
        assert_eq!(texts("One. Two! Three?"), ["One.", "Two!", "Three?"]);
        assert!(texts("  \n\n ").is_empty());
    }

    #[test]
    fn counts_paragraphs_from_blank_lines() {
        let s = split_sentences("\n\nA b.\n\n\nC d. E f.\n \nG");
        let p: Vec<usize> = s.iter().map(|s| s.paragraph).collect();
        assert_eq!(p, [0, 1, 1, 2]);
    }

    #[test]
    fn word_classes() {
        assert_eq!(
            word_class("the U.S.", 7),
            WordClass::Abbrev(AbbrevKind::Any)
        );
        assert_eq!(
            word_class("George W.", 8),
            WordClass::Abbrev(AbbrevKind::Any)
        );
        assert_eq!(word_class("in Idlib.", 8), WordClass::Plain);
        assert_eq!(word_class("in 2020.", 7), WordClass::Plain);
    }

    #[test]
    fn attribution() {
        assert!(attribution_follows("Erdogan asked.", false));
        assert!(attribution_follows("He said.", true));
        assert!(!attribution_follows("He said the army left.", true));
        assert!(!attribution_follows("The army left.", false));
    }
}
