//! Model → the funders' workbooks (rust_xlsxwriter): a Summary sheet of live
//! formulas with their results cached by folio and a native chart, then the
//! data as Excel Tables. Written from the same data as the PDF.

mod events;
mod funders;
mod members;
mod publications;
pub mod sheet;
mod summary;

#[cfg(test)]
mod tests;

use crate::model::*;
use events::events;
use members::members;
use publications::publications;
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};
use sheet::Cell;

/// Which workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    /// events.xlsx
    Events,
    /// members.xlsx
    Members,
    /// publications.xlsx
    Publications,
    /// One funder's workbook (an index into `[[funders]]`).
    Funder(usize),
    /// projects.xlsx
    Projects,
}

impl Book {
    /// The workbooks `[output]` asks for as files of their own, with their
    /// names, in the order they are built: events, members, publications,
    /// projects. (Each funder's workbook goes in the `funders` folder.)
    ///
    /// ```
    /// use folio::workbook::Book;
    /// let o = folio::model::Outputs::default();
    /// let named: Vec<_> = Book::named(&o).collect();
    /// assert_eq!(named[0], ("events.xlsx", Book::Events));
    /// assert_eq!(named.len(), 3); // no projects workbook unless asked for
    /// ```
    pub fn named(o: &Outputs) -> impl Iterator<Item = (&str, Book)> {
        [
            (&o.events, Book::Events),
            (&o.members, Book::Members),
            (&o.publications, Book::Publications),
            (&o.projects, Book::Projects),
        ]
        .into_iter()
        .filter_map(|(name, book)| Some((name.as_deref()?, book)))
    }

    /// The Summary and the data sheets.
    fn contents(self, r: &Report) -> (summary::Summary, Vec<sheet::DataSheet>) {
        match self {
            Book::Events => events(r),
            Book::Members => members(r),
            Book::Publications => publications(r),
            Book::Funder(i) => funders::funder(r, i),
            Book::Projects => funders::projects(r),
        }
    }

    /// What the workbook holds, for titles.
    pub fn label(self, r: &Report) -> String {
        match self {
            Book::Events => "Events".into(),
            Book::Members => "Members, governance and team".into(),
            Book::Publications => "Publications".into(),
            Book::Funder(i) => r.funders.get(i).map_or_else(
                || "Funder".into(),
                |f| format!("{}: projects, events and publications", f.full_name()),
            ),
            Book::Projects => "Projects and their funders".into(),
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
            WorkbookError::CellTooLong {
                sheet,
                row,
                column,
                chars,
            } => write!(
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
    let (summary, sheets) = book.contents(r);
    let mut wb = Workbook::new();
    // The workbooks are tens of kilobytes at any level; the fastest level
    // saves about a third of the time of writing them.
    wb.set_zip_compression_level(1);
    let props = DocProperties::new()
        .set_title(format!("{} — {}", r.report.title, book.label(r)))
        .set_subject(format!(
            "{} for {} ({})",
            book.label(r),
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

/// One workbook's files: the workbook as `name` and, with `csv`, its data
/// sheets beside it as CSV files named from `stem` (see [`csv`]).
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// # let date = folio::compose::report_date(&loaded.report);
/// use folio::workbook::{files, Book};
/// let out = files(&loaded.report, Book::Events, date, "events.xlsx", "events", true).unwrap();
/// assert_eq!(out[0].0, "events.xlsx");
/// assert_eq!(out[1].0, "events-Events.csv");
/// ```
pub fn files(
    r: &Report,
    book: Book,
    date: Date,
    name: &str,
    stem: &str,
    csv: bool,
) -> Result<Vec<(String, Vec<u8>)>, WorkbookError> {
    let mut out = vec![(name.to_string(), write(r, book, date)?)];
    if csv {
        out.extend(self::csv(r, book, stem)?);
    }
    Ok(out)
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
    let (_, sheets) = book.contents(r);
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

/// Pathway ids by their names, as the data sheets show them.
fn pathway_names(r: &Report, ids: &[String]) -> String {
    ids.iter()
        .map(|p| r.pathway(p).map_or(p.as_str(), |p| p.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The title of the section `id` names, as a cell (empty without one).
fn section_cell(r: &Report, id: Option<&str>) -> Cell {
    Cell::opt(id.and_then(|s| r.section(s)).map(|s| s.title.as_str()))
}

/// A "YYYY-MM" month as a date cell shown as a month (empty without one).
fn month_cell(m: Option<YearMonth>) -> Cell {
    m.map_or(Cell::Empty, |m| {
        Cell::Month(Date {
            year: m.year,
            month: m.month,
            day: 1,
        })
    })
}
