//! Quotes: words in quotation marks, and who said them.
//!
//! Reads: the article text, the model's parse and entities (`Doc::syntax`), the actor stage's
//! mentions (for codes and the dictionaries' names). Adds: `Doc::quotes`.
//!
//! Spans ([`marks`]): outermost pairs of straight, curly or angle quotation marks, over
//! paragraphs when a paragraph opens with a mark that continues an unclosed quote.
//!
//! Speakers, from the dependency tree ([`attribution`]): the subject of the verb of saying (or
//! of calling, describing, condemning) the quote hangs on, wherever the verb stands, or the
//! source of an "according to". The subject is then named ([`speaker`]): a person by the full
//! name the article gives at first mention ([`people`]; "he said", a surname alone and "the
//! minister said" resolve to an earlier person), an organisation or descriptive phrase by its
//! own words, a document by its issuer ("a statement from the ministry"). Without an
//! attribution of its own, a quote takes the speaker of `X said:` ending the text just before
//! it, of a bare `X said.` just after it, or of the quote before it in the same paragraph, or
//! in the paragraph before when that one ended with an attributed quote (news convention).
//!
//! A short quoted phrase ("reckless", "a grave mistake") is a quote only when the tree gives it
//! a speaker; otherwise it is a scare quote or a name. Word lists: `data/lexicon/quotes.tsv`.

mod attribution;
mod marks;
mod mentions;
mod people;
mod speaker;

use crate::doc::{Doc, Quote, Speaker};
use crate::lexicon::lexicon;
use crate::pipeline::{Layer, Stage};
use crate::span::Span;
use crate::tree::Tree;
use attribution::Reader;
use marks::{marks, pair, sentence_like, trim_content, word_count, Raw};
pub(crate) use mentions::MentionIndex;
use people::People;
use speaker::Namer;

/// Fewest words for a quote that needs no speaker to be reported.
const MIN_WORDS: usize = 4;

/// The quote stage: fills `Doc::quotes`.
pub struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Text,
            Layer::Sentences,
            Layer::Syntax,
            Layer::Mentions,
        ]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }

    fn run(&self, doc: &mut Doc) {
        let found = find(doc);
        doc.quotes.extend(found);
    }
}

