//! The 2023 annual report as transcribed (tests/fixtures/report-2023, the
//! report.toml of the 2023 edition, frozen so that editing report.toml's
//! data never breaks these): counts and a sample of exact values checked
//! against the source text.

use folio::model::*;

fn report() -> Report {
    folio::load::load_file("tests/fixtures/report-2023/report.toml".as_ref())
        .unwrap_or_else(|f| panic!("{}", f.render()))
        .report
}

fn event<'a>(r: &'a Report, id: &str) -> &'a Event {
    r.events
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

#[test]
fn the_overview_has_30_events_in_three_groups() {
    let r = report();
    let ov: Vec<&Event> = r.events.iter().filter(|e| e.overview).collect();
    assert_eq!(ov.len(), 30);
    let n = |c| ov.iter().filter(|e| e.category == c).count();
    assert_eq!(
        (
            n(Category::Training),
            n(Category::Workshop),
            n(Category::Forum)
        ),
        (2, 9, 19)
    );
    // Events the text dates elsewhere.
    for id in [
        "local-climate-action-summit",
        "shenzhen-central-asia-roundtable",
        "cop28-beijing-side-event",
        "cop28-guangdong-side-event",
        "biodiversity-finance-training",
        "scorecard-training",
    ] {
        assert!(!event(&r, id).overview, "{id}");
    }
}

#[test]
fn event_dates_and_places_match_the_source() {
    let r = report();
    let d = |y, m, day| Date::new(y, m, day);
    let cop = event(&r, "cop28");
    assert_eq!((cop.start, cop.end), (d(2023, 11, 30), d(2023, 12, 12)));
    assert_eq!(cop.place(), "Dubai, United Arab Emirates");
    // "11.26-28": the end month is the start's.
    let sz = event(&r, "shenzhen-low-carbon-forum");
    assert_eq!((sz.start, sz.end), (d(2023, 11, 26), d(2023, 11, 28)));
    // "Whole Year": no invented dates.
    let ib = event(&r, "interact-bio-workshops");
    assert!(ib.whole_year && ib.start.is_none() && ib.end.is_none());
    let shrdc = event(&r, "shrdc-capacity-building");
    assert_eq!((shrdc.start, shrdc.end), (d(2023, 6, 29), d(2023, 7, 13)));
    assert_eq!(shrdc.format, Format::Hybrid);
    let summit = event(&r, "local-climate-action-summit");
    assert_eq!((summit.start, summit.end), (d(2023, 12, 1), d(2023, 12, 2)));
    assert_eq!(
        event(&r, "zero-carbon-city-forum").city.as_deref(),
        Some("Tokyo")
    );
    assert_eq!(
        event(&r, "ura-science-policy-dialogue-3").format,
        Format::Online
    );
}

#[test]
fn members_people_publications_abbreviations() {
    let r = report();
    assert_eq!(r.members.len(), 2);
    let dk = r.members.iter().find(|m| m.id == "darkhan-uul").unwrap();
    assert_eq!(
        (dk.country.as_str(), dk.population, dk.joined),
        ("Mongolia", Some(104_737), Some(2023))
    );
    let fig = |id: &str| r.figures.iter().find(|f| f.id == id).unwrap().value;
    assert_eq!(
        (
            fig("east-asia-members"),
            fig("worldwide-members"),
            fig("countries")
        ),
        (107, 2500, 125)
    );

    let body = |b| r.people.iter().filter(|p| p.body == b).count();
    assert_eq!((body(Body::Gexcom), body(Body::Rexcom)), (4, 7));
    assert_eq!(r.people.iter().filter(|p| p.departed).count(), 3);
    assert_eq!(
        r.people
            .iter()
            .filter(|p| p.office.as_deref() == Some("seoul"))
            .count(),
        11
    );
    assert_eq!(
        r.people
            .iter()
            .filter(|p| p.office.as_deref() == Some("beijing"))
            .count(),
        8
    );
    let katrin = r
        .people
        .iter()
        .find(|p| p.name == "Katrin Stjernfeldt Jammeh")
        .unwrap();
    assert_eq!(
        katrin.affiliation.as_deref(),
        Some("Mayor of Malmö, Sweden")
    );

    assert_eq!(r.publications.iter().filter(|p| p.listed).count(), 7);
    let crc = r
        .publications
        .iter()
        .find(|p| p.id == "china-resilient-cities-report")
        .unwrap();
    assert_eq!(
        crc.published,
        Some(YearMonth {
            year: 2022,
            month: 10
        })
    );
    assert_eq!(crc.languages, ["English", "Chinese"]);
    for id in [
        "city-biodiversity-index-chinese",
        "lbsap-guidelines-outline",
        "biodiversity-finance-guide",
        "regreen-nbs-handbook",
    ] {
        assert!(
            r.publications.iter().any(|p| p.id == id && !p.listed),
            "{id}"
        );
    }

    // The source's abbreviation table has 30 rows.
    assert_eq!(r.abbreviations.len(), 30);
    let afd = r.abbreviations.iter().find(|a| a.term == "AFD").unwrap();
    assert_eq!(afd.meaning, "The Agence Française de Développement");
}

#[test]
fn sections_are_in_reading_order_and_carry_the_prose() {
    let r = report();
    let top: Vec<&str> = r
        .sections
        .iter()
        .filter(|s| s.level == 1)
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        top,
        [
            "Abbreviations",
            "Foreword",
            "About ICLEI",
            "Governance",
            "2023 Overview",
            "2023 Highlights",
            "Programs & Activities",
            "Other Projects",
            "Strategic Development",
            "Knowledge Sharing",
            "2024 Preview",
            "Meet Our Team",
            "ICLEI – Local Governments for Sustainability",
        ]
    );
    let all: String = r
        .sections
        .iter()
        .map(|s| s.body.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let source = std::fs::read_to_string("../shared/source/annual-report-2023.md").ok();
    // Every paragraph of the foreword is here verbatim (the source is beside
    // the repository on developer machines and in CI).
    if let Some(src) = source {
        let start = src.find("# FOREWORD").unwrap();
        let end = src.find("# ABOUT ICLEI").unwrap();
        for para in src[start..end]
            .split("\n\n")
            .map(str::trim)
            .filter(|p| p.len() > 100)
        {
            let first = para.split(". ").next().unwrap();
            assert!(all.contains(first), "foreword sentence missing: {first}");
        }
    }
    assert!(all.contains("The province has a total population of 104,737"));
    assert!(all.contains("国际城市生物多样性论坛"));
}
