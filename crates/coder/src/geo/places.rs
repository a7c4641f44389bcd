//! The places stage: place names in the text, resolved against the gazetteer.
//!
//! Candidates are runs of capitalised words (with short connectors: "Maarat al-Numan", "Bosnia and
//! Herzegovina") whose key is in the gazetteer, longest first. Each candidate's entries are ranked by
//! population, kind and context (cues such as "in X", "X province", "X, Syria"), and by the article's
//! country focus. A candidate is kept only when the evidence is strong enough; common English words
//! and person-like names need a cue. Two passes: the first finds the article's countries, the second
//! uses them to disambiguate ("Tripoli" in an article about Lebanon).

use super::cues::Cues;
use super::facilities::{facilities, seats_in};
use super::gazetteer::{Entry, Gazetteer, Hit, Kind, Physical};
use super::unknown::{
    actor_entry, of_story_town, place_unknowns, story_town, unknown_names, Known, Unknown,
};
use super::words::{words, Gap, Word};
use crate::country::Country;
use crate::doc::{Doc, Place, PlaceMention, Precision};
use crate::pipeline::{Layer, Stage};
use crate::span::Span;
use std::collections::{HashMap, HashSet};

/// Longest name, in words, tried at each position.
const MAX_WORDS: usize = 7;
/// Evidence needed to report a candidate.
const THRESHOLD: f32 = 5.2;

/// Name keys of common words: `common_names` need a cue ("in Nice"), `never_places` are never
/// places ("in August"); both from the lexicon's `places.tsv`.
pub(super) struct Stopwords(&'static crate::lexicon::PlaceWords);

impl Stopwords {
    pub(super) fn contains(&self, key: &str) -> bool {
        self.0.common_names.contains(key) || self.0.never_places.contains(key)
    }
}

fn stopwords() -> Stopwords {
    Stopwords(&crate::lexicon::lexicon().places)
}

/// The places stage: fills `Doc::places`.
pub struct Places;

impl Stage for Places {
    fn name(&self) -> &'static str {
        "places"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text, Layer::Sentences, Layer::Syntax]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Places]
    }

    fn run(&self, doc: &mut Doc) {
        let found = find_places(doc, Gazetteer::bundled(), None);
        doc.places.extend(found);
        crate::doc::keep_sentence_order(&mut doc.places, |p| p.sentence);
    }

    fn run_traced(&self, doc: &mut Doc, trace: &mut flashpoint_core::Trace) {
        let found = find_places(
            doc,
            Gazetteer::bundled(),
            Some(trace.record::<PlaceTrace>()),
        );
        doc.places.extend(found);
        crate::doc::keep_sentence_order(&mut doc.places, |p| p.sentence);
    }
}

/// What the stage decided on each name the gazetteer holds, for `flashpoint explain`.
#[derive(Debug, Default)]
pub struct PlaceTrace {
    pub decisions: Vec<(Span, Verdict)>,
}

/// Why a name the gazetteer holds was told as a place, or not.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    /// Told as a place: the evidence for its best reading (a place needs [`THRESHOLD`]).
    Kept { evidence: f32 },
    /// No reading of the name has the evidence a place needs (a common word without a cue, a
    /// person-like name, a small town far from the story).
    Weak,
    /// A reading far from every country the article is about.
    ForeignOutlier,
    /// "the capital's X": a part of the story's town, left to the unknown names.
    PartOfStoryTown,
    /// "X in Y", "Accra's X": Y places it where the gazetteer has no X.
    LocatedElsewhere,
}

impl Verdict {
    pub fn describe(self) -> String {
        match self {
            Verdict::Kept { evidence } => format!("kept (evidence {evidence:.1} of {THRESHOLD})"),
            Verdict::Weak => format!("no reading has the evidence of a place ({THRESHOLD})"),
            Verdict::ForeignOutlier => "far from every country the article is about".into(),
            Verdict::PartOfStoryTown => "a part of the story's town".into(),
            Verdict::LocatedElsewhere => "the text places it where the gazetteer has none".into(),
        }
    }
}

/// What the words around a candidate say about it.
#[derive(Clone, Debug, Default)]
pub(super) struct Context {
    /// "in X", "north of X", "X-based", "X, <country>", a list continuing a place.
    cue: bool,
    /// "X province", "the province of X", "X and Y provinces".
    region: bool,
    /// "the city of X", "X village".
    town: bool,
    /// "the town of X", "the village of X": a place the writer introduces as unfamiliar.
    introduced: bool,
    /// "the capital's X": a part of the town the story is about, not a place elsewhere.
    of_story_town: bool,
    /// "Accra's X": the country of the place that owns it (its most populous reading).
    owner_country: Option<Country>,
    /// "X in Y": the countries Y may lie in. A town or district of X's name elsewhere is not
    /// meant ("Palma in Cabo Delgado" is no Spanish city): X is then a place the gazetteer lacks.
    within: Vec<Country>,
    /// "the X": a single word after "the" is rarely a town ("the Sancak", "the Bar").
    article_before: bool,
    /// "X, <country>": the country.
    qualifier: Option<Country>,
    /// "Atlanta, Georgia": the region code named after the place.
    qualifier_admin1: Option<&'static str>,
    /// This candidate is the region of the place before it: (country, admin1 code).
    region_of_previous: Option<(Country, &'static str)>,
    /// End of a region word kept in the mention ("Idlib province").
    suffix_end: Option<usize>,
    /// Start of a direction word before the name ("northern Israel").
    direction_start: Option<usize>,
    /// A kind-of-place word after the name ("Rafah crossing"): its end and the kind.
    pub(super) feature: Option<(usize, &'static str)>,
    /// The name goes on with a capitalised kind word ("South China Sea", "Galwan Valley"), or ends
    /// with one after "the" ("the Red Sea"): a feature, not the town or region of that name.
    part_of_feature: bool,
    /// First word of the sentence.
    initial: bool,
    /// A capitalised non-place word right before (person-like: "Ibrahim Kalin").
    name_before: bool,
    /// The actor dictionary knows the name as a person's ("Hasina"): a place only with a cue.
    person: bool,
    /// The name goes on past the gazetteer's ("Bab al-Hawa", "Ain al-Asad") or is the first name
    /// of a person the recogniser found ("Chad Johnson", "Jordan Bardella"): not this place.
    longer_name: bool,
    title_before: bool,
    name_after: bool,
    institution_after: bool,
    list_with_previous: bool,
}

#[derive(Clone, Debug)]
pub(super) struct Candidate {
    sentence: usize,
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) span: Span,
    key: String,
    /// Written in capitals ("U.S.", "UK"): an abbreviation, not the common word.
    upper: bool,
    hits: Vec<Hit>,
    pub(super) ctx: Context,
}

/// Country focus: how often each country is named, and which are named in each sentence.
#[derive(Default)]
pub(super) struct Focus {
    weight: HashMap<Country, u32>,
    top: Option<Country>,
    in_sentence: HashSet<(usize, Country)>,
    /// Countries of places named with a locating word, by sentence.
    located: HashSet<(usize, Country)>,
    /// The name keys that put each country in the focus.
    names: HashMap<Country, HashSet<String>>,
    /// How many places of each country the text locates ("in X", "X province"): where things
    /// happen, as against countries named as actors ("Rwanda sent troops").
    located_count: HashMap<Country, u32>,
    /// The country the article's adjectives name most ("Somali forces"), first named on ties:
    /// the last resort for a place the gazetteer lacks in an article that names no country.
    adjective: Option<Country>,
}

impl Focus {
    fn add(&mut self, iso3: Option<Country>, w: u32, sentence: usize, is_country: bool, key: &str) {
        let Some(iso3) = iso3 else {
            return;
        };
        *self.weight.entry(iso3).or_default() += w;
        self.names.entry(iso3).or_default().insert(key.to_string());
        if is_country {
            self.in_sentence.insert((sentence, iso3));
        }
    }

