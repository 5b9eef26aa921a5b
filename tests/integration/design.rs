//! One design for every output: the colours the PDF draws, the workbooks
//! format with and the web edition's style sheet declares are the style
//! module's values (and the report's pathway colours), so changing the
//! accent in `src/style` changes it everywhere; the workbooks' charts
//! draw their series in the same colours as the PDF's and the web
//! edition's charts.

use std::io::Read;

use folio::model::Category;
use folio::style::{CHART_PALETTE, Colour, category_colour};

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

/// Each series of a workbook's chart: its name and its fill (`RRGGBB`),
/// in order.
fn workbook_chart_series(book: &str) -> Vec<(String, String)> {
    let xml = xlsx_part(book, "xl/charts/chart1.xml");
    let doc = roxmltree::Document::parse(&xml).expect("chart XML parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("ser"))
        .map(|ser| {
            let name = ser
                .children()
                .find(|n| n.has_tag_name("tx"))
                .and_then(|tx| tx.descendants().find(|n| n.has_tag_name("v")))
                .and_then(|v| v.text())
                .unwrap_or_default()
                .to_string();
            let fill = ser
                .children()
                .find(|n| n.has_tag_name("spPr"))
                .and_then(|sp| sp.descendants().find(|n| n.has_tag_name("srgbClr")))
                .and_then(|c| c.attribute("val"))
                .unwrap_or_default()
                .to_string();
            (name, fill)
        })
        .collect()
}

/// The web edition's events-per-month legend: each category with the
/// colour its swatch takes from the style sheet (`#rrggbb`).
fn web_legend() -> Vec<(String, String)> {
    let html = std::fs::read_to_string(built().join("annual-report-2023/overview.html"))
        .expect("overview.html");
    let css = web_css();
    let legend = html
        .split("<ul class=\"legend\"")
        .nth(1)
        .and_then(|l| l.split("</ul>").next())
        .expect("the month chart has a legend");
    legend
        .split("<span class=\"swatch ")
        .skip(1)
        .map(|item| {
            let (class, rest) = item.split_once('"').unwrap();
            let name = rest.split("</span>").nth(1).unwrap().split("</li>").next();
            let rule = css
                .split(&format!(".{class}{{--accent:"))
                .nth(1)
                .expect("the swatch's class is in style.css");
            (name.unwrap().to_string(), rule[..7].to_string())
        })
        .collect()
}

#[test]
fn workbook_charts_take_the_pdf_and_web_editions_colours() {
    // Events per month by category: each category in its own colour, as
    // the PDF's and the web edition's chart of the same counts.
    let series = workbook_chart_series("events-2023.xlsx");
    assert!(
        series.len() > 1,
        "the month chart has a series per category"
    );
    let category = |name: &str| {
        Category::ALL
            .into_iter()
            .find(|c| c.label() == name)
            .unwrap_or_else(|| panic!("no category is called {name}"))
    };
    for (name, fill) in &series {
        let want = category_colour(category(name));
        assert_eq!(
            fill,
            &format!("{:06X}", want.rgb()),
            "series {name} is not its category's colour"
        );
    }
    // Category by category, the same colour as the web edition's legend
    // (the overview's categories; the workbook counts every event, so it
    // may have more) and one the PDF fills with.
    let legend = web_legend();
    assert!(legend.len() > 1, "{legend:?}");
    let content = pdf_content();
    for (name, css) in &legend {
        let i = series
            .iter()
            .position(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("the workbook's chart has no series {name}"));
        assert_eq!(format!("#{}", series[i].1.to_lowercase()), *css, "{name}");
        // The PDF writes the palette's components, not the 8-bit hex.
        let colour = category_colour(category(name));
        assert!(
            content.contains(&pdf_fill(colour)),
            "the PDF does not draw {name} in {css}"
        );
    }
    // A single count is drawn in the accent, as the PDF's and the web
    // edition's events-by-category bars.
    let accent = format!("{:06X}", Colour::ACCENT.rgb());
    for book in ["members-2023.xlsx", "publications-2023.xlsx"] {
        let series = workbook_chart_series(book);
        assert_eq!(series.len(), 1, "{book}");
        assert_eq!(series[0].1, accent, "{book}'s chart is not in the accent");
    }
}
