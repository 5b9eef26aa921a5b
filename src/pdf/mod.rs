//! Pages → PDF bytes. printpdf writes the document, its pages, images
//! and metadata; folio writes each page's shapes and text itself
//! ([`text`], joined to printpdf's content stream), embeds subset fonts
//! ([`fonts`]) and adds link annotations; lopdf then adds what printpdf
//! lacks: a nested outline with positions, a structure tree, `/Lang`,
//! `DisplayDocTitle`, a `/PageMode` name and a document `/ID` derived from
//! the content, so the same input gives the same bytes.

pub mod archive;
mod content;
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
use crate::layout::fonts::FontSet;
use crate::layout::{Layout, PAGE_HEIGHT, PAGE_WIDTH};
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
    let pages: Vec<PdfPage> = pages_in
        .iter()
        .map(|_| {
            let (w, h) = match edition {
                Edition::Screen => (PAGE_WIDTH, PAGE_HEIGHT),
                Edition::Print => print::sheet(),
            };
            // The boxes are set again in points below: printpdf's
            // millimetres would round them in the last digits.
            PdfPage::new(Mm::from(Pt(w)), Mm::from(Pt(h)), Vec::new())
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
    // Each page's content is made when its stream is reached, and
    // deflated at once.
    let make = |i: usize| {
        let (items, m) = (&pages_in[i].items, &marks[i]);
        content::PageContent {
            shapes: text::page_shapes(items, &xobjects, m, tree),
            text: text::page_text(items, fonts, &plans, m, tree),
        }
    };
    let mut z = content::Deflater::new();
    let id = content::add(&mut ld, make, &font_ids, edition, meta, &mut z);
    let page_ids: Vec<ObjectId> = ld.get_pages().values().copied().collect();
    let placed = match edition {
        Edition::Screen => {
            for &p in &page_ids {
                set_page_boxes(&mut ld, p);
            }
            links::place(&mut ld, layout, &page_ids)
        }
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
    finish(&mut ld, layout, meta, edition, id);
    archive::add(&mut ld, meta, id);
    content::compress_rest(&mut ld, &mut z);
    // Tagging and /Lang are PDF 1.4 and later; printpdf writes a 1.3
    // header.
    ld.version = "1.7".to_string();
    Ok(serial::save(&ld, prewritten))
}

/// The screen edition's MediaBox, CropBox and TrimBox: the layout's page
/// (`style::page`), so the PDF's page is exactly the one laid out.
fn set_page_boxes(ld: &mut lopdf::Document, page: ObjectId) {
    let rect = Object::Array(
        [0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT]
            .map(Object::Real)
            .to_vec(),
    );
    if let Ok(d) = ld.get_dictionary_mut(page) {
        for key in ["MediaBox", "CropBox", "TrimBox"] {
            d.set(key, rect.clone());
        }
    }
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

/// Catalog fixes, outline and the content-derived `/ID` (`id`, from
/// [`content::add`]).
fn finish(ld: &mut lopdf::Document, layout: &Layout, meta: &DocMeta, edition: Edition, id: u128) {
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
    let bytes = Object::String(id.to_be_bytes().to_vec(), StringFormat::Hexadecimal);
    ld.trailer
        .set("ID", Object::Array(vec![bytes.clone(), bytes]));
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
