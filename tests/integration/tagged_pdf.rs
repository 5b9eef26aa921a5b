//! The PDF as a screen reader and an archive meet it (PDF/UA-1, PDF/A-2a),
//! read back from the file: every piece of page content tagged or an
//! artifact, the structure that compose produced from report.toml, links,
//! fonts and metadata. Checked on the default report, the figures fixture
//! (images) and the photos fixture (opener, two-up and full-bleed photos).

use crate::common::{self, tagged};
use std::path::Path;

fn check_report(report: &Path, pdf_name: &str) -> tagged::Census {
    let out = common::build(report);
    let doc = lopdf::Document::load(out.path().join(pdf_name)).unwrap();
    let census = tagged::check(&doc);
    let composed = common::composed(report);
    for (kind, want) in common::expected_elements(&composed) {
        assert_eq!(census.count(kind), want, "{kind} elements in {pdf_name}");
    }
    // Every Link element is reached by at least one annotation.
    assert!(census.annotations >= census.count("Link"));
    // Headings never skip a level on the way down; the first is H1.
    assert_eq!(census.headings.first(), Some(&1));
    for w in census.headings.windows(2) {
        assert!(w[1] <= w[0] + 1, "H{} follows H{}", w[1], w[0]);
    }
    census
}

#[test]
fn default_report_is_tagged_and_archival() {
    let census = check_report(Path::new("report.toml"), "annual-report-2023.pdf");
    // Read start to end as a screen reader would: the cover's title, then
    // the contents, then the chapters in order.
    let texts: Vec<&str> = census.reading.iter().map(|(_, t)| t.as_str()).collect();
    let at = |needle: &str| {
        texts
            .iter()
            .position(|t| t.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} is not read"))
    };
    let (kind, text) = &census.reading[1];
    assert_eq!((kind.trim(), text.as_str()), ("H1", "2023 Annual Report"));
    assert!(at("Contents") < at("Foreword"));
    assert!(at("Abbreviations") < at("Foreword"));
    // Words of two lines stay apart, and a word hyphenated at a line end
    // reads whole (its hyphen is a soft hyphen).
    let all = texts.join(" ");
    assert!(all.contains("Local Governments for Sustainability in East Asia"));
    assert!(!all.contains("developmentThe"));
    assert!(all.contains("organized") || all.contains("orga\u{ad}nized"));
    // The events table's groups ("Workshops · 9") are TBodys of their own.
    assert!(census.count("TBody") > census.count("Table"));
    // Chinese text carries its language.
    assert!(
        census.count("Span") >= 1,
        "no Span with /Lang for Chinese text"
    );
}

#[test]
fn figures_fixture_is_tagged_and_archival() {
    let census = check_report(
        Path::new("tests/fixtures/figures/report.toml"),
        "figures.pdf",
    );
    assert_eq!(census.count("Figure"), 2);
    assert_eq!(census.count("Caption"), 2);
}

#[test]
fn photos_fixture_is_tagged_and_archival() {
    let dir = common::temp_dir();
    let report = common::photos::fixture(dir.path());
    let census = check_report(&report, "photos.pdf");
    // Opener, full width, two-up, full bleed, the small one, the section's.
    assert_eq!(census.count("Figure"), 7);
    assert_eq!(census.count("Caption"), 7);
    assert_eq!(census.count("BlockQuote"), 1);
    // The opener's title is read before its photo.
    let texts: Vec<&str> = census.reading.iter().map(|(_, t)| t.as_str()).collect();
    let title = texts
        .iter()
        .position(|t| t.contains("Field Visits"))
        .unwrap();
    let credit = texts
        .iter()
        .position(|t| t.contains("Photo: ICLEI East Asia Secretariat"))
        .unwrap();
    assert!(title < credit);
}

/// The checker itself: a rectangle painted outside any marked content,
/// and an MCID the tree does not reach, are both caught.
#[test]
fn untagged_content_fails_the_check() {
    let out = common::build(Path::new("tests/fixtures/figures/report.toml"));
    let pristine = lopdf::Document::load(out.path().join("figures.pdf")).unwrap();
    for (extra, complaint) in [
        (&b"\n0 0 10 10 re f\n"[..], "outside any marked content"),
        (
            b"\n/P <</MCID 999>> BDC 0 0 10 10 re f EMC\n",
            "not reachable",
        ),
    ] {
        let mut doc = pristine.clone();
        let page = *doc.get_pages().values().last().unwrap();
        let mut content = doc.get_page_content(page);
        content.extend_from_slice(extra);
        let stream = doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), content));
        doc.get_dictionary_mut(page)
            .unwrap()
            .set("Contents", lopdf::Object::Reference(stream));
        let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tagged::check(&doc)))
            .expect_err("check passed");
        let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(msg.contains(complaint), "{msg}");
    }
}

/// The checker catches a table row whose cells are listed out of column
/// order (the first column last, as rows were once written).
#[test]
fn row_out_of_column_order_fails_the_check() {
    let out = common::build(Path::new("report.toml"));
    let mut doc = lopdf::Document::load(out.path().join("annual-report-2023.pdf")).unwrap();
    let row = doc
        .objects
        .iter()
        .find_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            let is_tr = d.get(b"S").ok()?.as_name().ok()? == b"TR";
            let k = d.get(b"K").ok()?.as_array().ok()?;
            (is_tr && k.len() >= 2).then_some(*id)
        })
        .expect("no table row");
    let row = doc.get_dictionary_mut(row).unwrap();
    let mut cells = row.get(b"K").unwrap().as_array().unwrap().clone();
    cells.rotate_left(1);
    row.set("K", lopdf::Object::Array(cells));
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tagged::check(&doc)))
        .expect_err("check passed");
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("before the cell to its left"), "{msg}");
}
