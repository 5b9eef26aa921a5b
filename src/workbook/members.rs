//! The members workbook: members by country and kind, governance, team and
//! offices.

use super::sheet::{Cell, DataSheet};
use super::summary::{ChartSpec, Summary, SummaryBlock};
use super::*;

pub(super) fn members(r: &Report) -> (Summary, Vec<DataSheet>) {
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
                    section_cell(r, m.section.as_deref()),
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
    let by_country = SummaryBlock::count_by(
        "Members by country",
        "Country",
        distinct(r.members.iter().map(|m| m.country.clone())),
        &country_range,
        |l| r.members.iter().filter(|m| m.country == l).count(),
    );
    let by_kind = SummaryBlock::count_by(
        "Members by kind",
        "Kind",
        distinct(r.members.iter().map(|m| m.kind.clone())),
        &kind_range,
        |l| r.members.iter().filter(|m| m.kind == l).count(),
    );
    let by_body = SummaryBlock::count_by(
        "Governance by body",
        "Body",
        [Body::Gexcom, Body::Rexcom]
            .iter()
            .map(|b| b.label().to_string())
            .collect(),
        &body_range,
        |l| r.people.iter().filter(|p| p.body.label() == l).count(),
    );
    let by_status = SummaryBlock::count_by(
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
            colours: Vec::new(),
        }),
    };
    (summary, vec![members, figures, governance, team, offices])
}
