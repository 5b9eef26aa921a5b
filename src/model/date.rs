//! Calendar dates as report.toml writes them (`2023-06-12`) and months
//! (`"2023-06"`), with the arithmetic and names the report needs.

use schemars::JsonSchema;
use serde::de::{Deserialize, Deserializer, Error};
use toml::value::Datetime;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
}

impl Date {
    /// A checked date; `None` for 2023-02-30 and the like.
    ///
    /// ```
    /// use folio::model::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2023, 2, 29).is_none());
    /// ```
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        Date::civil(year, month, day)?;
        Some(Date { year, month, day })
    }

    /// The same day in the `time` crate, which does the calendar arithmetic.
    fn civil(year: i32, month: u8, day: u8) -> Option<time::Date> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day).ok()
    }

    /// Days since 1970-01-01.
    ///
    /// ```
    /// use folio::model::Date;
    /// let d = Date::new(2023, 12, 31).unwrap();
    /// assert_eq!(d.days_since_epoch(), 19_722);
    /// assert_eq!(Date::from_days_since_epoch(19_722), d);
    /// ```
    pub fn days_since_epoch(self) -> i64 {
        Date::civil(self.year, self.month, self.day)
            .map_or(0, |d| i64::from(d.to_julian_day() - UNIX_EPOCH_JULIAN_DAY))
    }

    /// The date `days` after 1970-01-01 (clamped to the years `time` knows).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let julian = (days + i64::from(UNIX_EPOCH_JULIAN_DAY)).clamp(
            i64::from(time::Date::MIN.to_julian_day()),
            i64::from(time::Date::MAX.to_julian_day()),
        );
        let d = time::Date::from_julian_day(julian as i32).unwrap_or(time::Date::MIN);
        Date {
            year: d.year(),
            month: u8::from(d.month()),
            day: d.day(),
        }
    }

    /// English month name.
    pub fn month_name(self) -> &'static str {
        MONTHS[usize::from(self.month - 1)]
    }
}

/// In report.toml a date is a TOML date (`2023-06-12`, no quotes); tools
/// that check TOML against JSON Schema see it as an RFC 3339 date string.
impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A date written year-month-day, without quotes: 2023-06-12"
        })
    }
}

/// A TOML local date (`2023-04-10`), checked against the calendar, so an
/// impossible date is a located load error like any other wrong value.
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = Datetime::deserialize(d)?;
        match (dt.date, dt.time, dt.offset) {
            (Some(date), None, None) => Date::new(i32::from(date.year), date.month, date.day)
                .ok_or_else(|| {
                    D::Error::custom(format!(
                        "{dt} is not a day of the calendar; expected a real date such as 2023-04-10"
                    ))
                }),
            _ => Err(D::Error::custom(format!(
                "expected a date without a time, such as 2023-04-10, found {dt}"
            ))),
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// 1970-01-01 as a Julian day number.
const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

/// A month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Year.
    pub year: i32,
    /// 1–12.
    pub month: u8,
}

impl JsonSchema for YearMonth {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "YearMonth".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
            "description": "A month, in quotes: \"2023-06\""
        })
    }
}

/// A `"YYYY-MM"` string.
impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        YearMonth::parse(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "\"{s}\" is not a month; expected \"YYYY-MM\", such as \"2023-06\""
            ))
        })
    }
}

impl YearMonth {
    /// Parses "2023-06".
    ///
    /// ```
    /// use folio::model::YearMonth;
    /// assert_eq!(YearMonth::parse("2023-06"), Some(YearMonth { year: 2023, month: 6 }));
    /// assert_eq!(YearMonth::parse("2023-13"), None);
    /// ```
    pub fn parse(s: &str) -> Option<YearMonth> {
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        (1..=12)
            .contains(&month)
            .then_some(YearMonth { year, month })
    }

    /// "June 2023".
    pub fn long(self) -> String {
        format!("{} {}", MONTHS[usize::from(self.month - 1)], self.year)
    }
}
