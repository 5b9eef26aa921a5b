//! The report as plain, validated data: what `load` produces and every later
//! stage reads. Field docs double as the reference for `report.toml`.

use schemars::JsonSchema;
use serde::Deserialize;

mod date;
mod events;
mod funders;
mod people;
mod table;

pub use date::*;
pub use events::*;
pub use funders::*;
pub use people::*;
pub use table::*;

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
    /// Organisations that fund projects.
    #[serde(default)]
    pub funders: Vec<Funder>,
    /// Funded projects; events and publications name theirs.
    #[serde(default)]
    pub projects: Vec<Project>,
}

/// Placeholders prose cites as `{{name}}`: their names and current values.
/// `{{TABLE.count}}` counts any data table ([`TABLE_KEYS`]), so a new
/// table has its count with no edit here.
impl Report {
    /// The text a placeholder stands for, or `None` if there is no such name.
    ///
    /// A figure whose id is `count` keeps `{{figures.count}}`, as before
    /// tables were counted.
    pub fn placeholder_value(&self, name: &str) -> Option<String> {
        let count = |n: usize| Some(group_thousands(n as u64));
        if name == EVENTS_OVERVIEW {
            return count(self.events.iter().filter(|e| e.overview).count());
        }
        if let Some(id) = name.strip_prefix("figures.")
            && let Some(f) = self.figures.iter().find(|f| f.id == id)
        {
            return Some(group_thousands(f.value));
        }
        let table = name.strip_suffix(COUNT)?;
        let (_, n) = self.table_sizes().into_iter().find(|(t, _)| *t == table)?;
        count(n)
    }

    /// Every valid placeholder name (for "did you mean" hints).
    pub fn placeholder_names(&self) -> Vec<String> {
        let mut v = vec![EVENTS_OVERVIEW.to_string()];
        v.extend(TABLE_KEYS.iter().map(|t| format!("{t}{COUNT}")));
        v.extend(self.figures.iter().map(|f| format!("figures.{}", f.id)));
        v
    }
}

/// The placeholder for the number of events in the year's overview.
const EVENTS_OVERVIEW: &str = "events.overview";

/// What a table's name is followed by in its count's placeholder.
const COUNT: &str = ".count";

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
    pub date: Date,
    /// Funder ids credited on the back cover: "… is generously supported
    /// by:" and a row of their logos, in this order (a funder's name where
    /// it has no logo). Line and row are left out while the list is empty.
    #[serde(default)]
    pub supporters: Vec<String>,
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
    /// A folder with one workbook per funder (`{funder id}.xlsx`): its
    /// projects, their events and publications.
    #[serde(default)]
    pub funders: Option<String>,
    /// The projects workbook: every project with its funders, events and
    /// publications counted.
    #[serde(default)]
    pub projects: Option<String>,
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
            ("funders", &self.funders),
            ("projects", &self.projects),
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
            funders: None,
            projects: None,
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
    /// The funded projects: funders, years, and this year's events and
    /// publications counted.
    #[serde(rename = "projects")]
    Projects,
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

impl Report {
    /// Events in the year's overview, in date order (whole-year items first).
    pub fn overview_events(&self) -> Vec<&Event> {
        let mut v: Vec<&Event> = self.events.iter().filter(|e| e.overview).collect();
        v.sort_by_key(|e| (e.category, e.start, e.end));
        v
    }

    /// How many events and publications name project `id`.
    pub fn project_counts(&self, id: &str) -> (usize, usize) {
        let of = |p: &Option<String>| p.as_deref() == Some(id);
        (
            self.events.iter().filter(|e| of(&e.project)).count(),
            self.publications.iter().filter(|x| of(&x.project)).count(),
        )
    }

    /// A funder by id.
    pub fn funder(&self, id: &str) -> Option<&Funder> {
        self.funders.iter().find(|f| f.id == id)
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
