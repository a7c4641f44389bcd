//! Places the gazetteer lacks: names the words around mark as places ("Kuriga village", "the
//! Galwan Valley", "the People's Palace", a place of the entity recogniser), and where they are.
//!
//! A building or district lies in the town that names it ("Colombo National Hospital",
//! "Conakry's Kaloum district", "the Hayat Hotel in Mogadishu"); failing that, in the town the
//! article is told from (the one it names most), as readers take a mosque or a prison named
//! without its town. Anything else keeps its text, kind and the country the context gives, with
//! no point.

use super::cues::Cues;
use super::places::{feature_after, opens_clause, Candidate, Focus, Stopwords};
use super::words::{Gap, Word};
use crate::country::Country;
use crate::doc::{Doc, Place, PlaceMention, Precision};
use crate::span::Span;
use std::collections::HashMap;

/// A name the gazetteer lacks but the text marks as a place.
#[derive(Clone, Debug)]
pub(super) struct Unknown {
    pub sentence: usize,
    pub span: Span,
    pub kind: &'static str,
    /// The known place (candidate index) that locates it: "the X hotel in Mogadishu", "X, Kabul",
    /// "Mogadishu's X", "Colombo X Hospital".
    pub anchor: Option<usize>,
    /// The kind comes from the entity recogniser, not from a word of the text.
    pub by_entity: bool,
    /// End of the name proper, before lowercase kind words ("Kuriga" of "Kuriga village").
    pub name_end: usize,
    /// The country an adjective gives it ("the Israeli village of X").
    pub qualifier: Option<Country>,
}

/// A known place of the sentence: its candidate index, the candidate and where it resolved.
pub(super) type Known<'a> = (usize, &'a Candidate, &'a Place);

/// Kinds of place that lie inside a town: told at the town's point when the text names no other.
fn in_town(kind: &str) -> bool {
    matches!(kind, "facility" | "district" | "division")
}

/// Kinds of place that lie in no one country.
fn no_country(kind: &str) -> bool {
    kind == "sea"
}

