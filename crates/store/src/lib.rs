//! `flashpoint_store`: the event store of Flashpoint.
//!
//! An embedded SQLite database (one file, WAL) holding coded articles (the `flashpoint code`
//! output contract, read back as [`CodedArticle`]), the events told in them deduplicated across
//! sources (GDELT's events and mentions), and what is computed from them: directed dyad series,
//! escalation alerts and exports.
//!
//! ```no_run
//! # fn main() -> flashpoint_store::Result<()> {
//! use flashpoint_store::{Store, DyadQuery};
//! let store = Store::open("flashpoint.db".as_ref())?;
//! let series = store.dyad_series(&DyadQuery::new("TUR", "SYR"))?;
//! # Ok(()) }
//! ```
//!
//! Writes go through one [`Store`] (one connection); readers may open their own while an ingest
//! runs. Every error names the database file or the input field at fault.

mod alerts;
pub mod api_queries;
mod dedup;
mod error;
mod export;
mod ingest;
mod query;
pub mod record;
mod schema;
mod series;
pub mod synthetic;
mod time;

pub use alerts::{Alert, AlertParams, AlertQuery, Evidence};
pub use error::{Error, InputError, Result};
pub use export::{ExportFormat, ExportOptions, ExportReport, ExportRow};
pub use ingest::{hash_article, hash_bytes, BatchReport, Incoming, Outcome};
pub use query::{
    ActorCodes, ArticleDetail, ArticleRow, EventDetail, EventFilter, EventRow, MentionRow, Page,
    PlaceRow, QuantityRow, QuoteRow,
};
pub use record::CodedArticle;
pub use series::{DyadQuery, DyadTotal, Interval, Series, SeriesPoint, TopQuery};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// A Flashpoint database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The connection has been set up for writing (on its first ingest).
    writer: bool,
}

/// How many rows each table holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub articles: u64,
    pub sentences: u64,
    pub events: u64,
    pub mentions: u64,
    pub actors: u64,
    pub quotes: u64,
    pub quantities: u64,
    pub places: u64,
}

/// Attach the database path to SQLite errors.
pub(crate) trait At<T> {
    fn at(self, path: &Path) -> Result<T>;
}

impl<T> At<T> for rusqlite::Result<T> {
    fn at(self, path: &Path) -> Result<T> {
        self.map_err(|source| Error::Sqlite {
            path: path.to_path_buf(),
            source,
        })
    }
}

