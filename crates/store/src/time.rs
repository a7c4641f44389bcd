//! Days, weeks and the clock, as the store counts them: a day is its number since 1970-01-01, a
//! week is ISO's (Monday to Sunday) and is named by its Monday.

use flashpoint_core::Date;

/// Days since 1970-01-01.
pub fn day_of(date: Date) -> i64 {
    date.to_days()
}

pub fn date_of(day: i64) -> Date {
    Date::from_days(day)
}

/// The Monday on or before `day`.
pub fn week_start(day: i64) -> i64 {
    // 1970-01-01 was a Thursday, three days after a Monday.
    day - (day + 3).rem_euclid(7)
}

/// Now, UTC, as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let date = Date::from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{date}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        let d = |s: &str| day_of(s.parse().unwrap());
        // 2020-02-27 was a Thursday; its week began on Monday 24 February.
        assert_eq!(
            date_of(week_start(d("2020-02-27"))).to_string(),
            "2020-02-24"
        );
        assert_eq!(week_start(d("2020-02-24")), d("2020-02-24"));
        assert_eq!(
            date_of(week_start(d("2020-03-01"))).to_string(),
            "2020-02-24"
        );
        assert_eq!(
            date_of(week_start(d("1970-01-01"))).to_string(),
            "1969-12-29"
        );
    }

    #[test]
    fn clock_format() {
        let now = now_utc();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.ends_with('Z'));
    }
}
