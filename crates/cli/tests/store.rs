//! The store commands end to end: `flashpoint ingest`, `query`, `watch`, `export`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn flashpoint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(args)
        .output()
        .expect("flashpoint runs")
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Row counts of every table, and the integrity check, read with SQLite directly.
fn counts(db: &Path) -> Vec<i64> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    [
        "articles",
        "sentences",
        "events",
        "mentions",
        "actors",
        "quotes",
        "quantities",
        "places",
    ]
    .iter()
    .map(|t| {
        conn.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

#[test]
fn ingesting_the_corpus_twice_changes_no_count() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fp.db");
    let db_arg = db.to_str().unwrap();
    let corpus = corpus();
    let first = flashpoint(&["ingest", corpus.to_str().unwrap(), "--db", db_arg]);
    assert!(first.status.success(), "{}", stderr(&first));
    let after_first = counts(&db);
    assert!(
        after_first[0] >= 50 && after_first[2] > 100,
        "{after_first:?}"
    );
    let second = flashpoint(&["ingest", corpus.to_str().unwrap(), "--db", db_arg]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains(" 0 added"), "{}", stderr(&second));
    assert_eq!(counts(&db), after_first);
}

#[test]
fn coded_output_ingests_like_articles() {
    let dir = tempfile::tempdir().unwrap();
    let coded = flashpoint(&[
        "code",
        corpus().join("other-crises.jsonl").to_str().unwrap(),
    ]);
    assert!(coded.status.success());
    let file = dir.path().join("coded.jsonl");
    std::fs::write(&file, &coded.stdout).unwrap();
    let from_text = dir.path().join("a.db");
    let from_coded = dir.path().join("b.db");
    let a = flashpoint(&[
        "ingest",
        corpus().join("other-crises.jsonl").to_str().unwrap(),
        "--db",
        from_text.to_str().unwrap(),
    ]);
    assert!(a.status.success(), "{}", stderr(&a));
    let b = flashpoint(&[
        "ingest",
        file.to_str().unwrap(),
        "--db",
        from_coded.to_str().unwrap(),
    ]);
    assert!(b.status.success(), "{}", stderr(&b));
    assert_eq!(counts(&from_text)[..4], counts(&from_coded)[..4]);
}

#[test]
fn bad_lines_are_named_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fp.db");
    let coded = flashpoint(&[
        "code",
        corpus().join("other-crises.jsonl").to_str().unwrap(),
    ]);
    let text = String::from_utf8(coded.stdout).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let good = lines.len() - 2;
    lines[3] = lines[3].replacen("\"cameo\":\"", "\"cameo\":\"x", 1);
    lines[5] = "{\"id\": \"broken\", \"events\": [".into();
    let file = dir.path().join("mixed.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = flashpoint(&[
        "ingest",
        file.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("mixed.jsonl:4: field `events[0].cameo`"),
        "{err}"
    );
    assert!(err.contains("mixed.jsonl:6:"), "{err}");
    assert_eq!(counts(&db)[0], good as i64);
}

#[test]
fn commands_refuse_missing_and_foreign_databases() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing.db");
    let foreign = dir.path().join("notes.txt");
    std::fs::write(
        &foreign,
        "shopping list: bread, milk, and a great deal of other text",
    )
    .unwrap();
    let commands = [
        vec!["ingest", "x.jsonl"],
        vec!["query", "dyad", "TUR", "SYR"],
        vec!["query", "top-dyads"],
        vec!["watch"],
    ];
    for args in &commands {
        let mut with_db = args.clone();
        with_db.extend(["--db", foreign.to_str().unwrap()]);
        let out = flashpoint(&with_db);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("notes.txt: not a Flashpoint database"),
            "{}",
            stderr(&out)
        );
    }
    for args in commands.iter().skip(1) {
        let mut with_db = args.clone();
        with_db.extend(["--db", missing.to_str().unwrap()]);
        let out = flashpoint(&with_db);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("nothing.db: no such database"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!missing.exists());
}

/// The TUR -> SYR alerts over the Idlib crisis, as `flashpoint watch --json` prints them, after
/// ingesting the sample corpus.
fn turkey_syria_alerts() -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fp.db");
    let db = db.to_str().unwrap();
    let ingest = flashpoint(&["ingest", "-q", corpus().to_str().unwrap(), "--db", db]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let args = [
        "watch",
        "--db",
        db,
        "--from",
        "2019-12-01",
        "--to",
        "2020-04-30",
    ];
    let watch = flashpoint(&[&args[..], &["--dyad", "TUR", "SYR", "--json"]].concat());
    assert!(watch.status.success(), "{}", stderr(&watch));
    counts(Path::new(db));
    String::from_utf8(watch.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn span(alert: &serde_json::Value) -> (String, String) {
    (
        alert["start"].as_str().unwrap().to_string(),
        alert["end"].as_str().unwrap().to_string(),
    )
}

#[test]
fn turkey_syria_alerts_in_the_idlib_escalation_and_calms_after_the_ceasefire() {
    let alerts = turkey_syria_alerts();
    let spans: Vec<_> = alerts.iter().map(span).collect();
    assert!(
        spans
            .iter()
            .any(|(start, _)| ("2020-02-17".."2020-03-09").contains(&start.as_str())),
        "{spans:?}"
    );
    // The 5 March ceasefire: nothing alerts once its week has passed.
    assert!(
        spans.iter().all(|(_, end)| end.as_str() <= "2020-03-12"),
        "{spans:?}"
    );
    let evidence = &alerts[0]["evidence"][0];
    assert!(
        evidence["sentence_text"].as_str().unwrap().contains("Turk"),
        "{evidence}"
    );
}

#[test]
#[ignore = "the coder gives no target to Turkey's strikes of 27 February - 1 March 2020 \
            ('destroyed tanks ... belonging to the Syrian government', 'targets of the Syrian \
            government had come under fire'), so TUR -> SYR holds one material-conflict event \
            in that week and its alert starts on 3 March"]
fn turkey_syria_alert_fires_in_the_last_week_of_february() {
    let spans: Vec<_> = turkey_syria_alerts().iter().map(span).collect();
    assert!(
        spans
            .iter()
            .any(|(start, end)| start.as_str() <= "2020-03-01" && end.as_str() >= "2020-02-24"),
        "{spans:?}"
    );
}
