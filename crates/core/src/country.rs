//! The country part of an actor code as a value: `Country` ("TUR", "NATO"), what the output
//! writes in an actor's and a place's `country` field; and the whole actor code, `Code`: a
//! country and its role ("TURGOV", "NATOMIL").
//!
//! A code is three or four capital letters that is known: an ISO 3166-1 alpha-3 code of the
//! gazetteer's country table (`data/gazetteer/countries.tsv`), a code of
//! `data/actors/country_codes.tsv` (an organisation's, "UNO", "NATO", "IMG", or one of the few ISO
//! codes the gazetteer's table lacks, "ATA"), or a code ISO 3166-1 leaves to its users
//! (AAA–AAZ, QMA–QZZ, XAA–XZZ, ZZA–ZZZ: Kosovo's XKX, and invented actors in tests and synthetic
//! data). Every data file that names a country is read into this type, so a typo there fails when
//! the file is read, with the file and line the reader adds; the store rejects an unknown code in
//! what it ingests. Display and Serialize give the plain code string, so the output contract is
//! unchanged.

use crate::role::{Role, RoleError};
use std::fmt;
use std::sync::OnceLock;

const CODES: &str = include_str!("../../../data/actors/country_codes.tsv");
/// The gazetteer's country table; its ISO3 column is the list of ISO codes a [`Country`] knows.
pub const GAZETTEER_COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.tsv");

/// A country or organisation code: its letters as ASCII bytes, padded with a zero byte. Zero sorts
/// below every letter, so the derived order is the order of the code strings ("NAT" < "NATO").
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 4]);

/// Why a string is not a country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountryError {
    #[error("not a country code: {0:?} (3 or 4 capital letters)")]
    Malformed(String),
    #[error(
        "unknown country code {0:?}: not an ISO3 code of the gazetteer nor a code of \
         data/actors/country_codes.tsv"
    )]
    Unknown(String),
}

impl Country {
    /// The code spelled `code`, checked for form only (3 or 4 ASCII capitals): `None` otherwise.
    const fn letters(code: &str) -> Option<Country> {
        let b = code.as_bytes();
        if b.len() < 3 || b.len() > 4 {
            return None;
        }
        let mut out = [0u8; 4];
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_uppercase() {
                return None;
            }
            out[i] = b[i];
            i += 1;
        }
        Some(Country(out))
    }

    /// A code named in the coder's own rules, checked at compile time for form. Panics (at
    /// compile time when used in a `const`) on a malformed code; a test checks each is known.
    pub const fn of(code: &str) -> Country {
        match Country::letters(code) {
            Some(c) => c,
            None => panic!("malformed country code"),
        }
    }

    /// The code as written ("TUR").
    pub fn as_str(&self) -> &str {
        let len = if self.0[3] == 0 { 3 } else { 4 };
        // Only ASCII capitals are ever stored, so this cannot fail.
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }

    /// Whether the code is listed (ISO3 of the gazetteer or an organisation) or user-assigned.
    pub fn is_known(self) -> bool {
        known().binary_search(&self).is_ok() || self.is_user_assigned()
    }

    /// The codes ISO 3166-1 reserves for its users: AAA–AAZ, QMA–QZZ, XAA–XZZ, ZZA–ZZZ.
    fn is_user_assigned(self) -> bool {
        match self.0 {
            [b'A', b'A', _, 0] | [b'X', _, _, 0] | [b'Z', b'Z', _, 0] => true,
            [b'Q', second, _, 0] => second >= b'M',
            _ => false,
        }
    }
}

/// The listed codes, sorted: the ISO3 column of the gazetteer's country table and the codes of
/// `country_codes.tsv`. A malformed row is left out here; a test checks that none is.
fn known() -> &'static [Country] {
    static KNOWN: OnceLock<Vec<Country>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let column = |text: &'static str, col: usize| {
            crate::codebook::tsv_rows(text).filter_map(move |(_, f)| f.get(col).copied())
        };
        let mut codes: Vec<Country> = column(GAZETTEER_COUNTRIES, 1)
            .chain(column(CODES, 0))
            .filter_map(Country::letters)
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    })
}

impl std::str::FromStr for Country {
    type Err = CountryError;

    fn from_str(s: &str) -> Result<Country, CountryError> {
        let code = Country::letters(s).ok_or_else(|| CountryError::Malformed(s.to_string()))?;
        if code.is_known() {
            Ok(code)
        } else {
            Err(CountryError::Unknown(s.to_string()))
        }
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.as_str())
    }
}

impl serde::Serialize for Country {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Country {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Country, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A whole CAMEO actor code: a country and, when known, its role ("TURGOV", "NATO", "NATOMIL").
/// A country code is 3 or 4 letters and a role 3, so the length of the string says where the
/// role starts. Display and Serialize give the plain string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Code {
    pub country: Country,
    pub role: Option<Role>,
}

/// Why a string is not an actor code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("not an actor code: {0:?} (a country code of 3 or 4 letters, then a role of 3)")]
    Malformed(String),
    #[error("actor code {code:?}: {error}")]
    Country { code: String, error: CountryError },
    #[error("actor code {code:?}: {error}")]
    Role { code: String, error: RoleError },
}

impl Code {
    pub fn new(country: Country, role: Option<Role>) -> Code {
        Code { country, role }
    }
}

impl std::str::FromStr for Code {
    type Err = CodeError;

