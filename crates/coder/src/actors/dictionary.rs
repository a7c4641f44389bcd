//! The actor dictionary: countries, organisations, people and role nouns, read from
//! `data/actors/*.tsv` (format in `data/actors/README.md`) into one set of phrases.

use crate::codebook::tsv_rows;
use crate::country::{Code, CodeError, Country};
use crate::date::Date;
use crate::lexicon::phrases::{key, Literal, Phrases};
use crate::role::Role;
use std::path::Path;

/// How a country phrase refers to its country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountryKind {
    Name,
    Adjective,
    People,
    Capital,
    Seat,
    /// An ethnic group living (almost) only in one country ("Yoruba", "Kikuyu"): coded as that
    /// country's people.
    Ethnic,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Country {
        country: Country,
        kind: CountryKind,
        role: Option<Role>,
    },
    Org {
        country: Country,
        role: Option<Role>,
        name: String,
    },
    /// A role noun ("troops") or a title ("President").
    Agent {
        role: Role,
        title: bool,
    },
    Person(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Office {
    pub country: Country,
    pub role: Option<Role>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub offices: Vec<Office>,
}

impl Person {
    /// The office held on `date`; without a date, or out of every range, the latest office,
    /// with the role dropped when the date is after it ended (a former office-holder).
    pub fn office_on(&self, date: Option<Date>) -> Option<(Country, Option<Role>)> {
        let held = |o: &Office| {
            date.is_some_and(|d| o.from.is_none_or(|f| f <= d) && o.to.is_none_or(|t| d <= t))
        };
        if let Some(o) = self.offices.iter().rev().find(|o| held(o)) {
            return Some((o.country, o.role));
        }
        let latest = self.offices.iter().max_by_key(|o| o.from)?;
        let before_any =
            date.is_some_and(|d| self.offices.iter().all(|o| o.from.is_some_and(|f| d < f)));
        let role = if date.is_none() { latest.role } else { None };
        let office = if before_any {
            self.offices.iter().min_by_key(|o| o.from)?
        } else {
            latest
        };
        Some((office.country, role))
    }
}

/// Case constraint of one dictionary word on the text it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Any,
    /// The text word must start with a capital.
    Capital,
    /// The text word must be written exactly as in the dictionary (acronyms: "US", "HTS").
    Exact,
}

#[derive(Clone, Debug)]
pub struct Phrase {
    pub words: Box<[(Box<str>, Case)]>,
    pub entry: Entry,
}

impl Phrase {
    /// Whether the original-case words of the text satisfy this phrase's case constraints.
    pub fn case_ok<S: AsRef<str>>(&self, original: &[S]) -> bool {
        self.words.iter().zip(original).all(|((w, case), o)| {
            let o = o.as_ref();
            match case {
                Case::Any => true,
                Case::Capital => o.chars().next().is_some_and(|c| c.is_uppercase()),
                Case::Exact => o.replace('’', "'") == **w,
            }
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct DictError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct ActorDictionary {
    pub phrases: Phrases<Phrase, Literal>,
    pub people: Vec<Person>,
    /// Lowercase surname → the one country all people of that surname served, if only one.
    surnames: std::collections::HashMap<String, Option<Country>>,
    /// The countries of countries.tsv (organisation codes are not among them).
    pub country_codes: std::collections::HashSet<Country>,
}

const COUNTRIES: &str = include_str!("../../../../data/actors/countries.tsv");
const ORGS: &str = include_str!("../../../../data/actors/orgs.tsv");
const AGENTS: &str = include_str!("../../../../data/actors/agents.tsv");
const PEOPLE: &str = include_str!("../../../../data/actors/people.tsv");

fn case_of(word: &str) -> Case {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        Case::Exact
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        Case::Capital
    } else {
        Case::Any
    }
}

/// Split a phrase into words the way the tokenizer splits text.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    crate::segment::token_spans(phrase)
        .iter()
        .map(|t| t.of(phrase).to_string())
        .collect()
}

fn opt(s: Option<&&str>) -> Option<String> {
    s.map(|s| s.trim())
        .filter(|s| !s.is_empty() && *s != "-")
        .map(str::to_string)
}

/// The country in column `col`.
fn country(f: &[&str], col: usize) -> Result<Country, String> {
    f.get(col)
        .copied()
        .unwrap_or_default()
        .parse()
        .map_err(|e: crate::country::CountryError| e.to_string())
}

/// The role in column `col`, if the column is there and not empty or `-`.
fn opt_role(f: &[&str], col: usize) -> Result<Option<Role>, String> {
    opt(f.get(col))
        .map(|r| r.parse::<Role>())
        .transpose()
        .map_err(|e| e.to_string())
}

fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    match s.len() {
        4 => Date::new(s.parse().ok()?, 1, 1),
        7 => Date::new(s[..4].parse().ok()?, s[5..7].parse().ok()?, 1),
        _ => s.parse().ok(),
    }
}

/// End-of-period reading of a partial date ("2014" ends on 2014-12-31).
fn parse_end_date(s: &str) -> Option<Date> {
    let s = s.trim();
    match s.len() {
        4 => Date::new(s.parse().ok()?, 12, 31),
        7 => {
            let (y, m) = (s[..4].parse().ok()?, s[5..7].parse().ok()?);
            Date::new(y, m, crate::date::days_in_month(y, m))
        }
        _ => s.parse().ok(),
    }
}

impl ActorDictionary {
    pub fn bundled() -> &'static ActorDictionary {
        static DICT: std::sync::OnceLock<ActorDictionary> = std::sync::OnceLock::new();
        DICT.get_or_init(|| {
            let mut d = ActorDictionary::default();
            d.load(COUNTRIES, ORGS, AGENTS, PEOPLE)
                .expect("bundled actor dictionary is valid");
            d
        })
    }

