//! The report as plain, validated data: what `load` produces and every later
//! stage reads. Field docs double as the reference for `report.toml`.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::value::Datetime;

/// How `folio new` marks a section still to be written: its body starts
/// with this. `folio check` and `folio build` warn about such a section
/// until its prose replaces the placeholder.
pub const TO_WRITE: &str = "TODO:";

/// The JSON Schema (draft 2020-12) of report.toml, made from these types:
/// each field's doc comment is its description, enums list their values,
/// and unknown keys are not allowed, as the loader refuses them. Editors
/// using taplo read it through the `#:schema` line at the top of
/// report.toml.
///
/// ```
/// let schema = folio::model::schema();
/// assert!(schema.contains("\"additionalProperties\": false"));
/// assert!(schema.contains("\"events:overview\""));
/// ```
pub fn schema() -> String {
    let mut schema = schemars::schema_for!(Report);
    schema.insert(
        "title".into(),
        serde_json::Value::String("folio report definition (report.toml)".into()),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A whole report definition: one `report.toml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Title page, metadata and contact facts.
    pub report: Meta,
    /// Output file names (relative to `--out`); a missing one is not written.
    #[serde(default)]
    pub output: Outputs,
    /// Prose in reading order; `level` nests them.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The development pathways, each with a colour.
    #[serde(default)]
    pub pathways: Vec<Pathway>,
    /// Every dated event of the year.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Member local governments named in the report.
    #[serde(default)]
    pub members: Vec<Member>,
    /// Membership figures the prose cites.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Governance bodies and the secretariat's team.
    #[serde(default)]
    pub people: Vec<Person>,
    /// Publications and knowledge products.
    #[serde(default)]
    pub publications: Vec<Publication>,
    /// Abbreviations, shown as a two-column table.
    #[serde(default)]
    pub abbreviations: Vec<Abbreviation>,
    /// The secretariat's offices (back cover, team).
    #[serde(default)]
    pub offices: Vec<Office>,
    /// The worldwide network (back cover).
    #[serde(default)]
    pub worldwide: Option<Worldwide>,
}

/// Placeholders prose cites as `{{name}}`: their names and current values.
impl Report {
    /// The text a placeholder stands for, or `None` if there is no such name.
    pub fn placeholder_value(&self, name: &str) -> Option<String> {
        let count = |n: usize| Some(group_thousands(n as u64));
        match name {
            "events.count" => count(self.events.len()),
            "events.overview" => count(self.events.iter().filter(|e| e.overview).count()),
            "members.count" => count(self.members.len()),
            "people.count" => count(self.people.len()),
            "publications.count" => count(self.publications.len()),
            _ => {
                let id = name.strip_prefix("figures.")?;
                self.figures
                    .iter()
                    .find(|f| f.id == id)
                    .map(|f| group_thousands(f.value))
            }
        }
    }

    /// Every valid placeholder name (for "did you mean" hints).
    pub fn placeholder_names(&self) -> Vec<String> {
        let mut v: Vec<String> = [
            "events.count",
            "events.overview",
            "members.count",
            "people.count",
            "publications.count",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.extend(self.figures.iter().map(|f| format!("figures.{}", f.id)));
        v
    }
}

/// 2500 → "2,500".
pub fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `#RRGGBB` → (r, g, b) in 0..=1.
pub fn parse_colour(s: &str) -> Option<(f32, f32, f32)> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some((
        ((v >> 16) & 0xff) as f32 / 255.0,
        ((v >> 8) & 0xff) as f32 / 255.0,
        (v & 0xff) as f32 / 255.0,
    ))
}
/// `[report]`: what the cover, running heads and metadata say.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Document title, e.g. "2023 Annual Report".
    pub title: String,
    /// Line under the title on the cover.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The organisation that publishes the report.
    pub organisation: String,
    /// The network the organisation belongs to.
    #[serde(default)]
    pub network: Option<String>,
    /// The year the report covers.
    pub year: i32,
    /// BCP 47 language tag of the text, e.g. "en".
    pub language: String,
    /// PDF author and workbook author.
    pub author: String,
    /// Publisher (workbook company property).
    #[serde(default)]
    pub publisher: Option<String>,
    /// PDF subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// PDF and workbook keywords.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Web site, shown on the back cover.
    #[serde(default)]
    pub website: Option<String>,
    /// Date stamped into metadata; SOURCE_DATE_EPOCH overrides it.
    #[schemars(with = "Date")]
    pub date: Datetime,
    /// Copyright line.
    #[serde(default)]
    pub copyright: Option<String>,
}

