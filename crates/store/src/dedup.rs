//! Dedup across sources. A mention joins an existing event when both have the same source actor,
//! the same target actor, the same CAMEO root, dates at most one day apart, and the same place
//! (or one holding the other: a country its towns) or no place on either side; among several
//! such events the nearest in date wins, then the oldest.
//! Two reports in one article with different dates stay two events: the writer told them apart.
//! The event's fields are those of its root: the mention from the earliest-published article
//! (then the first stored). Its counts follow GDELT: mentions, distinct articles, distinct
//! sources (outlet name; an article without one counts as its own source).

use crate::record::{ActorRef, CodedEvent, DatePrecision, Place, PlacePrecision};
use crate::time;
use flashpoint_core::{Country, Date, Role};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};

/// What dedup compares, computed once per mention.
#[derive(Clone, Debug, PartialEq)]
pub struct MentionKeys {
    /// The event's date, or the article's when the coder gave none.
    pub date: Option<Date>,
    pub day: Option<i64>,
    /// Known to the day (not a month or a year).
    pub day_precise: bool,
    pub source: String,
    pub target: String,
    pub root: String,
    pub place: Option<String>,
}

impl MentionKeys {
    pub fn of(e: &CodedEvent, published: Option<Date>) -> MentionKeys {
        let date = e.date.or(published);
        MentionKeys {
            date,
            day: date.map(time::day_of),
            day_precise: date.is_some() && e.date_precision.is_none_or(|p| p == DatePrecision::Day),
            source: actor_key(e.source.as_ref()),
            target: actor_key(e.target.as_ref()),
            root: format!("{:02}", e.cameo.root()),
            place: e.place.as_ref().map(place_key),
        }
    }
}

/// The actor's code; an actor without one by its lowercased text (marked `~`); none is "".
fn actor_key(a: Option<&ActorRef>) -> String {
    match a {
        Some(ActorRef {
            code: Some(code), ..
        }) => code.clone(),
        Some(a) => format!("~{}", a.text.to_lowercase()),
        None => String::new(),
    }
}

/// Whether an actor key is a code (what a filter on a full code may match), not an uncoded
/// actor's text or the empty key of no actor.
pub fn is_code_key(key: &str) -> bool {
    !key.is_empty() && !key.starts_with('~')
}

/// A place as dedup compares it: `c|country`, `a|country|admin1` or `p|country|admin1|id`,
/// from the coarsest precision to the finest.
fn place_key(p: &Place) -> String {
    let admin1 = p.admin1.as_deref().unwrap_or(&p.name).to_lowercase();
    match p.precision {
        // A place without coordinates is only known to its country.
        PlacePrecision::Country | PlacePrecision::Region | PlacePrecision::Unknown => {
            format!("c|{}", p.country_code())
        }
        PlacePrecision::Admin1 => format!("a|{}|{admin1}", p.country_code()),
        PlacePrecision::Site | PlacePrecision::City | PlacePrecision::Admin2 => {
            let id = p
                .geonameid
                .map_or_else(|| p.name.to_lowercase(), |id| id.to_string());
            format!("p|{}|{admin1}|{id}", p.country_code())
        }
    }
}

/// The same place, or one holding the other: a country holds its regions and cities (one outlet
/// names the town, another only the country), a region its cities.
pub fn places_agree(a: &str, b: &str) -> bool {
    let a: Vec<&str> = a.split('|').collect();
    let b: Vec<&str> = b.split('|').collect();
    if a.len() < 2 || b.len() < 2 || a[1] != b[1] {
        return a == b;
    }
    match (a[0], b[0]) {
        ("c", _) | (_, "c") => true,
        ("a", _) | (_, "a") => a.get(2) == b.get(2),
        _ => a == b,
    }
}

