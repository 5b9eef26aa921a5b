use super::dates::range_label;
use super::markup::parse;
use super::*;

fn d(m: u8, day: u8) -> Option<Date> {
    Date::new(2023, m, day)
}

#[test]
fn date_ranges_read_like_the_source() {
    assert_eq!(range_label(d(4, 10), d(4, 11), false), "10–11 April");
    assert_eq!(range_label(d(6, 29), d(7, 13), false), "29 June – 13 July");
    assert_eq!(range_label(d(6, 1), None, false), "1 June");
    assert_eq!(range_label(d(11, 26), d(11, 28), false), "26–28 November");
    assert_eq!(range_label(None, None, true), "Whole year");
    assert_eq!(
        range_label(Date::new(2023, 12, 30), Date::new(2024, 1, 2), false),
        "30 December 2023 – 2 January 2024"
    );
}

#[test]
fn markdown_gives_styled_runs_links_lists_and_callouts() {
    let b = parse(
        "Plain **bold** *italic* [site](https://example.org).\n\n- one\n- two\n\n> note\\\n> line",
    );
    assert_eq!(b.len(), 3);
    let Block::Paragraph(runs) = &b[0] else {
        panic!("paragraph first")
    };
    assert!(
        runs.iter()
            .any(|r| r.style.bold && r.inline == Inline::Text("bold".into()))
    );
    assert!(
        runs.iter()
            .any(|r| r.style.italic && r.inline == Inline::Text("italic".into()))
    );
    assert!(
        runs.iter()
            .any(|r| r.link == Some(Link::Uri("https://example.org".into())))
    );
    let Block::List(items) = &b[1] else {
        panic!("list second")
    };
    assert_eq!(items.len(), 2);
    let Block::Callout(inner) = &b[2] else {
        panic!("callout third")
    };
    let Block::Paragraph(r) = &inner[0] else {
        panic!()
    };
    assert!(r.iter().any(|r| r.inline == Inline::LineBreak));
}

#[test]
fn deeply_nested_lists_are_capped_not_lost() {
    let mut text = String::new();
    for i in 0..100 {
        text.push_str(&"  ".repeat(i));
        text.push_str(&format!("- item{i}\n"));
    }
    let blocks = parse(&text);
    fn words(b: &[Block], out: &mut Vec<String>) {
        for x in b {
            match x {
                Block::Paragraph(r) => out.extend(r.iter().filter_map(|r| match &r.inline {
                    Inline::Text(t) => Some(t.clone()),
                    _ => None,
                })),
                Block::List(items) => items.iter().for_each(|i| words(i, out)),
                Block::Callout(i) => words(i, out),
                _ => {}
            }
        }
    }
    let mut w = Vec::new();
    words(&blocks, &mut w);
    let all = w.join(" ");
    assert!(
        all.contains("item0") && all.contains("item99"),
        "{all} / {blocks:?}"
    );
}

#[test]
fn placeholders_cite_the_data() {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let r = &loaded.report;
    assert_eq!(substitute(r, "{{figures.worldwide-members}}"), "2,500");
    assert_eq!(substitute(r, "{{ events.overview }} events"), "30 events");
    assert_eq!(
        substitute(r, "{{events.count}}"),
        r.events.len().to_string()
    );
    assert_eq!(group_thousands(1234567), "1,234,567");
}

#[test]
fn an_edit_to_an_event_shows_in_the_overview_table() {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let mut r = loaded.report.clone();
    let e = r
        .events
        .iter_mut()
        .find(|e| e.id == "daring-cities-2023")
        .unwrap();
    e.start = Date::new(2023, 6, 12);
    e.end = Date::new(2023, 6, 14);
    let doc = compose(&r, None);
    let table = doc
        .chapters
        .iter()
        .flat_map(|c| c.blocks.iter())
        .find_map(|b| match b {
            Block::Table(t) if t.columns[0].header == "Dates" => Some(t),
            _ => None,
        })
        .expect("events table");
    let row = table
        .rows
        .iter()
        .find_map(|row| match row {
            Row::Cells(c)
                if c[1]
                    .iter()
                    .any(|r| r.inline == Inline::Text("Daring Cities 2023".into())) =>
            {
                Some(c)
            }
            _ => None,
        })
        .expect("Daring Cities row");
    assert_eq!(row[0][0].inline, Inline::Text("12–14 June".into()));
}