/// Names the gazetteer lacks that the words around mark as places: a capitalised run followed by
/// a kind word ("Kuriga village", "Dailami air base"), ending or starting with one ("the Galwan
/// Valley", "Lake Titicaca", "the People's Palace"), after "the village of", or a place of the
/// entity recogniser (GPE, LOC, FAC) after a place preposition, or a name the gazetteer has only
/// outside the region "in Y" places it in (`located_elsewhere`).
pub(super) fn unknown_names(
    doc: &Doc,
    si: usize,
    ws: &[Word],
    known: &[Known],
    located_elsewhere: &[Span],
    cues: &Cues,
    stop: &Stopwords,
) -> Vec<Unknown> {
    let text = doc.text();
    let lower = &doc.lower;
    let low = |w: &Word| w.span.of(lower);
    let mut out = Vec::new();
    let covered = |i: usize| {
        known.iter().any(|(_, c, _)| {
            let end = c.ctx.feature.map_or(c.last, |_| c.last + 1);
            c.first <= i && i <= end
        })
    };
    let mut i = 0;
    while i < ws.len() {
        if !ws[i].cap || covered(i) {
            i += 1;
            continue;
        }
        let (a, b) = name_run(text, lower, ws, i, cues, &covered);
        i = b + 1;
        let first = low(&ws[a]);
        let last = low(&ws[b]);
        let initial = a == 0 || opens_clause(text, ws[a].span.start);
        let single_stop = a == b && stop.contains(first);
        let mut kind: Option<&'static str> = None;
        let mut end = ws[b].span.end;
        if a < b {
            kind = cues
                .words
                .feature_names
                .get(last)
                .or_else(|| cues.words.feature_starts.get(first))
                .copied();
        }
        if kind.is_none() && !single_stop {
            if let Some((e, k)) = feature_after(lower, ws, b, cues) {
                // "the UN complex", "the EU mission": an abbreviation or a country's adjective
                // before a common noun names no building; the facilities read it as one.
                let words = &lower[ws[b].span.end..e];
                if modifiers_only(text, lower, &ws[a..=b], cues)
                    && cues.words.facility_nouns.contains_key(words.trim())
                {
                    continue;
                }
                kind = Some(k);
                end = e;
            }
        }
        let before = |n: usize| (a >= n).then(|| low(&ws[a - n]));
        let mut qualifier = None;
        if !single_stop {
            if let Some((k, q)) = town_of(ws, a, lower, cues) {
                kind = kind.or(Some(k));
                qualifier = q;
            }
        }
        // "the capital's Chinatown": a part of the town the story is about.
        if kind.is_none() && of_story_town(text, lower, ws, a, cues) {
            kind = Some("district");
        }
        let by_entity = kind.is_none();
        if kind.is_none() && !single_stop {
            let span = Span::new(ws[a].span.start, ws[b].span.end);
            kind = entity_kind(doc, span)
                .filter(|_| {
                    before(1).is_some_and(|p| cues.words.prepositions.contains(p)) || !initial
                })
                .filter(|_| !person_or_group(doc, ws, a, b, cues));
        }
        // A name the gazetteer has elsewhere, placed by "in Y" in a region where it has none.
        if kind.is_none()
            && located_elsewhere.contains(&Span::new(ws[a].span.start, ws[b].span.end))
        {
            kind = Some("place");
        }
        let Some(kind) = kind else { continue };
        if a == b && (initial && kind == "place" || cues.demonyms.contains_key(first)) {
            continue;
        }
        let mut start = ws[a].span.start;
        // "al-Nuri Great Mosque": the article joined to the name belongs to it.
        if a > 0
            && ws[a].gap == Gap::Hyphen
            && cues.words.article_starts.contains(low(&ws[a - 1]))
            && !covered(a - 1)
        {
            start = ws[a - 1].span.start;
        }
        let mut anchor = anchor_after(lower, ws, end, known, cues)
            .or_else(|| anchor_neighbour(lower, ws, a, known, cues));
        if let Some((k, joined)) = anchor_before(text, ws, a, known) {
            // A town owns what it names with a possessive ("Dhaka's X area"); its name opens only a
            // building's or a district's ("Colombo National Hospital").
            if anchor.is_none() && (!joined || in_town(kind)) {
                anchor = Some(k);
                if joined {
                    start = known
                        .iter()
                        .find(|x| x.0 == k)
                        .map_or(start, |x| x.1.span.start);
                }
            }
        }
        out.push(Unknown {
            sentence: si,
            span: Span::new(start, end),
            kind,
            anchor,
            by_entity,
            name_end: ws[b].span.end,
            qualifier,
        });
    }
    out
}

/// Every word is written in capitals ("UN", "U.S.") or is a country's adjective ("Swedish").
fn modifiers_only(text: &str, lower: &str, ws: &[Word], cues: &Cues) -> bool {
    ws.iter().all(|w| {
        let written = w.span.of(text);
        cues.demonyms.contains_key(w.span.of(lower))
            || written.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !written.chars().any(char::is_lowercase)
    })
}

/// "the capital's X", "the city's X": the word `a` opens a part of the town the story is about.
pub(super) fn of_story_town(text: &str, lower: &str, ws: &[Word], a: usize, cues: &Cues) -> bool {
    a >= 2
        && matches!(
            text.get(ws[a - 1].span.end..ws[a].span.start),
            Some("'s " | "’s ")
        )
        && cues
            .words
            .story_town_words
            .contains(ws[a - 1].span.of(lower))
        && ws[a - 2].span.of(lower) == "the"
}

/// "the village of X", "the southern town of X", "the Israeli village of X": the kind the head
/// gives word `a`'s name, and the country an adjective among its modifiers names.
fn town_of(
    ws: &[Word],
    a: usize,
    lower: &str,
    cues: &Cues,
) -> Option<(&'static str, Option<Country>)> {
    let low = |n: usize| (a >= n).then(|| ws[a - n].span.of(lower));
    if low(1) != Some("of") {
        return None;
    }
    let head = low(2)?;
    if !cues.words.town_words.contains(head) {
        return None;
    }
    let kind = if head == "village" { "village" } else { "town" };
    let mut country = None;
    for n in 3..6 {
        let w = low(n)?;
        if matches!(w, "the" | "a" | "an") {
            return Some((kind, country));
        }
        match cues.demonyms.get(w) {
            Some(iso3) => country = Some(*iso3),
            None if cues.words.directions.contains(w) || w.ends_with("ern") => {}
            None => return None,
        }
    }
    None
}

