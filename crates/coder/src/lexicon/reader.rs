//! The one reader of the `data/lexicon` files: tab-separated rows, `#` comment lines, blank lines
//! skipped; every row checked against what its file declares (the kinds it may hold, how many
//! columns each kind has, which leading columns must be unique), so that a mistyped kind, a
//! missing tab or a repeated entry is an error naming the file and the line, not a word silently
//! dropped.

use std::borrow::Cow;

/// What a file may hold.
#[derive(Clone, Copy, Debug)]
pub enum Layout {
    /// The first column names the kind of the row (`speech<TAB>say`); the kinds are listed.
    Kinds(&'static [Kind]),
    /// Every row has the same columns; there is no kind column.
    Plain(Kind),
}

/// One kind of row.
#[derive(Clone, Copy, Debug)]
pub struct Kind {
    /// The name in the kind column ("" for a plain file).
    pub name: &'static str,
    /// Columns after the kind column.
    pub columns: usize,
    /// How many leading columns (after the kind) must be unique among the rows of this kind.
    pub key: usize,
}

/// A data row: its 1-based line and its columns (after the kind column), trimmed.
#[derive(Clone, Debug)]
pub struct Row {
    pub line: usize,
    pub cols: Vec<&'static str>,
}

/// The rows of a file, grouped by kind in the order the layout lists the kinds, each group in
/// file order.
#[derive(Debug)]
pub struct Table {
    pub file: &'static str,
    kinds: Vec<(&'static str, Vec<Row>)>,
}

impl Table {
    /// The rows of kind `kind`; asking for a kind the layout does not declare is an error (a
    /// reader whose kind name is misspelt would otherwise get no rows).
    pub fn rows(&self, kind: &str) -> Result<&[Row], LexiconError> {
        self.kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, rows)| rows.as_slice())
            .ok_or_else(|| LexiconError {
                file: self.file.to_string(),
                line: 0,
                reason: Reason::Undeclared(kind.to_string()),
            })
    }

    /// An error at a row of this table.
    pub fn error(&self, row: &Row, reason: Reason) -> LexiconError {
        LexiconError {
            file: self.file.to_string(),
            line: row.line,
            reason,
        }
    }
}

/// What is wrong with a line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    #[error("unknown kind {0:?} (this file knows: {1})")]
    UnknownKind(String, String),
    #[error("{kind:?} rows have {expected} column(s) after the kind, found {found}")]
    MissingColumn {
        kind: String,
        expected: usize,
        found: usize,
    },
    #[error("{kind:?} rows have {expected} column(s) after the kind, found {found}")]
    ExtraColumn {
        kind: String,
        expected: usize,
        found: usize,
    },
    #[error("column {0} is empty")]
    EmptyColumn(usize),
    #[error("column {0} holds a tab-like or doubled space: words are separated by one space")]
    Spacing(usize),
    #[error("{entry:?} is listed twice as {kind:?} (first on line {first})")]
    Duplicate {
        kind: String,
        entry: String,
        first: usize,
    },
    #[error("{value:?} is not {expected}")]
    BadValue { value: String, expected: String },
    #[error("{0}")]
    Count(String),
    #[error("the reader asks for kind {0:?}, which the file's layout does not declare")]
    Undeclared(String),
}

/// A line of a lexicon file that is not what the file declares.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("data/lexicon/{file}:{line}: {reason}")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub reason: Reason,
}

/// Read and check the text of lexicon file `file`.
pub fn read(file: &'static str, text: &'static str, layout: Layout) -> Result<Table, LexiconError> {
    let declared: &[Kind] = match &layout {
        Layout::Kinds(kinds) => kinds,
        Layout::Plain(kind) => std::slice::from_ref(kind),
    };
    let mut table = Table {
        file,
        kinds: declared.iter().map(|k| (k.name, Vec::new())).collect(),
    };
    // Where each key was first seen, by kind: the key's columns joined by tabs (borrowed from the
    // text when the key is one column, as for most files).
    let mut seen: std::collections::HashMap<(usize, Cow<str>), usize> =
        std::collections::HashMap::with_capacity(text.len() / 16);
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let line_no = i + 1;
        let err = |reason| LexiconError {
            file: file.to_string(),
            line: line_no,
            reason,
        };
        let mut cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
        let index = match layout {
            Layout::Plain(_) => 0,
            Layout::Kinds(kinds) => {
                let name = cols.remove(0);
                kinds.iter().position(|k| k.name == name).ok_or_else(|| {
                    let known: Vec<&str> = kinds.iter().map(|k| k.name).collect();
                    err(Reason::UnknownKind(name.to_string(), known.join(", ")))
                })?
            }
        };
        let kind = declared[index];
        let count = |expected, found| (kind.name.to_string(), expected, found);
        if cols.len() < kind.columns {
            let (kind, expected, found) = count(kind.columns, cols.len());
            return Err(err(Reason::MissingColumn {
                kind,
                expected,
                found,
            }));
        }
        if cols.len() > kind.columns {
            let (kind, expected, found) = count(kind.columns, cols.len());
            return Err(err(Reason::ExtraColumn {
                kind,
                expected,
                found,
            }));
        }
        for (c, col) in cols.iter().enumerate() {
            if col.is_empty() {
                return Err(err(Reason::EmptyColumn(c + 1)));
            }
            if col.contains("  ") || col.contains(|ch: char| ch.is_whitespace() && ch != ' ') {
                return Err(err(Reason::Spacing(c + 1)));
            }
        }
        let key = match kind.key {
            1 => Cow::Borrowed(cols[0]),
            n => Cow::Owned(cols[..n].join("\t")),
        };
        if let Some(first) = seen.insert((index, key.clone()), line_no) {
            return Err(err(Reason::Duplicate {
                kind: kind.name.to_string(),
                entry: key.into_owned(),
                first,
            }));
        }
        table.kinds[index].1.push(Row {
            line: line_no,
            cols,
        });
    }
    Ok(table)
}

