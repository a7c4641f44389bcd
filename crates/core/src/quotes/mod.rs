//! Quotes: direct speech in quotation marks, and who said it.
//!
//! Marks: straight and curly double quotes (and « »), with single quotes (‘ ’ or ') nested
//! inside them; only the outermost quote is reported. An apostrophe inside or after a word
//! ("Turkey’s", "don't", "’90s") is not a mark. A paragraph (line) that opens a quote without
//! closing it continues into the next paragraph when that one starts with an opening mark; the
//! quote's span then runs from its first to its last quoted word, inner marks included. A quote
//! still open at the end of a paragraph that does not continue ends there.
//!
//! Reported quotes: at least four words, or a sentence-like quote (capitalised, ending in
//! punctuation inside the marks, and opening a sentence) such as "No," he said. A quoted word or
//! short phrase inside a sentence ("terrorists", "unacceptable") is a scare quote, not a quote.
//!
//! Speakers are looked for after the quote first (`"…," X said`, `"…," said X, the …`,
//! `"…," according to X`, `"…," he said`, a bare `"…," Erdogan` at the end of a line), then before
//! it (`X said: "…"`, `X told Reuters: "…"`, `X said that "…"`, `X was quoted as saying "…"`,
//! `According to X, "…"`, or a previous line ending in `X said:`). A quote that opens a paragraph
//! with no attribution right after an attributed quote keeps that quote's speaker. Names resolve
//! through `Doc::mentions` (longest overlapping mention; pronouns through their resolved actor,
//! else the last named speaker or person); without a mention the capitalised name is taken,
//! role words stripped ("Turkish President Recep Tayyip Erdogan" → "Recep Tayyip Erdogan"), or
//! for a description ("a senior official") its words, coded through the mention inside it.
//! Also handled: appositives in either order (`the Turkish president, Recep Tayyip Erdogan,
//! said`), abbreviation dots inside the speaker (`U.S. envoy`), `according to a statement from
//! the Kremlin`, dash attribution (`"…" — Erdogan`), `wrote on Twitter/X that`, and partial quotes
//! inside reported speech (the sentence's first speech verb names the speaker). A name without a
//! code takes its appositive's or title's code ("Stephanie Williams, the UN envoy"), or the
//! code of an earlier full name it ends ("Lowcock" after "Mark Lowcock"). A pronoun speaker is
//! the speech subject of its own or the previous sentence, then the actor stage's reading unless
//! that names someone talked about inside the quote. Speech verbs and role words live in
//! `data/lexicon/quotes.tsv`.

pub(crate) mod words;

use crate::codebook::tsv_rows;
use crate::doc::{Doc, MentionKind, Quote, Speaker};
use crate::pipeline::Stage;
use crate::span::Span;
use std::collections::HashSet;
use std::sync::OnceLock;
use words::{lowered, scan, Phrases, Word, WordKind};

const LEXICON: &str = include_str!("../../../../data/lexicon/quotes.tsv");
/// Title abbreviations ("Gen.", "Lt."): their dot does not end a speaker phrase.
const ABBREVIATIONS: &str = include_str!("../../../../data/lexicon/abbreviations.txt");

/// Fewest words for a quote that is not sentence-like.
const MIN_WORDS: usize = 4;
/// Most words between a quote and the speech verb of `"…," X said`.
const TAIL_REACH: usize = 12;
/// Most words between a speech verb and the quote it introduces (`X told reporters in Ankara: "…"`).
const HEAD_OBJECT: usize = 7;
/// Most words in a speaker description ("a senior Turkish official").
const MAX_DESCRIPTION: usize = 8;

