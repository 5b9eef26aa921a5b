//! Figures: PNG stored lossless at full resolution, JPEG embedded unchanged,
//! captions and alt text; bad images are located errors.

use std::path::{Path, PathBuf};

use crate::common::{self, folio};

const FIXTURE: &str = "tests/fixtures/figures";

#[test]
fn png_is_lossless_and_jpeg_is_unchanged() {
    let out_dir = common::temp_dir();
    let out = out_dir.path().to_path_buf();
    let o = folio()
        .arg("build")
        .arg(Path::new(FIXTURE).join("report.toml"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = lopdf::Document::load(out.join("figures.pdf")).unwrap();
    let jpeg = std::fs::read(Path::new(FIXTURE).join("images/photo.jpg")).unwrap();
    let (mut png_ok, mut jpeg_ok) = (false, false);
    for obj in doc.objects.values() {
        let Ok(stream) = obj.as_stream() else {
            continue;
        };
        if stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Image".as_slice()) {
            continue;
        }
        let w = stream.dict.get(b"Width").unwrap().as_i64().unwrap();
        let filter = stream
            .dict
            .get(b"Filter")
            .and_then(|f| f.as_name())
            .unwrap_or(b"");
        if filter == b"DCTDecode" {
            assert_eq!(stream.content, jpeg, "JPEG re-encoded");
            jpeg_ok = true;
        } else {
            assert_eq!(
                (w, stream.dict.get(b"Height").unwrap().as_i64().unwrap()),
                (600, 300),
                "PNG resized"
            );
            assert_eq!(filter, b"FlateDecode");
            png_ok = true;
        }
    }
    assert!(png_ok && jpeg_ok);
    // Captions are text; alt text is on each image's Figure element.
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    assert!(text.contains("Figure 1: a PNG chart") && text.contains("Figure 2: a JPEG photo"));
    let mut alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"Figure".as_slice()))
        .filter_map(|d| d.get(b"Alt").ok())
        .map(|a| lopdf::decode_text_string(a).unwrap())
        .collect();
    alts.sort();
    assert_eq!(
        alts,
        ["A green gradient", "Five bars in the pathway colours"]
    );
}

/// Writes a report in `dir` whose only figure points at `src`.
fn report_with_image(dir: &Path, src: &str) -> PathBuf {
    let text = std::fs::read_to_string(Path::new(FIXTURE).join("report.toml")).unwrap();
    let text = text.replace("images/chart.png", src);
    let p = dir.join("report.toml");
    std::fs::write(&p, text).unwrap();
    std::fs::create_dir_all(dir.join("images")).unwrap();
    std::fs::copy(
        Path::new(FIXTURE).join("images/photo.jpg"),
        dir.join("images/photo.jpg"),
    )
    .unwrap();
    p
}

fn check_fails(dir: &Path, report: &Path, expect: &str) {
    let o = folio()
        .arg("build")
        .arg(report)
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(expect), "{err}");
    // Located: the report's name with a line and column.
    assert!(err.contains("report.toml:21:37"), "{err}");
    assert!(
        !dir.join("out").join("figures.pdf").exists(),
        "nothing may be written"
    );
}

#[test]
fn missing_image_is_a_located_error() {
    let d_dir = common::temp_dir();
    let d = d_dir.path().to_path_buf();
    let r = report_with_image(&d, "images/nowhere.png");
    check_fails(&d, &r, "image \"images/nowhere.png\" does not exist");
}

#[test]
fn a_file_that_is_not_an_image_is_refused() {
    let d_dir = common::temp_dir();
    let d = d_dir.path().to_path_buf();
    let r = report_with_image(&d, "images/fake.png");
    std::fs::write(d.join("images/fake.png"), "this is text, not a PNG").unwrap();
    check_fails(&d, &r, "is not a PNG, JPEG or SVG image");
}

#[test]
fn an_image_claiming_50000_pixels_a_side_is_refused() {
    let d_dir = common::temp_dir();
    let d = d_dir.path().to_path_buf();
    let r = report_with_image(&d, "images/huge.png");
    // A valid PNG signature and IHDR for 50,000 × 50,000, and nothing else.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&50_000u32.to_be_bytes());
    png.extend_from_slice(&50_000u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    std::fs::write(d.join("images/huge.png"), png).unwrap();
    check_fails(&d, &r, "50000 × 50000 pixels; the limit is");
}

#[test]
fn a_truncated_png_is_a_located_error() {
    let d_dir = common::temp_dir();
    let d = d_dir.path().to_path_buf();
    let r = report_with_image(&d, "images/cut.png");
    let full = std::fs::read(Path::new(FIXTURE).join("images/chart.png")).unwrap();
    std::fs::write(d.join("images/cut.png"), &full[..full.len() / 2]).unwrap();
    check_fails(&d, &r, "image \"images/cut.png\" is damaged");
}

#[test]
fn paths_outside_the_report_folder_are_refused() {
    for src in [
        "/etc/hostname",
        "../outside.png",
        "images/../../outside.png",
    ] {
        let d_dir = common::temp_dir();
        let d = d_dir.path().to_path_buf();
        let r = report_with_image(&d, src);
        check_fails(&d, &r, "is outside the report's folder");
    }
}

/// A CMYK photo (as print designers deliver them) would have no meaning
/// under the PDF's sRGB output intent: it is converted to RGB, so the file
/// stays PDF/A, and its colours survive (a red stays red).
#[test]
fn a_cmyk_jpeg_becomes_rgb_with_its_colours() {
    let dir = common::temp_dir();
    let dir = dir.path();
    let report = report_with_image(dir, "images/cmyk.jpg");
    // 64×32 pixels of C 0, M 100 %, Y 100 %, K 0: red.
    let (w, h) = (64u16, 32u16);
    let pixels: Vec<u8> = (0..usize::from(w) * usize::from(h))
        .flat_map(|_| [0u8, 255, 255, 0])
        .collect();
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 95)
        .encode(&pixels, w, h, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    std::fs::write(dir.join("images/cmyk.jpg"), &jpeg).unwrap();
    let out = common::build(&report);
    let out = out.path();
    let doc = lopdf::Document::load(out.join("figures.pdf")).unwrap();
    let mut found = false;
    for obj in doc.objects.values() {
        let Ok(stream) = obj.as_stream() else {
            continue;
        };
        let dict = &stream.dict;
        if dict.get(b"Width").and_then(|v| v.as_i64()).ok() != Some(i64::from(w)) {
            continue;
        }
        assert_eq!(
            dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
            b"DeviceRGB"
        );
        assert_ne!(
            dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"DCTDecode"
        );
        let rgb = stream.decompressed_content().unwrap();
        let (r, g, b) = (rgb[0], rgb[1], rgb[2]);
        assert!(
            r > 200 && g < 80 && b < 80,
            "red came out as ({r}, {g}, {b})"
        );
        found = true;
    }
    assert!(found, "the CMYK image is not in the PDF");
    assert!(
        !String::from_utf8_lossy(&std::fs::read(out.join("figures.pdf")).unwrap())
            .contains("DeviceCMYK"),
        "DeviceCMYK left in the file"
    );
}
