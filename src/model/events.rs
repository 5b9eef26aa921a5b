//! `[[events]]`: what the secretariat organised, with its category and
//! format, and the counts the overview, its charts and the workbook share.

use super::Date;
use schemars::JsonSchema;
use serde::Deserialize;

/// Kind of event, as grouped in the 2023 Overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Webinars and trainings.
    Training,
    /// Workshops.
    Workshop,
    /// Global forums.
    Forum,
    /// Side events at a larger conference.
    SideEvent,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 4] = [
        Category::Training,
        Category::Workshop,
        Category::Forum,
        Category::SideEvent,
    ];

    /// Heading used in the PDF and workbooks.
    pub fn label(self) -> &'static str {
        match self {
            Category::Training => "Webinars and trainings",
            Category::Workshop => "Workshops",
            Category::Forum => "Global forums",
            Category::SideEvent => "Side events",
        }
    }
}

/// How people took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// On site only.
    InPerson,
    /// Online only.
    Online,
    /// On site and online.
    Hybrid,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::InPerson, Format::Online, Format::Hybrid];

    /// Display label.
    pub fn label(self) -> &'static str {
        match self {
            Format::InPerson => "In person",
            Format::Online => "Online",
            Format::Hybrid => "Hybrid",
        }
    }
}

/// `[[events]]`: one event. Either `start` (and optionally `end`) or
/// `whole_year = true`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique id.
    pub id: String,
    /// Event title.
    pub title: String,
    /// Overview group.
    pub category: Category,
    /// First day.
    #[serde(default)]
    pub start: Option<Date>,
    /// Last day; absent for a one-day event.
    #[serde(default)]
    pub end: Option<Date>,
    /// The source gives no dates: the event ran all year.
    #[serde(default)]
    pub whole_year: bool,
    /// City (absent for online events).
    #[serde(default)]
    pub city: Option<String>,
    /// Country.
    #[serde(default)]
    pub country: Option<String>,
    /// In person, online or hybrid.
    pub format: Format,
    /// Pathway ids.
    #[serde(default)]
    pub pathways: Vec<String>,
    /// Section that tells more.
    #[serde(default)]
    pub section: Option<String>,
    /// The project it belongs to (`[[projects]]` id).
    #[serde(default)]
    pub project: Option<String>,
    /// Listed in the 2023 Overview (default true).
    #[serde(default = "yes")]
    pub overview: bool,
}

fn yes() -> bool {
    true
}

impl Event {
    /// Days the event lasted, when it has dates.
    pub fn days(&self) -> Option<i64> {
        let start = self.start?;
        let end = self.end.unwrap_or(start);
        Some(end.days_since_epoch() - start.days_since_epoch() + 1)
    }

    /// Last day (the start for one-day events).
    pub fn last_day(&self) -> Option<Date> {
        self.end.or(self.start)
    }

    /// "City, Country", or the format for online events.
    pub fn place(&self) -> String {
        match (&self.city, &self.country) {
            (Some(c), Some(k)) => format!("{c}, {k}"),
            (Some(c), None) => c.clone(),
            (None, Some(k)) => k.clone(),
            (None, None) => self.format.label().to_string(),
        }
    }
}

/// Events counted by category and by month of start: what the PDF's
/// charts draw and the events workbook's Summary states (as formulas whose
/// cached results these are), counted once.
///
/// ```
/// let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// let r = &loaded.report;
/// let counts = folio::model::EventCounts::of(r.events.iter(), r.report.year);
/// let in_months: usize = counts.by_month.iter().flatten().sum();
/// assert_eq!(in_months + counts.whole_year, r.events.len());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EventCounts {
    /// The categories that have events, in report order.
    pub categories: Vec<Category>,
    /// Events per category (same order).
    pub by_category: Vec<usize>,
    /// Per category, events per month of `year` they start in (January first).
    pub by_month: Vec<[usize; 12]>,
    /// Events without dates (they ran all year).
    pub whole_year: usize,
}

impl EventCounts {
    /// Counts `events`; months are those of `year`.
    pub fn of<'a>(events: impl IntoIterator<Item = &'a Event>, year: i32) -> EventCounts {
        let mut by_category = [0usize; Category::ALL.len()];
        let mut by_month = [[0usize; 12]; Category::ALL.len()];
        let mut whole_year = 0;
        for e in events {
            let c = Category::ALL
                .iter()
                .position(|c| *c == e.category)
                .unwrap_or(0);
            by_category[c] += 1;
            match e.start {
                Some(d) if d.year == year => by_month[c][usize::from(d.month - 1)] += 1,
                Some(_) => {}
                None => whole_year += 1,
            }
        }
        let present: Vec<usize> = (0..Category::ALL.len())
            .filter(|&c| by_category[c] > 0)
            .collect();
        EventCounts {
            categories: present.iter().map(|&c| Category::ALL[c]).collect(),
            by_category: present.iter().map(|&c| by_category[c]).collect(),
            by_month: present.iter().map(|&c| by_month[c]).collect(),
            whole_year,
        }
    }
}
