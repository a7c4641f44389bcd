//! `flashpoint code --threads N`: the same bytes out whatever the thread count, and in pipe mode
//! each line still answered before the next is written.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn code(args: &[&str], stdin: Option<String>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .arg("code")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    // Written from a thread so that a large input cannot deadlock against unread output.
    let writer = std::thread::spawn(move || match stdin {
        Some(text) => pipe.write_all(text.as_bytes()),
        None => Ok(()),
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

#[test]
fn two_threads_write_the_same_bytes_as_one_on_the_corpus() {
    let dir = corpus();
    let dir = dir.to_str().unwrap();
    let one = code(&["--threads", "1", dir], None);
    let two = code(&["--threads", "2", dir], None);
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert_eq!(one.status.code(), two.status.code());
    let lines = one.stdout.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(lines, 57, "one line per corpus article");
    assert!(
        one.stdout == two.stdout,
        "--threads 2 output differs from --threads 1"
    );
}

#[test]
fn pipe_mode_keeps_input_order_with_threads() {
    // More articles than two threads hold in flight at once, with error lines among them.
    let mut input = String::new();
    for round in 0..3 {
        for file in ["idlib-2019-2020.jsonl", "other-crises.jsonl"] {
            let text = std::fs::read_to_string(corpus().join(file)).unwrap();
            for (i, line) in text.lines().enumerate() {
                input.push_str(line);
                input.push('\n');
                if i % 9 == round {
                    input.push_str("{not json\n\n");
                }
            }
        }
    }
    let args = |n: &'static str| ["--errors-as-lines", "--threads", n, "-"];
    let one = code(&args("1"), Some(input.clone()));
    let two = code(&args("2"), Some(input.clone()));
    let three = code(&args("3"), Some(input.clone()));
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    let lines = one.stdout.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(lines, input.lines().count(), "one answer per input line");
    assert!(one.stdout == two.stdout, "--threads 2 output differs");
    assert!(one.stdout == three.stdout, "--threads 3 output differs");
}

#[test]
fn with_threads_each_line_is_answered_before_the_next_is_written() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["code", "--threads", "2", "--errors-as-lines", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
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
    let lines = [
        r#"{"id":"t1","text":"Quito praised Bogota.","published":"2021-03-04"}"#,
        "[]",
        r#"{"id":"t3","text":"Riga expelled two Russian diplomats.","published":"2021-03-04"}"#,
    ];
    for (i, line) in lines.iter().enumerate() {
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        // Waiting for more input before answering would never answer: the next line is written
        // only after this.
        let got = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("no answer within 60 s: the batch waited for more input");
        let got: serde_json::Value = serde_json::from_str(&got).unwrap();
        match i {
            1 => assert_eq!(got["line"], 2, "{got}"),
            _ => assert_eq!(got["id"], format!("t{}", i + 1), "{got}"),
        }
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
