//! Image files as someone else made them: metadata that must not be
//! published, 16-bit PNGs, one file under many spellings, and a build that
//! would decode too many pixels. (Damaged files, links and FIFOs are corpus
//! cases: tests/corpus/cases.toml.)

use crate::common::{folio, one_section_report, photos};
use lopdf::{Document, Object};
use std::path::Path;

/// A one-section report whose body is `body`, in `dir`.
fn report(dir: &Path, body: &str) -> std::path::PathBuf {
    one_section_report(dir, "images", body)
}

fn build_ok(report: &Path) -> Document {
    let out = report.parent().unwrap().join("out");
    let o = folio()
        .arg("build")
        .arg(report)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Document::load(out.join("images.pdf")).unwrap()
}

/// Every image XObject's stream (soft masks excluded).
fn images(doc: &Document) -> Vec<&lopdf::Stream> {
    let masks: Vec<lopdf::ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| {
            o.as_stream()
                .ok()?
                .dict
                .get(b"SMask")
                .ok()?
                .as_reference()
                .ok()
        })
        .collect();
    doc.objects
        .iter()
        .filter(|(id, _)| !masks.contains(id))
        .filter_map(|(_, o)| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .collect()
}

/// A JPEG with a camera's metadata: EXIF (the orientation, which folio
/// uses), XMP with a GPS position, and a comment with a serial number.
fn jpeg_with_metadata() -> Vec<u8> {
    let plain = photos::jpeg(320, 240, 3, 6);
    let segment = |marker: u8, payload: &[u8]| {
        let len = (payload.len() + 2) as u16;
        [&[0xFF, marker][..], &len.to_be_bytes(), payload].concat()
    };
    let xmp = segment(
        0xE1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>47,30.0N</exif:GPSLatitude></x:xmpmeta>",
    );
    let com = segment(0xFE, b"Camera serial 0xC0FFEE");
    [&plain[..2], &xmp, &com, &plain[2..]].concat()
}

#[test]
fn a_photo_is_published_without_its_metadata_and_still_stands_upright() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    let original = jpeg_with_metadata();
    std::fs::write(dir.path().join("images/camera.jpg"), &original).unwrap();
    let r = report(
        dir.path(),
        "![A river between hills, the sun top right](images/camera.jpg)",
    );
    let doc = build_ok(&r);
    let imgs = images(&doc);
    assert_eq!(imgs.len(), 1);
    let jpeg = &imgs[0].content;
    assert!(jpeg.starts_with(&[0xFF, 0xD8]) && jpeg.ends_with(&[0xFF, 0xD9]));
    for secret in [&b"Exif"[..], b"GPSLatitude", b"Camera serial", b"xmpmeta"] {
        assert!(
            !contains(jpeg, secret),
            "{:?} published",
            String::from_utf8_lossy(secret)
        );
    }
    // The scan data is the original's, byte for byte (nothing re-encoded).
    let scan = |b: &[u8]| b[b.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap()..].to_vec();
    assert_eq!(scan(jpeg), scan(&original));
    // Still the stored size, and drawn turned as its EXIF said: the page
    // places it through a matrix with a quarter turn (a = 0, b ≠ 0).
    assert_eq!(imgs[0].dict.get(b"Width").unwrap().as_i64().unwrap(), 320);
    let text = String::from_utf8_lossy(&pages_content(&doc)).into_owned();
    let placement: Vec<f32> = text
        .lines()
        .find(|l| l.contains(" cm /") && l.ends_with(" Do Q"))
        .expect("the image is drawn")
        .split(' ')
        .take(6)
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(
        placement[0] == 0.0 && placement[1] != 0.0,
        "not turned: {placement:?}"
    );
}