/// `[output]`: which files to write, and their names.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outputs {
    /// The printable report.
    #[serde(default)]
    pub pdf: Option<String>,
    /// The print-shop edition: the same pages with 3 mm bleed, crop marks,
    /// trim and bleed boxes, no links (`folio build --print` writes it too).
    #[serde(default)]
    pub print: Option<String>,
    /// The events workbook.
    #[serde(default)]
    pub events: Option<String>,
    /// The members workbook.
    #[serde(default)]
    pub members: Option<String>,
    /// The publications workbook.
    #[serde(default)]
    pub publications: Option<String>,
    /// The web edition: a folder of HTML pages inside the output folder
    /// (`folio build --html` writes it too, as "web" when unnamed).
    #[serde(default)]
    pub html: Option<String>,
}

impl Outputs {
    /// Each configured output as (key in `[output]`, file name).
    ///
    /// ```
    /// let o = folio::model::Outputs::default();
    /// assert_eq!(o.named().next(), Some(("pdf", "report.pdf")));
    /// ```
    pub fn named(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("pdf", &self.pdf),
            ("print", &self.print),
            ("events", &self.events),
            ("members", &self.members),
            ("publications", &self.publications),
            ("html", &self.html),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.as_deref()?)))
    }

    /// Asks for the web edition (`folio build --html`): under the name
    /// `html` gives, else "web".
    ///
    /// ```
    /// let mut o = folio::model::Outputs::default();
    /// o.want_web_edition();
    /// o.want_print_edition();
    /// assert_eq!(o.html.as_deref(), Some("web"));
    /// assert_eq!(o.print.as_deref(), Some("report-print.pdf"));
    /// ```
    pub fn want_web_edition(&mut self) {
        if self.html.is_none() {
            self.html = Some("web".into());
        }
    }

    /// Asks for the print edition (`folio build --print`): under the name
    /// `print` gives, else the PDF's name with "-print".
    pub fn want_print_edition(&mut self) {
        if self.print.is_none() {
            let pdf = self.pdf.as_deref().unwrap_or("report.pdf");
            let stem = pdf.strip_suffix(".pdf").unwrap_or(pdf);
            self.print = Some(format!("{stem}-print.pdf"));
        }
    }
}

impl Default for Outputs {
    fn default() -> Self {
        Outputs {
            pdf: Some("report.pdf".into()),
            events: Some("events.xlsx".into()),
            members: Some("members.xlsx".into()),
            publications: Some("publications.xlsx".into()),
            print: None,
            html: None,
        }
    }
}

/// One `[[sections]]` entry: a heading with its prose and the data it shows.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique id; events and publications link to it.
    pub id: String,
    /// Heading text.
    pub title: String,
    /// 1 = chapter (starts a page), 2–4 = nested headings.
    #[serde(default = "one")]
    pub level: u8,
    /// `"back-cover"` puts the section on the last page; default is body text.
    #[serde(default)]
    pub role: Option<SectionRole>,
    /// A pathway id: the section takes its colour.
    #[serde(default)]
    pub pathway: Option<String>,
    /// A short line under the heading (pathway sections).
    #[serde(default)]
    pub tagline: Option<String>,
    /// Data shown after the prose, in order.
    #[serde(default)]
    pub show: Vec<View>,
    /// A photo: on a chapter (level 1), its opener, cropped to fill the
    /// top of the page under the chapter's colour band; on a section, a
    /// figure at text width under its heading.
    #[serde(default)]
    pub photo: Option<Photo>,
    /// Markdown prose; `{{events.count}}`-style placeholders cite data.
    /// Images: `![alt](images/p.jpg "Caption"){width=half credit="Photo: …"}`,
    /// width natural (default), full, half (two in a row side by side) or
    /// bleed (a page of its own).
    #[serde(default)]
    pub body: String,
}

/// A section's photo.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// A JPEG or PNG, relative to the report's folder: "images/opener.jpg".
    pub src: String,
    /// What the photo shows, read to those who cannot see it; "" marks a
    /// purely decorative photo, which screen readers skip.
    pub alt: String,
    /// Credit line, as "Photo: ICLEI East Asia Secretariat".
    #[serde(default)]
    pub credit: Option<String>,
}

fn one() -> u8 {
    1
}

/// Where a section goes other than in the body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SectionRole {
    /// The last page: contacts and the worldwide network.
    BackCover,
}

