//! A CAMEO event code as a value: `Cameo` ("120", "1823").
//!
//! The code lives in its own module rather than in `codebook` because the two do different jobs:
//! the code is a small `Copy` value every stage passes around, compares and stores in events,
//! while the codebook is the table of what codes mean (name, Goldstein value, PLOVER), loaded once
//! from `data/cameo/`. The code asks the bundled codebook for its meaning; the codebook keys its
//! table by the code.
//!
//! A code is 2 to 4 ASCII digits whose first two (the root) are 01 to 20. Parsing a string
//! ([`str::parse`]) also requires the code to be in the bundled codebook, so a typo in a data file
//! fails when the file is read, with the file and line the reader adds. [`Cameo::of`] builds the
//! few codes the coder names in its rules at compile time; a test checks each is in the codebook.
//! Display and Serialize give the plain code string, so the output contract is unchanged.

use crate::codebook::{CameoCode, Codebook, Plover};
use std::fmt;

/// A CAMEO code: its digits as ASCII bytes, padded with zero bytes. Zero sorts below every digit,
/// so the derived order is the order of the code strings ("18" < "180" < "1801" < "19").
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cameo([u8; 4]);

/// Why a string is not a CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CameoError {
    #[error("not a CAMEO code: {0:?} (2 to 4 digits, root 01 to 20)")]
    Malformed(String),
    #[error("unknown CAMEO code {0}: not in the codebook")]
    Unknown(String),
}

impl Cameo {
    /// The code spelled `code`, checked for form only (2–4 digits, root 01–20): `None` otherwise.
    /// The codebook reads its own table with this; everyone else parses, which also checks that
    /// the codebook knows the code.
    pub(crate) const fn digits(code: &str) -> Option<Cameo> {
        let b = code.as_bytes();
        if b.len() < 2 || b.len() > 4 {
            return None;
        }
        let mut out = [0u8; 4];
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                return None;
            }
            out[i] = b[i];
            i += 1;
        }
        let root = (b[0] - b'0') * 10 + (b[1] - b'0');
        if root < 1 || root > 20 {
            return None;
        }
        Some(Cameo(out))
    }

    /// A code named in the coder's own rules, checked at compile time for form. Panics (at
    /// compile time when used in a `const`) on a malformed code.
    pub const fn of(code: &str) -> Cameo {
        match Cameo::digits(code) {
            Some(c) => c,
            None => panic!("malformed CAMEO code"),
        }
    }

    /// The code as written ("0233").
    pub fn as_str(&self) -> &str {
        let len = self.0.iter().position(|&b| b == 0).unwrap_or(4);
        // Only ASCII digits are ever stored, so this cannot fail.
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }

    /// The root, 1 to 20: the code's first two digits.
    pub fn root(self) -> u8 {
        (self.0[0] - b'0') * 10 + (self.0[1] - b'0')
    }

    /// Whether the code is under root `root` ("193" is under 19).
    pub fn is_root(self, root: u8) -> bool {
        self.root() == root
    }

    /// Whether the code is `parent` or one of its refinements ("1712" is under "171" and "17").
    pub fn is_under(self, parent: Cameo) -> bool {
        let len = parent.0.iter().position(|&b| b == 0).unwrap_or(4);
        self.0[..len] == parent.0[..len]
    }

    /// Violent acts: assault (18), fight (19), mass violence (20).
    pub fn is_violent(self) -> bool {
        (18..=20).contains(&self.root())
    }

    /// GDELT's quad class, from the root: 1 verbal cooperation (01–05), 2 material cooperation
    /// (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20). The codebook's own column
    /// is tested to agree.
    pub fn quad_class(self) -> u8 {
        match self.root() {
            1..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            _ => 4,
        }
    }

    /// The bundled codebook's entry for the code.
    pub fn entry(self) -> Option<&'static CameoCode> {
        Codebook::bundled().get(self)
    }

    /// The codebook's name of the code ("Reject, not specified below").
    pub fn name(self) -> Option<&'static str> {
        self.entry().map(|e| e.name.as_str())
    }

    /// The code's value on the Goldstein scale (−10 to 10).
    pub fn goldstein(self) -> Option<f32> {
        self.entry().map(|e| e.goldstein)
    }

    /// The PLOVER category the code maps to.
    pub fn plover(self) -> Option<&'static Plover> {
        self.entry().and_then(|e| e.plover.as_ref())
    }
}

