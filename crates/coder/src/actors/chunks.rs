//! Mention finding in one sentence: dictionary hits and capitalised names, grouped into noun-phrase
//! chunks, each chunk read as one or more coded actors.

use super::dictionary::{ActorDictionary, CountryKind, Entry};
use crate::country::{Code, Country};
use crate::doc::{ActorCode, Doc, EntityLabel, Mention, MentionKind, Precision, TokenKind};
use crate::lexicon::lexicon;
use crate::lexicon::phrases::key;
use crate::role::Role;
use crate::span::Span;
use std::borrow::Cow;

/// A mention before resolution, with what `resolve` needs to finish it.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub mention: Mention,
    /// A role noun with no country of its own ("the regime", "troops").
    pub needs_country: bool,
    /// The head noun is "regime"(s): resolved to the article's regime country.
    pub regime: bool,
    pub plural: bool,
    pub pronoun: Option<Pronoun>,
    /// A country named right after the chunk ("officials in Syria", "the government of Iraq").
    pub context_country: Option<Country>,
    /// After "its"/"their"/"his"/"her": the role noun belongs to the actor just named
    /// ("the Israeli military said its troops …").
    pub possessed: bool,
    /// A national adjective modifying a thing ("a Senegalese peace plan"): it names no one who
    /// could speak or be meant by a pronoun.
    pub modifier: bool,
    /// A lone capitalised word that opens the sentence ("Morales said …"): a mention only if it
    /// is the surname of somebody named in full before.
    pub opening: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she, him, her: a person, of the gender the pronoun tells.
    Person(Option<crate::lexicon::quotes::Gender>),
    /// they, them
    Plural,
    /// it
    Thing,
    /// we, us, our
    First,
    /// "the alliance", "the group": an organisation named before, of the kinds the noun can name.
    Body(BodyKinds),
}

/// The kinds of organisation a definite noun can name (`data/lexicon/definite_bodies.tsv`), as a
/// set of bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyKinds(u8);

impl BodyKinds {
    pub const IGO: u8 = 1;
    pub const ARMED: u8 = 2;
    pub const CIVIC: u8 = 4;
    pub const COURT: u8 = 8;
    pub const LABOUR: u8 = 16;
    pub const PARTY: u8 = 32;

    pub fn has(self, kind: u8) -> bool {
        self.0 & kind != 0
    }
}

impl crate::lexicon::words::Value for BodyKinds {
    const EXPECTED: &'static str =
        "kinds of organisation, comma-separated (igo, armed, civic, court, labour, party)";
    fn read(text: &'static str) -> Option<Self> {
        let mut bits = 0;
        for k in text.split(',') {
            bits |= match k.trim() {
                "igo" => BodyKinds::IGO,
                "armed" => BodyKinds::ARMED,
                "civic" => BodyKinds::CIVIC,
                "court" => BodyKinds::COURT,
                "labour" => BodyKinds::LABOUR,
                "party" => BodyKinds::PARTY,
                _ => return None,
            };
        }
        Some(BodyKinds(bits))
    }
}

/// "the alliance said", "the group claimed": a definite noun that names an organisation told
/// before. Not "the group of protesters" (an "of" says what the group is) nor "the rebel group"
/// (a modifier makes it a description of its own).
fn definite_body(keys: &[Cow<str>], p: usize) -> Option<BodyKinds> {
    let kinds = lexicon().definite_bodies.0.get(keys.get(p)?.as_ref())?;
    let the = p > 0 && keys[p - 1] == "the";
    let of_after = keys.get(p + 1).is_some_and(|k| k == "of");
    (the && !of_after).then_some(*kinds)
}

#[derive(Clone, Debug)]
enum Item<'d> {
    Hit(Vec<&'d Entry>),
    Unknown,
    /// A lone capitalised word that opens the sentence or a quote: a name only if `resolve`
    /// finds whose surname it is. It joins no chunk ("Heavy Russian shelling").
    Opening,
    Pronoun(Pronoun),
}

#[derive(Clone, Debug)]
struct Located<'d> {
    start: usize,
    end: usize,
    item: Item<'d>,
}