    fn finish(&mut self, order: &[Country]) {
        // Highest weight; ties go to the country named first.
        let mut best: Option<(Country, u32)> = None;
        for &c in order {
            let w = self.weight.get(&c).copied().unwrap_or(0);
            if best.is_none_or(|(_, bw)| w > bw) {
                best = Some((c, w));
            }
        }
        self.top = best.map(|(c, _)| c);
    }

    /// Which of the countries a border region or lake touches the text means: one its sentence
    /// names, else the article's main country, else the most named of them; `None` when the
    /// article names none of them.
    fn pick(&self, si: usize, touches: &[Country]) -> Option<Country> {
        let named =
            |t: Country| self.in_sentence.contains(&(si, t)) || self.located.contains(&(si, t));
        touches
            .iter()
            .copied()
            .find(|t| named(*t))
            .or_else(|| self.top.filter(|t| touches.contains(t)))
            .or_else(|| {
                // The first named of the most named (`max_by_key` keeps the last of equals).
                touches
                    .iter()
                    .copied()
                    .rev()
                    .filter(|t| self.weight.contains_key(t))
                    .max_by_key(|t| self.weight[t])
            })
    }

    /// The country an unknown place of sentence `si` most likely lies in: one the sentence names
    /// as a place ("in X", "X province"; not "X's ministry said"), else the article's most named,
    /// its dateline's counting as two more names.
    pub(super) fn country_for(
        &self,
        si: usize,
        order: &[Country],
        dateline: Option<Country>,
    ) -> Option<Country> {
        // Its own sentence, else the one or two before: a report names places in sequence, so
        // an unknown village lies where the places just named lie.
        for back in 0..=si.min(2) {
            let s = si - back;
            let mut here = order
                .iter()
                .copied()
                .filter(|c| self.located.contains(&(s, *c)));
            if let (Some(c), None) = (here.next(), here.next()) {
                return Some(c);
            }
            if back == 0 {
                if let Some(c) = order
                    .iter()
                    .copied()
                    .find(|c| self.located.contains(&(s, *c)))
                {
                    return Some(c);
                }
            }
        }
        // The country most places are located in, else the most named, with the dateline's
        // counting as two more names.
        let weight = |c: Country| {
            let located = self.located_count.get(&c).copied().unwrap_or(0);
            let named = self.weight.get(&c).copied().unwrap_or(0);
            (located, named + if Some(c) == dateline { 2 } else { 0 })
        };
        let mut best: Option<(Country, (u32, u32))> = None;
        for c in order.iter().copied().chain(dateline) {
            if best.is_none_or(|(_, w)| weight(c) > w) {
                best = Some((c, weight(c)));
            }
        }
        best.map(|(c, _)| c).or(self.top).or(self.adjective)
    }
}

/// The country the capitalised country adjectives of the text name most ("Somali", "Nigerian"),
/// ties going to the first named.
fn adjective_country(doc: &Doc, cues: &Cues) -> Option<Country> {
    let mut count: Vec<(Country, u32)> = Vec::new();
    for sentence in &doc.sentences {
        for w in words(doc, sentence.span).iter().filter(|w| w.cap) {
            if let Some(&iso3) = cues.demonyms.get(w.span.of(&doc.lower)) {
                match count.iter_mut().find(|(c, _)| *c == iso3) {
                    Some((_, n)) => *n += 1,
                    None => count.push((iso3, 1)),
                }
            }
        }
    }
    // `max_by_key` keeps the last of equals: look from the end for the first named.
    count
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| c)
}

