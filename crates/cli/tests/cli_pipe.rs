//! `flashpoint code --errors-as-lines -`: the pipe an external-process stage (Spark's `RDD.pipe`)
//! runs. One output line per input line, in order, flushed as it is written, exit status 0.

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn article(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text, "published": "2021-03-04"}).to_string()
}

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .arg("code")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn pipe(input: &str) -> Output {
    let mut child = spawn(&["--errors-as-lines", "-"]);
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    // Written from a thread so that a large input cannot deadlock against unread output.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn one_line_per_input_line_in_order_and_exit_zero() {
    let input = [
        article("p1", "Greece condemned Turkey on Monday."),
        "not json at all".to_string(),
        String::new(),
        r#"{"id":"p4","published":"2021-03-04"}"#.to_string(),
        r#"{"id":77,"text":"x","published":"the fourth of March"}"#.to_string(),
        "[1, 2]".to_string(),
        article("p7", "Ankara warned Athens on Tuesday."),
        article("p8", ""),
    ]
    .join("\n");
    let out = pipe(&format!("{input}\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    assert_eq!(got.len(), 8, "one answer per input line");

    let coded = |i: usize, id: &str| {
        assert_eq!(got[i]["id"], id);
        assert!(got[i]["events"].is_array(), "line {}: {}", i + 1, got[i]);
        assert!(got[i].get("error").is_none());
    };
    coded(0, "p1");
    coded(6, "p7");
    coded(7, "p8");
    assert!(!got[0]["events"].as_array().unwrap().is_empty());

    let error = |i: usize, id: Value, reason: &str| {
        let e = &got[i];
        assert_eq!(e["line"], i + 1, "{e}");
        assert_eq!(e["id"], id, "{e}");
        assert_eq!(e["input"], "<stdin>");
        let said = e["error"].as_str().unwrap();
        assert!(said.starts_with(reason), "line {}: {said}", i + 1);
    };
    error(1, Value::Null, "invalid JSON");
    error(2, Value::Null, "blank line");
    error(3, "p4".into(), "missing field `text`");
    error(4, "77".into(), "field `published`: not a date");
    error(5, Value::Null, "expected a JSON object");
}

#[test]
fn each_answer_arrives_before_the_next_article_is_sent() {
    let mut child = spawn(&["--errors-as-lines", "-"]);
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // Without a flush per line the answer would sit in the binary's buffer and this would time out.
    let answer = |stdin: &mut std::process::ChildStdin, line: &str| -> Value {
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        let got = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("no answer within 60 s: output not flushed per line");
        serde_json::from_str(&got).unwrap()
    };
    let first = answer(&mut stdin, &article("s1", "Cairo praised Khartoum."));
    assert_eq!(first["id"], "s1");
    let second = answer(&mut stdin, "{broken");
    assert_eq!(
        (second["line"].as_u64(), second["id"].is_null()),
        (Some(2), true)
    );
    let third = answer(&mut stdin, &article("s3", "Lima recalled its ambassador."));
    assert_eq!(third["id"], "s3");
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn error_lines_only_on_request_and_unreadable_input_still_fails() {
    let input = format!("{}\nnope\n", article("q1", "Oslo thanked Bern."));
    let mut child = spawn(&["-"]);
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let plain = child.wait_with_output().unwrap();
    assert_eq!(lines(&plain).len(), 1, "bad lines go to stderr by default");
    assert!(String::from_utf8_lossy(&plain.stderr).contains("<stdin>:2: invalid JSON"));
    assert!(!plain.status.success());

    let missing = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-feed.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["code", "--errors-as-lines"])
        .arg(&missing)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    assert!(
        !out.status.success(),
        "an unreadable input is not a normal end"
    );
}