fn pronoun(word: &str) -> Option<Pronoun> {
    lexicon().mentions.pronouns.get(word).copied()
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// "Ankara-based", "Turkish-run", "Iran-backed": a compound adjective, not a name.
fn is_compound_modifier(word: &str) -> bool {
    word.rsplit_once('-')
        .is_some_and(|(_, tail)| lexicon().mentions.compound_tails.contains(tail))
}

/// Lowercase name particles that may sit inside a person's or group's name.
fn is_particle(s: &str) -> bool {
    lexicon().mentions.name_particles.contains(s)
}

/// The mentions of sentence `si`, before resolution.
pub fn sentence_mentions(doc: &Doc, si: usize, dict: &ActorDictionary) -> Vec<Candidate> {
    let Some(sentence) = doc.sentences.get(si) else {
        return Vec::new();
    };
    let base = sentence.tokens.start;
    let words = &lexicon().mentions;
    let calendar = &lexicon().calendar;
    let toks = doc.sentence_tokens(si);
    let keys: Vec<Cow<str>> = toks.iter().map(|t| key(doc.lower_slice(t.span))).collect();
    let originals: Vec<&str> = toks.iter().map(|t| doc.slice(t.span)).collect();
    let spans: Vec<Span> = toks.iter().map(|t| t.span).collect();
    let units = crate::segment::hyphen_words(doc.text(), &spans);
    let (mut unit_start, mut unit_end) = (vec![0; toks.len()], vec![0; toks.len()]);
    for u in &units {
        for t in u.clone() {
            unit_start[t] = u.start;
            unit_end[t] = u.end;
        }
    }
    // A dictionary phrase ends where a word ends, not inside a compound.
    let at_word = |t: usize| t >= toks.len() || unit_start[t] == t;
    // The lower-case text of the word (a compound whole) that starts at token `t`.
    let word_key = |t: usize| match unit_end.get(t) {
        Some(&end) if end > t + 1 => key(doc.lower_slice(spans[t].cover(spans[end - 1]))),
        _ => keys[t].clone(),
    };
    // "al-Masri", "bin-Laden": a particle joined by a hyphen to a capitalised name.
    let particle_joined = |t: usize| {
        unit_end[t] > t + 1 && is_particle(&keys[t]) && is_capitalised(originals[unit_end[t] - 1])
    };
    let in_place = |t: usize| {
        doc.places_of(si)
            .iter()
            .any(|p| p.span.contains(toks[t].span))
    };

    let mut items: Vec<Located> = Vec::new();
    let mut p = 0;
    while p < toks.len() {
        // "ANKARA —", "BEIRUT (AFP) -": a dateline says where the report was filed, not who acted.
        if p == 0
            && originals[0].chars().filter(|c| c.is_alphabetic()).count() >= 3
            && originals[0].chars().all(|c| !c.is_lowercase())
            && matches!(
                originals.get(1).copied(),
                Some("—" | "–" | "-" | "(" | ":" | ",")
            )
        {
            p += 1;
            continue;
        }
        // A part of a hyphenated compound is no name of its own: "pro-Russian", "Iran-backed",
        // "Syrian-Turkish" name no actor; "al-Assad" is matched from its first part.
        if unit_start[p] != p {
            p += 1;
            continue;
        }
        let single = unit_end[p] == p + 1;
        // "Saudi-led coalition", "Russian-led forces": the leader named in a compound.
        // "British-flagged tanker": the flag names the owner.
        let leader = unit_end[p].checked_sub(2).filter(|&h| {
            h > p
                && words
                    .leader_suffixes
                    .iter()
                    .any(|s| s.strip_prefix('-') == Some(&*keys[h + 1]))
        });
        // The tokenizer keeps a hyphen after a dot in the token ("U.S.-led").
        let glued = words.leader_suffixes.iter().find_map(|suffix| {
            Some((
                keys[p].strip_suffix(suffix)?,
                originals[p].strip_suffix(suffix)?,
            ))
        });
        if let Some((leader, leader_case)) = glued.filter(|_| single) {
            if let Some((1, entries)) = best_hit(dict, &[Cow::Borrowed(leader)], &[leader_case]) {
                items.push(Located {
                    start: p,
                    end: p + 1,
                    item: Item::Hit(entries),
                });
                p += 1;
                continue;
            }
        }
        if let Some(h) = leader {
            if let Some((len, entries)) = best_hit(dict, &keys[p..h], &originals[p..h]) {
                if p + len == h {
                    items.push(Located {
                        start: p,
                        end: unit_end[p],
                        item: Item::Hit(entries),
                    });
                    p = unit_end[p];
                    continue;
                }
            }
        }
        let hit = best_hit(dict, &keys[p..], &originals[p..]).filter(|(len, _)| at_word(p + len));
        if let Some((len, entries)) = hit {
            items.push(Located {
                start: p,
                end: p + len,
                item: Item::Hit(entries),
            });
            p += len;
            continue;
        }
        if let Some(pr) = pronoun(&keys[p]).filter(|_| single && toks[p].kind == TokenKind::Word) {
            // "US"/"Us" are not "us"; sentence-initial "It" is still a pronoun.
            items.push(Located {
                start: p,
                end: p + 1,
                item: Item::Pronoun(pr),
            });
            p += 1;
            continue;
        }
        if let Some(kinds) =
            definite_body(&keys, p).filter(|_| single && toks[p].kind == TokenKind::Word)
        {
            items.push(Located {
                start: p,
                end: p + 1,
                item: Item::Pronoun(Pronoun::Body(kinds)),
            });
            p += 1;
            continue;
        }
        // A run of capitalised words not in the dictionaries: a name we keep uncoded.
        // A hyphenated compound is one word here ("Jean-Pierre"; "Kyiv-based" is none).
        let mut q = p;
        while q < toks.len()
            && toks[q].kind == TokenKind::Word
            && !in_place(q)
            && (is_capitalised(originals[q])
                || (q > p && unit_end[q] == q + 1 && is_particle(&keys[q]) && q + 1 < toks.len())
                || particle_joined(q))
            && (q > p
                || !(words.not_names.contains(&word_key(q))
                    || words.group_adjectives.contains(&word_key(q))
                    || calendar.weekdays.contains(&word_key(q))))
            && !calendar.months.contains(&word_key(q))
            && !is_compound_modifier(&word_key(q))
            && best_hit(dict, &keys[q..], &originals[q..])
                .filter(|(len, _)| at_word(q + len))
                .is_none()
        {
            q = unit_end[q];
        }
        while q > p && is_particle(&keys[q - 1]) {
            q -= 1;
        }
        // A lone capitalised word opening the sentence (or a quote) is usually just that; after a
        // comma it is a name ("In his speech, Morales said").
        let opens = p == 0
            || (toks[p - 1].kind != TokenKind::Word && !matches!(originals[p - 1], "," | ";"));
        if q > p {
            let item = if opens && q == unit_end[p] {
                Item::Opening
            } else {
                Item::Unknown
            };
            items.push(Located {
                start: p,
                end: q,
                item,
            });
            p = q;
        } else {
            p += 1;
        }
    }

    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let mut j = i + 1;
        while j < items.len() && joins(&items[j - 1], &items[j], &keys, &items[i..j]) {
            j += 1;
        }
        let chunk = &items[i..j];
        // "in Kabul", "in East Jerusalem", "in southern Beirut": a direction word may stand
        // between the preposition and the place.
        let mut before = chunk[0].start;
        while before > 0 && words.directions.contains(&word_key(unit_start[before - 1])) {
            before = unit_start[before - 1];
        }
        let locative = before > 0 && words.locative_preps.contains(&keys[before - 1]);
        let after = chunk[chunk.len() - 1].end;
        // A province or city of a country, from the gazetteer ("the government of Sindh").
        let place_at = |t: usize| {
            let span = toks.get(t)?.span;
            doc.places_of(si)
                .iter()
                .find(|p| p.span.start == span.start && p.place.precision != Precision::Country)
                .and_then(|p| p.place.country)
        };
        let context_country = following_country(&items[j..], after, &keys, place_at);
        out.extend(read_chunk(
            doc,
            si,
            base,
            chunk,
            locative,
            context_country,
            dict,
        ));
        i = j;
    }
    entities(doc, si, &mut out);
    out
}

