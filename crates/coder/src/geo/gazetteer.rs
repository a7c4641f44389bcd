//! The gazetteer: countries, first-level regions and populated places from GeoNames, and the
//! project's table of seas, straits, lakes and geographic regions, looked up by name key.
//!
//! The tables are embedded in the binary (`data/gazetteer/*.tsv`, made by
//! `scripts/build_gazetteer.py`) and parsed once, lazily. Strings are slices of the embedded text, so
//! the only allocations are the entry vector and a few maps. The index is a list of
//! (key hash, entry) pairs sorted by hash: a look-up is a binary search. Computing the keys of
//! 800,000 names takes longer than everything else at start-up, so the sorted index is also
//! embedded, ready-made (`data/gazetteer/index.bin`, written by
//! `cargo run --release -p flashpoint_coder --example gazetteer_index`; a test checks it against
//! the tables), and read in place.

use super::normalize::{loose_key, Fold};
use crate::country::{Country, CountryError, GAZETTEER_COUNTRIES as COUNTRIES};
use std::collections::HashMap;
use std::sync::OnceLock;

const FOLD: &str = include_str!("../../../../data/gazetteer/fold.tsv");
const ADMIN1: &str = include_str!("../../../../data/gazetteer/admin1.tsv");
const CITIES: &str = include_str!("../../../../data/gazetteer/cities.tsv");
const FEATURES: &str = include_str!("../../../../data/gazetteer/features.tsv");
const PHYSICAL: &str = include_str!("../../../../data/gazetteer/physical_features.tsv");
/// The index of the tables above, sorted (see [`Gazetteer::index_bytes`]).
const INDEX: &[u8] = include_bytes!("../../../../data/gazetteer/index.bin");
/// Opens `index.bin`; the version changes with the row layout.
const INDEX_MAGIC: &[u8; 8] = b"FPGZIX02";
/// Bytes per index row: key hash (u64) and entry with flags (u32), little-endian.
const ROW: usize = 12;

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
    /// A sea, strait, lake or geographic region (`physical_features.tsv`): it may touch several
    /// countries, listed by [`Gazetteer::touches`].
    Physical,
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

/// The embedded text of each table (see `data/gazetteer/README.md`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Tables {
    pub fold: &'static str,
    pub countries: &'static str,
    pub admin1: &'static str,
    pub cities: &'static str,
    pub features: &'static str,
    pub physical: &'static str,
}

impl Tables {
    /// The tables embedded in the binary.
    pub fn bundled() -> Tables {
        Tables {
            fold: FOLD,
            countries: COUNTRIES,
            admin1: ADMIN1,
            cities: CITIES,
            features: FEATURES,
            physical: PHYSICAL,
        }
    }
}

/// A physical feature's kind ("sea", "strait", "lake", "region"...) and the countries it touches.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Physical {
    pub kind: &'static str,
    /// The countries, in the table's order; empty for an ocean.
    pub countries: Vec<Country>,
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub kind: Kind,
    pub name: &'static str,
    /// `None` for a place of no country or of several (a continent, a sea).
    pub country: Option<Country>,
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
    #[error("{table} line {line}: {error}")]
    BadCountry {
        table: &'static str,
        line: usize,
        error: CountryError,
    },
}

/// The country in column `code` of line `line` of `table`; empty is none.
fn country_of(
    table: &'static str,
    line: usize,
    code: &str,
) -> Result<Option<Country>, GazetteerError> {
    if code.is_empty() {
        return Ok(None);
    }
    code.parse()
        .map(Some)
        .map_err(|error| GazetteerError::BadCountry { table, line, error })
}

/// The sorted index: built from the tables, or the embedded one read in place.
#[derive(Debug)]
enum Index {
    Built(Vec<IndexRow>),
    Embedded(&'static [u8]),
}

impl Default for Index {
    fn default() -> Index {
        Index::Built(Vec::new())
    }
}

impl Index {
    fn len(&self) -> usize {
        match self {
            Index::Built(v) => v.len(),
            Index::Embedded(b) => b.len() / ROW,
        }
    }

    fn row(&self, i: usize) -> IndexRow {
        match self {
            Index::Built(v) => v[i],
            Index::Embedded(b) => {
                let r = &b[i * ROW..(i + 1) * ROW];
                let mut h = [0u8; 8];
                h.copy_from_slice(&r[..8]);
                let mut e = [0u8; 4];
                e.copy_from_slice(&r[8..]);
                let packed = u32::from_le_bytes(e);
                IndexRow::new(u64::from_le_bytes(h), packed >> 2, (packed & 3) as u8)
            }
        }
    }

