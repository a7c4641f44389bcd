//! Event dates: the date expressions of a sentence resolved against the publication date.
//! "on Tuesday" is the Tuesday before publication, "in 1921" keeps its own year and is historical.

use crate::date::Date;
use crate::doc::DatePrecision;

/// A date expression found in a sentence, at token `at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub at: usize,
    pub date: Date,
    pub precision: DatePrecision,
}

use crate::lexicon::{lexicon, Shift};

fn month(word: &str) -> Option<u8> {
    // Abbreviations count only with their dot ("Feb."), so "mar" the verb is no month.
    let abbreviated = word.ends_with('.');
    let w = word.trim_end_matches('.');
    lexicon()
        .calendar
        .months
        .iter()
        .position(|m| m == w || (abbreviated && w.len() >= 3 && m.starts_with(w)))
        .map(|i| i as u8 + 1)
}

fn number(word: &str) -> Option<u32> {
    let suffixes = &lexicon().calendar.ordinal_suffixes;
    let w = suffixes.iter().fold(word, |w, s| w.trim_end_matches(s));
    (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// The latest date on or before `published` that has month `m` and day `d` (year unstated).
fn recent(published: Date, m: u8, d: u8, future: bool) -> Option<Date> {
    let this_year = Date::new(published.year, m, d)?;
    // "patrols will begin from 15 March": a future date is the next one, not last year's.
    if future {
        return if this_year >= published.add_days(-1) {
            Some(this_year)
        } else {
            Date::new(published.year + 1, m, d)
        };
    }
    if this_year <= published.add_days(1) {
        Some(this_year)
    } else {
        Date::new(published.year - 1, m, d)
    }
}

/// Date expressions in a sentence given its lowercase token keys.
pub fn find<S: AsRef<str>>(keys: &[S], published: Option<Date>) -> Vec<DateMention> {
    let k = |i: usize| keys.get(i).map_or("", |s| s.as_ref());
    // A sentence about what will happen dates forward.
    let calendar = &lexicon().calendar;
    let future = keys.iter().any(|w| calendar.future.contains(w.as_ref()));
    let mut out = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let w = k(i);
        let mut push = |at, date: Option<Date>, precision| {
            if let Some(date) = date {
                out.push(DateMention {
                    at,
                    date,
                    precision,
                });
            }
        };
        let pair = format!("{w} {}", k(i + 1));
        let shift = calendar
            .shifts
            .get(&pair)
            .map(|s| (s, 1))
            .or_else(|| calendar.shifts.get(w).map(|s| (s, 0)));
        if let (Some(p), Some(wd)) = (published, calendar.weekdays.position(w)) {
            let back = (i64::from(p.weekday()) - wd as i64).rem_euclid(7);
            push(i, Some(p.add_days(-back)), DatePrecision::Day);
        } else if let (Some(p), Some((&shift, words))) = (published, shift) {
            match shift {
                Shift::Days(n) => push(i, Some(p.add_days(n)), DatePrecision::Day),
                Shift::Years(n) => push(i, Date::new(p.year + n, 1, 1), DatePrecision::Year),
            }
            i += words;
        } else if let Some(m) = month(w) {
            // "February 27, 2020", "Feb. 27", "February 2020", or "27 February (2020)" (day before).
            let day_before = i
                .checked_sub(1)
                .and_then(|j| number(k(j)))
                .filter(|d| (1..=31).contains(d));
            let day_after = number(k(i + 1)).filter(|d| (1..=31).contains(d));
            let year_at = |j: usize| {
                number(k(j))
                    .filter(|y| (1000..=2100).contains(y))
                    .map(|y| y as i32)
            };
            let (day, year) = match (day_before, day_after) {
                (_, Some(d)) => (
                    Some(d),
                    year_at(i + 2).or_else(|| {
                        if k(i + 2) == "," {
                            year_at(i + 3)
                        } else {
                            None
                        }
                    }),
                ),
                (Some(d), None) => (Some(d), year_at(i + 1)),
                (None, None) => (None, year_at(i + 1)),
            };
            let is_may = w == "may";
            // "may" alone is the verb; as a month it needs a day or a year.
            if !(is_may && day.is_none() && year.is_none()) {
                let at = if day_before.is_some() && day_after.is_none() {
                    i - 1
                } else {
                    i
                };
                match (day, year, published) {
                    (Some(d), Some(y), _) => push(at, Date::new(y, m, d as u8), DatePrecision::Day),
                    (Some(d), None, Some(p)) => {
                        push(at, recent(p, m, d as u8, future), DatePrecision::Day)
                    }
                    (None, Some(y), _) => push(at, Date::new(y, m, 1), DatePrecision::Month),
                    (None, None, Some(p)) => {
                        // "in mid-March" is the last March, or the next one in a sentence
                        // about what will happen.
                        let y = match (future, m.cmp(&p.month)) {
                            (false, std::cmp::Ordering::Greater) => p.year - 1,
                            (true, std::cmp::Ordering::Less) => p.year + 1,
                            _ => p.year,
                        };
                        push(at, Date::new(y, m, 1), DatePrecision::Month)
                    }
                    _ => {}
                }
            }
        } else if let Some(y) = number(w).filter(|y| (1800..=2100).contains(y)) {
            // A bare year: "in 1921", "of 1974", "since 2011".
            let prev = k(i.wrapping_sub(1));
            let yearish = calendar.year_preps.contains(prev) || k(i + 1) == ",";
            if yearish && !w.contains(',') {
                push(i, Date::new(y as i32, 1, 1), DatePrecision::Year);
            }
        }
        i += 1;
    }
    out
}

/// How many days before publication a story's own day may lie: news tells the events of the
/// last few days, and a date further back is background, not the day the story is about.
const STORY_DAYS: i64 = 7;

/// The day a story is about, as a sentence with `mentions` establishes it: its last date to the
/// day within the week before publication ("on Sunday", "on 5 September"). Later sentences that
/// give no date of their own tell of that day.
pub fn story_day(mentions: &[DateMention], published: Option<Date>) -> Option<Date> {
    let p = published?;
    mentions
        .iter()
        .rev()
        .find(|m| {
            m.precision == DatePrecision::Day && m.date <= p && m.date >= p.add_days(-STORY_DAYS)
        })
        .map(|m| m.date)
}

/// The date of an event whose trigger is at token `at`: the nearest date expression in the
/// sentence, else the story's day told before (`story`), else the publication date. Returns
/// (date, precision, historical).
pub fn event_date(
    mentions: &[DateMention],
    at: usize,
    story: Option<Date>,
    published: Option<Date>,
) -> Option<(Date, DatePrecision, bool)> {
    let nearest = mentions.iter().min_by_key(|m| m.at.abs_diff(at));
    match (nearest, published) {
        (Some(m), Some(p)) => Some((m.date, m.precision, m.date.year < p.year)),
        (Some(m), None) => Some((m.date, m.precision, false)),
        (None, Some(p)) => Some((story.unwrap_or(p), DatePrecision::Day, false)),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn first(s: &str, published: &str) -> Option<(String, DatePrecision)> {
        let keys: Vec<&str> = s.split_whitespace().collect();
        find(&keys, Some(d(published)))
            .first()
            .map(|m| (m.date.to_string(), m.precision))
    }

    #[test]
    fn weekdays_are_the_one_before() {
        // 2020-02-20 is a Thursday.
        assert_eq!(
            first("talks on tuesday", "2020-02-20"),
            Some(("2020-02-18".into(), DatePrecision::Day))
        );
        assert_eq!(
            first("a speech on wednesday", "2020-02-20"),
            Some(("2020-02-19".into(), DatePrecision::Day))
        );
        assert_eq!(
            first("said on thursday", "2020-02-20"),
            Some(("2020-02-20".into(), DatePrecision::Day))
        );
        assert_eq!(
            first("on friday", "2020-02-20"),
            Some(("2020-02-14".into(), DatePrecision::Day))
        );
    }

    #[test]
    fn calendar_forms() {
        assert_eq!(
            first("azaz , syria january 26 , 2020 .", "2020-02-20")
                .unwrap()
                .0,
            "2020-01-26"
        );
        assert_eq!(
            first("on 27 february", "2020-03-01").unwrap().0,
            "2020-02-27"
        );
        assert_eq!(first("on feb. 27", "2020-03-01").unwrap().0, "2020-02-27");
        assert_eq!(
            first("on december 30", "2020-01-05").unwrap().0,
            "2019-12-30"
        );
        assert_eq!(
            first("in march 2011", "2020-01-05"),
            Some(("2011-03-01".into(), DatePrecision::Month))
        );
        assert_eq!(first("yesterday", "2020-01-05").unwrap().0, "2020-01-04");
        assert_eq!(
            first("last year", "2020-01-05"),
            Some(("2019-01-01".into(), DatePrecision::Year))
        );
    }

    #[test]
    fn years_are_historical() {
        let keys: Vec<&str> = "but in 1921 , turkey signed the treaty"
            .split_whitespace()
            .collect();
        let ms = find(&keys, Some(d("2020-02-20")));
        assert_eq!(ms.len(), 1);
        let (date, precision, historical) =
            event_date(&ms, 5, None, Some(d("2020-02-20"))).unwrap();
        assert_eq!(
            (date.year, precision, historical),
            (1921, DatePrecision::Year, true)
        );
    }

    #[test]
    fn future_sentences_date_forward() {
        assert_eq!(
            first("patrols will begin from 15 march", "2020-03-05")
                .unwrap()
                .0,
            "2020-03-15"
        );
        assert_eq!(
            first("talks will resume on 10 january", "2020-12-20")
                .unwrap()
                .0,
            "2021-01-10"
        );
        assert_eq!(
            first("patrols began on 15 march", "2020-03-05").unwrap().0,
            "2019-03-15"
        );
        // A month alone ("in mid - june", as the tokenizer cuts "mid-June").
        assert_eq!(
            first("the ferry will sail again in mid - june", "2020-09-01"),
            Some(("2021-06-01".into(), DatePrecision::Month))
        );
        assert_eq!(
            first("the ferry stopped in mid - june", "2020-09-01"),
            Some(("2020-06-01".into(), DatePrecision::Month))
        );
        assert_eq!(
            first("the ferry stopped in late - november", "2020-09-01"),
            Some(("2019-11-01".into(), DatePrecision::Month))
        );
    }

    #[test]
    fn the_story_day_is_a_recent_day() {
        let published = Some(d("2020-02-20"));
        let day = |text: &str| {
            let keys: Vec<&str> = text.split(' ').collect();
            story_day(&find(&keys, published), published).map(|d| d.to_string())
        };
        assert_eq!(day("clashes on tuesday").as_deref(), Some("2020-02-18"));
        // A month, a year or a day long before is background, never the story's day.
        assert_eq!(day("clashes in january"), None);
        assert_eq!(day("the treaty of 1921"), None);
        assert_eq!(day("clashes on 3 february"), None);
        assert_eq!(day("talks on 25 february"), None);
    }

    #[test]
    fn undated_acts_take_the_day_the_lead_told() {
        let text = "Rebels shelled the port of Varna on Sunday, officials said.\n\n\
                    The governor of the region condemned the shelling and blamed Moldova.\n\n\
                    Romania protested to Moldova on Tuesday.";
        let doc = crate::standard().run(crate::Article {
            id: "t".into(),
            text: text.into(),
            published: "2021-03-10".parse().ok(),
            ..crate::Article::default()
        });
        let dates: Vec<(String, String)> = doc
            .events
            .iter()
            .map(|e| {
                let date = e.date.map(|d| d.to_string()).unwrap_or_default();
                (doc.slice(e.trigger).to_string(), date)
            })
            .collect();
        let date_of = |w: &str| {
            dates
                .iter()
                .find(|(t, _)| t.contains(w))
                .unwrap_or_else(|| panic!("no {w} in {dates:?}"))
                .1
                .clone()
        };
        // Wednesday 10 March: Sunday is the 7th, Tuesday the 9th.
        assert_eq!(date_of("condemned"), "2021-03-07");
        assert_eq!(date_of("protested"), "2021-03-09");
    }

    #[test]
    fn an_act_takes_the_date_of_its_own_clause() {
        let text = "Chadian troops, who seized the port on Friday, shelled Sudan on Sunday. \
                    Chad said on Tuesday that its jets had bombed Sudan on Monday.";
        let doc = crate::standard().run(crate::Article {
            id: "t".into(),
            text: text.into(),
            published: "2021-03-10".parse().ok(),
            ..crate::Article::default()
        });
        let date_of = |w: &str| {
            let e = doc.events.iter().find(|e| doc.slice(e.trigger).contains(w));
            e.and_then(|e| e.date).map(|d| d.to_string())
        };
        // Wednesday 10 March: Friday the 5th, Sunday the 7th, Monday the 8th, Tuesday the 9th.
        assert_eq!(date_of("shelled").as_deref(), Some("2021-03-07"));
        assert_eq!(date_of("bombed").as_deref(), Some("2021-03-08"));
    }

    #[test]
    fn may_the_verb_is_no_date() {
        assert_eq!(first("they may attack", "2020-02-20"), None);
        assert_eq!(first("killed 900 people", "2020-02-20"), None);
        assert_eq!(first("on may 5", "2020-06-01").unwrap().0, "2020-05-05");
    }

    #[test]
    fn shifts_from_the_publication_date() {
        assert_eq!(
            first("the talks last week failed", "2020-01-15"),
            Some(("2020-01-08".into(), DatePrecision::Day))
        );
        assert_eq!(
            first("elections next year", "2020-01-15"),
            Some(("2021-01-01".into(), DatePrecision::Year))
        );
        assert_eq!(
            first("the vote tonight", "2020-01-15"),
            Some(("2020-01-15".into(), DatePrecision::Day))
        );
        // "next week" is no date the lexicon gives.
        assert_eq!(first("talks next week", "2020-01-15"), None);
    }

    #[test]
    fn a_shift_reads_days_or_years() {
        use crate::lexicon::words::Value;
        assert_eq!(Shift::read("-7d"), Some(Shift::Days(-7)));
        assert_eq!(Shift::read("+1y"), Some(Shift::Years(1)));
        assert_eq!(Shift::read("1w"), None);
        assert_eq!(Shift::read("d"), None);
    }
}