/// The model's named entities of sentence `si` that can name an actor: each mention found takes
/// the label of the entity it lies in; an entity no mention covers, and no place, is kept as an
/// unknown name with its label ("the Shura Council", a person the dictionaries do not know).
/// Such a mention has no code: it is no party to an event unless `resolve` codes it from the
/// context (an apposition, a surname named in full before).
fn entities(doc: &Doc, si: usize, out: &mut Vec<Candidate>) {
    let (Some(ann), Some(sentence)) = (doc.syntax.as_ref(), doc.sentences.get(si)) else {
        return;
    };
    let span = sentence.span;
    let first = ann.entities.partition_point(|e| e.end <= span.start);
    for e in ann.entities[first..]
        .iter()
        .take_while(|e| e.start < span.end)
    {
        let Some(label) = EntityLabel::parse(&e.label) else {
            continue;
        };
        let es = Span::new(e.start, e.end);
        let over: Vec<usize> = (0..out.len())
            .filter(|&k| out[k].pronoun.is_none() && out[k].mention.span.overlaps(es))
            .collect();
        // Only the entity holding the mention's last word, its head, labels it: "Kenyan Foreign
        // Minister Ann Kamau" is a PERSON, not the NORP its first word is, and "Kenyan troops"
        // no entity.
        for &k in &over {
            let m = &mut out[k].mention;
            if es.start < m.span.end && m.span.end <= es.end {
                m.entity = Some(label);
            }
        }
        // "Abdel al-Rahim": where the one name the chunks found is part of a person or body the
        // model reads as longer, the model's span is the name.
        if let [k] = over[..] {
            if matches!(label, EntityLabel::Person | EntityLabel::Org) {
                widen(doc, si, &mut out[k], es);
            }
        }
        let covered = !over.is_empty();
        // A nationality or religion the dictionaries do not know is mostly an adjective
        // ("Moslem marchers"): it names no one by itself.
        if !covered && label != EntityLabel::Norp {
            if let Some(c) = entity_candidate(doc, si, es, label) {
                let at = out.partition_point(|o| o.mention.span.start < c.mention.span.start);
                out.insert(at, c);
            }
        }
    }
}