impl Store {
    /// Open an existing Flashpoint database. A missing file is [`Error::Missing`]; a file that is
    /// not one (another SQLite database, an empty file, anything else) is [`Error::Foreign`] and
    /// is left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        Store::connect(path, false)
    }

    /// Open a Flashpoint database, creating it when the file does not exist (for ingest).
    pub fn create(path: &Path) -> Result<Store> {
        Store::connect(path, true)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn connect(path: &Path, create: bool) -> Result<Store> {
        let exists = path.exists();
        if !exists && !create {
            return Err(Error::Missing(path.to_path_buf()));
        }
        if path.is_dir() {
            return Err(foreign(path, "it is a directory"));
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags).at(path)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            writer: false,
        };
        store.check_and_migrate(create)?;
        store.tune()?;
        Ok(store)
    }

    /// Refuse anything that is not ours; set up a new file; apply pending migrations.
    fn check_and_migrate(&mut self, create: bool) -> Result<()> {
        let path = self.path.clone();
        let app_id: i64 = match self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
        {
            Ok(id) => id,
            Err(e) if is_not_a_database(&e) => return Err(foreign(&path, "not an SQLite file")),
            Err(e) => return Err(Error::Sqlite { path, source: e }),
        };
        let tables: i64 = match self
            .conn
            .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
        {
            Ok(n) => n,
            Err(e) if is_not_a_database(&e) => return Err(foreign(&path, "not an SQLite file")),
            Err(e) => return Err(Error::Sqlite { path, source: e }),
        };
        if app_id == 0 && tables == 0 {
            if !create {
                return Err(foreign(&path, "an empty database"));
            }
            self.conn
                .pragma_update(None, "application_id", schema::APPLICATION_ID)
                .at(&path)?;
        } else if app_id != schema::APPLICATION_ID {
            return Err(foreign(
                &path,
                &format!("SQLite application id {app_id:#x}, not Flashpoint's"),
            ));
        }
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .at(&path)?;
        if version > schema::latest() {
            return Err(Error::TooNew {
                path,
                found: version,
                known: schema::latest(),
            });
        }
        schema::migrate(&mut self.conn).at(&path)?;
        Ok(())
    }

    /// WAL with NORMAL sync: a killed process loses nothing committed (only a power cut could lose
    /// the last transactions); readers do not block the writer.
    fn tune(&self) -> Result<()> {
        let c = &self.conn;
        c.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .at(&self.path)?;
        c.pragma_update(None, "synchronous", "NORMAL")
            .at(&self.path)?;
        c.pragma_update(None, "foreign_keys", "ON").at(&self.path)?;
        c.pragma_update(None, "cache_size", -32_000)
            .at(&self.path)?;
        // Pages read through a memory map are shared by every connection (the server keeps a
        // pool of readers): a connection opened under load finds the file's pages already in
        // memory instead of copying each into a cache of its own.
        c.pragma_update_and_check(None, "mmap_size", 1_i64 << 30, |_| Ok(()))
            .at(&self.path)?;
        c.busy_timeout(std::time::Duration::from_secs(10))
            .at(&self.path)?;
        // Query planner stability: SQLite otherwise marks some statements (joins with a bound
        // value, here the dedup's recount of an event) to be compiled again each time a new value
        // is bound, in case the value allows a better plan; that was 8 % of an ingest. No plan
        // here depends on a bound value (no statistics tables, no LIKE on an indexed prefix).
        c.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .at(&self.path)?;
        // Ingest alone uses some twenty statements; the default cache of 16 would re-parse them.
        c.set_prepared_statement_cache_capacity(64);
        Ok(())
    }

    /// Set up a connection that writes, once, before its first ingest:
    /// - no memory map: the map pays off when several readers share the file's pages (the
    ///   server's pool), while the one writer reads the whole file over an ingest and so kept it
    ///   all resident (122 MB for a 90 MB store; 52 MB without, at the same speed);
    /// - a checkpoint every 10,000 WAL pages (40 MB) instead of 1,000: a batch rewrites pages of
    ///   every index, the same pages batch after batch, and each checkpoint copies them into the
    ///   file; checkpointing a quarter as often writes a quarter less in all. The WAL file is
    ///   removed when the last connection closes.
    pub(crate) fn tune_for_writing(&mut self) -> Result<()> {
        if self.writer {
            return Ok(());
        }
        let c = &self.conn;
        c.pragma_update_and_check(None, "mmap_size", 0, |_| Ok(()))
            .at(&self.path)?;
        c.pragma_update_and_check(None, "wal_autocheckpoint", 10_000, |_| Ok(()))
            .at(&self.path)?;
        self.writer = true;
        Ok(())
    }

    /// Row counts of every table.
    pub fn counts(&self) -> Result<Counts> {
        let n = |table: &str| -> Result<u64> {
            let sql = format!("SELECT COUNT(*) FROM {table}");
            let v: i64 = self.conn.query_row(&sql, [], |r| r.get(0)).at(&self.path)?;
            Ok(v as u64)
        };
        Ok(Counts {
            articles: n("articles")?,
            sentences: n("sentences")?,
            events: n("events")?,
            mentions: n("mentions")?,
            actors: n("actors")?,
            quotes: n("quotes")?,
            quantities: n("quantities")?,
            places: n("places")?,
        })
    }

    /// `PRAGMA integrity_check`: `"ok"` when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check").at(&self.path)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .at(&self.path)?;
        let lines: Vec<String> = rows.collect::<rusqlite::Result<_>>().at(&self.path)?;
        Ok(lines.join("\n"))
    }
}

fn foreign(path: &Path, reason: &str) -> Error {
    Error::Foreign {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_missing_empty_and_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.db");
        assert!(matches!(Store::open(&missing), Err(Error::Missing(_))));

        let text = dir.path().join("notes.db");
        std::fs::write(&text, "just some text, certainly not SQLite ............").unwrap();
        let e = Store::open(&text).err().unwrap();
        assert!(matches!(e, Error::Foreign { .. }), "{e}");
        assert!(e.to_string().contains("notes.db"), "{e}");
        assert!(Store::create(&text).is_err());
        assert!(std::fs::read_to_string(&text).unwrap().starts_with("just"));

        let other = dir.path().join("other.db");
        let c = Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t(x)").unwrap();
        drop(c);
        let e = Store::create(&other).err().unwrap();
        assert!(e
            .to_string()
            .contains("other.db: not a Flashpoint database"));

        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, "").unwrap();
        assert!(matches!(Store::open(&empty), Err(Error::Foreign { .. })));
    }

    #[test]
    fn readers_map_the_file_and_a_writer_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("fp.db")).unwrap();
        let pragma = |s: &Store, name: &str| -> i64 {
            s.conn.pragma_query_value(None, name, |r| r.get(0)).unwrap()
        };
        assert!(pragma(&store, "mmap_size") > 0);
        let line = crate::synthetic::corpus(3, 1).remove(0);
        let batch = [Incoming::from_coded_line(line.as_bytes()).unwrap()];
        store.ingest_batch(&batch).unwrap();
        assert_eq!(pragma(&store, "mmap_size"), 0);
        assert_eq!(pragma(&store, "wal_autocheckpoint"), 10_000);
        assert_eq!(store.counts().unwrap().articles, 1);
    }

    #[test]
    fn creates_then_reopens_at_the_latest_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fp.db");
        let store = Store::create(&path).unwrap();
        assert_eq!(store.counts().unwrap(), Counts::default());
        drop(store);
        let store = Store::open(&path).unwrap();
        let v: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::latest());
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }
}
