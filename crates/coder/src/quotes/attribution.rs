//! Who said a quote, read from the dependency tree.
//!
//! The speaker is the subject of the verb of saying the quote hangs on. The quote's words
//! reach that verb through the tree: the quote is its clausal complement (`X said: "…"`,
//! `"…," X said`, `"…," said X`), or it lies deeper in what the verb says (`X said the plan
//! was "reckless"`), or the verb is a parenthetical attached to the quote. Verbs that give
//! quoted words to their subject without being speech (`X called the plan "reckless"`) count
//! too, and "according to X" names the source of the clause it is attached to. A verb of saying
//! with no subject of its own takes the subject of the verb it depends on (`X was quoted as
//! saying`, `…, adding that`, `X called … and said`); a passive one takes its agent.

use crate::lexicon::QuoteWords;
use crate::tree::Tree;
use std::ops::Range;

/// What the tree says about a quote's speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The head token of the speaker phrase.
    pub subject: usize,
    /// Found as the subject of a clause that is no verb of saying (a partial quote inside a
    /// plain statement), so weaker than a speech verb's subject.
    pub plain: bool,
}

pub(crate) struct Reader<'a> {
    pub tree: &'a Tree<'a>,
    pub lex: &'a QuoteWords,
    /// Paragraph (line) index of each token: arcs across paragraphs are parser errors.
    pub para: Vec<usize>,
}

/// Arcs along which a verb without a subject shares that of its head.
const SHARES_SUBJECT: &[&str] = &["conj", "advcl", "xcomp", "pcomp", "prep", "ccomp", "dep"];
/// Most arcs walked up from a quote to the verb it hangs on.
const MAX_CLIMB: usize = 12;