/// The tokens of sentence `si` (from its first) an entity's name covers: without a leading
/// article or a trailing possessive; none if no word of it is capitalised ("an international
/// commission" is a description, not a name).
fn name_tokens(doc: &Doc, si: usize, es: Span) -> Option<(usize, usize)> {
    let toks = doc.sentence_tokens(si);
    let words = &lexicon().mentions;
    let mut a = toks.iter().position(|t| es.contains(t.span))?;
    let mut b = toks.iter().rposition(|t| es.contains(t.span))? + 1;
    // A part of a hyphenated compound is no name ("UN" of "UN-backed").
    let spans: Vec<Span> = toks.iter().map(|t| t.span).collect();
    let inside = |t: usize| crate::segment::joins_compound(doc.text(), &spans, t);
    if inside(b) || (a > 0 && inside(a - 1)) {
        return None;
    }
    while a < b && words.not_names.contains(doc.lower_slice(toks[a].span)) {
        a += 1;
    }
    while a < b
        && (toks[b - 1].kind != TokenKind::Word || doc.lower_slice(toks[b - 1].span) == "'s")
    {
        b -= 1;
    }
    // A name opens with a capital or a particle ("al-Sour"), not a cause ("pro-Morsi").
    let first = toks.get(a).map_or("", |t| doc.slice(t.span));
    let particle = first
        .split_inclusive('-')
        .next()
        .is_some_and(|p| words.name_particles.contains(&p.to_lowercase()));
    let named = toks[a..b]
        .iter()
        .any(|t| doc.slice(t.span).chars().any(char::is_uppercase));
    (a < b && named && (first.starts_with(char::is_uppercase) || particle)).then_some((a, b))
}

/// An unknown name the chunks found inside a longer entity of the model takes the entity's span;
/// a lone word opening the sentence that the model reads as a person or body is a name.
fn widen(doc: &Doc, si: usize, c: &mut Candidate, es: Span) {
    if c.mention.kind != MentionKind::Unknown || c.mention.actor.code.is_some() {
        return;
    }
    c.opening = false;
    let Some((a, b)) = name_tokens(doc, si, es) else {
        return;
    };
    let base = doc.sentences.get(si).map_or(0, |s| s.tokens.start);
    let toks = doc.sentence_tokens(si);
    let span = toks[a].span.cover(toks[b - 1].span);
    let place = doc.places_of(si).iter().any(|p| p.span.overlaps(span));
    if span.contains(c.mention.span) && span != c.mention.span && !place {
        c.mention.span = span;
        c.mention.tokens = base + a..base + b;
        c.mention.actor.name = Some(doc.slice(span).to_string());
    }
}

