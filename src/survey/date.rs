//! The dates survey tools write: ISO dates and timestamps, Google Forms'
//! `2026/11/10 8:05:09 AM GMT+1`, and `dd/mm/yyyy` or `mm/dd/yyyy` with or
//! without a time, whose order the other rows of the file decide.

use chrono::NaiveDate;

use crate::model::Date;

/// A date cell as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Certain(Date),
    /// `a/b/year` where both `a` and `b` could be the month.
    Ambiguous {
        a: u32,
        b: u32,
        year: i32,
    },
    Unreadable,
}

/// Which number comes first in `a/b/year` dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    DayFirst,
    MonthFirst,
}

impl Order {
    pub fn pattern(self) -> &'static str {
        match self {
            Order::DayFirst => "DD/MM/YYYY",
            Order::MonthFirst => "MM/DD/YYYY",
        }
    }
}

fn date(year: i32, month: u32, day: u32) -> Option<Date> {
    NaiveDate::from_ymd_opt(year, month, day).map(Date)
}

/// The leading run of digits of `text` and what follows it.
fn number(text: &str) -> Option<(u32, &str)> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    if end == 0 || end > 4 {
        return None;
    }
    Some((text[..end].parse().ok()?, &text[end..]))
}

/// Reads a date cell: only its date part counts; a time after it is passed over.
pub fn read(cell: &str) -> Reading {
    let text = cell.trim();
    let Some((first, rest)) = number(text) else {
        return Reading::Unreadable;
    };
    let Some(sep) = rest.chars().next().filter(|c| matches!(c, '-' | '/' | '.')) else {
        return Reading::Unreadable;
    };
    let Some((second, rest)) = number(&rest[1..]) else {
        return Reading::Unreadable;
    };
    let Some(rest) = rest.strip_prefix(sep) else {
        return Reading::Unreadable;
    };
    let Some((third, rest)) = number(rest) else {
        return Reading::Unreadable;
    };
    // What follows the date is a time or nothing: `T08:05`, ` 8:05:09 AM`.
    if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
        return Reading::Unreadable;
    }
    let digits_first = text.find(sep).unwrap_or(0);
    if digits_first == 4 {
        // Year first: 2026-11-10, 2026/11/10.
        return date(first as i32, second, third).map_or(Reading::Unreadable, Reading::Certain);
    }
    let year = match third {
        0..=99 if rest_len(text, sep) == 2 => 2000 + third as i32,
        1000..=9999 => third as i32,
        _ => return Reading::Unreadable,
    };
    if sep == '.' {
        // 10.11.2026 is day first wherever it is written.
        return date(year, second, first).map_or(Reading::Unreadable, Reading::Certain);
    }
    match (first > 12, second > 12) {
        (true, false) => date(year, second, first).map_or(Reading::Unreadable, Reading::Certain),
        (false, true) => date(year, first, second).map_or(Reading::Unreadable, Reading::Certain),
        (false, false) if first == second => {
            date(year, first, second).map_or(Reading::Unreadable, Reading::Certain)
        }
        (false, false) if first >= 1 && second >= 1 => Reading::Ambiguous {
            a: first,
            b: second,
            year,
        },
        _ => Reading::Unreadable,
    }
}

/// The length of the year part of `a/b/year...`.
fn rest_len(text: &str, sep: char) -> usize {
    text.splitn(3, sep)
        .nth(2)
        .map(|y| y.chars().take_while(char::is_ascii_digit).count())
        .unwrap_or(0)
}

/// What a reading says about the order, if anything.
pub fn order_shown(reading: &str) -> Option<Order> {
    let text = reading.trim();
    let (first, rest) = number(text)?;
    let sep = rest.chars().next().filter(|c| matches!(c, '/' | '-'))?;
    if text.find(sep) == Some(4) {
        return None;
    }
    let (second, _) = number(&rest[1..])?;
    match (first > 12, second > 12) {
        (true, false) => Some(Order::DayFirst),
        (false, true) => Some(Order::MonthFirst),
        _ => None,
    }
}

/// An ambiguous date in the given order.
pub fn resolve(a: u32, b: u32, year: i32, order: Order) -> Option<Date> {
    match order {
        Order::DayFirst => date(year, b, a),
        Order::MonthFirst => date(year, a, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn certain(text: &str) -> String {
        match read(text) {
            Reading::Certain(d) => d.to_string(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn the_tools_timestamps_are_read() {
        assert_eq!(certain("2026-11-10"), "2026-11-10");
        assert_eq!(certain("2026-11-10T08:05:09Z"), "2026-11-10");
        assert_eq!(certain("2026-11-10 08:05:09"), "2026-11-10");
        assert_eq!(certain("2026/11/10 8:05:09 AM GMT+1"), "2026-11-10");
        assert_eq!(certain("11/13/2026 08:05:09 AM"), "2026-11-13");
        assert_eq!(certain("13/11/2026"), "2026-11-13");
        assert_eq!(certain("10.11.2026"), "2026-11-10");
        assert_eq!(certain("11/13/26 8:05:09"), "2026-11-13");
        assert_eq!(certain("11/11/2026"), "2026-11-11");
    }

    #[test]
    fn ambiguous_dates_wait_for_the_order_and_nonsense_is_unreadable() {
        assert_eq!(
            read("10/11/2026"),
            Reading::Ambiguous {
                a: 10,
                b: 11,
                year: 2026
            }
        );
        assert_eq!(
            resolve(10, 11, 2026, Order::DayFirst).unwrap().to_string(),
            "2026-11-10"
        );
        assert_eq!(
            resolve(10, 11, 2026, Order::MonthFirst)
                .unwrap()
                .to_string(),
            "2026-10-11"
        );
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "32/11/2026",
            "10/11",
            "1/2/345",
            "2026-11-10x",
        ] {
            assert_eq!(read(bad), Reading::Unreadable, "{bad}");
        }
        assert_eq!(order_shown("13/11/2026"), Some(Order::DayFirst));
        assert_eq!(order_shown("11/13/2026 8:00"), Some(Order::MonthFirst));
        assert_eq!(order_shown("10/11/2026"), None);
        assert_eq!(order_shown("2026/11/13"), None);
    }
}