impl std::str::FromStr for Cameo {
    type Err = CameoError;

    fn from_str(s: &str) -> Result<Cameo, CameoError> {
        let code = Cameo::digits(s).ok_or_else(|| CameoError::Malformed(s.to_string()))?;
        match code.entry() {
            Some(_) => Ok(code),
            None => Err(CameoError::Unknown(s.to_string())),
        }
    }
}

impl fmt::Display for Cameo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Cameo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cameo({})", self.as_str())
    }
}

impl serde::Serialize for Cameo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Cameo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Cameo, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Cameo {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_the_same_string() {
        for s in ["01", "010", "0233", "120", "19", "190", "1823", "20", "204"] {
            assert_eq!(c(s).to_string(), s);
            assert_eq!(c(s).as_str(), s);
            assert_eq!(serde_json::to_string(&c(s)).unwrap(), format!("\"{s}\""));
            let back: Cameo = serde_json::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(back, c(s));
        }
    }

    #[test]
    fn rejects_what_is_not_a_code_and_names_it() {
        for bad in ["", "1", "12345", "1a", "x20", "00", "21", "99", " 12", "١٢"] {
            let e = bad.parse::<Cameo>().unwrap_err();
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
        // Well formed, but no such code in the codebook.
        let e = "1999".parse::<Cameo>().unwrap_err();
        assert_eq!(e, CameoError::Unknown("1999".into()));
        assert!(e.to_string().contains("1999"), "{e}");
        assert!(serde_json::from_str::<Cameo>("\"19x\"").is_err());
    }

    #[test]
    fn root_and_refinement() {
        assert_eq!(c("0233").root(), 2);
        assert_eq!(c("190").root(), 19);
        assert_eq!(c("20").root(), 20);
        assert!(c("193").is_root(19) && !c("193").is_root(18));
        assert!(c("1712").is_under(c("171")));
        assert!(c("1712").is_under(c("17")));
        assert!(c("171").is_under(c("171")));
        assert!(!c("171").is_under(c("1712")));
        assert!(!c("180").is_under(c("19")));
        assert!(c("186").is_violent() && c("204").is_violent() && !c("173").is_violent());
    }

    #[test]
    fn order_is_the_order_of_the_strings() {
        let mut codes: Vec<Cameo> = ["19", "0233", "180", "18", "1801", "023", "02"]
            .iter()
            .map(|s| Cameo::of(s))
            .collect();
        codes.sort();
        let strings: Vec<String> = codes.iter().map(Cameo::to_string).collect();
        let mut expected = strings.clone();
        expected.sort();
        assert_eq!(strings, expected);
    }

    #[test]
    fn meaning_comes_from_the_codebook() {
        assert_eq!(c("120").name(), Some("Reject, not specified below"));
        assert_eq!(c("120").goldstein(), Some(-4.0));
        assert_eq!(c("138").goldstein(), Some(-7.0));
        assert_eq!(c("057").goldstein(), Some(8.0));
        assert_eq!(c("190").plover().map(|p| p.event.as_str()), Some("ASSAULT"));
        assert_eq!(c("042").plover().map(|p| p.event.as_str()), Some("CONSULT"));
        assert_eq!((c("057").quad_class(), c("073").quad_class()), (1, 2));
        assert_eq!((c("111").quad_class(), c("1721").quad_class()), (3, 4));
        for entry in Codebook::bundled().iter() {
            assert_eq!(entry.code.quad_class(), entry.quad_class, "{}", entry.code);
        }
    }
}
