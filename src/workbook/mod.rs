//! Model → the funders' workbooks (rust_xlsxwriter): a Summary sheet of live
//! formulas with their results cached by folio and a native chart, then the
//! data as Excel Tables. Written from the same data as the PDF.

pub mod sheet;
mod summary;

#[cfg(test)]
mod tests;

use crate::model::*;
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};
use sheet::{Cell, DataSheet};
use summary::{Block, ChartSpec, Summary};

/// Which workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    /// events.xlsx
    Events,
    /// members.xlsx
    Members,
    /// publications.xlsx
    Publications,
}

impl Book {
    /// What the workbook holds, for titles.
    pub fn label(self) -> &'static str {
        match self {
            Book::Events => "Events",
            Book::Members => "Members, governance and team",
            Book::Publications => "Publications",
        }
    }
}

/// An Excel limit hit, or a writer failure.
#[derive(Debug)]
pub enum WorkbookError {
    /// A sheet name breaks Excel's rules (≤ 31 characters, no `[]:*?/\`).
    SheetName(String),
    /// A cell holds more than Excel's 32,767 characters.
    CellTooLong {
        /// Sheet.
        sheet: String,
        /// 1-based row.
        row: u32,
        /// Column header.
        column: String,
        /// Characters found.
        chars: usize,
    },
    /// A date outside Excel's range (1900–9999).
    Date(Date),
    /// rust_xlsxwriter refused.
    Xlsx(XlsxError),
    /// A CSV file could not be written.
    Csv(String),
}

impl std::fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WorkbookError::SheetName(n) => write!(
                f,
                "sheet name \"{n}\" is not allowed in Excel; expected at most 31 characters without [ ] : * ? / \\"
            ),
            WorkbookError::CellTooLong { sheet, row, column, chars } => write!(
                f,
                "{sheet} row {row}, column \"{column}\": {chars} characters; Excel's limit for a cell is 32,767"
            ),
            WorkbookError::Date(d) => write!(f, "date {d} is outside Excel's range 1900–9999"),
            WorkbookError::Xlsx(e) => write!(f, "cannot write the workbook: {e}"),
            WorkbookError::Csv(e) => write!(f, "cannot write a CSV file: {e}"),
        }
    }
}

impl std::error::Error for WorkbookError {}

impl From<XlsxError> for WorkbookError {
    fn from(e: XlsxError) -> Self {
        WorkbookError::Xlsx(e)
    }
}

/// Writes one workbook to bytes.
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// let date = folio::compose::report_date(&loaded.report);
/// let bytes = folio::workbook::write(&loaded.report, folio::workbook::Book::Events, date).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn write(r: &Report, book: Book, date: Date) -> Result<Vec<u8>, WorkbookError> {
    let (summary, sheets) = match book {
        Book::Events => events(r),
        Book::Members => members(r),
        Book::Publications => publications(r),
    };
    let mut wb = Workbook::new();
    // The workbooks are tens of kilobytes at any level; the fastest level
    // saves about a third of the time of writing them.
    wb.set_zip_compression_level(1);
    let props = DocProperties::new()
        .set_title(format!("{} — {}", r.report.title, book.label()))
        .set_subject(format!(
            "{} for {} ({})",
            book.label(),
            r.report.organisation,
            r.report.year
        ))
        .set_author(&r.report.author)
        .set_company(
            r.report
                .publisher
                .as_deref()
                .unwrap_or(&r.report.organisation),
        )
        .set_keywords(r.report.keywords.join(", "))
        .set_creation_datetime(&sheet::excel_date(date)?);
    wb.set_properties(&props);
    summary.write(wb.add_worksheet(), r, book)?;
    for s in &sheets {
        s.write(wb.add_worksheet())?;
    }
    Ok(wb.save_to_buffer()?)
}

/// The workbook's data sheets as UTF-8 CSV files with a header row:
/// (file name, bytes), e.g. `events-Events.csv`. Dates are ISO 8601.
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// let files = folio::workbook::csv(&loaded.report, folio::workbook::Book::Events, "events").unwrap();
/// assert_eq!(files[0].0, "events-Events.csv");
/// ```
pub fn csv(r: &Report, book: Book, stem: &str) -> Result<Vec<(String, Vec<u8>)>, WorkbookError> {
    let (_, sheets) = match book {
        Book::Events => events(r),
        Book::Members => members(r),
        Book::Publications => publications(r),
    };
    let mut out = Vec::new();
    for s in sheets {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        let io = |e: ::csv::Error| WorkbookError::Csv(e.to_string());
        w.write_record(&s.headers).map_err(io)?;
        for row in &s.rows {
            w.write_record(row.iter().map(Cell::to_csv)).map_err(io)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| WorkbookError::Csv(e.to_string()))?;
        out.push((format!("{stem}-{}.csv", s.name), bytes));
    }
    Ok(out)
}

