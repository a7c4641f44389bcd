//! The OpenAPI document against the router, and hostile text.

mod common;

use common::{corpus_app, get, get_json};
use serde_json::Value;

/// A value the schema accepts, for probing that a documented parameter is known.
fn example(name: &str, schema: &Value) -> String {
    if let Some(e) = schema.get("example").and_then(Value::as_str) {
        return e.to_string();
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(|e| e.get(0))
        .and_then(Value::as_str)
    {
        return first.to_string();
    }
    match (schema["type"].as_str(), schema["format"].as_str()) {
        (Some("integer"), _) => schema["minimum"].as_i64().unwrap_or(1).max(1).to_string(),
        (Some("number"), _) => "2".into(),
        (Some("boolean"), _) => "true".into(),
        (_, Some("date")) => "2020-02-01".into(),
        _ => match name {
            "cameo_root" | "cameo" => "19".into(),
            "plover" => "ASSAULT".into(),
            "cursor" => "date~18300~1".into(),
            _ => "TUR".into(),
        },
    }
}

fn resolve<'a>(doc: &'a Value, p: &'a Value) -> &'a Value {
    match p["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            &doc["components"]["parameters"][name]
        }
        None => p,
    }
}

#[tokio::test]
async fn the_document_describes_the_router() {
    let app = corpus_app();
    let a = get(&app, "/api/openapi.json").await;
    assert_eq!(a.status, 200);
    let doc = a.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    // Every documented GET answers, and knows every documented query parameter.
    for (path, item) in paths {
        let Some(op) = item.get("get") else { continue };
        let concrete = path
            .replace("{id}", "1")
            .replace("{a}", "TUR")
            .replace("{b}", "SYR");
        let plain = get(&app, &concrete).await;
        assert_eq!(
            plain.status,
            200,
            "{concrete}: {}",
            String::from_utf8_lossy(&plain.body)
        );
        for p in op["parameters"].as_array().into_iter().flatten() {
            let p = resolve(&doc, p);
            if p["in"] != "query" {
                continue;
            }
            let name = p["name"].as_str().unwrap();
            let uri = format!("{concrete}?{name}={}", example(name, &p["schema"]));
            let a = get(&app, &uri).await;
            if a.status != 200 {
                let msg = a.error(400);
                assert!(!msg.contains("unknown parameter"), "{uri}: {msg}");
            }
        }
    }
    // Every route the router has is documented (the POST too).
    for route in [
        "/api/events",
        "/api/events/{id}",
        "/api/timeline",
        "/api/map",
        "/api/dyads/top",
        "/api/dyads/{a}/{b}/series",
        "/api/alerts",
        "/api/actors",
        "/api/summary",
        "/api/articles/{id}",
        "/api/openapi.json",
        "/healthz",
    ] {
        assert!(paths[route]["get"].is_object(), "{route} undocumented");
    }
    assert!(paths["/api/articles"]["post"]["security"].is_array());
}

#[tokio::test]
async fn hostile_text_comes_back_as_plain_json_strings() {
    let app = corpus_app();
    let a = get_json(&app, "/api/articles/hostile-1").await;
    assert_eq!(
        a["article"]["title"],
        "<script>alert(1)</script> Shelling report"
    );
    assert_eq!(
        a["article"]["source_name"],
        "<img src=x onerror=\"window.__xss=3\">"
    );
    assert!(a["text"]
        .as_str()
        .unwrap()
        .contains("<img src=x onerror=\"window.__xss=1\">"));
    let found = get_json(&app, "/api/events?q=%3Cscript%3E").await;
    assert!(found["total"].as_u64().unwrap() >= 1, "{found}");
    let id = found["events"][0]["id"].as_i64().unwrap();
    let e = get_json(&app, &format!("/api/events/{id}")).await;
    let m = &e["mentions"][0];
    assert!(m["sentence_text"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));
    let joined: String = m["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(joined, m["sentence_text"].as_str().unwrap());
    // The raw bytes are a JSON string: the markup is inside quotes, never served as HTML.
    let raw = get(&app, &format!("/api/events/{id}")).await;
    assert!(raw.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
}