    /// First row whose hash is not below `h`.
    fn first_at_or_above(&self, h: u64) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.row(mid).hash() < h {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The embedded index's rows and the number of entries it was made for, after checking its
    /// header.
    fn embedded(bytes: &'static [u8]) -> Option<(Index, usize)> {
        let rest = bytes.strip_prefix(INDEX_MAGIC.as_slice())?;
        let (count, rest) = rest.split_at_checked(8)?;
        let (entries, rows) = rest.split_at_checked(8)?;
        let count = u64::from_le_bytes(count.try_into().ok()?) as usize;
        let entries = u64::from_le_bytes(entries.try_into().ok()?) as usize;
        (rows.len() == count.checked_mul(ROW)?).then_some((Index::Embedded(rows), entries))
    }
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    fold: Fold,
    entries: Vec<Entry>,
    index: Index,
    countries: HashMap<Country, u32>,
    admin1: HashMap<(Country, &'static str), u32>,
    /// Physical features by entry.
    physical: HashMap<u32, Physical>,
}

static BUNDLED: OnceLock<Gazetteer> = OnceLock::new();

/// The index of the embedded tables, computed from their names, in the form of `index.bin` (for
/// the `gazetteer_index` example that writes it).
pub fn bundled_tables_index() -> Result<Vec<u8>, GazetteerError> {
    Gazetteer::from_tables(Tables::bundled()).map(|g| g.index_bytes())
}

impl Gazetteer {
    /// The gazetteer of the embedded tables and index, read on first use.
    pub fn bundled() -> &'static Gazetteer {
        BUNDLED.get_or_init(|| {
            // The embedded tables are tested; an empty gazetteer beats a panic if they were broken.
            Gazetteer::read(Tables::bundled(), Some(INDEX)).unwrap_or_default()
        })
    }

    /// Build from the TSV tables (see `data/gazetteer/README.md`), computing the index.
    pub fn from_tables(tables: Tables) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::read(tables, None)
    }

    /// The index in the form `index.bin` holds: a header, the row count, the number of entries it
    /// points into and the sorted rows.
    pub fn index_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(24 + self.index.len() * ROW);
        out.extend_from_slice(INDEX_MAGIC);
        out.extend_from_slice(&(self.index.len() as u64).to_le_bytes());
        out.extend_from_slice(&(self.entries.len() as u64).to_le_bytes());
        for i in 0..self.index.len() {
            let r = self.index.row(i);
            out.extend_from_slice(&r.hash().to_le_bytes());
            out.extend_from_slice(&((r.entry() << 2) | u32::from(r.flags())).to_le_bytes());
        }
        out
    }

