//! Styled text → positioned glyphs with HarfRust (kerning, ligatures), each
//! glyph keeping the byte offset of the text it came from, so line breaking
//! can measure any slice and the PDF can map glyphs back to Unicode.

use super::fonts::{CJK, FaceId, Family, FontSet, primary};
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
    /// For each byte offset (and the end), the first glyph at or after it:
    /// line breaking asks this for every word, space and hyphenation point.
    first_glyph: Vec<u32>,
    /// Sum of the advances of the glyphs before each glyph (and the total).
    before: Vec<f32>,
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
        face_runs(fonts, text, range.clone(), prim, |run, face| {
            shape_run(fonts, text, run, face, st.size, *si, &mut glyphs);
        })?;
    }
    let mut first_glyph = Vec::with_capacity(text.len() + 1);
    let mut gi = 0usize;
    for byte in 0..=text.len() {
        while gi < glyphs.len() && glyphs[gi].cluster < byte {
            gi += 1;
        }
        first_glyph.push(gi as u32);
    }
    let mut before = Vec::with_capacity(glyphs.len() + 1);
    let mut sum = 0.0f32;
    before.push(sum);
    for g in &glyphs {
        sum += g.advance;
        before.push(sum);
    }
    Ok(Shaped {
        text: text.to_string(),
        styles,
        spans,
        glyphs,
        first_glyph,
        before,
    })
}

/// Splits `range` of `text` into runs of one face each (the style's
/// primary face, else the CJK face) and calls `f` with each; a line feed
/// ends a run and belongs to none.
fn face_runs(
    fonts: &FontSet,
    text: &str,
    range: Range<usize>,
    prim: FaceId,
    mut f: impl FnMut(Range<usize>, FaceId),
) -> Result<(), Uncovered> {
    let mut run_start = range.start;
    let mut run_face: Option<FaceId> = None;
    // Stretches of Chinese, Japanese or Korean text, digits and punctuation
    // inside them included: set in the CJK face throughout, so a date in a
    // Chinese line is not a bold Latin island (and is read as one language).
    let mut cjk: Vec<Range<usize>> = Vec::new();
    if !text[range.clone()].is_ascii() {
        let mut at = range.start;
        for (part, lang) in crate::lang::segments(&text[range.clone()]) {
            if matches!(lang, Some("zh" | "ja" | "ko")) {
                cjk.push(at..at + part.len());
            }
            at += part.len();
        }
    }
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        if c == '\n' {
            // A forced line break: no glyph; the breaker sees it in the text.
            if let Some(face) = run_face.take() {
                f(run_start..at, face);
            }
            run_start = at + 1;
            continue;
        }
        let in_cjk = cjk.iter().any(|r| r.contains(&at));
        let face = if in_cjk && c != ' ' && fonts.covers(CJK, c) {
            CJK
        } else {
            fonts.resolve(prim, c).ok_or(Uncovered { ch: c })?
        };
        // Spaces stay in the current run so a CJK run does not split on them.
        let face = if c == ' ' {
            run_face.unwrap_or(face)
        } else {
            face
        };
        match run_face {
            Some(cur) if cur != face => {
                f(run_start..at, cur);
                run_start = at;
                run_face = Some(face);
            }
            None => run_face = Some(face),
            _ => {}
        }
    }
    if let Some(face) = run_face {
        f(run_start..range.end, face);
    }
    Ok(())
}

/// Calls `f` with each word and each stretch of spaces of `run`, with its
/// byte offset: the pieces shaped and cached one by one.
fn pieces(run: &str, mut f: impl FnMut(usize, &str)) {
    let mut start = 0;
    while start < run.len() {
        let space = run[start..].starts_with(' ');
        let len = run[start..]
            .find(|c: char| (c == ' ') != space)
            .unwrap_or(run.len() - start);
        f(start, &run[start..start + len]);
        start += len;
    }
}

/// The advance width of `text` set in one style, in points: what
/// [`shape`] would give, without keeping the glyphs (tables measure every
/// cell and every word).
///
/// ```
/// use folio::layout::{fonts::{FontSet, Family}, shape::{advance, shape, TextStyle}};
/// use folio::compose::Colour;
/// let fonts = FontSet::load().unwrap();
/// let style = TextStyle { family: Family::Sans, bold: false, italic: false, size: 9.0, colour: Colour::TEXT, link: None };
/// let t = "Mayor of Malmö, 年度";
/// let shaped = shape(&fonts, t, vec![style.clone()], vec![(0..t.len(), 0)]).unwrap();
/// let w = advance(&fonts, t, &style).unwrap();
/// assert!((w - shaped.width(0..t.len())).abs() < 0.001);
/// ```
pub fn advance(fonts: &FontSet, text: &str, style: &TextStyle) -> Result<f32, Uncovered> {
    let prim = primary(style.family, style.bold, style.italic);
    let mut total = 0.0f32;
    face_runs(fonts, text, 0..text.len(), prim, |run, face| {
        let scale = style.size / fonts.upem[usize::from(face)];
        pieces(&text[run], |_, piece| {
            fonts.with_shaped(face, piece, |glyphs| {
                for g in glyphs {
                    total += g.advance as f32 * scale;
                }
            });
        });
    })?;
    Ok(total)
}

/// Shapes one run of a single face, word by word: a word's glyphs come
/// from the face's cache when the word was shaped before (a report repeats
/// most of its words, and tables repeat whole cells), and are shaped and
/// cached otherwise. Words are split at spaces, as browsers' word caches
/// do: no ligature spans a space, and the faces have no kerning pairs with
/// the space glyph.
fn shape_run(
    fonts: &FontSet,
    text: &str,
    range: Range<usize>,
    face: FaceId,
    size: f32,
    style: usize,
    out: &mut Vec<Glyph>,
) {
    let scale = size / fonts.upem[usize::from(face)];
    pieces(&text[range.clone()], |start, piece| {
        let at = range.start + start;
        fonts.with_shaped(face, piece, |glyphs| {
            out.extend(glyphs.iter().map(|g| Glyph {
                gid: g.gid,
                face,
                advance: g.advance as f32 * scale,
                cluster: at + g.cluster as usize,
                style,
            }));
        });
    });
}

impl Shaped {
    /// Index of the first glyph whose cluster is at or after `byte`.
    pub fn glyph_at(&self, byte: usize) -> usize {
        match self.first_glyph.get(byte) {
            Some(&g) => g as usize,
            None => self.glyphs.len(),
        }
    }

    /// Width of the glyphs of a byte range, in points.
    pub fn width(&self, range: Range<usize>) -> f32 {
        let a = self.glyph_at(range.start);
        let b = self.glyph_at(range.end).max(a);
        self.before[b] - self.before[a]
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The Chinese banner's date and place: one run in the CJK face, not
    /// six alternating between bold Latin digits and Chinese.
    #[test]
    fn digits_and_punctuation_inside_chinese_text_are_set_in_the_cjk_face() {
        let fonts = FontSet::load().unwrap();
        let bold = primary(Family::Sans, true, false);
        let text = "Kunming: 2023年11月8-10日 云南昆明, China";
        let mut runs = Vec::new();
        face_runs(&fonts, text, 0..text.len(), bold, |r, f| {
            runs.push((&text[r], f))
        })
        .unwrap();
        assert_eq!(
            runs,
            [
                ("Kunming: ", bold),
                ("2023年11月8-10日 云南昆明", CJK),
                (", China", bold)
            ]
        );
    }
}
