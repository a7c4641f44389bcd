//! SQL is parameterised: no request value is ever spliced into SQL text. Every `format!` that
//! builds SQL in the store and the server may interpolate only the names below, each of which is
//! a constant of the code or chosen from a closed set (never a request's value); values go in as
//! `?N` parameters. A new interpolation fails this test until it is checked and listed here.

use std::path::{Path, PathBuf};

/// Names a SQL `format!` may interpolate, and why each is safe.
const SAFE_NAMES: &[(&str, &str)] = &[
    ("COUNTABLE", "constant condition"),
    ("EVENTS_FROM", "constant FROM clause"),
    ("SUMMARY_COLUMNS", "constant column list"),
    ("EVIDENCE_COLUMNS", "constant column list"),
    ("EVENT_COLUMNS", "constant column list"),
    ("EVENT_FROM", "constant FROM clause"),
    ("MENTION_COLUMNS", "constant column list"),
    ("MENTION_FROM", "constant FROM clause"),
    ("key", "EventSort::key(): one of five constant expressions"),
    (
        "order_by",
        "EventSort::order_by(): one of five constant ORDER BY lists",
    ),
    ("cmp", "< or >"),
    ("s", "source_code, source_key or source_country"),
    ("t", "target_code, target_key or target_country"),
    (
        "source_col",
        "actor_columns(): source_key or source_country",
    ),
    (
        "target_col",
        "actor_columns(): target_key or target_country",
    ),
    ("order", "conflict or n"),
    (
        "sets",
        "refresh_event(): `column = ?N` for names of the constant REFRESHED_COLUMNS",
    ),
    ("table", "Store::counts(): the schema's table names"),
    (
        "cols",
        "schema tests: the column names of the schema's own tables",
    ),
    ("from", "matching_from(): one of six constant FROM clauses"),
    (
        "clause",
        "EventFilter::to_sql() (constant conditions with ?N) or a literal",
    ),
];

/// Positional arguments a SQL `format!` may take.
const SAFE_ARGS: &[&str] = &["w.sql()", "limit + 1", "n + 1", "n + 2"];

const SQL_WORDS: &[&str] = &[
    "SELECT", "INSERT", "UPDATE", "DELETE", "WHERE", "FROM", "JOIN", "AND", "OR", "BETWEEN",
    "LIKE", "LIMIT",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text between `format!(` at `open` and its closing parenthesis (string literals, raw ones
/// included, may hold parentheses).
fn macro_body(src: &str, open: usize) -> &str {
    let b = src.as_bytes();
    let (mut depth, mut i) = (1, open);
    let mut in_str = false;
    while i < b.len() && depth > 0 {
        match (in_str, b[i]) {
            (true, b'\\') => i += 1,
            (true, b'"') => in_str = false,
            (false, b'"') => in_str = true,
            (false, b'(') => depth += 1,
            (false, b')') => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    &src[open..i.saturating_sub(1)]
}

/// The format string and the positional arguments of a `format!` body.
fn split_body(body: &str) -> Option<(&str, Vec<String>)> {
    let start = body.find('"')?;
    let rest = &body[start + 1..];
    let mut end = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => {
                end = Some(i);
                break;
            }
            _ => escaped = false,
        }
    }
    let end = end?;
    let args = rest[end + 1..]
        .split(',')
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .map(|a| a.trim_end_matches('#').to_string())
        .filter(|a| !a.is_empty())
        .collect();
    Some((&rest[..end], args))
}

/// `{name}` and `{}` placeholders of a format string (`{{` escapes skipped).
fn placeholders(fmt: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = fmt;
    while let Some(i) = rest.find('{') {
        if rest[i..].starts_with("{{") {
            rest = &rest[i + 2..];
            continue;
        }
        let Some(j) = rest[i..].find('}') else { break };
        let inner = &rest[i + 1..i + j];
        out.push(inner.split(':').next().unwrap_or("").to_string());
        rest = &rest[i + j + 1..];
    }
    out
}

fn is_sql(fmt: &str) -> bool {
    fmt.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| SQL_WORDS.contains(&w))
}

#[test]
fn sql_is_built_from_constants_and_parameters_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    rust_files(&root.join("crates/store/src"), &mut files);
    rust_files(&root.join("crates/server/src"), &mut files);
    files.sort();
    let mut checked = 0;
    let mut bad = Vec::new();
    for file in &files {
        let src = std::fs::read_to_string(file).unwrap();
        for (at, _) in src.match_indices("format!(") {
            let body = macro_body(&src, at + "format!(".len());
            let Some((fmt, args)) = split_body(body) else {
                continue;
            };
            if !is_sql(fmt) {
                continue;
            }
            checked += 1;
            let line = src[..at].lines().count();
            let mut positional = args.iter();
            for name in placeholders(fmt) {
                let ok = if name.is_empty() {
                    positional
                        .next()
                        .is_some_and(|a| SAFE_ARGS.contains(&a.as_str()))
                } else {
                    SAFE_NAMES.iter().any(|(n, _)| *n == name)
                };
                if !ok {
                    bad.push(format!("{}:{line}: {{{name}}}", file.display()));
                }
            }
        }
    }
    assert!(
        checked >= 10,
        "only {checked} SQL format! calls found: is the scan broken?"
    );
    assert!(
        bad.is_empty(),
        "SQL built from unchecked values:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_scan_sees_an_injection() {
    let src = r#"let sql = format!("SELECT * FROM events WHERE doc_id = '{}'", user_input);"#;
    let body = macro_body(src, src.find("format!(").unwrap() + 8);
    let (fmt, args) = split_body(body).unwrap();
    assert!(is_sql(fmt));
    assert_eq!(placeholders(fmt), [""]);
    assert_eq!(args, ["user_input"]);
    assert!(!SAFE_ARGS.contains(&args[0].as_str()));
    assert_eq!(placeholders("SELECT {name:?} {{x}} {}"), ["name", ""]);
}
