//! Pages → PDF bytes. printpdf writes the document, its pages, images
//! and metadata; folio writes each page's shapes and text itself
//! ([`text`], joined to printpdf's content stream), embeds subset fonts
//! ([`fonts`]) and adds link annotations; lopdf then adds what printpdf
//! lacks: a nested outline with positions, a structure tree, `/Lang`,
//! `DisplayDocTitle`, a `/PageMode` name and a document `/ID` derived from
//! the content, so the same input gives the same bytes.

pub mod archive;
pub mod fonts;
mod images;
mod links;
mod outline;
pub mod print;
mod serial;
mod svg;
pub mod tags;
pub mod text;
mod tree;

use crate::compose::{DocMeta, Document};
use crate::images::Image;
use crate::layout::Layout;
use crate::layout::fonts::{FACES, FontSet};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
pub use print::Edition;
use printpdf::{
    ImageCompression, ImageOptimizationOptions, Mm, PdfDocument, PdfPage, PdfSaveOptions, Pt,
};
use std::collections::BTreeMap;
use tree::WrittenPages;

/// Why a PDF could not be written.
#[derive(Debug)]
pub enum PdfError {
    /// A bundled font could not be subset (file, reason).
    Font(&'static str, String),
    /// An image could not be decoded (path as written, reason).
    Image(String, String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Font(file, why) => write!(f, "cannot embed fonts/{file}: {why}"),
            PdfError::Image(src, e) => write!(
                f,
                "cannot decode image \"{src}\": {e}; expected a complete PNG or JPEG file"
            ),
        }
    }
}

impl std::error::Error for PdfError {}

/// Writes a laid-out document as PDF bytes.
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// let doc = folio::compose::compose(&loaded.report, None);
/// let layout = folio::layout::layout(&doc).unwrap();
/// let fonts = folio::layout::fonts::FontSet::load().unwrap();
/// let bytes = folio::pdf::write(&layout, &doc, &fonts).unwrap();
/// assert!(bytes.starts_with(b"%PDF"));
/// ```
pub fn write(layout: &Layout, document: &Document, fonts: &FontSet) -> Result<Vec<u8>, PdfError> {
    write_edition(
        layout,
        &document.meta,
        &document.images,
        fonts,
        Edition::Screen,
    )
}

