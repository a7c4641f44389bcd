//! Directed dyad series: per day or per ISO week, the events one actor directed at another,
//! counted by quad class, with the Goldstein sum and mean and the share of material conflict.
//!
//! An actor is a country ("TUR": every actor whose country is Turkey, whatever its role) or a full
//! code ("TURGOV"). Only events that took place as far as the coder knows, dated to the day,
//! count: hypothetical and denied acts, and events dated only to a month or a year, are left out
//! of series, top dyads and alerts (they stay in the store and in exports).

use crate::{time, At, Result, Store};
use flashpoint_core::Date;
use rusqlite::params;
use serde::Serialize;

/// The SQL condition (over `events e`) of an event that counts in series and alerts.
pub(crate) const COUNTABLE: &str =
    "e.day_precise = 1 AND e.modality NOT IN ('hypothetical', 'reported_denied')";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    Day,
    #[default]
    Week,
}

impl Interval {
    /// The first day of the period holding `day`.
    pub fn start(self, day: i64) -> i64 {
        match self {
            Interval::Day => day,
            Interval::Week => time::week_start(day),
        }
    }

    pub fn days(self) -> i64 {
        match self {
            Interval::Day => 1,
            Interval::Week => 7,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct DyadQuery {
    pub source: String,
    pub target: String,
    /// First and last day (inclusive); by default the dyad's first and last event.
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub interval: Interval,
}

impl DyadQuery {
    pub fn new(source: &str, target: &str) -> DyadQuery {
        DyadQuery {
            source: source.to_string(),
            target: target.to_string(),
            ..Default::default()
        }
    }
}

/// One period of a series.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SeriesPoint {
    /// First day of the period (a Monday for weeks).
    pub period: String,
    pub events: u64,
    /// Counts by quad class: verbal cooperation, material cooperation, verbal conflict, material
    /// conflict.
    pub quad: [u64; 4],
    pub goldstein_sum: f64,
    pub goldstein_mean: Option<f64>,
    /// Material-conflict events / events; none when there were no events.
    pub material_conflict_share: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub source: String,
    pub target: String,
    pub interval: Interval,
    pub points: Vec<SeriesPoint>,
}

/// What one event brings to a series.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tick {
    pub day: i64,
    pub quad: Option<u8>,
    pub goldstein: Option<f64>,
}

/// Which column an actor selects: its country when some event has it as one, else its code.
pub(crate) fn actor_columns(store: &Store, actor: &str) -> Result<(&'static str, &'static str)> {
    let is_country: bool = store
        .conn
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM events WHERE source_country = ?1)
                 OR EXISTS(SELECT 1 FROM events WHERE target_country = ?1)",
        )
        .at(&store.path)?
        .query_row([actor], |r| r.get(0))
        .at(&store.path)?;
    // A code is looked up by the actor's key, its code when it has one: the index holds keys.
    Ok(if is_country || !crate::dedup::is_code_key(actor) {
        ("source_country", "target_country")
    } else {
        ("source_key", "target_key")
    })
}

impl Store {
    /// The series of one directed dyad, with every period between `from` and `to` (empty ones
    /// included).
    pub fn dyad_series(&self, q: &DyadQuery) -> Result<Series> {
        let (source_col, _) = actor_columns(self, &q.source)?;
        let (_, target_col) = actor_columns(self, &q.target)?;
        let sql = format!(
            "SELECT e.day, e.quad_class, e.goldstein FROM events e
             WHERE e.{source_col} = ?1 AND e.{target_col} = ?2 AND e.day BETWEEN ?3 AND ?4
               AND {COUNTABLE}
             ORDER BY e.day"
        );
        let from = q.from.map_or(i64::MIN, time::day_of);
        let to = q.to.map_or(i64::MAX, time::day_of);
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let ticks: Vec<Tick> = stmt
            .query_map(params![q.source, q.target, from, to], |r| {
                Ok(Tick {
                    day: r.get(0)?,
                    quad: r.get(1)?,
                    goldstein: r.get(2)?,
                })
            })
            .at(&self.path)?
            .collect::<rusqlite::Result<_>>()
            .at(&self.path)?;
        let first = q.from.map(time::day_of).or(ticks.first().map(|t| t.day));
        let last = q.to.map(time::day_of).or(ticks.last().map(|t| t.day));
        let points = match (first, last) {
            (Some(first), Some(last)) => bucket(&ticks, first, last, q.interval),
            _ => Vec::new(),
        };
        Ok(Series {
            source: q.source.clone(),
            target: q.target.clone(),
            interval: q.interval,
            points,
        })
    }
}

/// Sum ticks into the periods from the one holding `first` to the one holding `last`.
pub(crate) fn bucket(
    ticks: &[Tick],
    first: i64,
    last: i64,
    interval: Interval,
) -> Vec<SeriesPoint> {
    let start = interval.start(first);
    let step = interval.days();
    if last < first {
        return Vec::new();
    }
    let n = ((interval.start(last) - start) / step + 1) as usize;
    let mut sums = vec![Sum::default(); n];
    for t in ticks {
        if t.day < start {
            continue;
        }
        if let Some(s) = sums.get_mut(((t.day - start) / step) as usize) {
            s.add(t);
        }
    }
    sums.into_iter()
        .enumerate()
        .map(|(i, s)| s.point(start + i as i64 * step))
        .collect()
}