    /// A dictionary from the four files in `dir` (same names as the bundled ones).
    pub fn from_dir(dir: &Path) -> Result<ActorDictionary, DictError> {
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name)).map_err(|e| DictError {
                file: dir.join(name).display().to_string(),
                line: 0,
                reason: e.to_string(),
            })
        };
        let mut d = ActorDictionary::default();
        d.load(
            &read("countries.tsv")?,
            &read("orgs.tsv")?,
            &read("agents.tsv")?,
            &read("people.tsv")?,
        )?;
        Ok(d)
    }

    fn add(&mut self, phrase: &str, entry: Entry) {
        let words = phrase_words(phrase);
        if words.is_empty() {
            return;
        }
        let keys: Vec<String> = words
            .iter()
            .map(|w| key(&w.to_ascii_lowercase()).into_owned())
            .collect();
        // Exact-case words compare against the original text, so they keep their spelling.
        let constraints = words
            .iter()
            .zip(&keys)
            .map(|(w, k)| match case_of(w) {
                Case::Exact => (w.replace('’', "'").into_boxed_str(), Case::Exact),
                c => (k.as_str().into(), c),
            })
            .collect();
        self.phrases.insert_words(
            &keys,
            Phrase {
                words: constraints,
                entry,
            },
        );
    }

    /// The country of everyone in the dictionary with this surname, when they share one
    /// ("President Bush" → USA even though "Bush" alone is too ambiguous to be an alias).
    pub fn surname_country(&self, name: &str) -> Option<Country> {
        let surname = name.rsplit(' ').next()?.to_lowercase();
        *self.surnames.get(&surname)?
    }

    pub fn load(
        &mut self,
        countries: &str,
        orgs: &str,
        agents: &str,
        people: &str,
    ) -> Result<(), DictError> {
        let err = |file: &str, line, reason: String| DictError {
            file: file.into(),
            line,
            reason,
        };
        for (line, f) in tsv_rows(countries) {
            if f.len() < 3 {
                return Err(err(
                    "countries.tsv",
                    line,
                    "expected iso3, kind, phrases".into(),
                ));
            }
            let kind = match f[1] {
                "name" => CountryKind::Name,
                "adj" => CountryKind::Adjective,
                "people" => CountryKind::People,
                "capital" => CountryKind::Capital,
                "seat" => CountryKind::Seat,
                "ethnic" => CountryKind::Ethnic,
                other => {
                    return Err(err(
                        "countries.tsv",
                        line,
                        format!("unknown kind {other:?}"),
                    ))
                }
            };
            let role = opt_role(&f, 3)
                .map_err(|e| err("countries.tsv", line, e))?
                .or_else(|| {
                    matches!(kind, CountryKind::Capital | CountryKind::Seat).then_some(Role::Gov)
                });
            let iso3 = country(&f, 0).map_err(|e| err("countries.tsv", line, e))?;
            self.country_codes.insert(iso3);
            for p in f[2].split('|') {
                self.add(
                    p.trim(),
                    Entry::Country {
                        country: iso3,
                        kind,
                        role,
                    },
                );
            }
        }
        for (line, f) in tsv_rows(orgs) {
            if f.len() < 4 {
                return Err(err(
                    "orgs.tsv",
                    line,
                    "expected country, role, name, phrases".into(),
                ));
            }
            let entry = Entry::Org {
                country: country(&f, 0).map_err(|e| err("orgs.tsv", line, e))?,
                role: opt_role(&f, 1).map_err(|e| err("orgs.tsv", line, e))?,
                name: f[2].to_string(),
            };
            self.add(f[2], entry.clone());
            for p in f[3].split('|') {
                self.add(p.trim(), entry.clone());
            }
        }
        for (line, f) in tsv_rows(agents) {
            if f.len() < 3 {
                return Err(err(
                    "agents.tsv",
                    line,
                    "expected role, kind, phrases".into(),
                ));
            }
            let title = match f[1] {
                "noun" => false,
                "title" => true,
                other => return Err(err("agents.tsv", line, format!("unknown kind {other:?}"))),
            };
            let role = f[0]
                .parse::<Role>()
                .map_err(|e| err("agents.tsv", line, e.to_string()))?;
            for p in f[2].split('|') {
                self.add(p.trim(), Entry::Agent { role, title });
            }
        }
        self.load_people(people)
    }

    fn load_people(&mut self, src: &str) -> Result<(), DictError> {
        let mut by_name: std::collections::HashMap<String, usize> = Default::default();
        let mut aliases: Vec<(usize, String)> = Vec::new();
        for (line, f) in tsv_rows(src) {
            if f.len() < 4 {
                return Err(DictError {
                    file: "people.tsv".into(),
                    line,
                    reason: "expected name, code, from, to".into(),
                });
            }
            let code = f[1];
            let Code { country, role } = code.parse().map_err(|e: CodeError| DictError {
                file: "people.tsv".into(),
                line,
                reason: e.to_string(),
            })?;
            let office = Office {
                country,
                role,
                from: parse_date(f[2]),
                to: parse_end_date(f[3]),
            };
            let idx = *by_name.entry(f[0].to_string()).or_insert_with(|| {
                self.people.push(Person {
                    name: f[0].to_string(),
                    offices: Vec::new(),
                });
                self.people.len() - 1
            });
            self.people[idx].offices.push(office);
            aliases.push((idx, f[0].to_string()));
            if let Some(a) = f.get(4) {
                aliases.extend(
                    a.split('|')
                        .map(|s| (idx, s.trim().to_string()))
                        .filter(|(_, s)| !s.is_empty()),
                );
            }
        }
        for p in &self.people {
            let Some(surname) = p.name.rsplit(' ').next() else {
                continue;
            };
            for o in &p.offices {
                self.surnames
                    .entry(surname.to_lowercase())
                    .and_modify(|c| {
                        if *c != Some(o.country) {
                            *c = None;
                        }
                    })
                    .or_insert(Some(o.country));
            }
        }
        aliases.sort();
        aliases.dedup();
        for (idx, alias) in aliases {
            self.add(&alias, Entry::Person(idx));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> ActorDictionary {
        let mut d = ActorDictionary::default();
        d.load(
            "#\nTUR\tname\tTurkey|Turkiye\nTUR\tadj\tTurkish\nTUR\tcapital\tAnkara\nUSA\tname\tUS|United States\nRUS\tseat\tthe Kremlin|Kremlin\n",
            "#\nNATO\t\tNATO\tNorth Atlantic Treaty Organization\n",
            "#\nMIL\tnoun\ttroops|soldiers\nGOV\ttitle\tPresident\n",
            "#\nRecep Tayyip Erdogan\tTURGOV\t2014-08-28\t\tErdogan\nRecep Tayyip Erdogan\tTURGOV\t2003-03-14\t2014-08-28\t\nAbdullah Gul\tTURGOV\t2007\t2014-08\tGul\n",
        )
        .unwrap();
        d
    }

    #[test]
    fn phrases_match_with_case() {
        let d = tiny();
        let hits = d.phrases.prefixes(&["us"]);
        assert_eq!(hits.len(), 1);
        let phrase = &hits[0].1[0];
        assert!(phrase.case_ok(&["US"]));
        assert!(!phrase.case_ok(&["us"]));
        let kremlin = &d.phrases.prefixes(&["the", "kremlin"])[0].1[0];
        assert_eq!(
            kremlin.entry,
            Entry::Country {
                country: Country::of("RUS"),
                kind: CountryKind::Seat,
                role: Some(Role::Gov)
            }
        );
    }

    #[test]
    fn people_resolve_by_date() {
        let d = tiny();
        let gul = d.people.iter().find(|p| p.name == "Abdullah Gul").unwrap();
        let on = |s: &str| gul.office_on(Some(s.parse().unwrap()));
        let tur = Country::of("TUR");
        assert_eq!(on("2010-01-01"), Some((tur, Some(Role::Gov))));
        assert_eq!(
            on("2014-08-31"),
            Some((tur, Some(Role::Gov))),
            "a month-precision end covers the month"
        );
        assert_eq!(
            on("2020-01-01"),
            Some((tur, None)),
            "former office-holders keep the country only"
        );
        assert_eq!(gul.office_on(None), Some((tur, Some(Role::Gov))));
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let mut d = ActorDictionary::default();
        let e = d.load("#\nTUR\tplanet\tTurkey\n", "", "", "").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("countries.tsv", 2));
    }

    #[test]
    fn an_unknown_role_names_file_and_line() {
        let load = |countries: &str, orgs: &str, agents: &str, people: &str| {
            ActorDictionary::default()
                .load(countries, orgs, agents, people)
                .unwrap_err()
        };
        let cases = [
            (
                load("#\nRUS\tseat\tDuma\tLEGS\n", "", "", ""),
                "countries.tsv",
                2,
            ),
            (
                load("", "#\n\nNATO\tARMY\tNATO\tthe alliance\n", "", ""),
                "orgs.tsv",
                3,
            ),
            (
                load("", "", "#\nMIL\tnoun\ttroops\nSOL\tnoun\tsoldiers\n", ""),
                "agents.tsv",
                3,
            ),
            (
                load("", "", "", "#\nAda Byron\tGBRLRD\t1840\t\t\n"),
                "people.tsv",
                2,
            ),
        ];
        for (e, file, line) in cases {
            assert_eq!((e.file.as_str(), e.line), (file, line), "{e}");
        }
        let e = load("", "", "#\nSOL\tnoun\tx\n", "");
        assert!(
            e.to_string().contains("unknown CAMEO role code \"SOL\""),
            "{e}"
        );
        let e = load("", "", "", "#\nA B\tGBRLRD\t1840\t\t\n");
        assert!(e.to_string().contains("\"GBRLRD\""), "{e}");
        assert!(e.to_string().contains("\"LRD\""), "{e}");
    }

    #[test]
    fn an_unknown_country_names_file_and_line() {
        let load = |countries: &str, orgs: &str, people: &str| {
            ActorDictionary::default()
                .load(countries, orgs, "", people)
                .unwrap_err()
        };
        let cases = [
            (
                load("#\nTUR\tname\tTurkey\nTRK\tadj\tTurkish\n", "", ""),
                "countries.tsv",
                3,
                "\"TRK\"",
            ),
            (
                load("", "#\nNATOO\t\tNATO\tthe alliance\n", ""),
                "orgs.tsv",
                2,
                "\"NATOO\"",
            ),
            (
                load("", "", "#\nA B\tGBRGOV\t1840\t\t\nC D\tGBXGOV\t1841\t\t\n"),
                "people.tsv",
                3,
                "\"GBX\"",
            ),
        ];
        for (e, file, line, code) in cases {
            assert_eq!((e.file.as_str(), e.line), (file, line), "{e}");
            assert!(e.to_string().contains(code), "{e}");
            assert!(e.to_string().contains("country code"), "{e}");
        }
    }
}