/// An unknown name for an entity no mention covers: the project's tokens the entity covers,
/// without a leading article or a trailing possessive; none for a place or a dateline.
fn entity_candidate(doc: &Doc, si: usize, es: Span, label: EntityLabel) -> Option<Candidate> {
    let sentence = doc.sentences.get(si)?;
    let base = sentence.tokens.start;
    let toks = doc.sentence_tokens(si);
    let (a, b) = name_tokens(doc, si, es)?;
    let span = toks[a].span.cover(toks[b - 1].span);
    let place = doc.places_of(si).iter().any(|p| p.span.overlaps(span));
    let dateline = si == 0 && a == 0;
    if place || dateline {
        return None;
    }
    let actor = ActorCode {
        name: Some(doc.slice(span).to_string()),
        ..ActorCode::default()
    };
    Some(Candidate {
        mention: Mention {
            span,
            sentence: si,
            tokens: base + a..base + b,
            kind: MentionKind::Unknown,
            actor,
            implicit: false,
            entity: Some(label),
        },
        needs_country: false,
        regime: false,
        plural: false,
        pronoun: None,
        context_country: None,
        possessed: false,
        modifier: false,
        opening: false,
    })
}

/// The longest dictionary phrase at the start of `keys` whose case fits the text.
fn best_hit<'d>(
    dict: &'d ActorDictionary,
    keys: &[Cow<str>],
    originals: &[&str],
) -> Option<(usize, Vec<&'d Entry>)> {
    for (len, phrases) in dict.phrases.prefixes(keys) {
        let ok: Vec<&Entry> = phrases
            .iter()
            .filter(|ph| ph.case_ok(&originals[..len]))
            // A one-word person alias that is a month ("May") needs a capital and no number next.
            .filter(|ph| {
                !(len == 1
                    && matches!(ph.entry, Entry::Person(_))
                    && lexicon().calendar.months.contains(&keys[0]))
            })
            .map(|ph| &ph.entry)
            .collect();
        if !ok.is_empty() {
            return Some((len, ok));
        }
    }
    None
}

fn is_country(item: &Item, kinds: &[CountryKind]) -> bool {
    matches!(item, Item::Hit(e) if e.iter().any(|e| matches!(e, Entry::Country { kind, .. } if kinds.contains(kind))))
}

fn is_agent_or_person(item: &Item) -> bool {
    matches!(item, Item::Unknown)
        || matches!(item, Item::Hit(e) if e.iter().any(|e| matches!(e, Entry::Agent { .. } | Entry::Person(_))))
}

/// Whether `next` continues the chunk that `prev` ends.
fn joins(prev: &Located, next: &Located, keys: &[Cow<str>], chunk: &[Located]) -> bool {
    let alone = |i: &Item| matches!(i, Item::Pronoun(_) | Item::Opening);
    if alone(&prev.item) || alone(&next.item) {
        return false;
    }
    let gap: Vec<&str> = keys[prev.end..next.start]
        .iter()
        .map(|k| k.as_ref())
        .collect();
    let adjectives_only = chunk.iter().all(|l| {
        is_country(
            &l.item,
            &[
                CountryKind::Adjective,
                CountryKind::Name,
                CountryKind::Ethnic,
            ],
        )
    });
    match gap.as_slice() {
        [] => !(matches!(prev.item, Item::Unknown) && matches!(next.item, Item::Unknown)),
        ["'s"] => is_agent_or_person(&next.item),
        // "Turkish and Russian delegations": coordinated adjectives share the noun that follows.
        // A comma joins only adjectives: "near Macedonia's border with Bulgaria, Macedonian
        // officials said" is a name, then a new phrase.
        [","] => {
            chunk
                .iter()
                .all(|l| is_country(&l.item, &[CountryKind::Adjective, CountryKind::Ethnic]))
                && is_country(&next.item, &[CountryKind::Adjective, CountryKind::Ethnic])
        }
        ["and"] | ["and", "the"] => {
            adjectives_only
                && is_country(&next.item, &[CountryKind::Adjective, CountryKind::Ethnic])
        }
        // "Ibo traditional elders", "Chilean senior officials": one plain modifier between the
        // national word and its role noun.
        // "Ankara's Cankaya district administration", "Iran nuclear negotiators": a name or seat
        // as a noun modifier likewise.
        [w] => {
            chunk.iter().all(|l| matches!(l.item, Item::Hit(_)))
                && is_country(
                    &prev.item,
                    &[
                        CountryKind::Adjective,
                        CountryKind::Ethnic,
                        CountryKind::Name,
                        CountryKind::Capital,
                        CountryKind::Seat,
                    ],
                )
                && is_role_noun(&next.item)
                && plain_modifier(w)
        }
        _ => false,
    }
}

