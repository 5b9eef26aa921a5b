//! The Summary sheet: key figures as formulas over the data sheets, each
//! with the result folio computed cached in the file (so previews and
//! non-calculating readers show the right numbers), and a native chart.

use super::{Book, WorkbookError};
use crate::model::Report;
use crate::style::Colour;
use rust_xlsxwriter::utility::column_number_to_name;
use rust_xlsxwriter::{
    Chart, ChartSolidFill, ChartType, Color, Format, FormatBorder, Formula, Worksheet,
};

/// A block of figures: a label column and one or more value columns.
pub(super) struct SummaryBlock {
    /// Heading above the block.
    pub heading: String,
    /// Column headers; the first is the label column's.
    pub columns: Vec<String>,
    /// (label, [(formula, cached result)]). In formulas `$ROW` stands for
    /// the row's number and `$HEADER` for the header row's.
    pub rows: Vec<(String, Vec<(String, f64)>)>,
    /// Add a total row.
    pub total: bool,
}

impl SummaryBlock {
    /// One COUNTIFS per label over `range`, with `count` as the cached result.
    pub(super) fn count_by(
        heading: &str,
        label: &str,
        labels: Vec<String>,
        range: &str,
        count: impl Fn(&str) -> usize,
    ) -> SummaryBlock {
        SummaryBlock {
            heading: heading.to_string(),
            columns: vec![label.to_string(), "Count".to_string()],
            rows: labels
                .into_iter()
                .map(|l| {
                    let n = count(&l) as f64;
                    (l, vec![(format!("=COUNTIFS({range},$A$ROW)"), n)])
                })
                .collect(),
            total: true,
        }
    }

    /// One given formula per row.
    pub(super) fn formula_by(
        heading: &str,
        label: &str,
        rows: Vec<(String, String, f64)>,
    ) -> SummaryBlock {
        SummaryBlock {
            heading: heading.to_string(),
            columns: vec![label.to_string(), "Count".to_string()],
            rows: rows
                .into_iter()
                .map(|(l, f, n)| (l, vec![(f, n)]))
                .collect(),
            total: false,
        }
    }
}

/// Which block a chart draws.
pub(super) struct ChartSpec {
    /// Chart title.
    pub title: String,
    /// Index of the block.
    pub block: usize,
    /// Stack the series (month × category).
    pub stacked: bool,
    /// Each series' colour, in column order; a series without one (every
    /// series of a single-count chart) takes the accent.
    pub colours: Vec<Colour>,
}

/// The Summary sheet.
pub(super) struct Summary {
    /// What the workbook holds.
    pub description: String,
    /// Figure blocks, top to bottom.
    pub blocks: Vec<SummaryBlock>,
    /// The chart.
    pub chart: Option<ChartSpec>,
}

impl Summary {
    /// Writes the sheet.
    pub(super) fn write(
        &self,
        ws: &mut Worksheet,
        r: &Report,
        book: Book,
    ) -> Result<(), WorkbookError> {
        ws.set_name("Summary")?;
        let title = Format::new().set_bold().set_font_size(16);
        let heading = Format::new()
            .set_bold()
            .set_font_color(Color::RGB(Colour::ACCENT.rgb()))
            .set_font_size(12);
        let header = Format::new()
            .set_bold()
            .set_border_bottom(FormatBorder::Thin);
        let total = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        let mut row: u32 = 4;
        let mut placed: Vec<(u32, u32)> = Vec::new(); // (header row, last data row)
        let mut headings: Vec<(u32, &str)> = Vec::new();
        for b in &self.blocks {
            headings.push((row, b.heading.as_str()));
            row += 1;
            let header_row = row;
            for (c, h) in b.columns.iter().enumerate() {
                ws.write_string_with_format(row, c as u16, h, &header)?;
            }
            row += 1;
            let first = row;
            for (label, cells) in &b.rows {
                ws.write_string(row, 0, label)?;
                for (c, (f, v)) in cells.iter().enumerate() {
                    let f = f
                        .replace("$ROW", &(row + 1).to_string())
                        .replace("$HEADER", &(header_row + 1).to_string());
                    ws.write_formula(row, c as u16 + 1, Formula::new(f).set_result(num(*v)))?;
                }
                row += 1;
            }
            let last = row - 1;
            if b.total && !b.rows.is_empty() {
                ws.write_string_with_format(row, 0, "Total", &total)?;
                for c in 1..b.columns.len() {
                    let sum: f64 = b
                        .rows
                        .iter()
                        .map(|(_, cells)| cells.get(c - 1).map_or(0.0, |x| x.1))
                        .sum();
                    let col = column_number_to_name(c as u16);
                    let f = format!("=SUM({col}{}:{col}{})", first + 1, last + 1);
                    ws.write_formula_with_format(
                        row,
                        c as u16,
                        Formula::new(f).set_result(num(sum)),
                        &total,
                    )?;
                }
                row += 1;
            }
            placed.push((header_row, last));
            row += 1;
        }
        let ncols = self
            .blocks
            .iter()
            .map(|b| b.columns.len())
            .max()
            .unwrap_or(2);
        // Widths from the tables; the title and block headings, written
        // after, run across the empty cells beside them and do not count.
        ws.set_autofit_max_width(280).autofit();
        ws.write_string_with_format(
            0,
            0,
            format!("{} — {}", r.report.title, book.label(r)),
            &title,
        )?;
        ws.write_string(
            1,
            0,
            format!("{}, {}", r.report.organisation, r.report.year),
        )?;
        ws.write_string(2, 0, &self.description)?;
        for (row, text) in headings {
            ws.write_string_with_format(row, 0, text, &heading)?;
        }
        // Keep the title and the first block's column headers in view.
        let first_header = placed.first().map_or(4, |(h, _)| *h);
        ws.set_freeze_panes(first_header + 1, 0)?;
        if let Some(spec) = &self.chart
            && let (Some(b), Some(&(header_row, last))) =
                (self.blocks.get(spec.block), placed.get(spec.block))
        {
            // No data column (a new report without events yet): no chart.
            if last > header_row && b.columns.len() > 1 {
                let mut chart = Chart::new(if spec.stacked {
                    ChartType::ColumnStacked
                } else {
                    ChartType::Column
                });
                chart.title().set_name(&spec.title);
                for c in 1..b.columns.len() {
                    let fill = spec.colours.get(c - 1).copied().unwrap_or(Colour::ACCENT);
                    chart
                        .add_series()
                        .set_name(("Summary", header_row, c as u16))
                        .set_categories(("Summary", header_row + 1, 0, last, 0))
                        .set_values(("Summary", header_row + 1, c as u16, last, c as u16))
                        .set_format(ChartSolidFill::new().set_color(Color::RGB(fill.rgb())));
                }
                if b.columns.len() == 2 {
                    chart.legend().set_hidden();
                }
                chart.set_width(560).set_height(320);
                ws.insert_chart(4, ncols as u16 + 1, &chart)?;
            }
        }
        Ok(())
    }
}

/// A cached result as Excel writes it.
fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
