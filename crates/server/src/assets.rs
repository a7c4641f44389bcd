//! The dashboard: plain HTML, CSS and JavaScript from the repository's `web/` folder, and the
//! world's country shapes, embedded in the binary (no CDN, no tile server, no build step).

use crate::error::ApiError;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// (name, content type, bytes)
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../web/app.js"),
    ),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../web/style.css"),
    ),
    (
        "countries-110m.json",
        "application/json",
        include_bytes!("../../../web/vendor/countries-110m.json"),
    ),
    (
        "ATTRIBUTION.md",
        "text/plain; charset=utf-8",
        include_bytes!("../../../web/vendor/ATTRIBUTION.md"),
    ),
];

const INDEX: &[u8] = include_bytes!("../../../web/index.html");

pub async fn index() -> Response {
    page("text/html; charset=utf-8", INDEX)
}

pub async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    ASSETS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, mime, bytes)| page(mime, bytes))
        .ok_or_else(|| ApiError::not_found(format!("no asset {name:?}")))
}

fn page(mime: &'static str, bytes: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime),
            // Embedded files change only with the binary; revalidate so a new build shows.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        bytes,
    )
        .into_response()
}
