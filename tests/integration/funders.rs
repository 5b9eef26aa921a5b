//! The funders' workbooks and the PDF's projects, read back: each funder's
//! workbook holds exactly the events and publications of the projects it
//! funds, with the dates events.xlsx has; its counts add up; an event moved
//! to another project moves between two funders' workbooks and in the
//! projects table the PDF and the web edition show.

use crate::common::{self, folio};
use calamine::{Data, Reader, Xlsx, open_workbook};
use folio::compose::{Block, Inline, Row};
use std::collections::BTreeMap;
use std::path::Path;

fn build(report: &Path, out: &Path) {
    let o = folio()
        .arg("build")
        .arg(report)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

/// A data sheet as rows of (header → cell text), dates as serial numbers.
fn rows(range: &calamine::Range<Data>) -> Vec<BTreeMap<String, String>> {
    let mut it = range.rows();
    let header: Vec<String> = it.next().unwrap().iter().map(|c| c.to_string()).collect();
    it.filter(|r| r.iter().any(|c| *c != Data::Empty))
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.iter().map(|c| match c {
                    Data::DateTime(d) => d.as_f64().to_string(),
                    c => c.to_string(),
                }))
                .collect()
        })
        .collect()
}

#[test]
fn each_funder_workbook_holds_its_projects_events_and_publications() {
    let dir = common::temp_dir();
    build("report.toml".as_ref(), dir.path());
    let r = folio::load::load_file("report.toml".as_ref())
        .unwrap()
        .report;
    assert!(r.funders.len() >= 5);
    let all_events = rows(&sheet(&dir.path().join("events-2023.xlsx"), "Events"));
    for f in &r.funders {
        let path = dir
            .path()
            .join("funders-2023")
            .join(format!("{}.xlsx", f.id));
        let projects: Vec<&str> = r
            .projects
            .iter()
            .filter(|p| p.funders.contains(&f.id))
            .map(|p| p.id.as_str())
            .collect();
        let want: Vec<&str> = r
            .events
            .iter()
            .filter(|e| e.project.as_deref().is_some_and(|p| projects.contains(&p)))
            .map(|e| e.id.as_str())
            .collect();
        let events = rows(&sheet(&path, "Events"));
        let got: Vec<&str> = events.iter().map(|e| e["ID"].as_str()).collect();
        assert_eq!(got, want, "{}", f.id);
        // The same dates as in events.xlsx.
        for e in &events {
            let same = all_events.iter().find(|a| a["ID"] == e["ID"]).unwrap();
            assert_eq!(
                (&e["Start"], &e["End"]),
                (&same["Start"], &same["End"]),
                "{}",
                e["ID"]
            );
        }
        let pubs = rows(&sheet(&path, "Publications"));
        let want_pubs = r
            .publications
            .iter()
            .filter(|x| x.project.as_deref().is_some_and(|p| projects.contains(&p)))
            .count();
        assert_eq!(pubs.len(), want_pubs, "{}", f.id);
        // The Summary's cached counts by project add up to the rows.
        let summary = sheet(&path, "Summary");
        let total_of = |heading: &str| -> f64 {
            let mut in_block = false;
            for row in summary.rows() {
                let first = row.first().map(|c| c.to_string()).unwrap_or_default();
                if first == heading {
                    in_block = true;
                } else if in_block && first.contains(" by ") {
                    // The next block: this one had no rows (and no total).
                    return 0.0;
                } else if in_block && first == "Total" {
                    return match &row[1] {
                        Data::Float(v) => *v,
                        Data::Int(v) => *v as f64,
                        other => panic!("total is {other:?}"),
                    };
                }
            }
            panic!("{}: no block {heading}", f.id)
        };
        assert_eq!(
            total_of("Events by project") as usize,
            events.len(),
            "{}",
            f.id
        );
        assert_eq!(
            total_of("Events by category") as usize,
            events.len(),
            "{}",
            f.id
        );
        assert_eq!(
            total_of("Publications by project") as usize,
            pubs.len(),
            "{}",
            f.id
        );
    }
}

/// The projects table's row for `name` in the composed document: its
/// Events count.
fn projects_row_events(report: &Path, name: &str) -> String {
    let doc = common::composed(report);
    for b in doc.chapters.iter().flat_map(|c| &c.blocks) {
        let Block::Table(t) = b else { continue };
        if t.columns.first().map(|c| c.header.as_str()) != Some("Project") {
            continue;
        }
        let events = t.columns.iter().position(|c| c.header == "Events").unwrap();
        for row in &t.rows {
            let Row::Cells(cells) = row else { continue };
            let text = |c: &Vec<folio::compose::Run>| -> String {
                c.iter()
                    .filter_map(|r| match &r.inline {
                        Inline::Text(t) => Some(t.as_str()),
                        Inline::LineBreak => None,
                    })
                    .collect()
            };
            if text(&cells[0]) == name {
                return text(&cells[events]);
            }
        }
    }
    panic!("no projects table row for {name}")
}

