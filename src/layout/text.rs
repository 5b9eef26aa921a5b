//! Runs of styled text → set lines → positioned items: the bridge between
//! the document's runs and the shaper, breaker and page items.

use super::fonts::{Family, FontSet};
use super::paragraph::{set_paragraph, Hyphenation, Justify, Line};
use super::shape::{advance, shape, Shaped, TextStyle, Uncovered};
use super::{GlyphRun, Item, Role, RunGlyph, Target};
use crate::compose::{Colour, Inline, Link, Run};

/// Base style of a block of text.
#[derive(Debug, Clone, Copy)]
pub struct Base {
    /// Family.
    pub family: Family,
    /// Size in points.
    pub size: f32,
    /// Baseline-to-baseline distance.
    pub leading: f32,
    /// Colour.
    pub colour: Colour,
    /// Bold everything.
    pub bold: bool,
    /// Italic everything.
    pub italic: bool,
}

/// A paragraph set into lines.
#[derive(Debug, Clone)]
pub struct SetText {
    /// The shaped text.
    pub shaped: Shaped,
    /// Its lines.
    pub lines: Vec<Line>,
    /// Line pitch.
    pub leading: f32,
    /// Distance from a line's top to its baseline.
    pub ascent: f32,
    /// What the text is (for tagging).
    pub role: Role,
}

/// Shapes and breaks text; owns the fonts and hyphenation patterns.
pub struct Setter {
    /// Fonts.
    pub fonts: FontSet,
    /// Hyphenation patterns.
    pub hyph: Hyphenation,
    /// Pixel sizes of the document's images, by path as written.
    pub images: std::collections::HashMap<String, (u32, u32)>,
}

impl Setter {
    /// Sets `runs` at `width`.
    pub fn set(
        &self,
        runs: &[Run],
        base: Base,
        width: f32,
        justify: Justify,
    ) -> Result<SetText, Uncovered> {
        let mut text = String::new();
        let mut styles: Vec<TextStyle> = Vec::new();
        let mut spans = Vec::new();
        for r in runs {
            let t = match &r.inline {
                Inline::Text(t) => t.as_str(),
                Inline::LineBreak => "\n",
            };
            if t.is_empty() {
                continue;
            }
            let style = TextStyle {
                family: base.family,
                bold: base.bold || r.style.bold,
                italic: base.italic || r.style.italic,
                size: base.size,
                colour: if r.link.is_some() {
                    Colour::ACCENT
                } else {
                    base.colour
                },
                link: r.link.clone(),
            };
            let si = match styles.iter().position(|s| *s == style) {
                Some(i) => i,
                None => {
                    styles.push(style);
                    styles.len() - 1
                }
            };
            let start = text.len();
            text.push_str(t);
            spans.push((start..text.len(), si));
        }
        let shaped = shape(&self.fonts, &text, styles, spans)?;
        let lines = set_paragraph(&self.fonts, &shaped, width.max(1.0), justify, &self.hyph);
        Ok(SetText {
            shaped,
            lines,
            leading: base.leading,
            ascent: base.size * 0.95,
            role: Role::Text,
        })
    }

    /// Width of `text` set on one line in `base` (the widest line if it
    /// has forced breaks).
    pub fn measure(&self, text: &str, base: Base) -> Result<f32, Uncovered> {
        if text.contains('\n') {
            let set = self.set(&[Run::plain(text)], base, f32::MAX / 4.0, Justify::Ragged)?;
            return Ok(set.width());
        }
        // One line: the advances of its glyphs, without the spaces at its
        // ends, which a set line drops. Tables measure every cell and
        // word, so this skips line breaking.
        let style = TextStyle {
            family: base.family,
            bold: base.bold,
            italic: base.italic,
            size: base.size,
            colour: base.colour,
            link: None,
        };
        let trimmed = text.trim_matches(' ');
        advance(&self.fonts, trimmed, &style)
    }
}

impl SetText {
    /// Height of all lines.
    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * self.leading
    }

    /// Widest line.
    pub fn width(&self) -> f32 {
        self.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }

    /// Items for line `i` with its top-left at (`x`, `top`); `align_right`
    /// sets it flush right in a box of `box_width`.
    pub fn line_items(&self, i: usize, x: f32, top: f32, align_right: Option<f32>) -> Vec<Item> {
        let line = &self.lines[i];
        let x = match align_right {
            Some(w) => x + (w - line.width).max(0.0),
            None => x,
        };
        let baseline = top + self.ascent + (self.leading - self.ascent) * 0.25;
        let mut items = Vec::new();
        let mut run: Option<GlyphRun> = None;
        let mut link: Option<(Link, f32, f32)> = None;
        let flush_link = |link: &mut Option<(Link, f32, f32)>, items: &mut Vec<Item>| {
            if let Some((l, x0, x1)) = link.take() {
                items.push(Item::Link {
                    x: x0,
                    y: top,
                    w: x1 - x0,
                    h: self.leading,
                    target: match l {
                        Link::Uri(u) => Target::Uri(u),
                        Link::Anchor(a) => Target::Anchor(a),
                    },
                });
            }
        };
        for g in &line.glyphs {
            let st = &self.shaped.styles[g.style];
            let gx = x + g.x;
            let same = run
                .as_ref()
                .is_some_and(|r| r.face == g.face && r.size == st.size && r.colour == st.colour);
            if !same {
                if let Some(r) = run.take() {
                    items.push(Item::Glyphs(r));
                }
                run = Some(GlyphRun {
                    role: self.role,
                    face: g.face,
                    size: st.size,
                    colour: st.colour,
                    x: gx,
                    y: baseline,
                    glyphs: Vec::new(),
                    text: String::new(),
                });
            }
            if let Some(r) = run.as_mut() {
                let cluster = match g.text(&self.shaped.text) {
                    Some(t) => {
                        r.text.push_str(t);
                        r.text.len() - t.len()
                    }
                    // A glyph that continues a cluster shares its start.
                    None => r.glyphs.last().map_or(r.text.len(), |p| p.cluster as usize),
                };
                r.glyphs.push(RunGlyph {
                    gid: g.gid,
                    advance: g.advance,
                    cluster: cluster as u32,
                });
            }
            match (&mut link, &st.link) {
                (Some((l, _, x1)), Some(sl)) if l == sl => *x1 = gx + g.advance,
                (_, Some(sl)) => {
                    flush_link(&mut link, &mut items);
                    link = Some((sl.clone(), gx, gx + g.advance));
                }
                (_, None) => flush_link(&mut link, &mut items),
            }
        }
        if let Some(r) = run.take() {
            items.push(Item::Glyphs(r));
        }
        flush_link(&mut link, &mut items);
        items
    }
}
