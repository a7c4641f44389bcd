//! Escalation alerts: each directed dyad against its own past.
//!
//! Every day `d` is scored on the *recent window* (the `window_days` days ending on `d`) against
//! a *baseline* (the `baseline_windows` windows of the same length just before it), on two
//! measures of the dyad's events (those that count in series):
//!
//! - `c`: material-conflict events (quad class 4);
//! - `w`: conflict weight, the sum of `-goldstein` over events with a negative Goldstein value
//!   (threats, demands and accusations weigh a little, attacks a lot; cooperation nothing).
//!
//! Each becomes a z-score, `z = (recent − mean(baseline)) / max(sd(baseline), floor)`; the floor
//! keeps a quiet past from making any single event infinitely surprising (with the default
//! floors, one attack (−10) in a dyad with no history scores z_c = 2, z_w = 2). The score is the
//! mean of the two z-scores. A day alerts when the score reaches `threshold` and the recent
//! window holds at least `min_material_conflict` material-conflict events (a change of tone
//! alone is tension, not escalation). Consecutive alerting days form one alert; its evidence is
//! the conflict events of its windows, worst first, each with its sentence.

use crate::series::{round2, COUNTABLE};
use crate::{time, At, Result, Store};
use flashpoint_core::Date;
use rusqlite::params;
use serde::Serialize;
use std::collections::BTreeMap;

/// The method's parameters (documented defaults).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlertParams {
    pub window_days: i64,
    pub baseline_windows: i64,
    pub threshold: f64,
    pub min_material_conflict: u64,
    /// Smallest standard deviation used for material-conflict counts per window.
    pub count_floor: f64,
    /// Smallest standard deviation used for conflict weight per window.
    pub weight_floor: f64,
}

impl Default for AlertParams {
    fn default() -> AlertParams {
        AlertParams {
            window_days: 7,
            baseline_windows: 8,
            threshold: 2.0,
            min_material_conflict: 1,
            count_floor: 0.5,
            weight_floor: 5.0,
        }
    }
}

/// Which alerts: those with a day in `from..=to` (by default the last day with events), or with
/// `current`, only those still alerting on `to`.
#[derive(Clone, Debug, Default)]
pub struct AlertQuery {
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub current: bool,
    /// Country+role codes instead of countries.
    pub by_code: bool,
    /// Only this directed dyad (countries or codes, as `by_code` says).
    pub dyad: Option<(String, String)>,
    pub params: AlertParams,
}

/// An escalation: a run of alerting days of one directed dyad.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alert {
    pub source: String,
    pub target: String,
    /// First and last alerting day.
    pub start: String,
    pub end: String,
    /// The day of the highest score, and the figures behind it.
    pub peak: String,
    pub score: f64,
    pub z_material_conflict: f64,
    pub z_conflict_weight: f64,
    pub material_conflict: u64,
    pub baseline_material_conflict: f64,
    pub conflict_weight: f64,
    pub baseline_conflict_weight: f64,
    /// One line saying why.
    pub explanation: String,
    pub evidence: Vec<Evidence>,
}

/// An event behind an alert, with the sentence that told it first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub event_id: i64,
    pub date: String,
    pub source: Option<String>,
    pub target: Option<String>,
    pub cameo: String,
    pub goldstein: Option<f64>,
    pub quad_class: Option<u8>,
    pub num_sources: i64,
    pub article_id: i64,
    pub doc_id: String,
    pub url: Option<String>,
    pub sentence_index: i64,
    pub sentence_text: Option<String>,
}

/// One dyad's events by day: (day, material-conflict count, conflict weight), days ascending.
#[derive(Default)]
struct Days {
    day: Vec<i64>,
    /// Prefix sums: `count[i]` and `weight[i]` cover days[..i].
    count: Vec<u64>,
    weight: Vec<f64>,
}

