//! The funders' own workbooks: for each `[[funders]]` entry its projects,
//! their events (dates as dates, days, places, formats, pathways, the
//! section each is told in) and publications, with a Summary of counts by
//! project and category as formulas; and the projects workbook, every
//! project with its funders and counts. Read from the same tables as the
//! PDF's credit lines and projects table.

use super::sheet::{Cell, DataSheet};
use super::summary::{ChartSpec, Summary, SummaryBlock};
use super::*;

/// The workbook of funder `i` (an index into `r.funders`).
pub(super) fn funder(r: &Report, i: usize) -> (Summary, Vec<DataSheet>) {
    let f = &r.funders[i];
    let projects: Vec<&Project> = r
        .projects
        .iter()
        .filter(|p| p.funders.contains(&f.id))
        .collect();
    let ids: Vec<&str> = projects.iter().map(|p| p.id.as_str()).collect();
    let events: Vec<&Event> = r
        .events
        .iter()
        .filter(|e| e.project.as_deref().is_some_and(|p| ids.contains(&p)))
        .collect();
    let pubs: Vec<&Publication> = r
        .publications
        .iter()
        .filter(|x| x.project.as_deref().is_some_and(|p| ids.contains(&p)))
        .collect();
    let (projects_sheet, events_sheet, pubs_sheet) = (
        projects_sheet(r, &projects),
        events_sheet(r, &events),
        publications_sheet(r, &pubs),
    );
    let mut blocks = Vec::new();
    let names: Vec<String> = projects.iter().map(|p| p.name.clone()).collect();
    blocks.push(SummaryBlock::count_by(
        "Events by project",
        "Project",
        names.clone(),
        &events_sheet.range("Project").unwrap_or_default(),
        |name| {
            events
                .iter()
                .filter(|e| project_name(r, e.project.as_deref()) == name)
                .count()
        },
    ));
    let counts = EventCounts::of(events.iter().copied(), r.report.year);
    blocks.push(SummaryBlock::count_by(
        "Events by category",
        "Category",
        counts
            .categories
            .iter()
            .map(|c| c.label().to_string())
            .collect(),
        &events_sheet.range("Category").unwrap_or_default(),
        |label| {
            events
                .iter()
                .filter(|e| e.category.label() == label)
                .count()
        },
    ));
    blocks.push(SummaryBlock::count_by(
        "Publications by project",
        "Project",
        names,
        &pubs_sheet.range("Project").unwrap_or_default(),
        |name| {
            pubs.iter()
                .filter(|x| project_name(r, x.project.as_deref()) == name)
                .count()
        },
    ));
    // A chart where there is more than one number to compare.
    let chart = if projects.len() > 1 {
        Some(ChartSpec {
            title: "Events by project".into(),
            block: 0,
            stacked: false,
            colours: Vec::new(),
        })
    } else if counts.categories.len() > 1 {
        Some(ChartSpec {
            title: "Events by category".into(),
            block: 1,
            stacked: false,
            colours: Vec::new(),
        })
    } else {
        None
    };
    // "… (BMU), through International Climate Initiative (IKI)": no
    // parentheses inside parentheses.
    let programme = f
        .programme
        .as_deref()
        .map_or(String::new(), |p| format!(", through {p},"));
    let summary = Summary {
        description: format!(
            "Projects funded by {}{programme} in {}'s {}: {} project{}, {} event{} and {} publication{} of {}. \
             The figures below are formulas over the Events and Publications sheets.",
            f.full_name(),
            r.report.organisation,
            r.report.title,
            projects.len(),
            plural(projects.len()),
            events.len(),
            plural(events.len()),
            pubs.len(),
            plural(pubs.len()),
            r.report.year
        ),
        blocks,
        chart,
    };
    (summary, vec![projects_sheet, events_sheet, pubs_sheet])
}