#[test]
fn chapters_follow_level_one_sections_and_the_back_cover_is_apart() {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let doc = compose(&loaded.report, None);
    let titles: Vec<&str> = doc.chapters.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles.first(), Some(&"Abbreviations"));
    assert!(titles.contains(&"Meet Our Team"));
    assert_eq!(
        titles.len(),
        loaded
            .report
            .sections
            .iter()
            .filter(|s| s.level == 1 && s.role.is_none())
            .count()
    );
    assert!(doc.back_cover.is_some());
}

#[test]
fn chart_alt_text_states_the_charted_data() {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let doc = compose(&loaded.report, None);
    let charts: Vec<&Chart> = doc
        .chapters
        .iter()
        .flat_map(|c| &c.blocks)
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .collect();
    assert!(!charts.is_empty());
    for c in charts {
        // The totals the bars show, in order, for the categories that have any.
        let totals: Vec<String> = (0..c.categories.len())
            .map(|i| c.series.iter().map(|s| s.values[i]).sum::<f64>())
            .filter(|&t| t > 0.0)
            .map(|t| t.to_string())
            .collect();
        let listed = c.alt.split_once(": ").map_or("", |(_, l)| l);
        let listed = listed.split(';').next().unwrap_or("");
        let numbers: Vec<String> = listed
            .split(", ")
            .filter_map(|item| item.rsplit(' ').next())
            .map(str::to_string)
            .collect();
        assert_eq!(numbers, totals, "{}", c.alt);
    }
}

#[test]
fn a_hash_link_goes_to_a_section() {
    let b = parse("See [COP28](#cop28) and [the site](https://example.org).");
    let Block::Paragraph(runs) = &b[0] else {
        panic!("paragraph")
    };
    let links: Vec<&Link> = runs.iter().filter_map(|r| r.link.as_ref()).collect();
    assert_eq!(
        links,
        [
            &Link::Anchor("cop28".into()),
            &Link::Uri("https://example.org".into())
        ]
    );
}

#[test]
fn email_autolinks_are_mailto_links_and_remote_images_are_left_out() {
    let b = parse("Write to <info@example.org>.\n\n![map](https://example.org/map.png)");
    assert_eq!(b.len(), 1, "{b:?}");
    let Block::Paragraph(runs) = &b[0] else {
        panic!("paragraph")
    };
    assert!(runs.iter().any(
        |r| r.link == Some(Link::Uri("mailto:info@example.org".into()))
            && r.inline == Inline::Text("info@example.org".into())
    ));
}

#[test]
fn quotes_nested_past_the_limit_fold_into_the_last_level() {
    fn depth(b: &[Block]) -> usize {
        b.iter()
            .map(|b| match b {
                Block::Callout(inner) => 1 + depth(inner),
                Block::List(items) => 1 + items.iter().map(|i| depth(i)).max().unwrap_or(0),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    let text = ">".repeat(3500) + " deep";
    let b = parse(&text);
    assert_eq!(depth(&b), crate::markdown::MAX_NESTING);
    let mut words = Vec::new();
    fn collect(b: &[Block], out: &mut Vec<String>) {
        for b in b {
            match b {
                Block::Paragraph(r) => out.extend(r.iter().map(|r| format!("{:?}", r.inline))),
                Block::Callout(i) => collect(i, out),
                _ => {}
            }
        }
    }
    collect(&b, &mut words);
    assert!(words.iter().any(|w| w.contains("deep")));
}
