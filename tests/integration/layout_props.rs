//! Property tests of the layout: for arbitrary text and markup, no glyph
//! leaves the text area, every character of the composed text is set, in
//! order, and nothing panics.

use folio::compose::{Block, Chapter, Colour, DocMeta, Document, Inline, markup};
use folio::layout::{self, BODY_WIDTH, FrameItem, MARGIN_LEFT, PAGE_HEIGHT};
use folio::model::Date;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn doc(blocks: Vec<Block>) -> Document {
    let mut all = vec![Block::Heading {
        level: 1,
        text: "Chapter".into(),
        anchor: "chapter".into(),
        colour: Colour::ACCENT,
    }];
    all.extend(blocks);
    Document {
        meta: DocMeta {
            title: "T".into(),
            subtitle: None,
            organisation: "O".into(),
            network: None,
            year: 2023,
            author: "A".into(),
            subject: "S".into(),
            keywords: vec![],
            language: "en".into(),
            date: Date::new(2023, 12, 31).unwrap(),
            website: None,
        },
        pathways: vec![],
        chapters: vec![Chapter {
            id: "chapter".into(),
            title: "Chapter".into(),
            colour: Colour::ACCENT,
            blocks: all,
            photo: None,
            colophon: Vec::new(),
        }],
        back_cover: None,
        images: Default::default(),
    }
}

/// The visible characters of the composed blocks, in reading order.
fn composed_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Paragraph(runs) => {
                for r in runs {
                    if let Inline::Text(t) = &r.inline {
                        out.extend(t.chars().filter(|c| !c.is_whitespace()));
                    }
                }
            }
            Block::List(items) => items.iter().for_each(|i| composed_text(i, out)),
            Block::Callout(inner) => composed_text(inner, out),
            _ => {}
        }
    }
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,12}",
        "[a-z]{20,60}",
        "[àéîõüçłžÆØÅ]{1,6}",
        "[城市生物多样性论坛年月日]{1,8}",
        "[0-9]{1,6}",
        Just("**".to_string()),
        Just("*".to_string()),
        Just("- ".to_string()),
        Just("> ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("[link](https://example.org)".to_string()),
        Just("—".to_string()),
        Just("\"quoted\"".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..120).prop_map(|w| w.join(" "))
}

proptest! {
    // Failing cases are kept beside this file, in
    // layout_props.proptest-regressions (commit it), and re-run first. The
    // default, SourceParallel, would look for tests/proptest-regressions/
    // instead, because this folder holds a main.rs.
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn glyphs_stay_in_the_text_area_and_text_survives(input in text()) {
        let blocks = markup::parse(&input);
        let mut expected = String::new();
        composed_text(&blocks, &mut expected);
        let d = doc(blocks);
        let mut setter = folio::pipeline::setter().expect("fonts");
        let laid = layout::layout_with(&d, &mut setter).expect("layout");
        let mut got = String::new();
        // Page 1 is the cover, then the contents; the chapter follows.
        for page in &laid.pages[2..] {
            for it in &page.items {
                if let FrameItem::Glyphs(r) = it {
                    // A line's closing word space is blank (it keeps words
                    // apart in extracted text): only inked glyphs count.
                    let blank = r.text.ends_with(' ') && !r.glyphs.is_empty();
                    let inked = &r.glyphs[..r.glyphs.len() - usize::from(blank)];
                    let width: f32 = inked.iter().map(|g| g.advance).sum();
                    // Margin kerning hangs edge punctuation (part of one
                    // glyph, a few points) into the margin; nothing more.
                    let hang = 4.0;
                    prop_assert!(r.x >= MARGIN_LEFT - hang, "glyph left of the text area at {}", r.x);
                    prop_assert!(r.x + width <= MARGIN_LEFT + BODY_WIDTH + hang, "line ends at {} past {}", r.x + width, MARGIN_LEFT + BODY_WIDTH);
                    prop_assert!(r.y > 0.0 && r.y < PAGE_HEIGHT, "baseline off the page: {}", r.y);
                }
            }
        }
        // Body text only: skip the opener heading, running heads and folios.
        for page in &laid.pages[2..] {
            for it in &page.items {
                if let FrameItem::Glyphs(r) = it
                    && (r.size == 10.0 || r.size == 11.0) {
                        for i in 0..r.glyphs.len() {
                            got.extend(r.glyph_text(i).chars().filter(|c| !c.is_whitespace()));
                        }
                    }
            }
        }
        // Hyphens inserted at line ends are the only additions.
        let got_no_hyphen: String = got.chars().filter(|c| !matches!(c, '-' | '\u{ad}' | '•')).collect();
        let expected_no_hyphen: String = expected.chars().filter(|c| *c != '-' && *c != '•').collect();
        prop_assert_eq!(got_no_hyphen, expected_no_hyphen);
    }
}
