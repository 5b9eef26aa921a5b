//! Glyph runs and shapes → a page's content, written directly as PDF
//! operators: one text object per page, a font and colour change only where
//! they change, one `Tm` per run, and a `TJ` whose numbers correct each
//! glyph's advance from the font's `/W` width to the one the layout chose
//! (kerning, justified spaces). Each run is a marked-content sequence: a
//! structure element's MCID, or an artifact.

use super::fonts::{Embedded, GlyphUse, Usage};
use super::tags::{MarkedContent, PageMarks};
use crate::compose::Colour;
use crate::layout::fonts::{FACES, FaceId, FontSet};
use crate::layout::structure::Structure;
use crate::layout::{FrameItem, PAGE_HEIGHT, Page};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// The glyphs every page draws, per face, with their text (for ToUnicode).
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// # let doc = folio::compose::compose(&loaded.report, None);
/// let layout = folio::layout::layout(&doc).unwrap();
/// let usage = folio::pdf::text::usage(&layout.pages);
/// assert!(usage.contains_key(&0)); // the body face
/// ```
pub fn usage(pages: &[Page]) -> Usage {
    // Hash maps while gathering (one lookup per glyph drawn), sorted once.
    let mut seen: BTreeMap<FaceId, FxHashMap<u16, &str>> = BTreeMap::new();
    for run in pages.iter().flat_map(|p| &p.items).filter_map(|i| match i {
        FrameItem::Glyphs(r) => Some(r),
        _ => None,
    }) {
        let used = seen.entry(run.face).or_default();
        for (i, g) in run.glyphs.iter().enumerate() {
            // A glyph's text is looked for only while it has none: most
            // glyphs drawn were seen before, with their text.
            match used.entry(g.gid) {
                std::collections::hash_map::Entry::Occupied(mut t) => {
                    if t.get().is_empty() {
                        t.insert(run.glyph_text(i));
                    }
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(run.glyph_text(i));
                }
            }
        }
    }
    seen.into_iter()
        .map(|(face, glyphs)| {
            let glyphs = glyphs
                .into_iter()
                .map(|(g, t)| (g, t.to_string()))
                .collect();
            (face, GlyphUse { glyphs })
        })
        .collect()
}

/// The text content stream of one page, each run inside the marked-content
/// sequence `marks` gives it.
pub(crate) fn page_text(
    items: &[FrameItem],
    fonts: &FontSet,
    plans: &BTreeMap<FaceId, Embedded>,
    marks: &PageMarks,
    tree: &Structure,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 * 1024);
    let mut colour: Option<Colour> = None;
    let mut font: Option<(FaceId, f32)> = None;
    let mut open = false;
    let mut marked = MarkedContent::default();
    for (i, it) in items.iter().enumerate() {
        let FrameItem::Glyphs(run) = it else { continue };
        if run.glyphs.is_empty() {
            continue;
        }
        let Some(plan) = plans.get(&run.face) else {
            continue;
        };
        if !open {
            out.extend_from_slice(b"BT\n");
            open = true;
        }
        if colour != Some(run.colour) {
            set_colour(&mut out, run.colour, b"rg\n");
            colour = Some(run.colour);
        }
        if font != Some((run.face, run.size)) {
            out.push(b'/');
            out.extend_from_slice(FACES[usize::from(run.face)].tag.as_bytes());
            out.push(b' ');
            num(&mut out, run.size, 100.0);
            out.extend_from_slice(b" Tf\n");
            font = Some((run.face, run.size));
        }
        marked.switch(&mut out, marks.marker(i, it, tree));
        out.extend_from_slice(b"1 0 0 1 ");
        num(&mut out, run.x, 100.0);
        out.push(b' ');
        num(&mut out, PAGE_HEIGHT - run.y, 100.0);
        out.extend_from_slice(b" Tm\n[");
        // Glyphs whose advance matches /W share one string; a glyph the
        // layout moved ends it with a correction in thousandths of an em.
        // Strings are literal, two bytes per glyph (half the size of hex,
        // and so half the work for the compressor).
        let mut in_string = false;
        for g in &run.glyphs {
            if !in_string {
                out.push(b'(');
                in_string = true;
            }
            code(&mut out, plan.cid(g.gid));
            let want = g.advance * 1000.0 / run.size;
            let off = fonts.pdf_width(run.face, g.gid) - want;
            if off.abs() >= 0.005 {
                out.extend_from_slice(b") ");
                num(&mut out, off, 100.0);
                out.push(b' ');
                in_string = false;
            }
        }
        if in_string {
            out.push(b')');
        }
        out.extend_from_slice(b"] TJ\n");
    }
    marked.close(&mut out);
    if open {
        out.extend_from_slice(b"ET\n");
    }
    out
}

/// An embedded image as a page draws it.
#[derive(Debug, Clone)]
pub(crate) struct ImageRef {
    /// Its XObject's name in the page resources.
    pub name: String,
    /// Width and height in pixels as shown (EXIF orientation applied).
    pub shown: (u32, u32),
    /// EXIF orientation, 1–8.
    pub orientation: u8,
}

