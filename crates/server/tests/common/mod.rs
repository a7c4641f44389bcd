//! A store coded from the sample corpus (plus one hostile article), built once per test binary,
//! and requests sent to the router without a socket.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use flashpoint_core::codebook::Codebook;
use flashpoint_core::ingest::jsonl;
use flashpoint_core::output::Output;
use flashpoint_server::{AppState, Config};
use flashpoint_store::{hash_bytes, CodedArticle, Incoming, Store};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tower::ServiceExt;

/// An article whose every field tries to become markup or script.
pub const HOSTILE: &str = r#"{"id": "hostile-1", "published": "2020-03-02", "source_name": "<img src=x onerror=\"window.__xss=3\">", "title": "<script>alert(1)</script> Shelling report", "url": "javascript:alert(4)", "text": "Turkish troops shelled Syrian army positions near Saraqib on Sunday <script>alert(1)</script> and <img src=x onerror=\"window.__xss=1\">, officials said.\nSyria accused Turkey of aggression <img src=x onerror=alert(2)>."}"#;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn corpus_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for name in ["idlib-2019-2020.jsonl", "other-crises.jsonl"] {
        let text = std::fs::read_to_string(repo_root().join("corpus").join(name)).unwrap();
        lines.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from),
        );
    }
    lines
}

/// Code every line and store it, as `flashpoint ingest` does.
pub fn build_store(path: &Path, lines: &[String]) {
    let pipeline = flashpoint_coder::standard();
    let mut store = Store::create(path).unwrap();
    let batch: Vec<Incoming> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let article = jsonl::parse_line(line, i + 1).unwrap().unwrap();
            let text = article.text.clone();
            let doc = pipeline.run(article);
            let json = serde_json::to_vec(&Output::new(&doc, Codebook::bundled())).unwrap();
            Incoming {
                article: CodedArticle::from_json(&json).unwrap(),
                content_hash: hash_bytes(line.as_bytes()),
                text: Some(text),
            }
        })
        .collect();
    store.ingest_batch(&batch).unwrap();
}

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

/// The shared read-only store: the sample corpus and the hostile article.
pub fn corpus_db() -> &'static Path {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    &FIXTURE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("corpus.db");
            let mut lines = corpus_lines();
            lines.push(HOSTILE.to_string());
            build_store(&db, &lines);
            Fixture { _dir: dir, db }
        })
        .db
}

pub fn corpus_app() -> axum::Router {
    flashpoint_server::router(AppState::new(Config::new(corpus_db().to_path_buf())).unwrap())
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The message of a JSON error, checking its shape and status.
    pub fn error(&self, status: u16) -> String {
        assert_eq!(
            self.status.as_u16(),
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let ct = self.headers.get("content-type").unwrap().to_str().unwrap();
        assert!(ct.starts_with("application/json"), "{ct}");
        let v = self.json();
        assert_eq!(v["error"]["status"], status);
        v["error"]["message"].as_str().unwrap().to_string()
    }
}

pub async fn send(app: &axum::Router, req: Request<Body>) -> Answer {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

pub async fn get(app: &axum::Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// GET that must succeed with JSON.
pub async fn get_json(app: &axum::Router, uri: &str) -> Value {
    let a = get(app, uri).await;
    assert_eq!(
        a.status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&a.body)
    );
    a.json()
}
