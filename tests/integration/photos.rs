//! Photos as a designer places them, read back from the PDF: an opener
//! photo under the chapter's band, figures at text width, two half-width
//! figures side by side, a full-bleed page without running head or folio,
//! EXIF orientation, JPEGs embedded unchanged, PNG lossless, CMYK
//! converted, and a warning naming a photo too coarse for print; in the
//! print edition the full-bleed photos reach the bleed edge. The images
//! are made by the test (tests/integration/common/photos.rs).

use crate::common::{self, photos};
use lopdf::content::Content;
use lopdf::{Document, Object};
use std::collections::BTreeMap;

/// 210 × 297 mm in points.
const A4: (f32, f32) = (210.0 * 72.0 / 25.4, 297.0 * 72.0 / 25.4);
const BLEED: f32 = 3.0 * 72.0 / 25.4;

/// An image drawn on a page: its stored size, the matrix it was drawn
/// with and the clip around it (x, y, w, h), if any.
#[derive(Debug)]
struct Drawn {
    page: usize,
    size: (i64, i64),
    filter: String,
    matrix: [f32; 6],
    clip: Option<[f32; 4]>,
}

fn num(o: &Object) -> f32 {
    o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32)
}

/// Every image drawn in `doc`, in page order.
fn drawn(doc: &Document) -> Vec<Drawn> {
    let mut out = Vec::new();
    for (n, (_, page)) in doc.get_pages().into_iter().enumerate() {
        // Resources are inline or referenced; lopdf returns them apart.
        let (inline, referenced) = doc.get_page_resources(page).unwrap();
        let res = inline.or_else(|| {
            referenced
                .first()
                .and_then(|id| doc.get_dictionary(*id).ok())
        });
        let xobjects: BTreeMap<Vec<u8>, (i64, i64, String)> = res
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| match x {
                Object::Reference(id) => doc.get_dictionary(*id).ok(),
                Object::Dictionary(d) => Some(d),
                _ => None,
            })
            .map(|d| {
                d.iter()
                    .filter_map(|(k, v)| {
                        let s = doc
                            .get_object(v.as_reference().ok()?)
                            .ok()?
                            .as_stream()
                            .ok()?;
                        let get =
                            |key: &[u8]| s.dict.get(key).and_then(|v| v.as_i64()).unwrap_or(0);
                        let filter = s
                            .dict
                            .get(b"Filter")
                            .and_then(|f| f.as_name())
                            .map(|f| String::from_utf8_lossy(f).into_owned())
                            .unwrap_or_default();
                        Some((k.clone(), (get(b"Width"), get(b"Height"), filter)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let (mut last_re, mut clip, mut matrix) = (None, None, [0.0; 6]);
        for op in &content.operations {
            match op.operator.as_str() {
                "q" => clip = None,
                "re" => {
                    let v: Vec<f32> = op.operands.iter().map(num).collect();
                    last_re = Some([v[0], v[1], v[2], v[3]]);
                }
                "W" => clip = last_re,
                "cm" => {
                    let v: Vec<f32> = op.operands.iter().map(num).collect();
                    matrix = [v[0], v[1], v[2], v[3], v[4], v[5]];
                }
                "Do" => {
                    let name = op.operands[0].as_name().unwrap();
                    let (w, h, filter) = xobjects[name].clone();
                    out.push(Drawn {
                        page: n + 1,
                        size: (w, h),
                        filter,
                        matrix,
                        clip,
                    });
                }
                _ => {}
            }
        }
    }
    out
}

fn near(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.6
}

#[test]
fn photos_are_placed_as_designed() {
    // Built under target/tmp/photos (not a temporary folder) so that the
    // pages can be looked at after the test: `pdftoppm -png -r 60
    // target/tmp/photos/out/photos.pdf page`.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("photos");
    let _ = std::fs::remove_dir_all(&dir);
    let report = photos::fixture(&dir);
    let out = dir.join("out");
    let o = common::folio()
        .arg("build")
        .arg(&report)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");

    // The one photo too small for print is named, with its place in the
    // file and what would do; the others are not.
    let text = std::fs::read_to_string(&report).unwrap();
    let at = text.find("(images/small.jpg").unwrap() + 1;
    let line = text[..at].lines().count();
    let col = at - text[..at].rfind('\n').unwrap();
    assert!(
        stderr.contains(&format!("report.toml:{line}:{col}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("image \"images/small.jpg\" prints at"),
        "{stderr}"
    );
    assert!(stderr.contains("expected at least 150 ppi"), "{stderr}");
    assert_eq!(stderr.matches("ppi on page").count(), 1, "{stderr}");

    let doc = Document::load(out.join("photos.pdf")).unwrap();
    let images = drawn(&doc);
    let by_size = |w: i64, h: i64| {
        images
            .iter()
            .find(|d| d.size == (w, h))
            .unwrap_or_else(|| panic!("no {w}×{h} image drawn: {images:?}"))
    };

    // JPEGs embedded unchanged; the PNG lossless at full size; the CMYK
    // photo converted (not DCT, so not CMYK under the sRGB intent).
    for (name, w, h) in photos::PHOTOS {
        let d = by_size(i64::from(w), i64::from(h));
        let want = if name == "cmyk.jpg" || name.ends_with(".png") {
            "FlateDecode"
        } else {
            "DCTDecode"
        };
        assert_eq!(d.filter, want, "{name}");
    }
    let stored: Vec<Vec<u8>> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Filter").and_then(|f| f.as_name()).ok() == Some(b"DCTDecode"))
        .map(|s| s.content.clone())
        .collect();
    for name in [
        "opener.jpg",
        "wide.jpg",
        "portrait.jpg",
        "poster.jpg",
        "small.jpg",
    ] {
        // As stored, less its metadata segments (EXIF, comments): the
        // scan data is not re-encoded.
        let bytes = std::fs::read(dir.join("images").join(name)).unwrap();
        let published = folio::images::strip_metadata(&bytes).unwrap();
        assert!(stored.contains(&published), "{name} was re-encoded");
    }

    // The opener: the photo across the top of its page, to every edge,
    // cropped to fill (clipped), on the chapter's first page.
    let opener = by_size(2400, 1200);
    let clip = opener.clip.expect("opener photo is cropped to fill");
    assert!(near(clip[0], 0.0) && near(clip[2], A4.0), "{clip:?}");
    assert!(
        near(clip[1] + clip[3], A4.1),
        "opener photo starts at the page top: {clip:?}"
    );

    // Two half-width figures side by side: one page, one height, one top,
    // each a little under half the text width.
    let (left, right) = (by_size(1500, 1000), by_size(1200, 900));
    let (l, r) = (left.clip.unwrap(), right.clip.unwrap());
    assert_eq!(left.page, right.page);
    assert!(near(l[1], r[1]) && near(l[3], r[3]), "{l:?} {r:?}");
    assert!(near(l[2], r[2]) && l[2] < 451.28 / 2.0 && l[0] + l[2] < r[0]);
    // The portrait stands up: orientation 6 turns it a quarter clockwise
    // (x from v, y from −u), and its frame is filled portrait-wise.
    let m = left.matrix;
    assert!(
        m[0] == 0.0 && m[3] == 0.0 && m[1] < 0.0 && m[2] > 0.0,
        "{m:?}"
    );
    assert!(-m[1] > m[2], "turned photo drawn {m:?}: taller than wide");

    // Full width, cropped to no more than 60 % of the text area when tall.
    let wide = by_size(2000, 1000);
    assert!(
        wide.clip.is_none() && near(wide.matrix[0], 451.28),
        "{wide:?}"
    );

    // The full-bleed page: the photo covers the page, and the page has no
    // running head or folio.
    let poster = by_size(1500, 2100);
    let c = poster.clip.unwrap();
    assert!(near(c[0], 0.0) && near(c[1], 0.0) && near(c[2], A4.0) && near(c[3], A4.1));
    let page_id = doc.get_pages()[&(poster.page as u32)];
    let content = String::from_utf8_lossy(&doc.get_page_content(page_id)).into_owned();
    assert!(!content.contains("/Footer") && !content.contains("/Header"));
    // Its caption and credit are on the page, as text.
    let words = doc.extract_text(&[poster.page as u32]).unwrap();
    assert!(
        words.contains("The wetland boardwalk") && words.contains("Photo: ICLEI"),
        "{words}"
    );
    // Every page but the cover and the bleed page is at least a third full
    // of something: the page before the poster was filled by the text that
    // followed it (the poster waited for a page of its own).
    assert!(poster.page > 3);

    // The print edition: the opener and the full-bleed photo run on into
    // the bleed (the page content is moved onto the sheet by its own `cm`,
    // so frames are in trimmed-page space).
    let print = Document::load(out.join("photos-print.pdf")).unwrap();
    let printed = drawn(&print);
    for size in [(2400, 1200), (1500, 2100)] {
        let d = printed.iter().find(|d| d.size == size).unwrap();
        let c = d.clip.unwrap();
        assert!(
            near(c[0], -BLEED) && near(c[2], A4.0 + 2.0 * BLEED),
            "{size:?}: {c:?}"
        );
        assert!(near(c[1] + c[3], A4.1 + BLEED), "{size:?}: {c:?}");
    }
}

#[test]
fn figure_attribute_mistakes_are_located() {
    let dir = common::temp_dir();
    let report = photos::fixture(dir.path());
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(
        &report,
        text.replacen("{width=half credit", "{width=hafl credit", 1),
    )
    .unwrap();
    let o = common::folio().arg("check").arg(&report).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("figure width \"hafl\" is not one of"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean \"half\"?"), "{stderr}");
    let at = text.find("{width=half credit").unwrap() + "{width=".len();
    let line = text[..at].lines().count();
    assert!(stderr.contains(&format!("report.toml:{line}:")), "{stderr}");
}
