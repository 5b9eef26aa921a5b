//! Serde adapters that turn TOML dates and "YYYY-MM" strings into checked
//! calendar values, so an impossible date is a located load error.

use crate::model::{Date, YearMonth};
use serde::de::{Deserialize, Deserializer, Error};
use toml::value::Datetime;

/// A TOML local date (`2023-04-10`), checked against the calendar.
pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let dt = Datetime::deserialize(d)?;
    match (dt.date, dt.time, dt.offset) {
        (Some(date), None, None) => Date::new(i32::from(date.year), date.month, date.day)
            .map(Some)
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

/// A `"YYYY-MM"` string.
pub fn opt_month<'de, D: Deserializer<'de>>(d: D) -> Result<Option<YearMonth>, D::Error> {
    let s = String::deserialize(d)?;
    parse_month(&s).map(Some).ok_or_else(|| {
        D::Error::custom(format!(
            "\"{s}\" is not a month; expected \"YYYY-MM\", such as \"2023-06\""
        ))
    })
}

/// Parses "2023-06".
pub fn parse_month(s: &str) -> Option<YearMonth> {
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
