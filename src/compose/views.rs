//! Data views a section can `show`: the same `[[events]]`, `[[people]]`, …
//! tables the workbooks read, turned into tables, charts and lists.

use super::dates::event_label;
use super::{Align, Block, Chart, Colour, Column, Link, Row, Run, Series, Table, group_thousands};
use crate::model::*;

/// Blocks for one view name (validated at load time).
pub fn render(r: &Report, view: View, colour: Colour) -> Vec<Block> {
    match view {
        View::Abbreviations => vec![abbreviations(r, colour)],
        View::EventsOverview => events_overview(r, colour),
        View::EventsCharts => event_charts(r),
        View::Members => vec![members(r, colour)],
        View::Figures => vec![figures(r)],
        View::PeopleGexcom => vec![people_table(r, Body::Gexcom, colour)],
        View::PeopleRexcom => vec![people_table(r, Body::Rexcom, colour)],
        View::PeopleTeam => team(r, colour),
        View::Publications => vec![publications(r, false, colour)],
        View::PublicationsListed => vec![publications(r, true, colour)],
        View::Offices => offices(r),
        View::Worldwide => worldwide(r),
        View::Projects => vec![projects(r, colour)],
    }
}

fn projects(r: &Report, colour: Colour) -> Block {
    let num = |header: &str| Column {
        header: header.to_string(),
        align: Align::Right,
    };
    // A column of dashes says nothing: the years only when some are known.
    let years = r.projects.iter().any(|p| !p.period().is_empty());
    let mut columns = vec![col("Project"), col("Funded by")];
    if years {
        columns.push(col("Years"));
    }
    columns.extend([num("Events"), num("Publications")]);
    Block::Table(Table {
        columns,
        rows: r
            .projects
            .iter()
            .map(|p| {
                let name = match &p.section {
                    Some(s) => vec![Run::linked(p.name.clone(), Link::Anchor(s.clone()))],
                    None => vec![Run::bold(p.name.clone())],
                };
                let funders: Vec<String> = p
                    .funders
                    .iter()
                    .filter_map(|f| r.funder(f))
                    .map(|f| f.short_name.clone().unwrap_or_else(|| f.name.clone()))
                    .collect();
                let (events, pubs) = r.project_counts(&p.id);
                let mut cells = vec![
                    name,
                    cell(if funders.is_empty() {
                        "–".to_string()
                    } else {
                        funders.join(", ")
                    }),
                ];
                if years {
                    cells.push(cell(if p.period().is_empty() {
                        "–".to_string()
                    } else {
                        p.period()
                    }));
                }
                cells.extend([cell(events.to_string()), cell(pubs.to_string())]);
                Row::Cells(cells)
            })
            .collect(),
        colour,
    })
}

