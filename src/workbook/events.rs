//! The events workbook: a Summary of counts by category and month (formulas,
//! cached results, a chart) and the Events table.

use super::sheet::{Cell, DataSheet};
use super::summary::{ChartSpec, Summary, SummaryBlock};
use super::*;

pub(super) fn events(r: &Report) -> (Summary, Vec<DataSheet>) {
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
                    Cell::Text(pathway_names(r, &e.pathways)),
                    section_cell(r, e.section.as_deref()),
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

    let by_category = SummaryBlock::count_by(
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
    let by_month = SummaryBlock {
        heading: format!("Events by month of start, {year} (whole-year events have no month)"),
        columns: std::iter::once("Month".to_string())
            .chain(cats.iter().map(|c| c.label().to_string()))
            .collect(),
        rows: month_rows,
        total: true,
    };
    let country_range = data.range("Country").unwrap_or_default();
    let by_country = SummaryBlock::count_by(
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
    let by_format = SummaryBlock::count_by(
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
            // As the PDF and the web edition colour each category.
            colours: cats
                .iter()
                .map(|&c| crate::style::category_colour(c))
                .collect(),
        }),
    };
    (summary, vec![data])
}