fn is_role_noun(item: &Item) -> bool {
    matches!(item, Item::Hit(e) if e.iter().any(|e| matches!(e, Entry::Agent { title: false, .. })))
}

/// A lowercase word that can modify a noun: no function word, verb form or adverb.
fn plain_modifier(w: &str) -> bool {
    let function_words = &lexicon().mentions.function_words;
    w.chars().all(|c| c.is_ascii_lowercase())
        && w.len() > 2
        && !function_words.contains(w)
        && !w.ends_with("ed")
        && !w.ends_with("ly")
        && !w.ends_with("ing")
        && !w.ends_with('s')
}

/// "officials in Syria", "the government of Iraq", "doctors from two American aid groups",
/// "the government of Sindh province": a country, or a place of a country, named just after a
/// chunk.
fn following_country(
    rest: &[Located],
    after: usize,
    keys: &[Cow<str>],
    place_at: impl Fn(usize) -> Option<Country>,
) -> Option<Country> {
    let words = &lexicon().mentions;
    let prep = keys.get(after).map_or("", |k| k.as_ref());
    if !words.owner_preps.contains(prep) {
        return None;
    }
    let mut at = after + 1;
    while keys
        .get(at)
        .is_some_and(|k| words.quantifiers.contains(k) || words.directions.contains(k))
        && at < after + 3
    {
        at += 1;
    }
    let hit = rest
        .first()
        .filter(|l| l.start == at)
        .and_then(|next| match &next.item {
            Item::Hit(e) => e.iter().find_map(|e| match e {
                Entry::Country { country, .. } => Some(*country),
                _ => None,
            }),
            _ => None,
        });
    // A place says whose only after "of": "troops in Kabul" may be anybody's.
    hit.or_else(|| if prep == "of" { place_at(at) } else { None })
}

/// A country phrase in a chunk: token range, country, kind, role of a capital/seat.
type CountryHit = (usize, usize, Country, CountryKind, Option<Role>);

/// "Bosnian Serbs", "Kosovo Albanians", "Bosnian Serb forces": a national word written right
/// before a people noun or another national adjective names a group living in the first
/// country, not two countries. The run becomes one hit of the first country, with the kind of
/// the last word (a people noun keeps the mention plural).
fn merge_compounds(countries: &mut Vec<CountryHit>) {
    let mut k = 1;
    while k < countries.len() {
        let (prev, next) = (countries[k - 1], countries[k]);
        let compound = prev.1 == next.0
            && prev.2 != next.2
            && matches!(prev.3, CountryKind::Adjective | CountryKind::Name)
            && matches!(
                next.3,
                CountryKind::Adjective | CountryKind::People | CountryKind::Ethnic
            );
        if compound {
            countries[k - 1] = (prev.0, next.1, prev.2, next.3, prev.4);
            countries.remove(k);
        } else {
            k += 1;
        }
    }
}

fn code(country: Option<Country>, role: Option<Role>) -> ActorCode {
    ActorCode {
        code: country.map(|c| Code::new(c, role)),
        country,
        role,
        name: None,
    }
}

/// The role of the state body an unknown name of several words names by its last word ("the
/// Investigative Committee", "the Northern Command"), unless its first word makes it an
/// international one.
fn institution(doc: &Doc, words: &[crate::doc::Token]) -> Option<Role> {
    let (first, last) = (words.first()?, words.last()?);
    let mentions = &lexicon().mentions;
    // The first word whole where it is a compound ("Inter-American").
    let spans: Vec<Span> = words.iter().map(|t| t.span).collect();
    let first_word = crate::segment::hyphen_words(doc.text(), &spans)
        .first()
        .map_or(first.span, |w| spans[w.start].cover(spans[w.end - 1]));
    if words.len() < 2
        || mentions
            .international_words
            .contains(doc.lower_slice(first_word))
    {
        return None;
    }
    mentions
        .institution_heads
        .get(doc.lower_slice(last.span))
        .copied()
}