impl Days {
    fn push(&mut self, day: i64, count: u64, weight: f64) {
        if self.count.is_empty() {
            self.count.push(0);
            self.weight.push(0.0);
        }
        let (c, w) = (
            self.count[self.count.len() - 1],
            self.weight[self.weight.len() - 1],
        );
        self.day.push(day);
        self.count.push(c + count);
        self.weight.push(w + weight);
    }

    /// Sums over days `lo..=hi`.
    fn sum(&self, lo: i64, hi: i64) -> (u64, f64) {
        let a = self.day.partition_point(|&d| d < lo);
        let b = self.day.partition_point(|&d| d <= hi);
        if b <= a {
            return (0, 0.0);
        }
        (
            self.count[b] - self.count[a],
            self.weight[b] - self.weight[a],
        )
    }
}

/// The score of one day.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Score {
    day: i64,
    score: f64,
    z_count: f64,
    z_weight: f64,
    count: u64,
    base_count: f64,
    weight: f64,
    base_weight: f64,
}

fn score_day(days: &Days, d: i64, p: &AlertParams) -> Score {
    let w = p.window_days.max(1);
    let (count, weight) = days.sum(d - w + 1, d);
    let n = p.baseline_windows.max(1);
    let base: Vec<(u64, f64)> = (1..=n)
        .map(|k| days.sum(d - (k + 1) * w + 1, d - k * w))
        .collect();
    let (mc, sc) = mean_sd(base.iter().map(|b| b.0 as f64));
    let (mw, sw) = mean_sd(base.iter().map(|b| b.1));
    let z_count = (count as f64 - mc) / sc.max(p.count_floor);
    let z_weight = (weight - mw) / sw.max(p.weight_floor);
    Score {
        day: d,
        score: (z_count + z_weight) / 2.0,
        z_count,
        z_weight,
        count,
        base_count: mc,
        weight,
        base_weight: mw,
    }
}

