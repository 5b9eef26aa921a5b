//! One design for every output: the colours the PDF draws, the workbooks
//! format with and the web edition's style sheet declares are the style
//! module's values (and the report's pathway colours), so changing the
//! accent in `src/style` changes it everywhere.

use std::io::Read;

use folio::style::{CHART_PALETTE, Colour};

use crate::build::{built, report};

/// The PDF's content streams, decompressed, as one text.
fn pdf_content() -> String {
    let doc = lopdf::Document::load(built().join("annual-report-2023.pdf")).expect("PDF parses");
    let mut all = String::new();
    for page in doc.get_pages().values() {
        let bytes = doc.get_page_content(*page);
        all.push_str(&String::from_utf8_lossy(&bytes));
    }
    all
}

/// A colour as the PDF writes its fill operator: three numbers to a
/// thousandth, no trailing zeros.
fn pdf_fill(c: Colour) -> String {
    let n = |v: f32| {
        let s = format!("{:.3}", v);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    };
    format!("{} {} {} rg", n(c.0), n(c.1), n(c.2))
}

/// A file inside an xlsx (a zip), as text.
fn xlsx_part(book: &str, part: &str) -> String {
    let f = std::fs::File::open(built().join(book)).expect("workbook");
    let mut zip = zip::ZipArchive::new(f).expect("xlsx is a zip");
    let mut s = String::new();
    zip.by_name(part)
        .expect("part")
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The web edition's style sheet.
fn web_css() -> String {
    std::fs::read_to_string(built().join("annual-report-2023/style.css")).expect("style.css")
}

fn pathways() -> Vec<Colour> {
    report()
        .pathways
        .iter()
        .map(|p| Colour::hex(&p.colour))
        .collect()
}

#[test]
fn the_accent_is_the_style_modules_in_pdf_workbooks_and_web_edition() {
    let accent = Colour::ACCENT;
    let content = pdf_content();
    assert!(
        content.contains(&pdf_fill(accent)),
        "the PDF does not fill with the accent {}",
        pdf_fill(accent)
    );
    // Excel writes a font colour as ARGB hex.
    let argb = format!("FF{:06X}", accent.rgb());
    for book in [
        "events-2023.xlsx",
        "members-2023.xlsx",
        "publications-2023.xlsx",
    ] {
        let styles = xlsx_part(book, "xl/styles.xml");
        assert!(
            styles.contains(&format!("rgb=\"{argb}\"")),
            "{book}'s headings are not in the accent {argb}"
        );
    }
    let css = web_css();
    for decl in ["--link", "--accent"] {
        assert!(
            css.contains(&format!("{decl}:{};", accent.css())),
            "style.css's {decl} is not the accent {}",
            accent.css()
        );
    }
    assert!(css.contains(&format!("--text:{};", Colour::SCREEN_TEXT.css())));
    assert!(css.contains(&format!("--tint:{};", Colour::TINT.css())));
    assert!(css.contains(&format!("--muted:{};", Colour::SCREEN_MUTED.css())));
    assert!(css.contains(&format!("--rule:{};", Colour::RULE.css())));
}

#[test]
fn pathway_and_chart_colours_are_the_same_in_pdf_and_web_edition() {
    let paths = pathways();
    assert!(!paths.is_empty(), "the report has pathways");
    let content = pdf_content();
    let css = web_css();
    for c in paths {
        assert!(
            content.contains(&pdf_fill(c)),
            "the PDF does not fill with the pathway colour {}",
            c.css()
        );
        assert!(
            css.contains(&format!("--accent:{};", c.css())),
            "style.css has no class for the pathway colour {}",
            c.css()
        );
    }
    // The events overview's charts take their series colours from the
    // palette, in order.
    assert!(
        content.contains(&pdf_fill(CHART_PALETTE[0])),
        "the PDF's charts do not use the palette"
    );
}
