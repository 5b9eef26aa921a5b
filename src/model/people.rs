//! Members, figures, governance and staff, publications, abbreviations,
//! offices and the worldwide network: the report's other data tables.

use super::YearMonth;
use schemars::JsonSchema;
use serde::Deserialize;

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
    #[serde(default)]
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
    /// The project it came from (`[[projects]]` id).
    #[serde(default)]
    pub project: Option<String>,
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
