//! The print-shop edition (`folio build --print`): A4 trimmed pages on a
//! larger sheet with TrimBox and BleedBox, every colour field that touches
//! the page edge carried to the bleed edge, crop marks, no links or
//! outline, every font embedded; the screen edition is not changed by it.

use crate::common;

use folio::pdf::print::{BLEED, SLUG};
use lopdf::Object;
use lopdf::content::Content;

/// 210 × 297 mm in points.
const A4: (f32, f32) = (210.0 * 72.0 / 25.4, 297.0 * 72.0 / 25.4);

fn boxed(d: &lopdf::Dictionary, key: &[u8]) -> [f32; 4] {
    let a = d.get(key).unwrap().as_array().unwrap();
    [0, 1, 2, 3].map(|i| a[i].as_float().unwrap())
}

#[test]
fn print_edition_bleeds_and_is_trimmed_to_a4() {
    let out = common::temp_dir();
    let o = common::folio()
        .args(["build", "report.toml", "--print", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let screen = lopdf::Document::load(out.path().join("annual-report-2023.pdf")).unwrap();
    let doc = lopdf::Document::load(out.path().join("annual-report-2023-print.pdf")).unwrap();
    assert_eq!(doc.get_pages().len(), screen.get_pages().len());
    assert!(
        doc.catalog().unwrap().get(b"Outlines").is_err(),
        "an outline on paper"
    );
    let near = |a: f32, b: f32| (a - b).abs() < 0.05;
    let (trim_l, trim_b) = (SLUG, SLUG);
    let (trim_r, trim_t) = (SLUG + A4.0, SLUG + A4.1);
    let mut bled = 0;
    for (n, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let trim = boxed(page, b"TrimBox");
        let bleed = boxed(page, b"BleedBox");
        let media = boxed(page, b"MediaBox");
        assert!(
            near(trim[2] - trim[0], A4.0) && near(trim[3] - trim[1], A4.1),
            "page {n}: trim {trim:?}"
        );
        for i in 0..2 {
            assert!(near(trim[i] - bleed[i], BLEED) && near(bleed[i + 2] - trim[i + 2], BLEED));
            assert!(media[i] <= bleed[i] && media[i + 2] >= bleed[i + 2]);
        }
        let annots = page
            .get(b"Annots")
            .ok()
            .and_then(|a| a.as_array().ok())
            .map_or(0, Vec::len);
        assert_eq!(annots, 0, "page {n} has links");
        // Every rectangle edge that reaches the page edge goes on to the
        // bleed edge: none stops on the trim line.
        let content = Content::decode(&doc.get_page_content(id)).unwrap();
        let (mut dx, mut dy) = (0.0, 0.0);
        for op in &content.operations {
            let num = |i: usize| op.operands[i].as_float().unwrap();
            match op.operator.as_str() {
                "cm" => (dx, dy) = (num(4), num(5)),
                "re" => {
                    let (x, y) = (num(0) + dx, num(1) + dy);
                    let (r, t) = (x + num(2), y + num(3));
                    for (edge, line) in [(x, trim_l), (r, trim_r), (y, trim_b), (t, trim_t)] {
                        assert!(
                            !near(edge, line),
                            "page {n}: a colour field stops at the trim line"
                        );
                    }
                    if near(x, trim_l - BLEED) || near(r, trim_r + BLEED) || near(t, trim_t + BLEED)
                    {
                        bled += 1;
                    }
                }
                _ => {}
            }
        }
        // Crop marks: hairlines outside the bleed.
        let marks = content
            .operations
            .iter()
            .filter(|o| o.operator == "m")
            .count();
        assert!(marks >= 8, "page {n}: {marks} crop-mark strokes");
    }
    assert!(bled > 10, "only {bled} colour fields reach the bleed");
    // Fonts embedded, as in the screen edition.
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") {
            assert!(d.get(b"FontFile2").is_ok() || d.get(b"FontFile3").is_ok());
        }
    }
    // The screen edition is the one a build without --print writes.
    let plain = common::build(std::path::Path::new("report.toml"));
    assert_eq!(
        std::fs::read(plain.path().join("annual-report-2023.pdf")).unwrap(),
        std::fs::read(out.path().join("annual-report-2023.pdf")).unwrap()
    );
    assert!(!plain.path().join("annual-report-2023-print.pdf").exists());
}

/// `[output] print` alone (no screen PDF) still writes the print edition.
#[test]
fn the_print_edition_can_be_asked_for_alone() {
    let dir = common::temp_dir();
    let report = std::fs::read_to_string("report.toml").unwrap();
    let report: String = report
        .lines()
        .map(|l| {
            if l.starts_with("pdf = ") {
                "print = \"for-print.pdf\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let path = dir.path().join("report.toml");
    std::fs::write(&path, report).unwrap();
    let out = common::build(&path);
    assert!(out.path().join("for-print.pdf").exists());
    assert!(!out.path().join("annual-report-2023.pdf").exists());
}