/// The projects workbook: every project with its funders, and the events
/// and publications that name a project.
pub(super) fn projects(r: &Report) -> (Summary, Vec<DataSheet>) {
    let all: Vec<&Project> = r.projects.iter().collect();
    let events: Vec<&Event> = r.events.iter().filter(|e| e.project.is_some()).collect();
    let pubs: Vec<&Publication> = r
        .publications
        .iter()
        .filter(|x| x.project.is_some())
        .collect();
    let (projects_sheet, events_sheet, pubs_sheet) = (
        projects_sheet(r, &all),
        events_sheet(r, &events),
        publications_sheet(r, &pubs),
    );
    let names: Vec<String> = all.iter().map(|p| p.name.clone()).collect();
    let by_funder = SummaryBlock::count_by(
        "Projects by funder",
        "Funder",
        r.funders.iter().map(|f| f.full_name()).collect(),
        &projects_sheet.range("Funders").unwrap_or_default(),
        |name| all.iter().filter(|p| funder_names(r, p) == name).count(),
    );
    let blocks = vec![
        SummaryBlock::count_by(
            "Events by project",
            "Project",
            names.clone(),
            &events_sheet.range("Project").unwrap_or_default(),
            |name| {
                events
                    .iter()
                    .filter(|e| project_name(r, e.project.as_deref()) == name)
                    .count()
            },
        ),
        SummaryBlock::count_by(
            "Publications by project",
            "Project",
            names,
            &pubs_sheet.range("Project").unwrap_or_default(),
            |name| {
                pubs.iter()
                    .filter(|x| project_name(r, x.project.as_deref()) == name)
                    .count()
            },
        ),
        by_funder,
    ];
    let summary = Summary {
        description: format!(
            "{} projects of {}, {} funders; {} events and {} publications name their project. \
             The figures below are formulas over the Events, Publications and Projects sheets \
             (a project with several funders counts under none of them alone).",
            all.len(),
            r.report.year,
            r.funders.len(),
            events.len(),
            pubs.len()
        ),
        blocks,
        chart: (all.len() > 1).then(|| ChartSpec {
            title: "Events by project".into(),
            block: 0,
            stacked: false,
            colours: Vec::new(),
        }),
    };
    (summary, vec![projects_sheet, events_sheet, pubs_sheet])
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn project_name<'a>(r: &'a Report, id: Option<&str>) -> &'a str {
    id.and_then(|id| r.projects.iter().find(|p| p.id == id))
        .map_or("", |p| p.name.as_str())
}

/// A project's funders by name, as its row in the Projects sheet shows them.
fn funder_names(r: &Report, p: &Project) -> String {
    p.funders
        .iter()
        .filter_map(|f| r.funder(f))
        .map(|f| f.full_name())
        .collect::<Vec<_>>()
        .join("; ")
}

fn projects_sheet(r: &Report, projects: &[&Project]) -> DataSheet {
    DataSheet {
        name: "Projects".into(),
        table: "Projects".into(),
        headers: [
            "ID",
            "Project",
            "Funders",
            "Years",
            "Pathway",
            "Section",
            "Partners",
            "Events",
            "Publications",
        ]
        .map(String::from)
        .to_vec(),
        rows: projects
            .iter()
            .map(|p| {
                let (events, pubs) = r.project_counts(&p.id);
                vec![
                    Cell::Text(p.id.clone()),
                    Cell::Text(p.name.clone()),
                    Cell::Text(funder_names(r, p)),
                    Cell::opt(Some(p.period().as_str()).filter(|s| !s.is_empty())),
                    Cell::opt(
                        p.pathway
                            .as_deref()
                            .and_then(|id| r.pathway(id))
                            .map(|x| x.name.as_str()),
                    ),
                    section_cell(r, p.section.as_deref()),
                    Cell::opt(Some(p.partners.join("; ").as_str()).filter(|s| !s.is_empty())),
                    Cell::Number(events as f64),
                    Cell::Number(pubs as f64),
                ]
            })
            .collect(),
    }
}

fn events_sheet(r: &Report, events: &[&Event]) -> DataSheet {
    DataSheet {
        name: "Events".into(),
        table: "Events".into(),
        headers: [
            "ID", "Title", "Project", "Category", "Start", "End", "Days", "City", "Country",
            "Format", "Pathways", "Section",
        ]
        .map(String::from)
        .to_vec(),
        rows: events
            .iter()
            .map(|e| {
                vec![
                    Cell::Text(e.id.clone()),
                    Cell::Text(e.title.clone()),
                    Cell::Text(project_name(r, e.project.as_deref()).to_string()),
                    Cell::Text(e.category.label().into()),
                    e.start.map_or(Cell::Empty, Cell::Date),
                    e.last_day().map_or(Cell::Empty, Cell::Date),
                    e.days().map_or(Cell::Empty, |d| Cell::Number(d as f64)),
                    Cell::opt(e.city.as_deref()),
                    Cell::opt(e.country.as_deref()),
                    Cell::Text(e.format.label().into()),
                    Cell::Text(pathway_names(r, &e.pathways)),
                    section_cell(r, e.section.as_deref()),
                ]
            })
            .collect(),
    }
}

fn publications_sheet(r: &Report, pubs: &[&Publication]) -> DataSheet {
    DataSheet {
        name: "Publications".into(),
        table: "Publications".into(),
        headers: [
            "ID",
            "Title",
            "Project",
            "Kind",
            "Published",
            "Languages",
            "Section",
        ]
        .map(String::from)
        .to_vec(),
        rows: pubs
            .iter()
            .map(|x| {
                vec![
                    Cell::Text(x.id.clone()),
                    Cell::Text(x.title.clone()),
                    Cell::Text(project_name(r, x.project.as_deref()).to_string()),
                    Cell::Text(x.kind.clone()),
                    month_cell(x.published),
                    Cell::Text(x.languages.join(", ")),
                    section_cell(r, x.section.as_deref()),
                ]
            })
            .collect(),
    }
}
