//! Layout of whole documents: contents numbers, tables across pages,
//! designed pages, call-outs and pull-quotes.

use super::*;

#[test]
fn contents_numbers_match_the_pages_of_the_headings() {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let doc = crate::compose::compose(&loaded.report, None);
    let layout = crate::layout::layout(&doc).unwrap();
    assert!(layout.passes <= crate::layout::MAX_PASSES);
    // The contents page lists each chapter with the page its heading is on:
    // read the number printed after each entry from the page items.
    let contents_pages: Vec<&crate::layout::Page> = layout.pages[1..3].iter().collect();
    let mut found = 0;
    let chapters: Vec<&str> = doc.chapters.iter().map(|c| c.id.as_str()).collect();
    for h in layout
        .headings
        .iter()
        .filter(|h| chapters.contains(&h.anchor.as_str()))
    {
        let target = crate::layout::Target::Page(h.page, h.y);
        let linked = contents_pages
            .iter()
            .flat_map(|p| p.items.iter())
            .any(|i| matches!(i, crate::layout::FrameItem::Link { target: t, .. } if *t == target));
        assert!(
            linked,
            "contents entry for {} does not link to page {}",
            h.title, h.page
        );
        // The number printed at the right end of that entry is the page.
        let printed: String = contents_pages
            .iter()
            .flat_map(|p| {
                let rect = p.items.iter().find_map(|i| match i {
                    crate::layout::FrameItem::Link {
                        y,
                        h: lh,
                        target: t,
                        ..
                    } if *t == target => Some((*y, *y + *lh)),
                    _ => None,
                });
                p.items.iter().filter_map(move |i| match (i, rect) {
                    (crate::layout::FrameItem::Glyphs(r), Some((top, bottom)))
                        if r.y > top
                            && r.y < bottom
                            && r.x
                                > crate::layout::MARGIN_LEFT + crate::layout::BODY_WIDTH - 30.0 =>
                    {
                        Some(
                            (0..r.glyphs.len())
                                .map(|i| r.glyph_text(i))
                                .collect::<String>(),
                        )
                    }
                    _ => None,
                })
            })
            .collect();
        assert_eq!(
            printed,
            h.page.to_string(),
            "printed number for {}",
            h.title
        );
        found += 1;
    }
    assert!(found >= 12);
}

#[test]
fn a_font_file_that_is_not_a_font_is_named() {
    let bad = crate::layout::fonts::FaceFile {
        file: "Broken.ttf",
        bytes: b"this is not a font at all",
        index: 0,
        tag: "FOBRKN",
    };
    let err = FontSet::from_faces(&[bad])
        .err()
        .expect("garbage must not parse");
    assert_eq!(err.file, "Broken.ttf");
}

