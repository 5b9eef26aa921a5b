//! A data sheet: typed cells written as an Excel Table (banded, filtered),
//! header frozen, widths fitted to content, long text wrapped.

use super::WorkbookError;
use crate::model::Date;
use rust_xlsxwriter::utility::worksheet_range_absolute;
use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, Table, TableColumn, TableStyle, Url, Worksheet, XlsxError,
};

/// Widest column autofit may make, in pixels (about 60 characters).
const MAX_WIDTH_PX: u32 = 420;
/// Text longer than this many characters is wrapped.
const WRAP_CHARS: usize = 60;

/// A typed cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A calendar date, shown as `fmt`.
    Date(Date),
    /// A month, stored as its first day and shown as "June 2023".
    Month(Date),
    /// Yes/no.
    Bool(bool),
    /// A hyperlink with its shown text.
    Link(String, String),
    /// Nothing.
    Empty,
}

impl Cell {
    /// Text, or empty for `None`.
    pub fn opt(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Text(s.to_string()))
    }

    /// The value as CSV text (ISO dates, plain numbers). Text that a
    /// spreadsheet program would read as a formula (starting with `=`, `+`,
    /// `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP
    /// advises, unless it is a plain number such as "-3".
    ///
    /// ```
    /// use folio::workbook::sheet::Cell;
    /// assert_eq!(Cell::Text("=HYPERLINK(\"x\")".into()).to_csv(), "'=HYPERLINK(\"x\")");
    /// assert_eq!(Cell::Text("-3.5".into()).to_csv(), "-3.5");
    /// ```
    pub fn to_csv(&self) -> String {
        match self {
            Cell::Text(s) => inert(s),
            Cell::Link(url, _) => inert(url.trim_start_matches("mailto:")),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => d.to_string(),
            Cell::Month(d) => format!("{:04}-{:02}", d.year, d.month),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Empty => String::new(),
        }
    }

    fn display_len(&self) -> usize {
        match self {
            Cell::Text(s) | Cell::Link(_, s) => s.chars().count(),
            Cell::Number(n) => format!("{n}").len(),
            Cell::Date(_) => 11,
            Cell::Month(_) => 14,
            Cell::Bool(_) => 5,
            Cell::Empty => 0,
        }
    }
}

/// CSV text a spreadsheet program will not run: see [`Cell::to_csv`].
fn inert(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s.trim().parse::<f64>().map_or(true, |n| !n.is_finite()) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A sheet of rows under one header: written as an Excel Table.
#[derive(Debug, Clone)]
pub struct DataSheet {
    /// Sheet name (≤ 31 characters).
    pub name: String,
    /// Excel Table name (unique in the workbook).
    pub table: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells, one per header.
    pub rows: Vec<Vec<Cell>>,
}

/// Checks a sheet name against Excel's rules (rust_xlsxwriter's check:
/// length, characters, apostrophes at the ends, "History").
pub fn check_sheet_name(name: &str) -> Result<(), WorkbookError> {
    rust_xlsxwriter::utility::check_sheet_name(name)
        .map_err(|_| WorkbookError::SheetName(name.to_string()))
}

impl DataSheet {
    /// `Sheet!$C$2:$C$N` for a column, covering the data rows (the sheet
    /// name quoted where Excel needs it).
    pub fn range(&self, name: &str) -> Option<String> {
        let c = self.headers.iter().position(|h| h == name)? as u16;
        let last = self.rows.len().max(1) as u32;
        Some(worksheet_range_absolute(&self.name, 1, c, last, c))
    }

    /// Writes the sheet.
    pub fn write(&self, ws: &mut Worksheet) -> Result<(), WorkbookError> {
        check_sheet_name(&self.name)?;
        ws.set_name(&self.name)?;
        let date = Format::new()
            .set_num_format("d mmm yyyy")
            .set_align(FormatAlign::Left);
        let month = Format::new()
            .set_num_format("mmmm yyyy")
            .set_align(FormatAlign::Left);
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let top = Format::new().set_align(FormatAlign::Top);
        let ncol = self.headers.len() as u16;
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c16 = c as u16;
                let long = cell.display_len() > WRAP_CHARS;
                // rust_xlsxwriter enforces Excel's limits; a string over
                // 32,767 characters is named with its sheet, row and column.
                let too_long = |e: XlsxError| match (e, cell) {
                    (XlsxError::MaxStringLengthExceeded, Cell::Text(s) | Cell::Link(_, s)) => {
                        WorkbookError::CellTooLong {
                            sheet: self.name.clone(),
                            row: r + 1,
                            column: self.headers.get(c).cloned().unwrap_or_default(),
                            chars: s.chars().count(),
                        }
                    }
                    (e, _) => WorkbookError::from(e),
                };
                match cell {
                    Cell::Text(s) => {
                        ws.write_string_with_format(r, c16, s, if long { &wrap } else { &top })
                            .map_err(too_long)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number_with_format(r, c16, *n, &top)?;
                    }
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(r, c16, excel_date(*d)?, &date)?;
                    }
                    Cell::Month(d) => {
                        ws.write_datetime_with_format(r, c16, excel_date(*d)?, &month)?;
                    }
                    Cell::Bool(b) => {
                        ws.write_boolean_with_format(r, c16, *b, &top)?;
                    }
                    Cell::Link(url, text) => {
                        ws.write_url_with_text(r, c16, Url::new(url.as_str()), text.as_str())
                            .map_err(too_long)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        let columns: Vec<TableColumn> = self
            .headers
            .iter()
            .map(|h| TableColumn::new().set_header(h))
            .collect();
        let table = Table::new()
            .set_name(&self.table)
            .set_style(TableStyle::Medium2)
            .set_columns(&columns);
        let last_row = self.rows.len().max(1) as u32;
        ws.add_table(0, 0, last_row, ncol.saturating_sub(1), &table)?;
        // Widths from what was written (header cells included), capped so
        // long text wraps instead of making a column a screen wide.
        ws.set_autofit_max_width(MAX_WIDTH_PX).autofit();
        // Autofit sizes a date by its serial number, not by its format:
        // "September 2023" needs more room than "12 Jun 2023".
        for c in 0..self.headers.len() {
            let month = self
                .rows
                .iter()
                .any(|r| matches!(r.get(c), Some(Cell::Month(_))));
            let date = self
                .rows
                .iter()
                .any(|r| matches!(r.get(c), Some(Cell::Date(_))));
            let header = self.headers[c].chars().count() as f64 + 4.0;
            if month {
                ws.set_column_width(c as u16, header.max(16.0))?;
            } else if date {
                ws.set_column_width(c as u16, header.max(13.0))?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(())
    }
}

/// An Excel date.
pub fn excel_date(d: Date) -> Result<ExcelDateTime, WorkbookError> {
    let year = u16::try_from(d.year).map_err(|_| WorkbookError::Date(d))?;
    ExcelDateTime::from_ymd(year, d.month, d.day).map_err(|_| WorkbookError::Date(d))
}
