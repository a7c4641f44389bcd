//! Facilities named by a common noun rather than a name of their own: "the presidential palace",
//! "the US embassy in Kabul", "Beirut's international airport", "the city's airport".
//!
//! An event gazetteer reports such a facility as a place of its own (ACLED does), at the point of
//! the town it lies in: the town the text names for it ("in X", "X's"), else the town the story is
//! told from. Its name is the written compound when the town owns it ("Beirut international
//! airport", "Kabul airport" for "the city's airport"), else "<facility>, <town>" ("presidential
//! palace, Kabul"). Which nouns count, and their kind, is the `facility_noun` kind of
//! `data/lexicon/places.tsv`.

use super::cues::Cues;
use super::unknown::Known;
use super::words::{Gap, Word};
use crate::country::{Country, CountryError};
use crate::doc::{Doc, Place, PlaceMention, Precision};
use crate::lexicon::phrases::{Literal, Phrases};
use crate::span::Span;
use std::sync::OnceLock;

/// Most modifiers between the article and the noun ("the old presidential palace").
const MAX_MODIFIERS: usize = 3;

/// How the text says whose or where the facility is.
enum Owner {
    /// "the presidential palace": the town comes from the context.
    Definite,
    /// "Beirut's international airport": the known town ending at this word.
    Town(usize),
    /// "the city's airport": the town the story is about.
    StoryTown,
    /// "the headquarters of state broadcaster X": the owner's name, its first and last word.
    Named(usize, usize),
}

/// A facility phrase of a sentence: its words and who owns it.
struct Phrase {
    /// First word of the mention (the owner's for a possessive, else the first modifier).
    start: usize,
    /// First word after the article or possessive.
    first: usize,
    /// Last word of the noun.
    last: usize,
    /// Last word of the mention: the noun's, or the owner's after "of".
    end: usize,
    owner: Owner,
}

/// The facilities of one sentence. `known` are its resolved places, `taken` the spans already
/// reported (a facility with a name of its own is left to them), `story` the town the article is
/// told from.
pub(super) fn facilities(
    doc: &Doc,
    si: usize,
    ws: &[Word],
    known: &[Known],
    taken: &[Span],
    story: Option<&Place>,
    cues: &Cues,
) -> Vec<PlaceMention> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut h = 0;
    while h < ws.len() {
        let Some((last, kind)) = noun_at(&doc.lower, ws, h, cues) else {
            h += 1;
            continue;
        };
        let noun = Span::new(ws[h].span.start, ws[last].span.end);
        let free = !taken
            .iter()
            .any(|t| t.start < noun.end && noun.start < t.end);
        let phrase = free
            .then(|| phrase_before(text, &doc.lower, ws, h, last, known, cues))
            .flatten()
            .map(|p| with_owner(p, &doc.lower, ws, known, cues))
            .filter(|p| is_place_noun(doc, ws, p));
        h = last + 1;
        let Some(p) = phrase else { continue };
        let town = match p.owner {
            Owner::Town(k) => known.iter().find(|x| x.1.last == k).map(|x| x.2),
            Owner::StoryTown => story,
            // "the embassy in Kabul"; "the palace in Syria" is in the story's town only when
            // that lies in Syria.
            Owner::Definite | Owner::Named(..) => {
                match place_after(&doc.lower, ws, p.end, cues, known) {
                    Some(t) if is_town(t) => Some(t),
                    Some(area) => story.filter(|s| s.country == area.country),
                    None => town_before(known, p.start).or(story),
                }
            }
        };
        let Some(town) = town.filter(|t| is_town(t)) else {
            continue;
        };
        let words = &text[ws[p.first].span.start..ws[p.last].span.end];
        let name = match p.owner {
            // "embassy of Sweden, Kabul".
            Owner::Definite => format!(
                "{}, {}",
                &text[ws[p.first].span.start..ws[p.end].span.end],
                town.name
            ),
            // "the headquarters of X" is X's only one: "X headquarters".
            Owner::Named(a, b) => format!("{} {words}", &text[ws[a].span.start..ws[b].span.end]),
            Owner::Town(_) | Owner::StoryTown => format!("{} {words}", town.name),
        };
        out.push(PlaceMention {
            span: Span::new(ws[p.start].span.start, ws[p.end].span.end),
            sentence: si,
            place: Place {
                name,
                geonameid: None,
                kind: Some(kind.to_string()),
                ..town.clone()
            },
        });
    }
    out
}