#[derive(Clone, Debug, Default)]
struct Sum {
    events: u64,
    quad: [u64; 4],
    goldstein_sum: f64,
    with_goldstein: u64,
}

impl Sum {
    fn add(&mut self, t: &Tick) {
        self.events += 1;
        if let Some(q @ 1..=4) = t.quad {
            self.quad[usize::from(q) - 1] += 1;
        }
        if let Some(g) = t.goldstein {
            self.goldstein_sum += g;
            self.with_goldstein += 1;
        }
    }

    fn point(self, day: i64) -> SeriesPoint {
        SeriesPoint {
            period: time::date_of(day).to_string(),
            events: self.events,
            quad: self.quad,
            goldstein_sum: round2(self.goldstein_sum),
            goldstein_mean: (self.with_goldstein > 0)
                .then(|| round2(self.goldstein_sum / self.with_goldstein as f64)),
            material_conflict_share: (self.events > 0)
                .then(|| round2(self.quad[3] as f64 / self.events as f64)),
        }
    }
}

/// Two decimals: sums of one-decimal scale values carry float noise otherwise.
pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Which dyads, ranked how.
#[derive(Clone, Debug, Default)]
pub struct TopQuery {
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Rank by material-conflict events instead of all events.
    pub by_conflict: bool,
    /// Country+role codes instead of countries.
    pub by_code: bool,
    pub limit: u64,
}

/// A dyad's totals over a period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DyadTotal {
    pub source: String,
    pub target: String,
    pub events: u64,
    pub material_conflict: u64,
    pub goldstein_sum: f64,
    pub goldstein_mean: Option<f64>,
}

impl Store {
    /// The busiest directed dyads.
    pub fn top_dyads(&self, q: &TopQuery) -> Result<Vec<DyadTotal>> {
        let (s, t) = if q.by_code {
            ("source_code", "target_code")
        } else {
            ("source_country", "target_country")
        };
        let order = if q.by_conflict { "conflict" } else { "n" };
        let sql = format!(
            "SELECT e.{s}, e.{t}, COUNT(*) AS n, SUM(e.quad_class = 4) AS conflict,
                    TOTAL(e.goldstein), AVG(e.goldstein)
             FROM events e
             WHERE e.{s} IS NOT NULL AND e.{t} IS NOT NULL AND e.day BETWEEN ?1 AND ?2
               AND {COUNTABLE}
             GROUP BY e.{s}, e.{t}
             ORDER BY {order} DESC, n DESC, e.{s}, e.{t}
             LIMIT ?3"
        );
        let from = q.from.map_or(i64::MIN, time::day_of);
        let to = q.to.map_or(i64::MAX, time::day_of);
        let limit = if q.limit == 0 {
            20
        } else {
            q.limit.min(i64::MAX as u64) as i64
        };
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let rows = stmt
            .query_map(params![from, to, limit], |r| {
                Ok(DyadTotal {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get::<_, i64>(2)? as u64,
                    material_conflict: r.get::<_, i64>(3)? as u64,
                    goldstein_sum: round2(r.get(4)?),
                    goldstein_mean: r.get::<_, Option<f64>>(5)?.map(round2),
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tick(date: &str, quad: u8, goldstein: f64) -> Tick {
        Tick {
            day: time::day_of(date.parse().unwrap()),
            quad: Some(quad),
            goldstein: Some(goldstein),
        }
    }

    #[test]
    fn weeks_hold_their_days_and_empty_weeks_are_kept() {
        let ticks = [
            tick("2020-02-24", 4, -10.0),
            tick("2020-03-01", 3, -4.0),
            tick("2020-03-16", 1, 3.0),
        ];
        let first = ticks[0].day;
        let last = ticks[2].day;
        let points = bucket(&ticks, first, last, Interval::Week);
        let periods: Vec<_> = points.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(
            periods,
            ["2020-02-24", "2020-03-02", "2020-03-09", "2020-03-16"]
        );
        assert_eq!(points[0].events, 2);
        assert_eq!(points[0].quad, [0, 0, 1, 1]);
        assert_eq!(points[0].goldstein_sum, -14.0);
        assert_eq!(points[0].goldstein_mean, Some(-7.0));
        assert_eq!(points[0].material_conflict_share, Some(0.5));
        assert_eq!(points[1].events, 0);
        assert_eq!(points[1].goldstein_mean, None);
        assert_eq!(points[3].quad, [1, 0, 0, 0]);
    }

    #[test]
    fn days_are_one_period_each() {
        let ticks = [tick("2020-02-24", 4, -10.0), tick("2020-02-26", 4, -9.0)];
        let points = bucket(&ticks, ticks[0].day, ticks[1].day, Interval::Day);
        assert_eq!(points.len(), 3);
        assert_eq!(points[2].goldstein_sum, -9.0);
    }
}
