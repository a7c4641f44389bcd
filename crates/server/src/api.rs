//! The read endpoints.

use crate::error::{ApiError, ApiResult};
use crate::json;
use crate::params::{self, Params};
use crate::state::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use flashpoint_store::api_queries::{Cursor, EventSort};
use flashpoint_store::{DyadQuery, Interval, TopQuery};

type Query = RawQuery;

fn interval(p: &mut Params) -> ApiResult<Interval> {
    Ok(match p.choice("interval", &["day", "week"])?.as_deref() {
        Some("day") => Interval::Day,
        _ => Interval::Week,
    })
}

/// `GET /api/events`: filters, `sort`, `cursor`, `limit`.
pub async fn events(State(state): State<AppState>, RawQuery(raw): Query) -> ApiResult<Response> {
    let mut p = Params::parse(raw.as_deref())?;
    let q = params::event_query(&mut p)?;
    let sort: EventSort = match p.text("sort") {
        None => EventSort::default(),
        Some(s) => s.parse().map_err(|e: String| param_error("sort", e))?,
    };
    let cursor: Option<Cursor> = match p.text("cursor") {
        None => None,
        Some(c) => Some(c.parse().map_err(|e: String| param_error("cursor", e))?),
    };
    if let Some(c) = cursor {
        if c.sort != sort {
            return Err(param_error(
                "cursor",
                format!(
                    "this cursor belongs to sort={}, not sort={}",
                    c.sort.name(),
                    sort.name()
                ),
            ));
        }
    }
    let limit = p.int("limit", 1, 1000)?.unwrap_or(100);
    p.finish()?;
    let page = state
        .read(move |s| Ok(s.find_events(&q, sort, cursor, limit)?))
        .await?;
    Ok(json(page))
}

/// A path that does not decode (bad percent-encoding, invalid UTF-8) is the client's error too.
fn path_error(e: PathRejection) -> ApiError {
    ApiError::bad_request(format!("bad path: {}", e.body_text()))
}

fn param_error(name: &str, msg: String) -> ApiError {
    ApiError::bad_request(format!("parameter `{name}`: {msg}"))
}

/// A numeric id from the path.
fn id(raw: &str, what: &str) -> ApiResult<i64> {
    raw.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        ApiError::bad_request(format!("{what} id must be a positive integer, not {raw:?}"))
    })
}

/// `GET /api/events/{id}`: the event and the evidence of every report.
pub async fn event(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): Query,
) -> ApiResult<Response> {
    let Path(raw) = path.map_err(path_error)?;
    Params::parse(query.as_deref())?.finish()?;
    let id = id(&raw, "event")?;
    let ev = state.read(move |s| Ok(s.event_evidence(id)?)).await?;
    ev.map(json)
        .ok_or_else(|| ApiError::not_found(format!("no event {id}")))
}

/// `GET /api/timeline`: counts and Goldstein mean per period for the event filters.
pub async fn timeline(State(state): State<AppState>, RawQuery(raw): Query) -> ApiResult<Response> {
    let mut p = Params::parse(raw.as_deref())?;
    let q = params::event_query(&mut p)?;
    let interval = interval(&mut p)?;
    p.finish()?;
    let points = state.read(move |s| Ok(s.timeline(&q, interval)?)).await?;
    Ok(json(
        serde_json::json!({ "interval": interval, "points": points }),
    ))
}

/// `GET /api/map`: the places of the filtered events with counts by quad class.
pub async fn map(State(state): State<AppState>, RawQuery(raw): Query) -> ApiResult<Response> {
    let mut p = Params::parse(raw.as_deref())?;
    let q = params::event_query(&mut p)?;
    let limit = p.int("limit", 1, 20_000)?.unwrap_or(5_000);
    p.finish()?;
    let points = state.read(move |s| Ok(s.map_points(&q, limit)?)).await?;
    Ok(json(serde_json::json!({ "points": points })))
}