/// A town (not a site or a district told at a town's point).
fn is_town(p: &Place) -> bool {
    p.precision == Precision::City && p.kind.is_none() && p.lat.is_some()
}

/// The facility noun starting at word `h`, lowercase ("airport", "air base"): its last word and
/// its kind. The longest listed noun wins.
fn noun_at(lower: &str, ws: &[Word], h: usize, cues: &Cues) -> Option<(usize, &'static str)> {
    if ws[h].cap {
        return None;
    }
    // The lower-case words from `h` on as one run of text.
    let run: Vec<&str> = ws
        .iter()
        .enumerate()
        .skip(h)
        .take(cues.facility_nouns.reach())
        .take_while(|(i, w)| !w.cap && (*i == h || w.gap == Gap::Space))
        .map(|(_, w)| w.span.of(lower))
        .collect();
    let (n, kind) = cues.facility_nouns.longest(&run)?;
    Some((h + n - 1, *kind))
}

/// Walks left from the noun at `h..=last` over its modifiers to "the" or a possessive ("the US
/// embassy", "Beirut's international airport", "the city's airport").
fn phrase_before(
    text: &str,
    lower: &str,
    ws: &[Word],
    h: usize,
    last: usize,
    known: &[Known],
    cues: &Cues,
) -> Option<Phrase> {
    let mut first = h;
    loop {
        if first == 0 || ws[first].gap != Gap::Space && !possessive(text, ws, first) {
            return None;
        }
        let j = first - 1;
        let w = ws[j].span.of(lower);
        if possessive(text, ws, first) {
            let owner = if let Some(k) = known.iter().find(|x| x.1.last == j) {
                // The mention starts with the town's name ("New York's").
                return Some(Phrase {
                    start: k.1.first,
                    first,
                    last,
                    end: last,
                    owner: Owner::Town(j),
                });
            } else if cues.words.story_town_words.contains(w)
                && j > 0
                && ws[j - 1].span.of(lower) == "the"
            {
                Owner::StoryTown
            } else {
                return None;
            };
            return Some(Phrase {
                start: j,
                first,
                last,
                end: last,
                owner,
            });
        }
        if w == "the" {
            return Some(Phrase {
                start: first,
                first,
                last,
                end: last,
                owner: Owner::Definite,
            });
        }
        if h - j > MAX_MODIFIERS || !modifier(text, lower, &ws[j], known, j, cues) {
            return None;
        }
        first = j;
    }
}

/// A word that may stand between "the" and a facility noun: a lowercase modifier that is no
/// connector or preposition ("presidential", "international"), a country's adjective or name
/// ("Russian", "US"), or an abbreviation ("UN"). A town before the noun makes a compound of its
/// own ("the Kabul airport"), which the town's mention already holds.
fn modifier(text: &str, lower: &str, w: &Word, known: &[Known], j: usize, cues: &Cues) -> bool {
    let word = w.span.of(lower);
    if let Some(k) = known.iter().find(|x| x.1.first <= j && j <= x.1.last) {
        return k.2.precision == Precision::Country;
    }
    if cues.words.connectors.contains(word)
        || cues.words.prepositions.contains(word)
        || cues.words.locating.contains(word)
    {
        return false;
    }
    !w.cap || cues.demonyms.contains_key(word) || is_abbreviation(w.span.of(text))
}

