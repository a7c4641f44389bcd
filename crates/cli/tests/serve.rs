//! `flashpoint demo` and `flashpoint serve` as a user runs them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn flashpoint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_flashpoint"))
}

/// A GET over a plain socket: status line and body.
fn http_get(addr: &str, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text.lines().next().unwrap_or("").to_string();
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

#[test]
fn demo_codes_the_corpus_and_summarises_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = flashpoint()
        .args(["demo", "--no-serve", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("57 articles, "), "{stdout}");
    assert!(stdout.contains("TUR -> SYR"), "{stdout}");
    assert!(
        stdout.contains("Escalation alerts over the whole corpus: "),
        "{stdout}"
    );
    assert!(db.exists());
    // A second demo refuses to overwrite the store.
    let again = flashpoint()
        .args(["demo", "--no-serve", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
}

#[test]
fn serve_answers_until_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let built = flashpoint()
        .args(["demo", "--no-serve", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(built.status.success());
    let mut child = flashpoint()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .env_remove("FLASHPOINT_TOKEN")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(line.contains("read-only"), "{line}");
    let (status, body) = http_get(&addr, "/healthz");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("\"ok\""), "{body}");
    let (status, body) = http_get(&addr, "/");
    assert!(status.contains("200"));
    assert!(body.contains("Flashpoint"));
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn serve_refuses_a_missing_store_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let out = flashpoint()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("none.db"))
        .env_remove("FLASHPOINT_TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("none.db"));
}
