//! Font embedding: each face the pages use becomes a subset (the `subsetter`
//! crate, which Typst uses) written as a composite (Type0, Identity-H) font
//! with its widths and a ToUnicode map, so text copies and searches as
//! written.
//!
//! We embed fonts ourselves rather than through printpdf because printpdf
//! parses every font in full (a copy of the 19 MB CJK collection) and then
//! re-parses each subset; here a face is read in place from the bytes
//! compiled into the binary, and only the glyphs used are touched.

use crate::layout::fonts::{FACES, FaceId, FontSet};
use lopdf::{Dictionary, Object, ObjectId, Stream};
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;

/// The glyphs one face draws, and the text each stands for.
#[derive(Debug, Default)]
pub struct GlyphUse {
    /// Original glyph id → the text it stands for (first seen wins; a
    /// ligature's glyph stands for all its characters).
    pub glyphs: BTreeMap<u16, String>,
}

/// Glyphs used per face, gathered from the pages before any is written.
pub type Usage = BTreeMap<FaceId, GlyphUse>;

/// A face ready for content streams: the glyph renumbering of its subset.
pub struct Embedded {
    remap: GlyphRemapper,
}

impl Embedded {
    /// The id a glyph has in the subset (content streams use it as the CID).
    pub fn cid(&self, gid: u16) -> u16 {
        self.remap.get(gid).unwrap_or(0)
    }
}

/// Numbers each face's glyphs for its subset, in glyph-id order so the same
/// pages always give the same subset.
///
/// ```
/// use folio::pdf::fonts::{plan, GlyphUse, Usage};
/// let mut usage = Usage::new();
/// usage.entry(0).or_insert_with(GlyphUse::default).glyphs.insert(68, "a".into());
/// let plans = plan(&usage);
/// assert_eq!(plans[&0].cid(68), 1); // 0 stays .notdef
/// ```
pub fn plan(usage: &Usage) -> BTreeMap<FaceId, Embedded> {
    usage
        .iter()
        .map(|(&face, u)| {
            let mut remap = GlyphRemapper::new();
            for &gid in u.glyphs.keys() {
                remap.remap(gid);
            }
            (face, Embedded { remap })
        })
        .collect()
}

/// Why a face could not be embedded.
#[derive(Debug)]
pub struct EmbedError {
    /// File name under `fonts/`.
    pub file: &'static str,
    /// What the subsetter said.
    pub reason: String,
}