impl<'a> Reader<'a> {
    pub fn new(tree: &'a Tree<'a>, lex: &'a QuoteWords, text: &str) -> Reader<'a> {
        let mut para = Vec::with_capacity(tree.len());
        let mut line = 0;
        let mut pos = 0;
        for i in 0..tree.len() {
            let start = tree.word(i).start;
            line += text.get(pos..start).map_or(0, |s| s.matches('\n').count());
            pos = start;
            para.push(line);
        }
        Reader { tree, lex, para }
    }

    /// Head of `t` when it lies in the same paragraph.
    fn head(&self, t: usize) -> Option<usize> {
        self.tree.head(t).filter(|&h| self.para[h] == self.para[t])
    }

    /// The speaker of the quote whose tokens (marks included) are `q`.
    pub fn speaker_of(&self, q: Range<usize>) -> Option<Found> {
        let inside = |t: usize| q.contains(&t);
        let mut best: Option<(usize, Found)> = None;
        let mut plain: Option<(usize, Found)> = None;
        let keep = |slot: &mut Option<(usize, Found)>, d: usize, f: Found| {
            if slot.is_none_or(|(bd, _)| d < bd) {
                *slot = Some((d, f));
            }
        };
        for t in q.clone().filter(|&t| !self.tree.is_punct(t)) {
            // Arcs that leave the quote upwards: climb to the verb it hangs on.
            if let Some(h) = self.head(t).filter(|&h| !inside(h)) {
                if let Some((d, f)) = self.climb(h, &q) {
                    keep(&mut best, d, f);
                }
                if let Some((d, f)) = self.plain_subject(h, &q) {
                    keep(&mut plain, d, f);
                }
            }
            // Parentheticals attached to the quote: `"…," X said` read with the quote as head.
            for &c in self.tree.children(t) {
                if inside(c) || self.para[c] != self.para[t] {
                    continue;
                }
                if let Some(s) = self.source(c, &q) {
                    keep(
                        &mut best,
                        1,
                        Found {
                            subject: s,
                            plain: false,
                        },
                    );
                } else if self.lex.speech.contains(&self.tree.lemma(c)) && self.tree.is_verbal(c) {
                    if let Some(s) = self.subject(c, &q) {
                        keep(
                            &mut best,
                            1,
                            Found {
                                subject: s,
                                plain: false,
                            },
                        );
                    }
                }
            }
        }
        best.or(plain).map(|(_, f)| f)
    }

    /// Walk up from `h` to the nearest verb of saying (or stance) with a subject, or to an
    /// "according to" or a parenthetical `, X said` attached on the way: (arcs walked, speaker).
    fn climb(&self, mut h: usize, q: &Range<usize>) -> Option<(usize, Found)> {
        let found = |s| Found {
            subject: s,
            plain: false,
        };
        for d in 0..MAX_CLIMB {
            if self.speaks(h) {
                if let Some(s) = self.subject(h, q) {
                    return Some((d, found(s)));
                }
            }
            for &c in self.tree.children(h) {
                if q.contains(&c) {
                    continue;
                }
                if let Some(s) = self.source(c, q) {
                    return Some((d, found(s)));
                }
                if self.tree.dep(c) == "parataxis" && self.speaks(c) {
                    if let Some(s) = self.own_subject(c, q) {
                        return Some((d + 1, found(s)));
                    }
                }
                // "X was quoted as saying": the verb of saying under a preposition.
                if self.tree.dep(c) == "prep" {
                    let said = self.tree.kids_with(c, &["pcomp"]).find(|&k| self.speaks(k));
                    if let Some(s) = said.and_then(|k| self.subject(k, q)) {
                        return Some((d + 1, found(s)));
                    }
                }
            }
            h = self.head(h)?;
        }
        None
    }

    /// A verb of saying, or one that gives quoted words to its subject.
    fn speaks(&self, v: usize) -> bool {
        self.tree.is_verbal(v) && self.lex.attributes(&self.tree.lemma(v))
    }

    /// The first verb above `h` with a subject outside the quote: the speaker of a partial
    /// quote inside a plain statement (`the audit found "…"`). A subject that holds the quote
    /// (`talks on the "…" went on`) is none.
    fn plain_subject(&self, mut h: usize, q: &Range<usize>) -> Option<(usize, Found)> {
        for d in 0..MAX_CLIMB {
            if self.tree.is_verbal(h) {
                if let Some(s) = self.own_subject(h, q) {
                    let (a, b) = self.tree.extent(s, &|_| false);
                    if b < q.start || a >= q.end {
                        return Some((
                            d,
                            Found {
                                subject: s,
                                plain: true,
                            },
                        ));
                    }
                    return None;
                }
            }
            h = self.head(h)?;
        }
        None
    }

    /// `according to X` at token `c`: X.
    fn source(&self, c: usize, q: &Range<usize>) -> Option<usize> {
        let first = self.tree.lower(c);
        let to = self
            .tree
            .children(c)
            .iter()
            .copied()
            .find(|&k| self.lex.source.contains(first, self.tree.lower(k)))?;
        self.tree.kids_with(to, &["pobj"]).find(|k| !q.contains(k))
    }

    /// A verb's own subject (not shared): nsubj, or the agent of a passive.
    fn own_subject(&self, v: usize, q: &Range<usize>) -> Option<usize> {
        let out = |k: &usize| !q.contains(k);
        if let Some(s) = self.tree.kids_with(v, &["nsubj", "csubj"]).find(out) {
            return Some(self.relative(s, v));
        }
        self.tree
            .kids_with(v, &["agent"])
            .find_map(|a| self.tree.kids_with(a, &["pobj"]).find(out))
    }

    /// A relative pronoun subject ("X, who said") stands for the noun its clause modifies.
    fn relative(&self, s: usize, v: usize) -> usize {
        if matches!(self.tree.tag(s), "WP" | "WDT") && self.tree.dep(v) == "relcl" {
            if let Some(h) = self.tree.head(v) {
                return h;
            }
        }
        s
    }

    /// The subject of the verb of saying `v`: its own, else (for a verb that has none, such as
    /// "saying" in "was quoted as saying" or "adding" in "…, adding that") that of the verb it
    /// depends on. Going up, a verb of saying's subject wins over a plain verb's (a participle
    /// the parser hung on the reported clause belongs to the reporting verb), and a passive
    /// subject counts only through a preposition or control ("X was quoted as saying").
    pub fn subject(&self, v: usize, q: &Range<usize>) -> Option<usize> {
        if let Some(s) = self.own_subject(v, q) {
            return Some(s);
        }
        let mut first = None;
        let mut n = v;
        for _ in 0..5 {
            let arc = self.tree.dep(n).to_string();
            if !SHARES_SUBJECT.contains(&arc.as_str()) {
                break;
            }
            n = match self.head(n) {
                Some(h) => h,
                None => break,
            };
            if !self.tree.is_verbal(n) {
                continue;
            }
            let passive = matches!(arc.as_str(), "prep" | "pcomp" | "xcomp");
            let own = self.own_subject(n, q).or_else(|| {
                passive
                    .then(|| {
                        self.tree
                            .kids_with(n, &["nsubjpass"])
                            .find(|k| !q.contains(k))
                    })
                    .flatten()
            });
            if let Some(s) = own {
                if self.speaks(n) {
                    return Some(s);
                }
                first = first.or(Some(s));
            }
        }
        first
    }

    /// The last verb of saying in `range` with a subject: `X said:` before a quote that opens
    /// the next paragraph.
    pub fn last_speech(&self, range: Range<usize>) -> Option<usize> {
        let none = 0..0;
        range
            .rev()
            .filter(|&t| self.tree.is_verbal(t) && self.lex.speech.contains(&self.tree.lemma(t)))
            .find_map(|v| self.subject(v, &none))
    }

    /// A bare `X said.` right after a quote, in a sentence of its own (the parser split it
    /// off): a verb of saying with no clause of its own.
    pub fn bare_attribution(&self, range: Range<usize>) -> Option<usize> {
        let none = 0..0;
        let v = range.clone().find(|&t| !self.tree.is_punct(t))?;
        let root = self.tree_root(v)?;
        if !self.lex.speech.contains(&self.tree.lemma(root)) || !self.tree.is_verbal(root) {
            return None;
        }
        let has_clause = self
            .tree
            .kids_with(root, &["ccomp", "dobj", "xcomp", "parataxis"])
            .next()
            .is_some();
        (!has_clause).then(|| self.subject(root, &none)).flatten()
    }

    fn tree_root(&self, mut t: usize) -> Option<usize> {
        for _ in 0..self.tree.len() {
            match self.tree.head(t) {
                Some(h) => t = h,
                None => return Some(t),
            }
        }
        None
    }
}
