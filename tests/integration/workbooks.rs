//! The workbooks of the default report read back as a funder's
//! spreadsheet program would (calamine): every event with real dates,
//! summary figures cached and equal to the model, charts, CSV.

use super::build::{built, report};
use crate::common::{self, folio};
use calamine::{Data, Reader, Xlsx, open_workbook};

fn sheet(book: &str, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(built().join(book)).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn row_of<'a>(range: &'a calamine::Range<Data>, col: usize, value: &str) -> &'a [Data] {
    range
        .rows()
        .find(|r| r.get(col).is_some_and(|c| *c == value))
        .unwrap_or_else(|| panic!("no row with {value}"))
}

fn date(d: &Data) -> String {
    match d {
        // Excel serial days since 1899-12-30 (1970-01-01 is 25569).
        Data::DateTime(dt) => {
            folio::model::Date::from_days_since_epoch(dt.as_f64() as i64 - 25_569).to_string()
        }
        other => panic!("not a date cell: {other:?}"),
    }
}

#[test]
fn events_workbook_has_every_event_with_real_dates() {
    let r = report();
    let ev = sheet("events-2023.xlsx", "Events");
    assert_eq!(ev.height(), r.events.len() + 1);
    let header: Vec<String> = ev
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    // Every event's row says what its [[events]] entry says (so editing
    // report.toml's data never breaks this test): real date cells, the
    // place, the days; a whole-year item has no invented date.
    for e in &r.events {
        let row = row_of(&ev, col("ID"), &e.id);
        match e.start {
            Some(start) => {
                assert_eq!(date(&row[col("Start")]), start.to_string(), "{}", e.id);
                let end = e.end.unwrap_or(start);
                assert_eq!(date(&row[col("End")]), end.to_string(), "{}", e.id);
                let days = e.days().unwrap() as f64;
                assert_eq!(row[col("Days")], Data::Float(days), "{}", e.id);
            }
            None => {
                assert_eq!(row[col("Start")], Data::Empty, "{}: invented date", e.id);
                assert_eq!(row[col("Whole year")], Data::Bool(true));
            }
        }
        if let Some(city) = &e.city {
            assert_eq!(&row[col("City")].to_string(), city, "{}", e.id);
        }
    }
    assert!(
        r.events.iter().any(|e| e.whole_year),
        "no whole-year item to check"
    );
}

#[test]
fn summary_figures_are_cached_and_match_the_model() {
    let r = report();
    let mut wb: Xlsx<_> = open_workbook(built().join("events-2023.xlsx")).unwrap();
    let values = wb.worksheet_range("Summary").unwrap();
    let formulas = wb.worksheet_formula("Summary").unwrap();
    let workshops = r
        .events
        .iter()
        .filter(|e| e.category == folio::model::Category::Workshop)
        .count();
    let row = values
        .rows()
        .position(|x| x[0] == "Workshops")
        .expect("Workshops row");
    assert_eq!(
        values.rows().nth(row).unwrap()[1],
        Data::Float(workshops as f64)
    );
    let (v0, _) = values.start().unwrap();
    let f = formulas
        .get_value((v0 + row as u32, 1))
        .cloned()
        .unwrap_or_default();
    assert!(f.contains("COUNTIFS"), "{f}");
    let total = values.rows().find(|x| x[0] == "Total").unwrap();
    assert_eq!(total[1], Data::Float(r.events.len() as f64), "{total:?}");
    let nov = values.rows().find(|x| x[0] == "November").unwrap();
    let n: f64 = nov[1..]
        .iter()
        .filter_map(|c| match c {
            Data::Float(f) => Some(*f),
            _ => None,
        })
        .sum();
    let expect = r
        .events
        .iter()
        .filter(|e| e.start.is_some_and(|d| d.month == 11))
        .count();
    assert_eq!(n as usize, expect);
}

#[test]
fn members_and_publications_workbooks() {
    let r = report();
    let m = sheet("members-2023.xlsx", "Members");
    assert_eq!(m.height(), r.members.len() + 1);
    let darkhan = row_of(&m, 1, "Darkhan-Uul Province");
    assert_eq!(darkhan[4], Data::Float(104737.0));
    let team = sheet("members-2023.xlsx", "Team");
    assert_eq!(team.rows().filter(|x| x[3] == "Departed").count(), 3);
    let p = sheet("publications-2023.xlsx", "Publications");
    assert_eq!(p.height(), r.publications.len() + 1);
    let gba = row_of(&p, 0, "gba-roadmap");
    assert_eq!(date(&gba[2]), "2023-06-01");
    let s = sheet("publications-2023.xlsx", "Summary");
    let english = s.rows().find(|x| x[0] == "English").unwrap();
    let expect = r
        .publications
        .iter()
        .filter(|p| p.languages.iter().any(|l| l == "English"))
        .count();
    assert_eq!(english[1], Data::Float(expect as f64));
}

#[test]
fn each_workbook_has_a_chart() {
    for book in [
        "events-2023.xlsx",
        "members-2023.xlsx",
        "publications-2023.xlsx",
    ] {
        let f = std::fs::File::open(built().join(book)).unwrap();
        let mut zip = zip::ZipArchive::new(f).unwrap();
        assert!(
            zip.by_name("xl/charts/chart1.xml").is_ok(),
            "{book} has no chart"
        );
    }
}

#[test]
fn csv_option_writes_each_data_sheet_with_a_header() {
    let out_dir = common::temp_dir();
    let out = out_dir.path().to_path_buf();
    let st = folio()
        .args(["build", "report.toml", "--csv", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    let events = std::fs::read_to_string(out.join("events-2023-Events.csv")).unwrap();
    let mut lines = events.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("ID,Title,Category,Start,End")
    );
    assert_eq!(events.lines().count(), report().events.len() + 1);
    assert!(events.contains("cop28,UNFCCC COP28,Global forums,2023-11-30,2023-12-12,13,"));
    for f in [
        "members-2023-Members.csv",
        "members-2023-Team.csv",
        "publications-2023-Publications.csv",
        "projects-2023-Projects.csv",
        "projects-2023-Events.csv",
    ] {
        assert!(out.join(f).exists(), "{f}");
    }
    // Each funder's data sheets beside its workbook: GEF's one project and
    // the events told under it, a row each.
    let r = report();
    let gef = out.join("funders-2023");
    let projects = std::fs::read_to_string(gef.join("gef-Projects.csv")).unwrap();
    let ids: Vec<&str> = projects
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let funded: Vec<&str> = r
        .projects
        .iter()
        .filter(|p| p.funders.iter().any(|f| f == "gef"))
        .map(|p| p.id.as_str())
        .collect();
    assert!(!funded.is_empty());
    assert_eq!(ids, funded);
    let events = std::fs::read_to_string(gef.join("gef-Events.csv")).unwrap();
    let told = r
        .events
        .iter()
        .filter(|e| e.project.as_deref().is_some_and(|p| funded.contains(&p)))
        .count();
    assert_eq!(events.lines().count(), told + 1, "{events}");
    for f in &r.funders {
        assert!(gef.join(format!("{}-Publications.csv", f.id)).exists());
    }
}