    /// Read the tables; the index is `index` when given and sound, else computed from the names.
    fn read(t: Tables, index: Option<&'static [u8]>) -> Result<Gazetteer, GazetteerError> {
        let Tables {
            fold,
            countries,
            admin1,
            cities,
            features,
            physical,
        } = t;
        let mut g = Gazetteer {
            fold: Fold::parse(fold),
            ..Gazetteer::default()
        };
        // Keys are only computed when no ready index is given.
        let ready = index.and_then(Index::embedded);
        let mut keys = Rows {
            on: ready.is_none(),
            rows: Vec::new(),
        };
        if keys.on {
            keys.rows.reserve(cities.len() / 20);
        }
        g.entries.reserve(cities.len() / 70);
        let mut key = String::new();
        let mut capitals: Vec<(Country, &'static str)> = Vec::new();
        let mut iso3_of: HashMap<&'static str, Country> = HashMap::new();

        for (line, cols) in rows(countries) {
            let bad = |problem| GazetteerError::BadLine {
                table: "countries",
                line,
                problem,
            };
            let [iso2, iso3, name, alts, capital, pop, lat, lon, id] =
                take::<9>(&cols).ok_or_else(|| bad("expected 9 columns"))?;
            let iso3 = country_of("countries", line, iso3)?.ok_or_else(|| bad("no ISO3 code"))?;
            let id = g.push(Entry {
                kind: Kind::Country,
                name,
                country: Some(iso3),
                admin1: "",
                lat: lat.parse().map_err(|_| bad("bad lat"))?,
                lon: lon.parse().map_err(|_| bad("bad lon"))?,
                population: pop.parse().map_err(|_| bad("bad population"))?,
                geonameid: id.parse().ok(),
                capital: false,
                alternates: count(alts),
            });
            g.countries.insert(iso3, id);
            iso3_of.insert(iso2, iso3);
            capitals.push((iso3, capital));
            keys.names(&g.fold, id, name, alts, &mut key);
        }

        for (line, cols) in rows(admin1) {
            let bad = |problem| GazetteerError::BadLine {
                table: "admin1",
                line,
                problem,
            };
            let [iso3, code, name, alts, lat, lon, pop] =
                take::<7>(&cols).ok_or_else(|| bad("expected 7 columns"))?;
            let iso3 = country_of("admin1", line, iso3)?.ok_or_else(|| bad("no ISO3 code"))?;
            let id = g.push(Entry {
                kind: Kind::Admin1,
                name,
                country: Some(iso3),
                admin1: code,
                lat: lat.parse().map_err(|_| bad("bad lat"))?,
                lon: lon.parse().map_err(|_| bad("bad lon"))?,
                population: pop.parse().map_err(|_| bad("bad population"))?,
                geonameid: None,
                capital: false,
                alternates: count(alts),
            });
            g.admin1.insert((iso3, code), id);
            keys.names(&g.fold, id, name, alts, &mut key);
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
                country: country_of("cities", line, iso3)?,
                admin1: code,
                lat: lat.parse().map_err(|_| bad("bad lat"))?,
                lon: lon.parse().map_err(|_| bad("bad lon"))?,
                population: pop.parse().map_err(|_| bad("bad population"))?,
                geonameid: Some(gid.parse().map_err(|_| bad("bad geonameid"))?),
                capital: false,
                alternates: count(alts),
            });
            keys.name(&g.fold, id, name, 0, &mut key);
            if ascii != name {
                keys.name(&g.fold, id, ascii, 0, &mut key);
            }
            for alt in alternates(alts) {
                keys.name(&g.fold, id, alt, ALT, &mut key);
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
                country: country_of("features", line, iso3)?,
                admin1: code,
                lat: lat.parse().map_err(|_| bad("bad lat"))?,
                lon: lon.parse().map_err(|_| bad("bad lon"))?,
                population: pop.parse().map_err(|_| bad("bad population"))?,
                geonameid: id.parse().ok(),
                capital: false,
                alternates: count(alts),
            });
            keys.names(&g.fold, id, name, alts, &mut key);
        }
        g.read_physical(physical, &iso3_of, &mut keys, &mut key)?;
        g.index = match ready {
            // An index made for other tables (another number of entries) is rebuilt.
            Some((index, n)) if n == g.entries.len() => index,
            Some(_) => return Gazetteer::read(t, None),
            None => {
                let mut v = keys.rows;
                v.sort_unstable();
                // The same entry under one key twice (name and ascii name, or strict and loose):
                // keep the strongest match, which sorts first.
                v.dedup_by_key(|r| (r.hash(), r.entry()));
                Index::Built(v)
            }
        };

        // Capitals: the most populous place of the country with the capital's name.
        let mut hits = Vec::new();
        for (iso3, capital) in capitals {
            if g.key_into(capital, &mut key) {
                g.lookup_key(&key, &mut hits);
                let best = hits
                    .iter()
                    .map(|h| h.entry)
                    .filter(|&e| g.entry(e).kind == Kind::City && g.entry(e).country == Some(iso3))
                    .max_by_key(|&e| g.entry(e).population);
                if let Some(e) = best {
                    g.entries[e as usize].capital = true;
                }
            }
        }
        Ok(g)
    }

    /// The physical features: name, alternates, kind, point and the ISO2 codes of the countries
    /// each touches. A feature of one country is that country's; one of several is of none until
    /// the context picks one (see [`Gazetteer::touches`]).
    fn read_physical(
        &mut self,
        table: &'static str,
        iso3_of: &HashMap<&'static str, Country>,
        keys: &mut Rows,
        key: &mut String,
    ) -> Result<(), GazetteerError> {
        for (line, cols) in rows(table) {
            let bad = |problem| GazetteerError::BadLine {
                table: "physical_features",
                line,
                problem,
            };
            let [name, alts, kind, lat, lon] =
                take::<5>(&cols).ok_or_else(|| bad("expected 5 or 6 columns"))?;
            let touches = cols.cols.get(5).copied().filter(|_| cols.n > 5);
            let countries = alternates(touches.unwrap_or(""))
                .map(|c| {
                    iso3_of
                        .get(c)
                        .copied()
                        .ok_or_else(|| bad("unknown country"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let id = self.push(Entry {
                kind: Kind::Physical,
                name,
                country: if countries.len() == 1 {
                    Some(countries[0])
                } else {
                    None
                },
                admin1: "",
                lat: lat.parse().map_err(|_| bad("bad lat"))?,
                lon: lon.parse().map_err(|_| bad("bad lon"))?,
                population: 0,
                geonameid: None,
                capital: false,
                alternates: count(alts),
            });
            self.physical.insert(id, Physical { kind, countries });
            keys.names(&self.fold, id, name, alts, key);
        }
        Ok(())
    }

    /// The kind and countries of a physical feature; `None` for other entries.
    pub fn physical(&self, id: u32) -> Option<&Physical> {
        self.physical.get(&id)
    }

    /// The countries entry `id` lies in or touches: a physical feature's list, else its country.
    pub fn touches(&self, id: u32) -> &[Country] {
        match self.physical.get(&id) {
            Some(p) => &p.countries,
            None => self.entries[id as usize].country.as_slice(),
        }
    }

    fn push(&mut self, e: Entry) -> u32 {
        self.entries.push(e);
        (self.entries.len() - 1) as u32
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

    /// Entries whose name or alternate name has this key (exact); failing those, the ones matching
    /// through the loose key. A spelling the gazetteer holds as written means that place: "Samarra"
    /// is the Iraqi city, not Samara in Russia, however much larger.
    pub fn lookup_key(&self, key: &str, out: &mut Vec<Hit>) {
        out.clear();
        self.collect(hash(key), false, out);
        if out.iter().any(|h| !h.loose) {
            return;
        }
        if let Some(loose) = loose_key(key) {
            self.collect(hash(&loose), true, out);
        }
    }

    fn collect(&self, h: u64, via_loose: bool, out: &mut Vec<Hit>) {
        let start = self.index.first_at_or_above(h);
        let rows = (start..self.index.len()).map(|i| self.index.row(i));
        for r in rows.take_while(|r| r.hash() == h) {
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

    pub fn country(&self, country: Country) -> Option<&Entry> {
        self.countries.get(&country).map(|&i| self.entry(i))
    }

    /// The region `code` of `country`.
    pub fn admin1(&self, country: Country, code: &str) -> Option<&Entry> {
        self.admin1.get(&(country, code)).map(|&i| self.entry(i))
    }
}

/// Index rows collected while the tables are read (when `on`).
struct Rows {
    on: bool,
    rows: Vec<IndexRow>,
}

impl Rows {
    fn names(&mut self, fold: &Fold, id: u32, name: &str, alts: &str, key: &mut String) {
        if !self.on {
            return;
        }
        self.name(fold, id, name, 0, key);
        for alt in alternates(alts) {
            self.name(fold, id, alt, ALT, key);
        }
    }

    fn name(&mut self, fold: &Fold, entry: u32, name: &str, flags: u8, key: &mut String) {
        if !self.on || !fold.key_into(name, key) {
            return;
        }
        self.rows.push(IndexRow::new(hash(key), entry, flags));
        if let Some(loose) = loose_key(key) {
            if loose != *key {
                self.rows
                    .push(IndexRow::new(hash(&loose), entry, flags | LOOSE));
            }
        }
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

    fn c(code: &str) -> Country {
        code.parse().unwrap()
    }

    fn names(g: &Gazetteer, name: &str) -> Vec<(Kind, &'static str, Option<Country>)> {
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
        let g = Gazetteer::from_tables(Tables::bundled()).unwrap();
        assert!(g.len() > 160_000, "{}", g.len());
        assert!(g.country(c("SYR")).is_some());
        assert_eq!(g.admin1(c("SYR"), "12").map(|e| e.name), Some("Idlib"));
    }

    #[test]
    fn finds_by_name_and_alternate() {
        let g = Gazetteer::bundled();
        assert!(names(g, "Idlib").contains(&(Kind::City, "Idlib", Some(c("SYR")))));
        assert!(names(g, "Idlib").contains(&(Kind::Admin1, "Idlib", Some(c("SYR")))));
        assert!(names(g, "Saraqeb").contains(&(Kind::City, "Saraqib", Some(c("SYR")))));
        assert!(names(g, "İskenderun").contains(&(Kind::City, "İskenderun", Some(c("TUR")))));
        assert!(names(g, "iskenderun").contains(&(Kind::City, "İskenderun", Some(c("TUR")))));
        assert!(names(g, "Syria").contains(&(Kind::Country, "Syria", Some(c("SYR")))));
        assert!(names(g, "Kiev").contains(&(Kind::City, "Kyiv", Some(c("UKR")))));
        let loose = g.lookup("Maarat al-Numan");
        assert!(loose
            .iter()
            .any(|h| g.entry(h.entry).geonameid == Some(167611)));
    }

    #[test]
    fn a_spelling_held_as_written_outranks_loose_matches() {
        let g = Gazetteer::bundled();
        let hits = g.lookup("Samarra");
        assert!(!hits.is_empty() && hits.iter().all(|h| !h.loose));
        assert!(hits
            .iter()
            .all(|h| g.entry(h.entry).country != Some(c("RUS"))));
    }

    #[test]
    fn capitals_are_marked() {
        let g = Gazetteer::bundled();
        let hits = g.lookup("Damascus");
        assert!(hits
            .iter()
            .any(|h| g.entry(h.entry).capital && g.entry(h.entry).country == Some(c("SYR"))));
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
    fn physical_features_touch_their_countries() {
        let g = Gazetteer::bundled();
        let find = |name: &str| {
            g.lookup(name)
                .into_iter()
                .find(|h| g.entry(h.entry).kind == Kind::Physical)
                .map(|h| h.entry)
        };
        let red = find("Red Sea").unwrap();
        assert!(g.touches(red).contains(&c("YEM")) && g.touches(red).contains(&c("EGY")));
        assert_eq!(g.entry(red).country, None);
        assert_eq!(g.physical(red).unwrap().kind, "sea");
        let hormuz = find("Strait of Hormuz").unwrap();
        assert_eq!(g.physical(hormuz).unwrap().kind, "strait");
        let darfur = find("Darfur").unwrap();
        assert_eq!(g.entry(darfur).country, Some(c("SDN")));
        assert_eq!(g.touches(darfur), [c("SDN")]);
        assert!(find("Lake Chad").is_some() && find("Bab al-Mandab").is_some());
        let ocean = find("Indian Ocean").unwrap();
        assert!(g.touches(ocean).is_empty());
        // A town's own country is its only one.
        let idlib = g.lookup("Idlib")[0].entry;
        assert_eq!(g.touches(idlib), [c("SYR")]);
        assert_eq!(g.entry(idlib).country, Some(c("SYR")));
    }

    #[test]
    fn bad_line_is_an_error() {
        let err = Gazetteer::from_tables(Tables {
            countries: "XX\tonly\n",
            ..Tables::default()
        })
        .unwrap_err();
        assert!(err.to_string().contains("countries line 1"));
        let err = Gazetteer::from_tables(Tables {
            physical: "Some Sea\t\tsea\t1.0\t2.0\tQQ\n",
            ..Tables::default()
        })
        .unwrap_err();
        assert!(err.to_string().contains("unknown country"), "{err}");
        let err = Gazetteer::from_tables(Tables {
            cities: "# header\n1\tTown\tTown\tSYR\t01\t1.0\t2.0\t10\t\n2\tVille\tVille\tSYX\t01\t1.0\t2.0\t10\t\n",
            ..Tables::default()
        })
        .unwrap_err();
        assert!(err.to_string().starts_with("cities line 3: "), "{err}");
        assert!(
            err.to_string().contains("unknown country code \"SYX\""),
            "{err}"
        );
    }

    #[test]
    fn embedded_index_is_the_tables_index() {
        assert!(
            INDEX == bundled_tables_index().unwrap().as_slice(),
            "data/gazetteer/index.bin is stale: run \
             cargo run --release -p flashpoint_coder --example gazetteer_index"
        );
        assert!(matches!(Gazetteer::bundled().index, Index::Embedded(_)));
    }

    #[test]
    fn a_foreign_index_is_rebuilt() {
        // An index made for another set of tables (another number of entries) is not used.
        let mut bytes = INDEX_MAGIC.to_vec();
        bytes.extend_from_slice(&1u64.to_le_bytes());
        bytes.extend_from_slice(&1_000_001u64.to_le_bytes());
        bytes.extend_from_slice(&7u64.to_le_bytes());
        bytes.extend_from_slice(&(1_000_000u32 << 2).to_le_bytes());
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let tables = Tables {
            fold: FOLD,
            countries: COUNTRIES,
            ..Tables::default()
        };
        let g = Gazetteer::read(tables, Some(bytes)).unwrap();
        assert!(matches!(g.index, Index::Built(_)));
        assert!(g
            .lookup("Syria")
            .iter()
            .any(|h| g.entry(h.entry).kind == Kind::Country));
    }

    /// `cargo test --release -p flashpoint_coder load_time -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn load_time() {
        let t = Instant::now();
        let g = Gazetteer::from_tables(Tables::bundled()).unwrap();
        println!(
            "gazetteer: {} entries, {} index rows, built in {:?}",
            g.len(),
            g.index_len(),
            t.elapsed()
        );
        let t = Instant::now();
        let g = Gazetteer::read(Tables::bundled(), Some(INDEX)).unwrap();
        println!("read with the embedded index in {:?}", t.elapsed());
        assert!(matches!(g.index, Index::Embedded(_)));
    }
}