/// Writes each planned face into `ld` as a Type0 font; returns the font
/// dictionaries by face.
pub fn embed(
    ld: &mut lopdf::Document,
    fonts: &FontSet,
    usage: &Usage,
    plans: &BTreeMap<FaceId, Embedded>,
) -> Result<BTreeMap<FaceId, ObjectId>, EmbedError> {
    let mut out = BTreeMap::new();
    for (&face, used) in usage {
        let Some(plan) = plans.get(&face) else {
            continue;
        };
        let file = &FACES[usize::from(face)];
        let fail = |reason: String| EmbedError {
            file: file.file,
            reason,
        };
        let subset = subsetter::subset(file.bytes, file.index, &plan.remap)
            .map_err(|e| fail(e.to_string()))?;
        let f = fonts.face(face);
        let cff = f.tables().cff.is_some();
        // CFF outlines are embedded as the bare CFF table (FontFile3,
        // CIDFontType0C); TrueType outlines as the whole subset (FontFile2).
        let (program, key, subtype) = if cff {
            let raw = ttf_parser::RawFace::parse(&subset, 0)
                .map_err(|e| fail(e.to_string()))?
                .table(ttf_parser::Tag::from_bytes(b"CFF "))
                .ok_or_else(|| fail("the subset has no CFF table".into()))?
                .to_vec();
            let mut d = Dictionary::new();
            d.set("Subtype", Object::Name(b"CIDFontType0C".to_vec()));
            (Stream::new(d, raw), "FontFile3", "CIDFontType0")
        } else {
            let mut d = Dictionary::new();
            d.set("Length1", Object::Integer(subset.len() as i64));
            (Stream::new(d, subset), "FontFile2", "CIDFontType2")
        };
        let program_id = ld.add_object(program);

        let upem = fonts.upem[usize::from(face)];
        let em = |v: f32| Object::Integer((v * 1000.0 / upem).round() as i64);
        let ps_name = postscript_name(f).unwrap_or_else(|| file.tag.to_string());
        let base_font = format!("{}+{}", file.tag, ps_name);
        let bbox = f.global_bounding_box();
        let italic = f.is_italic();
        let mut flags = 4; // symbolic: glyphs are addressed by CID, not a standard encoding
        if file.file.contains("Serif") {
            flags |= 2;
        }
        if italic {
            flags |= 64;
        }
        let mut desc = Dictionary::new();
        desc.set("Type", Object::Name(b"FontDescriptor".to_vec()));
        desc.set("FontName", Object::Name(base_font.clone().into_bytes()));
        desc.set("Flags", Object::Integer(flags));
        desc.set(
            "FontBBox",
            Object::Array(vec![
                em(f32::from(bbox.x_min)),
                em(f32::from(bbox.y_min)),
                em(f32::from(bbox.x_max)),
                em(f32::from(bbox.y_max)),
            ]),
        );
        desc.set(
            "ItalicAngle",
            Object::Real(f.italic_angle().clamp(-90.0, 90.0)),
        );
        desc.set("Ascent", em(f32::from(f.ascender())));
        desc.set("Descent", em(f32::from(f.descender())));
        desc.set(
            "CapHeight",
            em(f32::from(f.capital_height().unwrap_or(f.ascender()))),
        );
        desc.set("StemV", Object::Integer(if f.is_bold() { 120 } else { 80 }));
        desc.set(key, Object::Reference(program_id));
        let desc_id = ld.add_object(desc);

        // Widths of the subset's glyphs in order (CIDs 0..n are consecutive).
        let widths: Vec<Object> = plan
            .remap
            .remapped_gids()
            .map(|gid| Object::Integer(fonts.pdf_width(face, gid) as i64))
            .collect();
        let mut cid_font = Dictionary::new();
        cid_font.set("Type", Object::Name(b"Font".to_vec()));
        cid_font.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
        cid_font.set("BaseFont", Object::Name(base_font.clone().into_bytes()));
        cid_font.set(
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Registry", Object::string_literal("Adobe")),
                ("Ordering", Object::string_literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        );
        cid_font.set("FontDescriptor", Object::Reference(desc_id));
        cid_font.set(
            "W",
            Object::Array(vec![Object::Integer(0), Object::Array(widths)]),
        );
        if !cff {
            cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
        }
        let cid_id = ld.add_object(cid_font);

        let cmap = Stream::new(Dictionary::new(), to_unicode(used, plan));
        let cmap_id = ld.add_object(cmap);

        let mut type0 = Dictionary::new();
        type0.set("Type", Object::Name(b"Font".to_vec()));
        type0.set("Subtype", Object::Name(b"Type0".to_vec()));
        type0.set("BaseFont", Object::Name(base_font.into_bytes()));
        type0.set("Encoding", Object::Name(b"Identity-H".to_vec()));
        type0.set(
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_id)]),
        );
        type0.set("ToUnicode", Object::Reference(cmap_id));
        out.insert(face, ld.add_object(type0));
    }
    Ok(out)
}

/// The face's PostScript name (name id 6), as PDF font names want it.
fn postscript_name(f: &ttf_parser::Face) -> Option<String> {
    f.names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .map(|s| {
            s.chars()
                .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
                .collect()
        })
}

/// A ToUnicode CMap from subset CIDs to the text of each glyph.
fn to_unicode(used: &GlyphUse, plan: &Embedded) -> Vec<u8> {
    use std::fmt::Write;
    let mut pairs: Vec<(u16, &str)> = used
        .glyphs
        .iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|(&gid, t)| (plan.cid(gid), t.as_str()))
        .collect();
    pairs.sort_unstable();
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries per block, as the CMap format requires.
    for chunk in pairs.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (cid, text) in chunk {
            let _ = write!(s, "<{cid:04X}> <");
            for u in text.encode_utf16() {
                let _ = write!(s, "{u:04X}");
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s.into_bytes()
}