/// A data view a section shows after its prose: tables, charts and lists
/// made from the data tables, so the PDF and the workbooks agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum View {
    /// The abbreviations as a two-column table.
    #[serde(rename = "abbreviations")]
    Abbreviations,
    /// The year's events in the overview, grouped by category.
    #[serde(rename = "events:overview")]
    EventsOverview,
    /// Charts of the events by month and by category.
    #[serde(rename = "events:charts")]
    EventsCharts,
    /// The members table.
    #[serde(rename = "members")]
    Members,
    /// The key figures.
    #[serde(rename = "figures")]
    Figures,
    /// The Global Executive Committee.
    #[serde(rename = "people:gexcom")]
    PeopleGexcom,
    /// The East Asia Regional Executive Committee.
    #[serde(rename = "people:rexcom")]
    PeopleRexcom,
    /// The secretariat's team by office, and departed staff.
    #[serde(rename = "people:team")]
    PeopleTeam,
    /// Every publication.
    #[serde(rename = "publications")]
    Publications,
    /// The publications marked `listed`.
    #[serde(rename = "publications:listed")]
    PublicationsListed,
    /// The offices' addresses and contacts.
    #[serde(rename = "offices")]
    Offices,
    /// The worldwide network.
    #[serde(rename = "worldwide")]
    Worldwide,
}

/// `[[pathways]]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    /// Id that events and sections use.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `#RRGGBB`.
    pub colour: String,
}

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
    #[serde(default, deserialize_with = "crate::load::date::opt_date")]
    pub start: Option<Date>,
    /// Last day; absent for a one-day event.
    #[serde(default, deserialize_with = "crate::load::date::opt_date")]
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

/// `[[members]]`: a member local government.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Unique id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Country.
    pub country: String,
    /// City, Province, District, …
    pub kind: String,
    /// Population, where the source gives it.
    #[serde(default)]
    pub population: Option<u64>,
    /// Year joined.
    #[serde(default)]
    pub joined: Option<i32>,
    /// Section with its profile.
    #[serde(default)]
    pub section: Option<String>,
}

/// `[[figures]]`: a number the prose cites.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Id used as `{{figures.ID}}`.
    pub id: String,
    /// What it counts.
    pub label: String,
    /// The number.
    pub value: u64,
    /// "more than", "over", … when the source qualifies it.
    #[serde(default)]
    pub qualifier: Option<String>,
}

/// Which body a person belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Body {
    /// Global Executive Committee officers.
    Gexcom,
    /// East Asia Regional Executive Committee.
    Rexcom,
    /// The secretariat's staff.
    Team,
}

impl Body {
    /// Display label.
    pub fn label(self) -> &'static str {
        match self {
            Body::Gexcom => "GexCom",
            Body::Rexcom => "East Asia RexCom",
            Body::Team => "Team",
        }
    }
}

/// `[[people]]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name as printed.
    pub name: String,
    /// Body.
    pub body: Body,
    /// Role in that body.
    pub role: String,
    /// Title or affiliation outside the body.
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Office id (team members).
    #[serde(default)]
    pub office: Option<String>,
    /// Left during the year.
    #[serde(default)]
    pub departed: bool,
}

/// `[[publications]]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// "YYYY-MM", where the source gives it.
    #[serde(default, deserialize_with = "crate::load::date::opt_month")]
    pub published: Option<YearMonth>,
    /// Languages it is available in.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Report, Guide, Case study, …
    pub kind: String,
    /// In the Knowledge Sharing list.
    #[serde(default)]
    pub listed: bool,
    /// What the text says about it.
    #[serde(default)]
    pub note: Option<String>,
    /// Section that tells more.
    #[serde(default)]
    pub section: Option<String>,
}

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

impl YearMonth {
    /// "June 2023".
    pub fn long(self) -> String {
        format!("{} {}", MONTHS[usize::from(self.month - 1)], self.year)
    }
}

/// `[[abbreviations]]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Abbreviation {
    /// The short form.
    pub term: String,
    /// What it stands for.
    pub meaning: String,
}

/// `[[offices]]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Id that people refer to.
    pub id: String,
    /// Name.
    pub name: String,
    /// Address lines.
    pub address: Vec<String>,
    /// Telephone.
    #[serde(default)]
    pub tel: Option<String>,
    /// Fax.
    #[serde(default)]
    pub fax: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
}

/// `[worldwide]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Worldwide {
    /// Founding year.
    pub since: i32,
    /// Global centres.
    #[serde(default)]
    pub centers: Vec<Center>,
    /// Regions with the countries where the network is present.
    #[serde(default)]
    pub regions: Vec<Region>,
}

/// `[[worldwide.centers]]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Center {
    /// Name.
    pub name: String,
    /// City.
    pub city: String,
}

/// `[[worldwide.regions]]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Region name.
    pub name: String,
    /// Countries.
    pub countries: Vec<String>,
}

impl Report {
    /// Events in the year's overview, in date order (whole-year items first).
    pub fn overview_events(&self) -> Vec<&Event> {
        let mut v: Vec<&Event> = self.events.iter().filter(|e| e.overview).collect();
        v.sort_by_key(|e| (e.category, e.start, e.end));
        v
    }

    /// A pathway by id.
    pub fn pathway(&self, id: &str) -> Option<&Pathway> {
        self.pathways.iter().find(|p| p.id == id)
    }

    /// A section by id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}
