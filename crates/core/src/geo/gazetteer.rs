//! The gazetteer: countries, first-level regions and populated places from GeoNames, looked up by
//! name key.
//!
//! The tables are embedded in the binary (`data/gazetteer/*.tsv`, made by
//! `scripts/build_gazetteer.py`) and parsed once, lazily. Strings are slices of the embedded text, so
//! the only allocations are the entry and index vectors. The index is a vector of
//! (key hash, entry) pairs sorted by hash: a look-up is a binary search, and building it is a sort —
//! much cheaper at start-up than a hash map of half a million `String`s.

use super::normalize::{loose_key, Fold};
use std::collections::HashMap;
use std::sync::OnceLock;

const FOLD: &str = include_str!("../../../../data/gazetteer/fold.tsv");
const COUNTRIES: &str = include_str!("../../../../data/gazetteer/countries.tsv");
const ADMIN1: &str = include_str!("../../../../data/gazetteer/admin1.tsv");
const CITIES: &str = include_str!("../../../../data/gazetteer/cities.tsv");
const FEATURES: &str = include_str!("../../../../data/gazetteer/features.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Country,
    Admin1,
    /// A second-level division (district, county, local government area).
    Admin2,
    City,
    /// An airport or military airfield.
    Airport,
    Continent,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "admin2" => Kind::Admin2,
            "airport" => Kind::Airport,
            "continent" => Kind::Continent,
            _ => return None,
        })
    }
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub kind: Kind,
    pub name: &'static str,
    /// ISO 3166-1 alpha-3.
    pub country: &'static str,
    /// GeoNames admin-1 code within the country ("12"); empty for countries.
    pub admin1: &'static str,
    pub lat: f32,
    pub lon: f32,
    /// For a region, the summed population of its places.
    pub population: u32,
    pub geonameid: Option<u32>,
    /// The entry is its country's capital.
    pub capital: bool,
    /// How many alternate names GeoNames records: a rough measure of how well known it is.
    pub alternates: u16,
}

/// How a name matched an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub entry: u32,
    /// Matched one of the entry's alternate names, not its own name.
    pub alternate: bool,
    /// Matched only through the loose key (see [`loose_key`]).
    pub loose: bool,
}

const ALT: u8 = 1;
const LOOSE: u8 = 2;

/// One index row packed for a fast sort: key hash (high 64 bits), entry (next 30), flags (low 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct IndexRow(u128);

impl IndexRow {
    fn new(hash: u64, entry: u32, flags: u8) -> IndexRow {
        IndexRow((u128::from(hash) << 64) | (u128::from(entry) << 2) | u128::from(flags & 3))
    }
    fn hash(self) -> u64 {
        (self.0 >> 64) as u64
    }
    fn entry(self) -> u32 {
        ((self.0 as u64) >> 2) as u32
    }
    fn flags(self) -> u8 {
        (self.0 & 3) as u8
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{table} line {line}: {problem}")]
    BadLine {
        table: &'static str,
        line: usize,
        problem: &'static str,
    },
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    fold: Fold,
    entries: Vec<Entry>,
    index: Vec<IndexRow>,
    countries: HashMap<&'static str, u32>,
    admin1: HashMap<(&'static str, &'static str), u32>,
}

static BUNDLED: OnceLock<Gazetteer> = OnceLock::new();

impl Gazetteer {
    /// The gazetteer built from the embedded tables, parsed on first use.
    pub fn bundled() -> &'static Gazetteer {
        BUNDLED.get_or_init(|| {
            // The embedded tables are tested; an empty gazetteer beats a panic if they were broken.
            Gazetteer::from_tables(FOLD, COUNTRIES, ADMIN1, CITIES, FEATURES).unwrap_or_default()
        })
    }

