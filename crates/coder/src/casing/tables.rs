//! The truecasing tables (data/casing, made by scripts/build_casing.py) and the abbreviations
//! that do not end a sentence (data/lexicon, through the lexicon registry).
//!
//! The big tables are searched where they lie: their lines are sorted by key (byte order), so a
//! look-up is a binary search over the embedded text and loading costs nothing. Text that carries
//! its own case never touches them.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::OnceLock;

const WORDS: &str = include_str!("../../../../data/casing/words.tsv");
const PHRASES: &str = include_str!("../../../../data/casing/phrases.tsv");
const CUES: &str = include_str!("../../../../data/casing/cues.tsv");
const COMMON: &str = include_str!("../../../../data/casing/common.txt");

/// When a listed form is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Wherever the word or phrase appears ("Turkey", "United Nations").
    Name,
    /// Only right before a name ("President", "Foreign Minister").
    Title,
    /// A frequent word too ("us"): only beside a context word.
    Ambiguous,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Form {
    pub text: &'static str,
    pub class: Class,
}

/// Where a context word stands to an ambiguous name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// "the US"
    Before,
    /// "US troops"
    After,
}

pub struct Tables {
    words: SortedLines,
    /// Keyed by the lowercase words joined by single spaces.
    phrases: SortedLines,
    /// For each word that opens a phrase, the most words of a phrase it opens: most words open
    /// none, and are looked up no further.
    openers: HashMap<&'static str, usize>,
    cues: HashMap<&'static str, Cue>,
    /// Words of the language in lower case.
    common: SortedLines,
    /// Lowercase abbreviations without their final dot ("gen", "u.s", "e.g").
    abbreviations: HashMap<String, ()>,
}

impl Tables {
    pub fn bundled() -> &'static Tables {
        static TABLES: OnceLock<Tables> = OnceLock::new();
        TABLES.get_or_init(|| {
            let abbreviations = crate::lexicon::lexicon().abbreviations.kinds.iter();
            Tables::parse(
                [WORDS, PHRASES, CUES, COMMON],
                abbreviations.map(|(a, _)| a),
            )
        })
    }

    /// Tables from the text of `words.tsv`, `phrases.tsv`, `cues.tsv`, `common.txt` (each sorted
    /// by key after its `#` header) and the abbreviations (written with their final dot).
    pub fn parse<'a>(
        files: [&'static str; 4],
        abbreviations: impl Iterator<Item = &'a str>,
    ) -> Tables {
        let [words, phrases, cues, common] = files;
        let phrases = SortedLines::new(phrases);
        let mut openers = HashMap::new();
        for key in phrases.keys() {
            let first = key.split(' ').next().unwrap_or(key);
            let n = openers.entry(first).or_insert(0);
            *n = key.split(' ').count().max(*n);
        }
        Tables {
            words: SortedLines::new(words),
            openers,
            phrases,
            cues: rows(cues).filter_map(cue_row).collect(),
            common: SortedLines::new(common),
            abbreviations: abbreviations
                .map(|a| (a.trim_end_matches('.').to_lowercase(), ()))
                .collect(),
        }
    }

    pub fn word(&self, key: &str) -> Option<Form> {
        self.words.find(key).and_then(form)
    }

    /// The most words of a phrase that `word` opens (0 for none).
    pub fn longest_phrase_from(&self, word: &str) -> usize {
        self.openers.get(word).copied().unwrap_or(0)
    }

    pub fn phrase(&self, key: &str) -> Option<Form> {
        self.phrases.find(key).and_then(form)
    }

    pub fn cue(&self, key: &str) -> Option<Cue> {
        self.cues.get(key).copied()
    }

    /// Whether a lowercase word is a word of the language (else, when no table lists it, it is
    /// taken for a name).
    pub fn is_common(&self, key: &str) -> bool {
        self.common.find(key).is_some()
    }

    /// Whether a word followed by a dot is a listed abbreviation (its dot ends no sentence).
    pub fn is_abbreviation(&self, key: &str) -> bool {
        self.abbreviations.contains_key(key)
    }
}

/// The lines of a table sorted by their first column, searched in place through an index of
/// where each line starts (one fast pass over the text to build).
struct SortedLines {
    /// The text after the header comment lines.
    body: &'static str,
    starts: Vec<u32>,
}