#[derive(Debug, Default)]
struct Lexicon {
    verb: HashSet<String>,
    aux: Phrases,
    title: Phrases,
    pronoun: HashSet<String>,
    notname: HashSet<String>,
    connector: HashSet<String>,
    stop: HashSet<String>,
    /// Words between "according to" and the speaker ("a statement from").
    via: Phrases,
    /// Verbs that attribute a partial quote inside reported speech ("what he called").
    report: HashSet<String>,
    /// Title abbreviations without their dot, lowercase ("gen", "lt").
    abbrev: HashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon::default();
        for (_, f) in tsv_rows(LEXICON) {
            let (Some(&kind), Some(&entry)) = (f.first(), f.get(1)) else {
                continue;
            };
            let set = match kind {
                "verb" => &mut lex.verb,
                "pronoun" => &mut lex.pronoun,
                "notname" => &mut lex.notname,
                "connector" => &mut lex.connector,
                "stop" => &mut lex.stop,
                "report" => &mut lex.report,
                "via" => {
                    lex.via.insert(entry, "");
                    continue;
                }
                "aux" => {
                    lex.aux.insert(entry, "");
                    continue;
                }
                "title" => {
                    lex.title.insert(entry, "");
                    continue;
                }
                _ => continue,
            };
            set.insert(entry.to_string());
        }
        for line in ABBREVIATIONS.lines().filter(|l| !l.starts_with('#')) {
            if let Some((a, "title")) = line.split_once('\t') {
                lex.abbrev
                    .insert(a.trim_end_matches('.').to_ascii_lowercase());
            }
        }
        lex
    })
}

/// The quote stage: fills `Doc::quotes`.
pub struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn run(&self, doc: &mut Doc) {
        let found = find(doc);
        doc.quotes.extend(found);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Open,
    Close,
    Either,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    at: usize,
    end: usize,
    side: Side,
    double: bool,
}

fn spacy(c: Option<char>, extra: &str) -> bool {
    c.is_none_or(|c| c.is_whitespace() || extra.contains(c))
}