    /// Build from the five TSV tables (see `data/gazetteer/README.md`).
    pub fn from_tables(
        fold: &'static str,
        countries: &'static str,
        admin1: &'static str,
        cities: &'static str,
        features: &'static str,
    ) -> Result<Gazetteer, GazetteerError> {
        let mut g = Gazetteer {
            fold: Fold::parse(fold),
            ..Gazetteer::default()
        };
        g.entries.reserve(cities.len() / 70);
        g.index.reserve(cities.len() / 20);
        let mut key = String::new();
        let mut capitals: Vec<(&'static str, &'static str)> = Vec::new();

        for (line, cols) in rows(countries) {
            let bad = |problem| GazetteerError::BadLine {
                table: "countries",
                line,
                problem,
            };
            let [_iso2, iso3, name, alts, capital, pop, lat, lon, id] =
                take::<9>(&cols).ok_or_else(|| bad("expected 9 columns"))?;
            let id = g.push(Entry {
                kind: Kind::Country,
                name,
                country: iso3,
                admin1: "",
                lat: lat.parse().map_err(|_| bad("bad lat"))?,
                lon: lon.parse().map_err(|_| bad("bad lon"))?,
                population: pop.parse().map_err(|_| bad("bad population"))?,
                geonameid: id.parse().ok(),
                capital: false,
                alternates: count(alts),
            });
            g.countries.insert(iso3, id);
            capitals.push((iso3, capital));
            g.index_names(id, name, alts, &mut key);
        }

        for (line, cols) in rows(admin1) {
            let bad = |problem| GazetteerError::BadLine {
                table: "admin1",
                line,
                problem,
            };
            let [iso3, code, name, alts, lat, lon, pop] =
                take::<7>(&cols).ok_or_else(|| bad("expected 7 columns"))?;
            let id = g.push(Entry {
                kind: Kind::Admin1,
                name,
                country: iso3,
                admin1: code,
                lat: lat.parse().map_err(|_| bad("bad lat"))?,
                lon: lon.parse().map_err(|_| bad("bad lon"))?,
                population: pop.parse().map_err(|_| bad("bad population"))?,
                geonameid: None,
                capital: false,
                alternates: count(alts),
            });
            g.admin1.insert((iso3, code), id);
            g.index_names(id, name, alts, &mut key);
        }

        for (line, cols) in rows(cities) {
            let bad = |problem| GazetteerError::BadLine {
                table: "cities",
                line,
                problem,
            };
            let [gid, name, ascii, iso3, code, lat, lon, pop, alts] =
                take::<9>(&cols).ok_or_else(|| bad("expected 9 columns"))?;
            let id = g.push(Entry {
                kind: Kind::City,
                name,
                country: iso3,
                admin1: code,
                lat: lat.parse().map_err(|_| bad("bad lat"))?,
                lon: lon.parse().map_err(|_| bad("bad lon"))?,
                population: pop.parse().map_err(|_| bad("bad population"))?,
                geonameid: Some(gid.parse().map_err(|_| bad("bad geonameid"))?),
                capital: false,
                alternates: count(alts),
            });
            g.index_name(id, name, 0, &mut key);
            if ascii != name {
                g.index_name(id, ascii, 0, &mut key);
            }
            for alt in alternates(alts) {
                g.index_name(id, alt, ALT, &mut key);
            }
        }
        for (line, cols) in rows(features) {
            let bad = |problem| GazetteerError::BadLine {
                table: "features",
                line,
                problem,
            };
            let [kind, id, name, alts, iso3, code, lat, lon, pop] =
                take::<9>(&cols).ok_or_else(|| bad("expected 9 columns"))?;
            let id = g.push(Entry {
                kind: Kind::parse(kind).ok_or_else(|| bad("unknown kind"))?,
                name,
                country: iso3,
                admin1: code,
                lat: lat.parse().map_err(|_| bad("bad lat"))?,
                lon: lon.parse().map_err(|_| bad("bad lon"))?,
                population: pop.parse().map_err(|_| bad("bad population"))?,
                geonameid: id.parse().ok(),
                capital: false,
                alternates: count(alts),
            });
            g.index_names(id, name, alts, &mut key);
        }
        g.index.sort_unstable();
        // The same entry under one key twice (name and ascii name, or strict and loose): keep the
        // strongest match, which sorts first.
        g.index.dedup_by_key(|r| (r.hash(), r.entry()));

        // Capitals: the most populous place of the country with the capital's name.
        let mut hits = Vec::new();
        for (iso3, capital) in capitals {
            if g.key_into(capital, &mut key) {
                g.lookup_key(&key, &mut hits);
                let best = hits
                    .iter()
                    .map(|h| h.entry)
                    .filter(|&e| g.entry(e).kind == Kind::City && g.entry(e).country == iso3)
                    .max_by_key(|&e| g.entry(e).population);
                if let Some(e) = best {
                    g.entries[e as usize].capital = true;
                }
            }
        }
        Ok(g)
    }

