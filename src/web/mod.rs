//! The web edition: the report as a folder of HTML pages written from
//! compose's document (the blocks the PDF is laid out from), so every
//! heading, paragraph, table row, chart, figure and link of the PDF is on
//! the web too, in the same order, with the same text.
//!
//! One page per chapter (`{section id}.html`), the cover and contents as
//! `index.html`, a style sheet with the report's colours, the fonts and
//! the images it shows. Self-contained: nothing is loaded from outside the
//! folder and no script runs, so it reads from a USB stick, from `file://`
//! and behind a strict Content-Security-Policy. Same bytes on every build.

mod blocks;
mod chart;
mod page;
mod style;

use crate::compose::{Block, Chapter, Document, Link};
use std::collections::BTreeMap;

/// A web edition in memory: files by path inside its folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edition {
    /// (path inside the folder, bytes), in a fixed order.
    pub files: Vec<(String, Vec<u8>)>,
}

/// A file built alongside that the edition links to ("Download the
/// printable report").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// What the link says.
    pub label: String,
    /// The file's name in the output folder (the edition's parent).
    pub file: String,
}

/// The web edition of a composed document. `downloads` are linked from
/// every page's footer and from the cover.
///
/// ```no_run
/// let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// let mut doc = folio::compose::compose(&loaded.report, None);
/// doc.images = loaded.images.clone();
/// let edition = folio::web::write(&doc, &[]);
/// assert_eq!(edition.files[0].0, "index.html");
/// ```
pub fn write(doc: &Document, downloads: &[Download]) -> Edition {
    let site = Site::new(doc, downloads);
    let mut files = Vec::new();
    files.push(("index.html".to_string(), page::cover(&site).into_bytes()));
    for (i, ch) in site.chapters.iter().enumerate() {
        files.push((
            site.pages[i].clone(),
            page::chapter(&site, i, ch).into_bytes(),
        ));
    }
    let mut css = site.palette.css();
    if site.logos {
        css.push_str(style::LOGOS_CSS);
    }
    files.push(("style.css".to_string(), css.into_bytes()));
    files.push(("icon.svg".to_string(), style::icon(site.doc).into_bytes()));
    // The fonts subset to the characters the pages hold (their markup
    // included: a superset, and it costs a few glyphs).
    let mut ascii = [false; 128];
    let mut other = rustc_hash::FxHashSet::default();
    for (_, bytes) in &files {
        for c in String::from_utf8_lossy(bytes).chars() {
            match ascii.get_mut(c as usize) {
                Some(seen) => *seen = true,
                None => {
                    other.insert(c);
                }
            }
        }
    }
    let used: std::collections::BTreeSet<char> = (0u8..128)
        .filter(|b| ascii[usize::from(*b)])
        .map(char::from)
        .chain(other)
        .collect();
    for (name, bytes) in style::fonts(&used) {
        files.push((format!("fonts/{name}"), bytes));
    }
    for (name, bytes) in &site.images.files {
        files.push((format!("images/{name}"), bytes.clone()));
    }
    Edition { files }
}

/// What every page needs to know about the whole edition.
struct Site<'a> {
    doc: &'a Document,
    /// Chapters in reading order, the back cover last.
    chapters: Vec<&'a Chapter>,
    /// Each chapter's page file name.
    pages: Vec<String>,
    /// Anchor → page that holds it.
    anchors: BTreeMap<String, String>,
    downloads: &'a [Download],
    palette: style::Palette,
    images: Images,
    /// Whether a page shows the supporters' logos (their rules join the
    /// style sheet).
    logos: bool,
}

impl<'a> Site<'a> {
    fn new(doc: &'a Document, downloads: &'a [Download]) -> Site<'a> {
        let chapters: Vec<&Chapter> = doc.chapters.iter().chain(&doc.back_cover).collect();
        let mut pages: Vec<String> = Vec::new();
        for ch in &chapters {
            let mut name = format!("{}.html", file_stem(&ch.id));
            while name == "index.html" || pages.contains(&name) {
                name = format!("{}-chapter.html", name.trim_end_matches(".html"));
            }
            pages.push(name);
        }
        let mut anchors = BTreeMap::new();
        let mut palette = style::Palette::default();
        let mut images = Images::default();
        let mut logos = false;
        for (ch, page) in chapters.iter().zip(&pages) {
            anchors.insert(ch.id.clone(), page.clone());
            palette.class(ch.colour);
            if let Some(p) = &ch.photo {
                images.add(doc, &p.src);
            }
            walk(ch.blocks.iter().chain(&ch.colophon), &mut |b| match b {
                Block::Heading { anchor, colour, .. } => {
                    anchors.insert(anchor.clone(), page.clone());
                    palette.class(*colour);
                }
                Block::Lead(_, c) => {
                    palette.class(*c);
                }
                Block::Table(t) => {
                    palette.class(t.colour);
                }
                Block::Chart(c) => {
                    for s in &c.series {
                        palette.class(s.colour);
                    }
                }
                Block::Figure { src, .. } => images.add(doc, src),
                Block::Logos { logos: row, .. } => {
                    logos = true;
                    for src in row.iter().filter_map(|l| l.src.as_deref()) {
                        images.add(doc, src);
                    }
                }
                _ => {}
            });
        }
        for (_, c) in &doc.pathways {
            palette.class(*c);
        }
        Site {
            doc,
            chapters,
            pages,
            anchors,
            downloads,
            palette,
            images,
            logos,
        }
    }

    /// Where a link goes, from a page of this edition.
    fn href(&self, link: &Link, here: &str) -> String {
        match link {
            Link::Uri(u) => u.clone(),
            Link::Anchor(a) => match self.anchors.get(a) {
                Some(p) if p == here => format!("#{a}"),
                Some(p) if self.chapters.iter().any(|c| &c.id == a) => p.clone(),
                Some(p) => format!("{p}#{a}"),
                None => format!("#{a}"),
            },
        }
    }
}

