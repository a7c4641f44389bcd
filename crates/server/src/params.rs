//! Query-string parameters: each read and checked by name, so that a bad value or an unknown
//! parameter is a 400 that says which one and why (a typo never silently widens a query).

use crate::error::{ApiError, ApiResult};
use flashpoint_core::Date;
use flashpoint_store::api_queries::{BBox, EventQuery};
use std::str::FromStr;

pub struct Params {
    pairs: Vec<(String, String, bool)>,
}

impl Params {
    /// Parse a raw query string; a parameter given twice is refused.
    pub fn parse(raw: Option<&str>) -> ApiResult<Params> {
        let mut pairs: Vec<(String, String, bool)> = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if pairs.iter().any(|(name, _, _)| *name == k) {
                return Err(ApiError::bad_request(format!(
                    "parameter `{k}` given more than once"
                )));
            }
            pairs.push((k.into_owned(), v.into_owned(), false));
        }
        Ok(Params { pairs })
    }

    /// The value of `name`, trimmed; an empty value counts as absent (as forms send them).
    pub fn text(&mut self, name: &str) -> Option<String> {
        let pair = self.pairs.iter_mut().find(|(k, _, _)| k == name)?;
        pair.2 = true;
        let v = pair.1.trim();
        (!v.is_empty()).then(|| v.to_string())
    }

    pub fn parsed<T: FromStr>(&mut self, name: &str, what: &str) -> ApiResult<Option<T>> {
        match self.text(name) {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| invalid(name, &v, what)),
        }
    }

    pub fn date(&mut self, name: &str) -> ApiResult<Option<Date>> {
        self.parsed(name, "a date, YYYY-MM-DD")
    }

    /// An integer in `lo..=hi`.
    pub fn int(&mut self, name: &str, lo: u64, hi: u64) -> ApiResult<Option<u64>> {
        let what = format!("an integer from {lo} to {hi}");
        match self.parsed::<u64>(name, &what)? {
            Some(n) if !(lo..=hi).contains(&n) => Err(invalid(name, &n.to_string(), &what)),
            n => Ok(n),
        }
    }

    pub fn bool(&mut self, name: &str) -> ApiResult<bool> {
        match self.text(name).as_deref() {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(v) => Err(invalid(name, v, "true or false")),
        }
    }

    /// An actor: a country ("TUR") or a full code ("TURGOV"), upper-cased.
    pub fn actor(&mut self, name: &str) -> ApiResult<Option<String>> {
        match self.text(name) {
            None => Ok(None),
            Some(v) => actor(&v).map(Some).map_err(|what| invalid(name, &v, what)),
        }
    }

    /// One of `choices`.
    pub fn choice(&mut self, name: &str, choices: &[&str]) -> ApiResult<Option<String>> {
        match self.text(name) {
            Some(v) if !choices.contains(&v.as_str()) => {
                Err(invalid(name, &v, &format!("one of {}", choices.join(", "))))
            }
            v => Ok(v),
        }
    }

    /// Refuse parameters that nothing read.
    pub fn finish(self) -> ApiResult<()> {
        match self.pairs.iter().find(|(_, _, used)| !used) {
            Some((k, _, _)) => Err(ApiError::bad_request(format!("unknown parameter `{k}`"))),
            None => Ok(()),
        }
    }
}

fn invalid(name: &str, value: &str, what: &str) -> ApiError {
    let shown: String = value.chars().take(60).collect();
    ApiError::bad_request(format!("parameter `{name}`: {shown:?} is not {what}"))
}

/// Check an actor code: 2 to 20 letters or digits, upper-cased.
pub fn actor(v: &str) -> Result<String, &'static str> {
    let ok = (2..=20).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(v.to_ascii_uppercase())
    } else {
        Err("an actor code (a country such as TUR, or a code such as TURGOV)")
    }
}

fn digits(v: &str, lens: std::ops::RangeInclusive<usize>) -> bool {
    lens.contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit())
}

/// `minLon,minLat,maxLon,maxLat` in degrees.
fn bbox(v: &str) -> Option<BBox> {
    let n: Vec<f64> = v
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .ok()?;
    let [min_lon, min_lat, max_lon, max_lat] = n[..] else {
        return None;
    };
    let lon_ok = |x: f64| (-180.0..=180.0).contains(&x);
    let lat_ok = |x: f64| (-90.0..=90.0).contains(&x);
    (lon_ok(min_lon) && lon_ok(max_lon) && lat_ok(min_lat) && lat_ok(max_lat) && min_lat <= max_lat)
        .then_some(BBox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        })
}

