//! `POST /api/articles`: auth, the size limit, bad bodies, and articles coded and stored.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{get_json, send};
use flashpoint_server::{AppState, Config};

fn app(dir: &tempfile::TempDir, token: Option<&str>, max_body: usize) -> axum::Router {
    let mut config = Config::new(dir.path().join("w.db"));
    config.token = token.map(String::from);
    config.max_body = max_body;
    flashpoint_server::router(AppState::new(config).unwrap())
}

fn post(body: impl Into<Body>, token: Option<&str>) -> Request<Body> {
    let mut req = Request::post("/api/articles").header("content-type", "application/x-ndjson");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    req.body(body.into()).unwrap()
}

const ONE: &str = r#"{"id": "w-1", "published": "2020-02-10", "source_name": "Test Desk", "text": "Turkish artillery shelled Syrian government positions near Saraqib on Sunday."}"#;

#[tokio::test]
async fn writes_need_a_configured_token() {
    let dir = tempfile::tempdir().unwrap();
    common::build_store(&dir.path().join("w.db"), &[]);
    let read_only = app(&dir, None, 1 << 20);
    let msg = send(&read_only, post(ONE, Some("anything")))
        .await
        .error(403);
    assert!(msg.contains("--token"), "{msg}");

    let guarded = app(&dir, Some("s3cret"), 1 << 20);
    let a = send(&guarded, post(ONE, None)).await;
    assert!(a.error(401).contains("bearer"));
    assert_eq!(a.headers.get("www-authenticate").unwrap(), "Bearer");
    assert!(send(&guarded, post(ONE, Some("wrong")))
        .await
        .error(401)
        .contains("wrong"));
    // Nothing was stored by the refused requests.
    let s = get_json(&guarded, "/api/summary").await;
    assert_eq!(s["counts"]["articles"], 0);
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, Some("t"), 2_000);
    let big = format!(
        r#"{{"id": "big", "text": "{}"}}"#,
        "Rain fell on the plain. ".repeat(200)
    );
    let msg = send(&app, post(big.clone(), Some("t"))).await.error(413);
    assert!(msg.contains("2000 bytes"), "{msg}");
    // Without a Content-Length (a chunked stream) the limit holds too.
    let chunks = big
        .as_bytes()
        .chunks(500)
        .map(bytes::Bytes::copy_from_slice)
        .collect();
    let msg = send(&app, post(Body::new(Chunked(chunks)), Some("t")))
        .await
        .error(413);
    assert!(msg.contains("2000 bytes"), "{msg}");
    // Auth comes first: an unauthenticated client learns nothing about limits.
    send(&app, post(big, None)).await.error(401);
}

/// A body of several chunks and no declared length, as a chunked upload sends it.
struct Chunked(Vec<bytes::Bytes>);

impl http_body::Body for Chunked {
    type Data = bytes::Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, std::io::Error>>> {
        let next = (!self.0.is_empty()).then(|| Ok(http_body::Frame::data(self.0.remove(0))));
        std::task::Poll::Ready(next)
    }
}

#[tokio::test]
async fn bad_bodies_are_400_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, Some("t"), 1 << 20);
    for (body, says) in [
        ("", "no article"),
        ("\n\n", "no article"),
        ("42", "number"),
        ("[1, 2]", "item 1"),
        (r#"{"text": "no id"}"#, "`id`"),
        (&format!("{ONE}\n{{\"id\": \"w-2\"}}\n"), "line 2"),
        (&format!("{ONE}\nnot json\n"), "line 2: invalid JSON"),
        (
            r#"{"id": "w-3", "text": "x", "published": "soon"}"#,
            "published",
        ),
    ] {
        let msg = send(&app, post(body.to_string(), Some("t")))
            .await
            .error(400);
        assert!(msg.contains(says), "{body:?}: {msg}");
    }
    let s = get_json(&app, "/api/summary").await;
    assert_eq!(s["counts"]["articles"], 0);
}

#[tokio::test]
async fn articles_are_coded_stored_and_served() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, Some("t"), 1 << 20);
    let a = send(&app, post(ONE, Some("t"))).await;
    assert_eq!(a.status, 201, "{}", String::from_utf8_lossy(&a.body));
    let r = a.json();
    assert_eq!(r["added"], 1);
    assert!(r["mentions"].as_u64().unwrap() >= 1, "{r}");
    assert_eq!(r["articles"][0]["id"], "w-1");
    let stored = r["articles"][0]["article_id"].as_i64().unwrap();

    // The same article again changes nothing.
    let again = send(&app, post(ONE, Some("t"))).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["unchanged"], 1);

    // A JSONL batch, and a pretty-printed object.
    let batch = concat!(
        r#"{"id": "w-2", "published": "2020-02-11", "text": "Syria accused Turkey of violating its sovereignty."}"#,
        "\n",
        r#"{"id": "w-3", "published": "2020-02-12", "text": "Russian and Turkish envoys met in Moscow on Tuesday."}"#,
        "\n"
    );
    let b = send(&app, post(batch, Some("t"))).await.json();
    assert_eq!(b["added"], 2, "{b}");
    let pretty = "{\n  \"id\": \"w-4\",\n  \"text\": \"Nothing happened.\"\n}\n";
    assert_eq!(send(&app, post(pretty, Some("t"))).await.json()["added"], 1);

    let article = get_json(&app, &format!("/api/articles/{stored}")).await;
    assert_eq!(article["article"]["doc_id"], "w-1");
    let events = get_json(&app, "/api/events?source=TUR&target=SYR").await;
    assert!(events["total"].as_u64().unwrap() >= 1, "{events}");
    let s = get_json(&app, "/api/summary").await;
    assert_eq!(s["counts"]["articles"], 4);
}

#[tokio::test]
async fn coded_output_lines_are_stored_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, Some("t"), 1 << 20);
    let coded = r#"{"id": "c-1", "published": "2020-02-10", "sentences": 1, "events": [], "quotes": [], "quantities": [], "places": [], "actors": [], "warnings": []}"#;
    let r = send(&app, post(coded, Some("t"))).await.json();
    assert_eq!(r["added"], 1, "{r}");
    let a = get_json(&app, "/api/articles/c-1").await;
    assert!(a["text"].is_null());
}
