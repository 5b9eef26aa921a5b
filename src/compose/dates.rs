//! Readable date ranges for print: "10–11 April", "29 June – 13 July",
//! "Whole year". The year is left out because the report covers one year.

use crate::model::{Date, Event};

/// The printed dates of an event.
///
/// ```
/// use folio::compose::dates::range_label;
/// use folio::model::Date;
/// let d = |m, d| Date::new(2023, m, d);
/// assert_eq!(range_label(d(4, 10), d(4, 11), false), "10–11 April");
/// assert_eq!(range_label(d(6, 29), d(7, 13), false), "29 June – 13 July");
/// assert_eq!(range_label(None, None, true), "Whole year");
/// ```
pub fn range_label(start: Option<Date>, end: Option<Date>, whole_year: bool) -> String {
    match (start, end) {
        _ if whole_year => "Whole year".to_string(),
        (Some(s), None) => day_month(s),
        (Some(s), Some(e)) if s == e => day_month(s),
        (Some(s), Some(e)) if s.year != e.year => {
            format!("{} {} – {}", day_month(s), s.year, long(e))
        }
        (Some(s), Some(e)) if s.month == e.month => {
            format!("{}–{} {}", s.day, e.day, e.month_name())
        }
        (Some(s), Some(e)) => format!("{} – {}", day_month(s), day_month(e)),
        (None, _) => "Date to be announced".to_string(),
    }
}

/// The printed dates of an event.
pub fn event_label(e: &Event) -> String {
    range_label(e.start, e.end, e.whole_year)
}

fn day_month(d: Date) -> String {
    format!("{} {}", d.day, d.month_name())
}

/// "1 June 2023".
pub fn long(d: Date) -> String {
    format!("{} {} {}", d.day, d.month_name(), d.year)
}
