//! The document every stage reads and adds to: the article plus spans into its text.
//!
//! Stages only add. Everything points into `article.text` by byte span; `lower` is an ASCII-lowercased
//! copy of the text with the same byte offsets, so dictionary look-ups need no per-token allocation.
//! When the text came in with mojibake or without case, the `casing` stage (the first) puts a
//! repaired copy in `article.text` and keeps what came in as `received`; the output maps its spans
//! back with [`Doc::received_span`].

use crate::article::Article;
use crate::country::{Code, Country};
use crate::date::Date;
use crate::ingest::mojibake::{source_offset, Points};
use crate::role::Role;
use crate::span::Span;
use serde::Serialize;
use std::ops::Range;

/// What a token is, read from its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Has a letter or digit and is no plain number ("Erdogan", "U.S.", "'s", "n't", "1990s").
    Word,
    /// Digits with inner separators ("900,000", "2.5", "1921").
    Number,
    /// A quotation mark, straight or curly.
    Quote,
    /// Any other punctuation or symbol (a hyphen between the words of a compound too).
    Punct,
}

/// One token of the model's tokenizer (spaCy's cuts: "al-Assad" is "al", "-", "Assad"; the
/// whitespace tokens spaCy also makes are left out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The NORM the tokenizer's special case sets ("n't" → "not"), which the model reads.
    pub norm: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Indices into `Doc::tokens`.
    pub tokens: Range<usize>,
    /// Index of the paragraph (blank-line separated block) the sentence belongs to.
    pub paragraph: usize,
}

/// A coded actor as it appears in the output contract.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActorCode {
    /// Full code, country + role ("TURGOV"), or `None` for an unknown name kept as text only.
    pub code: Option<Code>,
    pub country: Option<Country>,
    pub role: Option<Role>,
    /// A person's or organisation's canonical name, when the mention names one.
    pub name: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A country or organisation name, adjective or demonym ("Turkey", "Turkish", "NATO").
    Name,
    /// A named person ("Recep Tayyip Erdogan", "Erdogan").
    Person,
    /// A capital or seat of power standing for a government ("Ankara", "the Kremlin").
    Metonym,
    /// A role noun, possibly with a country modifier ("Turkish troops", "the regime").
    Agent,
    /// A pronoun resolved to an earlier mention.
    Pronoun,
    /// A name not in the dictionaries: kept with its text, no code.
    Unknown,
}

/// The model's entity label of a mention (the OntoNotes kinds that can name an actor): a person,
/// a nationality, religious or political group, a facility, an organisation, a country, city or
/// state, another location.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityLabel {
    Person,
    Norp,
    Fac,
    Org,
    Gpe,
    Loc,
}

impl EntityLabel {
    /// The label of the model's entity, if it is a kind that can name an actor.
    pub fn parse(label: &str) -> Option<EntityLabel> {
        Some(match label {
            "PERSON" => EntityLabel::Person,
            "NORP" => EntityLabel::Norp,
            "FAC" => EntityLabel::Fac,
            "ORG" => EntityLabel::Org,
            "GPE" => EntityLabel::Gpe,
            "LOC" => EntityLabel::Loc,
            _ => return None,
        })
    }
}

/// An actor mention in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub sentence: usize,
    /// Token range of the mention.
    pub tokens: Range<usize>,
    pub kind: MentionKind,
    pub actor: ActorCode,
    /// The country was taken from the article's places ("police" in a report from Kaduna), not
    /// from the mention's own words or sentence.
    pub implicit: bool,
    /// The label of the model's entity the mention lies in, if it is one that names an actor.
    pub entity: Option<EntityLabel>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    pub name: Option<String>,
    pub code: Option<Code>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote {
    pub id: usize,
    /// The quoted words, without the quotation marks.
    pub span: Span,
    pub speaker: Option<Speaker>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    Killed,
    Wounded,
    Displaced,
    Refugees,
    Arrested,
    Troops,
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    pub kind: QuantityKind,
    pub value: u64,
    pub qualifier: Option<String>,
    pub unit: String,
    pub span: Span,
    /// Code of the actor the figure belongs to ("SYRCVL").
    pub actor: Option<Code>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A point of its own: an airport, an air base, a crossing.
    Site,
    City,
    /// A second-level division (district, county).
    Admin2,
    Admin1,
    Country,
    /// A region larger than a country, or without one (a continent, a sea).
    Region,
    /// Named in the text but in no gazetteer: no coordinates.
    Unknown,
}

/// A resolved place: the gazetteer's entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    pub name: String,
    /// `None` for a place in no country (a continent, a sea), written as null.
    pub country: Option<Country>,
    pub admin1: Option<String>,
    /// `None` for an unknown place.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u32>,
    pub precision: Precision,
    /// What kind of place the text or the gazetteer says it is ("airport", "crossing", "village",
    /// "sea"), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A place named in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    pub span: Span,
    pub sentence: usize,
    pub place: Place,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Threatened,
    Intended,
    Hypothetical,
    ReportedDenied,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub sentence: usize,
    /// The source and target mentions (indices into `Doc::mentions`), or an actor inferred without
    /// a mention (e.g. the speaker of a quote).
    pub source: Option<EventActor>,
    pub target: Option<EventActor>,
    /// CAMEO code ("120").
    pub cameo: crate::Cameo,
    pub trigger: Span,
    pub negated: bool,
    pub modality: Modality,
    pub date: Option<Date>,
    pub date_precision: Option<DatePrecision>,
    pub historical: bool,
    pub place: Option<Place>,
    pub quote_id: Option<usize>,
    pub confidence: f32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventActor {
    pub span: Span,
    pub actor: ActorCode,
}