/// The run of capitalised words from word `i` (with connectors, and through a possessive when
/// the run ends in a kind word: "the People's Palace"), not crossing a known place: first and last
/// word.
fn name_run(
    text: &str,
    lower: &str,
    ws: &[Word],
    i: usize,
    cues: &Cues,
    covered: &dyn Fn(usize) -> bool,
) -> (usize, usize) {
    let low = |w: &Word| w.span.of(lower);
    let possessive = |j: usize| {
        matches!(
            text.get(ws[j].span.end..ws[j + 1].span.start),
            Some("'s " | "’s ")
        )
    };
    let mut j = i;
    let mut first_possessive = None;
    while j + 1 < ws.len() && !covered(j + 1) {
        let n = &ws[j + 1];
        let joined = matches!(n.gap, Gap::Space | Gap::Hyphen);
        // A connector goes on a name ("Ras al-Ain"), not past a kind word that ends one ("the
        // Green Palace on Saturday").
        let continues = n.cap
            || cues.words.connectors.contains(low(n))
                && ws.get(j + 2).is_some_and(|m| m.cap)
                && !cues.words.feature_names.contains_key(low(&ws[j]));
        if joined && continues {
            j += 1;
        } else if n.cap && possessive(j) {
            first_possessive.get_or_insert(j);
            j += 1;
        } else {
            break;
        }
    }
    // "North and South Kivu": a connector ends no name.
    while j > i && !ws[j].cap && cues.words.connectors.contains(low(&ws[j])) {
        j -= 1;
    }
    if let Some(p) = first_possessive {
        if j == p || !cues.words.feature_names.contains_key(low(&ws[j])) {
            return (i, p);
        }
    }
    (i, j)
}

/// The known place right after an unknown one that ends at byte `end`: "X in (the) Mogadishu",
/// "X near Y", "X, Kabul", "X lies in Y", "X 10 km north of Y", "X, a farming community in Y".
fn anchor_after(
    lower: &str,
    ws: &[Word],
    end: usize,
    known: &[Known],
    cues: &Cues,
) -> Option<usize> {
    let next = ws
        .iter()
        .position(|w| w.span.start >= end)
        .unwrap_or(ws.len());
    let low = |n: usize| ws.get(n).map(|w| w.span.of(lower));
    let known_at = |n: usize| {
        let n = if low(n) == Some("the") { n + 1 } else { n };
        known.iter().find(|(_, c, _)| c.first == n).map(|x| x.0)
    };
    let locating = |n: usize| low(n).is_some_and(|w| cues.words.locating.contains(w));
    // "10 km north of Y", "north-east of Y" from word `d`: the known place Y.
    let direction_of = |mut d: usize| {
        if low(d).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit() || c == '.'))
            && low(d + 1).is_some_and(|w| cues.words.distance_units.contains(w))
        {
            d += 2;
        }
        if !low(d).is_some_and(|w| cues.words.directions.contains(w)) {
            return None;
        }
        // "north-east" is two words to the scanner.
        if ws.get(d + 1).is_some_and(|w| w.gap == Gap::Hyphen)
            && low(d + 1).is_some_and(|w| cues.words.directions.contains(w))
        {
            d += 1;
        }
        (low(d + 1) == Some("of"))
            .then(|| known_at(d + 2))
            .flatten()
    };
    if ws.get(next).is_some_and(|w| w.gap == Gap::Comma) {
        // "X, Kabul"; "X, north-east of Y"; "X, a farming community in Y": an apposition that
        // locates it.
        let apposition = matches!(low(next), Some("a" | "an" | "the"));
        return known_at(next).or_else(|| direction_of(next)).or_else(|| {
            (next + 1..(next + 7).min(ws.len()))
                .filter(|_| apposition)
                .take_while(|&n| ws[n].gap == Gap::Space)
                .find(|&n| locating(n))
                .and_then(|n| known_at(n + 1))
        });
    }
    let mut at = next;
    while at < next + 2 && low(at).is_some_and(|w| cues.words.locating_verbs.contains(w)) {
        at += 1;
    }
    // "X 10 km north of Y", "X north of Y".
    direction_of(at).or_else(|| locating(at).then(|| known_at(at + 1)).flatten())
}

