//! Text that everyone can read: every glyph run against what it is drawn
//! on reaches WCAG AA (4.5:1, or 3:1 for large text: 18 pt, or 14 pt bold).
//! The brand colours stay for fields, bands and bars; where text in a
//! brand colour is too light on white, it is set in the lightest shade of
//! that colour that reads, and where white text is too light for its own
//! field (a cover tile), the field takes the lightest shade that carries
//! it. Applied to the finished pages, so no block can get it wrong.

use super::{FrameItem, Page, fonts};
use crate::compose::Colour;

/// The ratio text of `size` points in face `face` must reach.
pub fn required(size: f32, face: fonts::FaceId) -> f32 {
    let bold = matches!(
        fonts::FACES.get(usize::from(face)).map(|f| f.file),
        Some(f) if f.contains("Bold")
    );
    if size >= 18.0 || (bold && size >= 14.0) {
        3.0
    } else {
        4.5
    }
}

/// What a run at item `i` is drawn on: the topmost rectangle painted
/// before it that holds the middle of its first line (None: an image,
/// which cannot be judged here; the page's white when nothing is under it).
fn ground(items: &[FrameItem], i: usize) -> Option<(Option<usize>, Colour)> {
    let FrameItem::Glyphs(run) = &items[i] else {
        return None;
    };
    let width: f32 = run.glyphs.iter().map(|g| g.advance).sum();
    let (px, py) = (run.x + width.min(run.size) / 2.0, run.y - run.size * 0.3);
    for (j, it) in items[..i].iter().enumerate().rev() {
        match it {
            FrameItem::Rect {
                x, y, w, h, fill, ..
            } if px >= *x && px <= x + w && py >= *y && py <= y + h => {
                return Some((Some(j), *fill));
            }
            FrameItem::Image { x, y, w, h, .. }
                if px >= *x && px <= x + w && py >= *y && py <= y + h =>
            {
                return None;
            }
            _ => {}
        }
    }
    Some((None, Colour::WHITE))
}

/// Adjusts colours on `pages` until every run reads (see the module).
pub fn ensure(pages: &mut [Page]) {
    for page in pages {
        for i in 0..page.items.len() {
            let Some((rect, bg)) = ground(&page.items, i) else {
                continue;
            };
            let FrameItem::Glyphs(run) = &mut page.items[i] else {
                continue;
            };
            if run.text.trim().is_empty() {
                continue;
            }
            let ratio = required(run.size, run.face);
            if run.colour.contrast(bg) >= ratio {
                continue;
            }
            if run.colour.luminance() <= bg.luminance() {
                run.colour = run.colour.readable_on(bg, ratio);
            } else if let Some(j) = rect {
                let text = run.colour;
                if let FrameItem::Rect { fill, .. } = &mut page.items[j] {
                    *fill = fill.readable_on(text, ratio);
                }
            } else {
                run.colour = run.colour.readable_on(bg, ratio);
            }
        }
    }
}

/// Every run that does not reach its ratio: (page, text, ratio reached,
/// ratio required). Empty after [`ensure`].
pub fn problems(pages: &[Page]) -> Vec<(usize, String, f32, f32)> {
    let mut out = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for i in 0..page.items.len() {
            let (Some((_, bg)), FrameItem::Glyphs(run)) = (ground(&page.items, i), &page.items[i])
            else {
                continue;
            };
            if run.text.trim().is_empty() {
                continue;
            }
            let (have, need) = (run.colour.contrast(bg), required(run.size, run.face));
            if have < need - 0.005 {
                out.push((p + 1, run.text.clone(), have, need));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default report and the fixtures: every run reads.
    #[test]
    fn every_glyph_run_reads_against_what_it_is_drawn_on() {
        let mut setter = crate::pipeline::setter().unwrap();
        for report in [
            "report.toml",
            "tests/fixtures/figures/report.toml",
            crate::FROZEN_2023,
        ] {
            let loaded = crate::load::load_file(report.as_ref()).unwrap();
            let (_, layout) = crate::pipeline::typeset(&loaded, &mut setter).unwrap();
            let bad = problems(&layout.pages);
            assert!(bad.is_empty(), "{report}: {bad:?}");
        }
    }

    #[test]
    fn light_text_gets_a_shade_and_white_text_a_darker_field() {
        use crate::layout::{GlyphRun, RunGlyph, Tag};
        let orange = Colour::hex("#F08A24");
        let run = |colour| {
            FrameItem::Glyphs(GlyphRun {
                tag: Tag::default(),
                face: 4,
                size: 8.0,
                colour,
                x: 10.0,
                y: 20.0,
                glyphs: vec![RunGlyph {
                    gid: 1,
                    advance: 5.0,
                    cluster: 0,
                }],
                text: "x".into(),
            })
        };
        let field = FrameItem::Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 40.0,
            fill: orange,
            tag: Tag::default(),
        };
        let mut pages = vec![
            Page {
                items: vec![run(orange)],
            },
            Page {
                items: vec![field, run(Colour::WHITE)],
            },
        ];
        assert_eq!(problems(&pages).len(), 2);
        ensure(&mut pages);
        assert!(problems(&pages).is_empty());
        // White stays white; the tile darkens, but stays orange.
        let FrameItem::Rect { fill, .. } = pages[1].items[0] else {
            panic!()
        };
        assert!(fill.0 > fill.1 && fill.1 > fill.2 && fill.contrast(Colour::WHITE) < 4.7);
    }
}