/// Find and resolve the places of a segmented document; each name's verdict is written into
/// `trace` when one is given.
pub fn find_places(
    doc: &Doc,
    g: &Gazetteer,
    mut trace: Option<&mut PlaceTrace>,
) -> Vec<PlaceMention> {
    let mut record = |span: Span, verdict: Verdict| {
        if let Some(t) = trace.as_deref_mut() {
            t.decisions.push((span, verdict));
        }
    };
    let text = doc.text();
    let stop = &stopwords();
    let cues = Cues::bundled();
    let mut cands: Vec<Candidate> = Vec::new();
    let mut hits = Vec::new();
    let mut key = String::new();
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let ws = words(doc, sentence.span);
        let start = cands.len();
        let mut i = 0;
        while i < ws.len() {
            match longest_match(text, &doc.lower, &ws, i, g, cues, &mut key, &mut hits) {
                Some(last) => {
                    let span = Span::new(ws[i].span.start, ws[last].span.end);
                    let written = span.of(text);
                    cands.push(Candidate {
                        sentence: si,
                        first: i,
                        last,
                        span,
                        key: key.clone(),
                        upper: written.chars().filter(|c| c.is_alphabetic()).count() >= 2
                            && !written.chars().any(char::is_lowercase),
                        hits: hits.clone(),
                        ctx: Context::default(),
                    });
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        for k in start..cands.len() {
            let ctx = context(doc, &ws, &cands[start..], k - start, g, stop, cues);
            cands[k].ctx = ctx;
        }
    }

    // Pass 1: no focus; what is confidently a place tells us the article's countries.
    let none = Focus::default();
    let mut focus = Focus::default();
    let mut order: Vec<Country> = Vec::new();
    let mut accepted1 = vec![false; cands.len()];
    for (k, c) in cands.iter().enumerate() {
        if let Some((e, _)) = judge(c, g, &none, stop) {
            let entry = g.entry(e);
            // Only names that cannot be elsewhere say which countries the article is about: an
            // early guess for "Tripoli" must not reinforce itself.
            let one_country = c
                .hits
                .iter()
                .all(|h| g.entry(h.entry).country == entry.country);
            accepted1[k] = true;
            if !one_country && entry.kind != Kind::Country {
                continue;
            }
            focus.add(
                entry.country,
                if entry.kind == Kind::Country { 2 } else { 1 },
                c.sentence,
                true,
                &c.key,
            );
            if let Some(country) = entry.country {
                if c.ctx.cue || c.ctx.region {
                    focus.located.insert((c.sentence, country));
                }
                if !order.contains(&country) {
                    order.push(country);
                }
            }
        }
    }
    focus.finish(&order);
    focus.adjective = adjective_country(doc, cues);

    // Pass 2: with focus; a list continues a place accepted in pass 1 ("Idlib and Hama").
    let mut out = Vec::new();
    let mut resolved: Vec<Option<Place>> = vec![None; cands.len()];
    let mut resolved_weight: HashMap<Country, u32> = HashMap::new();
    // Names of the gazetteer that "X in Y" places in a region where it has none of them.
    let mut located_elsewhere: Vec<Span> = Vec::new();
    for k in 0..cands.len() {
        let mut c = cands[k].clone();
        if c.ctx.list_with_previous && k > 0 && accepted1[k - 1] {
            c.ctx.cue = true;
        }
        let Some((e, evidence)) = judge(&c, g, &focus, stop) else {
            record(c.span, Verdict::Weak);
            continue;
        };
        // "Accra's Jamestown": a part of Accra, not a town of that name elsewhere.
        // Y must be a place itself ("Mosul in June" names no region).
        let y_is_place = accepted1.get(k + 1).copied().unwrap_or(false);
        let outside = y_is_place && outside_named_region(g.entry(e), &c.ctx);
        if outside {
            located_elsewhere.push(c.span);
        }
        let owned_elsewhere = outside
            || c.ctx
                .owner_country
                .is_some_and(|oc| g.entry(e).country != Some(oc));
        if foreign_outlier(g.entry(e), &c, &focus) || c.ctx.of_story_town || owned_elsewhere {
            // Left to the unknown names below, in the article's country.
            let verdict = if c.ctx.of_story_town {
                Verdict::PartOfStoryTown
            } else if owned_elsewhere {
                Verdict::LocatedElsewhere
            } else {
                Verdict::ForeignOutlier
            };
            record(c.span, verdict);
            continue;
        }
        record(c.span, Verdict::Kept { evidence });
        if let Some(country) = g.entry(e).country {
            *resolved_weight.entry(country).or_default() += 1;
            if !order.contains(&country) {
                order.push(country);
            }
            if c.ctx.cue || c.ctx.region {
                focus.located.insert((c.sentence, country));
                *focus.located_count.entry(country).or_default() += 1;
            }
        }
        let mut place = place_of(g, e);
        if let Some(p) = g.physical(e).filter(|p| shared_land(p)) {
            // "the Galwan Valley", "Lake Kivu": told in the country the context names.
            place.country = focus.pick(c.sentence, &p.countries);
        }
        let mut span = c.span;
        if place.precision == Precision::Admin1 || place.precision == Precision::Admin2 {
            span.end = c.ctx.suffix_end.unwrap_or(span.end);
        }
        // "northern Israel" is a part of Israel; "the southern Puno region" is the Puno region,
        // which lies in the south.
        if let Some(d) = c.ctx.direction_start.filter(|_| c.ctx.suffix_end.is_none()) {
            span.start = d;
        }
        // "Rafah crossing": a place at the point of the one it is named after. Not a country's:
        // "the US embassy" or "a Russian base" lies elsewhere than its capital, and the country
        // only says whose it is (the facility, if its town is known, comes later).
        if let Some((end, kind)) = c.ctx.feature {
            if place.precision != Precision::Country {
                span.end = end;
                place.name = span.of(text).to_string();
                place.geonameid = None;
                place.kind = Some(kind.to_string());
            } else if matches!(kind, "facility" | "base" | "airport") {
                resolved[k] = Some(place);
                continue;
            }
        }
        resolved[k] = Some(place.clone());
        out.push(PlaceMention {
            span,
            sentence: c.sentence,
            place,
        });
    }
    let shared = shared_names(doc, g, &cands, &resolved);
    out.extend(shared);

    // An article of ambiguous names only ("Dhaka", "Manila") has its focus from what was resolved.
    if focus.top.is_none() {
        focus.weight = resolved_weight;
        focus.finish(&order);
    }

    // Names the gazetteer lacks, around the places it knows.
    let mut unknown: Vec<Unknown> = Vec::new();
    for ((si, sentence), known) in doc
        .sentences
        .iter()
        .enumerate()
        .zip(known_by_sentence(doc, &cands, &resolved))
    {
        let ws = words(doc, sentence.span);
        unknown.extend(unknown_names(
            doc,
            si,
            &ws,
            &known,
            &located_elsewhere,
            cues,
            stop,
        ));
    }
    place_unknowns(text, unknown, &resolved, &focus, &order, &mut out);
    add_facilities(doc, &cands, &resolved, &mut out);
    out.sort_by_key(|p| p.span.start);
    out
}

/// The resolved candidates of each sentence, in sentence order (`cands` are sorted by sentence).
fn known_by_sentence<'a>(
    doc: &Doc,
    cands: &'a [Candidate],
    resolved: &'a [Option<Place>],
) -> Vec<Vec<Known<'a>>> {
    let mut k0 = 0;
    (0..doc.sentences.len())
        .map(|si| {
            let k1 = k0 + cands[k0..].iter().take_while(|c| c.sentence == si).count();
            let known = (k0..k1)
                .filter_map(|k| resolved[k].as_ref().map(|p| (k, &cands[k], p)))
                .collect();
            k0 = k1;
            known
        })
        .collect()
}

