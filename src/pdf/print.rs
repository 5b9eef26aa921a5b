//! The print-shop edition: the same pages on a larger sheet, with 3 mm of
//! bleed on every side (colour fields that touch the page edge run on into
//! it, so a trim that is a little off leaves no white hairline), crop
//! marks outside the bleed, and TrimBox and BleedBox on every page. Links
//! and the outline are left out (paper has neither); fonts are embedded as
//! in the screen edition.

use crate::layout::{FrameItem, PAGE_HEIGHT, PAGE_WIDTH, Page};
use crate::style::page::mm;
use lopdf::{Object, ObjectId};

/// Bleed: 3 mm beyond the trimmed page.
pub const BLEED: f32 = mm(3.0);
/// From the trimmed page to the sheet's edge: the bleed, then 5 mm of crop
/// marks and 1 mm to spare.
pub const SLUG: f32 = mm(9.0);
/// Length of a crop mark.
const MARK: f32 = mm(5.0);

/// Which edition a PDF is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// For reading on screen and publishing: A4, links, outline.
    Screen,
    /// For the print shop: bleed, crop marks, trim and bleed boxes.
    Print,
}

/// The pages with every rectangle, and every photo cropped to fill its
/// frame, that touches a page edge carried on into the bleed on that side.
///
/// ```
/// use folio::layout::{FrameItem, Page, PAGE_WIDTH};
/// use folio::pdf::print::{bleed, BLEED};
/// let band = FrameItem::Rect { x: 0.0, y: 0.0, w: PAGE_WIDTH, h: 150.0,
///     fill: Default::default(), tag: Default::default() };
/// let pages = bleed(&[Page { items: vec![band] }]);
/// let FrameItem::Rect { x, y, w, h, .. } = pages[0].items[0] else { panic!() };
/// assert_eq!((x, y, h), (-BLEED, -BLEED, 150.0 + BLEED));
/// assert!((w - (PAGE_WIDTH + 2.0 * BLEED)).abs() < 0.001);
/// ```
pub fn bleed(pages: &[Page]) -> Vec<Page> {
    pages
        .iter()
        .map(|p| Page {
            items: p
                .items
                .iter()
                .map(|it| match *it {
                    FrameItem::Rect {
                        x,
                        y,
                        w,
                        h,
                        fill,
                        tag,
                    } => {
                        let [x, y, w, h] = into_bleed([x, y, w, h]);
                        FrameItem::Rect {
                            x,
                            y,
                            w,
                            h,
                            fill,
                            tag,
                        }
                    }
                    // A photo cropped to fill a frame at the page edge (an
                    // opener, a full-bleed page) fills the bleed too: its
                    // frame grows and the photo is fitted to the new frame.
                    FrameItem::Image {
                        ref src,
                        x,
                        y,
                        w,
                        h,
                        cover: true,
                        tag,
                    } => {
                        let [x, y, w, h] = into_bleed([x, y, w, h]);
                        FrameItem::Image {
                            src: src.clone(),
                            x,
                            y,
                            w,
                            h,
                            cover: true,
                            tag,
                        }
                    }
                    ref other => other.clone(),
                })
                .collect(),
        })
        .collect()
}

/// A box (x, y, w, h) grown by the bleed on each side where it touches
/// the page edge.
fn into_bleed([mut x, mut y, mut w, mut h]: [f32; 4]) -> [f32; 4] {
    let at_edge = |a: f32, b: f32| (a - b).abs() < 0.5;
    if at_edge(x + w, PAGE_WIDTH) {
        w += BLEED;
    }
    if at_edge(y + h, PAGE_HEIGHT) {
        h += BLEED;
    }
    if at_edge(x, 0.0) {
        x -= BLEED;
        w += BLEED;
    }
    if at_edge(y, 0.0) {
        y -= BLEED;
        h += BLEED;
    }
    [x, y, w, h]
}

/// The sheet's width and height in points.
pub fn sheet() -> (f32, f32) {
    (PAGE_WIDTH + 2.0 * SLUG, PAGE_HEIGHT + 2.0 * SLUG)
}

/// Moves a page's content onto the sheet (opening a graphics state the
/// caller closes with [`after`]).
pub fn before() -> Vec<u8> {
    format!("q 1 0 0 1 {SLUG:.3} {SLUG:.3} cm\n").into_bytes()
}

/// Closes the page's content and draws the crop marks (an artifact): at
/// each corner of the trimmed page, two hairlines that start at the bleed.
pub fn after() -> Vec<u8> {
    let mut out = b"Q\n/Artifact <</Type /Layout>> BDC\n0 G 0.25 w\n".to_vec();
    let (l, b) = (SLUG, SLUG);
    let (r, t) = (SLUG + PAGE_WIDTH, SLUG + PAGE_HEIGHT);
    let start = BLEED;
    for (x, dx) in [(l, -1.0f32), (r, 1.0)] {
        for (y, dy) in [(b, -1.0f32), (t, 1.0)] {
            // Horizontal mark at the trim line y, vertical at the trim line x.
            let (x0, x1) = (x + dx * start, x + dx * (start + MARK));
            let (y0, y1) = (y + dy * start, y + dy * (start + MARK));
            out.extend_from_slice(
                format!(
                    "{x0:.2} {y:.2} m {x1:.2} {y:.2} l S\n{x:.2} {y0:.2} m {x:.2} {y1:.2} l S\n"
                )
                .as_bytes(),
            );
        }
    }
    out.extend_from_slice(b"EMC\n");
    out
}

/// Sets MediaBox (the sheet), TrimBox (the A4 page) and BleedBox on a
/// page, and the CropBox to the sheet so the marks show.
pub fn set_boxes(ld: &mut lopdf::Document, page: ObjectId) {
    let (w, h) = sheet();
    let rect = |a: f32, b: f32, c: f32, d: f32| {
        Object::Array(vec![
            Object::Real(a),
            Object::Real(b),
            Object::Real(c),
            Object::Real(d),
        ])
    };
    if let Ok(d) = ld.get_dictionary_mut(page) {
        d.set("MediaBox", rect(0.0, 0.0, w, h));
        d.set("CropBox", rect(0.0, 0.0, w, h));
        d.set(
            "TrimBox",
            rect(SLUG, SLUG, SLUG + PAGE_WIDTH, SLUG + PAGE_HEIGHT),
        );
        d.set(
            "BleedBox",
            rect(
                SLUG - BLEED,
                SLUG - BLEED,
                SLUG + PAGE_WIDTH + BLEED,
                SLUG + PAGE_HEIGHT + BLEED,
            ),
        );
    }
}