#[test]
fn a_table_row_taller_than_a_page_is_split_not_lost() {
    use crate::compose::{Align, Block, Column, Row, Run, Table};
    let fonts = FontSet::load().unwrap();
    let setter = crate::layout::text::Setter {
        fonts,
        hyph: Hyphenator::english(),
        images: Default::default(),
    };
    let long = "word ".repeat(4000);
    let table = Table {
        columns: vec![
            Column {
                header: "Name".into(),
                align: Align::Left,
            },
            Column {
                header: "Text".into(),
                align: Align::Left,
            },
        ],
        rows: vec![Row::Cells(vec![
            vec![Run::plain("A")],
            vec![Run::plain(long.clone())],
        ])],
        colour: Colour::ACCENT,
    };
    let mut units = Vec::new();
    let mut tree = Structure::default();
    crate::layout::blocks::block_units(
        &Block::Table(table),
        &setter,
        crate::layout::BODY_WIDTH,
        &mut units,
        &mut tree,
        Structure::ROOT,
    )
    .unwrap();
    // Header + several slices of the one row, each fitting a page.
    assert!(units.len() > 3, "{} units", units.len());
    for u in &units {
        assert!(
            u.height <= crate::layout::BODY_HEIGHT,
            "slice of {} pt",
            u.height
        );
    }
    let words: usize = units
        .iter()
        .flat_map(|u| u.items.iter())
        .filter_map(|i| match i {
            crate::layout::FrameItem::Glyphs(r) => Some(
                (0..r.glyphs.len())
                    .filter(|&i| r.glyph_text(i) == "w")
                    .count(),
            ),
            _ => None,
        })
        .sum();
    assert_eq!(words, 4000, "every word of the row is set");
    // The row's slices are one row of the structure: their cells' text
    // belongs to the same two TD nodes.
    let cells: std::collections::BTreeSet<_> = units[1..]
        .iter()
        .flat_map(|u| u.items.iter())
        .filter_map(|i| match (i, i.tag()) {
            (crate::layout::FrameItem::Glyphs(_), Tag::Content(n)) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(cells.len(), 2, "one TD per column across all slices");
    let rows: std::collections::BTreeSet<_> = cells
        .iter()
        .map(|&n| tree.nodes[n as usize].parent)
        .collect();
    assert_eq!(rows.len(), 1, "one TR for the split row");
    let pages = paginate(units, crate::layout::BODY_HEIGHT);
    assert!(pages.len() >= 2);
    for p in &pages[1..] {
        assert_eq!(
            p[0].1.height, pages[0][0].1.height,
            "header repeated above the continued row"
        );
        assert!(
            p[0].1
                .items
                .iter()
                .all(|i| i.tag() == Tag::Artifact(Artifact::Pagination)),
            "the repeated header is an artifact: the table reads once"
        );
    }
    assert!(
        pages[0][0]
            .1
            .items
            .iter()
            .any(|i| matches!(i.tag(), Tag::Content(_))),
        "the first header is content"
    );
}

#[test]
fn a_split_table_leaves_three_rows_on_each_side() {
    use crate::compose::{Align, Block, Column, Row, Run, Table};
    let setter = crate::layout::text::Setter {
        fonts: FontSet::load().unwrap(),
        hyph: Hyphenator::english(),
        images: Default::default(),
    };
    let table = |rows: usize| Table {
        columns: vec![Column {
            header: "Name".into(),
            align: Align::Left,
        }],
        rows: (0..rows)
            .map(|i| Row::Cells(vec![vec![Run::plain(format!("Person {i}"))]]))
            .collect(),
        colour: Colour::ACCENT,
    };
    for rows in [3, 5, 8, 9, 12] {
        let mut units = Vec::new();
        let mut tree = Structure::default();
        let block = Block::Table(table(rows));
        crate::layout::blocks::block_units(
            &block,
            &setter,
            300.0,
            &mut units,
            &mut tree,
            Structure::ROOT,
        )
        .unwrap();
        // A page with room for the header and seven rows.
        let row_h = units[1].height;
        let page = units[0].height + 7.0 * row_h + 1.0;
        let pages = paginate(units, page);
        for (i, p) in pages.iter().enumerate() {
            // Rows on the page, not counting a repeated header.
            let data = p.iter().filter(|(_, u)| u.repeat.is_some()).count();
            assert!(
                data >= 3.min(rows),
                "{rows} rows: page {} holds {data} rows",
                i + 1
            );
        }
    }
}

#[test]
fn body_text_hyphenates_sparingly() {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let doc = crate::compose::compose(&loaded.report, None);
    let layout = crate::layout::layout(&doc).unwrap();
    let h = crate::layout::stats::hyphenation(&layout, 10.0);
    eprintln!("{h:?} {:.1}%", h.share() * 100.0);
    assert!(h.lines > 500, "{h:?}");
    assert!(
        h.share() <= 0.08,
        "{:.1}% of body lines hyphenated",
        h.share() * 100.0
    );
    assert!(
        h.longest_run <= 2,
        "{} hyphenated lines in a row",
        h.longest_run
    );
    assert_eq!(h.page_ends, 0, "a page ends in a hyphenated word");
}

#[test]
fn no_page_is_nearly_empty() {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let doc = crate::compose::compose(&loaded.report, None);
    let layout = crate::layout::layout(&doc).unwrap();
    let fills = crate::layout::stats::page_fill(&layout);
    let text: Vec<_> = fills.iter().filter(|p| !p.designed).collect();
    let least = text
        .iter()
        .filter(|p| !p.single_page_chapter)
        .min_by(|a, b| a.fill.total_cmp(&b.fill))
        .unwrap();
    eprintln!(
        "{} pages, {} designed; least filled text page: {} at {:.0} %",
        fills.len(),
        fills.len() - text.len(),
        least.page,
        least.fill * 100.0
    );
    // Every text page is at least a third full, but a chapter's only page.
    assert!(least.fill >= 1.0 / 3.0, "{least:?}");
    // Cover, the divider (2024 Preview) and the back cover are designed.
    assert!(fills[0].designed && fills.last().unwrap().designed);
    assert!(fills.iter().filter(|p| p.designed).count() >= 3);
}

#[test]
fn the_back_cover_is_one_designed_page() {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let doc = crate::compose::compose(&loaded.report, None);
    let layout = crate::layout::layout(&doc).unwrap();
    let back = layout.pages.last().unwrap();
    let bc = doc.back_cover.as_ref().unwrap();
    // Its title's heading is on the last page: the back cover is one page.
    let h = layout.headings.iter().find(|h| h.anchor == bc.id).unwrap();
    assert_eq!(h.page, layout.pages.len());
    // A colour field over the whole page, and the pathways along its foot.
    assert!(back.items.iter().any(|i| matches!(i,
        crate::layout::FrameItem::Rect { x, y, w, h, fill, .. }
            if *x <= 0.0 && *y <= 0.0 && *w >= crate::layout::PAGE_WIDTH
                && *h >= crate::layout::PAGE_HEIGHT && *fill == bc.colour)));
    for (_, colour) in &doc.pathways {
        assert!(back.items.iter().any(|i| matches!(i,
            crate::layout::FrameItem::Rect { y, h, fill, .. }
                if fill == colour && (y + h - crate::layout::PAGE_HEIGHT).abs() < 0.01)));
    }
    let runs: Vec<&crate::layout::GlyphRun> = back
        .items
        .iter()
        .filter_map(|i| match i {
            crate::layout::FrameItem::Glyphs(r) => Some(r),
            _ => None,
        })
        .collect();
    // Every word is light on the dark field, links included.
    assert!(
        runs.iter().all(|r| r.colour.is_light()),
        "dark text on the back cover"
    );
    assert!(!bc.colour.is_light());
    // The two offices side by side: their names on one baseline.
    let at = |word: &str| runs.iter().find(|r| r.text.starts_with(word)).unwrap();
    let (seoul, beijing) = (at("East Asia Secretariat"), at("Beijing Office"));
    assert!((seoul.y - beijing.y).abs() < 0.01 && beijing.x > seoul.x + 150.0);
    // The small print sits under everything else, above the pathways.
    let small = at("The material of this publication");
    assert!(runs.iter().all(|r| r.y <= small.y || r.size < 8.0));
    assert!(small.y > crate::layout::PAGE_HEIGHT * 0.75);
}

#[test]
fn a_chapter_without_prose_is_a_divider_page() {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let doc = crate::compose::compose(&loaded.report, None);
    let empty = doc
        .chapters
        .iter()
        .find(|c| c.blocks.len() == 1)
        .expect("the 2023 report has a chapter with no prose");
    let layout = crate::layout::layout(&doc).unwrap();
    let h = layout
        .headings
        .iter()
        .find(|h| h.anchor == empty.id)
        .unwrap();
    let page = &layout.pages[h.page - 1];
    // A colour field over the whole page, and nothing of the next chapter.
    assert!(page.items.iter().any(|i| matches!(i,
        crate::layout::FrameItem::Rect { x, y, w, h, .. }
            if *x <= 0.0 && *y <= 0.0 && *w >= crate::layout::PAGE_WIDTH && *h >= crate::layout::PAGE_HEIGHT)));
    let next = layout.headings.iter().find(|n| n.page > h.page).unwrap();
    assert_eq!(next.page, h.page + 1);
}

#[test]
fn edge_punctuation_hangs_into_the_margin() {
    let width = crate::layout::BODY_WIDTH;
    let mut hung = 0;
    for p in report_paragraphs().iter().take(40) {
        let lines = set(p, width, Justify::Full);
        for line in &lines[..lines.len() - 1] {
            let last = line.glyphs.last().unwrap();
            let text = last.text(p).unwrap_or("");
            // Never a whole glyph into the margin, never a letter.
            assert!(line.hang.1 < last.advance, "{line:?}");
            if text.chars().all(char::is_alphanumeric) {
                assert_eq!(line.hang.1, 0.0, "a letter hangs: {text}");
            }
            if [",", ".", "\u{ad}"].contains(&text) && line.hang.1 > 0.0 {
                // It hangs by part of its width, and the measure is kept.
                assert!(line.hang.1 > 0.2 * last.advance, "{line:?}");
                let end = last.x + last.advance - line.hang.1;
                assert!((end - (width - line.hang.0)).abs() < 0.5, "{end}");
                hung += 1;
            }
        }
    }
    assert!(hung > 20, "only {hung} lines end in punctuation");
}

#[test]
fn a_quotation_with_a_dashed_attribution_is_a_pull_quote() {
    use crate::layout::structure::{StructType, Tag};
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let mut doc = crate::compose::compose(&loaded.report, None);
    let quote = "> Cities learn fastest from one another.\n>\n> — A mayor at the forum";
    doc.chapters[1]
        .blocks
        .extend(crate::compose::markup::parse(quote));
    let layout = crate::layout::layout(&doc).unwrap();
    let runs: Vec<&crate::layout::GlyphRun> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            crate::layout::FrameItem::Glyphs(r) => Some(r),
            _ => None,
        })
        .collect();
    let words = runs
        .iter()
        .find(|r| r.text.starts_with("Cities learn"))
        .unwrap();
    let by = runs
        .iter()
        .find(|r| r.text.starts_with("— A mayor"))
        .unwrap();
    // The words large (15 pt against 10 pt body), the attribution small
    // beneath them, both indented past the quotation mark.
    assert!(words.size >= 14.0 && by.size < 10.0 && by.y > words.y);
    assert!((words.x - by.x).abs() < 0.01 && words.x > crate::layout::MARGIN_LEFT + 30.0);
    // The mark is decoration; both paragraphs are read inside one BlockQuote.
    let mark = runs.iter().find(|r| r.text == "\u{201c}").unwrap();
    assert!(matches!(mark.tag, Tag::Artifact(_)));
    let parent = |r: &crate::layout::GlyphRun| match r.tag {
        Tag::Content(n) => layout.structure.nodes[n as usize].parent,
        Tag::Artifact(_) => panic!("quoted text is content"),
    };
    assert_eq!(parent(words), parent(by));
    assert_eq!(layout.structure.kind(parent(words)), StructType::BlockQuote);
}

/// A call-out nested 46 deep (deeper than Markdown may write, past the
/// width of the page), with a long paragraph inside them all, runs past a
/// page at every level; each level is laid out once (not again at full
/// width for every level, which doubled the time per level: 46 levels took
/// 30 s and 5 GB), and the text survives.
#[test]
fn deeply_nested_callouts_are_laid_out_once() {
    use crate::compose::{Block, Run, Style};
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).unwrap();
    let mut doc = crate::compose::compose(&loaded.report, None);
    let para = |t: String| Block::Paragraph(vec![Run::text(&t, Style::default(), None)]);
    let words: String = (0..120).map(|i| format!("word{i} ")).collect();
    let mut nested = Block::Callout(vec![para(format!("Innermost {words}end."))]);
    for i in (1..46).rev() {
        nested = Block::Callout(vec![para(format!("Level {i} of the quotation.")), nested]);
    }
    doc.chapters[1].blocks.push(nested);
    let started = std::time::Instant::now();
    let layout = crate::layout::layout(&doc).unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let text: String = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            crate::layout::FrameItem::Glyphs(r) => Some(r.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(text.contains("Level 1 of") && text.contains("Level 45 of"));
    assert!(text.contains("Innermost") && text.contains("word119"));
}