/// Visits every block, nested ones (list items, call-outs) included.
fn walk<'b>(blocks: impl Iterator<Item = &'b Block>, f: &mut impl FnMut(&'b Block)) {
    for b in blocks {
        f(b);
        match b {
            Block::List(items) => {
                for item in items {
                    walk(item.iter(), f);
                }
            }
            Block::Callout(inner) => walk(inner.iter(), f),
            _ => {}
        }
    }
}

/// A section id as a file name: ids are already plain (letters, digits,
/// hyphens); anything else becomes a hyphen.
fn file_stem(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The images the edition shows, copied into `images/`: one file per
/// image on disk, under its own name (numbered where two share one).
#[derive(Default)]
struct Images {
    /// Path as written in report.toml → file name in `images/`.
    names: BTreeMap<String, String>,
    /// File name → bytes, in the order first shown.
    files: Vec<(String, Vec<u8>)>,
    /// Canonical path on disk → file name.
    by_path: BTreeMap<std::path::PathBuf, String>,
}

impl Images {
    fn add(&mut self, doc: &Document, src: &str) {
        if self.names.contains_key(src) {
            return;
        }
        let Some(img) = doc.images.get(src) else {
            return;
        };
        if let Some(name) = self.by_path.get(&img.path) {
            self.names.insert(src.to_string(), name.clone());
            return;
        }
        let base = image_name(src, img.encoding);
        let mut name = base.clone();
        let mut n = 2;
        while self
            .files
            .iter()
            .any(|(f, _)| f.eq_ignore_ascii_case(&name))
        {
            name = match base.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}-{n}.{ext}"),
                None => format!("{base}-{n}"),
            };
            n += 1;
        }
        let bytes = match img.encoding {
            // The metadata was cut out at load; a browser turns the photo
            // by its EXIF orientation, so that one tag goes back in.
            crate::images::Encoding::Jpeg { .. } if img.orientation != 1 => {
                with_orientation(&img.bytes, img.orientation)
            }
            _ => img.bytes.to_vec(),
        };
        self.by_path.insert(img.path.clone(), name.clone());
        self.names.insert(src.to_string(), name.clone());
        self.files.push((name, bytes));
    }
}

/// An image's file name in `images/`: its own name made plain, its
/// dots (the extension) kept, since servers decide the type they send by
/// the extension (a browser draws an SVG only when it is served as one).
fn image_name(src: &str, encoding: crate::images::Encoding) -> String {
    let name = std::path::Path::new(src)
        .file_name()
        .map(|n| {
            let n = n.to_string_lossy();
            n.split('.').map(file_stem).collect::<Vec<_>>().join(".")
        })
        .filter(|n| !n.trim_matches('.').is_empty())
        .unwrap_or_else(|| "image".into());
    match encoding {
        crate::images::Encoding::Svg => {
            let stem = match name.rsplit_once('.') {
                Some((stem, ext)) if ext.eq_ignore_ascii_case("svg") => stem,
                _ => &name,
            };
            format!("{stem}.svg")
        }
        _ => name,
    }
}

/// A JPEG with an EXIF block holding only its orientation, after SOI.
fn with_orientation(jpeg: &[u8], orientation: u8) -> Vec<u8> {
    // "Exif\0\0", a little-endian TIFF header, one IFD entry: Orientation
    // (0x0112), SHORT, count 1, the value; no next IFD.
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0".to_vec();
    exif.extend_from_slice(&[orientation, 0, 0, 0, 0, 0, 0, 0]);
    let len = (exif.len() + 2) as u16;
    let mut out = Vec::with_capacity(jpeg.len() + exif.len() + 4);
    out.extend_from_slice(&jpeg[..2]);
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_orientation_written_back_is_what_folio_reads() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xD9];
        for o in 1..=8 {
            assert_eq!(crate::images::orientation(&with_orientation(&jpeg, o)), o);
        }
    }

    #[test]
    fn file_names_stay_plain() {
        assert_eq!(file_stem("new-members"), "new-members");
        assert_eq!(file_stem("a/../b"), "a----b");
    }

    #[test]
    fn image_names_keep_their_extension() {
        use crate::images::Encoding;
        let jpeg = Encoding::Jpeg { components: 3 };
        assert_eq!(image_name("images/wave.png", Encoding::Png), "wave.png");
        assert_eq!(image_name("photos/A harbour.JPG", jpeg), "A-harbour.JPG");
        assert_eq!(image_name("logos/gef.svg", Encoding::Svg), "gef.svg");
        assert_eq!(image_name("logos/GEF.SVG", Encoding::Svg), "GEF.svg");
        // An SVG without its extension still gets one.
        assert_eq!(image_name("logos/gef", Encoding::Svg), "gef.svg");
        assert_eq!(image_name("..", Encoding::Png), "image");
    }
}
