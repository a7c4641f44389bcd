//! `flashpoint code` over real files: what is read, in which order, and how problems surface.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh scratch directory under cargo's per-target temp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli_ingest")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn code(args: &[&Path], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flashpoint"));
    cmd.arg("code").args(args);
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

/// The coded records on stdout, one JSON object per line.
fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn ids(out: &Output) -> Vec<String> {
    records(out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const GOOD_A: &str = r#"{"id":"a","text":"Turkey rejected the map.","published":"2020-02-20"}"#;
const GOOD_B: &str = r#"{"id":"b","text":"Russia said talks would go on."}"#;

#[test]
fn malformed_jsonl_lines_reported_and_good_lines_coded_in_order() {
    let dir = scratch("malformed");
    let lines = [
        GOOD_A,
        r#"{"id":"x"}"#,
        "{not json",
        "",
        r#"{"id":"y","text":"t","published":"20 Feb 2020"}"#,
        GOOD_B,
    ];
    let file = write(&dir, "feed.jsonl", lines.join("\n") + "\n");
    let out = code(&[&file], None);
    assert_eq!(ids(&out), ["a", "b"]);
    assert_eq!(records(&out)[0]["published"], "2020-02-20");
    let err = stderr(&out);
    let name = file.display().to_string();
    assert!(
        err.contains(&format!("{name}:2: missing field `text`")),
        "{err}"
    );
    assert!(err.contains(&format!("{name}:3: invalid JSON")), "{err}");
    assert!(
        err.contains(&format!("{name}:5: field `published`")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(!out.status.success());
}

#[test]
fn empty_inputs_give_no_output_and_success() {
    let dir = scratch("empty");
    let jsonl = write(&dir, "empty.jsonl", "");
    let blank = write(&dir, "blank.jsonl", "\n\n  \n");
    let txt = write(&dir, "empty.txt", "");
    let html = write(&dir, "empty.html", " \n");
    let bom = write(&dir, "bom.txt", b"\xEF\xBB\xBF\r\n".as_slice());
    let sub = dir.join("nothing");
    std::fs::create_dir_all(&sub).unwrap();
    let out = code(&[&jsonl, &blank, &txt, &html, &bom, &sub], None);
    assert!(out.stdout.is_empty());
    assert_eq!(stderr(&out), "");
    assert!(out.status.success());
}

#[test]
fn directory_with_mixed_files_is_walked_in_sorted_order() {
    let dir = scratch("mixed");
    write(
        &dir,
        "a.html",
        "<html><head><title>Talks</title>\
         <meta property=\"article:published_time\" content=\"2020-02-19T10:00:00Z\"></head>\
         <body><nav><a href=/>Home</a></nav><article><p>Officials met in Moscow.</p></article>\
         </body></html>",
    );
    write(&dir, "b.txt", "Headline\r\n\r\nTurkey sent troops.\r\n");
    write(&dir, "c.jsonl", format!("{GOOD_A}\n{GOOD_B}\n"));
    write(&dir, "notes.md", "not an article");
    write(&dir, ".hidden.txt", "skipped");
    write(&dir, "sub/d.htm", "<p>Inside a subdirectory.</p>");
    write(&dir, "sub/e.ndjson", r#"{"id":"e","text":"Last."}"#);
    write(&dir, "z.txt", "After the subdirectory.");
    let out = code(&[&dir], None);
    assert_eq!(ids(&out), ["a", "b", "a", "b", "d", "e", "z"]);
    let recs = records(&out);
    assert_eq!(recs[0]["title"], "Talks");
    assert_eq!(recs[0]["published"], "2020-02-19");
    assert_eq!(recs[1]["title"], "Headline");
    assert_eq!(stderr(&out), "");
    assert!(out.status.success());
}

#[test]
fn stdin_dash_reads_jsonl() {
    let input = format!("{GOOD_A}\n[1]\n{GOOD_B}\n");
    let out = code(&[Path::new("-")], Some(&input));
    assert_eq!(ids(&out), ["a", "b"]);
    let err = stderr(&out);
    assert!(
        err.contains("<stdin>:2: expected a JSON object, found an array"),
        "{err}"
    );
    assert!(!out.status.success());

    let clean = code(&[Path::new("-")], Some(&format!("{GOOD_B}\n")));
    assert_eq!(ids(&clean), ["b"]);
    assert!(clean.status.success());

    let empty = code(&[Path::new("-")], Some(""));
    assert!(empty.stdout.is_empty());
    assert!(empty.status.success());
}

#[test]
fn unreadable_path_reported_while_the_rest_is_coded() {
    let dir = scratch("unreadable");
    let first = write(&dir, "first.txt", "Ankara warned Damascus.");
    let missing = dir.join("missing.jsonl");
    let missing_txt = dir.join("gone.txt");
    let last = write(&dir, "last.jsonl", GOOD_B);
    let out = code(&[&first, &missing, &missing_txt, &last], None);
    assert_eq!(ids(&out), ["first", "b"]);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}: cannot read", missing.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}: cannot read", missing_txt.display())),
        "{err}"
    );
    assert!(!out.status.success());
}

#[test]
fn invalid_utf8_is_reported_but_coded() {
    let dir = scratch("utf8");
    let txt = write(&dir, "bad.txt", b"Caf\xE9 talks.".as_slice());
    let out = code(&[&txt], None);
    assert_eq!(ids(&out), ["bad"]);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}: invalid UTF-8 at byte 3", txt.display())),
        "{err}"
    );
    assert!(!out.status.success());
}

#[test]
fn html_without_text_is_reported() {
    let dir = scratch("notext");
    let html = write(&dir, "menu.html", "<nav><a href=/>Home</a></nav>");
    let out = code(&[&html], None);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("no article text found"));
    assert!(!out.status.success());
}

#[test]
fn plain_options_apply_to_plain_files() {
    let dir = scratch("options");
    let txt = write(&dir, "story.txt", "Body.");
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["code", "--published", "2020-02-20", "--id", "given"])
        .args(["--source-name", "Wire"])
        .arg(&txt)
        .output()
        .unwrap();
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "given");
    assert_eq!(recs[0]["published"], "2020-02-20");
    assert_eq!(recs[0]["source_name"], "Wire");
    assert!(out.status.success());
}
