//! Crash safety: `flashpoint ingest` killed with SIGKILL at 20 random moments while it runs loses
//! nothing it committed, leaves the file sound (`PRAGMA integrity_check`), never leaves an
//! article half-stored (each stored article has every event of one of its versions), and a re-run
//! ends exactly where an uninterrupted run does (the same rows, not only the same counts).
#![cfg(unix)] // SIGKILL and the signal that ended a run are Unix notions.

use flashpoint_store::synthetic::{self, Rng};
use std::collections::{HashMap, HashSet};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const ARTICLES: u64 = 6_000;
const KILLS: usize = 20;

fn ingest(input: &Path, db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_flashpoint"));
    c.args(["ingest", "-q", "--coded", "--batch", "100"])
        .arg(input)
        .arg("--db")
        .arg(db)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// Everything a run leaves, but the clock: every row of events and mentions, and the articles.
fn snapshot(db: &Path) -> (Vec<i64>, Vec<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let tables = ["articles", "sentences", "events", "mentions", "superseded"];
    let counts = tables
        .iter()
        .map(|t| {
            conn.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        })
        .collect();
    let mut rows = Vec::new();
    for sql in [
        "SELECT id || ' ' || root_mention || ' ' || day || ' ' || source_key || ' ' || target_key
                || ' ' || cameo || ' ' || num_mentions || ' ' || num_sources || ' ' || num_articles
         FROM events ORDER BY id",
        "SELECT id || ' ' || event_id || ' ' || article_id || ' ' || ordinal FROM mentions ORDER BY id",
        "SELECT id || ' ' || doc_id || ' ' || hex(content_hash) FROM articles ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let got = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        rows.extend(got.map(Result::unwrap));
    }
    (counts, rows)
}

/// After a kill: the file is sound and each stored article has all the events of one of its
/// versions. Returns how many articles are stored.
fn check_whole_articles(db: &Path, versions: &HashMap<String, HashSet<i64>>) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    // Killed before the schema's transaction committed: a file with nothing in it yet (the
    // next run creates the schema).
    let tables: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'articles'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if tables == 0 {
        return 0;
    }
    let mut stmt = conn
        .prepare(
            "SELECT a.doc_id, a.event_count,
                    (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id)
             FROM articles a",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })
        .unwrap();
    let mut stored = 0;
    for row in rows {
        let (doc, expected, mentions) = row.unwrap();
        assert_eq!(mentions, expected, "{doc} is half-stored");
        assert!(
            versions[&doc].contains(&expected),
            "{doc} has no such version"
        );
        stored += 1;
    }
    stored
}

#[test]
fn killed_ingest_loses_nothing_and_resumes_to_the_same_counts() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    eprintln!("kill test seed {seed}");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("coded.jsonl");
    let lines = synthetic::corpus(seed, ARTICLES);
    std::fs::write(&input, lines.join("\n")).unwrap();
    let mut versions: HashMap<String, HashSet<i64>> = HashMap::new();
    for l in &lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let events = v["events"].as_array().unwrap().len() as i64;
        versions
            .entry(v["id"].as_str().unwrap().to_string())
            .or_default()
            .insert(events);
    }

    let reference = dir.path().join("reference.db");
    let started = Instant::now();
    assert!(ingest(&input, &reference).status().unwrap().success());
    let full = started.elapsed();
    let expected = snapshot(&reference);
    let total = expected.0[0];

    let db = dir.path().join("killed.db");
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut stored = 0;
    // Only a kill that finds the ingest still running counts; a run that ended before its kill
    // (near the end, little is left to do) is tried again with half the window, within a bound.
    let (mut kills, mut tries) = (0, 0);
    let mut window = full;
    while kills < KILLS {
        tries += 1;
        assert!(
            tries <= 5 * KILLS,
            "only {kills} of {tries} runs were still going when killed"
        );
        let mut child = ingest(&input, &db).spawn().unwrap();
        // A random moment in what is left to do (and a few right at the start).
        let left = 1.0 - stored as f64 / total as f64;
        let share = rng.below(1000) as f64 / 1000.0;
        std::thread::sleep(window.mul_f64(share * left.max(0.05)));
        child.kill().unwrap(); // SIGKILL: no handler, no flush, no rollback
        let status = child.wait().unwrap();
        // A run may end on its own just before the kill lands (a loaded machine): only one the
        // signal ended counts as killed.
        if status.signal().is_some() {
            assert!(!status.success(), "a killed run reported success");
            kills += 1;
        } else {
            window /= 2;
        }
        let now = check_whole_articles(&db, &versions);
        assert!(
            now >= stored,
            "committed articles were lost: {now} < {stored}"
        );
        stored = now;
    }
    eprintln!(
        "{stored} of {total} articles stored after {kills} kills in {tries} runs (full run {full:?})"
    );
    assert!(ingest(&input, &db).status().unwrap().success());
    assert_eq!(snapshot(&db), expected);
}
