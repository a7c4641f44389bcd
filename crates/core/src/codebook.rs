//! The CAMEO codebook (name, Goldstein value, quad class) and the CAMEO → PLOVER table, read from
//! `data/cameo/`. Both are embedded in the binary so a fresh build needs no data path. The table is
//! keyed by [`Cameo`], the code type every stage uses.

pub use crate::cameo::Cameo;
use serde::Serialize;
use std::collections::HashMap;

const CODES: &str = include_str!("../../../data/cameo/codes.tsv");
const PLOVER: &str = include_str!("../../../data/cameo/plover.tsv");

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plover {
    pub event: String,
    pub mode: Option<String>,
    pub context: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    pub code: Cameo,
    pub name: String,
    pub goldstein: f32,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    pub plover: Option<Plover>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}:{line}: {reason}")]
pub struct CodebookError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

#[derive(Clone, Debug)]
pub struct Codebook {
    codes: HashMap<Cameo, CameoCode>,
}

/// Data lines of a TSV file: (1-based line number, fields); comments (`#`) and blank lines skipped.
pub fn tsv_rows(src: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

fn non_empty(s: Option<&&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(|s| s.to_string())
}

impl Codebook {
    /// The bundled codebook. The bundled files are tested, so failure here is a build defect.
    pub fn bundled() -> &'static Codebook {
        static BOOK: std::sync::OnceLock<Codebook> = std::sync::OnceLock::new();
        BOOK.get_or_init(|| Codebook::parse(CODES, PLOVER).expect("bundled codebook is valid"))
    }

    pub fn parse(codes: &str, plover: &str) -> Result<Codebook, CodebookError> {
        let err = |file: &str, line, reason: String| CodebookError {
            file: file.into(),
            line,
            reason,
        };
        let mut map = HashMap::new();
        for (line, f) in tsv_rows(codes) {
            let [code, goldstein, quad, name] = f[..] else {
                return Err(err(
                    "codes.tsv",
                    line,
                    format!("expected 4 fields, found {}", f.len()),
                ));
            };
            let code = Cameo::digits(code).ok_or_else(|| {
                err(
                    "codes.tsv",
                    line,
                    format!("not a CAMEO code: {code:?} (2 to 4 digits, root 01 to 20)"),
                )
            })?;
            let goldstein = goldstein.parse().map_err(|_| {
                err(
                    "codes.tsv",
                    line,
                    format!("bad Goldstein value {goldstein:?}"),
                )
            })?;
            let quad_class = quad
                .parse()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| err("codes.tsv", line, format!("bad quad class {quad:?}")))?;
            let entry = CameoCode {
                code,
                name: name.into(),
                goldstein,
                quad_class,
                plover: None,
            };
            if map.insert(code, entry).is_some() {
                return Err(err("codes.tsv", line, format!("duplicate code {code}")));
            }
        }
        for (line, f) in tsv_rows(plover) {
            let (Some(code), Some(event)) = (f.first(), f.get(1)) else {
                return Err(err("plover.tsv", line, "expected code and event".into()));
            };
            let entry = Cameo::digits(code)
                .and_then(|c| map.get_mut(&c))
                .ok_or_else(|| err("plover.tsv", line, format!("unknown CAMEO code {code}")))?;
            entry.plover = Some(Plover {
                event: event.to_string(),
                mode: non_empty(f.get(2)),
                context: non_empty(f.get(3)),
            });
        }
        Ok(Codebook { codes: map })
    }

    pub fn get(&self, code: Cameo) -> Option<&CameoCode> {
        self.codes.get(&code)
    }

    pub fn iter(&self) -> impl Iterator<Item = &CameoCode> {
        self.codes.values()
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(book: &'a Codebook, code: &str) -> Option<&'a CameoCode> {
        book.get(Cameo::digits(code)?)
    }

    const PLOVER_EVENTS: &[&str] = &[
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "COOPERATE",
        "AID",
        "CONCEDE",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "MOBILIZE",
        "SANCTION",
        "COERCE",
        "ASSAULT",
        // CAMEO 01 public statements, which PLOVER does not code as events.
        "NO_EVENT",
    ];

    fn quad_of_root(root: u8) -> u8 {
        match root {
            1..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            _ => 4,
        }
    }

    #[test]
    fn bundled_parses_and_is_complete() {
        let book = Codebook::bundled();
        assert!(book.len() >= 280, "only {} codes", book.len());
        assert!(!book.is_empty());
        let roots = book.iter().filter(|c| c.code.as_str().len() == 2).count();
        assert_eq!(roots, 20);
    }

    #[test]
    fn every_code_is_well_formed() {
        let book = Codebook::bundled();
        for c in book.iter() {
            assert!(
                (2..=4).contains(&c.code.as_str().len())
                    && c.code.as_str().bytes().all(|b| b.is_ascii_digit()),
                "bad code {:?}",
                c.code
            );
            assert!(
                (-10.0..=10.0).contains(&c.goldstein),
                "{}: Goldstein {}",
                c.code,
                c.goldstein
            );
            assert!(!c.name.is_empty(), "{}: empty name", c.code);
            let root: u8 = c.code.as_str()[..2].parse().unwrap();
            assert!((1..=20).contains(&root), "{}: root out of range", c.code);
            assert_eq!(c.quad_class, quad_of_root(root), "{}: quad class", c.code);
            let root_code = at(book, &c.code.as_str()[..2])
                .unwrap_or_else(|| panic!("{}: root missing", c.code));
            assert_eq!(root_code.quad_class, c.quad_class);
            if c.code.as_str().len() == 4 {
                assert!(
                    at(book, &c.code.as_str()[..3]).is_some(),
                    "{}: parent missing",
                    c.code
                );
            }
            let p = c
                .plover
                .as_ref()
                .unwrap_or_else(|| panic!("{}: no PLOVER event", c.code));
            assert!(
                PLOVER_EVENTS.contains(&p.event.as_str()),
                "{}: PLOVER event {:?}",
                c.code,
                p.event
            );
        }
    }

    #[test]
    fn roots_match_their_x0_code() {
        let book = Codebook::bundled();
        for root in book.iter().filter(|c| c.code.as_str().len() == 2) {
            let x0 = at(book, &format!("{}0", root.code)).unwrap();
            assert_eq!(root.goldstein, x0.goldstein, "{}", root.code);
            assert_eq!(root.plover, x0.plover, "{}", root.code);
        }
    }

    #[test]
    fn spot_checks() {
        let book = Codebook::bundled();
        let event = |code: &str| at(book, code).unwrap().plover.clone().unwrap().event;
        let gold = |code: &str| at(book, code).unwrap().goldstein;
        assert_eq!(event("120"), "REJECT");
        assert_eq!(event("138"), "THREATEN");
        assert_eq!(event("190"), "ASSAULT");
        assert_eq!(event("193"), "ASSAULT");
        assert_eq!(event("173"), "COERCE");
        assert_eq!(event("042"), "CONSULT");
        assert_eq!(event("1041"), "REQUEST");
        assert_eq!(event("0233"), "REQUEST");
        assert_eq!(event("010"), "NO_EVENT");
        assert_eq!(event("0841"), "RETREAT");
        assert_eq!(
            at(book, "0233").unwrap().name,
            "Appeal for humanitarian aid"
        );
        assert_eq!(at(book, "120").unwrap().name, "Reject, not specified below");
        assert_eq!(at(book, "19").unwrap().name, "Fight");
        assert_eq!(gold("010"), 0.0);
        assert_eq!(gold("020"), 3.0);
        assert_eq!(gold("040"), 1.0);
        assert_eq!(gold("051"), 3.4);
        assert_eq!(gold("057"), 8.0);
        assert_eq!(gold("111"), -2.0);
        assert_eq!(gold("120"), -4.0);
        assert_eq!(gold("130"), -4.4);
        assert_eq!(gold("138"), -7.0);
        assert_eq!(gold("145"), -7.5);
        assert_eq!(gold("173"), -5.0);
        assert_eq!(gold("190"), -10.0);
        assert_eq!(gold("200"), -10.0);
        assert_eq!(at(book, "057").unwrap().quad_class, 1);
        assert_eq!(at(book, "073").unwrap().quad_class, 2);
        assert_eq!(at(book, "1721").unwrap().quad_class, 4);
        let p = at(book, "1384").unwrap().plover.clone().unwrap();
        assert_eq!(p.mode.as_deref(), Some("violence"));
        assert_eq!(p.context.as_deref(), Some("military"));
        assert_eq!(at(book, "120").unwrap().plover.as_ref().unwrap().mode, None);
    }

    #[test]
    fn parse_errors_name_file_and_line() {
        let header = "# code\tgoldstein\tquad_class\tname\n";
        let e =
            Codebook::parse(&format!("{header}010\t0.0\t1\tok\n011\tx\t1\tbad\n"), "").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("codes.tsv", 3));
        assert!(e.to_string().starts_with("codes.tsv:3:"), "{e}");

        let e = Codebook::parse(&format!("{header}010\t0.0\t9\tbad quad\n"), "").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("codes.tsv", 2));

        let e = Codebook::parse("010\t0.0\t1\n", "").unwrap_err();
        assert!(e.reason.contains("4 fields"), "{e}");

        let e = Codebook::parse("010\t0.0\t1\ta\n010\t0.0\t1\tb\n", "").unwrap_err();
        assert_eq!(e.line, 2);

        let e = Codebook::parse("010\t0.0\t1\tok\n", "# c\n\n999\tAGREE\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("plover.tsv", 3));
        assert!(e.to_string().starts_with("plover.tsv:3:"), "{e}");

        let e = Codebook::parse("010\t0.0\t1\tok\n01x\t0.0\t1\tbad\n", "").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("codes.tsv", 2));
        assert!(e.reason.contains("\"01x\""), "{e}");

        let e = Codebook::parse("010\t0.0\t1\tok\n", "010\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("plover.tsv", 1));
    }
}