    fn push(&mut self, e: Entry) -> u32 {
        self.entries.push(e);
        (self.entries.len() - 1) as u32
    }

    fn index_names(&mut self, id: u32, name: &str, alts: &str, key: &mut String) {
        self.index_name(id, name, 0, key);
        for alt in alternates(alts) {
            self.index_name(id, alt, ALT, key);
        }
    }

    fn index_name(&mut self, entry: u32, name: &str, flags: u8, key: &mut String) {
        if !self.fold.key_into(name, key) {
            return;
        }
        self.index.push(IndexRow::new(hash(key), entry, flags));
        if let Some(loose) = loose_key(key) {
            if loose != *key {
                self.index
                    .push(IndexRow::new(hash(&loose), entry, flags | LOOSE));
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of (name key, entry) pairs in the index.
    pub fn index_len(&self) -> usize {
        self.index.len()
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// The key of a name, as the index stores it.
    pub fn key(&self, name: &str) -> Option<String> {
        self.fold.key(name)
    }

    pub fn key_into(&self, name: &str, out: &mut String) -> bool {
        self.fold.key_into(name, out)
    }

    /// Entries whose name or alternate name has this key (exact), then those matching only through
    /// the loose key.
    pub fn lookup_key(&self, key: &str, out: &mut Vec<Hit>) {
        out.clear();
        self.collect(hash(key), false, out);
        if let Some(loose) = loose_key(key) {
            self.collect(hash(&loose), true, out);
        }
    }

    fn collect(&self, h: u64, via_loose: bool, out: &mut Vec<Hit>) {
        let start = self.index.partition_point(|r| r.hash() < h);
        for r in self.index[start..].iter().take_while(|r| r.hash() == h) {
            if out.iter().any(|x| x.entry == r.entry()) {
                continue;
            }
            out.push(Hit {
                entry: r.entry(),
                alternate: r.flags() & ALT != 0,
                loose: via_loose || r.flags() & LOOSE != 0,
            });
        }
    }

    /// Entries for a name as written ("Saraqeb", "Idlib").
    pub fn lookup(&self, name: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        if let Some(k) = self.key(name) {
            self.lookup_key(&k, &mut out);
        }
        out
    }

    pub fn country(&self, iso3: &str) -> Option<&Entry> {
        self.countries.get(iso3).map(|&i| self.entry(i))
    }

    /// The region `code` of country `iso3`.
    pub fn admin1(&self, iso3: &str, code: &str) -> Option<&Entry> {
        self.admin1.get(&(iso3, code)).map(|&i| self.entry(i))
    }
}

/// FNV-1a, 64 bits: fast on short keys; collisions among ~10^6 keys are negligible.
fn hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Data lines of a TSV table with their 1-based line numbers, split into at most 12 columns
/// without allocating. A plain byte loop: the fields are short, so it beats `str::split`.
fn rows(text: &'static str) -> impl Iterator<Item = (usize, Cols)> {
    let mut rest = text;
    let mut line_no = 0;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        line_no += 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        return Some((line_no, split_cols(line)));
    })
}

fn split_cols(line: &'static str) -> Cols {
    let mut cols = Cols {
        cols: [""; 12],
        n: 0,
    };
    let mut start = 0;
    for (i, b) in line.bytes().enumerate() {
        if b == b'\t' && cols.n < 11 {
            cols.cols[cols.n] = &line[start..i];
            cols.n += 1;
            start = i + 1;
        }
    }
    cols.cols[cols.n] = line[start..].trim_end_matches('\r');
    cols.n += 1;
    cols
}

fn count(alts: &str) -> u16 {
    alternates(alts).count().min(usize::from(u16::MAX)) as u16
}

/// The `|`-separated names of an alternate-names column.
fn alternates(col: &str) -> impl Iterator<Item = &str> {
    col.split('|').filter(|a| !a.is_empty())
}

struct Cols {
    cols: [&'static str; 12],
    n: usize,
}

fn take<const N: usize>(cols: &Cols) -> Option<[&'static str; N]> {
    if cols.n < N {
        return None;
    }
    cols.cols[..N].try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn names(g: &Gazetteer, name: &str) -> Vec<(Kind, &'static str, &'static str)> {
        g.lookup(name)
            .iter()
            .map(|h| {
                let e = g.entry(h.entry);
                (e.kind, e.name, e.country)
            })
            .collect()
    }

    #[test]
    fn bundled_tables_parse() {
        let g = Gazetteer::from_tables(FOLD, COUNTRIES, ADMIN1, CITIES, FEATURES).unwrap();
        assert!(g.len() > 160_000, "{}", g.len());
        assert!(g.country("SYR").is_some());
        assert_eq!(g.admin1("SYR", "12").map(|e| e.name), Some("Idlib"));
    }

    #[test]
    fn finds_by_name_and_alternate() {
        let g = Gazetteer::bundled();
        assert!(names(g, "Idlib").contains(&(Kind::City, "Idlib", "SYR")));
        assert!(names(g, "Idlib").contains(&(Kind::Admin1, "Idlib", "SYR")));
        assert!(names(g, "Saraqeb").contains(&(Kind::City, "Saraqib", "SYR")));
        assert!(names(g, "İskenderun").contains(&(Kind::City, "İskenderun", "TUR")));
        assert!(names(g, "iskenderun").contains(&(Kind::City, "İskenderun", "TUR")));
        assert!(names(g, "Syria").contains(&(Kind::Country, "Syria", "SYR")));
        assert!(names(g, "Kiev").contains(&(Kind::City, "Kyiv", "UKR")));
        let loose = g.lookup("Maarat al-Numan");
        assert!(loose
            .iter()
            .any(|h| g.entry(h.entry).geonameid == Some(167611)));
    }

    #[test]
    fn capitals_are_marked() {
        let g = Gazetteer::bundled();
        let hits = g.lookup("Damascus");
        assert!(hits
            .iter()
            .any(|h| g.entry(h.entry).capital && g.entry(h.entry).country == "SYR"));
    }

    #[test]
    fn every_city_name_folds_to_an_indexed_key() {
        // The fold table and the script must agree: every primary name must be reachable.
        let g = Gazetteer::bundled();
        let mut missing = Vec::new();
        for (i, e) in g.entries.iter().enumerate() {
            if !g.lookup(e.name).iter().any(|h| h.entry as usize == i) {
                missing.push(e.name);
            }
        }
        // Names with odd characters ("Van (Texas)") are reached through their ASCII form.
        assert!(missing.len() < 50, "{missing:?}");
    }

    #[test]
    fn bad_line_is_an_error() {
        let err = Gazetteer::from_tables("", "XX\tonly\n", "", "", "").unwrap_err();
        assert!(err.to_string().contains("countries line 1"));
    }

    /// `cargo test --release -p flashpoint_core load_time -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn load_time() {
        let t = Instant::now();
        let g = Gazetteer::from_tables(FOLD, COUNTRIES, ADMIN1, CITIES, FEATURES).unwrap();
        println!(
            "gazetteer: {} entries, {} index rows, built in {:?}",
            g.len(),
            g.index_len(),
            t.elapsed()
        );
    }
}