/// Read the event filters: from, to, actor (or country), source, target, cameo_root, cameo,
/// quad_class, plover, bbox, q, min_sources.
pub fn event_query(p: &mut Params) -> ApiResult<EventQuery> {
    let mut q = EventQuery {
        from: p.date("from")?,
        to: p.date("to")?,
        actor: p.actor("actor")?,
        source: p.actor("source")?,
        target: p.actor("target")?,
        ..EventQuery::default()
    };
    // `country` is a synonym of `actor` for those who think of places.
    if let Some(c) = p.actor("country")? {
        if q.actor.is_some() {
            return Err(ApiError::bad_request("give `actor` or `country`, not both"));
        }
        q.actor = Some(c);
    }
    if let (Some(f), Some(t)) = (q.from, q.to) {
        if f > t {
            return Err(ApiError::bad_request(format!(
                "parameter `from` ({f}) is after `to` ({t})"
            )));
        }
    }
    if let Some(v) = p.text("cameo_root") {
        let n: u8 = v.parse().unwrap_or(0);
        if !digits(&v, 2..=2) || !(1..=20).contains(&n) {
            return Err(invalid("cameo_root", &v, "a CAMEO root, 01 to 20"));
        }
        q.cameo_root = Some(v);
    }
    if let Some(v) = p.text("cameo") {
        if !digits(&v, 2..=4) {
            return Err(invalid("cameo", &v, "a CAMEO code of 2 to 4 digits"));
        }
        q.cameo = Some(v);
    }
    q.quad_class = p.int("quad_class", 1, 4)?.map(|n| n as u8);
    if let Some(v) = p.text("plover") {
        let ok = v.len() <= 40 && v.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_');
        if !ok {
            return Err(invalid("plover", &v, "a PLOVER category such as ASSAULT"));
        }
        q.plover = Some(v.to_ascii_uppercase());
    }
    if let Some(v) = p.text("bbox") {
        q.bbox = Some(bbox(&v).ok_or_else(|| {
            invalid(
                "bbox",
                &v,
                "minLon,minLat,maxLon,maxLat in degrees (latitudes in order)",
            )
        })?);
    }
    if let Some(v) = p.text("q") {
        if v.chars().count() > 200 {
            return Err(invalid("q", &v, "a search text of at most 200 characters"));
        }
        q.text = Some(v);
    }
    q.min_sources = p.int("min_sources", 1, 1_000_000)?.map(|n| n as u32);
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(raw: &str) -> ApiResult<EventQuery> {
        let mut p = Params::parse(Some(raw))?;
        let q = event_query(&mut p)?;
        p.finish()?;
        Ok(q)
    }

    #[test]
    fn filters_read_and_normalise() {
        let q = query("from=2020-02-01&to=2020-03-01&source=tur&target=SYRGOV&quad_class=4&plover=assault&bbox=35,35,38,37.5&q=shelled&cameo=19").unwrap();
        assert_eq!(q.source.as_deref(), Some("TUR"));
        assert_eq!(q.target.as_deref(), Some("SYRGOV"));
        assert_eq!(q.quad_class, Some(4));
        assert_eq!(q.plover.as_deref(), Some("ASSAULT"));
        assert_eq!(q.bbox.map(|b| b.max_lat), Some(37.5));
        assert_eq!(q.cameo.as_deref(), Some("19"));
        // Empty values are absent, as an empty form field sends them.
        let q = query("actor=&q=").unwrap();
        assert!(q.actor.is_none() && q.text.is_none());
    }

    #[test]
    fn bad_values_name_the_parameter() {
        for (raw, name) in [
            ("from=yesterday", "from"),
            ("quad_class=5", "quad_class"),
            ("cameo_root=21", "cameo_root"),
            ("cameo=1a", "cameo"),
            ("bbox=1,2,3", "bbox"),
            ("bbox=0,10,5,5", "bbox"),
            ("actor=T%20R", "actor"),
            ("min_sources=0", "min_sources"),
            ("colour=red", "colour"),
            ("q=a&q=b", "q"),
            ("from=2020-03-01&to=2020-02-01", "from"),
        ] {
            let e = query(raw).unwrap_err();
            assert_eq!(e.status, 400, "{raw}");
            assert!(
                e.message.contains(&format!("`{name}`")),
                "{raw}: {}",
                e.message
            );
        }
    }
}
