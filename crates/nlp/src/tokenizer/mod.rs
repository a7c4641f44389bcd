//! spaCy's English tokenizer (`en_core_web_sm` 3.8), giving spaCy's exact tokens.
//!
//! The rules are data from the model file's `tokenizer` document: prefix, suffix and infix
//! patterns, the URL pattern and 1,347 special cases. The algorithm follows spaCy's
//! `Tokenizer.__call__`: the text is cut at whitespace into chunks; each chunk is looked up as a
//! special case, else affixes are peeled off both ends (a special case ends the peeling), and the
//! core left is a special case, a URL, or split at infixes. A final pass then finds sequences of
//! tokens that spell a special case (`let` `'s`) and re-tokenizes them with the case's NORMs.
//! Phase one depends only on the chunk, so it is memoised per chunk within a call.

mod pattern;
mod specials;
mod url;

use crate::fast_hash::FastMap;
use crate::model_file::{ModelError, ModelFile};
use crate::unicode::CharClasses;
use pattern::AffixPattern;
use serde::Deserialize;
use specials::{filter_spans, SequenceMatcher, Specials, SubToken};
use std::collections::HashMap;
use std::ops::Range;
use url::UrlMatcher;

/// One token: a byte span of the input text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Followed by one ASCII space that belongs to no token (spaCy's `whitespace_`).
    pub space_after: bool,
    /// The NORM the special case that produced this token sets (`n't` → `not`), else `None`.
    pub norm: Option<String>,
}

/// A token that is not whitespace, as the rest of a pipeline keeps it: its byte span and the NORM
/// its special case sets, borrowed from the tokenizer (see [`Tokenizer::words`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordCut<'t> {
    pub start: usize,
    pub end: usize,
    pub norm: Option<&'t str>,
}

/// spaCy's tokenizer with the model's rules.
#[derive(Debug)]
pub struct Tokenizer {
    prefix: Option<AffixPattern>,
    suffix: Option<AffixPattern>,
    infix: Option<AffixPattern>,
    url: Option<UrlMatcher>,
    specials: Specials,
    /// Token sequences of the special cases that affix splitting can produce (final pass).
    sequences: SequenceMatcher,
    classes: CharClasses,
    ascii_space: [bool; 128],
}

#[derive(Deserialize)]
struct TokenizerData {
    prefix_pattern: Option<String>,
    suffix_pattern: Option<String>,
    infix_pattern: Option<String>,
    url_match: Option<String>,
    token_match: Option<String>,
    special_cases: HashMap<String, Vec<SpecialPiece>>,
}

#[derive(Deserialize)]
struct SpecialPiece {
    #[serde(rename = "ORTH")]
    orth: String,
    #[serde(rename = "NORM")]
    norm: Option<String>,
}

/// A token of phase one: byte span, trailing space, NORM borrowed from the special case.
#[derive(Clone, Copy, Debug)]
struct Piece<'t> {
    start: usize,
    end: usize,
    space_after: bool,
    norm: Option<&'t str>,
}

/// What affix peeling left of a chunk: byte ranges within it.
struct Peeled {
    prefixes: Vec<Range<usize>>,
    core: Range<usize>,
    suffixes: Vec<Range<usize>>,
}

impl Tokenizer {
    pub fn load(model: &ModelFile) -> Result<Self, ModelError> {
        let data: TokenizerData = model.document("tokenizer")?;
        let classes = CharClasses::load(model)?;
        Self::from_data(data, classes).map_err(|reason| ModelError::Section {
            name: "tokenizer".into(),
            reason,
        })
    }

    fn from_data(data: TokenizerData, classes: CharClasses) -> Result<Self, String> {
        if data.token_match.is_some() {
            return Err("token_match is not supported (English has none)".into());
        }
        let affix = |p: &Option<String>, what: &str| {
            p.as_deref()
                .map(AffixPattern::compile)
                .transpose()
                .map_err(|e| format!("{what}: {}", e.0))
        };
        let mut ascii_space = [false; 128];
        for (b, flag) in ascii_space.iter_mut().enumerate() {
            *flag = char::from_u32(b as u32).is_some_and(|c| classes.is_space(c));
        }
        let mut tokenizer = Self {
            prefix: affix(&data.prefix_pattern, "prefix_pattern")?,
            suffix: affix(&data.suffix_pattern, "suffix_pattern")?,
            infix: affix(&data.infix_pattern, "infix_pattern")?,
            url: data
                .url_match
                .as_deref()
                .map(UrlMatcher::compile)
                .transpose()
                .map_err(|e| e.0)?,
            specials: special_cases(data.special_cases)?,
            sequences: SequenceMatcher::default(),
            classes,
            ascii_space,
        };
        tokenizer.sequences = tokenizer.final_pass_sequences();
        Ok(tokenizer)
    }

