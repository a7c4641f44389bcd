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
        vec!["export", "--format", "csv", "--out", "never-written"],
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
fn turkey_syria_alert_fires_in_the_last_week_of_february() {
    let spans: Vec<_> = turkey_syria_alerts().iter().map(span).collect();
    assert!(
        spans
            .iter()
            .any(|(start, end)| start.as_str() <= "2020-03-01" && end.as_str() >= "2020-02-24"),
        "{spans:?}"
    );
}

/// A database holding the sample corpus (ingested from its coded output, which is quicker to
/// load twice than text).
fn corpus_db(dir: &Path) -> PathBuf {
    let db = dir.join("fp.db");
    let out = flashpoint(&[
        "ingest",
        "-q",
        corpus().to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn export(db: &Path, format: &str, out: &Path) {
    let args = [
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ];
    let o = flashpoint(&args);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn gdelt_export_reads_by_its_column_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = corpus_db(dir.path());
    export(&db, "gdelt", dir.path());
    let text = std::fs::read_to_string(dir.path().join("events.gdelt.tsv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header.len(), 61);
    assert_eq!(
        (header[0], header[26], header[60]),
        ("GlobalEventID", "EventCode", "SOURCEURL")
    );
    let rows: Vec<std::collections::HashMap<&str, &str>> = lines
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            assert_eq!(fields.len(), 61, "{l}");
            header.iter().copied().zip(fields).collect()
        })
        .collect();
    assert_eq!(rows.len() as i64, counts(&db)[2], "one row per event");
    // Turkey's strike of 1 March 2020 on Syrian forces.
    let strike = rows
        .iter()
        .find(|r| {
            r["Day"] == "20200301"
                && r["Actor1CountryCode"] == "TUR"
                && r["Actor2CountryCode"] == "SYR"
        })
        .expect("the 1 March strike");
    assert_eq!(strike["EventRootCode"], "19");
    assert_eq!(strike["QuadClass"], "4");
    assert_eq!(strike["Actor2Type1Code"], "MIL");
    assert_eq!(strike["MonthYear"], "202003");
    assert!(strike["NumMentions"].parse::<u32>().unwrap() >= 1);
    assert!(rows
        .iter()
        .all(|r| r["EventBaseCode"].len() == 3 && r["EventCode"].starts_with(r["EventBaseCode"])));
    assert!(rows
        .iter()
        .any(|r| !r["ActionGeo_Lat"].is_empty() && r["ActionGeo_Lat"].parse::<f64>().is_ok()));
}

#[test]
fn parquet_export_reads_back_in_pyarrow() {
    let probe = Command::new("python3")
        .args(["-c", "import pyarrow"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: python3 cannot import pyarrow (pip install pyarrow)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = corpus_db(dir.path());
    export(&db, "parquet", dir.path());
    let script = r#"
import sys, json, pyarrow.dataset as ds
t = ds.dataset(sys.argv[1], format="parquet", partitioning="hive").to_table()
rows = t.to_pylist()
strike = [r for r in rows if r["date"] == "2020-03-01" and r["source_country"] == "TUR"
          and r["target_country"] == "SYR" and r["cameo"].startswith("19")]
print(json.dumps({"rows": t.num_rows, "dates": len(set(r["date"] for r in rows)),
                  "mentions": sum(r["num_mentions"] for r in rows),
                  "strike_quad": strike[0]["quad_class"] if strike else None,
                  "columns": t.column_names}))
"#;
    let events = dir.path().join("events");
    let out = Command::new("python3")
        .args(["-c", script, events.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = counts(&db);
    assert_eq!(got["rows"], c[2], "one row per event");
    assert_eq!(got["mentions"], c[3], "mention counts add up");
    assert_eq!(got["strike_quad"], 4);
    let files = std::fs::read_dir(&events).unwrap().count();
    assert_eq!(got["dates"], files as i64, "one partition per date");
    assert!(got["columns"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "sentence_text"));
}

#[test]
fn two_articles_on_one_strike_are_one_event_with_two_sources() {
    let dir = tempfile::tempdir().unwrap();
    // Two outlets, a day apart, telling the same shelling in their own words.
    let articles = [
        serde_json::json!({"id": "wire-strike", "published": "2021-03-10", "source_name": "Test Wire",
            "title": "Shelling on the border",
            "text": "Armenian forces shelled Azerbaijani army positions near the border on Tuesday, \
                     the defence ministry in Baku said. No casualties were reported."}),
        serde_json::json!({"id": "desk-strike", "published": "2021-03-11", "source_name": "Other Desk",
            "title": "Baku reports shelling",
            "text": "Azerbaijan's defence ministry said on Wednesday that Armenian forces had \
                     shelled Azerbaijani army positions the day before. Yerevan did not comment."}),
    ];
    let input = dir.path().join("strike.jsonl");
    std::fs::write(&input, format!("{}\n{}\n", articles[0], articles[1])).unwrap();
    let db = dir.path().join("fp.db");
    let out = flashpoint(&[
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let c = counts(&db);
    assert_eq!((c[0], c[3]), (2, 2), "two articles, two mentions");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (events, mentions, sources, articles, date): (i64, i64, i64, i64, String) = conn
        .query_row(
            "SELECT COUNT(*), MAX(num_mentions), MAX(num_sources), MAX(num_articles), MIN(date)
             FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!((events, mentions, sources, articles), (1, 2, 2, 2));
    assert_eq!(
        date, "2021-03-09",
        "the earliest report (Tuesday's) is the root"
    );
}

#[test]
fn dyad_series_and_top_dyads_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = corpus_db(dir.path());
    let db_arg = db.to_str().unwrap();
    let args = [
        "query",
        "dyad",
        "TUR",
        "SYR",
        "--from",
        "2020-01-01",
        "--to",
        "2020-03-31",
    ];
    let out = flashpoint(&[&args[..], &["--db", db_arg, "--json"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let series: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let points = series["points"].as_array().unwrap();
    assert_eq!(points.len(), 14, "every week from 30 December to 30 March");
    assert_eq!(points[0]["period"], "2019-12-30");
    let total: u64 = points.iter().map(|p| p["events"].as_u64().unwrap()).sum();
    let by_quad: u64 = points
        .iter()
        .flat_map(|p| {
            p["quad"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q.as_u64().unwrap())
        })
        .sum();
    assert!(total > 5 && by_quad == total, "{total} {by_quad}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stored: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM events WHERE source_country = 'TUR' AND target_country = 'SYR'
             AND date BETWEEN '2020-01-01' AND '2020-03-31' AND day_precise = 1
             AND modality NOT IN ('hypothetical', 'reported_denied')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(total as i64, stored);
    let table = flashpoint(&[&args[..], &["--db", db_arg, "--interval", "day"]].concat());
    assert!(String::from_utf8_lossy(&table.stdout).contains("2020-03-01"));

    let top = flashpoint(&[
        "query",
        "top-dyads",
        "--db",
        db_arg,
        "--json",
        "--limit",
        "3",
    ]);
    let top: serde_json::Value = serde_json::from_slice(&top.stdout).unwrap();
    let top = top.as_array().unwrap();
    assert_eq!(top.len(), 3);
    assert!(top[0]["events"].as_u64() >= top[2]["events"].as_u64());
    counts(&db);
}
