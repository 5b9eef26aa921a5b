//! Layout tests: the line breaker, hyphenation, shaping and pagination
//! here; whole documents (contents, tables across pages, covers, call-outs)
//! in document.rs.

use super::blocks::column_widths;
use super::fonts::{Family, FontSet};
use super::linebreak::{INFINITY, Item, Params, break_lines};
use super::paginate::{Unit, paginate};
use super::paragraph::{Hyphenator, Justify, set_paragraph};
use super::shape::{TextStyle, shape};
use super::structure::{Artifact, Structure, Tag};
use crate::compose::Colour;
use std::rc::Rc;

fn style() -> TextStyle {
    TextStyle {
        family: Family::Serif,
        bold: false,
        italic: false,
        size: 10.0,
        colour: Colour::TEXT,
        link: None,
    }
}

fn set(text: &str, width: f32, justify: Justify) -> Vec<super::paragraph::Line> {
    let fonts = FontSet::load().expect("bundled fonts parse");
    let s = shape(&fonts, text, vec![style()], vec![(0..text.len(), 0)]).expect("covered");
    set_paragraph(&fonts, &s, width, justify, &Hyphenator::english())
}

/// Every paragraph of the real report, for the breaker tests.
fn report_paragraphs() -> Vec<String> {
    let loaded = crate::load::load_file(crate::FROZEN_2023.as_ref()).expect("report.toml is valid");
    loaded
        .report
        .sections
        .iter()
        .flat_map(|s| {
            crate::compose::substitute(&loaded.report, &s.body)
                .split("\n\n")
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|p| p.len() > 200 && !p.starts_with('>') && !p.starts_with("**"))
        .collect()
}

#[test]
fn no_overfull_line_in_any_report_paragraph() {
    let width = super::BODY_WIDTH;
    let paras = report_paragraphs();
    assert!(
        paras.len() > 80,
        "expected the report's paragraphs, got {}",
        paras.len()
    );
    for p in &paras {
        for line in set(p, width, Justify::Full) {
            let set_width = line.width - line.hang.0 - line.hang.1;
            assert!(
                set_width <= width + 0.05,
                "overfull line ({} > {width}) in: {}",
                line.width,
                &p[line.range.clone()]
            );
        }
    }
}

#[test]
fn justified_lines_fill_the_measure_except_the_last() {
    let width = super::BODY_WIDTH;
    for p in report_paragraphs().iter().take(30) {
        let lines = set(p, width, Justify::Full);
        for line in &lines[..lines.len() - 1] {
            let set_width = line.width - line.hang.0 - line.hang.1;
            assert!(
                (set_width - width).abs() < 0.5,
                "line of {} not justified to {width}: {}",
                line.width,
                &p[line.range.clone()]
            );
        }
    }
}

#[test]
fn at_most_two_hyphenated_lines_in_a_row() {
    for width in [180.0, 240.0, super::BODY_WIDTH] {
        for p in report_paragraphs() {
            let lines = set(&p, width, Justify::Full);
            let mut run = 0;
            for l in &lines {
                run = if l.hyphenated { run + 1 } else { 0 };
                assert!(run <= 2, "three hyphenated lines in a row at width {width}");
            }
        }
    }
}

#[test]
fn hyphenation_happens_in_narrow_columns() {
    let p = &report_paragraphs()[0];
    let lines = set(p, 150.0, Justify::Full);
    assert!(
        lines.iter().any(|l| l.hyphenated),
        "no hyphen at all in a 150 pt column"
    );
    // The hyphen is really there; its text is a soft hyphen, so the
    // broken word extracts and reads aloud whole.
    let l = lines
        .iter()
        .find(|l| l.hyphenated && l.glyphs.last().is_none_or(|g| g.text(p) != Some("-")))
        .unwrap();
    assert_eq!(l.glyphs.last().and_then(|g| g.text(p)), Some("\u{ad}"));
}

#[test]
fn a_3000_character_word_breaks_instead_of_overflowing() {
    let word = "x".repeat(3000);
    let text = format!("Before {word} after.");
    let lines = set(&text, 200.0, Justify::Full);
    assert!(lines.len() > 10);
    for l in &lines {
        assert!(l.width <= 200.05, "overfull: {}", l.width);
    }
    let glyphs: usize = lines
        .iter()
        .map(|l| l.glyphs.iter().filter(|g| g.text(&text).is_some()).count())
        .sum();
    assert!(
        glyphs >= 3000 + "Before after.".len() - 2,
        "characters lost: {glyphs}"
    );
}

#[test]
fn chinese_breaks_between_characters() {
    let text = "国际城市生物多样性论坛创建韧性城市能力建设培训国际城市生物多样性论坛";
    let lines = set(text, 80.0, Justify::Ragged);
    assert!(lines.len() >= 3);
    for l in &lines {
        assert!(l.width <= 80.05);
    }
}

#[test]
fn shaping_applies_ligatures_and_keeps_the_text() {
    let fonts = FontSet::load().unwrap();
    let t = "office affiliated flow";
    let s = shape(&fonts, t, vec![style()], vec![(0..t.len(), 0)]).unwrap();
    assert!(s.glyphs.len() < t.chars().count(), "no ligature formed");
    let lines = set_paragraph(&fonts, &s, 500.0, Justify::Ragged, &Hyphenator::none());
    let back: String = lines[0].glyphs.iter().filter_map(|g| g.text(t)).collect();
    assert_eq!(back, t);
}

#[test]
fn uncovered_character_is_reported() {
    let fonts = FontSet::load().unwrap();
    let t = "a 🙂 b";
    let err = shape(&fonts, t, vec![style()], vec![(0..t.len(), 0)]).unwrap_err();
    assert_eq!(err.ch, '🙂');
}

#[test]
fn breaker_prefers_even_lines_over_greedy() {
    // Classic case: greedy fills line 1 and leaves a very loose line 2.
    let w = |x| Item::Box { width: x };
    let g = Item::Glue {
        width: 4.0,
        stretch: 2.0,
        shrink: 1.5,
    };
    let mut items = vec![
        w(30.0),
        g,
        w(30.0),
        g,
        w(30.0),
        g,
        w(12.0),
        g,
        w(30.0),
        g,
        w(30.0),
    ];
    items.push(Item::Glue {
        width: 0.0,
        stretch: INFINITY,
        shrink: 0.0,
    });
    items.push(Item::Penalty {
        width: 0.0,
        penalty: -INFINITY,
        flagged: false,
    });
    let breaks = break_lines(&items, |_| 110.0, &Params::default());
    assert_eq!(breaks.len(), 2);
    for b in &breaks[..1] {
        assert!(b.ratio.abs() <= 2.0);
    }
}

fn line(h: f32, keep: bool) -> Unit {
    Unit {
        height: h,
        keep_with_next: keep,
        ..Default::default()
    }
}

#[test]
fn paginate_keeps_heading_with_next_lines() {
    // 8 lines fill a page of 80; a heading (kept) + paragraph start at the end.
    let mut units: Vec<Unit> = (0..7).map(|_| line(10.0, false)).collect();
    units.push(line(10.0, true)); // heading
    units.push(line(10.0, true)); // first line (orphan rule)
    units.push(line(10.0, false));
    let pages = paginate(units, 80.0);
    assert_eq!(pages[0].len(), 7, "heading must move with its lines");
    assert_eq!(pages[1].len(), 3);
}

#[test]
fn paginate_leaves_no_widow() {
    // A 4-line paragraph at a page end: lines 3–4 are kept together.
    let para = vec![
        line(10.0, true),
        line(10.0, false),
        line(10.0, true),
        line(10.0, false),
    ];
    let mut units: Vec<Unit> = (0..5).map(|_| line(10.0, false)).collect();
    units.extend(para);
    // More text follows, so the second page is not short (rule 9 stays out).
    units.extend((0..4).map(|_| line(10.0, false)));
    let pages = paginate(units, 80.0);
    // 5 + 3 would leave the last line alone: the break comes after line 2.
    assert_eq!(pages[0].len(), 7);
    assert_eq!(pages[1].len(), 6);
}

#[test]
fn paginate_repeats_table_header() {
    let header = Rc::new(Unit {
        height: 12.0,
        keep_with_next: true,
        ..Default::default()
    });
    let mut units = vec![(*header).clone()];
    for _ in 0..20 {
        units.push(Unit {
            height: 10.0,
            repeat: Some(header.clone()),
            ..Default::default()
        });
    }
    let pages = paginate(units, 100.0);
    assert!(pages.len() >= 3);
    for p in &pages[1..] {
        assert_eq!(p[0].1.height, 12.0, "header repeated at page top");
        assert!(p[0].0 == 0.0);
    }
    let rows: usize = pages
        .iter()
        .map(|p| p.iter().filter(|(_, u)| u.height == 10.0).count())
        .sum();
    assert_eq!(rows, 20, "every row placed once");
}

#[test]
fn paginate_places_a_unit_taller_than_a_page_alone() {
    let units = vec![line(10.0, false), line(300.0, false), line(10.0, false)];
    let pages = paginate(units, 100.0);
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[1].len(), 1);
}

#[test]
fn paginate_ends_when_everything_is_kept_together() {
    let units: Vec<Unit> = (0..50).map(|_| line(10.0, true)).collect();
    let pages = paginate(units, 100.0);
    let n: usize = pages.iter().map(|p| p.len()).sum();
    assert_eq!(n, 50);
}

#[test]
fn column_widths_fill_the_measure_and_respect_minimums() {
    let w = column_widths(&[40.0, 80.0, 30.0], &[60.0, 400.0, 35.0], 450.0);
    assert!((w.iter().sum::<f32>() - 450.0).abs() < 0.01);
    assert_eq!(w[2], 35.0, "short column keeps its natural width");
    assert!(w[1] >= 80.0);
}

mod document;