/// The event this mention tells, if one is stored.
pub fn find_event(
    tx: &Transaction,
    k: &MentionKeys,
    article_id: i64,
) -> rusqlite::Result<Option<i64>> {
    let Some(day) = k.day else {
        return Ok(None);
    };
    let mut stmt = tx.prepare_cached(
        "SELECT id, day, place_key FROM events
         WHERE source_key = ?1 AND target_key = ?2 AND cameo_root = ?3
           AND day BETWEEN ?4 - 1 AND ?4 + 1
           AND NOT EXISTS (SELECT 1 FROM mentions m
                           WHERE m.event_id = events.id AND m.article_id = ?5 AND m.day != ?4)",
    )?;
    let rows = stmt.query_map(params![k.source, k.target, k.root, day, article_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut best: Option<(i64, i64)> = None;
    for row in rows {
        let (id, event_day, place) = row?;
        let place_ok = match (&place, &k.place) {
            (Some(a), Some(b)) => places_agree(a, b),
            _ => true,
        };
        let rank = ((event_day - day).abs(), id);
        if place_ok && best.is_none_or(|b| rank < b) {
            best = Some(rank);
        }
    }
    Ok(best.map(|(_, id)| id))
}

/// A new event whose only (root) mention, `mention` in article `article_id`, is stored next
/// (its sentence already is).
pub fn create_event(
    tx: &Transaction,
    k: &MentionKeys,
    e: &CodedEvent,
    article_id: i64,
    mention: i64,
) -> rusqlite::Result<i64> {
    let s = e.source.as_ref();
    let t = e.target.as_ref();
    tx.prepare_cached(
        "INSERT INTO events (root_mention, day, date, day_precise, source_key, target_key,
            cameo_root, place_key, source_code, source_country, source_role, target_code,
            target_country, target_role, cameo, quad_class, goldstein, modality,
            num_mentions, num_sources, num_articles, place_lat, place_lon, text)
         VALUES (?22, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 1, 1, 1, ?18, ?19,
                 (SELECT text FROM sentences WHERE article_id = ?20 AND idx = ?21))",
    )?
    .execute(params![
        k.day,
        k.date.map(|d| d.to_string()),
        k.day_precise,
        k.source,
        k.target,
        k.root,
        k.place,
        s.and_then(|x| x.code.as_deref()),
        s.and_then(|x| x.country.as_ref().map(Country::as_str)),
        s.and_then(|x| x.role.map(Role::as_str)),
        t.and_then(|x| x.code.as_deref()),
        t.and_then(|x| x.country.as_ref().map(Country::as_str)),
        t.and_then(|x| x.role.map(Role::as_str)),
        e.cameo.as_str(),
        e.quad_class,
        e.goldstein,
        e.modality.as_str(),
        e.place.as_ref().and_then(|p| p.lat),
        e.place.as_ref().and_then(|p| p.lon),
        article_id,
        e.sentence_index as i64,
        mention,
    ])?;
    Ok(tx.last_insert_rowid())
}

/// The event columns that `refresh_event` recomputes, in the order of `REFRESHED`'s values.
const REFRESHED_COLUMNS: [&str; 24] = [
    "root_mention",
    "day",
    "date",
    "day_precise",
    "source_key",
    "target_key",
    "cameo_root",
    "place_key",
    "source_code",
    "source_country",
    "source_role",
    "target_code",
    "target_country",
    "target_role",
    "cameo",
    "quad_class",
    "goldstein",
    "modality",
    "place_lat",
    "place_lon",
    "num_mentions",
    "num_articles",
    "num_sources",
    "text",
];

/// An event's fields as its mentions make them: those of its root (`?2`), its counts, and its
/// reports' sentences joined.
const REFRESHED: &str = "SELECT r.id, r.day, r.date, r.day_precise, r.source_key, r.target_key,
        r.cameo_root, r.place_key, r.source_code, r.source_country, r.source_role, r.target_code,
        r.target_country, r.target_role, r.cameo, r.quad_class, r.goldstein, r.modality,
        r.place_lat, r.place_lon,
        (SELECT COUNT(*) FROM mentions WHERE event_id = ?1),
        (SELECT COUNT(DISTINCT article_id) FROM mentions WHERE event_id = ?1),
        (SELECT COUNT(DISTINCT COALESCE(a.source_name, a.key))
         FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?1),
        (SELECT group_concat(s.text, char(30) ORDER BY m.id)
         FROM mentions m JOIN sentences s
             ON s.article_id = m.article_id AND s.idx = m.sentence_index
         WHERE m.event_id = ?1)
    FROM mentions r WHERE r.id = ?2";

/// The same columns as stored.
const STORED: &str = "SELECT root_mention, day, date, day_precise, source_key, target_key,
        cameo_root, place_key, source_code, source_country, source_role, target_code,
        target_country, target_role, cameo, quad_class, goldstein, modality, place_lat,
        place_lon, num_mentions, num_articles, num_sources, text
    FROM events WHERE id = ?1";

/// Recount an event from its mentions, take its fields from its root again and join its
/// reports' sentences again; an event no mention tells any more is deleted. Only the columns
/// whose value changed are written: SQLite rewrites the entries of every index holding a
/// column an UPDATE sets, and a report joining an event mostly changes its counts and text
/// only (an event sits in eleven indexes).
pub fn refresh_event(tx: &Transaction, event: i64) -> rusqlite::Result<()> {
    let root: Option<i64> = tx
        .prepare_cached(
            "SELECT m.id FROM mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.event_id = ?1
             ORDER BY a.published IS NULL, a.published, m.id LIMIT 1",
        )?
        .query_row([event], |r| r.get(0))
        .optional()?;
    let Some(root) = root else {
        tx.prepare_cached("DELETE FROM events WHERE id = ?1")?
            .execute([event])?;
        return Ok(());
    };
    let fields = |r: &rusqlite::Row| -> rusqlite::Result<Vec<Value>> {
        (0..REFRESHED_COLUMNS.len()).map(|i| r.get(i)).collect()
    };
    let new = tx
        .prepare_cached(REFRESHED)?
        .query_row([event, root], fields)?;
    let old = tx.prepare_cached(STORED)?.query_row([event], fields)?;
    let mut sets = String::new();
    let mut values = vec![Value::Integer(event)];
    for ((column, new), old) in REFRESHED_COLUMNS.iter().zip(new).zip(old) {
        if new != old {
            if !sets.is_empty() {
                sets.push_str(", ");
            }
            values.push(new);
            sets.push_str(column);
            sets.push_str(" = ?");
            sets.push_str(&values.len().to_string());
        }
    }
    if sets.is_empty() {
        return Ok(());
    }
    // A few column sets recur (counts and text; a new root's fields), each a cached statement.
    tx.prepare_cached(&format!("UPDATE events SET {sets} WHERE id = ?1"))?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(
        name: &str,
        admin1: Option<&str>,
        id: Option<u32>,
        precision: PlacePrecision,
    ) -> String {
        place_key(&Place {
            name: name.into(),
            country: "XRU".parse().ok(),
            admin1: admin1.map(String::from),
            lat: Some(0.0),
            lon: Some(0.0),
            geonameid: id,
            precision,
        })
    }

    /// What an event should hold, computed here from its mentions (not by `REFRESHED`): its
    /// root, counts, the root's code and day, and the text of its reports.
    #[derive(Debug, PartialEq)]
    struct Expected {
        root: i64,
        mentions: i64,
        articles: i64,
        sources: i64,
        cameo: String,
        day: Option<i64>,
        num_sources_in_index: i64,
        text: String,
    }

    fn expected_events(c: &rusqlite::Connection) -> std::collections::BTreeMap<i64, Expected> {
        type Row = (
            i64,
            i64,
            i64,
            Option<String>,
            String,
            String,
            Option<i64>,
            String,
        );
        let rows: Vec<Row> = c
            .prepare(
                "SELECT m.event_id, m.id, m.article_id, a.published,
                        COALESCE(a.source_name, a.key), m.cameo, m.day, s.text
                 FROM mentions m JOIN articles a ON a.id = m.article_id
                 JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_index
                 ORDER BY m.event_id, m.id",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut out = std::collections::BTreeMap::new();
        for group in rows.chunk_by(|a, b| a.0 == b.0) {
            let root = group
                .iter()
                .min_by_key(|r| (r.3.is_none(), r.3.clone(), r.1))
                .unwrap();
            let distinct = |f: &dyn Fn(&Row) -> String| {
                let set: std::collections::BTreeSet<String> = group.iter().map(f).collect();
                set.len() as i64
            };
            let sources = distinct(&|r| r.4.clone());
            out.insert(
                group[0].0,
                Expected {
                    root: root.1,
                    mentions: group.len() as i64,
                    articles: distinct(&|r| r.2.to_string()),
                    sources,
                    cameo: root.5.clone(),
                    day: root.6,
                    num_sources_in_index: sources,
                    text: group
                        .iter()
                        .map(|r| r.7.as_str())
                        .collect::<Vec<_>>()
                        .join("\u{1e}"),
                },
            );
        }
        out
    }

    #[test]
    fn every_event_is_what_its_reports_make_it_after_merges_and_replacements() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fp.db");
        let mut store = crate::Store::create(&path).unwrap();
        let mut report = crate::BatchReport::default();
        for chunk in crate::synthetic::corpus(5, 900).chunks(60) {
            let batch: Vec<_> = chunk
                .iter()
                .map(|l| crate::Incoming::from_coded_line(l.as_bytes()).unwrap())
                .collect();
            report.add(&store.ingest_batch(&batch).unwrap());
        }
        assert!(report.merged >= 10 && report.replaced >= 10, "{report:?}");
        drop(store);
        let c = rusqlite::Connection::open(&path).unwrap();
        let want = expected_events(&c);
        // num_sources read through the index that holds it, to see that its entry was updated.
        let stored: std::collections::BTreeMap<i64, Expected> = c
            .prepare(
                "SELECT e.id, e.root_mention, e.num_mentions, e.num_articles, e.num_sources,
                        e.cameo, e.day,
                        (SELECT i.num_sources FROM events i INDEXED BY events_cameo
                         WHERE i.cameo = e.cameo AND i.id = e.id),
                        e.text
                 FROM events e",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    Expected {
                        root: r.get(1)?,
                        mentions: r.get(2)?,
                        articles: r.get(3)?,
                        sources: r.get(4)?,
                        cameo: r.get(5)?,
                        day: r.get(6)?,
                        num_sources_in_index: r.get(7)?,
                        text: r.get(8)?,
                    },
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(stored.len(), want.len());
        for (id, w) in &want {
            assert_eq!(stored.get(id), Some(w), "event {id}");
        }
        assert!(want.values().any(|e| e.sources > 1));
    }

    #[test]
    fn places_agree_when_one_holds_the_other() {
        let town = place("Port Vell", Some("North"), Some(1), PlacePrecision::City);
        let other_town = place("Castel", Some("North"), Some(2), PlacePrecision::City);
        let south_town = place("Sudport", Some("South"), Some(3), PlacePrecision::City);
        let north = place("North", None, None, PlacePrecision::Admin1);
        let country = place("Ruritania", None, None, PlacePrecision::Country);
        assert!(places_agree(&town, &town));
        assert!(!places_agree(&town, &other_town));
        assert!(places_agree(&town, &country) && places_agree(&country, &south_town));
        assert!(places_agree(&north, &town) && places_agree(&other_town, &north));
        assert!(!places_agree(&north, &south_town));
        assert!(!places_agree(&country, "c|XFR"));
    }
}