/// Read a file with no kind column, `columns` columns a row, the first `key` of them unique.
pub fn plain(
    file: &'static str,
    text: &'static str,
    columns: usize,
    key: usize,
) -> Result<Table, LexiconError> {
    let kind = Kind {
        name: "",
        columns,
        key,
    };
    read(file, text, Layout::Plain(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: &[Kind] = &[
        Kind {
            name: "word",
            columns: 1,
            key: 1,
        },
        Kind {
            name: "pair",
            columns: 2,
            key: 1,
        },
    ];

    fn reason(text: &'static str) -> (usize, Reason) {
        let e = read("test.tsv", text, Layout::Kinds(KINDS)).unwrap_err();
        assert_eq!(e.file, "test.tsv");
        (e.line, e.reason)
    }

    #[test]
    fn reads_rows_by_kind_in_file_order() {
        let t = read(
            "test.tsv",
            "# comment\n\nword\tb\npair\tx\t1\nword\ta \n",
            Layout::Kinds(KINDS),
        )
        .unwrap();
        let words: Vec<&str> = t.rows("word").unwrap().iter().map(|r| r.cols[0]).collect();
        assert_eq!(words, ["b", "a"]);
        let pair = &t.rows("pair").unwrap()[0];
        assert_eq!((pair.cols.as_slice(), pair.line), (&["x", "1"][..], 4));
        let e = t.rows("other").unwrap_err();
        assert_eq!(e.reason, Reason::Undeclared("other".into()));
    }

    #[test]
    fn unknown_kind_is_an_error() {
        let (line, r) = reason("word\ta\nwrod\tb\n");
        assert_eq!(line, 2);
        assert!(matches!(r, Reason::UnknownKind(k, _) if k == "wrod"));
    }

    #[test]
    fn missing_column_is_an_error() {
        let (line, r) = reason("# h\npair\tx\n");
        assert_eq!(line, 2);
        assert!(matches!(
            r,
            Reason::MissingColumn {
                expected: 2,
                found: 1,
                ..
            }
        ));
        // A space typed for a tab leaves the row one column short.
        let (_, r) = reason("pair\tx 1\n");
        assert!(matches!(r, Reason::MissingColumn { .. }));
    }

    #[test]
    fn extra_column_is_an_error() {
        let (line, r) = reason("word\ta\tb\n");
        assert_eq!(line, 1);
        assert!(matches!(r, Reason::ExtraColumn { found: 2, .. }));
    }

    #[test]
    fn empty_column_and_bad_spacing_are_errors() {
        assert_eq!(reason("pair\t\t1\n"), (1, Reason::EmptyColumn(1)));
        assert_eq!(reason("word\tforeign  minister\n"), (1, Reason::Spacing(1)));
    }

    #[test]
    fn duplicate_entry_is_an_error() {
        let (line, r) = reason("word\ta\npair\ta\t1\npair\ta\t2\n");
        assert_eq!(line, 3);
        assert_eq!(
            r,
            Reason::Duplicate {
                kind: "pair".into(),
                entry: "a".into(),
                first: 2
            }
        );
        // The same word under two kinds is no duplicate.
        assert!(read("t", "word\ta\npair\ta\t1\n", Layout::Kinds(KINDS)).is_ok());
    }

    #[test]
    fn plain_files_have_no_kind_column() {
        let kind = Kind {
            name: "",
            columns: 2,
            key: 2,
        };
        let t = read("p.tsv", "a\t1\na\t2\n", Layout::Plain(kind)).unwrap();
        assert_eq!(t.rows("").unwrap().len(), 2);
        let e = read("p.tsv", "a\t1\na\t1\n", Layout::Plain(kind)).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().starts_with("data/lexicon/p.tsv:2: "), "{e}");
    }
}