/// Written in capitals ("US", "U.S.", "UN").
fn is_abbreviation(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// "'s " between word `i - 1` and word `i`.
fn possessive(text: &str, ws: &[Word], i: usize) -> bool {
    i > 0
        && matches!(
            text.get(ws[i - 1].span.end..ws[i].span.start),
            Some("'s " | "’s ")
        )
}

/// "the headquarters of state broadcaster X", "the palace of X", "the embassy of X": a definite
/// facility owned by a name after "of" (up to three lowercase words may describe the owner). A
/// known town owns it as "X's" would; a country or region only says whose it is; any other
/// name is the owner's, whose only such facility it is.
fn with_owner(mut p: Phrase, lower: &str, ws: &[Word], known: &[Known], cues: &Cues) -> Phrase {
    if !matches!(p.owner, Owner::Definite) {
        return p;
    }
    let low = |n: usize| {
        ws.get(n)
            .filter(|w| w.gap == Gap::Space)
            .map(|w| w.span.of(lower))
    };
    if low(p.last + 1) != Some("of") {
        return p;
    }
    let mut a = p.last + 2;
    if low(a) == Some("the") {
        a += 1;
    }
    let describing = |w: &str| {
        !(cues.words.connectors.contains(w)
            || cues.words.prepositions.contains(w)
            || cues.words.locating.contains(w))
    };
    let mut n = 0;
    while n < 3 && ws.get(a).is_some_and(|w| !w.cap) && low(a).is_some_and(describing) {
        a += 1;
        n += 1;
    }
    if !ws.get(a).is_some_and(|w| w.cap && w.gap == Gap::Space) {
        return p;
    }
    let mut b = a;
    while ws.get(b + 1).is_some_and(|w| w.cap && w.gap == Gap::Space) {
        b += 1;
    }
    p.end = b;
    p.owner = match known.iter().find(|x| x.1.first == a && x.1.last == b) {
        Some(k) if is_town(k.2) => Owner::Town(b),
        Some(_) => Owner::Definite,
        None => Owner::Named(a, b),
    };
    p
}

/// "the UN complex in Vienna", "the airport in the city of X": the known place right after "in"
/// or "at" after the noun.
fn place_after<'a>(
    lower: &str,
    ws: &[Word],
    last: usize,
    cues: &Cues,
    known: &'a [Known<'a>],
) -> Option<&'a Place> {
    let low = |n: usize| {
        ws.get(n)
            .filter(|w| w.gap == Gap::Space)
            .map(|w| w.span.of(lower))
    };
    if !matches!(low(last + 1), Some("in" | "at")) {
        return None;
    }
    let mut at = last + 2;
    if low(at) == Some("the") {
        at += 1;
        if low(at).is_some_and(|w| cues.words.town_words.contains(w)) && low(at + 1) == Some("of") {
            at += 2;
        }
    }
    known.iter().find(|x| x.1.first == at).map(|x| x.2)
}

/// The last town the sentence names before word `start` ("arrived in X ... and was greeted at
/// the airport"): the facility is most likely there.
fn town_before<'a>(known: &'a [Known<'a>], start: usize) -> Option<&'a Place> {
    known
        .iter()
        .rfind(|x| x.1.last < start && is_town(x.2))
        .map(|x| x.2)
}

/// Whether the phrase names a place here, not people or an institution acting: not a compound's
/// first part ("the airport road", "the palace guards"), not followed by "of" or a capitalised
/// word, not the subject of an active verb ("the embassy said", "the palace denied").
fn is_place_noun(doc: &Doc, ws: &[Word], p: &Phrase) -> bool {
    let lower = &doc.lower;
    if let Some(n) = ws.get(p.end + 1) {
        let next = n.span.of(lower);
        let joined = matches!(n.gap, Gap::Space | Gap::Hyphen);
        let reports = crate::lexicon::reports_speech_at(doc, n.span.start);
        if joined && (n.cap || next == "of" || reports) {
            return false;
        }
    }
    let Some(syntax) = doc.syntax.as_ref() else {
        return true;
    };
    let start = ws[p.last].span.start;
    let i = syntax.words.partition_point(|w| w.start < start);
    let Some(tok) = syntax.words.get(i).filter(|w| w.start == start) else {
        return true;
    };
    !matches!(tok.dep.as_str(), "compound" | "nsubj" | "amod")
}

const SEATS: &str = include_str!("../../../../data/gazetteer/seats.tsv");

/// A seat of government and the point of its town (`data/gazetteer/seats.tsv`).
struct Seat {
    name: &'static str,
    country: Country,
    lat: f64,
    lon: f64,
}

/// The seats, by the lowercase words of their names and alternate names.
#[derive(Default)]
struct Seats {
    names: Phrases<usize, Literal>,
    rows: Vec<Seat>,
}

fn seats() -> &'static Seats {
    static SET: OnceLock<Seats> = OnceLock::new();
    // The bundled table is tested; no seats beat a panic if it were broken.
    SET.get_or_init(|| read_seats(SEATS).unwrap_or_default())
}

