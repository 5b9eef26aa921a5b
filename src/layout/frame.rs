//! The frame types: the plain data layout hands to the PDF exporter. A
//! [`Layout`] is pages of [`FrameItem`]s (glyph runs, rectangles, rules,
//! images, link areas) with coordinates settled, the headings' places, and
//! the [`structure`](super::structure) tree the items are tagged with.
//!
//! They live apart from the code that makes them because the exporter
//! reads layout's result only through these: it draws and tags what is
//! here and measures, breaks or paginates nothing itself.

use super::Placement;
use super::fonts::FaceId;
use super::structure::{Structure, Tag};
use crate::compose::Colour;

/// A glyph in a run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunGlyph {
    /// Glyph id.
    pub gid: u16,
    /// Advance in points (the next glyph starts this far to the right).
    pub advance: f32,
    /// Byte offset in the run's text where this glyph's cluster starts;
    /// glyphs of one cluster share it.
    pub cluster: u32,
}

/// Glyphs of one face, size and colour on one baseline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GlyphRun {
    /// Which structure node the text belongs to, or that it is an artifact.
    pub tag: Tag,
    /// Face.
    pub face: FaceId,
    /// Size in points.
    pub size: f32,
    /// Fill colour.
    pub colour: Colour,
    /// Left end of the run.
    pub x: f32,
    /// Baseline, from the page top.
    pub y: f32,
    /// Glyphs.
    pub glyphs: Vec<RunGlyph>,
    /// The text the glyphs stand for (for copy and search).
    pub text: String,
}

impl GlyphRun {
    /// The text glyph `i` stands for: its cluster's text for the first
    /// glyph of a cluster, empty for the others (a ligature's glyph stands
    /// for all its characters, a decomposed character's marks for none).
    ///
    /// ```
    /// use folio::layout::{GlyphRun, RunGlyph};
    /// let g = |cluster| RunGlyph { gid: 1, advance: 5.0, cluster };
    /// let run = GlyphRun { text: "ffix".into(), glyphs: vec![g(0), g(3)], ..Default::default() };
    /// assert_eq!(run.glyph_text(0), "ffi");
    /// assert_eq!(run.glyph_text(1), "x");
    /// ```
    pub fn glyph_text(&self, i: usize) -> &str {
        let Some(g) = self.glyphs.get(i) else {
            return "";
        };
        if i > 0 && self.glyphs[i - 1].cluster == g.cluster {
            return "";
        }
        let start = g.cluster as usize;
        let end = self.glyphs[i + 1..]
            .iter()
            .map(|n| n.cluster as usize)
            .find(|&c| c > start)
            .unwrap_or(self.text.len());
        self.text.get(start..end).unwrap_or("")
    }
}

/// Where a link points.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// External address.
    Uri(String),
    /// A heading anchor (resolved by [`layout`](super::layout)).
    Anchor(String),
    /// A page (1-based) and a y from its top.
    Page(usize, f32),
}

/// Something drawn on a page. Coordinates are points from the page's top-left.
#[derive(Debug, Clone, PartialEq)]
pub enum FrameItem {
    /// Text.
    Glyphs(GlyphRun),
    /// A filled rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill.
        fill: Colour,
        /// Structure node, or artifact (most rectangles are decoration).
        tag: Tag,
    },
    /// A straight line.
    Rule {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Thickness.
        width: f32,
        /// Colour.
        colour: Colour,
        /// Structure node, or artifact.
        tag: Tag,
    },
    /// A bitmap image in a frame.
    Image {
        /// Key in `Document::images`.
        src: String,
        /// Left of the frame.
        x: f32,
        /// Top of the frame.
        y: f32,
        /// Width of the frame.
        w: f32,
        /// Height of the frame.
        h: f32,
        /// Crop to fill: the image is scaled to cover the frame, centred,
        /// and what falls outside is clipped. Otherwise the frame has the
        /// image's proportions and shows all of it.
        cover: bool,
        /// The figure it shows (its node has the alternative text).
        tag: Tag,
    },
    /// A clickable area.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Destination.
        target: Target,
        /// The Link node whose text this area covers.
        tag: Tag,
    },
}

impl FrameItem {
    /// Where the item belongs in the structure.
    pub fn tag(&self) -> Tag {
        match self {
            FrameItem::Glyphs(r) => r.tag,
            FrameItem::Rect { tag, .. }
            | FrameItem::Rule { tag, .. }
            | FrameItem::Image { tag, .. }
            | FrameItem::Link { tag, .. } => *tag,
        }
    }

    /// Puts the item in the structure as `tag`.
    pub fn set_tag(&mut self, new: Tag) {
        match self {
            FrameItem::Glyphs(r) => r.tag = new,
            FrameItem::Rect { tag, .. }
            | FrameItem::Rule { tag, .. }
            | FrameItem::Image { tag, .. }
            | FrameItem::Link { tag, .. } => *tag = new,
        }
    }

    /// The item moved by (dx, dy).
    pub fn shifted(mut self, dx: f32, dy: f32) -> FrameItem {
        match &mut self {
            FrameItem::Glyphs(r) => {
                r.x += dx;
                r.y += dy;
            }
            FrameItem::Rect { x, y, .. }
            | FrameItem::Link { x, y, .. }
            | FrameItem::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            FrameItem::Rule { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
        }
        self
    }
}

/// One page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// What is drawn.
    pub items: Vec<FrameItem>,
}

/// A heading's place, for the outline and the contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// Anchor id.
    pub anchor: String,
    /// Text.
    pub title: String,
    /// 1–4.
    pub level: u8,
    /// Page (1-based).
    pub page: usize,
    /// y of its top from the page top.
    pub y: f32,
}

/// The laid-out document.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// The logical structure the pages' items are tagged with.
    pub structure: Structure,
    /// How many passes it took for the contents page numbers to settle.
    pub passes: usize,
    /// Every image as placed, with its resolution there.
    pub placements: Vec<Placement>,
}
