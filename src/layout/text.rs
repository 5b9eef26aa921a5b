//! Runs of styled text → set lines → positioned items: the bridge between
//! the document's runs and the shaper, breaker and page items.

use super::fonts::{Family, FontSet};
use super::paragraph::{Hyphenator, Justify, Line, set_paragraph};
use super::shape::{Shaped, TextStyle, Uncovered, advance, shape};
use super::structure::{NodeId, StructType, Structure, Tag};
use super::{FrameItem, GlyphRun, RunGlyph, Target};
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

impl Base {
    /// The same style with its size and leading `k` times as large (the
    /// designed back cover tightens this way to keep to its page).
    ///
    /// ```
    /// let b = folio::style::text::BACK_NOTE.scaled(0.5);
    /// assert_eq!(b.size, folio::style::text::BACK_NOTE.size / 2.0);
    /// ```
    pub fn scaled(self, k: f32) -> Base {
        Base {
            size: self.size * k,
            leading: self.leading * k,
            ..self
        }
    }
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
    /// The structure node the text belongs to (an artifact until
    /// [`SetText::tag_as`] says otherwise).
    pub tag: Tag,
    /// The Link node of each link target in the text.
    pub links: Vec<(Link, NodeId)>,
    /// Per line, the space glyph (id, advance) drawn after its last glyph
    /// where the line ends at a word space: blank on the page, it keeps
    /// the words of two lines apart when the text is extracted or read
    /// aloud.
    pub end_spaces: Vec<Option<(u16, f32)>>,
}

/// Shapes and breaks text; owns the fonts and hyphenation patterns.
pub struct Setter {
    /// Fonts.
    pub fonts: FontSet,
    /// Hyphenator patterns.
    pub hyph: Hyphenator,
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
                // Links stand out in the accent colour in dark text; in
                // light text on a colour field they keep the text's colour.
                colour: if r.link.is_some() && !base.colour.is_light() {
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
        let end_spaces = (0..lines.len())
            .map(|i| {
                let (line, next) = (&lines[i], lines.get(i + 1)?);
                let gap = shaped
                    .text
                    .get(line.range.end..next.range.start.max(line.range.end))
                    .unwrap_or("");
                let tail = shaped.text.get(line.range.clone()).unwrap_or("");
                let at_space =
                    gap.chars().any(char::is_whitespace) || tail.ends_with(char::is_whitespace);
                if line.hyphenated || !at_space {
                    return None;
                }
                let last = line.glyphs.last()?;
                self.space_glyph(last.face, shaped.styles[last.style].size)
            })
            .collect();
        Ok(SetText {
            shaped,
            lines,
            leading: base.leading,
            ascent: base.size * 0.95,
            tag: Tag::default(),
            links: Vec::new(),
            end_spaces,
        })
    }

    /// A face's space glyph and its advance at `size`.
    fn space_glyph(&self, face: super::fonts::FaceId, size: f32) -> Option<(u16, f32)> {
        let f = self.fonts.face(face);
        let gid = f.glyph_index(' ')?;
        let adv = f.glyph_hor_advance(gid)?;
        Some((
            gid.0,
            f32::from(adv) * size / self.fonts.upem[usize::from(face)],
        ))
    }

    /// Ends the text's last line with a space glyph, for text that another
    /// text follows in the same element (the year and the title on the
    /// cover read "2023 Annual Report").
    pub fn space_after(&self, set: &mut SetText) {
        let Some(last) = set.lines.last().and_then(|l| l.glyphs.last()) else {
            return;
        };
        let space = self.space_glyph(last.face, set.shaped.styles[last.style].size);
        if let Some(slot) = set.end_spaces.last_mut() {
            *slot = space;
        }
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
    /// Makes the text content of `node`, each link in it a Link node under
    /// `node` (one per target: a paragraph rarely links one place twice).
    pub fn tag_as(&mut self, tree: &mut Structure, node: NodeId) {
        self.tag = Tag::Content(node);
        self.links.clear();
        for st in &self.shaped.styles {
            if let Some(l) = &st.link
                && !self.links.iter().any(|(k, _)| k == l)
            {
                self.links
                    .push((l.clone(), tree.add(node, StructType::Link)));
            }
        }
    }

    /// Sets the text as content of a new node of `kind` under `parent`;
    /// returns the node.
    pub fn tag_new(&mut self, tree: &mut Structure, parent: NodeId, kind: StructType) -> NodeId {
        let node = tree.add(parent, kind);
        self.tag_as(tree, node);
        node
    }

    /// The tag of text in `link` (its Link node), or of plain text.
    fn tag_for(&self, link: Option<&Link>) -> Tag {
        link.and_then(|l| self.links.iter().find(|(k, _)| k == l))
            .map_or(self.tag, |&(_, n)| Tag::Content(n))
    }

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
    pub fn line_items(
        &self,
        i: usize,
        x: f32,
        top: f32,
        align_right: Option<f32>,
    ) -> Vec<FrameItem> {
        let line = &self.lines[i];
        let x = match align_right {
            Some(w) => x + (w - line.width).max(0.0),
            None => x,
        };
        let baseline = top + self.ascent + (self.leading - self.ascent) * 0.25;
        let mut items = Vec::with_capacity(2);
        let mut run: Option<GlyphRun> = None;
        let mut link: Option<(Link, f32, f32)> = None;
        let flush_link = |link: &mut Option<(Link, f32, f32)>, items: &mut Vec<FrameItem>| {
            if let Some((l, x0, x1)) = link.take() {
                items.push(FrameItem::Link {
                    x: x0,
                    y: top,
                    w: x1 - x0,
                    h: self.leading,
                    tag: self.tag_for(Some(&l)),
                    target: match l {
                        Link::Uri(u) => Target::Uri(u),
                        Link::Anchor(a) => Target::Anchor(a),
                    },
                });
            }
        };
        for (n, g) in line.glyphs.iter().enumerate() {
            let st = &self.shaped.styles[g.style];
            let gx = x + g.x;
            let tag = self.tag_for(st.link.as_ref());
            let same = run.as_ref().is_some_and(|r| {
                r.face == g.face && r.size == st.size && r.colour == st.colour && r.tag == tag
            });
            if !same {
                if let Some(r) = run.take() {
                    items.push(FrameItem::Glyphs(r));
                }
                run = Some(GlyphRun {
                    tag,
                    face: g.face,
                    size: st.size,
                    colour: st.colour,
                    x: gx,
                    y: baseline,
                    // Most lines are one run: room for the rest of the
                    // line (and the end space), reserved once.
                    glyphs: Vec::with_capacity(line.glyphs.len() - n + 1),
                    text: String::with_capacity(line.range.len() + 1),
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
        if let (Some(r), Some(&Some((gid, advance)))) = (run.as_mut(), self.end_spaces.get(i)) {
            r.text.push(' ');
            r.glyphs.push(RunGlyph {
                gid,
                advance,
                cluster: (r.text.len() - 1) as u32,
            });
        }
        if let Some(r) = run.take() {
            items.push(FrameItem::Glyphs(r));
        }
        flush_link(&mut link, &mut items);
        items
    }
}