    /// spaCy's tokens of `text`, in order; every non-whitespace character is in one token.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let pieces = self.split(text, true);
        self.apply_special_sequences(text, pieces)
            .into_iter()
            .map(|p| Token {
                start: p.start,
                end: p.end,
                space_after: p.space_after,
                norm: p.norm.map(str::to_string),
            })
            .collect()
    }

    /// The tokenizer built into the binary (the model file's rules only, not its weights), loaded
    /// once on first use.
    pub fn bundled() -> Result<&'static Tokenizer, &'static ModelError> {
        static TOKENIZER: std::sync::OnceLock<Result<Tokenizer, ModelError>> =
            std::sync::OnceLock::new();
        TOKENIZER
            .get_or_init(|| {
                ModelFile::parse_bundled(crate::MODEL_BYTES).and_then(|f| Tokenizer::load(&f))
            })
            .as_ref()
    }

    /// The tokens of `text` that are not whitespace, appended to `out` with offsets shifted by
    /// `base`: the same cuts as [`Tokenizer::tokenize`] gives, without the whitespace tokens,
    /// which [`Tokenizer::with_spaces`] restores from the text.
    pub fn words<'t>(&'t self, text: &str, base: usize, out: &mut Vec<WordCut<'t>>) {
        let pieces = self.split(text, true);
        let pieces = self.apply_special_sequences(text, pieces);
        out.extend(
            pieces
                .into_iter()
                .filter(|p| !text[p.start..].starts_with(|c: char| self.is_space(c)))
                .map(|p| WordCut {
                    start: base + p.start,
                    end: base + p.end,
                    norm: p.norm,
                }),
        );
    }

    /// The tokens [`Tokenizer::tokenize`] gives for `text[range]` (offsets into `text`), rebuilt
    /// from the non-whitespace ones that lie in the range: spaCy gives a token the one ASCII
    /// space after it as its trailing space and makes every other whitespace run a token of its
    /// own. `words` must be in order, inside the range, and cover every non-whitespace byte.
    pub fn with_spaces<'w>(
        &self,
        text: &str,
        range: Range<usize>,
        words: impl IntoIterator<Item = WordCut<'w>>,
    ) -> Vec<Token> {
        let mut out: Vec<Token> = Vec::new();
        let mut at = range.start;
        let gap = |out: &mut Vec<Token>, from: usize, to: usize| {
            let mut from = from;
            if from < to && text.as_bytes()[from] == b' ' {
                if let Some(last) = out.last_mut() {
                    last.space_after = true;
                    from += 1;
                }
            }
            if from < to {
                // A whitespace run is tokenized as a chunk of its own (a special case may give it
                // a NORM: a no-break space reads as two spaces).
                let mut pieces = Vec::new();
                self.chunk_pieces(&text[from..to], true, &mut pieces);
                out.extend(pieces.into_iter().map(|p| Token {
                    start: from + p.start,
                    end: from + p.end,
                    space_after: false,
                    norm: p.norm.map(str::to_string),
                }));
            }
        };
        for w in words {
            gap(&mut out, at, w.start);
            out.push(Token {
                start: w.start,
                end: w.end,
                space_after: false,
                norm: w.norm.map(str::to_string),
            });
            at = w.end;
        }
        gap(&mut out, at, range.end);
        out
    }

    /// The special cases the final pass looks for, as the token texts phase one gives for them
    /// without special cases. spaCy (`faster_heuristics`) keeps only the strings that contain a
    /// prefix, suffix, infix or ASCII space: others phase one already finds whole.
    fn final_pass_sequences(&self) -> SequenceMatcher {
        let mut sequences = SequenceMatcher::default();
        for key in self.specials.keys() {
            let splits = self.prefix_len(key) > 0
                || self.suffix_len(key) > 0
                || self.infix.as_ref().is_some_and(|p| p.is_match(key))
                || key.contains(' ');
            if splits {
                let pieces = self.split(key, false);
                let texts: Vec<&str> = pieces.iter().map(|p| &key[p.start..p.end]).collect();
                sequences.add(&texts);
            }
        }
        sequences
    }

    /// Whether the tokenizer cuts at `c` (Python's `str.isspace`, as spaCy).
    pub fn is_space(&self, c: char) -> bool {
        match self.ascii_space.get(c as usize) {
            Some(&flag) => flag,
            None => self.classes.is_space(c),
        }
    }

    // ------------------------------------------------------------------ phase one

    /// Cut `text` at whitespace runs and tokenize each chunk. A run of non-whitespace followed by
    /// one ASCII space takes that space as its trailing space; other whitespace becomes tokens.
    fn split<'t>(&'t self, text: &str, with_specials: bool) -> Vec<Piece<'t>> {
        let mut out = Vec::new();
        let mut memo = Memo::with_capacity(text.len() / 8);
        let Some(first) = text.chars().next() else {
            return out;
        };
        let mut in_space = self.is_space(first);
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if self.is_space(c) == in_space {
                continue;
            }
            if start < i {
                memo.chunk(self, text, start..i, with_specials, &mut out);
            }
            start = i;
            if c == ' ' {
                if let Some(last) = out.last_mut() {
                    last.space_after = true;
                }
                start = i + 1;
            }
            in_space = !in_space;
        }
        if start < text.len() {
            memo.chunk(self, text, start..text.len(), with_specials, &mut out);
        }
        out
    }

    /// The tokens of one chunk, with byte offsets relative to it.
    fn chunk_pieces<'t>(&'t self, chunk: &str, with_specials: bool, out: &mut Vec<Piece<'t>>) {
        if let Some(subs) = self.special(chunk, with_specials) {
            push_special(0, subs, out);
            return;
        }
        let peeled = self.peel(chunk, with_specials);
        for range in &peeled.prefixes {
            push_plain(range.clone(), out);
        }
        let core = &chunk[peeled.core.clone()];
        if !core.is_empty() {
            // The whole chunk was looked up above already.
            let peeled_some = core.len() < chunk.len();
            if let Some(subs) = self.special(core, with_specials).filter(|_| peeled_some) {
                push_special(peeled.core.start, subs, out);
            } else if self.url.as_ref().is_some_and(|u| u.is_match(core)) {
                push_plain(peeled.core.clone(), out);
            } else {
                self.split_infixes(core, peeled.core.start, out);
            }
        }
        for range in peeled.suffixes.iter().rev() {
            push_plain(range.clone(), out);
        }
    }

    fn special(&self, s: &str, with_specials: bool) -> Option<&[SubToken]> {
        if with_specials {
            self.specials.get(s)
        } else {
            None
        }
    }

    fn is_special(&self, s: &str, with_specials: bool) -> bool {
        with_specials && !s.is_empty() && self.specials.contains(s)
    }

    /// spaCy's `_split_affixes`: each pass removes at most one prefix and one suffix, until a
    /// pass removes nothing or what is left (or would be left) is a special case. The caller has
    /// found that the whole chunk is none.
    fn peel(&self, chunk: &str, with_specials: bool) -> Peeled {
        let (mut lo, mut hi) = (0, chunk.len());
        let mut prefixes = Vec::new();
        let mut suffixes = Vec::new();
        let mut last_len = usize::MAX;
        while lo < hi && hi - lo != last_len {
            let s = &chunk[lo..hi];
            if s.len() < chunk.len() && self.is_special(s, with_specials) {
                break;
            }
            last_len = s.len();
            let p = self.prefix_len(s);
            if p > 0 && self.is_special(&s[p..], with_specials) {
                prefixes.push(lo..lo + p);
                lo += p;
                break;
            }
            let q = self.suffix_len(&s[p..]);
            // The rest before the suffix still carries the prefix (as in spaCy).
            if q > 0 && self.is_special(&s[..s.len() - q], with_specials) {
                suffixes.push(hi - q..hi);
                hi -= q;
                break;
            }
            if p > 0 {
                prefixes.push(lo..lo + p);
                lo += p;
            }
            if q > 0 {
                suffixes.push(hi - q..hi);
                hi -= q;
            }
        }
        Peeled {
            prefixes,
            core: lo..hi,
            suffixes,
        }
    }

    fn prefix_len(&self, s: &str) -> usize {
        self.prefix.as_ref().map_or(0, |p| p.prefix_len(s))
    }

    fn suffix_len(&self, s: &str) -> usize {
        self.suffix.as_ref().map_or(0, |p| p.suffix_len(s))
    }

    /// spaCy's `_attach_tokens` for a core that is no special case or URL: the text between
    /// infix matches and the matches themselves; a match at position 0 is skipped.
    fn split_infixes<'t>(&'t self, core: &str, base: usize, out: &mut Vec<Piece<'t>>) {
        let matches = self
            .infix
            .as_ref()
            .map(|p| p.find_all(core))
            .unwrap_or_default();
        let mut start = 0;
        for (a, b) in matches {
            if a == 0 {
                continue;
            }
            if a != start {
                push_plain(base + start..base + a, out);
            }
            if a != b {
                push_plain(base + a..base + b, out);
            }
            start = b;
        }
        if start < core.len() {
            push_plain(base + start..base + core.len(), out);
        }
    }

    // ------------------------------------------------------------------ phase two

    /// spaCy's `_apply_special_cases`: token sequences that spell a special case are replaced by
    /// its sub-tokens, longest and leftmost first. A sequence with spaces inside matches, finds
    /// no special case for its text, stays as it is, and still blocks shorter sequences.
    fn apply_special_sequences<'t>(&'t self, text: &str, pieces: Vec<Piece<'t>>) -> Vec<Piece<'t>> {
        let texts: Vec<&str> = pieces.iter().map(|p| &text[p.start..p.end]).collect();
        let spans = filter_spans(self.sequences.find_all(&texts), pieces.len());
        if spans.is_empty() {
            return pieces;
        }
        let mut out = Vec::with_capacity(pieces.len());
        let mut next = 0;
        for (s, e) in spans {
            out.extend_from_slice(&pieces[next..s]);
            // Phase-one tokens are contiguous but for the single spaces they own, so the span's
            // text with its inner spaces is this slice.
            let key = &text[pieces[s].start..pieces[e - 1].end];
            match self.specials.get(key) {
                Some(subs) => {
                    push_special(pieces[s].start, subs, &mut out);
                    if let Some(last) = out.last_mut() {
                        last.space_after = pieces[e - 1].space_after;
                    }
                }
                None => out.extend_from_slice(&pieces[s..e]),
            }
            next = e;
        }
        out.extend_from_slice(&pieces[next..]);
        out
    }
}