/// The seats of `table` (the form of `seats.tsv`); a row that is not one is an error naming its
/// line.
fn read_seats(table: &'static str) -> Result<Seats, String> {
    let mut s = Seats::default();
    for (i, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let bad = |why: String| format!("seats.tsv:{}: {why}", i + 1);
        let c: Vec<&'static str> = line.split('\t').collect();
        let [name, alternates, iso3, _town, lat, lon] = c[..] else {
            return Err(bad("expected 6 columns".into()));
        };
        let (Ok(lat), Ok(lon)) = (lat.parse(), lon.parse()) else {
            return Err(bad("bad lat or lon".into()));
        };
        let country = iso3.parse().map_err(|e: CountryError| bad(e.to_string()))?;
        let n = s.rows.len();
        for written in std::iter::once(name).chain(alternates.split('|')) {
            // Words as the place reader parts them: at spaces and hyphens.
            let words: Vec<String> = written
                .split([' ', '-'])
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            if !words.is_empty() {
                s.names.insert_words(&words, n);
            }
        }
        s.rows.push(Seat {
            name,
            country,
            lat,
            lon,
        });
    }
    Ok(s)
}

/// The longest seat name starting at word `i` that ends in a capitalised word: its last word
/// and its row.
fn seat_at(s: &Seats, text: &str, ws: &[Word], i: usize) -> Option<(usize, usize)> {
    // The document's lower case is ASCII-only; names may have accents.
    let run: Vec<String> = ws
        .iter()
        .enumerate()
        .skip(i)
        .take(s.names.reach())
        .take_while(|(j, w)| *j == i || matches!(w.gap, Gap::Space | Gap::Hyphen))
        .map(|(_, w)| w.span.of(text).to_lowercase())
        .collect();
    s.names
        .prefixes(&run)
        .into_iter()
        .find(|(n, _)| ws[i + n - 1].cap)
        // Of two seats with one name the table's later row, as it always was.
        .and_then(|(n, rows)| rows.last().map(|&row| (i + n - 1, row)))
}

/// The seats of government a sentence names ("talks at the White House", "the Kremlin"): each at
/// its town's point, precision city, kind facility. The longest name wins; a name that goes on
/// ("White House Correspondents") is not the seat.
pub(super) fn seats_in(doc: &Doc, si: usize, ws: &[Word]) -> Vec<PlaceMention> {
    let s = seats();
    let text = doc.text();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let found = ws[i]
            .cap
            .then(|| seat_at(s, text, ws, i))
            .flatten()
            .filter(|(j, _)| {
                !ws.get(j + 1)
                    .is_some_and(|w| w.cap && matches!(w.gap, Gap::Space | Gap::Hyphen))
            });
        let Some((j, n)) = found else {
            i += 1;
            continue;
        };
        let seat = &s.rows[n];
        out.push(PlaceMention {
            span: Span::new(ws[i].span.start, ws[j].span.end),
            sentence: si,
            place: Place {
                name: seat.name.to_string(),
                country: Some(seat.country),
                admin1: None,
                lat: Some(seat.lat),
                lon: Some(seat.lon),
                geonameid: None,
                precision: Precision::City,
                kind: Some("facility".to_string()),
            },
        });
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_seats_read() {
        let s = read_seats(SEATS).unwrap();
        assert!(s.rows.len() > 20, "{}", s.rows.len());
        let (words, rows) = s.names.prefixes(&["kremlin"]).remove(0);
        assert_eq!(words, 1);
        let kremlin = &s.rows[rows[0]];
        assert_eq!(kremlin.country, Country::of("RUS"));
    }

    #[test]
    fn a_bad_country_names_the_line() {
        let table = "# name, alternates, iso3, town, lat, lon\nA House\t\tUSA\tTown\t1.0\t2.0\nB House\t\tUSX\tTown\t1.0\t2.0\n";
        let e = read_seats(table).err().unwrap();
        assert!(e.starts_with("seats.tsv:3: "), "{e}");
        assert!(e.contains("unknown country code \"USX\""), "{e}");
    }
}
