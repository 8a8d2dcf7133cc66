//! A calendar date, read from a TOML date or a `YYYY-MM-DD` string.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date without time or zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Reads `YYYY-MM-DD`: four-digit year, two-digit month and day, so
    /// every date read is written back the same way.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let shape = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape {
            return None;
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Date)
    }

    /// The last date written with a four-digit year.
    pub fn last() -> Date {
        Date(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX))
    }

    pub fn today() -> Date {
        Date(chrono::Local::now().date_naive())
    }

    /// The date `days` later, at most [`Date::last`].
    pub fn plus_days(self, days: u64) -> Date {
        self.0
            .checked_add_days(chrono::Days::new(days))
            .map_or(Date::last(), |d| Date(d).min(Date::last()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    /// A `YYYY-MM-DD` string; a TOML date-time keeps only its date.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date as YYYY-MM-DD, e.g. 2026-11-20 (in TOML also a bare date; a date-time keeps only its date).",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?$",
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

const EXPECTED: &str = "a date as YYYY-MM-DD, e.g. 2026-11-20";

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        // A TOML offset date-time or local date-time keeps only its date.
        let day = v.get(..10).unwrap_or(v);
        let ok = v.len() == 10
            || v.as_bytes()
                .get(10)
                .is_some_and(|b| *b == b'T' || *b == b' ');
        match Date::parse(day) {
            Some(date) if ok => Ok(date),
            _ => Err(E::custom(format!(
                "invalid date \"{}\", expected {EXPECTED}",
                crate::limits::shown(v)
            ))),
        }
    }

    // The toml crate hands a datetime over as a one-entry map.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        let Some((_, value)) = map.next_entry::<String, String>()? else {
            return Err(de::Error::custom(format!("expected {EXPECTED}")));
        };
        self.visit_str(&value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        date: Date,
    }

    #[test]
    fn reads_toml_dates_and_strings() {
        let d: Doc = toml::from_str("date = 2026-11-20").unwrap();
        assert_eq!(d.date.to_string(), "2026-11-20");
        let d: Doc = toml::from_str("date = \"2026-11-21\"").unwrap();
        assert_eq!(d.date.to_string(), "2026-11-21");
        let d: Doc = serde_json::from_str("{\"date\": \"2026-01-02\"}").unwrap();
        assert_eq!(d.date.to_string(), "2026-01-02");
        let d: Doc = toml::from_str("date = 2026-11-20T10:00:00Z").unwrap();
        assert_eq!(d.date.to_string(), "2026-11-20");
    }

    #[test]
    fn rejects_impossible_dates() {
        let err = toml::from_str::<Doc>("date = \"2026-02-30\"")
            .err()
            .unwrap();
        assert!(
            err.message().contains("invalid date \"2026-02-30\""),
            "{err}"
        );
    }

    #[test]
    fn only_four_digit_years_two_digit_months_and_days() {
        for bad in [
            "12345-01-01",
            "-123-01-01",
            "+123-01-01",
            "2026-1-01",
            "2026-01-1 ",
        ] {
            assert_eq!(Date::parse(bad.trim_end_matches(' ')), None, "{bad}");
        }
        for good in ["0001-01-01", "9999-12-31", " 2026-11-20 "] {
            let d = Date::parse(good).expect(good);
            assert_eq!(Date::parse(&d.to_string()), Some(d), "{good} reads back");
        }
    }

    #[test]
    fn days_past_year_9999_stop_at_its_last_day() {
        let d = Date::parse("9999-12-01").unwrap().plus_days(100);
        assert_eq!(d.to_string(), "9999-12-31");
        assert_eq!(
            Date::parse("2026-01-01").unwrap().plus_days(u64::MAX),
            Date::last()
        );
    }

    #[test]
    fn adds_days() {
        assert_eq!(
            Date::parse("2026-12-31").unwrap().plus_days(1).to_string(),
            "2027-01-01"
        );
    }
}