/// The line under a project's section heading that credits its funders:
/// "Funded by: Global Environment Facility (GEF)", each funder with its
/// programme where one is named, funders apart by semicolons. (A colon,
/// not "by the …": names are written as the funder writes them, and not
/// every name takes an article.) None for a project with no funder.
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// let r = &loaded.report;
/// let ura = r.projects.iter().find(|p| p.id == "ura").unwrap();
/// let line = folio::compose::views::credit_line(r, ura).unwrap();
/// assert_eq!(line, "Funded by: German Federal Ministry of Education and Research (BMBF)");
/// ```
pub fn credit_line(r: &Report, p: &Project) -> Option<String> {
    let parts: Vec<String> = p
        .funders
        .iter()
        .filter_map(|f| r.funder(f))
        .map(|f| match &f.programme {
            Some(prog) => format!("{}, {prog}", f.full_name()),
            None => f.full_name(),
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    Some(format!("Funded by: {}", parts.join("; ")))
}

fn col(header: &str) -> Column {
    Column {
        header: header.to_string(),
        align: Align::Left,
    }
}

fn cell(text: impl Into<String>) -> Vec<Run> {
    vec![Run::plain(text)]
}

fn abbreviations(r: &Report, colour: Colour) -> Block {
    Block::Table(Table {
        columns: vec![col("Abbreviation"), col("Definition")],
        rows: r
            .abbreviations
            .iter()
            .map(|a| {
                Row::Cells(vec![
                    vec![Run::bold(a.term.clone())],
                    cell(a.meaning.clone()),
                ])
            })
            .collect(),
        colour,
    })
}

fn events_overview(r: &Report, colour: Colour) -> Vec<Block> {
    let events = r.overview_events();
    let mut rows = Vec::new();
    for cat in Category::ALL {
        let in_cat: Vec<&&Event> = events.iter().filter(|e| e.category == cat).collect();
        if in_cat.is_empty() {
            continue;
        }
        rows.push(Row::Group(format!("{} · {}", cat.label(), in_cat.len())));
        for e in in_cat {
            let title = match &e.section {
                Some(s) => vec![Run::linked(e.title.clone(), Link::Anchor(s.clone()))],
                None => cell(e.title.clone()),
            };
            let pathways = e
                .pathways
                .iter()
                .filter_map(|p| r.pathway(p))
                .map(|p| p.name.trim_end_matches(" development").to_string())
                .collect::<Vec<_>>()
                .join(", ");
            rows.push(Row::Cells(vec![
                cell(event_label(e)),
                title,
                cell(e.place()),
                cell(e.format.label()),
                cell(pathways),
            ]));
        }
    }
    vec![Block::Table(Table {
        columns: vec![
            col("Dates"),
            col("Event"),
            col("Place"),
            col("Format"),
            col("Pathway"),
        ],
        rows,
        colour,
    })]
}

fn event_charts(r: &Report) -> Vec<Block> {
    let events = r.overview_events();
    let counts = EventCounts::of(events.iter().copied(), r.report.year);
    // Month of the first day; whole-year items have no month and are left
    // out of the monthly chart (the alt text says so).
    let by_month: Vec<Series> = counts
        .categories
        .iter()
        .zip(&counts.by_month)
        .map(|(&c, months)| Series {
            name: c.label().to_string(),
            colour: crate::style::category_colour(c),
            values: months.iter().map(|&n| n as f64).collect(),
        })
        .collect();
    let undated = counts.whole_year;
    let months: Vec<String> = MONTHS.iter().map(|m| m[..3].to_string()).collect();
    // The alternative text states the chart's data, from the same counts.
    let per_month: Vec<String> = MONTHS
        .iter()
        .enumerate()
        .filter_map(|(m, name)| {
            let n: f64 = by_month.iter().map(|s| s.values[m]).sum();
            (n > 0.0).then(|| format!("{name} {n}"))
        })
        .collect();
    let mut alt = format!(
        "Events per month of start, {} in all: {}",
        events.len(),
        per_month.join(", ")
    );
    if undated > 0 {
        alt.push_str(&format!("; {undated} ran the whole year"));
    }
    let month_chart = Chart {
        title: if undated > 0 {
            format!("Events by month of start ({undated} whole-year item not shown)").replace(
                "item not",
                if undated == 1 {
                    "item not"
                } else {
                    "items not"
                },
            )
        } else {
            "Events by month of start".to_string()
        },
        categories: months,
        series: by_month,
        horizontal: false,
        alt,
    };
    let by_cat = Chart {
        title: "Events by category".to_string(),
        categories: counts
            .categories
            .iter()
            .map(|c| c.label().to_string())
            .collect(),
        series: vec![Series {
            name: "Events".to_string(),
            colour: Colour::ACCENT,
            values: counts.by_category.iter().map(|&n| n as f64).collect(),
        }],
        horizontal: true,
        alt: format!(
            "Events by category, {} in all: {}",
            events.len(),
            counts
                .categories
                .iter()
                .zip(&counts.by_category)
                .map(|(c, n)| format!("{} {n}", c.label()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    vec![Block::Chart(month_chart), Block::Chart(by_cat)]
}

fn members(r: &Report, colour: Colour) -> Block {
    Block::Table(Table {
        columns: vec![
            col("Member"),
            col("Country"),
            col("Kind"),
            Column {
                header: "Population".into(),
                align: Align::Right,
            },
            Column {
                header: "Joined".into(),
                align: Align::Right,
            },
        ],
        rows: r
            .members
            .iter()
            .map(|m| {
                let name = match &m.section {
                    Some(s) => vec![Run::linked(m.name.clone(), Link::Anchor(s.clone()))],
                    None => cell(m.name.clone()),
                };
                Row::Cells(vec![
                    name,
                    cell(m.country.clone()),
                    cell(m.kind.clone()),
                    cell(m.population.map_or("–".into(), group_thousands)),
                    cell(m.joined.map_or("–".into(), |y| y.to_string())),
                ])
            })
            .collect(),
        colour,
    })
}

fn figures(r: &Report) -> Block {
    Block::KeyFigures(
        r.figures
            .iter()
            .map(|f| {
                let v = group_thousands(f.value);
                let v = match &f.qualifier {
                    Some(q) if q == "more than" || q == "over" => format!("{v}+"),
                    _ => v,
                };
                (v, f.label.clone())
            })
            .collect(),
    )
}

fn people_table(r: &Report, body: Body, colour: Colour) -> Block {
    Block::Table(Table {
        columns: vec![col("Name"), col("Role"), col("Title or affiliation")],
        rows: r
            .people
            .iter()
            .filter(|p| p.body == body)
            .map(|p| {
                Row::Cells(vec![
                    vec![Run::bold(p.name.clone())],
                    cell(p.role.clone()),
                    cell(p.affiliation.clone().unwrap_or_default()),
                ])
            })
            .collect(),
        colour,
    })
}

fn team(r: &Report, colour: Colour) -> Vec<Block> {
    let team: Vec<&Person> = r.people.iter().filter(|p| p.body == Body::Team).collect();
    let mut blocks = Vec::new();
    let lead: Vec<&&Person> = team
        .iter()
        .filter(|p| p.office.is_none() && !p.departed)
        .collect();
    for p in lead {
        blocks.push(Block::Paragraph(vec![
            Run::bold(p.name.clone()),
            Run::plain(format!(", {}", p.role)),
        ]));
    }
    let table = |people: Vec<&&Person>| {
        Block::Table(Table {
            columns: vec![col("Name"), col("Role")],
            rows: people
                .iter()
                .map(|p| Row::Cells(vec![vec![Run::bold(p.name.clone())], cell(p.role.clone())]))
                .collect(),
            colour,
        })
    };
    for o in &r.offices {
        let people: Vec<&&Person> = team
            .iter()
            .filter(|p| p.office.as_deref() == Some(o.id.as_str()) && !p.departed)
            .collect();
        if people.is_empty() {
            continue;
        }
        blocks.push(Block::Heading {
            level: 2,
            text: o.name.clone(),
            anchor: format!("team-{}", o.id),
            colour,
        });
        blocks.push(table(people));
    }
    let departed: Vec<&&Person> = team.iter().filter(|p| p.departed).collect();
    if !departed.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: "Departed Staff".into(),
            anchor: "team-departed".into(),
            colour,
        });
        blocks.push(table(departed));
    }
    blocks
}

fn publications(r: &Report, listed_only: bool, colour: Colour) -> Block {
    let mut columns = vec![col("Title"), col("Published"), col("Languages")];
    if !listed_only {
        columns.push(col("Kind"));
    }
    Block::Table(Table {
        columns,
        rows: r
            .publications
            .iter()
            .filter(|p| p.listed || !listed_only)
            .map(|p| {
                let title = match &p.section {
                    Some(s) => vec![Run::linked(p.title.clone(), Link::Anchor(s.clone()))],
                    None => cell(p.title.clone()),
                };
                let mut cells = vec![
                    title,
                    cell(p.published.map_or("–".into(), |m| m.long())),
                    cell(if p.languages.is_empty() {
                        "–".into()
                    } else {
                        p.languages.join(", ")
                    }),
                ];
                if !listed_only {
                    cells.push(cell(p.kind.clone()));
                }
                Row::Cells(cells)
            })
            .collect(),
        colour,
    })
}

fn offices(r: &Report) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(w) = &r.report.website {
        let shown = w
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        blocks.push(Block::Paragraph(vec![Run::linked(
            shown,
            Link::Uri(w.clone()),
        )]));
    }
    for o in &r.offices {
        let mut runs = vec![Run::bold(o.name.clone()), line_break()];
        for a in &o.address {
            runs.push(Run::plain(a.clone()));
            runs.push(line_break());
        }
        if let Some(t) = &o.tel {
            runs.push(Run::plain(format!("Tel. {t}")));
            runs.push(line_break());
        }
        if let Some(f) = &o.fax {
            runs.push(Run::plain(format!("Fax. {f}")));
            runs.push(line_break());
        }
        if let Some(e) = &o.email {
            runs.push(Run::plain("Email. "));
            runs.push(Run::linked(e.clone(), Link::Uri(format!("mailto:{e}"))));
        }
        blocks.push(Block::Paragraph(runs));
    }
    blocks
}

fn line_break() -> Run {
    Run {
        inline: super::Inline::LineBreak,
        style: Default::default(),
        link: None,
    }
}

fn worldwide(r: &Report) -> Vec<Block> {
    let Some(w) = &r.worldwide else {
        return Vec::new();
    };
    let mut blocks = vec![
        Block::Heading {
            level: 2,
            text: "ICLEI Worldwide".into(),
            anchor: "worldwide".into(),
            colour: Colour::ACCENT,
        },
        Block::Paragraph(vec![Run::plain(format!("— Since {} —", w.since))]),
    ];
    let mut centers = Vec::new();
    for (i, c) in w.centers.iter().enumerate() {
        if i > 0 {
            centers.push(Run::plain(" • "));
        }
        centers.push(Run::bold(c.name.clone()));
        centers.push(Run::plain(format!(" / {}", c.city)));
    }
    if !centers.is_empty() {
        blocks.push(Block::Paragraph(centers));
    }
    // A list, an item per region holding its countries: read as one
    // region after another, not as one run of names.
    let regions: Vec<Vec<Block>> = w
        .regions
        .iter()
        .map(|reg| {
            vec![Block::Paragraph(vec![
                Run::bold(reg.name.clone()),
                Run::plain(format!(" / {}", reg.countries.join(" • "))),
            ])]
        })
        .collect();
    if !regions.is_empty() {
        blocks.push(Block::List(regions));
    }
    blocks
}