/// "La Paz and neighbouring X": the known place the unknown one neighbours.
fn anchor_neighbour(
    lower: &str,
    ws: &[Word],
    a: usize,
    known: &[Known],
    cues: &Cues,
) -> Option<usize> {
    let low = |n: usize| (a >= n).then(|| ws[a - n].span.of(lower));
    if !low(1).is_some_and(|w| cues.words.neighbour_words.contains(w)) || low(2) != Some("and") {
        return None;
    }
    known
        .iter()
        .find(|(_, c, p)| a >= 3 && c.last == a - 3 && p.precision != Precision::Country)
        .map(|x| x.0)
}

/// A known town right before word `a`: joined to the name ("Colombo National Hospital", `true`)
/// or owning it ("Conakry's Kaloum district", `false`).
fn anchor_before(text: &str, ws: &[Word], a: usize, known: &[Known]) -> Option<(usize, bool)> {
    if a == 0 {
        return None;
    }
    let (k, _, place) = known.iter().find(|(_, c, _)| c.last + 1 == a)?;
    if !matches!(place.precision, Precision::City | Precision::Admin2) || place.kind.is_some() {
        return None;
    }
    let between = text.get(ws[a - 1].span.end..ws[a].span.start)?;
    match between {
        " " => Some((*k, true)),
        "'s " | "’s " => Some((*k, false)),
        _ => None,
    }
}

/// Whether the recogniser's place `a..=b` is a person or a group: a name the actor dictionary
/// holds as a person or an organisation ("Petro", "M23"), one the recogniser itself calls a person
/// or an organisation elsewhere in the article (the surname of "Gotabaya Rajapaksa") unless a
/// locating word precedes it ("in X"), or one a title opens or a speech verb follows ("President
/// X", "X said", "X, who").
fn person_or_group(doc: &Doc, ws: &[Word], a: usize, b: usize, cues: &Cues) -> bool {
    let text = doc.text();
    let span = Span::new(ws[a].span.start, ws[b].span.end);
    let name = span.of(text);
    let before = (a > 0).then(|| ws[a - 1].span.of(&doc.lower));
    let after = ws.get(b + 1);
    let speaks = after.is_some_and(|w| {
        crate::lexicon::reports_speech_at(doc, w.span.start)
            || (w.gap == Gap::Comma && w.span.of(&doc.lower) == "who")
    });
    // "in X", "near X" make a place of a name whatever else it names.
    let located = before.is_some_and(|w| cues.words.locating.contains(w));
    speaks
        || before.is_some_and(|w| cues.words.titles.contains(w))
        || !located && (actor_name(name) || named_as_person(doc, name))
}

/// The actor dictionary holds the whole name as a person or an organisation.
fn actor_name(name: &str) -> bool {
    actor_entry(name, true)
}

/// The actor dictionary holds the whole name as a person (or, with `groups`, an organisation).
pub(super) fn actor_entry(name: &str, groups: bool) -> bool {
    use crate::actors::dictionary::{phrase_words, ActorDictionary, Entry};
    let words = phrase_words(name);
    let keys: Vec<String> = words
        .iter()
        .map(|w| crate::lexicon::phrases::key(&w.to_lowercase()).into_owned())
        .collect();
    ActorDictionary::bundled()
        .phrases
        .prefixes(&keys)
        .into_iter()
        .filter(|(n, _)| *n == keys.len())
        .flat_map(|(_, phrases)| phrases)
        .any(|p| {
            let kind_ok = match p.entry {
                Entry::Person(_) => true,
                Entry::Org { .. } => groups,
                _ => false,
            };
            kind_ok && p.case_ok(&words)
        })
}

/// The recogniser calls this name, or a longer name ending with it, a person or an organisation
/// somewhere in the article.
fn named_as_person(doc: &Doc, name: &str) -> bool {
    let Some(syntax) = doc.syntax.as_ref() else {
        return false;
    };
    let text = doc.text();
    syntax.entities.iter().any(|e| {
        let t = &text[e.start..e.end];
        matches!(e.label.as_str(), "PERSON" | "ORG")
            && (t == name || t.strip_suffix(name).is_some_and(|rest| rest.ends_with(' ')))
    })
}