/// A page's rectangles, rules and images as content operators, in item
/// order (so a band laid over a photo is drawn over it), each in its
/// marked-content sequence (mostly artifacts; a chart's bars and a photo
/// are their figure's content). They are drawn before the text: they are
/// its backgrounds. Written here rather than through printpdf, which builds
/// an object tree per operator (the 10× report's tables have tens of
/// thousands) and has no clipping for a photo cropped to fill its frame.
pub(crate) fn page_shapes(
    items: &[FrameItem],
    images: &std::collections::HashMap<String, ImageRef>,
    marks: &PageMarks,
    tree: &Structure,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 * 1024);
    let mut marked = MarkedContent::default();
    for (i, it) in items.iter().enumerate() {
        if matches!(
            it,
            FrameItem::Rect { .. } | FrameItem::Rule { .. } | FrameItem::Image { .. }
        ) {
            marked.switch(&mut out, marks.marker(i, it, tree));
        }
        if let FrameItem::Image {
            src,
            x,
            y,
            w,
            h,
            cover,
            ..
        } = it
        {
            if let Some(img) = images.get(src) {
                draw_image(&mut out, img, [*x, PAGE_HEIGHT - (y + h), *w, *h], *cover);
            }
            continue;
        }
        match *it {
            FrameItem::Rect {
                x, y, w, h, fill, ..
            } => {
                set_colour(&mut out, fill, b"rg\n");
                for v in [x, PAGE_HEIGHT - (y + h), w, h] {
                    num(&mut out, v, 100.0);
                    out.push(b' ');
                }
                out.extend_from_slice(b"re f\n");
            }
            FrameItem::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                colour: c,
                ..
            } => {
                set_colour(&mut out, c, b"RG ");
                num(&mut out, width, 100.0);
                out.extend_from_slice(b" w ");
                for (v, op) in [
                    (x1, &b" "[..]),
                    (PAGE_HEIGHT - y1, b" m "),
                    (x2, b" "),
                    (PAGE_HEIGHT - y2, b" l S\n"),
                ] {
                    num(&mut out, v, 100.0);
                    out.extend_from_slice(op);
                }
            }
            _ => {}
        }
    }
    marked.close(&mut out);
    out
}

/// Draws an image into `frame` (left, bottom, width, height in PDF
/// space): the whole image, or, when `cover`, scaled to cover the frame,
/// centred and clipped to it. The EXIF orientation turns the image in the
/// same matrix, so the stored pixels are used as they are.
fn draw_image(out: &mut Vec<u8>, img: &ImageRef, frame: [f32; 4], cover: bool) {
    let [fx, fy, fw, fh] = frame;
    let (sw, sh) = (img.shown.0.max(1) as f32, img.shown.1.max(1) as f32);
    let (bx, by, bw, bh) = if cover {
        let scale = (fw / sw).max(fh / sh);
        let (bw, bh) = (sw * scale, sh * scale);
        (fx + (fw - bw) / 2.0, fy + (fh - bh) / 2.0, bw, bh)
    } else {
        (fx, fy, fw, fh)
    };
    out.extend_from_slice(b"q\n");
    if cover {
        for v in frame {
            num(out, v, 100.0);
            out.push(b' ');
        }
        out.extend_from_slice(b"re W n\n");
    }
    let [a, b, c, d, e, f] = crate::images::orientation_matrix(img.orientation);
    for v in [bw * a, bh * b, bw * c, bh * d, bx + bw * e, by + bh * f] {
        num(out, v, 1000.0);
        out.push(b' ');
    }
    out.extend_from_slice(b"cm /");
    out.extend_from_slice(img.name.as_bytes());
    out.extend_from_slice(b" Do Q\n");
}

/// An RGB colour operator: `op` is `rg` (fill) or `RG` (stroke).
fn set_colour(out: &mut Vec<u8>, c: Colour, op: &[u8]) {
    for v in [c.0, c.1, c.2] {
        num(out, v, 1000.0);
        out.push(b' ');
    }
    out.extend_from_slice(op);
}

/// Writes `v` rounded to 1/`scale`, without trailing zeros.
fn num(out: &mut Vec<u8>, v: f32, scale: f64) {
    let n = (f64::from(v) * scale).round() as i64;
    let scale = scale as i64;
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let (int, mut frac) = (n / scale as u64, n % scale as u64);
    out.extend_from_slice(itoa::Buffer::new().format(int).as_bytes());
    if frac > 0 {
        out.push(b'.');
        let mut div = scale as u64 / 10;
        while frac > 0 && div > 0 {
            out.push(b'0' + (frac / div) as u8);
            frac %= div;
            div /= 10;
        }
    }
}

/// A two-byte glyph code inside a literal string: the bytes as they are,
/// except the three a literal string must escape and CR, which a reader
/// would turn into LF.
fn code(out: &mut Vec<u8>, v: u16) {
    for b in v.to_be_bytes() {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(v: f32, scale: f64) -> String {
        let mut out = Vec::new();
        num(&mut out, v, scale);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn numbers_are_short_and_exact_to_their_precision() {
        assert_eq!(fmt(12.0, 100.0), "12");
        assert_eq!(fmt(12.5, 100.0), "12.5");
        assert_eq!(fmt(-0.256, 100.0), "-0.26");
        assert_eq!(fmt(0.004, 100.0), "0");
        assert_eq!(fmt(0.051, 1000.0), "0.051");
        assert_eq!(fmt(841.89, 100.0), "841.89");
    }

    #[test]
    fn glyph_codes_are_two_bytes_with_escapes() {
        let mut out = Vec::new();
        code(&mut out, 0x0041);
        code(&mut out, 0x2829); // "()"
        code(&mut out, 0x5C0D); // backslash, CR
        assert_eq!(out, b"\0A\\(\\)\\\\\\r");
    }
}