    fn from_str(s: &str) -> Result<Code, CodeError> {
        let at = match s.len() {
            3 | 4 => s.len(),
            6 | 7 if s.is_ascii() => s.len() - 3,
            _ => return Err(CodeError::Malformed(s.to_string())),
        };
        let (country, role) = s.split_at(at);
        let country = country.parse().map_err(|error| CodeError::Country {
            code: s.to_string(),
            error,
        })?;
        let role = (!role.is_empty())
            .then(|| role.parse::<Role>())
            .transpose()
            .map_err(|error| CodeError::Role {
                code: s.to_string(),
                error,
            })?;
        Ok(Code { country, role })
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.country.as_str())?;
        f.write_str(self.role.map_or("", Role::as_str))
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Country {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_the_same_string() {
        for s in [
            "TUR", "SYR", "XKX", "PSE", "ATA", "UNO", "NATO", "EUR", "NGO", "IMG", "QMZ",
        ] {
            assert_eq!(c(s).as_str(), s);
            assert_eq!(c(s).to_string(), s);
            assert_eq!(serde_json::to_string(&c(s)).unwrap(), format!("\"{s}\""));
            let back: Country = serde_json::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(back, c(s));
        }
        assert_eq!(serde_json::to_string(&Some(c("RUS"))).unwrap(), "\"RUS\"");
        assert_eq!(serde_json::to_string(&None::<Country>).unwrap(), "null");
    }

    #[test]
    fn rejects_what_is_not_a_code_and_names_it() {
        for bad in [
            "", "TU", "tur", "Tur", "TURGOV", "NATOS", "TU1", " TUR", "ÇAD",
        ] {
            let e = bad.parse::<Country>().unwrap_err();
            assert_eq!(e, CountryError::Malformed(bad.to_string()));
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
        // Well formed, but neither listed nor user-assigned.
        for bad in ["TUX", "QAX", "ABC", "ZYX", "NATA"] {
            let e = bad.parse::<Country>().unwrap_err();
            assert_eq!(e, CountryError::Unknown(bad.to_string()));
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
        let e = serde_json::from_str::<Country>("\"TUX\"").unwrap_err();
        assert!(e.to_string().contains("TUX"), "{e}");
    }

    #[test]
    fn user_assigned_codes_are_known() {
        for s in ["AAA", "AAZ", "QMA", "QZZ", "XAA", "XZZ", "ZZA", "ZZZ"] {
            assert!(c(s).is_known(), "{s}");
        }
        for s in ["ABA", "QLZ", "ZYZ"] {
            assert!(!Country::of(s).is_known(), "{s}");
        }
    }

    #[test]
    fn order_is_the_order_of_the_strings() {
        let mut codes: Vec<Country> = ["NATO", "NGA", "NAM", "AFG", "ZWE", "UNO"]
            .iter()
            .map(|s| c(s))
            .collect();
        codes.sort();
        let strings: Vec<String> = codes.iter().map(Country::to_string).collect();
        let mut expected = strings.clone();
        expected.sort();
        assert_eq!(strings, expected);
    }

    #[test]
    fn actor_codes_split_by_length_and_print_as_read() {
        let code = |s: &str| s.parse::<Code>().unwrap();
        let cases = [
            ("TURGOV", "TUR", Some(Role::Gov)),
            ("NATO", "NATO", None),
            ("UNO", "UNO", None),
            ("NATOMIL", "NATO", Some(Role::Mil)),
            ("XKXREB", "XKX", Some(Role::Reb)),
        ];
        for (s, country, role) in cases {
            assert_eq!(code(s), Code::new(c(country), role));
            assert_eq!(code(s).to_string(), s);
            assert_eq!(serde_json::to_string(&code(s)).unwrap(), format!("\"{s}\""));
            let back: Code = serde_json::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(back, code(s));
        }
    }

    #[test]
    fn bad_actor_codes_are_named_with_the_bad_part() {
        for bad in ["", "TU", "TURGO", "TURGOVXY", "ÉTUR", "TURGÓ"] {
            let e = bad.parse::<Code>().unwrap_err();
            assert_eq!(e, CodeError::Malformed(bad.to_string()));
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
        let e = "TUXGOV".parse::<Code>().unwrap_err();
        assert!(matches!(e, CodeError::Country { .. }), "{e:?}");
        assert!(e.to_string().contains("\"TUXGOV\"") && e.to_string().contains("\"TUX\""));
        // Seven letters are a four-letter country and a role.
        for four in ["TURG", "TURGOVX"] {
            let e = four.parse::<Code>().unwrap_err();
            assert!(matches!(e, CodeError::Country { .. }), "{e:?}");
            assert!(e.to_string().contains("\"TURG\""), "{e}");
        }
        let e = "TURXYZ".parse::<Code>().unwrap_err();
        assert!(matches!(e, CodeError::Role { .. }), "{e:?}");
        assert!(e.to_string().contains("\"XYZ\""), "{e}");
        assert!(serde_json::from_str::<Code>("\"NATOARMY\"").is_err());
    }

    #[test]
    fn every_listed_row_is_a_code() {
        let rows = |text: &str, col: usize| {
            crate::codebook::tsv_rows(text)
                .map(|(line, f)| (line, f[col].to_string()))
                .collect::<Vec<_>>()
        };
        let gazetteer = rows(GAZETTEER_COUNTRIES, 1);
        let others = rows(CODES, 0);
        assert!(gazetteer.len() > 240 && others.len() > 30);
        for (line, code) in gazetteer.iter().chain(&others) {
            assert!(Country::letters(code).is_some(), "line {line}: {code:?}");
        }
        let listed = gazetteer.len() + others.len();
        assert_eq!(known().len(), listed, "a code listed twice");
        for (line, f) in crate::codebook::tsv_rows(CODES) {
            assert!(
                matches!(f.get(1), Some(&"org" | &"iso")),
                "line {line}: {f:?}"
            );
        }
    }
}