fn push_plain(range: Range<usize>, out: &mut Vec<Piece<'_>>) {
    out.push(Piece {
        start: range.start,
        end: range.end,
        space_after: false,
        norm: None,
    });
}

fn push_special<'t>(start: usize, subs: &'t [SubToken], out: &mut Vec<Piece<'t>>) {
    let mut at = start;
    for sub in subs {
        out.push(Piece {
            start: at,
            end: at + sub.len,
            space_after: false,
            norm: sub.norm.as_deref(),
        });
        at += sub.len;
    }
}

fn special_cases(data: HashMap<String, Vec<SpecialPiece>>) -> Result<Specials, String> {
    let mut specials = Specials::default();
    for (key, pieces) in data {
        let joined: String = pieces.iter().map(|p| p.orth.as_str()).collect();
        if key.is_empty() || joined != key || pieces.iter().any(|p| p.orth.is_empty()) {
            return Err(format!("special case {key:?}: ORTHs do not spell it"));
        }
        let subs = pieces
            .into_iter()
            .map(|p| SubToken {
                len: p.orth.len(),
                norm: p.norm,
            })
            .collect();
        specials.insert(key, subs);
    }
    Ok(specials)
}

/// Phase-one tokens per distinct chunk within one call (chunks repeat: "the", ",", "said").
#[derive(Default)]
struct Memo<'c, 't> {
    by_chunk: FastMap<&'c str, Range<usize>>,
    pieces: Vec<Piece<'t>>,
}

impl<'c, 't> Memo<'c, 't> {
    fn with_capacity(chunks: usize) -> Self {
        Self {
            by_chunk: FastMap::with_capacity_and_hasher(chunks, Default::default()),
            pieces: Vec::with_capacity(chunks),
        }
    }

    fn chunk(
        &mut self,
        tokenizer: &'t Tokenizer,
        text: &'c str,
        range: Range<usize>,
        with_specials: bool,
        out: &mut Vec<Piece<'t>>,
    ) {
        let chunk = &text[range.clone()];
        let stored = match self.by_chunk.get(chunk) {
            Some(stored) => stored.clone(),
            None => {
                let from = self.pieces.len();
                tokenizer.chunk_pieces(chunk, with_specials, &mut self.pieces);
                self.by_chunk.insert(chunk, from..self.pieces.len());
                from..self.pieces.len()
            }
        };
        out.extend(self.pieces[stored].iter().map(|p| Piece {
            start: range.start + p.start,
            end: range.start + p.end,
            ..*p
        }));
    }
}

#[cfg(test)]
mod tests;
