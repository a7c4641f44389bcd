//! Name keys: the form in which place names are compared.
//!
//! A key is the name folded to ASCII, lowercased, with apostrophes and dots dropped and hyphens turned
//! into spaces ("Ma'arrat al-Nu'man" → "maarrat al numan"). The same rules are applied by
//! `scripts/build_gazetteer.py`; the Latin letter folds come from `data/gazetteer/fold.tsv` so both sides
//! share one table.

use std::collections::HashMap;

/// Latin letters → lowercase ASCII ("ş" → "s", "ß" → "ss").
#[derive(Debug, Default)]
pub struct Fold {
    map: HashMap<char, &'static str>,
}

impl Fold {
    /// Parse `fold.tsv` (char TAB ascii, `#` comments).
    pub fn parse(text: &'static str) -> Fold {
        let mut map = HashMap::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut parts = line.split('\t');
            if let (Some(c), Some(a)) = (parts.next(), parts.next()) {
                let mut chars = c.chars();
                if let (Some(ch), None) = (chars.next(), chars.next()) {
                    map.insert(ch, a);
                }
            }
        }
        Fold { map }
    }

    /// Write the key of `name` into `out` (cleared first). Returns false when the name holds a
    /// character outside the Latin script, so it cannot be a gazetteer name.
    pub fn key_into(&self, name: &str, out: &mut String) -> bool {
        out.clear();
        let mut space = true; // suppress leading and repeated spaces
        for c in name.chars() {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                out.push(c);
                space = false;
            } else if c.is_ascii_uppercase() {
                out.push(c.to_ascii_lowercase());
                space = false;
            } else if is_apostrophe(c) || c == '.' {
                continue;
            } else if is_dash(c) || c.is_whitespace() {
                if !space {
                    out.push(' ');
                    space = true;
                }
            } else if let Some(f) = self.map.get(&c) {
                out.push_str(f);
                space = false;
            } else {
                return false;
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        !out.is_empty()
    }

    /// The key of `name`, if it has one.
    pub fn key(&self, name: &str) -> Option<String> {
        let mut out = String::with_capacity(name.len());
        self.key_into(name, &mut out).then_some(out)
    }
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | '`' | '´' | 'ʿ' | 'ʾ' | 'ʻ' | 'ʼ' | '′' | 'ʹ'
    )
}

pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—')
}

/// Arabic article forms, assimilated or not ("an Nu'man", "ez-Zor", "el Ain").
const ARTICLES: &[&str] = &[
    "al", "el", "an", "ar", "as", "ad", "at", "az", "ash", "ath", "adh", "ed", "er", "es", "et",
    "ez", "en", "esh", "ul", "il",
];

/// A looser key where transliterations differ most: Arabic articles unified to "al", doubled
/// letters collapsed and a final "h" after a vowel dropped ("maarrat an numan" and "maarat al
/// numaan" → "marat al numan"; "hodeidah" → "hodeida"). `None` for single words under six letters,
/// where loose matching would mostly add noise.
pub fn loose_key(key: &str) -> Option<String> {
    if !key.contains(' ') && key.len() < 6 {
        return None;
    }
    let mut joined = String::with_capacity(key.len());
    for (i, w) in key.split(' ').enumerate() {
        if i > 0 {
            joined.push(' ');
        }
        let article = w.len() <= 3 && ARTICLES.contains(&w);
        let w = if article { "al" } else { w };
        // The Arabic feminine ending is written -ah, -a or -eh.
        let soft_h =
            w.len() >= 5 && w.ends_with('h') && w[..w.len() - 1].ends_with(['a', 'e', 'i']);
        joined.push_str(if soft_h { &w[..w.len() - 1] } else { w });
    }
    let mut out = String::with_capacity(joined.len());
    let mut prev = '\0';
    for c in joined.chars() {
        if c != prev || c == ' ' {
            out.push(c);
        }
        prev = c;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold() -> Fold {
        Fold::parse("# c\tascii\nİ\ti\nş\ts\nā\ta\nü\tu\né\te\nı\ti\n")
    }

    #[test]
    fn keys_fold_and_lowercase() {
        let f = fold();
        assert_eq!(f.key("İskenderun").as_deref(), Some("iskenderun"));
        assert_eq!(
            f.key("Ma'arrat al-Nu'man").as_deref(),
            Some("maarrat al numan")
        );
        assert_eq!(f.key("  Sarāqib ").as_deref(), Some("saraqib"));
        assert_eq!(f.key("U.S.").as_deref(), Some("us"));
        assert_eq!(f.key("Idlib — north").as_deref(), Some("idlib north"));
        assert_eq!(f.key("إدلب"), None);
        assert_eq!(f.key("''"), None);
    }

    #[test]
    fn loose_keys_unify_transliterations() {
        assert_eq!(loose_key("maarrat an numan"), loose_key("maarat al numaan"));
        assert_eq!(loose_key("ras el ain"), loose_key("ras al ain"));
        assert_eq!(loose_key("idlib"), None);
        assert_eq!(loose_key("hodeidah"), loose_key("hodeida"));
        assert_eq!(loose_key("kabkabiyah"), loose_key("kabkabiya"));
    }
}