/// Quotation marks in text order; apostrophes are left out.
fn marks(text: &str) -> Vec<Mark> {
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
struct Raw {
    open_at: usize,
    content: Span,
    close_end: usize,
}

/// Pair marks into outermost quotes, line by line (a line is a paragraph).
fn pair(text: &str, marks: &[Mark]) -> Vec<Raw> {
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
fn trim_content(text: &str, span: Span) -> (Span, bool, Option<char>) {
    let s = span.of(text);
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    let last = body.chars().last();
    let comma = last == Some(',');
    let body = body.trim_end_matches(',').trim_end();
    let start = span.start + lead;
    (Span::new(start, start + body.len()), comma, last)
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// A capitalised quote ending in punctuation that opens a sentence: `"No," he said.`
fn sentence_like(text: &str, raw: &Raw, content: &str, last: Option<char>) -> bool {
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

/// What kind of words name a speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CandKind {
    Pronoun,
    Name,
    Description,
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    kind: CandKind,
    span: Span,
    /// An appositive description of the speaker ("Stephanie Williams, the UN envoy"), whose
    /// mention codes the speaker when the name itself has no code.
    alt: Option<Span>,
}

impl Cand {
    fn new(kind: CandKind, span: Span) -> Cand {
        Cand {
            kind,
            span,
            alt: None,
        }
    }
}

struct Ctx<'a> {
    doc: &'a Doc,
    text: &'a str,
    lex: &'a Lexicon,
    ws: Vec<Word>,
    lw: Vec<String>,
}

impl Ctx<'_> {
    fn is_word(&self, i: usize) -> bool {
        self.ws.get(i).is_some_and(|w| w.kind == WordKind::Word)
    }

    fn raw(&self, i: usize) -> &str {
        self.ws[i].span.of(self.text)
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.ws[a].span.start, self.ws[b - 1].span.end)
    }

    /// A dot that belongs to the word before it ("U.S.", "Gen."), not a sentence end.
    fn abbr_dot(&self, i: usize) -> bool {
        if i == 0 || self.lw.get(i).map(String::as_str) != Some(".") || !self.is_word(i - 1) {
            return false;
        }
        let prev = &self.lw[i - 1];
        let attached = self.ws[i - 1].span.end == self.ws[i].span.start;
        let followed = self.is_word(i + 1)
            && !self
                .text
                .get(self.ws[i].span.end..self.ws[i + 1].span.start)
                .is_some_and(|g| g.contains('\n'));
        attached && followed && (prev.contains('.') || self.lex.abbrev.contains(prev))
    }

    /// A word, or an abbreviation's dot inside a phrase.
    fn wordish(&self, i: usize) -> bool {
        self.is_word(i) || self.abbr_dot(i)
    }

    fn is_verb(&self, i: usize) -> bool {
        self.is_word(i) && self.lex.verb.contains(&self.lw[i])
    }

    /// A capitalised word that may be part of a name ("Erdogan", "al-Assad", "SETA").
    fn name_like(&self, i: usize) -> bool {
        if !self.is_word(i) || self.lex.notname.contains(&self.lw[i]) {
            return false;
        }
        let w = self.raw(i);
        w.starts_with(char::is_uppercase)
            || w.split_once('-')
                .is_some_and(|(_, b)| b.starts_with(char::is_uppercase))
    }

    fn connector(&self, i: usize) -> bool {
        self.is_word(i) && self.lex.connector.contains(&self.lw[i])
    }

    /// Drop role words from the front of a name run `a..b`: the name starts after the last one.
    fn strip_titles(&self, a: usize, b: usize) -> usize {
        let mut cut = a;
        for t in a..b {
            if let Some((n, _)) = self.lex.title.at(&self.lw, t) {
                if t + n < b {
                    cut = cut.max(t + n);
                }
            }
            // Possessives before a name: "Turkey's Erdogan".
            if (self.lw[t].ends_with("'s") || self.lw[t].ends_with('\'')) && t + 1 < b {
                cut = cut.max(t + 1);
            }
        }
        while cut < b && (self.connector(cut) || !self.name_like(cut)) {
            cut += 1;
        }
        cut
    }

    /// The name ending at word `b` (exclusive), walking back over capitalised words.
    fn run_ending(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let mut s = b;
        while s > a
            && (self.name_like(s - 1)
                || (self.connector(s - 1) && s - 1 > a && self.name_like(s - 2)))
        {
            s -= 1;
        }
        while s < b && !self.name_like(s) {
            s += 1;
        }
        (s < b && self.name_like(b - 1)).then_some((s, b))
    }

    /// Speaker words before a verb: a pronoun, a name, or a short description.
    fn subject(&self, a: usize, b: usize) -> Option<Cand> {
        if a >= b {
            return None;
        }
        if b - a == 1 && self.lex.pronoun.contains(&self.lw[a]) {
            return Some(Cand::new(CandKind::Pronoun, self.ws[a].span));
        }
        if let Some((s, e)) = self.run_ending(a, b) {
            let s = self.strip_titles(s, e);
            if s < e {
                // The words before the name ("the UN humanitarian chief") may code it.
                let alt = (s > a && s - a <= MAX_DESCRIPTION).then(|| self.span(a, s));
                return Some(Cand {
                    alt,
                    ..Cand::new(CandKind::Name, self.span(s, e))
                });
            }
        }
        let words = (a..b).filter(|&i| self.is_word(i)).count();
        (words > 0 && words <= MAX_DESCRIPTION && (a..b).all(|i| self.wordish(i)))
            .then(|| Cand::new(CandKind::Description, self.span(a, b)))
    }

    /// Speaker words after a verb or "according to", up to a comma or a clause word.
    fn object(&self, a: usize, limit: usize) -> Option<Cand> {
        let mut b = a;
        while b < limit && self.wordish(b) && (b == a || !self.lex.stop.contains(&self.lw[b])) {
            b += 1;
        }
        if a >= b {
            return None;
        }
        let alt = self.appositive(b, limit);
        self.object_words(a, b).map(|c| Cand { alt, ..c })
    }

    /// `, the acting UN envoy for Libya,` after a speaker's name: the description's words.
    fn appositive(&self, b: usize, limit: usize) -> Option<Span> {
        if self.lw.get(b).map(String::as_str) != Some(",") {
            return None;
        }
        let s = b + 1;
        let mut e = s;
        while e < limit && self.wordish(e) {
            e += 1;
        }
        let ok = e > s && e - s <= MAX_DESCRIPTION && !self.name_like(s);
        ok.then(|| self.span(s, e))
    }

    fn object_words(&self, a: usize, b: usize) -> Option<Cand> {
        if self.lex.pronoun.contains(&self.lw[a]) {
            return Some(Cand::new(CandKind::Pronoun, self.ws[a].span));
        }
        let titled = self.lex.title.at(&self.lw, a).is_some();
        if self.name_like(a) || titled {
            // The last name run: "Kremlin spokesman Dmitry Peskov" → "Dmitry Peskov".
            let mut e = b;
            while e > a && !self.name_like(e - 1) {
                e -= 1;
            }
            if let Some((s, e)) = self.run_ending(a, e) {
                let s2 = self.strip_titles(s, e);
                let s = if s2 < e { s2 } else { s };
                return Some(Cand::new(CandKind::Name, self.span(s, e)));
            }
        }
        self.subject(a, b.min(a + MAX_DESCRIPTION))
            .map(|c| Cand {
                kind: if c.kind == CandKind::Pronoun {
                    c.kind
                } else {
                    CandKind::Description
                },
                ..c
            })
            .or(Some(Cand::new(CandKind::Description, self.span(a, b))))
            .filter(|_| b - a <= MAX_DESCRIPTION)
    }

    /// Strip auxiliaries ("was quoted as", "also") from the end of `a..b`.
    fn strip_aux(&self, a: usize, mut b: usize) -> usize {
        while b > a {
            match self.lex.aux.ending_at(&self.lw, b) {
                Some((n, _)) if b - n >= a => b -= n,
                _ => break,
            }
        }
        b
    }

    /// The subject clause before word `b`: after the last comma, or before an appositive
    /// ("Ibrahim Kalin, the presidential spokesman, said").
    fn clause_before(&self, a: usize, b: usize) -> (usize, usize) {
        let comma = |i: usize| self.lw[i] == ",";
        if b > a && comma(b - 1) {
            let inner = (a..b - 1).rev().find(|&i| comma(i));
            if let Some(c) = inner {
                let s = (a..c).rev().find(|&i| comma(i)).map_or(a, |i| i + 1);
                return (s, c);
            }
        }
        let s = (a..b).rev().find(|&i| comma(i)).map_or(a, |i| i + 1);
        (s, b)
    }

    fn tail(&self, raw: &Raw, comma: bool, last: Option<char>) -> Option<Cand> {
        let text = self.text;
        let line_end = text
            .get(raw.close_end..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |p| raw.close_end + p);
        let t0 = self.ws.partition_point(|w| w.span.start < raw.close_end);
        let mut t1 = t0;
        let mut at_line_end = true;
        while t1 < self.ws.len() && self.ws[t1].span.start < line_end {
            let w = self.raw(t1);
            if self.ws[t1].kind == WordKind::Punct
                && matches!(w, "." | "!" | "?" | ";" | "\"" | "“" | "”" | "«" | "»")
                && !self.abbr_dot(t1)
            {
                let rest = text.get(self.ws[t1].span.end..line_end).unwrap_or("");
                at_line_end = w == "." && rest.trim().is_empty();
                break;
            }
            t1 += 1;
        }
        let mut k = t0;
        let mut comma = comma;
        let mut dash = false;
        while k < t1 && matches!(self.lw[k].as_str(), "," | "—" | "–" | "-") {
            comma |= self.lw[k] == ",";
            dash |= self.lw[k] != ",";
            k += 1;
        }
        // `"…." He added: "…"` introduces the next quote.
        if k >= t1 || (k..t1).any(|i| self.lw[i] == ":") {
            return None;
        }
        if self.is_verb(k) {
            return self.object(k + 1, t1);
        }
        if self.lw[k] == "according" && self.lw.get(k + 1).map(String::as_str) == Some("to") {
            return self.according(k + 2, t1);
        }
        let attributive = comma || dash || last.is_some_and(|c| "?!.…—-".contains(c));
        if !attributive {
            return None;
        }
        if let Some(v) = (k..t1.min(k + TAIL_REACH)).find(|&v| self.is_verb(v)) {
            let b = self.strip_aux(k, v);
            if let Some(c) = self.subject_pieces(k, b) {
                return Some(c);
            }
        }
        // `"…," Erdogan` or `"…" — Erdogan` at the end of a line, the verb left out.
        if (comma || dash)
            && at_line_end
            && t1 - k <= 6
            && (k..t1).all(|i| self.name_like(i) || self.connector(i))
        {
            let s = self.strip_titles(k, t1);
            return (s < t1).then(|| Cand::new(CandKind::Name, self.span(s, t1)));
        }
        None
    }

    /// `X said: "…"` and friends, in `from..raw.open_at`.
    fn head(&self, from: usize, open_at: usize) -> Option<Cand> {
        let h0 = self.ws.partition_point(|w| w.span.start < from);
        let h1 = self.ws.partition_point(|w| w.span.start < open_at);
        if h0 >= h1 {
            return None;
        }
        // Start after the last sentence end before the quote.
        let h0 = (h0..h1)
            .rev()
            .find(|&i| matches!(self.lw[i].as_str(), "." | "!" | "?") && i + 1 < h1)
            .map_or(h0, |i| i + 1);
        let mut e = h1;
        while e > h0 && matches!(self.lw[e - 1].as_str(), ":" | "," | "—" | "–" | "-") {
            e -= 1;
        }
        if e > h0 && self.lw[e - 1] == "that" {
            e -= 1;
        }
        if let Some(a) = (h0..e).find(|&i| {
            self.lw[i] == "according" && self.lw.get(i + 1).map(String::as_str) == Some("to")
        }) {
            return self.according(a + 2, e);
        }
        let v = (h0..e)
            .rev()
            .take(HEAD_OBJECT + 1)
            .find(|&v| self.is_verb(v))?;
        // "wrote on Twitter/X that": a slash joins two names.
        if (v + 1..e).any(|i| {
            self.ws[i].kind == WordKind::Punct && !matches!(self.lw[i].as_str(), "." | "/")
        }) {
            return None;
        }
        self.subject_before(h0, v)
    }

    /// The speaker of the speech verb at word `v`, looking back no further than `h0`.
    fn subject_before(&self, h0: usize, v: usize) -> Option<Cand> {
        let b = self.strip_aux(h0, v);
        let (s, b) = self.clause_before(h0, b);
        // `the Turkish president, Recep Tayyip Erdogan, said`: both pieces of the appositive.
        if b < v && self.lw.get(b).map(String::as_str) == Some(",") && b + 1 < v {
            return self.subject_pieces(s, v);
        }
        self.subject(s, b)
    }

    /// `A, B, said` or `A, B said`: a piece that names someone wins over a description, which is
    /// kept as the appositive; with no name, the first piece.
    fn subject_pieces(&self, a: usize, b: usize) -> Option<Cand> {
        let mut b = self.strip_aux(a, b);
        while b > a && self.lw[b - 1] == "," {
            b -= 1;
        }
        let mut pieces = Vec::new();
        let mut s = a;
        for i in a..=b {
            if i == b || self.lw[i] == "," {
                if i > s {
                    pieces.push((s, i));
                }
                s = i + 1;
            }
        }
        let first = pieces.first().and_then(|&(s, e)| self.subject(s, e));
        if pieces.len() < 2 || first.is_some_and(|c| c.kind != CandKind::Description) {
            let alt = pieces.get(1).map(|&(s, e)| self.span(s, e));
            return first.map(|c| Cand {
                alt: alt.or(c.alt),
                ..c
            });
        }
        for &(s, e) in &pieces[1..] {
            if let Some(c) = self.subject(s, e).filter(|c| c.kind == CandKind::Name) {
                let alt = Some(self.span(pieces[0].0, pieces[0].1));
                return Some(Cand { alt, ..c });
            }
        }
        first
    }

    /// The speaker after "according to", past "a statement from" and the like.
    fn according(&self, mut a: usize, limit: usize) -> Option<Cand> {
        if let Some((n, _)) = self.lex.via.at(&self.lw, a) {
            a += n;
        }
        let mut b = a;
        while b < limit && self.wordish(b) && (b == a || !self.lex.stop.contains(&self.lw[b])) {
            b += 1;
        }
        let c = self.object(a, limit)?;
        // "according to Turkey's defence ministry": the whole phrase, not the possessive name.
        if c.kind == CandKind::Name && b > a && c.span.end < self.ws[b - 1].span.end {
            return (b - a <= MAX_DESCRIPTION)
                .then(|| Cand::new(CandKind::Description, self.span(a, b)));
        }
        Some(c)
    }

    /// A partial quote inside reported speech: `Erdogan said on Wednesday that an operation
    /// was only "a matter of time"`, `Pompeo condemned what he called the "…" assaults`. The
    /// first speech or reporting verb of the sentence before the quote names the speaker.
    fn in_sentence(&self, from: usize, open_at: usize) -> Option<Cand> {
        let start = self
            .doc
            .sentence_at(open_at)
            .map_or(from, |i| self.doc.sentences[i].span.start.max(from));
        let h0 = self.ws.partition_point(|w| w.span.start < start);
        let h1 = self.ws.partition_point(|w| w.span.start < open_at);
        let h0 = (h0..h1)
            .rev()
            .find(|&i| matches!(self.lw[i].as_str(), "." | "!" | "?") && !self.abbr_dot(i))
            .map_or(h0, |i| i + 1);
        (h0..h1)
            .filter(|&v| {
                self.is_verb(v) || (self.is_word(v) && self.lex.report.contains(&self.lw[v]))
            })
            .find_map(|v| {
                // "what he called": the pronoun right before the verb.
                if v > h0 && self.lw[v - 1] != "," {
                    if let Some(c) = self
                        .subject(v - 1, v)
                        .filter(|c| c.kind == CandKind::Pronoun)
                    {
                        return Some(c);
                    }
                }
                self.subject_before(h0, v)
                    .filter(|c| c.kind != CandKind::Description || self.description_ok(c.span))
            })
    }

    /// A description short enough to be a subject ("the ministry", "Officials"), not a clause.
    fn description_ok(&self, span: Span) -> bool {
        let a = self.ws.partition_point(|w| w.span.start < span.start);
        let b = self.ws.partition_point(|w| w.span.start < span.end);
        b - a <= 5 && (a..b).all(|i| !self.is_verb(i))
    }

    /// Resolve a candidate through the mentions, then what is known of earlier speakers.
    fn resolve(&self, cand: Cand, known: &Known, quote: Span) -> Option<Speaker> {
        let mut speaker = self.resolve_words(cand, known, quote)?;
        // A name the dictionaries do not know takes the code of its appositive description
        // ("Stephanie Williams, the acting UN envoy").
        if speaker.code.is_none() {
            speaker.code = cand.alt.and_then(|alt| self.coded_mention(alt));
        }
        // A surname re-mention takes the full name and code given earlier ("the UN
        // humanitarian chief Mark Lowcock said …" then "Lowcock said").
        if speaker.code.is_none() && cand.kind == CandKind::Name {
            if let Some(name) = speaker.name.clone() {
                let tail = format!(" {name}");
                let earlier = known
                    .said
                    .iter()
                    .chain(&known.persons)
                    .filter(|(at, s)| {
                        *at < cand.span.start
                            && s.code.is_some()
                            && s.name.as_deref().is_some_and(|n| n.ends_with(&tail))
                    })
                    .max_by_key(|(at, _)| *at);
                if let Some((_, s)) = earlier {
                    speaker.name = s.name.clone();
                    speaker.code = s.code.clone();
                }
            }
        }
        Some(speaker)
    }

    /// Whether the actor stage's reading of a pronoun is unlikely: the person it names is talked
    /// about inside the quote itself, or "he"/"she" was resolved to something not a person.
    fn doubtful_pronoun(&self, pronoun: &str, name: Option<&str>, quote: Span) -> bool {
        let Some(name) = name else {
            return false;
        };
        let person = |m: &&crate::doc::Mention| {
            m.kind == MentionKind::Person
                && m.actor.name.as_deref().unwrap_or(self.doc.slice(m.span)) == name
        };
        let inside = self
            .doc
            .mentions
            .iter()
            .filter(person)
            .any(|m| quote.start <= m.span.start && m.span.end <= quote.end);
        let any_person = self.doc.mentions.iter().any(|m| person(&m));
        inside || (matches!(pronoun, "he" | "she") && !any_person)
    }

    /// The code of the longest coded mention overlapping `span`.
    fn coded_mention(&self, span: Span) -> Option<String> {
        self.doc
            .mentions
            .iter()
            .filter(|m| m.span.overlaps(span) && m.actor.code.is_some())
            .max_by_key(|m| m.span.len())
            .and_then(|m| m.actor.code.clone())
    }

    fn resolve_words(&self, cand: Cand, known: &Known, quote: Span) -> Option<Speaker> {
        let mention = self
            .doc
            .mentions
            .iter()
            .filter(|m| m.span.overlaps(cand.span))
            .max_by_key(|m| m.span.len());
        // A description keeps its own words as the name ("a senior Turkish official") and
        // takes the code of the mention inside it ("Turkish official" → TURGOV).
        if cand.kind == CandKind::Description
            && mention.is_some_and(|m| {
                m.kind != MentionKind::Pronoun
                    && m.actor.name.is_none()
                    && !(m.span.start <= cand.span.start && cand.span.end <= m.span.end)
            })
        {
            return Some(Speaker {
                name: Some(self.doc.slice(cand.span).to_string()),
                code: self.coded_mention(cand.span),
                span: cand.span,
            });
        }
        // "Abiy said … . He said": a speaker of this or the previous sentence comes first.
        if cand.kind == CandKind::Pronoun {
            let floor = self
                .doc
                .sentence_at(cand.span.start)
                .and_then(|i| i.checked_sub(1))
                .map(|i| self.doc.sentences[i].span.start);
            let recent = floor.and_then(|f| {
                known.said.iter().rev().find(|(p, _)| {
                    *p >= f && *p < cand.span.start && !(quote.start <= *p && *p < quote.end)
                })
            });
            if let Some((_, s)) = recent {
                return Some(Speaker {
                    span: cand.span,
                    ..s.clone()
                });
            }
        }
        if let Some(m) = mention {
            let resolved = m.actor.name.is_some() || m.actor.code.is_some();
            let doubtful = m.kind == MentionKind::Pronoun
                && self.doubtful_pronoun(
                    self.doc.lower_slice(m.span),
                    m.actor.name.as_deref(),
                    quote,
                );
            if (m.kind != MentionKind::Pronoun || resolved) && !doubtful {
                let name = m.actor.name.clone().or_else(|| {
                    (m.kind != MentionKind::Pronoun).then(|| self.doc.slice(m.span).to_string())
                });
                return Some(Speaker {
                    name,
                    code: m.actor.code.clone(),
                    span: m.span,
                });
            }
        }
        match cand.kind {
            CandKind::Pronoun => known.before(cand.span.start, quote).map(|s| Speaker {
                span: cand.span,
                ..s.clone()
            }),
            _ => Some(Speaker {
                name: Some(self.doc.slice(cand.span).to_string()),
                code: None,
                span: cand.span,
            }),
        }
    }
}

