//! `flashpoint_server`: the HTTP API and the web dashboard over a Flashpoint store.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use flashpoint_server::{AppState, Config};
//! let state = AppState::new(Config::new("flashpoint.db".into()))?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! flashpoint_server::serve(listener, state, std::future::pending()).await?;
//! # Ok(()) }
//! ```
//!
//! Every `/api` answer is JSON, errors included (`{"error": {"status", "message"}}`); the routes
//! and their parameters are described by the OpenAPI 3 document at `/api/openapi.json`. The
//! dashboard (`/`) is plain HTML, CSS and JavaScript embedded in the binary, with the world map's
//! country shapes: it needs no network. Reads run on a small pool of SQLite connections; writes
//! (`POST /api/articles`) code articles with the standard pipeline and need a bearer token.

mod alerts;
mod api;
mod assets;
mod error;
mod ingest;
mod listen;
mod params;
mod state;

pub use error::ApiError;
pub use listen::{MAX_CONNECTIONS, MAX_HEADERS, MAX_HEAD_BYTES};
pub use state::{AppState, Config};

use axum::extract::Request;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::future::Future;

/// The OpenAPI 3 document of the API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Every route, for the server and its tests.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/timeline", get(api::timeline))
        .route("/api/map", get(api::map))
        .route("/api/dyads/top", get(api::top_dyads))
        .route("/api/dyads/{a}/{b}/series", get(api::dyad_series))
        .route("/api/alerts", get(alerts::alerts))
        .route("/api/actors", get(api::actors))
        .route("/api/summary", get(api::summary))
        .route("/api/articles", post(ingest::post_articles))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/openapi.json", get(openapi))
        .route("/healthz", get(api::healthz))
        .route("/", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            time_limit,
        ))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Serve until `shutdown` completes, with the connection limits of the `listen` module: at
/// most [`MAX_CONNECTIONS`] at once, request heads within `Config::header_timeout` (idle
/// connections too), of at most [`MAX_HEAD_BYTES`] and [`MAX_HEADERS`] fields.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let header_timeout = state.config().header_timeout;
    listen::serve(listener, router(state), header_timeout, shutdown).await
}

/// Reads answer within `Config::read_timeout` (see there why writes do not).
async fn time_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    let limit = state.config().read_timeout;
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than {} s: narrow it with filters or a smaller limit",
                limit.as_secs_f64()
            ),
        )
        .into_response(),
    }
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        OPENAPI.as_bytes(),
    )
        .into_response()
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no such route: {}", uri.path()))
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", uri.path()),
    )
}

/// The page loads only its own files and talks only to its own server: even a field that got
/// into the page as markup could neither run script nor fetch from elsewhere. It may not be
/// framed (clickjacking), shares no window with other sites' pages, asks for no device
/// features, and API answers are not cached by the browser.
async fn security_headers(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    let json = h
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if json && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// A JSON answer.
pub(crate) fn json<T: serde::Serialize>(value: T) -> Response {
    Json(value).into_response()
}