#[test]
fn an_event_moved_to_another_project_moves_between_funders() {
    let dir = common::temp_dir();
    let text = std::fs::read_to_string("report.toml").unwrap();
    let moved = text.replacen(
        "id = \"euresfo\"\nproject = \"regreen\"",
        "id = \"euresfo\"\nproject = \"ura\"",
        1,
    );
    assert_ne!(moved, text, "euresfo belongs to REGREEN in report.toml");
    let report = dir.path().join("report.toml");
    std::fs::write(&report, &moved).unwrap();
    build(&report, &dir.path().join("out"));
    let ids = |funder: &str| -> Vec<String> {
        let path = dir
            .path()
            .join("out/funders-2023")
            .join(format!("{funder}.xlsx"));
        rows(&sheet(&path, "Events"))
            .into_iter()
            .map(|r| r["ID"].clone())
            .collect()
    };
    assert!(ids("bmbf").contains(&"euresfo".to_string()));
    assert!(!ids("eu-horizon-2020").contains(&"euresfo".to_string()));
    assert_eq!(projects_row_events("report.toml".as_ref(), "REGREEN"), "2");
    assert_eq!(projects_row_events(&report, "REGREEN"), "1");
    assert_eq!(
        projects_row_events(&report, "Urban-Rural Assembly (URA)"),
        "4"
    );
    // The PDF shows the credit line under the project's heading.
    let pdf = lopdf::Document::load(dir.path().join("out/annual-report-2023.pdf")).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let all: String = pdf
        .extract_text(&pages)
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert!(all.contains("Fundedby:GermanFederalMinistryofEducationandResearch(BMBF)"));
}

#[test]
fn an_unknown_project_or_funder_is_a_located_error_with_a_suggestion() {
    let dir = common::temp_dir();
    let text = std::fs::read_to_string("report.toml").unwrap();
    let bad = text
        .replacen(
            "id = \"euresfo\"\nproject = \"regreen\"",
            "id = \"euresfo\"\nproject = \"regren\"",
            1,
        )
        .replacen("funders = [\"gef\"]", "funders = [\"gef-7\"]", 1);
    let report = dir.path().join("report.toml");
    std::fs::write(&report, &bad).unwrap();
    let o = folio().arg("check").arg(&report).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no project has the id \"regren\"")
            && err.contains("did you mean \"regreen\"?"),
        "{err}"
    );
    assert!(
        err.contains("no funder has the id \"gef-7\"") && err.contains("did you mean \"gef\"?"),
        "{err}"
    );
    let line = bad[..bad.find("project = \"regren\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(err.contains(&format!("report.toml:{line}:")), "{err}");
}

#[test]
fn the_back_cover_names_the_supporters_or_leaves_the_line_out() {
    let pdf_text = |report: &Path, out: &Path| -> String {
        build(report, out);
        let pdf = lopdf::Document::load(out.join("annual-report-2023.pdf")).unwrap();
        let last = *pdf.get_pages().keys().last().unwrap();
        pdf.extract_text(&[last])
            .unwrap_or_default()
            .split_whitespace()
            .collect()
    };
    let dir = common::temp_dir();
    // The default report names no supporters (the source text does not say
    // who they are): no sentence ending on a colon.
    let none = pdf_text("report.toml".as_ref(), &dir.path().join("a"));
    assert!(!none.contains("generouslysupported"), "{none}");
    let text = std::fs::read_to_string("report.toml").unwrap();
    let with = text.replacen(
        "[report]\n",
        "[report]\nsupporters = [\"gef\", \"kas\"]\n",
        1,
    );
    let report = dir.path().join("report.toml");
    std::fs::write(&report, with).unwrap();
    let some = pdf_text(&report, &dir.path().join("b"));
    // The line, then the row of logos: these funders have none, so their
    // names are set in its place, at the page's end.
    assert!(
        some.ends_with("ICLEIEastAsiaSecretariatisgenerouslysupportedby:GlobalEnvironmentFacility(GEF)KonradAdenauerFoundation"),
        "{some}"
    );
    // The row is one figure that names them, in order, for a screen reader.
    let pdf = lopdf::Document::load(dir.path().join("b/annual-report-2023.pdf")).unwrap();
    let alts: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(lopdf::Object::as_name).ok() == Some(b"Figure"))
        .filter_map(|d| d.get(b"Alt").ok())
        .map(|a| lopdf::decode_text_string(a).unwrap())
        .filter(|a| a.contains("Konrad"))
        .collect();
    assert_eq!(
        alts,
        ["Global Environment Facility (GEF); Konrad Adenauer Foundation"]
    );
}
