//! Quotation marks and their pairing into quotes.
//!
//! Marks: straight and curly double quotes (and « »), with single quotes (‘ ’ or ') nested
//! inside them; only the outermost quote is reported. An apostrophe inside or after a word
//! ("Turkey’s", "don't", "’90s") is not a mark. A paragraph (line) that opens a quote without
//! closing it continues into the next paragraph when that one starts with an opening mark; the
//! quote's span then runs from its first to its last quoted word, inner marks included. A quote
//! still open at the end of a paragraph that does not continue ends there.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Open,
    Close,
    Either,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Mark {
    pub at: usize,
    pub end: usize,
    pub side: Side,
    pub double: bool,
}

fn spacy(c: Option<char>, extra: &str) -> bool {
    c.is_none_or(|c| c.is_whitespace() || extra.contains(c))
}

/// Quotation marks in text order; apostrophes are left out.
pub(crate) fn marks(text: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((at, c)) = it.next() {
        let next = it.peek().map(|x| x.1);
        let before_open = spacy(prev, "([{—–-/");
        let after_close = spacy(next, ".,;:!?)]}—–-");
        let side = match (before_open, after_close) {
            (true, false) => Side::Open,
            (false, true) => Side::Close,
            _ => Side::Either,
        };
        let mark = |side, double| Mark {
            at,
            end: at + c.len_utf8(),
            side,
            double,
        };
        match c {
            '"' => out.push(mark(side, true)),
            '“' | '„' | '«' => out.push(mark(
                if side == Side::Close {
                    Side::Close
                } else {
                    Side::Open
                },
                true,
            )),
            '”' | '»' => out.push(mark(
                if side == Side::Open {
                    Side::Open
                } else {
                    Side::Close
                },
                true,
            )),
            '‘' | '\'' | '’' => {
                // An opening single mark needs a letter after it ('90s is an apostrophe);
                // a closing one needs no letter or digit after it (Turkey’s, don't).
                if before_open && next.is_some_and(char::is_alphabetic) && c != '’' {
                    out.push(mark(Side::Open, false));
                } else if !before_open && !next.is_some_and(char::is_alphanumeric) && c != '‘' {
                    out.push(mark(Side::Close, false));
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

/// A quote as found: the byte after its opening mark to its closing mark.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Raw {
    pub open_at: usize,
    pub content: Span,
    pub close_end: usize,
}

/// Pair marks into outermost quotes, line by line (a line is a paragraph).
pub(crate) fn pair(text: &str, marks: &[Mark]) -> Vec<Raw> {
    struct Open {
        open_at: usize,
        content_start: usize,
        depth: usize,
    }
    let mut raws = Vec::new();
    let mut cur: Option<Open> = None;
    let mut last_end = 0;
    let mut m = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let ls = line_start;
        let le = ls + line.len();
        line_start = le;
        let first = ls + (line.len() - line.trim_start().len());
        let in_line = |mk: &Mark| mk.at >= ls && mk.at < le;
        if line.trim().is_empty() {
            continue;
        }
        let mut skip = None;
        if let Some(o) = cur.as_mut() {
            let opens = marks[m..]
                .iter()
                .take_while(|mk| mk.at < le)
                .find(|mk| in_line(mk))
                .filter(|mk| mk.at == first && mk.double && mk.side != Side::Close);
            if let Some(mk) = opens {
                o.depth = 1;
                skip = Some(mk.at);
            } else {
                raws.push(Raw {
                    open_at: o.open_at,
                    content: Span::new(o.content_start, last_end.max(o.content_start)),
                    close_end: last_end.max(o.content_start),
                });
                cur = None;
            }
        }
        let mut single: Option<(usize, usize)> = None;
        while m < marks.len() && marks[m].at < le {
            let mk = marks[m];
            m += 1;
            if Some(mk.at) == skip {
                continue;
            }
            if mk.double {
                single = None;
                match cur.as_mut() {
                    None if mk.side != Side::Close => {
                        cur = Some(Open {
                            open_at: mk.at,
                            content_start: mk.end,
                            depth: 1,
                        })
                    }
                    None => {}
                    Some(o) if mk.side == Side::Open => o.depth += 1,
                    Some(o) if o.depth > 1 => o.depth -= 1,
                    Some(o) => {
                        raws.push(Raw {
                            open_at: o.open_at,
                            content: Span::new(o.content_start, mk.at),
                            close_end: mk.end,
                        });
                        cur = None;
                    }
                }
            } else if cur.is_none() {
                match (mk.side, single) {
                    (Side::Open, None) => single = Some((mk.at, mk.end)),
                    (Side::Close, Some((at, start))) => {
                        raws.push(Raw {
                            open_at: at,
                            content: Span::new(start, mk.at),
                            close_end: mk.end,
                        });
                        single = None;
                    }
                    _ => {}
                }
            }
        }
        last_end = ls + line.trim_end().len();
    }
    if let Some(o) = cur {
        raws.push(Raw {
            open_at: o.open_at,
            content: Span::new(o.content_start, last_end.max(o.content_start)),
            close_end: last_end.max(o.content_start),
        });
    }
    raws.sort_by_key(|r| r.open_at);
    raws
}

/// Trim whitespace and a trailing comma; also tell whether the quote ended in a comma.
pub(crate) fn trim_content(text: &str, span: Span) -> (Span, bool, Option<char>) {
    let s = span.of(text);
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    let last = body.chars().last();
    let comma = last == Some(',');
    let body = body.trim_end_matches(',').trim_end();
    let start = span.start + lead;
    (Span::new(start, start + body.len()), comma, last)
}

pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A capitalised quote ending in punctuation that opens a sentence: `"No," he said.`
pub(crate) fn sentence_like(text: &str, raw: &Raw, content: &str, last: Option<char>) -> bool {
    let capital = content
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    let ends = last.is_some_and(|c| ".,!?…;—".contains(c));
    let before = text
        .get(..raw.open_at)
        .unwrap_or("")
        .trim_end_matches([' ', '\t']);
    let opens = before
        .chars()
        .last()
        .is_none_or(|c| "\n.!?:”\"’(".contains(c));
    capital && ends && opens
}
