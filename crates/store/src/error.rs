//! Errors of the store: every message names the database file or the input field at fault.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such database (run `flashpoint ingest` first, or pass --db)", .0.display())]
    Missing(PathBuf),
    #[error("{}: not a Flashpoint database ({reason})", path.display())]
    Foreign { path: PathBuf, reason: String },
    #[error(
        "{}: written by a newer Flashpoint (schema version {found}, this build knows up to {known})",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(String),
    #[cfg(feature = "parquet")]
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A problem with one input record: which field (a path such as `events[2].date`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub field: Option<String>,
    pub reason: String,
}

impl InputError {
    pub fn at(field: &str, reason: &str) -> InputError {
        InputError {
            field: Some(field.to_string()),
            reason: reason.to_string(),
        }
    }

    /// The same error one level down: `cameo` under `events[2]` is `events[2].cameo`.
    pub fn under(self, parent: &str) -> InputError {
        let field = match self.field {
            Some(f) => format!("{parent}.{f}"),
            None => parent.to_string(),
        };
        InputError {
            field: Some(field),
            reason: self.reason,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "field `{field}`: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for InputError {}