/// Mean and population standard deviation.
fn mean_sd(xs: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let n = xs.clone().count().max(1) as f64;
    let mean = xs.clone().sum::<f64>() / n;
    let var = xs.map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// Alerting runs of one dyad over `from..=to`: only days whose window holds a material-conflict
/// event can alert, so only those are scored.
fn runs(
    days: &Days,
    events: &[(i64, u64)],
    from: i64,
    to: i64,
    p: &AlertParams,
) -> Vec<Vec<Score>> {
    let mut candidates: Vec<i64> = events
        .iter()
        .filter(|(_, c)| *c > 0)
        .flat_map(|&(d, _)| d..d + p.window_days.max(1))
        .filter(|d| (from..=to).contains(d))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let mut out: Vec<Vec<Score>> = Vec::new();
    for d in candidates {
        let s = score_day(days, d, p);
        if s.score < p.threshold || s.count < p.min_material_conflict {
            continue;
        }
        match out.last_mut() {
            Some(run) if run.last().is_some_and(|l| l.day + 1 == d) => run.push(s),
            _ => out.push(vec![s]),
        }
    }
    out
}

impl Store {
    /// Escalation alerts (see the module documentation for the method).
    pub fn alerts(&self, q: &AlertQuery) -> Result<Vec<Alert>> {
        let Some(last) = self.last_day()? else {
            return Ok(Vec::new());
        };
        let to = q.to.map_or(last, time::day_of);
        let from = match (q.current, q.from) {
            (true, _) => to,
            (false, Some(f)) => time::day_of(f),
            (false, None) => to,
        };
        let p = &q.params;
        let history = p.window_days.max(1) * (p.baseline_windows.max(1) + 1);
        let per_dyad = self.dyad_days(q, from - history, to)?;
        let mut alerts = Vec::new();
        for ((source, target), (days, events)) in per_dyad {
            // A run still alerting on `from` may have begun before it: score back far enough.
            for run in runs(&days, &events, from - history, to, p) {
                let end = run.last().map_or(from, |s| s.day);
                if end < from || (q.current && end != to) {
                    continue;
                }
                alerts.push(self.alert(&source, &target, &run, q)?);
            }
        }
        alerts.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.start.cmp(&b.start)));
        Ok(alerts)
    }

    fn last_day(&self) -> Result<Option<i64>> {
        let sql = format!("SELECT MAX(e.day) FROM events e WHERE {COUNTABLE}");
        self.conn.query_row(&sql, [], |r| r.get(0)).at(&self.path)
    }

    /// Per dyad: the prefix sums by day, and each day's material-conflict count.
    #[allow(clippy::type_complexity)]
    fn dyad_days(
        &self,
        q: &AlertQuery,
        from: i64,
        to: i64,
    ) -> Result<BTreeMap<(String, String), (Days, Vec<(i64, u64)>)>> {
        let (s, t) = columns(q.by_code);
        let only = q.dyad.clone().unwrap_or_default();
        let sql = format!(
            "SELECT e.{s}, e.{t}, e.day, COALESCE(SUM(e.quad_class = 4), 0),
                    TOTAL(MAX(0, -e.goldstein))
             FROM events e
             WHERE e.{s} IS NOT NULL AND e.{t} IS NOT NULL AND e.day BETWEEN ?1 AND ?2
               AND {COUNTABLE} AND (?3 = '' OR e.{s} = ?3) AND (?4 = '' OR e.{t} = ?4)
             GROUP BY e.{s}, e.{t}, e.day
             ORDER BY e.{s}, e.{t}, e.day"
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let rows = stmt
            .query_map(params![from, to, only.0, only.1], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, f64>(4)?,
                ))
            })
            .at(&self.path)?;
        let mut out: BTreeMap<(String, String), (Days, Vec<(i64, u64)>)> = BTreeMap::new();
        for row in rows {
            let (source, target, day, count, weight) = row.at(&self.path)?;
            let entry = out.entry((source, target)).or_default();
            entry.0.push(day, count as u64, weight);
            entry.1.push((day, count as u64));
        }
        Ok(out)
    }

    fn alert(&self, source: &str, target: &str, run: &[Score], q: &AlertQuery) -> Result<Alert> {
        let peak = run
            .iter()
            .copied()
            .max_by(|a, b| a.score.total_cmp(&b.score))
            .unwrap_or(run[0]);
        let start = run[0].day;
        let end = run[run.len() - 1].day;
        let p = &q.params;
        let evidence = self.evidence(source, target, start - p.window_days + 1, end, q.by_code)?;
        let date = |d: i64| time::date_of(d).to_string();
        let explanation = format!(
            "{source} -> {target}: {} material-conflict event(s), conflict weight {:.1} in the {} \
             days to {}; the {} windows of {} days before averaged {:.2} and {:.1} \
             (z = {:.2} and {:.2}, score {:.2} >= {})",
            peak.count,
            peak.weight,
            p.window_days,
            date(peak.day),
            p.baseline_windows,
            p.window_days,
            peak.base_count,
            peak.base_weight,
            peak.z_count,
            peak.z_weight,
            peak.score,
            p.threshold
        );
        Ok(Alert {
            source: source.to_string(),
            target: target.to_string(),
            start: date(start),
            end: date(end),
            peak: date(peak.day),
            score: round2(peak.score),
            z_material_conflict: round2(peak.z_count),
            z_conflict_weight: round2(peak.z_weight),
            material_conflict: peak.count,
            baseline_material_conflict: round2(peak.base_count),
            conflict_weight: round2(peak.weight),
            baseline_conflict_weight: round2(peak.base_weight),
            explanation,
            evidence,
        })
    }

    /// The dyad's conflict events in `from..=to`, worst first, with their root sentences.
    fn evidence(
        &self,
        source: &str,
        target: &str,
        from: i64,
        to: i64,
        by_code: bool,
    ) -> Result<Vec<Evidence>> {
        // A dyad of codes (never null here) is read by the actors' keys, which the index holds
        // and which equal their codes.
        let (s, t) = if by_code {
            ("source_key", "target_key")
        } else {
            columns(false)
        };
        let sql = format!(
            "SELECT e.id, e.date, e.source_code, e.target_code, e.cameo, e.goldstein,
                    e.quad_class, e.num_sources, m.article_id, a.doc_id, a.url,
                    m.sentence_index, st.text
             FROM events e
             JOIN mentions m ON m.id = e.root_mention
             JOIN articles a ON a.id = m.article_id
             LEFT JOIN sentences st ON st.article_id = m.article_id AND st.idx = m.sentence_index
             WHERE e.{s} = ?1 AND e.{t} = ?2 AND e.day BETWEEN ?3 AND ?4 AND {COUNTABLE}
               AND e.goldstein < 0
             ORDER BY e.quad_class DESC, e.goldstein, e.day, e.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let rows = stmt
            .query_map(params![source, target, from, to], |r| {
                Ok(Evidence {
                    event_id: r.get(0)?,
                    date: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    source: r.get(2)?,
                    target: r.get(3)?,
                    cameo: r.get(4)?,
                    goldstein: r.get(5)?,
                    quad_class: r.get(6)?,
                    num_sources: r.get(7)?,
                    article_id: r.get(8)?,
                    doc_id: r.get(9)?,
                    url: r.get(10)?,
                    sentence_index: r.get(11)?,
                    sentence_text: r.get(12)?,
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }
}

fn columns(by_code: bool) -> (&'static str, &'static str) {
    if by_code {
        ("source_code", "target_code")
    } else {
        ("source_country", "target_country")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(list: &[(i64, u64, f64)]) -> (Days, Vec<(i64, u64)>) {
        let mut d = Days::default();
        for &(day, c, w) in list {
            d.push(day, c, w);
        }
        (d, list.iter().map(|&(day, c, _)| (day, c)).collect())
    }

    #[test]
    fn window_sums_cover_inclusive_day_ranges() {
        let (d, _) = days(&[(10, 1, 10.0), (12, 0, 4.0), (20, 2, 20.0)]);
        assert_eq!(d.sum(10, 12), (1, 14.0));
        assert_eq!(d.sum(11, 19), (0, 4.0));
        assert_eq!(d.sum(0, 100), (3, 34.0));
        assert_eq!(d.sum(21, 30), (0, 0.0));
    }

    #[test]
    fn one_attack_out_of_silence_reaches_the_threshold() {
        let (d, _) = days(&[(100, 1, 10.0)]);
        let s = score_day(&d, 100, &AlertParams::default());
        assert_eq!((s.z_count, s.z_weight, s.score), (2.0, 2.0, 2.0));
    }

    #[test]
    fn a_steady_conflict_does_not_alert() {
        // One attack every week for a year.
        let list: Vec<_> = (0..52).map(|k| (k * 7, 1, 10.0)).collect();
        let (d, ev) = days(&list);
        assert!(runs(&d, &ev, 100, 364, &AlertParams::default()).is_empty());
    }

    #[test]
    fn a_burst_alerts_once_over_consecutive_days() {
        let mut list: Vec<_> = (0..20).map(|k| (k * 7, 0, 2.0)).collect();
        list.extend([(141, 1, 10.0), (142, 2, 20.0), (143, 1, 10.0)]);
        let (d, ev) = days(&list);
        let found = runs(&d, &ev, 0, 200, &AlertParams::default());
        assert_eq!(found.len(), 1);
        // The first attack against a background of weekly verbal conflict scores 1.8; the
        // second day's two attacks start the alert, which lasts while they are in the window.
        assert_eq!(found[0][0].day, 142);
        assert_eq!(found[0].last().unwrap().day, 148);
        assert!(found[0].windows(2).all(|w| w[0].day + 1 == w[1].day));
    }
}