fn events(r: &Report) -> (Summary, Vec<DataSheet>) {
    let data = DataSheet {
        name: "Events".into(),
        table: "Events".into(),
        headers: [
            "ID",
            "Title",
            "Category",
            "Start",
            "End",
            "Days",
            "Whole year",
            "City",
            "Country",
            "Format",
            "Pathways",
            "Section",
            "In overview",
        ]
        .map(String::from)
        .to_vec(),
        rows: r
            .events
            .iter()
            .map(|e| {
                vec![
                    Cell::Text(e.id.clone()),
                    Cell::Text(e.title.clone()),
                    Cell::Text(e.category.label().into()),
                    e.start.map_or(Cell::Empty, Cell::Date),
                    e.last_day().map_or(Cell::Empty, Cell::Date),
                    e.days().map_or(Cell::Empty, |d| Cell::Number(d as f64)),
                    Cell::Bool(e.whole_year),
                    Cell::opt(e.city.as_deref()),
                    Cell::opt(e.country.as_deref()),
                    Cell::Text(e.format.label().into()),
                    Cell::Text(
                        e.pathways
                            .iter()
                            .map(|p| r.pathway(p).map_or(p.clone(), |p| p.name.clone()))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    Cell::opt(
                        e.section
                            .as_deref()
                            .and_then(|s| r.section(s))
                            .map(|s| s.title.as_str()),
                    ),
                    Cell::Bool(e.overview),
                ]
            })
            .collect(),
    };
    let cat_range = data.range("Category").unwrap_or_default();
    let start_range = data.range("Start").unwrap_or_default();
    let year = r.report.year;
    // The same counts as the PDF's charts (over every event, not only
    // the overview's), as the formulas' cached results.
    let counts = EventCounts::of(r.events.iter(), year);
    let cats = &counts.categories;

    let by_category = Block::count_by(
        "Events by category",
        "Category",
        cats.iter().map(|c| c.label().to_string()).collect(),
        &cat_range,
        |label| {
            cats.iter()
                .position(|c| c.label() == label)
                .map_or(0, |i| counts.by_category[i])
        },
    );
    // Month × category, counting events by the month they start in.
    let mut month_rows = Vec::new();
    for (m, name) in MONTHS.iter().enumerate() {
        let m = m as u32 + 1;
        let lo = format!("DATE({year},{m},1)");
        let hi = if m == 12 {
            format!("DATE({},1,1)", year + 1)
        } else {
            format!("DATE({year},{},1)", m + 1)
        };
        let cells = cats
            .iter()
            .enumerate()
            .map(|(ci, _)| {
                let n = counts.by_month[ci][m as usize - 1];
                let col = rust_xlsxwriter::utility::column_number_to_name(ci as u16 + 1);
                (
                    format!("=COUNTIFS({start_range},\">=\"&{lo},{start_range},\"<\"&{hi},{cat_range},{col}$HEADER)"),
                    n as f64,
                )
            })
            .collect();
        month_rows.push((name.to_string(), cells));
    }
    let by_month = Block {
        heading: format!("Events by month of start, {year} (whole-year events have no month)"),
        columns: std::iter::once("Month".to_string())
            .chain(cats.iter().map(|c| c.label().to_string()))
            .collect(),
        rows: month_rows,
        total: true,
    };
    let country_range = data.range("Country").unwrap_or_default();
    let by_country = Block::count_by(
        "Events by country",
        "Country",
        distinct(
            r.events
                .iter()
                .map(|e| e.country.clone().unwrap_or_default())
                .filter(|c| !c.is_empty()),
        ),
        &country_range,
        |label| {
            r.events
                .iter()
                .filter(|e| e.country.as_deref() == Some(label))
                .count()
        },
    );
    let format_range = data.range("Format").unwrap_or_default();
    let by_format = Block::count_by(
        "Events by format",
        "Format",
        Format::ALL.iter().map(|f| f.label().to_string()).collect(),
        &format_range,
        |label| {
            r.events
                .iter()
                .filter(|e| e.format.label() == label)
                .count()
        },
    );
    // The section that lists the overview events, named as the report
    // names it ("2023 Overview").
    let overview = r
        .sections
        .iter()
        .find(|s| s.show.contains(&View::EventsOverview))
        .map_or_else(
            || "event overview".to_string(),
            |s| format!("“{}”", s.title),
        );
    let summary = Summary {
        description: format!(
            "{} events of {year}: {} listed in the report's {overview} and {} dated elsewhere in its text. \
             The figures below are formulas over the Events sheet.",
            r.events.len(),
            r.events.iter().filter(|e| e.overview).count(),
            r.events.iter().filter(|e| !e.overview).count()
        ),
        blocks: vec![by_category, by_month, by_country, by_format],
        chart: Some(ChartSpec {
            title: format!("Events per month by category, {year}"),
            block: 1,
            stacked: true,
        }),
    };
    (summary, vec![data])
}

fn members(r: &Report) -> (Summary, Vec<DataSheet>) {
    let members = DataSheet {
        name: "Members".into(),
        table: "Members".into(),
        headers: [
            "ID",
            "Name",
            "Country",
            "Kind",
            "Population",
            "Year of joining",
            "Section",
        ]
        .map(String::from)
        .to_vec(),
        rows: r
            .members
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(m.id.clone()),
                    Cell::Text(m.name.clone()),
                    Cell::Text(m.country.clone()),
                    Cell::Text(m.kind.clone()),
                    m.population.map_or(Cell::Empty, |p| Cell::Number(p as f64)),
                    m.joined.map_or(Cell::Empty, |y| Cell::Number(f64::from(y))),
                    Cell::opt(
                        m.section
                            .as_deref()
                            .and_then(|s| r.section(s))
                            .map(|s| s.title.as_str()),
                    ),
                ]
            })
            .collect(),
    };
    let figures = DataSheet {
        name: "Figures".into(),
        table: "Figures".into(),
        headers: ["ID", "Figure", "Value", "Qualifier"]
            .map(String::from)
            .to_vec(),
        rows: r
            .figures
            .iter()
            .map(|f| {
                vec![
                    Cell::Text(f.id.clone()),
                    Cell::Text(f.label.clone()),
                    Cell::Number(f.value as f64),
                    Cell::opt(f.qualifier.as_deref()),
                ]
            })
            .collect(),
    };
    let governance = DataSheet {
        name: "Governance".into(),
        table: "Governance".into(),
        headers: ["Name", "Body", "Role", "Title or affiliation"]
            .map(String::from)
            .to_vec(),
        rows: r
            .people
            .iter()
            .filter(|p| p.body != Body::Team)
            .map(|p| {
                vec![
                    Cell::Text(p.name.clone()),
                    Cell::Text(p.body.label().into()),
                    Cell::Text(p.role.clone()),
                    Cell::opt(p.affiliation.as_deref()),
                ]
            })
            .collect(),
    };
    let office_name = |id: &str| {
        r.offices
            .iter()
            .find(|o| o.id == id)
            .map_or(id.to_string(), |o| o.name.clone())
    };
    let team = DataSheet {
        name: "Team".into(),
        table: "Team".into(),
        headers: ["Name", "Role", "Office", "Status"]
            .map(String::from)
            .to_vec(),
        rows: r
            .people
            .iter()
            .filter(|p| p.body == Body::Team)
            .map(|p| {
                vec![
                    Cell::Text(p.name.clone()),
                    Cell::Text(p.role.clone()),
                    p.office
                        .as_deref()
                        .map_or(Cell::Empty, |o| Cell::Text(office_name(o))),
                    Cell::Text(if p.departed { "Departed" } else { "Current" }.into()),
                ]
            })
            .collect(),
    };
    let offices = DataSheet {
        name: "Offices".into(),
        table: "Offices".into(),
        headers: ["Office", "Address", "Tel", "Fax", "Email", "Website"]
            .map(String::from)
            .to_vec(),
        rows: r
            .offices
            .iter()
            .map(|o| {
                vec![
                    Cell::Text(o.name.clone()),
                    Cell::Text(o.address.join(" ")),
                    Cell::opt(o.tel.as_deref()),
                    Cell::opt(o.fax.as_deref()),
                    o.email.as_ref().map_or(Cell::Empty, |e| {
                        Cell::Link(format!("mailto:{e}"), e.clone())
                    }),
                    r.report
                        .website
                        .as_ref()
                        .map_or(Cell::Empty, |w| Cell::Link(w.clone(), w.clone())),
                ]
            })
            .collect(),
    };
    let country_range = members.range("Country").unwrap_or_default();
    let kind_range = members.range("Kind").unwrap_or_default();
    let body_range = governance.range("Body").unwrap_or_default();
    let status_range = team.range("Status").unwrap_or_default();
    let by_country = Block::count_by(
        "Members by country",
        "Country",
        distinct(r.members.iter().map(|m| m.country.clone())),
        &country_range,
        |l| r.members.iter().filter(|m| m.country == l).count(),
    );
    let by_kind = Block::count_by(
        "Members by kind",
        "Kind",
        distinct(r.members.iter().map(|m| m.kind.clone())),
        &kind_range,
        |l| r.members.iter().filter(|m| m.kind == l).count(),
    );
    let by_body = Block::count_by(
        "Governance by body",
        "Body",
        [Body::Gexcom, Body::Rexcom]
            .iter()
            .map(|b| b.label().to_string())
            .collect(),
        &body_range,
        |l| r.people.iter().filter(|p| p.body.label() == l).count(),
    );
    let by_status = Block::count_by(
        "Team by status",
        "Status",
        vec!["Current".into(), "Departed".into()],
        &status_range,
        |l| {
            r.people
                .iter()
                .filter(|p| p.body == Body::Team && (p.departed == (l == "Departed")))
                .count()
        },
    );
    let summary = Summary {
        description: format!(
            "{} member local governments named in the report (new members of {}), the membership figures it states, \
             its governance bodies and the secretariat's team. The figures below are formulas over the data sheets.",
            r.members.len(),
            r.report.year
        ),
        blocks: vec![by_country, by_kind, by_body, by_status],
        chart: Some(ChartSpec {
            title: "Members by country".into(),
            block: 0,
            stacked: false,
        }),
    };
    (summary, vec![members, figures, governance, team, offices])
}

