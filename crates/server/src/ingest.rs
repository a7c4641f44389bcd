//! `POST /api/articles`: one article (a JSON object), an array of them, or a JSONL batch. Raw
//! articles (`{"id","text","published"?,"url"?,"source_name"?,"title"?}`) are coded with the
//! standard pipeline, as `flashpoint ingest` codes them; lines of `flashpoint code` output (they
//! have "events") are stored as they are. The whole request is one transaction: a bad item
//! refuses the request and stores nothing.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use flashpoint_core::codebook::Codebook;
use flashpoint_core::ingest::jsonl;
use flashpoint_core::output::Output;
use flashpoint_core::{Article, Pipeline};
use flashpoint_store::{hash_article, CodedArticle, Incoming, Store};
use serde::Serialize;
use serde_json::Value;

/// One article of a request.
enum Item {
    Raw(Box<Article>, [u8; 32]),
    Coded(Box<Incoming>),
}

#[derive(Serialize)]
struct Stored {
    id: String,
    article_id: Option<i64>,
}

#[derive(Serialize)]
struct Report {
    added: u64,
    replaced: u64,
    unchanged: u64,
    mentions: u64,
    merged: u64,
    articles: Vec<Stored>,
}

pub async fn post_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    authorize(state.config().token.as_deref(), &headers)?;
    let config = state.config();
    let bytes = read_body(body, &headers, config.max_body, config.body_timeout).await?;
    let items = parse_items(&bytes)?;
    if items.is_empty() {
        return Err(ApiError::bad_request("the body holds no article"));
    }
    let report = state
        .write(move |store, pipeline| store_items(store, pipeline, items))
        .await?;
    let status = if report.added + report.replaced > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report)).into_response())
}

/// Writes need the configured token as `Authorization: Bearer TOKEN`; with no token configured
/// the server is read-only.
fn authorize(token: Option<&str>, headers: &HeaderMap) -> ApiResult<()> {
    let Some(token) = token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes are disabled on this server: start it with --token or FLASHPOINT_TOKEN",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing bearer token: send Authorization: Bearer TOKEN",
        )),
        Some(g) if same(g.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "wrong bearer token",
        )),
    }
}

/// Equality whose time depends neither on where the strings differ nor on their lengths: both
/// are hashed to 32 bytes, and all 32 are compared.
fn same(a: &[u8], b: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    let (x, y) = (Sha256::digest(a), Sha256::digest(b));
    x.iter()
        .zip(y.iter())
        .fold(0u8, |acc, (p, q)| acc | (p ^ q))
        == 0
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the body is larger than {limit} bytes: send fewer articles per request"),
    )
}

async fn read_body(
    body: Body,
    headers: &HeaderMap,
    limit: usize,
    timeout: std::time::Duration,
) -> ApiResult<Vec<u8>> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large(limit));
    }
    let read = tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await;
    let Ok(read) = read else {
        return Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the body took longer than {} s to arrive",
                timeout.as_secs_f64()
            ),
        ));
    };
    match read {
        Ok(b) => Ok(b.to_vec()),
        Err(e) => {
            let over = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if over {
                Err(too_large(limit))
            } else {
                Err(ApiError::bad_request(format!("cannot read the body: {e}")))
            }
        }
    }
}

/// The articles of a body: one JSON value (an object or an array of objects), else JSONL.
fn parse_items(body: &[u8]) -> ApiResult<Vec<Item>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v @ Value::Object(_)) => Ok(vec![item(&v, 1, "item")?]),
        Ok(Value::Array(values)) => values
            .iter()
            .enumerate()
            .map(|(i, v)| item(v, i + 1, "item"))
            .collect(),
        Ok(other) => Err(ApiError::bad_request(format!(
            "expected an article object, an array of them or JSONL, found a JSON {}",
            kind(&other)
        ))),
        Err(_) => jsonl_items(body),
    }
}