#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub article: Article,
    /// `article.text` with ASCII letters lowercased: same length, same offsets.
    pub lower: String,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
    pub quantities: Vec<Quantity>,
    pub places: Vec<PlaceMention>,
    pub events: Vec<Event>,
    /// The model's tokens, tags, lemmas, tree and entities (the `syntax` stage).
    pub syntax: Option<flashpoint_nlp::Annotation>,
    /// The text as it came in, when `article.text` holds a repaired copy (the `casing` stage).
    pub received: Option<Received>,
    pub warnings: Vec<String>,
}

impl Doc {
    pub fn new(mut article: Article) -> Doc {
        let lower = article.text.to_ascii_lowercase();
        let warnings = std::mem::take(&mut article.warnings);
        Doc {
            article,
            lower,
            warnings,
            ..Doc::default()
        }
    }

    pub fn text(&self) -> &str {
        &self.article.text
    }

    /// The original text under a span.
    pub fn slice(&self, span: Span) -> &str {
        span.of(&self.article.text)
    }

    /// The span of the text as it came in that a span of `text()` stands for (the same span
    /// unless the `casing` stage repaired mojibake).
    pub fn received_span(&self, span: Span) -> Span {
        self.received.as_ref().map_or(span, |r| r.span(span))
    }

    /// The text as it came in under a span of `text()`.
    pub fn received_slice(&self, span: Span) -> &str {
        match &self.received {
            Some(r) => r.span(span).of(&r.text),
            None => span.of(&self.article.text),
        }
    }

    /// The lowercased text under a span.
    pub fn lower_slice(&self, span: Span) -> &str {
        span.of(&self.lower)
    }

    /// Tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        self.sentences
            .get(i)
            .map_or(&[], |s| &self.tokens[s.tokens.clone()])
    }

    /// Index of the sentence containing byte offset `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }

    /// Indices of the actor mentions of sentences `first..=last`. Found by binary search, so
    /// that a stage asking once per sentence or per event stays linear in the article's length
    /// (`mentions` is in sentence order: the actor stage keeps it so).
    pub fn mention_range(&self, first: usize, last: usize) -> Range<usize> {
        by_sentence(&self.mentions, first, last, |m| m.sentence)
    }

    /// The actor mentions of sentence `si` with their indices in `mentions`.
    pub fn mentions_of(&self, si: usize) -> impl DoubleEndedIterator<Item = (usize, &Mention)> {
        let r = self.mention_range(si, si);
        self.mentions[r.clone()].iter().zip(r).map(|(m, i)| (i, m))
    }

    /// The quote whose words contain `span`. Quotes are in text order and do not overlap (the
    /// quote stage keeps only outermost ones), so a binary search finds it.
    pub fn quote_containing(&self, span: Span) -> Option<&Quote> {
        let after = self.quotes.partition_point(|q| q.span.start <= span.start);
        self.quotes[..after]
            .last()
            .filter(|q| q.span.contains(span))
    }

    /// The place mentions of sentence `si` (`places` is in sentence order: the places stage
    /// keeps it so).
    pub fn places_of(&self, si: usize) -> &[PlaceMention] {
        &self.places[by_sentence(&self.places, si, si, |p| p.sentence)]
    }
}

/// The range of `items` (in sentence order) whose sentence is within `first..=last`.
fn by_sentence<T>(
    items: &[T],
    first: usize,
    last: usize,
    sentence: impl Fn(&T) -> usize,
) -> Range<usize> {
    let start = items.partition_point(|x| sentence(x) < first);
    let end = start + items[start..].partition_point(|x| sentence(x) <= last);
    start..end
}

/// Put mentions or places in sentence order (a stable sort, so that those of one sentence keep
/// their order; nothing moves when they already are).
pub fn keep_sentence_order<T>(items: &mut [T], sentence: impl Fn(&T) -> usize) {
    if !items.is_sorted_by_key(&sentence) {
        items.sort_by_key(sentence);
    }
}

/// The article text as it came in, kept when the stages read a repaired copy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Received {
    pub text: String,
    /// Offset maps of the mojibake repair passes (empty when only case changed).
    passes: Vec<Points>,
}

impl Received {
    /// `text` as it came in, and the offset maps of the repair passes that made the text read.
    pub fn new(text: String, passes: Vec<Points>) -> Received {
        Received { text, passes }
    }

    /// The span of the received text that a span of the repaired text came from.
    pub fn span(&self, span: Span) -> Span {
        if self.passes.is_empty() {
            return span;
        }
        Span::new(
            source_offset(&self.passes, span.start),
            source_offset(&self.passes, span.end),
        )
    }
}