fn publications(r: &Report) -> (Summary, Vec<DataSheet>) {
    let data = DataSheet {
        name: "Publications".into(),
        table: "Publications".into(),
        headers: [
            "ID",
            "Title",
            "Published",
            "Languages",
            "Kind",
            "In Knowledge Sharing list",
            "Note",
            "Section",
        ]
        .map(String::from)
        .to_vec(),
        rows: r
            .publications
            .iter()
            .map(|p| {
                vec![
                    Cell::Text(p.id.clone()),
                    Cell::Text(p.title.clone()),
                    p.published.map_or(Cell::Empty, |m| {
                        Cell::Month(Date {
                            year: m.year,
                            month: m.month,
                            day: 1,
                        })
                    }),
                    Cell::Text(p.languages.join(", ")),
                    Cell::Text(p.kind.clone()),
                    Cell::Bool(p.listed),
                    Cell::opt(p.note.as_deref()),
                    Cell::opt(
                        p.section
                            .as_deref()
                            .and_then(|s| r.section(s))
                            .map(|s| s.title.as_str()),
                    ),
                ]
            })
            .collect(),
    };
    let lang_range = data.range("Languages").unwrap_or_default();
    let kind_range = data.range("Kind").unwrap_or_default();
    let pub_range = data.range("Published").unwrap_or_default();
    let languages = distinct(
        r.publications
            .iter()
            .flat_map(|p| p.languages.iter().cloned()),
    );
    let by_language = Block::formula_by(
        "Publications by language",
        "Language",
        languages
            .iter()
            .map(|l| {
                let n = r
                    .publications
                    .iter()
                    .filter(|p| p.languages.contains(l))
                    .count();
                (
                    l.clone(),
                    format!("=COUNTIFS({lang_range},\"*\"&$A$ROW&\"*\")"),
                    n as f64,
                )
            })
            .collect(),
    );
    let mut months: Vec<YearMonth> = r.publications.iter().filter_map(|p| p.published).collect();
    months.sort();
    months.dedup();
    let by_month = Block::formula_by(
        "Publications by month",
        "Month",
        months
            .iter()
            .map(|m| {
                let n = r
                    .publications
                    .iter()
                    .filter(|p| p.published == Some(*m))
                    .count();
                (
                    m.long(),
                    format!("=COUNTIFS({pub_range},DATE({},{},1))", m.year, m.month),
                    n as f64,
                )
            })
            .collect(),
    );
    let by_kind = Block::count_by(
        "Publications by kind",
        "Kind",
        distinct(r.publications.iter().map(|p| p.kind.clone())),
        &kind_range,
        |l| r.publications.iter().filter(|p| p.kind == l).count(),
    );
    let summary = Summary {
        description: format!(
            "{} publications: {} in the report's Knowledge Sharing list and {} knowledge products its text reports as launched. \
             A publication in two languages counts once for each. The figures below are formulas over the Publications sheet.",
            r.publications.len(),
            r.publications.iter().filter(|p| p.listed).count(),
            r.publications.iter().filter(|p| !p.listed).count()
        ),
        blocks: vec![by_language, by_month, by_kind],
        chart: Some(ChartSpec {
            title: "Publications by language".into(),
            block: 0,
            stacked: false,
        }),
    };
    (summary, vec![data])
}

/// Distinct values in first-seen order.
fn distinct(it: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for s in it {
        if !v.contains(&s) {
            v.push(s);
        }
    }
    v
}
