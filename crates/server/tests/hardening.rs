//! The server as a network peer sees it: header limits, slow and idle clients cut off, body
//! timeouts, security headers, error bodies that tell nothing of the server, and the token.

mod common;

use common::{build_store, corpus_app, get};
use flashpoint_server::{AppState, Config, MAX_HEADERS, MAX_HEAD_BYTES};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A running server on a loopback port; stops when dropped.
struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

async fn start(config: Config) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(config).unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(flashpoint_server::serve(listener, state, async {
        let _ = rx.await;
    }));
    Running {
        addr,
        stop: Some(tx),
    }
}

fn corpus_config() -> Config {
    Config::new(common::corpus_db().to_path_buf())
}

/// Send raw bytes and read the answer until the server closes or `wait` passes.
async fn exchange(addr: SocketAddr, request: &[u8], wait: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(wait, s.read_to_end(&mut out)).await;
    (
        String::from_utf8_lossy(&out).into_owned(),
        started.elapsed(),
    )
}

fn status_of(answer: &str) -> u16 {
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn oversized_heads_are_refused_with_431() {
    let server = start(corpus_config()).await;
    let long = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: {}\r\n\r\n",
        "a".repeat(MAX_HEAD_BYTES + 100)
    );
    let (answer, _) = exchange(server.addr, long.as_bytes(), Duration::from_secs(5)).await;
    assert_eq!(status_of(&answer), 431, "{answer}");

    let many: String = (0..MAX_HEADERS + 5)
        .map(|i| format!("X-H{i}: v\r\n"))
        .collect();
    let req = format!("GET /healthz HTTP/1.1\r\nHost: x\r\n{many}\r\n");
    let (answer, _) = exchange(server.addr, req.as_bytes(), Duration::from_secs(5)).await;
    assert_eq!(status_of(&answer), 431, "{answer}");

    // A normal request on the same server still works.
    let ok = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let (answer, _) = exchange(server.addr, ok.as_bytes(), Duration::from_secs(5)).await;
    assert_eq!(status_of(&answer), 200, "{answer}");
}

#[tokio::test]
async fn slow_and_idle_clients_are_cut_off() {
    let mut config = corpus_config();
    config.header_timeout = Duration::from_secs(1);
    let server = start(config).await;
    // Slowloris: a head that never ends.
    let (answer, took) = exchange(
        server.addr,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ",
        Duration::from_secs(10),
    )
    .await;
    assert!(took < Duration::from_secs(5), "open for {took:?}");
    assert!(answer.is_empty() || status_of(&answer) == 408, "{answer}");
    // A kept-alive connection after its answer, then silence.
    let (answer, took) = exchange(
        server.addr,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(status_of(&answer), 200);
    assert!(took < Duration::from_secs(5), "idle for {took:?}");
}

#[tokio::test]
async fn a_body_that_never_arrives_is_408() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(dir.path().join("w.db"));
    config.token = Some("t".into());
    config.body_timeout = Duration::from_millis(500);
    let server = start(config).await;
    let head = "POST /api/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\
                Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":";
    let (answer, took) = exchange(server.addr, head.as_bytes(), Duration::from_secs(10)).await;
    assert_eq!(status_of(&answer), 408, "{answer}");
    assert!(took < Duration::from_secs(5));
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = corpus_app();
    for uri in ["/", "/api/summary", "/api/events?limit=1", "/no/such/route"] {
        let a = get(&app, uri).await;
        let h = &a.headers;
        let csp = h["content-security-policy"].to_str().unwrap();
        for directive in [
            "default-src 'none'",
            "script-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ] {
            assert!(csp.contains(directive), "{uri}: {csp}");
        }
        assert_eq!(h["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(h["x-frame-options"], "DENY", "{uri}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{uri}");
        assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{uri}");
        assert!(h.contains_key("permissions-policy"), "{uri}");
        if uri.starts_with("/api") || uri.starts_with("/no") {
            assert_eq!(h["cache-control"], "no-store", "{uri}");
        }
    }
}

/// A store broken under the server: the answer is a 500 that names no table, query, file or
/// panic.
#[tokio::test]
async fn server_errors_tell_nothing_of_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("broken.db");
    build_store(&db, &common::corpus_lines()[..3]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; DROP TABLE mentions; DROP TABLE events;")
        .unwrap();
    drop(conn);
    let app = flashpoint_server::router(AppState::new(Config::new(db.clone())).unwrap());
    for uri in [
        "/api/events",
        "/api/events/1",
        "/api/timeline",
        "/api/summary",
        "/api/map",
        "/api/dyads/top",
    ] {
        let a = get(&app, uri).await;
        let msg = a.error(500);
        let body = String::from_utf8_lossy(&a.body).to_lowercase();
        for leak in [
            "select",
            "sqlite",
            "no such table",
            "events",
            "panicked",
            "broken.db",
            ".rs:",
        ] {
            assert!(!body.contains(leak), "{uri} leaks {leak:?}: {body}");
        }
        assert!(msg.contains("internal server error"), "{uri}: {msg}");
    }
}

#[tokio::test]
async fn the_token_guards_writes_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(dir.path().join("t.db"));
    config.token = Some("correct horse".into());
    let server = start(config).await;
    let body = r#"{"id": "t1", "text": "Police arrested 40 protesters."}"#;
    for (auth, want) in [
        ("", 401),
        ("Authorization: Bearer correct hors\r\n", 401),
        ("Authorization: Bearer correct horse!\r\n", 401),
        ("Authorization: Basic correct horse\r\n", 401),
        ("Authorization: Bearer correct horse\r\n", 201),
    ] {
        let req = format!(
            "POST /api/articles HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let (answer, _) = exchange(server.addr, req.as_bytes(), Duration::from_secs(60)).await;
        assert_eq!(status_of(&answer), want, "{auth:?}: {answer}");
    }
    // Reads need no token.
    let (answer, _) = exchange(
        server.addr,
        b"GET /api/summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(status_of(&answer), 200);
}