fn pages_content(doc: &Document) -> Vec<u8> {
    doc.get_pages()
        .values()
        .flat_map(|p| doc.get_page_content(*p))
        .collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_16_bit_png_with_alpha_is_embedded_as_8_bit_with_a_soft_mask() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    let (w, h) = (40u32, 30u32);
    let mut png16 = Vec::new();
    let mut e = png::Encoder::new(&mut png16, w, h);
    e.set_color(png::ColorType::Rgba);
    e.set_depth(png::BitDepth::Sixteen);
    // Red rising left to right, half transparent.
    let px: Vec<u8> = (0..w * h)
        .flat_map(|i| {
            let r = ((i % w) * 65535 / (w - 1)) as u16;
            [r.to_be_bytes(), [0, 0], [0, 0], 0x8000u16.to_be_bytes()].concat()
        })
        .collect();
    e.write_header().unwrap().write_image_data(&px).unwrap();
    std::fs::write(dir.path().join("images/chart.png"), png16).unwrap();
    let doc = build_ok(&report(dir.path(), "![A red gradient](images/chart.png)"));
    let imgs = images(&doc);
    assert_eq!(imgs.len(), 1);
    let img = imgs[0];
    assert_eq!(
        img.dict.get(b"BitsPerComponent").unwrap().as_i64().unwrap(),
        8
    );
    let rgb = img.decompressed_content().unwrap();
    assert_eq!(rgb.len(), (w * h * 3) as usize);
    // The last pixel of the first row is full red (the top byte of 65535).
    assert_eq!(&rgb[((w - 1) * 3) as usize..(w * 3) as usize], &[255, 0, 0]);
    let mask = doc
        .get_object(img.dict.get(b"SMask").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap()
        .decompressed_content()
        .unwrap();
    assert_eq!(mask.len(), (w * h) as usize);
    assert!(mask.iter().all(|&a| a == 0x80));
}

#[test]
fn one_file_named_eight_ways_is_read_and_embedded_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("images/sub")).unwrap();
    std::fs::write(dir.path().join("images/a.png"), photos::png(64, 48, 1)).unwrap();
    std::os::unix::fs::symlink("a.png", dir.path().join("images/b.png")).unwrap();
    let spellings = [
        "images/a.png",
        "./images/a.png",
        "images/./a.png",
        "images//a.png",
        "images/sub/../a.png",
        "images/../images/a.png",
        "images/b.png",
        "./images/b.png",
    ];
    let body: String = spellings
        .iter()
        .enumerate()
        .map(|(i, s)| format!("![The same chart, view {i}]({s})\n\n"))
        .collect();
    let doc = build_ok(&report(dir.path(), &body));
    assert_eq!(images(&doc).len(), 1);
    // … and drawn eight times.
    let text = String::from_utf8_lossy(&pages_content(&doc)).into_owned();
    assert_eq!(text.matches(" Do").count(), 8);
}

#[test]
fn a_build_that_would_decode_more_pixels_than_its_budget_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    // 26 distinct files of 39.7 megapixels each (grey, so small and quick
    // to decode): the 26th passes the 1,000-megapixel budget.
    let side = 6300u32;
    let mut grey = Vec::new();
    let mut e = png::Encoder::new(&mut grey, side, side);
    e.set_color(png::ColorType::Grayscale);
    e.set_compression(png::Compression::Fastest);
    e.write_header()
        .unwrap()
        .write_image_data(&vec![200u8; (side * side) as usize])
        .unwrap();
    let mut body = String::new();
    for i in 0..26 {
        std::fs::write(dir.path().join(format!("images/p{i:02}.png")), &grey).unwrap();
        body.push_str(&format!("![Grey field {i}](images/p{i:02}.png)\n\n"));
    }
    let r = report(dir.path(), &body);
    let o = folio()
        .arg("build")
        .arg(&r)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("image \"images/p25.png\" takes the report's images to 1031 megapixels")
            && err.contains("the limit for one build is 1000 megapixels"),
        "{err}"
    );
    assert!(!dir.path().join("out/images.pdf").exists());
}