/// Facilities named by a common noun ("the presidential palace", "Beirut's international
/// airport"), at the town the text or the story gives them. A country that became part of one's
/// mention ("US" in "the US embassy") is no place of its own there; a town stays one ("Beirut"
/// in "Beirut's international airport").
fn add_facilities(
    doc: &Doc,
    cands: &[Candidate],
    resolved: &[Option<Place>],
    out: &mut Vec<PlaceMention>,
) {
    let text = doc.text();
    let cues = Cues::bundled();
    let story = story_town(text, out, None).cloned();
    let mut added = Vec::new();
    for ((si, sentence), known) in doc
        .sentences
        .iter()
        .enumerate()
        .zip(known_by_sentence(doc, cands, resolved))
    {
        let ws = words(doc, sentence.span);
        // A seat of government replaces what its words were read as ("White House" is also a
        // town in Tennessee).
        let seated = seats_in(doc, si, &ws);
        out.retain(|m| {
            !seated
                .iter()
                .any(|s| s.span.start < m.span.end && m.span.start < s.span.end)
        });
        added.extend(seated);
        let taken: Vec<Span> = out.iter().chain(&added).map(|m| m.span).collect();
        added.extend(facilities(
            doc,
            si,
            &ws,
            &known,
            &taken,
            story.as_ref(),
            cues,
        ));
    }
    out.retain(|m| {
        m.place.precision != Precision::Country
            || !added
                .iter()
                .any(|f| f.span.start <= m.span.start && m.span.end < f.span.end)
    });
    out.extend(added);
}

/// A lake or land region shared by two or three countries ("the Galwan Valley", "Kashmir", "Lake
/// Kivu"): spoken of as a part of one of them, which the context names. Water (seas, straits) lies
/// in no country, and a region of many countries ("the Sahel") is a region of its own.
fn shared_land(p: &Physical) -> bool {
    !matches!(
        p.kind,
        "ocean" | "sea" | "gulf" | "bay" | "strait" | "channel" | "canal"
    ) && (2..=3).contains(&p.countries.len())
}

/// "North and South Kivu", "Upper and Lower Egypt": the first word names a place of its own with
/// the rest of the second name, of the same kind and country (the word is its mention).
fn shared_names(
    doc: &Doc,
    g: &Gazetteer,
    cands: &[Candidate],
    resolved: &[Option<Place>],
) -> Vec<PlaceMention> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut hits = Vec::new();
    let mut key = String::new();
    for (c, place) in cands.iter().zip(resolved) {
        let Some(place) = place else { continue };
        if c.first < 2 || c.last == c.first || place.precision == Precision::Country {
            continue;
        }
        let ws = words(doc, doc.sentences[c.sentence].span);
        let (w, and) = (&ws[c.first - 2], &ws[c.first - 1]);
        let joined = matches!(and.span.of(&doc.lower), "and" | "or")
            && and.gap == Gap::Space
            && ws[c.first].gap == Gap::Space
            && w.cap
            && !cands.iter().zip(resolved).any(|(o, r)| {
                r.is_some()
                    && o.sentence == c.sentence
                    && o.first <= c.first - 2
                    && c.first - 2 <= o.last
            });
        if !joined {
            continue;
        }
        let rest = &text[ws[c.first].span.end..c.span.end];
        let name = format!("{}{rest}", w.span.of(text));
        if !g.key_into(&name, &mut key) {
            continue;
        }
        g.lookup_key(&key, &mut hits);
        let same = hits.iter().map(|h| h.entry).find(|&e| {
            let p = place_of(g, e);
            p.precision == place.precision && p.country == place.country
        });
        if let Some(e) = same {
            out.push(PlaceMention {
                span: w.span,
                sentence: c.sentence,
                place: place_of(g, e),
            });
        }
    }
    out
}

/// A small place in a country the article never names, in an article clearly about another: most
/// often a village of the article's country that the gazetteer lacks ("the town of Palma" in a
/// report on Mozambique is not the Spanish city).
fn foreign_outlier(e: &Entry, c: &Candidate, focus: &Focus) -> bool {
    let Some(top) = focus.top else { return false };
    // "the town of X": writers introduce so only places their readers do not know, so even a
    // large town abroad of that name is not meant.
    let small = c.ctx.introduced
        || !e.capital
            && e.population < 100_000
            // Well-known places have many recorded names ("Geneva").
            && e.alternates < 30;
    focus.weight.get(&top).copied().unwrap_or(0) >= 3
        // A country named by nothing but this name: "Solhan" alone does not bring Turkey into an
        // article about Burkina Faso.
        && !e
            .country
            .and_then(|country| focus.names.get(&country))
            .is_some_and(|n| n.iter().any(|k| *k != c.key))
        && matches!(e.kind, Kind::City | Kind::Admin2)
        && small
        && c.ctx.qualifier.is_none()
}

/// The last word of the longest gazetteer name starting at word `i`. A name may end with kind
/// words in lower case when the gazetteer has the whole ("Kabul airport").
#[allow(clippy::too_many_arguments)]
fn longest_match(
    text: &str,
    lower: &str,
    ws: &[Word],
    i: usize,
    g: &Gazetteer,
    cues: &Cues,
    key: &mut String,
    hits: &mut Vec<Hit>,
) -> Option<usize> {
    // A name starts with a capital, or with an Arabic article joined to one ("al-Bab").
    let article_start = !ws[i].cap
        && cues.words.article_starts.contains(ws[i].span.of(lower))
        && ws.get(i + 1).is_some_and(|n| n.cap && n.gap == Gap::Hyphen);
    // "the eastern Mediterranean", "the western Pacific": a direction may open a sea's or a
    // region's name written in lower case.
    let direction_start = !ws[i].cap
        && cues.words.directions.contains(ws[i].span.of(lower))
        && ws.get(i + 1).is_some_and(|n| n.cap && n.gap == Gap::Space);
    if !ws[i].cap && !article_start && !direction_start {
        return None;
    }
    // How far the words can form one name.
    let mut reach = i;
    while reach + 1 < ws.len() && reach + 1 - i < MAX_WORDS {
        let w = ws[reach + 1];
        if !matches!(w.gap, Gap::Space | Gap::Hyphen) {
            break;
        }
        if !w.cap && !cues.words.connectors.contains(w.span.of(lower)) {
            break;
        }
        if w.span.end - ws[i].span.start > 60 {
            break;
        }
        reach += 1;
    }
    // Lower-case kind words after the name ("Kabul international airport"): the ends of the
    // feature cues that follow it, longest first, then the name's own capitalised words.
    let run: Vec<&str> = ws
        .iter()
        .skip(reach + 1)
        .take(cues.features.reach())
        .take_while(|w| w.gap == Gap::Space)
        .map(|w| w.span.of(lower))
        .collect();
    let cue_ends = cues
        .features
        .prefixes(&run)
        .into_iter()
        .map(|(n, _)| reach + n);
    let name_ends = (i..=reach).rev().filter(|&last| ws[last].cap);
    for last in cue_ends.chain(name_ends) {
        let name = &text[ws[i].span.start..ws[last].span.end];
        if !g.key_into(name, key) {
            continue;
        }
        g.lookup_key(key, hits);
        if direction_start {
            hits.retain(|h| g.entry(h.entry).kind == Kind::Physical);
        } else if last > reach {
            // Only a site's or a feature's own name may end in lower case ("the Senkaku
            // islands", "the Taiwan strait").
            hits.retain(|h| matches!(g.entry(h.entry).kind, Kind::Airport | Kind::Physical));
        }
        if !hits.is_empty() {
            return Some(last);
        }
    }
    None
}

