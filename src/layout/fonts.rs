//! The bundled faces and how a character finds one: each text style has a
//! primary face, then the CJK face; a character neither covers is an error
//! (never a missing-glyph box). Faces are compiled into the binary, so
//! loading costs nothing and `folio` runs from any folder.

use harfrust::{Direction, Script, ShapeOptions, ShapePlan, ShaperFont};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;
use ttf_parser::Face;

/// Index of a face in [`FACES`].
pub type FaceId = u8;

/// A bundled font face.
pub struct FaceFile {
    /// File name under `fonts/`.
    pub file: &'static str,
    /// The font file's bytes.
    pub bytes: &'static [u8],
    /// Face index inside a collection (`.ttc`).
    pub index: u32,
    /// Six capital letters: the PDF resource id and subset tag.
    pub tag: &'static str,
}

macro_rules! face {
    ($file:literal, $index:expr, $tag:literal) => {
        FaceFile {
            file: $file,
            bytes: include_bytes!(concat!("../../fonts/", $file)),
            index: $index,
            tag: $tag,
        }
    };
}

/// Every face folio can use, in [`FaceId`] order.
pub static FACES: [FaceFile; 8] = [
    face!("NotoSerif-Regular.ttf", 0, "FOSERR"),
    face!("NotoSerif-Italic.ttf", 0, "FOSERI"),
    face!("NotoSerif-Bold.ttf", 0, "FOSERB"),
    face!("NotoSerif-BoldItalic.ttf", 0, "FOSERZ"),
    face!("NotoSans-Regular.ttf", 0, "FOSANR"),
    face!("NotoSans-Bold.ttf", 0, "FOSANB"),
    face!("NotoSans-Italic.ttf", 0, "FOSANI"),
    // Index 2 is Simplified Chinese; the face also covers kana and hangul.
    face!("NotoSansCJK-Regular.ttc", 2, "FOCJKR"),
];

/// The CJK fallback face.
pub const CJK: FaceId = 7;

/// Type family of a text style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Noto Serif: body text.
    Serif,
    /// Noto Sans: headings, tables, furniture.
    Sans,
}

/// The primary face for a family and style.
pub fn primary(family: Family, bold: bool, italic: bool) -> FaceId {
    match (family, bold, italic) {
        (Family::Serif, false, false) => 0,
        (Family::Serif, false, true) => 1,
        (Family::Serif, true, false) => 2,
        (Family::Serif, true, true) => 3,
        (Family::Sans, false, false) => 4,
        (Family::Sans, true, _) => 5,
        (Family::Sans, false, true) => 6,
    }
}

/// Face, script and whether right-to-left: what a shaping plan depends on.
type PlanKey = (FaceId, Option<Script>, bool);

/// A glyph of a shaped word, in font units (independent of size).
#[derive(Debug, Clone, Copy)]
pub struct WordGlyph {
    /// Glyph id.
    pub gid: u16,
    /// Advance in font units.
    pub advance: i32,
    /// Byte offset of its cluster in the word.
    pub cluster: u32,
}

/// Shaped words of one face, by their text.
type WordCache = FxHashMap<Box<str>, Box<[WordGlyph]>>;

/// Characters below this are looked up in a per-face coverage table.
const COVERAGE_TABLE: usize = 0x3000;

/// Parsed faces, ready for shaping and measuring.
pub struct FontSet {
    /// Faces for metrics and coverage (read in place, no copy).
    faces: Vec<Face<'static>>,
    /// The same faces for the shaper (HarfRust, the HarfBuzz project's
    /// Rust port).
    shapers: Vec<harfrust::Font>,
    /// One buffer reused for every word shaped.
    buffer: RefCell<harfrust::Buffer>,
    /// Units per em of each face.
    pub upem: Vec<f32>,
    /// Ascender of each face, in em.
    pub ascent: Vec<f32>,
    /// Shaping plans by face, script and direction: compiling a plan costs
    /// more than shaping a short run, and a report has thousands of runs.
    plans: RefCell<FxHashMap<PlanKey, Rc<ShapePlan>>>,
    /// Shaped words per face: shaping is the costliest step of layout and
    /// a report repeats most of its words.
    words: Vec<RefCell<WordCache>>,
    /// Whether each face covers each character below `COVERAGE_TABLE`
    /// (0 unknown, 1 yes, 2 no), filled on first use: a cmap lookup per
    /// character is otherwise the commonest question in layout.
    coverage: Vec<RefCell<Vec<u8>>>,
}

/// A face that failed to parse (a corrupt font file).
#[derive(Debug, Clone)]
pub struct FontError {
    /// File name under `fonts/`.
    pub file: &'static str,
}

impl FontSet {
    /// Parses every bundled face (headers only: cheap).
    pub fn load() -> Result<FontSet, FontError> {
        FontSet::from_faces(&FACES)
    }