/// Earlier speakers, for pronouns and surname re-mentions.
#[derive(Default)]
struct Known {
    /// Named persons (mentions and quote speakers), by position.
    persons: Vec<(usize, Speaker)>,
    /// Subjects of speech verbs and quote speakers, by position.
    said: Vec<(usize, Speaker)>,
}

/// How far back (bytes) a speech subject stays the likeliest antecedent of a pronoun speaker.
const SAID_REACH: usize = 400;

impl Known {
    fn insert(list: &mut Vec<(usize, Speaker)>, at: usize, s: Speaker) {
        let i = list.partition_point(|h| h.0 <= at);
        list.insert(i, (at, s));
    }

    /// The antecedent of a pronoun at `at`: a recent speaker, else the last person named
    /// outside the quote.
    fn before(&self, at: usize, quote: Span) -> Option<&Speaker> {
        let outside = |p: usize| !(quote.start <= p && p < quote.end);
        let said = self
            .said
            .iter()
            .rev()
            .find(|(p, _)| *p < at && outside(*p))
            .filter(|(p, _)| at - p <= SAID_REACH);
        let person = self
            .persons
            .iter()
            .rev()
            .find(|(p, _)| *p < at && outside(*p));
        said.or(person).map(|(_, s)| s)
    }
}

/// All reported quotes in text order, with their speakers.
pub fn find(doc: &Doc) -> Vec<Quote> {
    let text = doc.text();
    let ws = scan(text);
    let lw = lowered(&doc.lower, &ws);
    let ctx = Ctx {
        doc,
        text,
        lex: lexicon(),
        ws,
        lw,
    };
    // Named persons, for pronouns without a resolved mention.
    let mut history: Vec<(usize, Speaker)> = doc
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Person)
        .map(|m| {
            let name = m
                .actor
                .name
                .clone()
                .unwrap_or_else(|| doc.slice(m.span).to_string());
            (
                m.span.start,
                Speaker {
                    name: Some(name),
                    code: m.actor.code.clone(),
                    span: m.span,
                },
            )
        })
        .collect();
    history.sort_by_key(|h| h.0);
    let mut known = Known {
        persons: history,
        said: Vec::new(),
    };
    known.said = speech_subjects(&ctx, &known);
    let mut out: Vec<Quote> = Vec::new();
    let mut prev: Option<Raw> = None;
    for raw in pair(text, &marks(text)) {
        if prev.is_some_and(|p| raw.open_at < p.close_end) {
            continue;
        }
        let (span, comma, last) = trim_content(text, raw.content);
        let content = span.of(text);
        if span.is_empty()
            || (word_count(content) < MIN_WORDS && !sentence_like(text, &raw, content, last))
        {
            continue;
        }
        let line_start = text
            .get(..raw.open_at)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |p| p + 1);
        let from = prev.map_or(line_start, |p| p.close_end.max(line_start));
        let at_line_start = text
            .get(line_start..raw.open_at)
            .is_some_and(|t| t.trim().is_empty());
        let mut cand = ctx
            .tail(&raw, comma, last)
            .or_else(|| ctx.head(from, raw.open_at))
            .or_else(|| ctx.in_sentence(from, raw.open_at));
        if cand.is_none() && at_line_start {
            cand = previous_line_colon(&ctx, text, line_start, prev.map_or(0, |p| p.close_end));
        }
        let mut speaker = cand.and_then(|c| ctx.resolve(c, &known, span));
        if speaker.is_none() && at_line_start {
            if let (Some(p), Some(q)) = (prev, out.last()) {
                if follows_directly(text, p.close_end, line_start) {
                    speaker = q.speaker.clone();
                }
            }
        }
        if let Some(s) = &speaker {
            if s.name.is_some() && cand.is_some_and(|c| c.kind != CandKind::Pronoun) {
                let at = s.span.start;
                Known::insert(&mut known.persons, at, s.clone());
                Known::insert(&mut known.said, at, s.clone());
            }
        }
        out.push(Quote {
            id: out.len(),
            span,
            speaker,
        });
        prev = Some(raw);
    }
    out
}