/// `GET /api/dyads/top`.
pub async fn top_dyads(State(state): State<AppState>, RawQuery(raw): Query) -> ApiResult<Response> {
    let mut p = Params::parse(raw.as_deref())?;
    let q = TopQuery {
        from: p.date("from")?,
        to: p.date("to")?,
        by_conflict: p.choice("by", &["events", "conflict"])?.as_deref() == Some("conflict"),
        by_code: p.bool("codes")?,
        limit: p.int("limit", 1, 500)?.unwrap_or(20),
    };
    p.finish()?;
    let dyads = state.read(move |s| Ok(s.top_dyads(&q)?)).await?;
    Ok(json(serde_json::json!({ "dyads": dyads })))
}

/// `GET /api/dyads/{a}/{b}/series`.
pub async fn dyad_series(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    RawQuery(raw): Query,
) -> ApiResult<Response> {
    let Path((a, b)) = path.map_err(path_error)?;
    let source =
        params::actor(&a).map_err(|w| ApiError::bad_request(format!("source {a:?} is not {w}")))?;
    let target =
        params::actor(&b).map_err(|w| ApiError::bad_request(format!("target {b:?} is not {w}")))?;
    let mut p = Params::parse(raw.as_deref())?;
    let q = DyadQuery {
        source,
        target,
        from: p.date("from")?,
        to: p.date("to")?,
        interval: interval(&mut p)?,
    };
    p.finish()?;
    if let (Some(f), Some(t)) = (q.from, q.to) {
        if f > t {
            return Err(ApiError::bad_request(format!(
                "parameter `from` ({f}) is after `to` ({t})"
            )));
        }
        let days = t.to_days() - f.to_days();
        if q.interval == Interval::Day && days > 20_000 {
            return Err(ApiError::bad_request(
                "too many days for interval=day: use interval=week or a narrower range",
            ));
        }
    }
    let series = state.read(move |s| Ok(s.dyad_series(&q)?)).await?;
    Ok(json(series))
}

/// `GET /api/actors`: countries by how many events they are in.
pub async fn actors(State(state): State<AppState>, RawQuery(raw): Query) -> ApiResult<Response> {
    let mut p = Params::parse(raw.as_deref())?;
    let limit = p.int("limit", 1, 1000)?.unwrap_or(300);
    p.finish()?;
    let actors = state.read(move |s| Ok(s.actor_totals(limit)?)).await?;
    Ok(json(serde_json::json!({ "actors": actors })))
}

/// `GET /api/summary`: row counts and the dates the events span.
pub async fn summary(State(state): State<AppState>, RawQuery(raw): Query) -> ApiResult<Response> {
    Params::parse(raw.as_deref())?.finish()?;
    let o = state.read(|s| Ok(s.overview()?)).await?;
    Ok(json(o))
}

/// `GET /api/articles/{id}`: by stored id (a number) or by the article's own id.
pub async fn article(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): Query,
) -> ApiResult<Response> {
    let Path(raw) = path.map_err(path_error)?;
    Params::parse(query.as_deref())?.finish()?;
    if raw.is_empty() || raw.len() > 1000 {
        return Err(ApiError::bad_request(
            "article id must be 1 to 1000 characters",
        ));
    }
    let shown = raw.clone();
    let detail = state
        .read(move |s| {
            // A number is a stored id first; feeds also use numbers as their own ids.
            if let Ok(n) = raw.parse::<i64>() {
                if let Some(a) = s.article(n)? {
                    return Ok(Some(a));
                }
            }
            Ok(match s.article_id(&raw)? {
                Some(id) => s.article(id)?,
                None => None,
            })
        })
        .await?;
    detail
        .map(json)
        .ok_or_else(|| ApiError::not_found(format!("no article {shown:?}")))
}

/// `GET /healthz`: the store answers.
pub async fn healthz(State(state): State<AppState>) -> ApiResult<Response> {
    let counts = state.read(|s| Ok(s.counts()?)).await?;
    Ok(json(
        serde_json::json!({ "status": "ok", "events": counts.events }),
    ))
}