/// The kind of place the entity recogniser gives a span exactly ("place" for GPE, "area" for LOC,
/// "facility" for FAC), or `None`.
fn entity_kind(doc: &Doc, span: Span) -> Option<&'static str> {
    let syntax = doc.syntax.as_ref()?;
    let text = doc.text();
    // The recogniser's entities are in order and do not overlap, so their ends are sorted: only
    // those ending where the span ends can match (a binary search, not a scan of the article).
    let first = syntax.entities.partition_point(|e| e.end < span.end);
    let ending_here = syntax.entities[first..]
        .iter()
        .take_while(|e| e.end == span.end);
    ending_here.into_iter().find_map(|e| {
        let mut start = e.start;
        // "the Sahel": the entity may take in the article.
        let s = &text[e.start..e.end];
        if let Some(rest) = s.strip_prefix("the ").or_else(|| s.strip_prefix("The ")) {
            start = e.end - rest.len();
        }
        if start != span.start || e.end != span.end {
            return None;
        }
        match e.label.as_str() {
            "GPE" => Some("place"),
            "LOC" => Some("area"),
            "FAC" => Some("facility"),
            _ => None,
        }
    })
}

/// The town the article is told from: its dateline's ("MOGADISHU —"), else the town it names
/// most in `country` (any country when `None`; `Some(None)` is no country, which no town is in),
/// at least twice (ties to the first named).
pub(super) fn story_town<'a>(
    text: &str,
    out: &'a [PlaceMention],
    country: Option<Option<Country>>,
) -> Option<&'a Place> {
    let town = |p: &Place| p.precision == Precision::City && p.kind.is_none();
    if let Some(p) = dateline_town(text, out) {
        return Some(p);
    }
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new();
    for (n, m) in out.iter().enumerate() {
        if town(&m.place) && country.is_none_or(|c| m.place.country == c) {
            count.entry(m.place.name.as_str()).or_insert((0, n)).0 += 1;
        }
    }
    let (name, _) = count
        .into_iter()
        .filter(|(_, (c, _))| *c >= 2)
        .max_by_key(|(_, (c, first))| (*c, std::cmp::Reverse(*first)))?;
    out.iter()
        .map(|m| &m.place)
        .find(|p| p.name == name && town(p))
}

/// The town of the article's dateline, if it has one.
pub(super) fn dateline_town<'a>(text: &str, out: &'a [PlaceMention]) -> Option<&'a Place> {
    out.iter()
        .find(|m| {
            m.sentence < 3
                && m.place.precision == Precision::City
                && m.place.kind.is_none()
                && dateline(text, m)
        })
        .map(|m| &m.place)
}

/// A dateline: a town in capitals opening a line ("LIMA, Jan 10 —", "YEREVAN/BAKU").
fn dateline(text: &str, m: &PlaceMention) -> bool {
    let written = m.span.of(text);
    let before = text[..m.span.start].trim_end_matches([' ', '\t']);
    (before.is_empty() || before.ends_with('\n'))
        && written.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !written.chars().any(char::is_lowercase)
}