    /// Parses the given faces; a file that is not a font is an error naming it.
    pub fn from_faces(files: &[FaceFile]) -> Result<FontSet, FontError> {
        let mut faces = Vec::with_capacity(files.len());
        let mut shapers = Vec::with_capacity(files.len());
        for f in files {
            let face = Face::parse(f.bytes, f.index).map_err(|_| FontError { file: f.file })?;
            faces.push(face);
            shapers.push(harfrust::Font::new(f.bytes, f.index).ok_or(FontError { file: f.file })?);
        }
        let upem = faces.iter().map(|f| f.units_per_em() as f32).collect();
        let ascent = faces
            .iter()
            .map(|f| f.ascender() as f32 / f.units_per_em() as f32)
            .collect();
        let n = faces.len();
        Ok(FontSet {
            faces,
            shapers,
            buffer: RefCell::new(harfrust::Buffer::new()),
            upem,
            ascent,
            plans: RefCell::default(),
            words: (0..n).map(|_| RefCell::default()).collect(),
            coverage: (0..n)
                .map(|_| RefCell::new(vec![0; COVERAGE_TABLE]))
                .collect(),
        })
    }

    /// The shaping face.
    pub fn face(&self, id: FaceId) -> &Face<'static> {
        &self.faces[usize::from(id)]
    }

    /// The cached shaping plan for a face and the buffer's properties.
    pub fn plan(&self, id: FaceId, script: Option<Script>, direction: Direction) -> Rc<ShapePlan> {
        let key = (id, script, direction == Direction::RightToLeft);
        self.plans
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| {
                Rc::new(ShapePlan::new(
                    &self.shapers[usize::from(id)],
                    direction,
                    script,
                    None,
                    &[],
                ))
            })
            .clone()
    }

    /// Whether a face has a glyph for `c`.
    pub fn covers(&self, id: FaceId, c: char) -> bool {
        let i = usize::from(id);
        let code = c as usize;
        if code >= COVERAGE_TABLE {
            return self.faces[i].glyph_index(c).is_some();
        }
        let mut table = self.coverage[i].borrow_mut();
        if table[code] == 0 {
            table[code] = if self.faces[i].glyph_index(c).is_some() {
                1
            } else {
                2
            };
        }
        table[code] == 1
    }

    /// Calls `f` with the glyphs of `word` shaped in face `id`, shaping it
    /// only the first time it is asked for.
    pub fn with_shaped<R>(&self, id: FaceId, word: &str, f: impl FnOnce(&[WordGlyph]) -> R) -> R {
        let cache = &self.words[usize::from(id)];
        if let Some(glyphs) = cache.borrow().get(word) {
            return f(glyphs);
        }
        let mut buf = self.buffer.borrow_mut();
        buf.clear();
        buf.push_str(word);
        buf.guess_segment_properties();
        if buf.direction() == Direction::Invalid {
            buf.set_direction(Direction::LeftToRight);
        }
        let plan = self.plan(id, buf.script(), buf.direction());
        let font = ShaperFont::new(&self.shapers[usize::from(id)]);
        // A plan made for this buffer's script and direction always fits;
        // should shaping still fail, the word is left without glyphs and
        // measures zero rather than stopping the build.
        let glyphs: Box<[WordGlyph]> =
            match harfrust::shape(&font, &mut buf, ShapeOptions::new().plan(Some(&plan))) {
                Ok(()) => buf
                    .glyph_infos()
                    .iter()
                    .zip(buf.glyph_positions())
                    .map(|(info, pos)| WordGlyph {
                        gid: info.glyph_id as u16,
                        advance: pos.x_advance,
                        cluster: info.cluster,
                    })
                    .collect(),
                Err(_) => Box::default(),
            };
        drop(buf);
        let r = f(&glyphs);
        cache.borrow_mut().insert(word.into(), glyphs);
        r
    }

    /// The face that sets `c` in a style: the primary face, else CJK, else
    /// `None` (an error the caller reports with the character's place).
    pub fn resolve(&self, primary: FaceId, c: char) -> Option<FaceId> {
        if is_invisible(c) || self.covers(primary, c) {
            Some(primary)
        } else if self.covers(CJK, c) {
            Some(CJK)
        } else {
            None
        }
    }

    /// Width PDF viewers use for a glyph, in thousandths of an em: the
    /// horizontal advance in whole thousandths, as `pdf::fonts` writes `/W`.
    pub fn pdf_width(&self, id: FaceId, gid: u16) -> f32 {
        let face = &self.faces[usize::from(id)];
        let adv = face
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0);
        (f32::from(adv) * 1000.0 / self.upem[usize::from(id)]).trunc()
    }
}

/// Characters that need no glyph (they shape to nothing visible).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}'
    )
}
