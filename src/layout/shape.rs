//! Styled text → positioned glyphs with rustybuzz (kerning, ligatures), each
//! glyph keeping the byte offset of the text it came from, so line breaking
//! can measure any slice and the PDF can map glyphs back to Unicode.

use super::fonts::{primary, FaceId, Family, FontSet};
use crate::compose::{Colour, Link};
use std::ops::Range;

/// How a span of text is set.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    /// Serif or sans.
    pub family: Family,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Size in points.
    pub size: f32,
    /// Fill colour.
    pub colour: Colour,
    /// Link target.
    pub link: Option<Link>,
}

/// A shaped glyph.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Glyph id in `face`.
    pub gid: u16,
    /// Face it comes from.
    pub face: FaceId,
    /// Advance in points.
    pub advance: f32,
    /// Byte offset of its cluster in the paragraph text.
    pub cluster: usize,
    /// Index of its style.
    pub style: usize,
}

/// A paragraph's text, styles and shaped glyphs (in logical order).
#[derive(Debug, Clone)]
pub struct Shaped {
    /// The text.
    pub text: String,
    /// Styles; spans index into this.
    pub styles: Vec<TextStyle>,
    /// (byte range, style index), covering `text` in order.
    pub spans: Vec<(Range<usize>, usize)>,
    /// Glyphs, ordered by cluster.
    pub glyphs: Vec<Glyph>,
}

/// A character no bundled face covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncovered {
    /// The character.
    pub ch: char,
}

/// Shapes `spans` of `text`.
///
/// ```
/// use folio::layout::{fonts::{FontSet, Family}, shape::{shape, TextStyle}};
/// use folio::compose::Colour;
/// let fonts = FontSet::load().unwrap();
/// let style = TextStyle { family: Family::Serif, bold: false, italic: false, size: 10.0, colour: Colour::TEXT, link: None };
/// let s = shape(&fonts, "office 年度", vec![style], vec![(0..13, 0)]).unwrap();
/// assert!(s.glyphs.len() < 9); // "ffi" is one ligature
/// ```
pub fn shape(
    fonts: &FontSet,
    text: &str,
    styles: Vec<TextStyle>,
    spans: Vec<(Range<usize>, usize)>,
) -> Result<Shaped, Uncovered> {
    let mut glyphs = Vec::with_capacity(text.len());
    for (range, si) in &spans {
        let st = &styles[*si];
        let prim = primary(st.family, st.bold, st.italic);
        // Split the span into runs of one face each.
        let mut run_start = range.start;
        let mut run_face: Option<FaceId> = None;
        for (i, c) in text[range.clone()].char_indices() {
            let at = range.start + i;
            if c == '\n' {
                // A forced line break: no glyph; the breaker sees it in the text.
                if let Some(f) = run_face.take() {
                    shape_run(fonts, text, run_start..at, f, st.size, *si, &mut glyphs);
                }
                run_start = at + 1;
                continue;
            }
            let face = fonts.resolve(prim, c).ok_or(Uncovered { ch: c })?;
            // Spaces stay in the current run so a CJK run does not split on them.
            let face = if c == ' ' {
                run_face.unwrap_or(face)
            } else {
                face
            };
            match run_face {
                Some(f) if f != face => {
                    shape_run(fonts, text, run_start..at, f, st.size, *si, &mut glyphs);
                    run_start = at;
                    run_face = Some(face);
                }
                None => run_face = Some(face),
                _ => {}
            }
        }
        if let Some(f) = run_face {
            shape_run(
                fonts,
                text,
                run_start..range.end,
                f,
                st.size,
                *si,
                &mut glyphs,
            );
        }
    }
    Ok(Shaped {
        text: text.to_string(),
        styles,
        spans,
        glyphs,
    })
}

fn shape_run(
    fonts: &FontSet,
    text: &str,
    range: Range<usize>,
    face: FaceId,
    size: f32,
    style: usize,
    out: &mut Vec<Glyph>,
) {
    if range.is_empty() {
        return;
    }
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str(&text[range.clone()]);
    buf.guess_segment_properties();
    let plan = fonts.plan(face, Some(buf.script()), buf.direction());
    let shaped = rustybuzz::shape_with_plan(fonts.face(face), &plan, buf);
    let scale = size / fonts.upem[usize::from(face)];
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        out.push(Glyph {
            gid: info.glyph_id as u16,
            face,
            advance: pos.x_advance as f32 * scale,
            cluster: range.start + info.cluster as usize,
            style,
        });
    }
}

impl Shaped {
    /// Index of the first glyph whose cluster is at or after `byte`.
    pub fn glyph_at(&self, byte: usize) -> usize {
        self.glyphs.partition_point(|g| g.cluster < byte)
    }

    /// Width of the glyphs of a byte range, in points.
    pub fn width(&self, range: Range<usize>) -> f32 {
        let a = self.glyph_at(range.start);
        let b = self.glyph_at(range.end);
        self.glyphs[a..b].iter().map(|g| g.advance).sum()
    }

    /// Style index at a byte offset.
    pub fn style_at(&self, byte: usize) -> usize {
        self.spans
            .iter()
            .find(|(r, _)| r.contains(&byte))
            .or(self.spans.last())
            .map_or(0, |(_, s)| *s)
    }
}