/// Writes the screen or the print edition of a laid-out document: from
/// its pages, with the document's metadata and the images' bytes (and
/// nothing else of the composed document, as Typst's exporter reads only
/// its paged document).
pub fn write_edition(
    layout: &Layout,
    meta: &DocMeta,
    images: &BTreeMap<String, Image>,
    fonts: &FontSet,
    edition: Edition,
) -> Result<Vec<u8>, PdfError> {
    let bled;
    let pages_in = match edition {
        Edition::Screen => &layout.pages,
        Edition::Print => {
            bled = print::bleed(&layout.pages);
            &bled
        }
    };
    let mut doc = PdfDocument::new(&meta.title);
    let xobjects = images::embed_images(&mut doc, layout, images)?;
    // Glyphs are renumbered for the subsets before any text is written.
    let usage = text::usage(pages_in);
    let plans = fonts::plan(&usage);
    let tree = &layout.structure;
    let marks = tags::mark(pages_in, &meta.language);
    let mut contents: Vec<PageContent> = Vec::with_capacity(pages_in.len());
    let pages: Vec<PdfPage> = pages_in
        .iter()
        .zip(&marks)
        .map(|(p, m)| {
            contents.push(PageContent {
                shapes: text::page_shapes(&p.items, &xobjects, m, tree),
                text: text::page_text(&p.items, fonts, &plans, m, tree),
            });
            let (w, h) = match edition {
                Edition::Screen => (Mm(210.0), Mm(297.0)),
                Edition::Print => {
                    let (w, h) = print::sheet();
                    (Mm::from(Pt(w)), Mm::from(Pt(h)))
                }
            };
            PdfPage::new(w, h, Vec::new())
        })
        .collect();
    doc.with_pages(pages);

    let info = &mut doc.metadata.info;
    info.document_title = meta.title.clone();
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.creator = "folio".to_string();
    info.producer = format!("folio {}", env!("CARGO_PKG_VERSION"));
    let when = timestamp(meta);
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;

    // Images stay at full resolution and lossless (printpdf's defaults
    // downscale and re-encode); JPEGs are passed through untouched.
    let opts = PdfSaveOptions {
        image_optimization: Some(ImageOptimizationOptions {
            max_image_size: None,
            format: Some(ImageCompression::Flate),
            auto_optimize: Some(false),
            quality: None,
            dither_greyscale: Some(false),
            convert_to_greyscale: Some(false),
        }),
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let mut ld = doc.to_lopdf_document(&opts, &mut warnings);
    let font_ids = fonts::embed(&mut ld, fonts, &usage, &plans)
        .map_err(|e| PdfError::Font(e.file, e.reason))?;
    add_content(&mut ld, contents, &font_ids, edition);
    let page_ids: Vec<ObjectId> = ld.get_pages().values().copied().collect();
    let placed = match edition {
        Edition::Screen => links::place(&mut ld, layout, &page_ids),
        Edition::Print => {
            for &p in &page_ids {
                print::set_boxes(&mut ld, p);
            }
            links::Placed {
                per_page: vec![Vec::new(); page_ids.len()],
                links: Vec::new(),
            }
        }
    };
    let (mut prewritten, struct_parents) = tree::write(
        &mut ld,
        tree,
        pages_in,
        &marks,
        WrittenPages {
            ids: &page_ids,
            annotations: &placed.per_page,
        },
    );
    links::write(placed.links, &struct_parents, &mut prewritten);
    let id = finish(&mut ld, layout, meta, edition);
    archive::add(&mut ld, meta, id);
    compress_streams(&mut ld);
    // Tagging and /Lang are PDF 1.4 and later; printpdf writes a 1.3
    // header.
    ld.version = "1.7".to_string();
    Ok(serial::save(&ld, prewritten))
}

fn timestamp(meta: &DocMeta) -> printpdf::OffsetDateTime {
    printpdf::OffsetDateTime {
        date: printpdf::Date {
            year: meta.date.year,
            month: meta.date.month,
            day: meta.date.day,
        },
        time: printpdf::Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

/// What folio draws on a page: graphics under the text.
struct PageContent {
    /// Rectangles, rules and images, in item order.
    shapes: Vec<u8>,
    /// The text object.
    text: Vec<u8>,
}

/// Puts each page's shapes before and its text after printpdf's content,
/// and gives every page the embedded fonts as resources.
fn add_content(
    ld: &mut lopdf::Document,
    contents: Vec<PageContent>,
    font_ids: &BTreeMap<u8, ObjectId>,
    edition: Edition,
) {
    let font_dict = Dictionary::from_iter(font_ids.iter().map(|(&face, &id)| {
        (
            FACES[usize::from(face)].tag.as_bytes().to_vec(),
            Object::Reference(id),
        )
    }));
    let page_ids: Vec<ObjectId> = ld.get_pages().values().copied().collect();
    for (
        page,
        PageContent {
            mut shapes,
            mut text,
        },
    ) in page_ids.into_iter().zip(contents)
    {
        if edition == Edition::Print {
            // The page onto the larger sheet, crop marks around it.
            let mut moved = print::before();
            moved.extend_from_slice(&shapes);
            shapes = moved;
            text.extend_from_slice(&print::after());
        }
        if text.is_empty() && shapes.is_empty() {
            continue;
        }
        let Ok(dict) = ld.get_dictionary(page) else {
            continue;
        };
        let existing = match dict.get(b"Contents") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        let resources = dict.get(b"Resources").ok().cloned();
        // Joined to printpdf's stream (still uncompressed here): one stream
        // per page, so one compression run per page.
        let shared = match existing.as_slice() {
            [Object::Reference(id)] => match ld.objects.get_mut(id) {
                Some(Object::Stream(st)) if !st.dict.has(b"Filter") => Some(st),
                _ => None,
            },
            _ => None,
        };
        match shared {
            Some(st) => {
                let mut content = shapes;
                content.extend_from_slice(&st.content);
                content.push(b'\n');
                content.extend_from_slice(&text);
                st.set_content(content);
            }
            None => {
                // Otherwise streams of their own, in the same order.
                let before = ld.add_object(lopdf::Stream::new(Dictionary::new(), shapes));
                let after = ld.add_object(lopdf::Stream::new(Dictionary::new(), text));
                let mut all = vec![Object::Reference(before)];
                all.extend(existing);
                all.push(Object::Reference(after));
                if let Ok(p) = ld.get_dictionary_mut(page) {
                    p.set("Contents", Object::Array(all));
                }
            }
        }
        // Resources may be inline or a reference; fonts go where they are.
        let res_dict = match resources {
            Some(Object::Reference(id)) => ld.get_dictionary_mut(id).ok(),
            _ => None,
        };
        match res_dict {
            Some(r) => r.set("Font", Object::Dictionary(font_dict.clone())),
            None => {
                let mut r = match resources {
                    Some(Object::Dictionary(d)) => d,
                    _ => Dictionary::new(),
                };
                r.set("Font", Object::Dictionary(font_dict.clone()));
                if let Ok(p) = ld.get_dictionary_mut(page) {
                    p.set("Resources", Object::Dictionary(r));
                }
            }
        }
    }
}

/// Catalog fixes, outline and a content-derived `/ID` (returned).
fn finish(ld: &mut lopdf::Document, layout: &Layout, meta: &DocMeta, edition: Edition) -> u128 {
    let page_ids = ld.get_pages();
    let outline = match edition {
        Edition::Screen => outline::build_outline(ld, &layout.headings, &page_ids),
        Edition::Print => None,
    };
    if let Ok(cat) = ld.catalog_mut() {
        cat.set(
            "Lang",
            Object::String(meta.language.as_bytes().to_vec(), StringFormat::Literal),
        );
        cat.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        // Viewers show the number printed on the page: the cover counts
        // as page 1, and every folio is the page's place in the file.
        cat.set(
            "PageLabels",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "Nums",
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Dictionary(Dictionary::from_iter(vec![(
                        "S",
                        Object::Name(b"D".to_vec()),
                    )])),
                ]),
            )])),
        );
        cat.set(
            "ViewerPreferences",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "DisplayDocTitle",
                Object::Boolean(true),
            )])),
        );
        match outline {
            Some(id) => cat.set("Outlines", Object::Reference(id)),
            None => {
                cat.remove(b"Outlines");
            }
        }
    }
    // A stable document id: a hash of every stream (pages, fonts, images)
    // and the metadata, in object order.
    let mut h = crate::fingerprint::Fingerprint::default();
    h.write(meta.title.as_bytes());
    h.write(meta.author.as_bytes());
    for obj in ld.objects.values() {
        if let Object::Stream(s) = obj {
            h.write(&s.content);
        }
    }
    let id = h.finish();
    let bytes = Object::String(id.to_be_bytes().to_vec(), StringFormat::Hexadecimal);
    ld.trailer
        .set("ID", Object::Array(vec![bytes.clone(), bytes]));
    id
}