/// All reported quotes in text order, with their speakers.
pub fn find(doc: &Doc) -> Vec<Quote> {
    let text = doc.text();
    let lex = &lexicon().quotes;
    let raws = pair(text, &marks(text));
    let quoted: Vec<Span> = raws.iter().map(|r| r.content).collect();
    let tree = doc.syntax.as_ref().map(|a| Tree::new(a, &doc.lower));
    let mentions = MentionIndex::new(&doc.mentions);
    let lines = Lines::new(text);
    let mut reading = tree.as_ref().map(|t| {
        let mut namer = Namer {
            doc,
            tree: t,
            lex,
            people: People::build(doc, t, lex, &mentions, &quoted),
            mentions: &mentions,
            bodies: Vec::new(),
        };
        namer.collect_bodies();
        (Reader::new(t, lex, text), namer)
    });
    let mut out: Vec<Quote> = Vec::new();
    let mut prev: Option<Raw> = None;
    for raw in raws {
        if prev.is_some_and(|p| raw.open_at < p.close_end) {
            continue;
        }
        let (span, comma, last) = trim_content(text, raw.content);
        let content = span.of(text);
        if span.is_empty() {
            continue;
        }
        let long = word_count(content) >= MIN_WORDS || sentence_like(text, &raw, content, last);
        let mut speaker = None;
        if let Some((reader, namer)) = reading.as_mut() {
            if !long && nickname(reader.tree, &raw) {
                continue;
            }
            speaker = attribute(reader, namer, &raw, span);
            if speaker.is_none() && long {
                let joined = comma || last == Some('—');
                speaker = nearby(text, &lines, reader, namer, &raw, span, joined);
            }
        }
        if speaker.is_none() && long {
            speaker = continued(text, &lines, prev, out.last(), &raw);
        }
        if speaker.is_none() && !long {
            continue;
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

/// The speaker the tree gives the quote.
fn attribute(reader: &Reader, namer: &mut Namer, raw: &Raw, span: Span) -> Option<Speaker> {
    let q = reader.tree.tokens_in(raw.open_at, raw.close_end);
    let found = reader.speaker_of(q)?;
    namer.speaker(found.subject, span)
}

/// `X said:` ending the text before the quote (in its paragraph or the one before), or a bare
/// `X said.` in a sentence of its own right after it.
fn nearby(
    text: &str,
    lines: &Lines,
    reader: &Reader,
    namer: &mut Namer,
    raw: &Raw,
    span: Span,
    joined: bool,
) -> Option<Speaker> {
    let tree = reader.tree;
    let before = text.get(..raw.open_at)?.trim_end();
    if before.ends_with(':') {
        if let Some(colon) = tree.token_at(before.len() - 1) {
            let start = tree.sentence_of(colon).map_or(colon, |s| s.start);
            if let Some(s) = reader.last_speech(start..colon) {
                return namer.speaker(s, span);
            }
        }
    }
    if let Some(s) = signed(text, lines, tree, raw, joined) {
        return namer.speaker(s, span);
    }
    let after = raw.close_end;
    let rest = text.get(after..)?;
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let first = tree.token_at(after + gap)?;
    let sent = tree.sentence_of(first)?;
    if sent.start != first
        || text
            .get(after..after + gap)
            .is_some_and(|g| g.contains('\n'))
    {
        return None;
    }
    let s = reader.bare_attribution(sent)?;
    namer.speaker(s, span)
}

/// `"…" — Ana Ruiz` or `"…," Ana Ruiz` closing its line: a name after a comma or dash (inside
/// the marks: `joined`), with no verb, signs the quote. Returns the name's head token.
fn signed(text: &str, lines: &Lines, tree: &Tree, raw: &Raw, joined: bool) -> Option<usize> {
    let line = text.get(raw.close_end..lines.end_after(raw.close_end))?;
    let body = line.trim_start_matches(|c: char| c.is_whitespace() || ",—–-".contains(c));
    if !joined && !line.trim_start().starts_with([',', '—', '–', '-']) {
        return None;
    }
    let start = raw.close_end + (line.len() - body.len());
    let body = body.trim_end().trim_end_matches('.');
    let toks = tree.tokens_in(start, start + body.len());
    let words = || toks.clone().filter(|&t| !tree.is_punct(t));
    if toks.is_empty()
        || words().nth(8).is_some()
        || words().any(|t| tree.is_verbal(t))
        || !words().any(|t| tree.tag(t).starts_with("NNP"))
    {
        return None;
    }
    words().find(|&t| tree.head(t).is_none_or(|h| !toks.contains(&h)))
}

/// An unattributed quote continues the previous quote's speaker when it follows it in the same
/// paragraph, opening a sentence, or opens the paragraph right after one that ended with that
/// quote and its attribution.
fn continued(
    text: &str,
    lines: &Lines,
    prev: Option<Raw>,
    last: Option<&Quote>,
    raw: &Raw,
) -> Option<Speaker> {
    let (p, q) = (prev?, last?);
    let speaker = q.speaker.clone()?;
    let between = text.get(p.close_end..raw.open_at)?;
    let line_start = lines.start_before(raw.open_at);
    let opens_paragraph = text.get(line_start..raw.open_at)?.trim().is_empty();
    if !between.contains('\n') {
        let lead = between.trim_end();
        let opens_sentence =
            lead.is_empty() || lead.ends_with(['.', '!', '?', ':', '"', '”', '’', '»']);
        return opens_sentence.then_some(speaker);
    }
    if !opens_paragraph {
        return None;
    }
    // Blank lines only between the paragraphs, and no second sentence after the previous
    // quote's attribution.
    let mut lines = between.split('\n');
    let tail = lines.next().unwrap_or("").trim();
    let blank = lines.all(|l| l.trim().is_empty());
    let inner_end = tail
        .trim_end_matches(['.', '!', '?'])
        .contains(['.', '!', '?']);
    (blank && !inner_end).then_some(speaker)
}

/// Where the text's lines start and end, so that a quote's line is found by binary search rather
/// than a scan (a text of one very long line holds many quotes).
struct Lines {
    /// Byte offsets of the newlines.
    breaks: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Lines {
        Lines {
            breaks: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
            len: text.len(),
        }
    }

    /// The start of the line holding byte `at` (after the newline before it, or 0).
    fn start_before(&self, at: usize) -> usize {
        let i = self.breaks.partition_point(|&b| b < at);
        if i == 0 {
            0
        } else {
            self.breaks[i - 1] + 1
        }
    }

    /// The end of the line holding byte `at` (its newline, or the end of the text).
    fn end_after(&self, at: usize) -> usize {
        let i = self.breaks.partition_point(|&b| b < at);
        self.breaks.get(i).copied().unwrap_or(self.len).max(at)
    }
}

/// A short quote set between the words of a name: `Jimmy "Ace" Carter`.
fn nickname(tree: &Tree, raw: &Raw) -> bool {
    let q = tree.tokens_in(raw.open_at, raw.close_end);
    let proper = |t: usize| tree.tag(t).starts_with("NNP");
    q.start > 0 && q.end < tree.len() && proper(q.start - 1) && proper(q.end)
}

#[cfg(test)]
mod tests {
    use super::marks::{marks, Side};
    use super::*;
    use crate::article::Article;

    fn run(text: &str) -> Vec<(String, Option<String>)> {
        let mut doc = Doc::new(Article {
            text: text.into(),
            ..Article::default()
        });
        crate::syntax::Syntax::bundled().run(&mut doc);
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
            run("\"We will not leave the harbour,\" Kovacs said."),
            vec![(
                "We will not leave the harbour".into(),
                Some("Kovacs".into())
            )]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(run("Chile’s army and the ’90s don't count 'em").is_empty());
    }

    #[test]
    fn marks_classified() {
        let m = marks("a \"b\" c");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].side, Side::Open);
        assert_eq!(m[1].side, Side::Close);
    }

    #[test]
    fn no_model_no_speaker() {
        let doc = Doc::new(Article {
            text: "\"We will not leave the harbour,\" Kovacs said.".into(),
            ..Article::default()
        });
        let got = find(&doc);
        assert_eq!(got.len(), 1);
        assert!(got[0].speaker.is_none());
    }
}
