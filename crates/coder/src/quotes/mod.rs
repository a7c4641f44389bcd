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
        let found = find(doc, None);
        doc.quotes.extend(found);
    }

    fn run_traced(&self, doc: &mut Doc, trace: &mut flashpoint_core::Trace) {
        let found = find(doc, Some(trace.record::<QuoteTrace>()));
        doc.quotes.extend(found);
    }
}

/// What the stage decided on each pair of quotation marks, for `flashpoint explain`.
#[derive(Debug, Default)]
pub struct QuoteTrace {
    pub decisions: Vec<Decision>,
}

/// One pair of marks: the words inside and the rule that decided it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    pub span: Span,
    pub rule: Rule,
}

/// How a quote got its speaker, or why the words in marks are no quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The subject of the verb of saying the quote hangs on in the tree.
    SpeechVerb,
    /// The subject of a plain clause the quote is part of (a partial quote).
    Clause,
    /// `X said:` ending the text before it.
    Colon,
    /// A name after a comma or dash signs it.
    Signed,
    /// A bare `X said.` right after it.
    After,
    /// The speaker of the quote before it.
    Continued,
    /// Long enough to be a quote; nothing names its speaker.
    NoSpeaker,
    /// Short, with no speaker: a scare quote or a title, not reported.
    Scare,
    /// Set between the words of a name, not reported.
    Nickname,
}

impl Rule {
    pub fn describe(self) -> &'static str {
        match self {
            Rule::SpeechVerb => "the subject of the verb of saying it hangs on",
            Rule::Clause => "the subject of the clause it is part of",
            Rule::Colon => "the speaker of \"X said:\" before it",
            Rule::Signed => "the name signing it",
            Rule::After => "the speaker of \"X said.\" after it",
            Rule::Continued => "the speaker of the quote before it",
            Rule::NoSpeaker => "no speaker found",
            Rule::Scare => "not reported: a short phrase with no speaker",
            Rule::Nickname => "not reported: a nickname inside a name",
        }
    }
}

/// All reported quotes in text order, with their speakers; each decision is written into
/// `trace` when one is given.
pub fn find(doc: &Doc, mut trace: Option<&mut QuoteTrace>) -> Vec<Quote> {
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
        let mut found = None;
        if let Some((reader, namer)) = reading.as_mut() {
            if !long && nickname(reader.tree, &raw) {
                record(&mut trace, span, Rule::Nickname);
                continue;
            }
            found = attribute(reader, namer, &raw, span);
            if found.is_none() && long {
                let joined = comma || last == Some('—');
                found = nearby(text, &lines, reader, namer, &raw, span, joined);
            }
        }
        if found.is_none() && long {
            found = continued(text, &lines, prev, out.last(), &raw).map(|s| (s, Rule::Continued));
        }
        let rule = found.as_ref().map_or(Rule::NoSpeaker, |f| f.1);
        if found.is_none() && !long {
            record(&mut trace, span, Rule::Scare);
            continue;
        }
        record(&mut trace, span, rule);
        let speaker = found.map(|f| f.0);
        out.push(Quote {
            id: out.len(),
            span,
            speaker,
        });
        prev = Some(raw);
    }
    out
}

fn record(trace: &mut Option<&mut QuoteTrace>, span: Span, rule: Rule) {
    if let Some(t) = trace.as_deref_mut() {
        t.decisions.push(Decision { span, rule });
    }
}

/// The speaker the tree gives the quote.
fn attribute(reader: &Reader, namer: &mut Namer, raw: &Raw, span: Span) -> Option<(Speaker, Rule)> {
    let q = reader.tree.tokens_in(raw.open_at, raw.close_end);
    let found = reader.speaker_of(q)?;
    let rule = if found.plain {
        Rule::Clause
    } else {
        Rule::SpeechVerb
    };
    Some((namer.speaker(found.subject, span)?, rule))
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
) -> Option<(Speaker, Rule)> {
    let tree = reader.tree;
    let before = text.get(..raw.open_at)?.trim_end();
    if before.ends_with(':') {
        if let Some(colon) = tree.token_at(before.len() - 1) {
            let start = tree.sentence_of(colon).map_or(colon, |s| s.start);
            if let Some(s) = reader.last_speech(start..colon) {
                return Some((namer.speaker(s, span)?, Rule::Colon));
            }
        }
    }
    if let Some(s) = signed(text, lines, tree, raw, joined) {
        return Some((namer.speaker(s, span)?, Rule::Signed));
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
    Some((namer.speaker(s, span)?, Rule::After))
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
        crate::segment::SegmentWhole.run(&mut doc);
        crate::syntax::Syntax::bundled().run(&mut doc);
        find(&doc, None)
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
        let got = find(&doc, None);
        assert_eq!(got.len(), 1);
        assert!(got[0].speaker.is_none());
    }

    #[test]
    fn each_pair_of_marks_is_traced_with_its_rule() {
        let text = "\"The bridge stays closed until Friday,\" Mayor Ilse Brandt said. \
                    \"Nobody crosses it before the engineers are done.\" \
                    The so-called \"bridge tax\" was dropped.";
        let mut doc = Doc::new(Article {
            text: text.into(),
            ..Article::default()
        });
        crate::segment::SegmentWhole.run(&mut doc);
        crate::syntax::Syntax::bundled().run(&mut doc);
        let mut trace = QuoteTrace::default();
        let quotes = find(&doc, Some(&mut trace));
        let rules: Vec<(&str, Rule)> = trace
            .decisions
            .iter()
            .map(|d| (doc.slice(d.span), d.rule))
            .collect();
        assert_eq!(
            rules,
            [
                ("The bridge stays closed until Friday", Rule::SpeechVerb),
                (
                    "Nobody crosses it before the engineers are done.",
                    Rule::Continued
                ),
                ("bridge tax", Rule::Scare),
            ]
        );
        // The trace tells what was reported: the scare quote is not.
        assert_eq!(quotes.len(), 2);
    }
}