/// Deflates every stream left uncompressed (page contents, fonts, CMaps).
/// Level 1 (zlib-rs's quick strategy): measured on the default report, the
/// file is 273 KB against 226 KB at level 5, and compressing takes about
/// 3 ms instead of 9, a seventh of the whole build.
fn compress_streams(ld: &mut lopdf::Document) {
    use flate2::{Compress, Compression, FlushCompress, Status};
    // One compressor, reset between streams: setting one up allocates and
    // clears its tables, which cost more than compressing a page.
    let mut z = Compress::new(Compression::new(1), true);
    for obj in ld.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        if s.dict.has(b"Filter") || !s.allows_compression || s.content.len() < 64 {
            continue;
        }
        z.reset();
        let mut packed = Vec::with_capacity(s.content.len() / 2 + 64);
        let done = loop {
            let read = z.total_in() as usize;
            match z.compress_vec(&s.content[read..], &mut packed, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => break true,
                Ok(_) => packed.reserve(packed.capacity().max(64)),
                Err(_) => break false,
            }
        };
        if done && packed.len() < s.content.len() {
            s.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            s.set_content(packed);
        }
    }
}

/// A PDF text string: PDFDocEncoding-safe ASCII as is, else UTF-16BE.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut b = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(b, StringFormat::Hexadecimal)
    }
}