fn jsonl_items(body: &[u8]) -> ApiResult<Vec<Item>> {
    let mut items = Vec::new();
    for (i, line) in body.split(|&b| b == b'\n').enumerate() {
        let line = line.trim_ascii();
        if line.is_empty() {
            continue;
        }
        let value: Value = serde_json::from_slice(line)
            .map_err(|e| ApiError::bad_request(format!("line {}: invalid JSON: {e}", i + 1)))?;
        items.push(item(&value, i + 1, "line")?);
    }
    Ok(items)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// One article from its JSON value (`n` numbers it in messages, as `what` n).
fn item(v: &Value, n: usize, what: &str) -> ApiResult<Item> {
    let at = |msg: String| ApiError::bad_request(format!("{what} {n}: {msg}"));
    let Value::Object(obj) = v else {
        return Err(at(format!("expected an article object, found {}", kind(v))));
    };
    let compact = serde_json::to_vec(v).map_err(|e| at(e.to_string()))?;
    if obj.contains_key("events") {
        let inc = Incoming::from_coded_line(&compact).map_err(|e| at(e.to_string()))?;
        return Ok(Item::Coded(Box::new(inc)));
    }
    let text = String::from_utf8_lossy(&compact);
    let article = jsonl::parse_line(&text, n)
        .map_err(|e| at(e.reason))?
        .ok_or_else(|| at("empty".into()))?;
    let hash = article_hash(&article);
    Ok(Item::Raw(Box::new(article), hash))
}

/// The content hash `flashpoint ingest` gives a raw article, so both skip the same repeats.
fn article_hash(a: &Article) -> [u8; 32] {
    let published = a.published.map(|d| d.to_string());
    hash_article(&[
        Some(&a.id),
        a.url.as_deref(),
        published.as_deref(),
        a.source_name.as_deref(),
        a.title.as_deref(),
        Some(&a.text),
    ])
}

fn store_items(store: &mut Store, pipeline: &Pipeline, items: Vec<Item>) -> ApiResult<Report> {
    let mut batch = Vec::new();
    let mut unchanged = 0;
    let mut ids = Vec::new();
    for item in items {
        let (id, hash) = match &item {
            Item::Raw(a, h) => (a.id.clone(), *h),
            Item::Coded(inc) => (inc.article.id.clone(), inc.content_hash),
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
        if store.is_stored(&hash)? {
            unchanged += 1;
            continue;
        }
        batch.push(match item {
            Item::Raw(article, hash) => code(pipeline, *article, hash)?,
            Item::Coded(inc) => *inc,
        });
    }
    let r = store.ingest_batch(&batch)?;
    let articles = ids
        .into_iter()
        .map(|id| {
            let article_id = store.article_id(&id)?;
            Ok(Stored { id, article_id })
        })
        .collect::<ApiResult<_>>()?;
    Ok(Report {
        added: r.added,
        replaced: r.replaced,
        unchanged: r.unchanged + unchanged,
        mentions: r.mentions,
        merged: r.merged,
        articles,
    })
}

/// Code one article and read the result back as the store's record, as `flashpoint ingest`
/// does. A coder panic is this request's error, not the server's end.
fn code(pipeline: &Pipeline, article: Article, hash: [u8; 32]) -> ApiResult<Incoming> {
    let id = article.id.clone();
    let text = article.text.clone();
    let coded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let doc = pipeline.run(article);
        serde_json::to_vec(&Output::new(&doc, Codebook::bundled()))
    }));
    let json = match coded {
        Ok(Ok(json)) => json,
        Ok(Err(e)) => return Err(ApiError::internal(format!("article {id:?}: {e}"))),
        Err(_) => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("article {id:?} could not be coded (the coder failed on it)"),
            ))
        }
    };
    let article = CodedArticle::from_json(&json).map_err(|e| {
        ApiError::internal(format!(
            "article {id:?}: the coder's output does not read back: {e}"
        ))
    })?;
    Ok(Incoming {
        article,
        content_hash: hash,
        text: Some(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_of_every_shape_read() {
        let one = br#"{"id": "a", "text": "Rain fell."}"#;
        assert_eq!(parse_items(one).unwrap().len(), 1);
        let pretty = b"{\n  \"id\": \"a\",\n  \"text\": \"Rain fell.\"\n}\n";
        assert_eq!(parse_items(pretty).unwrap().len(), 1);
        let array = br#"[{"id": "a", "text": "x"}, {"id": "b", "text": "y"}]"#;
        assert_eq!(parse_items(array).unwrap().len(), 2);
        let lines = b"{\"id\": \"a\", \"text\": \"x\"}\n\n{\"id\": \"b\", \"text\": \"y\"}\n";
        assert_eq!(parse_items(lines).unwrap().len(), 2);
    }

    #[test]
    fn bad_items_say_where() {
        let e = parse_items(b"{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\"}\n")
            .err()
            .unwrap();
        assert!(e.message.starts_with("line 2: "), "{}", e.message);
        assert!(e.message.contains("text"), "{}", e.message);
        let e = parse_items(b"{\"id\": \"a\", \"text\": \"x\"}\nnot json\n")
            .err()
            .unwrap();
        assert!(
            e.message.starts_with("line 2: invalid JSON"),
            "{}",
            e.message
        );
        let e = parse_items(b"[1]").err().unwrap();
        assert!(e.message.contains("item 1"), "{}", e.message);
        assert!(parse_items(b"42").is_err());
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"secret", b"secret"));
        assert!(!same(b"secret", b"secreT"));
        assert!(!same(b"secret", b"secret2"));
        let mut h = HeaderMap::new();
        assert_eq!(authorize(None, &h).unwrap_err().status, 403);
        assert_eq!(authorize(Some("t"), &h).unwrap_err().status, 401);
        h.insert(header::AUTHORIZATION, "Bearer u".parse().unwrap());
        assert_eq!(authorize(Some("t"), &h).unwrap_err().status, 401);
        h.insert(header::AUTHORIZATION, "Bearer t".parse().unwrap());
        assert!(authorize(Some("t"), &h).is_ok());
    }
}
