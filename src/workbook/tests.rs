use super::sheet::{Cell, DataSheet};
use super::*;

#[test]
fn ranges_cover_the_data_rows() {
    let s = DataSheet {
        name: "Events".into(),
        table: "Events".into(),
        headers: vec!["ID".into(), "Start".into()],
        rows: vec![vec![Cell::Empty, Cell::Empty]; 5],
    };
    assert_eq!(s.range("Start").as_deref(), Some("Events!$B$2:$B$6"));
    let spaced = DataSheet {
        name: "Departed staff".into(),
        ..s
    };
    assert_eq!(
        spaced.range("ID").as_deref(),
        Some("'Departed staff'!$A$2:$A$6")
    );
}

#[test]
fn excel_limits_are_named() {
    assert!(matches!(
        sheet::check_sheet_name("a name that is far too long for excel"),
        Err(WorkbookError::SheetName(_))
    ));
    assert!(sheet::check_sheet_name("Summary").is_ok());
    let mut wb = rust_xlsxwriter::Workbook::new();
    let s = DataSheet {
        name: "Events".into(),
        table: "Events".into(),
        headers: vec!["Title".into()],
        rows: vec![vec![Cell::Text("x".repeat(40_000))]],
    };
    let err = s.write(wb.add_worksheet()).unwrap_err();
    assert!(err.to_string().contains("32,767"), "{err}");
}

#[test]
fn same_input_same_bytes() {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let date = crate::compose::report_date(&loaded.report);
    for book in [Book::Events, Book::Members, Book::Publications] {
        let a = write(&loaded.report, book, date).unwrap();
        let b = write(&loaded.report, book, date).unwrap();
        assert_eq!(a, b, "{book:?} differs between two writes");
    }
}

#[test]
fn the_events_summary_names_the_reports_own_overview() {
    let mut loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let (summary, _) = events(&loaded.report);
    assert!(
        summary
            .description
            .contains("listed in the report's “2023 Overview”"),
        "{}",
        summary.description
    );
    // Next year's report, whose overview section says 2024.
    loaded.report.report.year = 2024;
    for s in &mut loaded.report.sections {
        s.title = s.title.replace("2023", "2024");
    }
    let (summary, _) = events(&loaded.report);
    assert!(
        summary.description.contains("events of 2024")
            && summary.description.contains("“2024 Overview”")
            && !summary.description.contains("2023"),
        "{}",
        summary.description
    );
}

/// A title a spreadsheet program would run as a formula is written with a
/// leading `'` in CSV; numbers keep their sign.
#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let src = std::fs::read_to_string(crate::FROZEN_2023).unwrap();
    let src = src.replacen(
        "title = \"Daring Cities 2023\"",
        "title = \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"",
        1,
    );
    let loaded =
        crate::load::load_str("report.toml", &src).unwrap_or_else(|f| panic!("{}", f.render()));
    let files = csv(&loaded.report, Book::Events, "events").unwrap();
    let text = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
        "{text}"
    );
    assert!(!text.contains(",=HYPERLINK") && !text.contains("\"=HYPERLINK"));
    for (cell, csv) in [
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-3", "-3"),
        ("+44", "+44"),
        ("-0.5", "-0.5"),
        ("-inf", "'-inf"),
        ("Plain title", "Plain title"),
    ] {
        assert_eq!(Cell::Text(cell.into()).to_csv(), csv, "{cell:?}");
    }
}

#[test]
fn a_category_keeps_its_colour_in_a_year_another_has_no_events() {
    use crate::style::{CHART_PALETTE, category_colour};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("report.toml");
    let mut r = crate::load::load_file(&path).unwrap().report;
    // No webinars or trainings this year: workshops come first in every
    // chart, and keep workshops' colour, not the first in the palette.
    r.events.retain(|e| e.category != Category::Training);
    let workshop = category_colour(Category::Workshop);
    assert_ne!(workshop, CHART_PALETTE[0]);
    let (summary, _) = events::events(&r);
    let colours = summary.chart.expect("a month chart").colours;
    assert_eq!(colours.first(), Some(&workshop), "the workbook's chart");
    let doc = crate::compose::compose(&r, None);
    let series: Vec<_> = doc
        .chapters
        .iter()
        .flat_map(|c| &c.blocks)
        .filter_map(|b| match b {
            crate::compose::Block::Chart(c) => c.series.first(),
            _ => None,
        })
        .filter(|s| s.name == Category::Workshop.label())
        .collect();
    assert!(
        !series.is_empty(),
        "the PDF's month chart has workshops first"
    );
    assert!(
        series.iter().all(|s| s.colour == workshop),
        "the PDF's chart"
    );
}
