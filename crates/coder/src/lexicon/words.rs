//! The typed word lists the registry hands out: sets of words and maps from a word to a value,
//! both borrowing their text from the embedded files, so that a look-up never allocates.

use super::reader::{Kind, LexiconError, Reason, Row, Table};
use std::collections::{HashMap, HashSet};

/// A list of words (or phrases of words joined by single spaces), in file order.
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    order: Vec<&'static str>,
    set: HashSet<&'static str>,
}

impl WordSet {
    pub fn contains(&self, word: &str) -> bool {
        self.set.contains(word)
    }

    /// Where `word` stands in the file's list (months in calendar order).
    pub fn position(&self, word: &str) -> Option<usize> {
        self.order.iter().position(|w| *w == word)
    }

    /// The words in file order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.order.iter().copied()
    }

    pub fn as_slice(&self) -> &[&'static str] {
        &self.order
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(iter: I) -> Self {
        let mut s = WordSet::default();
        for w in iter {
            if s.set.insert(w) {
                s.order.push(w);
            }
        }
        s
    }
}

/// A value a lexicon column holds, read from its text.
pub trait Value: Sized {
    /// What the column must hold, for the error message.
    const EXPECTED: &'static str;
    fn read(text: &'static str) -> Option<Self>;
}

impl Value for &'static str {
    const EXPECTED: &'static str = "a word";
    fn read(text: &'static str) -> Option<Self> {
        Some(text)
    }
}

impl Value for u64 {
    const EXPECTED: &'static str = "a whole number";
    fn read(text: &'static str) -> Option<Self> {
        text.parse().ok()
    }
}

/// Read column `col` of a row as a `V`, or an error naming the row.
pub fn value<V: Value>(table: &Table, row: &Row, col: usize) -> Result<V, LexiconError> {
    let text = row.cols.get(col).copied().unwrap_or("");
    V::read(text).ok_or_else(|| {
        table.error(
            row,
            Reason::BadValue {
                value: text.to_string(),
                expected: V::EXPECTED.to_string(),
            },
        )
    })
}

/// Words with a value each (`number<TAB>four<TAB>4`).
#[derive(Clone, Debug)]
pub struct WordMap<V> {
    map: HashMap<&'static str, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: HashMap::new(),
        }
    }
}

impl<V> WordMap<V> {
    pub fn get(&self, word: &str) -> Option<&V> {
        self.map.get(word)
    }

    pub fn contains_key(&self, word: &str) -> bool {
        self.map.contains_key(word)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &V)> + '_ {
        self.map.iter().map(|(k, v)| (*k, v))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// A typed list built from the rows of one kind of a lexicon file.
pub trait FromKind: Sized {
    /// Columns after the kind column.
    const COLUMNS: usize;
    /// Leading columns that must be unique.
    const KEY: usize = 1;
    fn from_rows(table: &Table, rows: &[Row]) -> Result<Self, LexiconError>;

    fn build(table: &Table, kind: &str) -> Result<Self, LexiconError> {
        Self::from_rows(table, table.rows(kind)?)
    }
}

impl Kind {
    /// The kind `name`, with the columns of the list type it is read into.
    pub const fn of<T: FromKind>(name: &'static str) -> Kind {
        Kind {
            name,
            columns: T::COLUMNS,
            key: T::KEY,
        }
    }
}

impl FromKind for WordSet {
    const COLUMNS: usize = 1;
    fn from_rows(_: &Table, rows: &[Row]) -> Result<Self, LexiconError> {
        Ok(rows.iter().map(|r| r.cols[0]).collect())
    }
}

impl<V: Value> FromKind for WordMap<V> {
    const COLUMNS: usize = 2;
    fn from_rows(table: &Table, rows: &[Row]) -> Result<Self, LexiconError> {
        let mut map = HashMap::with_capacity(rows.len());
        for r in rows {
            map.insert(r.cols[0], value(table, r, 1)?);
        }
        Ok(WordMap { map })
    }
}

/// A lexicon file whose kinds are word sets or word maps: declares the struct, its fields and
/// the kind each field is read from, in one place.
macro_rules! lexicon_file {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $file:literal {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $kind:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl $name {
            pub const FILE: &'static str = $file;
            pub const TEXT: &'static str =
                include_str!(concat!("../../../../data/lexicon/", $file));

            pub fn parse(text: &'static str) -> Result<Self, $crate::lexicon::LexiconError> {
                use $crate::lexicon::words::FromKind;
                const KINDS: &[$crate::lexicon::reader::Kind] =
                    &[$( $crate::lexicon::reader::Kind::of::<$ty>($kind), )*];
                let table = $crate::lexicon::reader::read(
                    $file,
                    text,
                    $crate::lexicon::reader::Layout::Kinds(KINDS),
                )?;
                Ok($name {
                    $( $field: <$ty as FromKind>::build(&table, $kind)?, )*
                })
            }
        }
    };
}
pub(crate) use lexicon_file;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::reader::{read, Layout};

    #[test]
    fn sets_keep_file_order_and_maps_check_values() {
        const KINDS: &[Kind] = &[Kind::of::<WordSet>("w"), Kind::of::<WordMap<u64>>("n")];
        let t = read("t", "w\tb\nw\ta\nn\tfour\t4\n", Layout::Kinds(KINDS)).unwrap();
        let set = WordSet::build(&t, "w").unwrap();
        assert_eq!(set.as_slice(), ["b", "a"]);
        assert!(set.contains("a") && !set.contains("c"));
        assert_eq!(set.position("a"), Some(1));
        let map = WordMap::<u64>::build(&t, "n").unwrap();
        assert_eq!(map.get("four"), Some(&4));

        let t = read("t", "n\tfour\tvier\n", Layout::Kinds(KINDS)).unwrap();
        let e = WordMap::<u64>::build(&t, "n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(matches!(e.reason, Reason::BadValue { .. }));
    }
}
