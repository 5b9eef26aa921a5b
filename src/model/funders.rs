//! `[[funders]]` and `[[projects]]`: who pays for what, written once. Events
//! and publications name their `project`; a funder's workbook, the PDF's
//! credit lines and projects table and the back cover's supporters all
//! read these tables.

use schemars::JsonSchema;
use serde::Deserialize;

/// `[[funders]]`: an organisation that funds projects.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funder {
    /// Unique id; also the funder workbook's file name (`bmu-iki.xlsx`).
    pub id: String,
    /// Full name, as the report credits it: "German Federal Ministry of
    /// Education and Research".
    pub name: String,
    /// Short name or abbreviation: "BMBF".
    #[serde(default)]
    pub short_name: Option<String>,
    /// The programme it funds through: "International Climate Initiative (IKI)".
    #[serde(default)]
    pub programme: Option<String>,
    /// Web site.
    #[serde(default)]
    pub website: Option<String>,
    /// Logo image (PNG, JPEG or SVG), relative to the report's folder, with
    /// the fences of any image; the back cover shows it when the funder is
    /// among `[report] supporters` (its name where there is none).
    #[serde(default)]
    pub logo: Option<String>,
}

impl Funder {
    /// The name with its short form: "Global Environment Facility (GEF)".
    ///
    /// ```
    /// let f = folio::model::Funder { id: "gef".into(), name: "Global Environment Facility".into(),
    ///     short_name: Some("GEF".into()), programme: None, website: None, logo: None };
    /// assert_eq!(f.full_name(), "Global Environment Facility (GEF)");
    /// ```
    pub fn full_name(&self) -> String {
        match &self.short_name {
            Some(s) if !self.name.contains(s.as_str()) => format!("{} ({s})", self.name),
            _ => self.name.clone(),
        }
    }
}

/// `[[projects]]`: a funded project the report tells about.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Unique id; events and publications name it as their `project`.
    pub id: String,
    /// Name: "INTERACT-Bio".
    pub name: String,
    /// Funder ids (`[[funders]]`); empty where the report names none.
    #[serde(default)]
    pub funders: Vec<String>,
    /// First year.
    #[serde(default)]
    pub start: Option<i32>,
    /// Last year.
    #[serde(default)]
    pub end: Option<i32>,
    /// Pathway id.
    #[serde(default)]
    pub pathway: Option<String>,
    /// The section that tells its story; its heading gets the credit line.
    #[serde(default)]
    pub section: Option<String>,
    /// Partners named in the report.
    #[serde(default)]
    pub partners: Vec<String>,
}

impl Project {
    /// "2019–2024", "since 2021", or "" when no year is given.
    pub fn period(&self) -> String {
        match (self.start, self.end) {
            (Some(s), Some(e)) if s == e => s.to_string(),
            (Some(s), Some(e)) => format!("{s}–{e}"),
            (Some(s), None) => format!("since {s}"),
            (None, Some(e)) => format!("until {e}"),
            (None, None) => String::new(),
        }
    }
}