impl SortedLines {
    fn new(text: &'static str) -> SortedLines {
        let mut body = text;
        while body.starts_with('#') {
            body = body.split_once('\n').map_or("", |(_, rest)| rest);
        }
        let bytes = body.as_bytes();
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1))
            .filter(|&i| i < bytes.len())
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        SortedLines { body, starts }
    }

    /// Line `i` split at its first tab: the key, and the rest (empty for a one-column table).
    fn line(&self, i: usize) -> (&'static str, &'static str) {
        let body = self.body;
        let start = self.starts[i] as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(body.len(), |&next| next as usize - 1);
        // Line ends and tabs are single bytes, never inside a character: slicing at them is safe.
        let line = &body[start..end];
        match memchr::memchr(b'\t', line.as_bytes()) {
            Some(t) => (&line[..t], &line[t + 1..]),
            None => (line, ""),
        }
    }

    /// The rest of the line whose key is `key`.
    fn find(&self, key: &str) -> Option<&'static str> {
        let (mut lo, mut hi) = (0, self.starts.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let (k, rest) = self.line(mid);
            match key.as_bytes().cmp(k.as_bytes()) {
                Ordering::Equal => return Some(rest),
                Ordering::Less => hi = mid,
                Ordering::Greater => lo = mid + 1,
            }
        }
        None
    }

    fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.starts.len()).map(|i| self.line(i).0)
    }
}

/// A `form<TAB>class` rest of line.
fn form(rest: &'static str) -> Option<Form> {
    let (text, class) = rest.split_once('\t')?;
    let class = match class.trim_end_matches('\r') {
        "name" => Class::Name,
        "title" => Class::Title,
        "ambiguous" => Class::Ambiguous,
        _ => return None,
    };
    Some(Form { text, class })
}

/// The tab-separated columns of each data line (comments and blank lines skipped).
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn cue_row(cols: Vec<&'static str>) -> Option<(&'static str, Cue)> {
    let cue = match *cols.get(1)? {
        "before" => Cue::Before,
        "after" => Cue::After,
        _ => return None,
    };
    Some((*cols.first()?, cue))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_tables_are_sorted_and_whole() {
        for (name, text) in [("words", WORDS), ("phrases", PHRASES), ("common", COMMON)] {
            let table = SortedLines::new(text);
            let keys: Vec<&str> = table.keys().collect();
            assert!(keys.len() > 1000, "{name}");
            for pair in keys.windows(2) {
                assert!(pair[0].as_bytes() < pair[1].as_bytes(), "{name}: {pair:?}");
            }
            // Every key is found, and its line read whole.
            for (i, k) in keys.iter().enumerate().step_by(97) {
                assert!(table.find(k).is_some(), "{name}: {k} (line {i})");
            }
            assert!(table.find("").is_none() && table.find("\u{10FFFF}").is_none());
        }
        for line in SortedLines::new(WORDS)
            .body
            .lines()
            .chain(SortedLines::new(PHRASES).body.lines())
        {
            let rest = line.split_once('\t').map(|(_, r)| r);
            assert!(rest.and_then(form).is_some(), "bad line {line:?}");
        }
        assert_eq!(Tables::bundled().cues.len(), rows(CUES).count());
    }

    #[test]
    fn forms_keep_their_letters() {
        // The runtime copies case letter by letter: a form must spell its key.
        for line in SortedLines::new(WORDS).body.lines() {
            let (key, rest) = line.split_once('\t').unwrap();
            assert_eq!(form(rest).unwrap().text.to_lowercase(), key);
        }
    }

    #[test]
    fn knows_the_dictionaries() {
        let t = Tables::bundled();
        assert_eq!(t.word("turkey").map(|f| f.text), Some("Turkey"));
        assert_eq!(t.word("nato").map(|f| f.text), Some("NATO"));
        assert_eq!(t.word("us").map(|f| f.class), Some(Class::Ambiguous));
        assert_eq!(t.word("president").map(|f| f.class), Some(Class::Title));
        assert_eq!(
            t.phrase("united nations").map(|f| f.text),
            Some("United Nations")
        );
        assert_eq!(t.longest_phrase_from("united"), 8);
        assert_eq!(t.longest_phrase_from("shelled"), 0);
        assert!(t.is_common("ceasefire"));
        assert!(!t.is_common("idlib"));
        assert!(t.is_abbreviation("gen"));
        assert!(t.is_abbreviation("u.s"));
        assert_eq!(t.cue("the"), Some(Cue::Before));
        assert_eq!(t.cue("troops"), Some(Cue::After));
    }
}