/// Adds the unknown names to `out`: at the point of the known place that locates them, else (a
/// building or district) at the town the article is told from, else without a point in the
/// country the context gives. Known places that became part of an unknown one's name are dropped.
pub(super) fn place_unknowns(
    text: &str,
    unknown: Vec<Unknown>,
    resolved: &[Option<Place>],
    focus: &Focus,
    order: &[Country],
    out: &mut Vec<PlaceMention>,
) {
    let mut added = Vec::new();
    let dateline_country = dateline_town(text, out).and_then(|p| p.country);
    for u in unknown {
        let name = text
            .get(u.span.start..u.name_end)
            .unwrap_or_default()
            .to_string();
        let anchor = u.anchor.and_then(|a| resolved.get(a).cloned().flatten());
        // An anchor of no country (a sea) leaves the place in none.
        let country = anchor
            .as_ref()
            .map(|p| p.country)
            .or(u.qualifier.map(Some))
            .or_else(|| {
                (!no_country(u.kind))
                    .then(|| focus.country_for(u.sentence, order, dateline_country))
                    .flatten()
                    .map(Some)
            })
            .flatten();
        // Only a town or a site lends its point: a region or district is too large for its
        // point to stand for a village inside it ("X village in Y region" is somewhere in Y),
        // so the place stays unknown there, with the region's name.
        let admin1 = anchor.as_ref().and_then(|p| p.admin1.clone());
        let at = anchor
            .filter(|p| matches!(p.precision, Precision::City | Precision::Site))
            .or_else(|| {
                (in_town(u.kind) && !u.by_entity && u.qualifier.is_none())
                    .then(|| story_town(text, out, Some(country)).cloned())
                    .flatten()
            });
        let place = match at {
            // A named building or site inside a known place: told at that place's point.
            Some(mut p) => {
                p.name = name;
                p.geonameid = None;
                p.kind = Some(u.kind.to_string());
                p
            }
            None => Place {
                name,
                country,
                admin1,
                lat: None,
                lon: None,
                geonameid: None,
                precision: Precision::Unknown,
                kind: Some(u.kind.to_string()),
            },
        };
        added.push(PlaceMention {
            span: u.span,
            sentence: u.sentence,
            place,
        });
    }
    // "the Galwan river" in a report on "the Galwan Valley": a river, pass or lake named like a
    // sea, valley or region the gazetteer found lies there.
    for u in added.iter_mut().filter(|u| u.place.lat.is_none()) {
        let prefix = format!("{} ", u.place.name);
        let feature = out.iter().map(|m| &m.place).find(|p| {
            p.precision == Precision::Region && p.kind.is_some() && p.name.starts_with(&prefix)
        });
        if let Some(f) = feature {
            let kind = u.place.kind.take();
            u.place = Place {
                name: u.place.name.clone(),
                kind,
                ..f.clone()
            };
        }
    }
    // One name, one place within an article: a mention the text locates lends its point to the
    // others ("the village of X" ... "X lies in Y province").
    for i in 0..added.len() {
        if added[i].place.lat.is_some() {
            continue;
        }
        let located = added.iter().find(|m| {
            m.place.lat.is_some() && m.place.name == added[i].place.name && m.place.kind.is_some()
        });
        if let Some(m) = located.map(|m| m.place.clone()) {
            let kind = added[i].place.kind.take();
            added[i].place = Place { kind, ..m };
        }
    }
    out.retain(|m| {
        !added
            .iter()
            .any(|u| u.span.start <= m.span.start && m.span.end < u.span.end)
    });
    out.extend(added);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segment;
    use crate::syntax::Syntax;
    use crate::{Article, Pipeline};

    #[test]
    fn actor_dictionary_names() {
        assert!(actor_entry("Hasina", false));
        assert!(actor_entry("M23", true));
        assert!(!actor_entry("M23", false));
        assert!(!actor_entry("Dhaka", true));
        assert!(!actor_entry("Kibumba", true));
    }

    fn doc(text: &str) -> Doc {
        // The model's tags tell a verb of saying from a noun.
        Pipeline::new(vec![Box::new(Segment), Box::new(Syntax::bundled())])
            .expect("the model reads segmented text")
            .run(Article {
                text: text.to_string(),
                ..Article::default()
            })
    }

    #[test]
    fn titles_and_speech_make_a_person() {
        let cues = Cues::bundled();
        let d =
            doc("Minister Oduya arrived. Oduya said no. Oduya, who fled, spoke. Near Oduya town.");
        let ws = super::super::words::words(&d, d.sentences[0].span);
        assert!(person_or_group(&d, &ws, 1, 1, cues), "after a title");
        let ws = super::super::words::words(&d, d.sentences[1].span);
        assert!(person_or_group(&d, &ws, 0, 0, cues), "before a speech verb");
        let ws = super::super::words::words(&d, d.sentences[2].span);
        assert!(person_or_group(&d, &ws, 0, 0, cues), "before ', who'");
        let ws = super::super::words::words(&d, d.sentences[3].span);
        assert!(!person_or_group(&d, &ws, 1, 1, cues));
    }

    #[test]
    fn a_connector_ends_no_name() {
        let cues = Cues::bundled();
        let d = doc("Fighting spread across North and South Kivu.");
        let ws = super::super::words::words(&d, d.sentences[0].span);
        let south = ws
            .iter()
            .position(|w| w.span.of(d.text()) == "South")
            .unwrap();
        let covered = |i: usize| i >= south;
        let north = south - 2;
        let (a, b) = name_run(d.text(), &d.lower, &ws, north, cues, &covered);
        assert_eq!((a, b), (north, north));
    }
}
