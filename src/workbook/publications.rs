//! The publications workbook: by language, month and kind, with a chart,
//! and the Publications table.

use super::sheet::{Cell, DataSheet};
use super::summary::{ChartSpec, Summary, SummaryBlock};
use super::*;

pub(super) fn publications(r: &Report) -> (Summary, Vec<DataSheet>) {
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
                    month_cell(p.published),
                    Cell::Text(p.languages.join(", ")),
                    Cell::Text(p.kind.clone()),
                    Cell::Bool(p.listed),
                    Cell::opt(p.note.as_deref()),
                    section_cell(r, p.section.as_deref()),
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
    let by_language = SummaryBlock::formula_by(
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
    let by_month = SummaryBlock::formula_by(
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
    let by_kind = SummaryBlock::count_by(
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
            colours: Vec::new(),
        }),
    };
    (summary, vec![data])
}
