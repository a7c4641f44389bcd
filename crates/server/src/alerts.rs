//! `GET /api/alerts`: escalation alerts, each with the events behind it.

use crate::error::{ApiError, ApiResult};
use crate::json;
use crate::params::Params;
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use flashpoint_store::{AlertParams, AlertQuery};

pub async fn alerts(State(state): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult<Response> {
    let mut p = Params::parse(raw.as_deref())?;
    let defaults = AlertParams::default();
    let mut q = AlertQuery {
        from: p.date("from")?,
        to: p.date("to")?,
        current: p.bool("current")?,
        by_code: p.bool("codes")?,
        dyad: None,
        params: AlertParams {
            window_days: p
                .int("window_days", 1, 365)?
                .map_or(defaults.window_days, |n| n as i64),
            baseline_windows: p
                .int("baseline_windows", 1, 104)?
                .map_or(defaults.baseline_windows, |n| n as i64),
            threshold: match p.parsed::<f64>("threshold", "a number")? {
                Some(t) if !(0.0..=100.0).contains(&t) => {
                    return Err(ApiError::bad_request(
                        "parameter `threshold`: must be from 0 to 100",
                    ))
                }
                Some(t) => t,
                None => defaults.threshold,
            },
            ..defaults
        },
    };
    let source = p.actor("source")?;
    let target = p.actor("target")?;
    let actor = p.actor("actor")?;
    p.finish()?;
    q.dyad = match (source, target) {
        (Some(s), Some(t)) => Some((s, t)),
        (None, None) => None,
        _ => {
            return Err(ApiError::bad_request(
                "give both `source` and `target` (a directed dyad), or neither",
            ))
        }
    };
    if let (Some(f), Some(t)) = (q.from, q.to) {
        if f > t {
            return Err(ApiError::bad_request(format!(
                "parameter `from` ({f}) is after `to` ({t})"
            )));
        }
    }
    let mut alerts = state.read(move |s| Ok(s.alerts(&q)?)).await?;
    if let Some(a) = actor {
        alerts.retain(|x| x.source == a || x.target == a);
    }
    Ok(json(serde_json::json!({ "alerts": alerts })))
}
