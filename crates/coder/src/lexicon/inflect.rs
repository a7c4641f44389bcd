//! Inflection of dictionary lemmas, so that one pattern matches every form of its verb or noun.
//! Regular English rules, with the irregular and consonant-doubling verbs read from
//! `data/lexicon/verb_forms.tsv`.

use super::reader::{read, Kind, Layout, LexiconError};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct VerbForms {
    pub third: String,
    pub past: String,
    pub participle: String,
    pub ing: String,
}

/// Irregular forms by lemma.
#[derive(Clone, Debug, Default)]
pub struct Irregulars {
    forms: HashMap<String, VerbForms>,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

impl Irregulars {
    pub const FILE: &'static str = "verb_forms.tsv";
    pub const TEXT: &'static str = include_str!("../../../../data/lexicon/verb_forms.tsv");

    /// Parse `lemma 3sg past participle ing` rows; a row with missing columns or a lemma listed
    /// twice is an error.
    pub fn parse(src: &'static str) -> Result<Irregulars, LexiconError> {
        let kind = Kind {
            name: "",
            columns: 5,
            key: 1,
        };
        let table = read(Self::FILE, src, Layout::Plain(kind))?;
        let mut forms = HashMap::new();
        for row in table.rows("")? {
            let f = &row.cols;
            let v = VerbForms {
                third: f[1].to_string(),
                past: f[2].to_string(),
                participle: f[3].to_string(),
                ing: f[4].to_string(),
            };
            forms.insert(f[0].to_string(), v);
        }
        Ok(Irregulars { forms })
    }

    /// All forms of a verb lemma (lowercase), the lemma first; alternative forms may be written
    /// with `|` in the table ("learned|learnt").
    pub fn verb_forms(&self, lemma: &str) -> Vec<String> {
        let r = regular(lemma);
        let listed = self.forms.get(lemma);
        // A verb listed with a regular past ("cancelled|canceled", "stopped") keeps the rule-made
        // forms too, since spelling varies; a truly irregular one ("held") does not.
        let keep_regular = listed.is_none_or(|v| v.past.split('|').any(|p| p.ends_with("ed")));
        let listed = listed
            .into_iter()
            .flat_map(|v| [&v.third, &v.past, &v.participle, &v.ing]);
        let rule_made = [&r.third, &r.past, &r.participle, &r.ing]
            .into_iter()
            .filter(|_| keep_regular);
        let mut out = vec![lemma.to_string()];
        for f in listed.chain(rule_made) {
            for alt in f.split('|') {
                if !alt.is_empty() && !out.iter().any(|o| o == alt) {
                    out.push(alt.to_string());
                }
            }
        }
        out
    }
}

/// Regular inflection: third person -s/-es/-ies, past -ed/-d/-ied, gerund -ing with silent e dropped.
pub fn regular(lemma: &str) -> VerbForms {
    let b = lemma.as_bytes();
    let n = b.len();
    let last = b.last().copied().unwrap_or(b' ');
    let before = if n >= 2 { b[n - 2] } else { b' ' };
    let consonant_y = last == b'y' && !is_vowel(before);
    let third = if consonant_y {
        format!("{}ies", &lemma[..n - 1])
    } else if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || lemma.ends_with('o')
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let past = if consonant_y {
        format!("{}ied", &lemma[..n - 1])
    } else if last == b'e' {
        format!("{lemma}d")
    } else {
        format!("{lemma}ed")
    };
    let ing = if last == b'e' && n > 2 && !matches!(before, b'e' | b'y' | b'o') {
        format!("{}ing", &lemma[..n - 1])
    } else {
        format!("{lemma}ing")
    };
    VerbForms {
        third,
        past: past.clone(),
        participle: past,
        ing,
    }
}

/// Plural forms of the last word of a noun phrase (the word itself included).
pub fn noun_forms(word: &str) -> Vec<String> {
    let b = word.as_bytes();
    let n = b.len();
    let mut out = vec![word.to_string()];
    if n < 2 || !word.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-') {
        return out;
    }
    let plural = if b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &word[..n - 1])
    } else if word.ends_with('s')
        || word.ends_with('x')
        || word.ends_with("ch")
        || word.ends_with("sh")
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    };
    out.push(plural);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verbs() {
        let f = regular("reject");
        assert_eq!(
            (f.third.as_str(), f.past.as_str(), f.ing.as_str()),
            ("rejects", "rejected", "rejecting")
        );
        let f = regular("agree");
        assert_eq!(
            (f.third.as_str(), f.past.as_str(), f.ing.as_str()),
            ("agrees", "agreed", "agreeing")
        );
        let f = regular("deny");
        assert_eq!((f.third.as_str(), f.past.as_str()), ("denies", "denied"));
        let f = regular("accuse");
        assert_eq!((f.past.as_str(), f.ing.as_str()), ("accused", "accusing"));
        assert_eq!(regular("approach").third, "approaches");
        assert_eq!(regular("play").past, "played");
    }

    #[test]
    fn irregulars_override() {
        let irr = Irregulars::parse("# h\nhold\tholds\theld\theld\tholding\nlearn\tlearns\tlearned|learnt\tlearned|learnt\tlearning\n").unwrap();
        assert_eq!(
            irr.verb_forms("hold"),
            vec!["hold", "holds", "held", "holding"]
        );
        assert!(irr.verb_forms("learn").contains(&"learnt".to_string()));
        assert!(Irregulars::parse("hold\theld\n").is_err());
    }

    #[test]
    fn noun_plurals() {
        assert_eq!(noun_forms("strike"), vec!["strike", "strikes"]);
        assert_eq!(noun_forms("militia"), vec!["militia", "militias"]);
        assert_eq!(noun_forms("party"), vec!["party", "parties"]);
        assert_eq!(noun_forms("a1"), vec!["a1"]);
    }
}
