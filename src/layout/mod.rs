//! Document → pages of positioned items (glyph runs, rectangles, rules,
//! links: the types in [`frame`]). Text is measured with the real fonts,
//! broken with Knuth–Plass, paginated by the rules in [`paginate`], and the
//! contents page numbers are settled by laying out again until they stop
//! changing.

pub mod blocks;
pub mod contrast;
pub mod fonts;
pub mod frame;
pub mod linebreak;
pub mod paginate;
pub mod paragraph;
pub mod shape;
pub mod stats;
pub mod structure;
pub mod text;

#[cfg(test)]
mod tests;

use crate::compose::Document;
use std::collections::HashMap;
use structure::{Structure, Tag};

pub use frame::{FrameItem, GlyphRun, Heading, Layout, Page, RunGlyph, Target};

// The page's geometry is the design's (`style::page`); re-exported here,
// where layout's users have always found it.
pub use crate::style::page::{
    BODY_HEIGHT, BODY_WIDTH, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_HEIGHT,
    PAGE_WIDTH,
};

/// An image as placed on a page, and the resolution it prints at there.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The image (key in `Document::images`).
    pub src: String,
    /// Page (1-based).
    pub page: usize,
    /// Width and height of its frame in points.
    pub size: (f32, f32),
    /// Pixels per inch at that size (of the shown part, for a photo
    /// cropped to fill).
    pub ppi: f32,
}

/// Least resolution for print: below it a photo looks soft on paper.
pub const MIN_PPI: f32 = 150.0;

/// Each image on the pages with the resolution it is printed at: pixels
/// across the shown width per inch (72 points).
///
/// ```
/// use folio::layout::{placements, FrameItem, Page};
/// let photo = FrameItem::Image { src: "p.jpg".into(), x: 0.0, y: 0.0, w: 360.0, h: 240.0,
///     cover: false, tag: Default::default() };
/// let sizes = [("p.jpg".to_string(), (1000, 667))].into_iter().collect();
/// let placed = placements(&[Page { items: vec![photo] }], &sizes);
/// assert_eq!(placed[0].ppi.round(), 200.0); // 1000 pixels over 5 inches
/// ```
pub fn placements(pages: &[Page], sizes: &HashMap<String, (u32, u32)>) -> Vec<Placement> {
    let mut out = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        for it in &page.items {
            let FrameItem::Image {
                src, w, h, cover, ..
            } = it
            else {
                continue;
            };
            let Some(&(pw, ph)) = sizes.get(src) else {
                continue;
            };
            // Points per pixel: a cropped photo is scaled to cover its frame.
            let (sx, sy) = (w / pw.max(1) as f32, h / ph.max(1) as f32);
            let scale = if *cover { sx.max(sy) } else { sx };
            out.push(Placement {
                src: src.clone(),
                page: n + 1,
                size: (*w, *h),
                ppi: 72.0 / scale.max(f32::MIN_POSITIVE),
            });
        }
    }
    out
}

/// A problem that stops layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutError {
    /// No bundled font has this character.
    Uncovered(char),
    /// A font file is damaged.
    Font(&'static str),
    /// The document would exceed the page limit.
    TooManyPages(usize),
    /// A figure names an image that was not loaded.
    MissingImage(String),
}

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LayoutError::Uncovered(c) => write!(
                f,
                "no bundled font has the character '{c}' (U+{:04X})",
                u32::from(*c)
            ),
            LayoutError::Font(file) => write!(f, "the font file fonts/{file} is damaged"),
            LayoutError::MissingImage(p) => write!(f, "the image \"{p}\" was not loaded"),
            LayoutError::TooManyPages(n) => write!(
                f,
                "the report would have more than {n} pages; that is the limit"
            ),
        }
    }
}

impl From<shape::Uncovered> for LayoutError {
    fn from(u: shape::Uncovered) -> Self {
        LayoutError::Uncovered(u.ch)
    }
}

/// Most pages a report may have (a guard against runaway input).
pub const MAX_PAGES: usize = 5000;

/// Most layout passes to settle the contents page numbers.
pub const MAX_PASSES: usize = 5;

/// Lays out a document.
///
/// ```no_run
/// let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// let doc = folio::compose::compose(&loaded.report, None);
/// let layout = folio::layout::layout(&doc).unwrap();
/// assert!(layout.pages.len() > 20);
/// ```
pub fn layout(doc: &Document) -> Result<Layout, LayoutError> {
    let mut setter = text::Setter {
        fonts: fonts::FontSet::load().map_err(|e| LayoutError::Font(e.file))?,
        hyph: paragraph::Hyphenator::english(),
        images: Default::default(),
    };
    layout_with(doc, &mut setter)
}

/// Lays out with a prepared setter (fonts and patterns loaded once).
pub fn layout_with(doc: &Document, setter: &mut text::Setter) -> Result<Layout, LayoutError> {
    setter.images = doc
        .images
        .iter()
        .map(|(k, v)| (k.clone(), v.shown_size()))
        .collect();
    let setter = &*setter;
    let prepared = blocks::prepare(doc, setter)?;
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut passes = 0;
    loop {
        passes += 1;
        let contents = blocks::contents(doc, setter, &numbers, &prepared)?;
        let headings = blocks::place_headings(doc, &prepared, &contents);
        let new_numbers: HashMap<String, usize> = headings
            .iter()
            .map(|h| (h.anchor.clone(), h.page))
            .collect();
        if new_numbers == numbers || passes >= MAX_PASSES {
            let (pages, mut structure) = blocks::assemble(doc, prepared, contents, setter)?;
            if pages.len() > MAX_PAGES {
                return Err(LayoutError::TooManyPages(MAX_PAGES));
            }
            let mut pages = resolve_links(pages, &headings, &mut structure);
            contrast::ensure(&mut pages);
            let placements = placements(&pages, &setter.images);
            return Ok(Layout {
                pages,
                headings,
                structure,
                passes,
                placements,
            });
        }
        numbers = new_numbers;
    }
}

/// Points links to their headings' pages and describes every link (the
/// annotation's `/Contents`, which a screen reader announces): the address,
/// or the heading's title and page.
fn resolve_links(mut pages: Vec<Page>, headings: &[Heading], tree: &mut Structure) -> Vec<Page> {
    let at: HashMap<&str, &Heading> = headings.iter().map(|h| (h.anchor.as_str(), h)).collect();
    for p in &mut pages {
        for it in &mut p.items {
            let FrameItem::Link { target, tag, .. } = it else {
                continue;
            };
            if let Target::Anchor(a) = target {
                if let Some(h) = at.get(a.as_str()) {
                    *target = Target::Page(h.page, h.y);
                    if let Tag::Content(n) = tag {
                        tree.nodes[*n as usize].alt =
                            Some(format!("Go to “{}”, page {}", h.title, h.page));
                    }
                }
            } else if let (Target::Uri(u), Tag::Content(n)) = (&*target, tag) {
                let u = u
                    .strip_prefix("mailto:")
                    .map_or_else(|| u.clone(), |m| format!("Email {m}"));
                tree.nodes[*n as usize].alt = Some(u);
            }
        }
        // A link whose anchor is not laid out (validated ids make this rare) is dropped.
        p.items.retain(|it| {
            !matches!(
                it,
                FrameItem::Link {
                    target: Target::Anchor(_),
                    ..
                }
            )
        });
    }
    pages
}
