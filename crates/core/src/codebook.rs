//! The CAMEO codebook (name, Goldstein value, quad class) and the CAMEO → PLOVER table, read from
//! `data/cameo/`. Both are embedded in the binary so a fresh build needs no data path.

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
    pub code: String,
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
    codes: HashMap<String, CameoCode>,
}

/// Data lines of a TSV file: (1-based line number, fields); comments (`#`) and blank lines skipped.
pub(crate) fn tsv_rows(src: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
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
                code: code.into(),
                name: name.into(),
                goldstein,
                quad_class,
                plover: None,
            };
            if map.insert(code.to_string(), entry).is_some() {
                return Err(err("codes.tsv", line, format!("duplicate code {code}")));
            }
        }
        for (line, f) in tsv_rows(plover) {
            let (Some(code), Some(event)) = (f.first(), f.get(1)) else {
                return Err(err("plover.tsv", line, "expected code and event".into()));
            };
            let entry = map
                .get_mut(*code)
                .ok_or_else(|| err("plover.tsv", line, format!("unknown CAMEO code {code}")))?;
            entry.plover = Some(Plover {
                event: event.to_string(),
                mode: non_empty(f.get(2)),
                context: non_empty(f.get(3)),
            });
        }
        Ok(Codebook { codes: map })
    }

    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
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