/// Read a chunk of adjacent items as coded mentions.
fn read_chunk(
    doc: &Doc,
    si: usize,
    base: usize,
    chunk: &[Located],
    locative: bool,
    context_country: Option<Country>,
    dict: &ActorDictionary,
) -> Vec<Candidate> {
    let toks = doc.sentence_tokens(si);
    let span_of = |a: usize, b: usize| toks[a].span.cover(toks[b - 1].span);
    let make = |a: usize, b: usize, kind, actor| Mention {
        span: span_of(a, b),
        sentence: si,
        tokens: base + a..base + b,
        kind,
        actor,
        implicit: false,
        entity: None,
    };
    let date = doc.article.published;
    let (start, end) = (chunk[0].start, chunk[chunk.len() - 1].end);
    let plain = |m| Candidate {
        mention: m,
        needs_country: false,
        regime: false,
        plural: false,
        pronoun: None,
        context_country,
        modifier: false,
        opening: false,
        possessed: start > 0
            && lexicon()
                .mentions
                .possessives
                .contains(doc.lower_slice(toks[start - 1].span)),
    };

    if let [Located {
        item: Item::Pronoun(p),
        ..
    }] = chunk
    {
        let m = make(start, end, MentionKind::Pronoun, ActorCode::default());
        return vec![Candidate {
            pronoun: Some(*p),
            plural: *p == Pronoun::Plural,
            ..plain(m)
        }];
    }

    let mut countries: Vec<CountryHit> = Vec::new();
    let mut person = None;
    let mut org = None;
    let mut role: Option<Role> = None;
    let mut title_role: Option<Role> = None;
    let mut head: Option<usize> = None;
    let mut unknown: Option<(usize, usize)> = None;
    for l in chunk {
        match &l.item {
            Item::Unknown | Item::Opening => unknown = Some((l.start, l.end)),
            Item::Pronoun(_) => {}
            Item::Hit(entries) => {
                // One reading per hit, in order of preference.
                if let Some(idx) = entries.iter().find_map(|e| {
                    if let Entry::Person(i) = e {
                        Some(*i)
                    } else {
                        None
                    }
                }) {
                    person = Some(idx);
                } else if let Some(e) = entries.iter().find(|e| matches!(e, Entry::Org { .. })) {
                    org = Some(*e);
                } else if let Some(Entry::Country {
                    country,
                    kind,
                    role,
                }) = entries.iter().find(|e| matches!(e, Entry::Country { .. }))
                {
                    countries.push((l.start, l.end, *country, *kind, *role));
                } else if let Some(Entry::Agent { role: r, title }) = entries.first() {
                    if *title {
                        title_role = Some(*r);
                    } else {
                        role = Some(*r);
                        head = Some(l.end - 1);
                    }
                }
            }
        }
    }
    merge_compounds(&mut countries);
    // "the Peruvian Congress", "Colombia's Congress": a seat named after another country's word
    // is that country's institution of the same kind.
    if let Some(k) = countries.iter().position(|c| c.3 == CountryKind::Seat) {
        let seat = countries[k];
        let owner = countries[..k].iter().rev().any(|c| {
            c.2 != seat.2
                && matches!(
                    c.3,
                    CountryKind::Adjective
                        | CountryKind::Name
                        | CountryKind::People
                        | CountryKind::Ethnic
                )
        });
        // "World Uyghur Congress": a seat right after an unknown name is part of that name.
        let named = unknown.is_some_and(|(_, ub)| ub == seat.0);
        if owner || named {
            countries.remove(k);
            if owner && role.is_none() {
                role = seat.4;
                head = Some(seat.1 - 1);
            }
        }
    }
    let head_word = head.map(|h| doc.lower_slice(toks[h].span)).unwrap_or("");
    let plural = head_word.ends_with('s') && !head_word.ends_with("ss");
    // "Ousted President Askar Akayev": the modifier belongs to the person's mention.
    let lead = if person.is_some() || title_role.is_some() {
        let mut s = start;
        while s > 0
            && lexicon()
                .mentions
                .title_modifiers
                .contains(doc.lower_slice(toks[s - 1].span))
        {
            s -= 1;
        }
        s
    } else {
        start
    };

    if let Some(idx) = person {
        let p = &dict.people[idx];
        let (country, office_role) = p
            .office_on(date)
            .map_or((None, None), |(c, r)| (Some(c), r));
        // "the Assad regime": the person's country with the noun's role.
        let r = role.or(office_role).or(title_role);
        let mut actor = code(country, r);
        actor.name = Some(p.name.clone());
        return vec![plain(make(lead, end, MentionKind::Person, actor))];
    }
    if let Some(Entry::Org {
        country,
        role: org_role,
        name,
    }) = org
    {
        let mut actor = code(Some(*country), org_role.or(role));
        actor.name = Some(name.clone());
        return vec![Candidate {
            plural,
            ..plain(make(start, end, MentionKind::Name, actor))
        }];
    }
    if let Some((ua, ub)) = unknown {
        let name = doc.slice(span_of(ua, ub)).to_string();
        let r = title_role.or(role);
        let country = countries.first().map(|c| c.2).or_else(|| {
            // "President Bush": a lone surname; a full unknown name is somebody else.
            if r.is_some() && ub - ua == 1 {
                dict.surname_country(&name)
            } else {
                None
            }
        });
        // "the Investigative Committee": a state body the dictionaries do not know.
        let body = if r.is_none() {
            institution(doc, &toks[ua..ub])
        } else {
            None
        };
        let mut actor = if r.is_some() || body.is_some() || country.is_some() {
            code(country, r.or(body))
        } else {
            // "the Shura Council of Mali": a name the dictionaries do not know is of the
            // country named after it, though nothing says what role it has: it stays uncoded.
            ActorCode {
                country: context_country,
                ..ActorCode::default()
            }
        };
        actor.name = Some(name);
        let kind = if r.is_some() {
            MentionKind::Person
        } else if body.is_some() {
            MentionKind::Name
        } else {
            MentionKind::Unknown
        };
        // "Defence Minister Pierre Joxe": a titled official whose country the context gives.
        let needs_country = (r.is_some() || body.is_some()) && country.is_none();
        let from = if r.is_some() { lead } else { start };
        let opening = matches!(
            chunk,
            [Located {
                item: Item::Opening,
                ..
            }]
        );
        return vec![Candidate {
            needs_country,
            opening,
            ..plain(make(from, end, kind, actor))
        }];
    }
    // "ethnic Albanians in Serbia": an ethnic group is people of where they live, not citizens of
    // the country its name recalls.
    let ethnic = start > 0 && doc.lower_slice(toks[start - 1].span) == "ethnic";
    if ethnic && !countries.is_empty() {
        countries.clear();
        role = role.or(title_role).or(Some(Role::Cvl));
    }
    let r = role.or(title_role);
    if let Some(r) = r {
        if countries.is_empty() {
            let m = make(start, end, MentionKind::Agent, code(None, Some(r)));
            return vec![Candidate {
                needs_country: true,
                regime: head_word.starts_with("regime"),
                plural,
                ..plain(m)
            }];
        }
        // Coordinated adjectives each get the shared noun: "Turkish and Russian delegations".
        let several = countries.len() > 1;
        return countries
            .iter()
            .map(|&(a, b, c, _, _)| {
                let (sa, sb) = if several { (a, b) } else { (start, end) };
                let m = make(sa, sb, MentionKind::Agent, code(Some(c), Some(r)));
                Candidate {
                    plural: plural || several,
                    ..plain(m)
                }
            })
            .collect();
    }
    let next_word = doc.lower_slice(toks.get(end).map_or(Span::default(), |t| t.span));
    let modifier = lexicon().mentions.modifier_nouns.contains(next_word);
    countries
        .iter()
        .filter(|c| !(locative && matches!(c.3, CountryKind::Name | CountryKind::Capital)))
        .filter(|c| !(modifier && matches!(c.3, CountryKind::Capital | CountryKind::Seat)))
        .map(|&(a, b, c, kind, role)| {
            let mkind = match kind {
                CountryKind::Capital | CountryKind::Seat => MentionKind::Metonym,
                _ => MentionKind::Name,
            };
            let m = make(a, b, mkind, code(Some(c), role));
            let before_noun = toks.get(b).is_some_and(|t| {
                t.kind == TokenKind::Word && doc.slice(t.span).starts_with(char::is_lowercase)
            });
            Candidate {
                plural: kind == CountryKind::People,
                modifier: matches!(kind, CountryKind::Adjective | CountryKind::Ethnic)
                    && before_noun,
                ..plain(m)
            }
        })
        .collect()
}
