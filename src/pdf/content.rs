//! Each page's content stream, made, fingerprinted and compressed one page
//! at a time: folio's shapes before and its text after printpdf's
//! (empty) content, and the embedded fonts as the page's resources.
//!
//! A page's content is deflated as soon as it is made, so the document
//! never holds every page uncompressed at once (the 10× report's pages
//! came to about 14 MiB of operators, held with their joined copies until
//! the end). The document's `/ID` is a fingerprint of every stream in
//! object order with the pages' content uncompressed (as it was when the
//! pages were compressed last), so it is taken in the same walk.

use super::print::{self, Edition};
use crate::compose::DocMeta;
use crate::fingerprint::Fingerprint;
use crate::layout::fonts::FACES;
use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Dictionary, Object, ObjectId};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// What folio draws on a page: graphics under the text.
pub(super) struct PageContent {
    /// Rectangles, rules and images, in item order.
    pub shapes: Vec<u8>,
    /// The text object.
    pub text: Vec<u8>,
}

/// One deflater for the whole document, reset between streams: setting
/// one up allocates and clears its tables, which costs more than
/// compressing a page.
///
/// Level 1 (zlib-rs's quick strategy): measured on the default report,
/// the file is 273 KB against 226 KB at level 5, and compressing takes
/// about 3 ms instead of 9, a seventh of the whole build.
pub(super) struct Deflater(Compress);

impl Deflater {
    /// A level-1 zlib deflater.
    pub(super) fn new() -> Deflater {
        Deflater(Compress::new(Compression::new(1), true))
    }

    /// Deflates `s` in place (`/Filter /FlateDecode`) unless it is
    /// already filtered, may not be compressed, is shorter than 64 bytes
    /// or would not get smaller.
    pub(super) fn stream(&mut self, s: &mut lopdf::Stream) {
        if s.dict.has(b"Filter") || !s.allows_compression || s.content.len() < 64 {
            return;
        }
        let z = &mut self.0;
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

/// Gives every page the embedded fonts as resources and its content
/// (`make(page index)`), deflating each page's stream as it is made;
/// returns the fingerprint of the metadata and of every stream in object
/// order, each page's content as made, before deflating (the `/ID`).
///
/// The content joins printpdf's stream, one stream per page; should
/// printpdf have written a page's content otherwise, folio's shapes and
/// text become streams of their own before and after it, in the same
/// order, and are deflated with the fonts.
pub(super) fn add(
    ld: &mut lopdf::Document,
    mut make: impl FnMut(usize) -> PageContent,
    font_ids: &BTreeMap<u8, ObjectId>,
    edition: Edition,
    meta: &DocMeta,
    z: &mut Deflater,
) -> u128 {
    let font_dict = Dictionary::from_iter(font_ids.iter().map(|(&face, &id)| {
        (
            FACES[usize::from(face)].tag.as_bytes().to_vec(),
            Object::Reference(id),
        )
    }));
    let page_ids: Vec<ObjectId> = ld.get_pages().values().copied().collect();
    // Each page's own uncompressed stream, to be joined when the walk
    // below reaches it.
    let mut joined: FxHashMap<ObjectId, usize> = FxHashMap::default();
    for (i, &page) in page_ids.iter().enumerate() {
        let Ok(dict) = ld.get_dictionary(page) else {
            continue;
        };
        let existing = match dict.get(b"Contents") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        let shared = match existing.as_slice() {
            [Object::Reference(id)] => match ld.objects.get(id) {
                Some(Object::Stream(st)) if !st.dict.has(b"Filter") => Some(*id),
                _ => None,
            },
            _ => None,
        };
        match shared {
            Some(id) => {
                joined.insert(id, i);
            }
            None => {
                let PageContent { shapes, text } = framed(make(i), edition);
                if text.is_empty() && shapes.is_empty() {
                    continue;
                }
                let before = ld.add_object(lopdf::Stream::new(Dictionary::new(), shapes));
                let after = ld.add_object(lopdf::Stream::new(Dictionary::new(), text));
                let mut all = vec![Object::Reference(before)];
                all.extend(existing);
                all.push(Object::Reference(after));
                if let Ok(p) = ld.get_dictionary_mut(page) {
                    p.set("Contents", Object::Array(all));
                }
                set_fonts(ld, page, &font_dict);
            }
        }
    }
    // Pages given content in the walk, whose fonts are set after it.
    let mut drawn = Vec::with_capacity(joined.len());
    let mut h = Fingerprint::default();
    h.write(meta.title.as_bytes());
    h.write(meta.author.as_bytes());
    for (id, obj) in ld.objects.iter_mut() {
        let Object::Stream(st) = obj else { continue };
        if let Some(&i) = joined.get(id) {
            let PageContent { shapes, text } = framed(make(i), edition);
            if !(text.is_empty() && shapes.is_empty()) {
                let mut content = shapes;
                content.extend_from_slice(&st.content);
                content.push(b'\n');
                content.extend_from_slice(&text);
                st.set_content(content);
                h.write(&st.content);
                z.stream(st);
                drawn.push(page_ids[i]);
                continue;
            }
        }
        h.write(&st.content);
    }
    for page in drawn {
        set_fonts(ld, page, &font_dict);
    }
    h.finish()
}

/// The print edition's page moved onto the larger sheet, crop marks
/// around it; the screen edition's as it is.
fn framed(c: PageContent, edition: Edition) -> PageContent {
    match edition {
        Edition::Screen => c,
        Edition::Print => {
            let mut shapes = print::before();
            shapes.extend_from_slice(&c.shapes);
            let mut text = c.text;
            text.extend_from_slice(&print::after());
            PageContent { shapes, text }
        }
    }
}

/// Sets the page's `/Font` resources: in its resource dictionary, inline
/// or a reference. (A page with nothing drawn gets none.)
fn set_fonts(ld: &mut lopdf::Document, page: ObjectId, font_dict: &Dictionary) {
    let resources = ld
        .get_dictionary(page)
        .ok()
        .and_then(|d| d.get(b"Resources").ok().cloned());
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

/// Deflates every stream left uncompressed (fonts, CMaps, metadata).
pub(super) fn compress_rest(ld: &mut lopdf::Document, z: &mut Deflater) {
    for obj in ld.objects.values_mut() {
        if let Object::Stream(s) = obj {
            z.stream(s);
        }
    }
}