/// The context of candidate `k` of one sentence (`cands` are that sentence's candidates).
fn context(
    doc: &Doc,
    ws: &[Word],
    cands: &[Candidate],
    k: usize,
    g: &Gazetteer,
    stop: &Stopwords,
    cues: &Cues,
) -> Context {
    let text = doc.text();
    let c = &cands[k];
    let (i, j) = (c.first, c.last);
    let low = |w: &Word| w.span.of(&doc.lower);
    let mut ctx = Context {
        initial: i == 0 || opens_clause(text, ws[i].span.start),
        person: actor_entry(c.span.of(text), false),
        of_story_town: of_story_town(text, &doc.lower, ws, i, cues),
        longer_name: article_joined_after(&doc.lower, ws, j, cues) || person_from(doc, c.span),
        ..Context::default()
    };
    if i > 0
        && matches!(ws[i].gap, Gap::Space | Gap::Hyphen)
        && cues.words.directions.contains(low(&ws[i - 1]))
    {
        // "northern Israel", "north-east Nigeria": the direction joins the mention; the word
        // before it is the context.
        let d = &ws[i - 1];
        ctx.direction_start = Some(d.span.start);
        ctx.cue = true;
        ctx.initial = false;
    }
    let at = if ctx.direction_start.is_some() {
        i - 1
    } else {
        i
    };
    if at > 0 && ws[at].gap == Gap::Space {
        let p = &ws[at - 1];
        let pl = low(p);
        if cues.words.prepositions.contains(pl) {
            ctx.cue = true;
        } else if pl == "of" && at > 1 && ws[at - 1].gap == Gap::Space {
            let head = low(&ws[at - 2]);
            if cues.words.of_heads.contains(head) {
                ctx.cue = true;
                ctx.region |= cues.words.region_words.contains(head);
                ctx.town |= cues.words.town_words.contains(head);
                ctx.introduced |= cues.words.town_words.contains(head);
                // "the Israeli village of X": the adjective names X's country.
                if let Some(iso3) = (at > 2)
                    .then(|| cues.demonyms.get(low(&ws[at - 3])))
                    .flatten()
                {
                    ctx.qualifier = Some(*iso3);
                }
            }
        } else if pl == "and" || pl == "or" {
            ctx.list_with_previous = k > 0 && cands[k - 1].last + 2 == at;
        } else if pl == "the" {
            ctx.article_before = true;
        } else if cues.words.titles.contains(pl) {
            ctx.title_before = true;
        } else if p.cap && !stop.contains(pl) && ctx.direction_start.is_none() {
            // A capitalised word before is a name's first part, unless it is capitalised only
            // because it opens the sentence.
            ctx.name_before = !(at == 1 || opens_clause(text, p.span.start));
        }
    }
    if i > 0 && ws[i].gap == Gap::Comma && k > 0 && cands[k - 1].last + 1 == i {
        ctx.list_with_previous = true;
    }
    if k > 0
        && cands[k - 1].last + 1 == i
        && matches!(
            text.get(ws[i - 1].span.end..ws[i].span.start),
            Some("'s " | "’s ")
        )
    {
        ctx.owner_country = cands[k - 1]
            .hits
            .iter()
            .map(|h| g.entry(h.entry))
            .max_by_key(|e| (e.kind == Kind::Country, e.population))
            .and_then(|e| e.country);
        if let Some(oc) = ctx.owner_country {
            if c.hits.iter().any(|h| g.entry(h.entry).country == Some(oc)) {
                ctx.qualifier = Some(oc);
            }
        }
    }
    if let Some(q) = ws.get(j + 1) {
        let ql = low(q);
        match q.gap {
            Gap::Space if cues.words.region_words.contains(ql) => {
                ctx.region = true;
                ctx.suffix_end = Some(q.span.end);
            }
            Gap::Space if cues.words.region_plurals.contains(ql) => {
                ctx.region = true;
            }
            Gap::Space if ql == "and" => {
                // "Idlib and Hama provinces"
                for w in ws.iter().skip(j + 2).take(4) {
                    if w.gap != Gap::Space {
                        break;
                    }
                    if cues.words.region_plurals.contains(low(w)) {
                        ctx.region = true;
                        break;
                    }
                    if !w.cap {
                        break;
                    }
                }
            }
            Gap::Hyphen if ql == "based" => ctx.cue = true,
            // "Franco-German", "Turkish-Syrian": a compound adjective, not a place.
            Gap::Hyphen if q.cap => ctx.name_after = true,
            Gap::Space if q.cap && cues.words.feature_names.contains_key(ql) => {
                ctx.part_of_feature = true
            }
            Gap::Space if q.cap && cues.words.institutions.contains(ql) => {
                ctx.institution_after = true
            }
            // "Iskenderun Sancak", "Kirkuk Governorate": a division named after its town.
            Gap::Space if q.cap && cues.words.divisions.contains(ql) => ctx.cue = true,
            Gap::Space if q.cap && !stop.contains(ql) => ctx.name_after = true,
            Gap::Space if !q.cap => {
                if let Some((end, kind)) = feature_after(&doc.lower, ws, j, cues) {
                    ctx.cue = true;
                    if kind == "division" {
                        ctx.region = true;
                        ctx.suffix_end = Some(end);
                    } else if cues.words.town_words.contains(kind) || kind == "village" {
                        ctx.town = true;
                    } else {
                        ctx.feature = Some((end, kind));
                    }
                }
            }
            Gap::Comma => {
                // "Tripoli, Lebanon" / "Atlanta, Georgia": the next candidate, right there, names
                // the country or region of one of this name's entries.
                let ends_there = |n: &Candidate| {
                    ws.get(n.last + 1)
                        .is_none_or(|w| !(w.cap && w.gap == Gap::Space))
                };
                if let Some(n) = cands
                    .get(k + 1)
                    .filter(|n| n.first == j + 1 && ends_there(n))
                {
                    if let Some((iso3, code)) = qualifier(g, c, n) {
                        ctx.qualifier = Some(iso3);
                        ctx.qualifier_admin1 = code;
                        ctx.cue = true;
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(n) = region_after_in(&doc.lower, ws, cands, k, cues) {
        if let Some((iso3, code)) = qualifier(g, c, n) {
            ctx.qualifier = Some(iso3);
            ctx.qualifier_admin1 = code;
            ctx.cue = true;
        }
        let from = i > 0 && low(&ws[i - 1]) == "from";
        if !from {
            ctx.within = within_countries(g, n);
        }
    }
    let last_word = c.key.rsplit(' ').next().unwrap_or("");
    let water = |w: &str| matches!(cues.words.feature_names.get(w), Some(&"sea" | &"water"));
    if ctx.article_before && i < j && water(last_word) {
        ctx.part_of_feature = true;
    }
    // "Atlanta, Georgia": this candidate is the region of the place before it.
    if i > 0 && ws[i].gap == Gap::Comma && k > 0 && cands[k - 1].last + 1 == i {
        if let Some((iso3, Some(code))) = qualifier(g, &cands[k - 1], c) {
            ctx.region_of_previous = Some((iso3, code));
        }
    }
    ctx
}

/// "Bab al-Hawa": the word after word `j` is an Arabic article joined by a hyphen to a
/// capitalised word, so the name goes on.
fn article_joined_after(lower: &str, ws: &[Word], j: usize, cues: &Cues) -> bool {
    let (Some(a), Some(n)) = (ws.get(j + 1), ws.get(j + 2)) else {
        return false;
    };
    a.gap == Gap::Space
        && !a.cap
        && cues.words.article_starts.contains(a.span.of(lower))
        && n.gap == Gap::Hyphen
        && n.cap
}

/// The recogniser found a person whose name starts with `span` and goes on past it ("Chad
/// Johnson"): the word is a first name here.
fn person_from(doc: &Doc, span: Span) -> bool {
    let Some(syntax) = doc.syntax.as_ref() else {
        return false;
    };
    let first = syntax.entities.partition_point(|e| e.start < span.start);
    syntax.entities[first..]
        .iter()
        .take_while(|e| e.start == span.start)
        .any(|e| e.label == "PERSON" && e.end > span.end)
}

/// "X in (the) (southern) Y": the candidate Y right after candidate `k` and "in".
fn region_after_in<'a>(
    lower: &str,
    ws: &[Word],
    cands: &'a [Candidate],
    k: usize,
    cues: &Cues,
) -> Option<&'a Candidate> {
    let j = cands[k].last;
    let word = |n: usize| ws.get(n).filter(|w| w.gap == Gap::Space && !w.cap);
    let mut at = j + 1;
    if word(at)?.span.of(lower) != "in" {
        return None;
    }
    at += 1;
    if word(at).is_some_and(|w| w.span.of(lower) == "the") {
        at += 1;
    }
    if word(at).is_some_and(|w| cues.words.directions.contains(w.span.of(lower))) {
        at += 1;
    }
    cands.get(k + 1).filter(|n| n.first == at)
}

/// The countries a candidate naming a country, region or town may lie in.
fn within_countries(g: &Gazetteer, n: &Candidate) -> Vec<Country> {
    let mut out: Vec<Country> = Vec::new();
    for h in &n.hits {
        let e = g.entry(h.entry);
        let area = matches!(
            e.kind,
            Kind::Country | Kind::Admin1 | Kind::Admin2 | Kind::City
        );
        if let Some(country) = e.country.filter(|c| area && !out.contains(c)) {
            out.push(country);
        }
    }
    out
}

/// "Palma in Cabo Delgado": a town or division of the name that lies outside every country the
/// place named after "in" may be in. A capital keeps its name ("talks between Moscow and Kyiv in
/// Turkey" is no Turkish Kyiv), and so does a country.
fn outside_named_region(e: &Entry, ctx: &Context) -> bool {
    !ctx.within.is_empty()
        && matches!(e.kind, Kind::City | Kind::Admin2 | Kind::Admin1)
        && !e.capital
        && !e.country.is_some_and(|c| ctx.within.contains(&c))
}

/// The longest kind-of-place cue in lower case right after word `j` ("crossing", "air base"):
/// its end and its kind.
pub(super) fn feature_after(
    lower: &str,
    ws: &[Word],
    j: usize,
    cues: &Cues,
) -> Option<(usize, &'static str)> {
    // The lower-case words that follow as one run of text.
    let run: Vec<&str> = ws
        .iter()
        .skip(j + 1)
        .take(cues.features.reach())
        .take_while(|w| w.gap == Gap::Space && !w.cap)
        .map(|w| w.span.of(lower))
        .collect();
    let (n, kind) = cues.features.longest(&run)?;
    Some((ws[j + n].span.end, *kind))
}

/// The country (and region) that candidate `n` names for one of `c`'s entries: a country first,
/// else a region holding one of `c`'s places.
fn qualifier(
    g: &Gazetteer,
    c: &Candidate,
    n: &Candidate,
) -> Option<(Country, Option<&'static str>)> {
    let places: Vec<&Entry> = c.hits.iter().map(|h| g.entry(h.entry)).collect();
    let named: Vec<&Entry> = n.hits.iter().map(|h| g.entry(h.entry)).collect();
    if let Some(country) = named
        .iter()
        .find(|e| e.kind == Kind::Country && places.iter().any(|p| p.country == e.country))
        .and_then(|e| e.country)
    {
        return Some((country, None));
    }
    named
        .iter()
        .find(|e| {
            e.kind == Kind::Admin1
                && places
                    .iter()
                    .any(|p| p.kind == Kind::City && p.country == e.country && p.admin1 == e.admin1)
        })
        .and_then(|e| Some((e.country?, Some(e.admin1))))
}

/// True when the text before `at` ends a sentence or opens a quote or bracket.
pub(super) fn opens_clause(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty()
        || before.ends_with([
            '.', ':', ';', '!', '?', '"', '“', '(', '[', '\'', '‘', '—', '–',
        ])
}

/// The best entry for a candidate and its evidence, or `None` when it is not reported.
fn judge(c: &Candidate, g: &Gazetteer, focus: &Focus, stop: &Stopwords) -> Option<(u32, f32)> {
    let ctx = &c.ctx;
    let words = c.key.split(' ').count();
    // A common word needs a cue before it or a country after it ("in Nice", "Nice, France");
    // "X province" is not enough ("Gulf state", "Islamic State").
    let abbreviation = c.upper
        && c.hits
            .iter()
            .any(|h| g.entry(h.entry).kind == Kind::Country);
    if stop.0.never_places.contains(c.key.as_str()) && !abbreviation {
        return None;
    }
    // A country's adjective ("Malian soldiers", "Thai police") is no town of that spelling.
    let is_country = |h: &Hit| g.entry(h.entry).kind == Kind::Country;
    if Cues::bundled().demonyms.contains_key(c.key.as_str()) && !c.hits.iter().any(is_country) {
        return None;
    }
    // "the South China Sea" read as "South China": only a feature of the whole name may stand.
    let feature_only = ctx.part_of_feature;
    let common = stop.0.common_names.contains(c.key.as_str()) && !abbreviation;
    // A person's name that is also a town's ("Hasina said"); a country or region stays a place.
    let person = ctx.person
        && !c
            .hits
            .iter()
            .any(|h| matches!(g.entry(h.entry).kind, Kind::Country | Kind::Admin1));
    if (common || person) && !ctx.cue {
        return None;
    }
    let mut best: Option<(u32, f32, Hit)> = None;
    for h in &c.hits {
        let e = g.entry(h.entry);
        if feature_only && e.kind != Kind::Physical {
            continue;
        }
        // Short alternate names are noise ("Sam" for Damascus), save country abbreviations.
        if h.alternate && c.key.len() <= 3 && !(c.upper && e.kind == Kind::Country) {
            continue;
        }
        if c.key.len() <= 2 && e.kind != Kind::Country {
            continue;
        }
        let s = rank(g, e, h, c, focus);
        if best.is_none_or(|(_, bs, _)| s > bs) {
            best = Some((h.entry, s, *h));
        }
    }
    if ctx.longer_name {
        return None;
    }
    let (entry, score, _) = best?;
    let mut ev = score;
    if ctx.cue || ctx.region {
        ev += 2.5;
    }
    if common {
        ev -= 2.0;
    }
    if words > 1 {
        ev += 1.5;
    }
    if ctx.title_before {
        ev -= 4.0;
    }
    if ctx.name_before {
        ev -= 2.5;
    }
    // "Warren Christopher", "Paris Hilton": a capitalised word after a town that does not
    // continue the name is most often a surname.
    if ctx.name_after {
        ev -= if g.entry(entry).kind == Kind::Country {
            1.5
        } else {
            3.5
        };
    }
    if ctx.institution_after {
        ev -= 4.0;
    }
    if ctx.article_before && words == 1 && g.entry(entry).kind == Kind::City {
        ev -= 1.5;
    }
    if ctx.initial && words == 1 && !ctx.cue {
        ev -= 1.0;
    }
    (ev >= THRESHOLD).then_some((entry, ev))
}

/// How well entry `e` fits the candidate: population, kind, context and focus.
fn rank(g: &Gazetteer, e: &Entry, h: &Hit, c: &Candidate, focus: &Focus) -> f32 {
    let ctx = &c.ctx;
    // GeoNames keeps division seats in its city tables even without a population figure.
    let pop = match (e.kind, e.population) {
        (Kind::Airport, _) => 100_000,
        // Seas, straits and regions are named for themselves, not after a town: they rank as a
        // large place, below a capital or a world city of the same name.
        (Kind::Physical, _) => 1_000_000,
        (_, 0) => 30_000,
        (_, p) => p.max(1000),
    };
    // Population, and fame: well-known places have many recorded names ("Geneva" the Swiss city,
    // not the town in Illinois). Fame counts only when the name is the place's own.
    let log_pop = (pop as f32).log10();
    let mut s = log_pop;
    if !h.alternate {
        s += (0.4 * (1.0 + f32::from(e.alternates)).log2()).min(3.0);
    }
    match e.kind {
        Kind::Country | Kind::Continent => s += 3.0,
        // "X province" wants the region, less so when X is only one of its borrowed names.
        Kind::Admin1 if ctx.region => s += if h.alternate { 2.0 } else { 4.0 },
        // "Idlib" alone is the city, not the province named after it.
        Kind::Admin1 if has_city_in(c, g, e) => s -= 4.0,
        Kind::Admin1 => s -= 0.5,
        // A district is named mostly as one ("Chikun local government area", "Yagha province").
        Kind::Admin2 if ctx.region => s += 2.0,
        Kind::Admin2 if has_city_in(c, g, e) => s -= 3.0,
        Kind::Admin2 => s -= 1.5,
        Kind::City => {
            if ctx.region {
                s -= 3.0;
            }
            if ctx.town {
                s += 1.0;
            }
            if e.capital {
                s += 1.0;
            }
        }
        Kind::Airport => {}
        Kind::Physical if ctx.region => s -= 2.0,
        Kind::Physical => s += 1.0,
    }
    // An alternate name shared with other places is weak evidence; one that names a single place
    // in the world is not ("Stepanakert").
    if h.alternate && (c.hits.len() > 1 || c.key.len() < 6) {
        s -= if c.key.contains(' ') { 0.5 } else { 1.0 };
    }
    if h.loose {
        s -= 1.0;
    }
    match ctx.qualifier {
        Some(q) if Some(q) == e.country => {
            s += 5.0;
            if ctx.qualifier_admin1.is_some_and(|a| a == e.admin1) {
                s += 2.0;
            }
        }
        Some(_) => s -= 5.0,
        None => {}
    }
    if let Some((iso3, code)) = ctx.region_of_previous {
        if e.kind == Kind::Admin1 && e.country == Some(iso3) && e.admin1 == code {
            s += 8.0;
        }
    }
    // The article's countries favour their places, the more so the larger the place: a village
    // in the focus country should not beat a world city of the same name.
    let mut bonus = 0.0;
    let touches = g.touches(h.entry);
    if focus.top.is_some_and(|t| touches.contains(&t)) {
        bonus += 2.0;
    } else if touches.iter().any(|t| focus.weight.contains_key(t)) {
        bonus += 1.0;
    }
    let in_sentence = touches
        .iter()
        .any(|t| focus.in_sentence.contains(&(c.sentence, *t)));
    if in_sentence && e.kind != Kind::Country {
        bonus += 1.0;
    }
    s += bonus * ((log_pop - 3.5) / 2.0).clamp(0.3, 1.0);
    s
}

/// A town of the same name lies in region `e` ("Idlib" the town, in Idlib province): the bare
/// name is the town's. A town elsewhere in the country ("Florida", New York) says nothing.
fn has_city_in(c: &Candidate, g: &Gazetteer, e: &Entry) -> bool {
    c.hits.iter().any(|h| {
        let t = g.entry(h.entry);
        t.kind == Kind::City && t.country == e.country && t.admin1 == e.admin1
    })
}

/// A facility the gazetteer lacks, told at the point of its town.
fn is_building_at_town(p: &Place) -> bool {
    p.geonameid.is_none()
        && p.precision == Precision::City
        && matches!(p.kind.as_deref(), Some("facility" | "airport" | "base"))
}

/// The output form of gazetteer entry `id`.
pub fn place_of(g: &Gazetteer, id: u32) -> Place {
    let e = g.entry(id);
    let (precision, kind) = match e.kind {
        Kind::Country => (Precision::Country, None),
        Kind::Admin1 => (Precision::Admin1, None),
        Kind::Admin2 => (Precision::Admin2, None),
        Kind::City => (Precision::City, None),
        Kind::Airport => (Precision::Site, Some("airport")),
        Kind::Continent => (Precision::Region, Some("continent")),
        Kind::Physical => (Precision::Region, g.physical(id).map(|p| p.kind)),
    };
    let admin1 = match e.kind {
        Kind::Country | Kind::Continent | Kind::Physical => None,
        Kind::Admin1 => Some(e.name.to_string()),
        _ => e
            .country
            .and_then(|c| g.admin1(c, e.admin1))
            .map(|a| a.name.to_string()),
    };
    Place {
        name: e.name.to_string(),
        country: e.country,
        admin1,
        lat: Some(round4(e.lat)),
        lon: Some(round4(e.lon)),
        geonameid: e.geonameid,
        precision,
        kind: kind.map(str::to_string),
    }
}

fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

/// The best gazetteer place for a name, optionally preferring a country. For other stages
/// ("the event happened in X").
pub fn lookup_best(name: &str, country_hint: Option<Country>) -> Option<Place> {
    let g = Gazetteer::bundled();
    let key = g.key(name)?;
    let hits = g.lookup(name);
    let c = Candidate {
        sentence: 0,
        first: 0,
        last: 0,
        span: Span::default(),
        key,
        upper: false,
        hits,
        ctx: Context::default(),
    };
    let mut best: Option<(u32, f32)> = None;
    for h in &c.hits {
        let e = g.entry(h.entry);
        let mut s = rank(g, e, h, &c, &Focus::default());
        if country_hint.is_some() && country_hint == e.country {
            s += 5.0;
        }
        if best.is_none_or(|(_, bs)| s > bs) {
            best = Some((h.entry, s));
        }
    }
    best.map(|(id, _)| place_of(g, id))
}

/// The article's main country: the one its place mentions name most (a country named counts
/// twice), ties going to the first named. A building told at its town's point ("the airport",
/// "the Palm Hotel in X") is the town named again, or not even named: it does not count.
/// A place of no country (a sea) counts too: when it is named most, there is no main country.
pub fn focus_country(doc: &Doc) -> Option<Country> {
    let mut weight: HashMap<Option<Country>, u32> = HashMap::new();
    let mut order: Vec<Option<Country>> = Vec::new();
    for p in doc.places.iter().filter(|p| !is_building_at_town(&p.place)) {
        let c = p.place.country;
        *weight.entry(c).or_default() += if p.place.precision == Precision::Country {
            2
        } else {
            1
        };
        if !order.contains(&c) {
            order.push(c);
        }
    }
    let mut best: Option<(Option<Country>, u32)> = None;
    for c in order {
        let w = weight[&c];
        if best.is_none_or(|(_, bw)| w > bw) {
            best = Some((c, w));
        }
    }
    best.and_then(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segment;
    use crate::{Article, Pipeline};

    fn places(text: &str) -> Vec<(String, String, Precision)> {
        let doc = Pipeline::new(vec![
            Box::new(Segment),
            Box::new(crate::syntax::Syntax::bundled()),
            Box::new(Places),
        ])
        .expect("places come after sentences and syntax")
        .run(Article {
            text: text.to_string(),
            ..Article::default()
        });
        doc.places
            .iter()
            .map(|p| {
                (
                    doc.slice(p.span).to_string(),
                    p.place.country.map(|c| c.to_string()).unwrap_or_default(),
                    p.place.precision,
                )
            })
            .collect()
    }

    #[test]
    fn city_and_region() {
        let p = places("Shelling hit Idlib on Monday.\nFighting spread across Idlib province.");
        assert_eq!(p[0], ("Idlib".into(), "SYR".into(), Precision::City));
        assert_eq!(
            p[1],
            ("Idlib province".into(), "SYR".into(), Precision::Admin1)
        );
    }

    #[test]
    fn common_words_need_a_cue() {
        assert!(places("Police said the Mobile phones were Nice.").is_empty());
        assert_eq!(places("He lives in Nice, France.")[0].1, "FRA");
    }

    #[test]
    fn person_names_are_not_places() {
        let p = places("Turkish presidential spokesman Ibrahim Kalin spoke.");
        assert!(p.iter().all(|x| x.0 != "Kalin"), "{p:?}");
    }

    #[test]
    fn odd_text_does_not_panic() {
        for t in [
            "",
            "\u{301}Idlib\u{301} 🚀 İ̇ ß",
            "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z",
            "in in in in",
            "Idlib,",
            "-Idlib- 'Idlib' “Idlib”",
        ] {
            places(t);
        }
    }

    #[test]
    fn lookup_best_uses_hint() {
        let c = Country::of;
        let country = |hint| lookup_best("Tripoli", hint).unwrap().country;
        assert_eq!(country(Some(c("LBN"))), Some(c("LBN")));
        assert_eq!(country(None), Some(c("LBY")));
        assert!(lookup_best("Xqzzv", None).is_none());
    }

    #[test]
    fn focus_is_the_most_named_country() {
        let doc = Pipeline::new(vec![
            Box::new(Segment),
            Box::new(crate::syntax::Syntax::bundled()),
            Box::new(Places),
        ])
        .expect("places come after sentences and syntax")
        .run(Article {
            text: "Syria and Turkey met. Damascus said Syria would not.".into(),
            ..Article::default()
        });
        assert_eq!(focus_country(&doc), Some(Country::of("SYR")));
    }

    #[test]
    fn each_name_is_traced_with_its_verdict() {
        let mut doc = Doc::new(Article {
            text: "Troops entered Mosul on Monday. Hope was fading in the camps.".to_string(),
            ..Article::default()
        });
        Segment.run(&mut doc);
        crate::syntax::Syntax::bundled().run(&mut doc);
        let mut trace = PlaceTrace::default();
        let found = find_places(&doc, Gazetteer::bundled(), Some(&mut trace));
        let verdicts: Vec<(&str, Verdict)> = trace
            .decisions
            .iter()
            .map(|(span, v)| (doc.slice(*span), *v))
            .collect();
        assert_eq!(verdicts.len(), 2, "{verdicts:?}");
        assert_eq!(verdicts[0].0, "Mosul");
        assert!(
            matches!(verdicts[0].1, Verdict::Kept { evidence } if evidence >= THRESHOLD),
            "{verdicts:?}"
        );
        assert_eq!(verdicts[1], ("Hope", Verdict::Weak));
        assert_eq!(found.len(), 1);
    }
}