/// Named subjects of the speech verbs of every sentence ("Erdogan said Turkey would …"), so that
/// a later "he said" finds who was speaking rather than whoever was last named.
fn speech_subjects(ctx: &Ctx, known: &Known) -> Vec<(usize, Speaker)> {
    let mut out = Vec::new();
    for sent in &ctx.doc.sentences {
        let h0 = ctx.ws.partition_point(|w| w.span.start < sent.span.start);
        let h1 = ctx.ws.partition_point(|w| w.span.start < sent.span.end);
        for v in (h0..h1).filter(|&v| ctx.is_verb(v)) {
            let Some(c) = ctx
                .subject_before(h0, v)
                .filter(|c| c.kind == CandKind::Name)
            else {
                continue;
            };
            if let Some(s) = ctx.resolve(c, known, Span::new(0, 0)) {
                out.push((c.span.start, s));
            }
            break;
        }
    }
    out
}

/// `Erdogan said:` on the line before a quote that opens its own paragraph.
fn previous_line_colon(ctx: &Ctx, text: &str, line_start: usize, floor: usize) -> Option<Cand> {
    let before = text.get(..line_start)?.trim_end();
    if !before.ends_with(':') {
        return None;
    }
    let start = before.rfind('\n').map_or(0, |p| p + 1).max(floor);
    ctx.head(start, before.len())
}

/// True when nothing but blank lines lies between the rest of the line holding `end` and `start`.
fn follows_directly(text: &str, end: usize, start: usize) -> bool {
    let Some(between) = text.get(end..start) else {
        return false;
    };
    let mut parts: Vec<&str> = between.split('\n').collect();
    parts.pop();
    parts.iter().skip(1).all(|p| p.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn run(text: &str) -> Vec<(String, Option<String>)> {
        let doc = Doc::new(Article {
            text: text.into(),
            ..Article::default()
        });
        find(&doc)
            .into_iter()
            .map(|q| {
                (
                    doc.slice(q.span).to_string(),
                    q.speaker.and_then(|s| s.name),
                )
            })
            .collect()
    }

    #[test]
    fn said_after() {
        assert_eq!(
            run("\"We will not leave Idlib,\" Erdogan said."),
            vec![("We will not leave Idlib".into(), Some("Erdogan".into()))]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(run("Turkey’s army and the ’90s don't count 'em").is_empty());
    }

    #[test]
    fn marks_classified() {
        let m = marks("a \"b\" c");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].side, Side::Open);
        assert_eq!(m[1].side, Side::Close);
    }
}
