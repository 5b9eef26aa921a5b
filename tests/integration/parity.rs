//! The PDF and the web edition say the same thing in the same order: the
//! PDF's tagged text, read through its structure tree as a screen reader
//! reads it, and the web edition's text, read page by page in the order
//! of its contents, are the same sequence of headings, paragraphs, list
//! items, table cells, captions, credits and images' alternative texts.
//!
//! What one side has deliberately and the other not is listed below by
//! name, each with its reason (`PDF_ONLY`, `WEB_ONLY`), never filtered by
//! a broad rule; everything else must match unit for unit.

use crate::build::built;
use crate::common::{
    self,
    tagged::{self, Node, Piece},
};
use scraper::{ElementRef, Html, Selector};
use std::collections::HashMap;
use std::path::Path;

/// One piece of text a reader meets as a whole: a heading, a paragraph, a
/// list item, a cell, a caption, an image's alternative text.
#[derive(Debug, Clone, PartialEq)]
struct Unit {
    /// What kind of thing it is, in the side's own terms (`H2`, `TD`;
    /// `h2`, `td`): shown in a failure, not compared.
    role: String,
    /// The text, normalised (see [`norm`]).
    text: String,
    /// Where it is: the HTML page, or the PDF.
    place: String,
}

/// Structure types whose text runs on in the text around them (a link in
/// a paragraph, a span in another language).
const PDF_INLINE: [&str; 3] = ["Link", "Span", "Reference"];

/// What the PDF has and the web edition deliberately has not.
const PDF_ONLY: [(&str, &str); 2] = [
    (
        "Lbl",
        "a list item's bullet, tagged as its label: the web edition's lists draw theirs with CSS",
    ),
    (
        "TOCI",
        "a contents entry's page number (the last word of its Link): the web edition's contents link pages, which have no numbers",
    ),
];

/// HTML elements whose text runs on in the text around them.
const WEB_INLINE: [&str; 9] = ["a", "strong", "em", "span", "b", "i", "small", "abbr", "br"];

/// Parts of the web pages the PDF deliberately has not, by CSS selector.
const WEB_ONLY: [(&str, &str); 11] = [
    (
        "a.skip",
        "the skip link past the header, on every page; a PDF has no header to skip (its running heads are artifacts)",
    ),
    (
        "header.site-head",
        "the report's name and organisation on every page, linking to the cover: the PDF's running head, an artifact there",
    ),
    (
        "nav.toc",
        "the list of chapters beside every chapter: the PDF has its contents once, matched against index.html's",
    ),
    (
        "nav.pager",
        "previous and next chapter: the PDF's reader turns the page",
    ),
    (
        "footer.site-foot",
        "the copyright line and the downloads on every page: a web page's footer, not the report's text",
    ),
    (
        "section.downloads",
        "links to the printable PDF and the workbooks: the PDF is that printable report",
    ),
    (
        ".chart svg title, .chart figcaption",
        "a chart's title: the PDF draws it inside the chart's Figure, which its alternative text stands for",
    ),
    (
        ".chart details",
        "a chart's numbers as a table that opens: the PDF's chart Figure states them in its alternative text",
    ),
    (
        ".chart .legend",
        "a chart's colour key, hidden from screen readers (aria-hidden): the PDF draws it inside the chart's Figure",
    ),
    (
        "table > caption.vh",
        "a table's name for screen readers' list of tables, not shown: the heading it is under, which the PDF's Table is read after",
    ),
    (
        "nav.contents li.back-cover",
        "the back cover's entry in the contents: a printed contents has none (one turns to the back), a web page has to be linked to be reached",
    ),
];

/// Text as compared: soft hyphens (a word broken at a PDF line end reads
/// whole) and typographic ligatures undone, every kind of space one
/// space.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{ad}' => {}
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collects units, the text of inline parts joining the unit around them.
struct Units {
    units: Vec<Unit>,
    buffer: String,
    place: String,
}

impl Units {
    fn new() -> Self {
        Units {
            units: Vec::new(),
            buffer: String::new(),
            place: String::new(),
        }
    }

    /// Ends the text being gathered as a unit of `role`.
    fn flush(&mut self, role: &str) {
        let text = norm(&std::mem::take(&mut self.buffer));
        if !text.is_empty() {
            self.units.push(Unit {
                role: role.to_string(),
                text,
                place: self.place.clone(),
            });
        }
    }

    fn push(&mut self, role: &str, text: &str) {
        self.flush(role);
        self.buffer.push_str(text);
        self.flush(role);
    }
}

/// The PDF's units, walking the structure tree from its root.
fn pdf_units(tree: &[Node]) -> Vec<Unit> {
    fn kids(tree: &[Node], node: &Node, role: &str, u: &mut Units) {
        for k in &node.kids {
            match k {
                Piece::Text(t) => u.buffer.push_str(t),
                Piece::Element(c) => visit(tree, *c, role, u),
            }
        }
    }
    fn visit(tree: &[Node], i: usize, role: &str, u: &mut Units) {
        let node = &tree[i];
        let r = node.role.as_str();
        if PDF_INLINE.contains(&r) {
            kids(tree, node, role, u);
            if r == "Reference" && role == PDF_ONLY[1].0 {
                drop_page_number(&mut u.buffer);
            }
            return;
        }
        u.flush(role);
        if r == PDF_ONLY[0].0 {
            return;
        }
        if r == "Figure" {
            // Read as its alternative text, not what it draws.
            u.push("Figure", node.alt.as_deref().unwrap_or(""));
            return;
        }
        kids(tree, node, r, u);
        u.flush(r);
    }
    let mut u = Units::new();
    u.place = "the PDF".into();
    visit(tree, 0, "Document", &mut u);
    u.units
}

/// A contents entry's title without its page number, which must be there,
/// a word of its own ("Foreword 4").
fn drop_page_number(entry: &mut String) {
    let trimmed = entry.trim_end();
    let (title, number) = trimmed
        .rsplit_once(char::is_whitespace)
        .unwrap_or(("", trimmed));
    assert!(
        !title.trim().is_empty()
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit()),
        "the contents entry {entry:?} does not read as its title, a space and its page number"
    );
    *entry = title.to_string();
}

/// One page's units, walking its body; returns which of [`WEB_ONLY`]'s
/// selectors matched on it.
fn page_units(html: &Html, page: &str, u: &mut Units) -> Vec<bool> {
    let mut skipped: HashMap<ego_tree::NodeId, &str> = HashMap::new();
    let mut matched = Vec::new();
    for (sel, reason) in WEB_ONLY {
        let mut any = false;
        for e in html.select(&Selector::parse(sel).unwrap()) {
            skipped.insert(e.id(), reason);
            any = true;
        }
        matched.push(any);
    }
    fn visit(e: ElementRef, role: &str, skipped: &HashMap<ego_tree::NodeId, &str>, u: &mut Units) {
        let tag = e.value().name();
        let inline = WEB_INLINE.contains(&tag);
        if !inline {
            u.flush(role);
        }
        if skipped.contains_key(&e.id()) {
            return;
        }
        match tag {
            "br" => u.buffer.push(' '),
            "img" => u.push("img", e.value().attr("alt").unwrap_or("")),
            // A chart's drawing (role="img") is read as its description,
            // the PDF Figure's alternative text; its title is in WEB_ONLY.
            "svg" => {
                let desc = Selector::parse("desc").unwrap();
                let text: String = e.select(&desc).flat_map(|d| d.text()).collect();
                u.push("svg", &text);
            }
            _ => {
                let role = if inline { role } else { tag };
                for c in e.children() {
                    if let Some(t) = c.value().as_text() {
                        u.buffer.push_str(t);
                    } else if let Some(c) = ElementRef::wrap(c) {
                        visit(c, role, skipped, u);
                    }
                }
                if !inline {
                    u.flush(role);
                }
            }
        }
    }
    u.place = page.to_string();
    let body = Selector::parse("body").unwrap();
    visit(html.select(&body).next().unwrap(), "body", &skipped, u);
    matched
}

/// The edition's pages in reading order: `index.html` (the cover and the
/// contents), then each chapter as the contents list them, which is also
/// the order their "next" links go.
fn pages(web: &Path) -> Vec<(String, Html)> {
    let read = |name: &str| {
        let path = web.join(name);
        Html::parse_document(&std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e}", path.display());
        }))
    };
    let index = read("index.html");
    let entries = Selector::parse("nav.contents > ol > li > a").unwrap();
    let chapters: Vec<String> = index
        .select(&entries)
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(!chapters.is_empty(), "index.html lists no chapters");
    let next = Selector::parse("link[rel=next]").unwrap();
    let mut out = vec![("index.html".to_string(), index)];
    for (i, c) in chapters.iter().enumerate() {
        let html = read(c);
        let link = html
            .select(&next)
            .next()
            .map(|l| l.value().attr("href").unwrap());
        assert_eq!(
            link,
            chapters.get(i + 1).map(String::as_str),
            "{c}: its \"next\" link is not the contents' next entry"
        );
        out.push((c.clone(), html));
    }
    out
}

/// What is compared of a unit: its text, and whether it is a heading, an
/// image's alternative text or other text (a heading on one side must be
/// a heading on the other; levels and element names may differ).
fn key(u: &Unit) -> String {
    let r = u.role.to_ascii_lowercase();
    let kind = if r.len() == 2 && r.starts_with('h') && r[1..].parse::<u8>().is_ok() {
        "heading"
    } else if ["figure", "img", "svg"].contains(&r.as_str()) {
        "image"
    } else {
        "text"
    };
    format!("{kind}: {}", u.text)
}

/// Ok when both sides read the same units in the same order; else the
/// first place they part, with a few units around it.
fn compare(pdf: &[Unit], web: &[Unit]) -> Result<(), String> {
    let a: Vec<String> = pdf.iter().map(key).collect();
    let b: Vec<String> = web.iter().map(key).collect();
    if a == b {
        return Ok(());
    }
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    let diff = similar::TextDiff::from_slices(&a, &b);
    let group = diff.grouped_ops(3).into_iter().next().unwrap_or_default();
    let mut msg = String::from(
        "the PDF (-) and the web edition (+) part here (role, kind and text; web page):\n",
    );
    for op in group {
        for change in diff.iter_changes(&op) {
            let (sign, unit) = match change.tag() {
                similar::ChangeTag::Delete => ("-", &pdf[change.old_index().unwrap()]),
                similar::ChangeTag::Insert => ("+", &web[change.new_index().unwrap()]),
                similar::ChangeTag::Equal => (" ", &web[change.new_index().unwrap()]),
            };
            let text: String = unit.text.chars().take(140).collect();
            msg.push_str(&format!(
                "{sign} {:<8} {}  [{}]\n",
                unit.role, text, unit.place
            ));
        }
    }
    Err(msg)
}

/// The PDF's and the web edition's units, from a built report.
fn both(pdf: &Path, web: &Path) -> (Vec<Unit>, Vec<Unit>, Vec<bool>) {
    let doc = lopdf::Document::load(pdf).unwrap();
    let census = tagged::check(&doc);
    let mut u = Units::new();
    let mut matched = vec![false; WEB_ONLY.len()];
    for (name, html) in pages(web) {
        for (m, hit) in matched.iter_mut().zip(page_units(&html, &name, &mut u)) {
            *m |= hit;
        }
    }
    (pdf_units(&census.tree), u.units, matched)
}

#[test]
fn the_pdf_and_the_web_edition_read_the_same_in_the_same_order() {
    let out = built();
    let (pdf, web, matched) = both(
        &out.join("annual-report-2023.pdf"),
        &out.join("annual-report-2023"),
    );
    if let Err(e) = compare(&pdf, &web) {
        panic!("{e}");
    }
    // The whole report was read: the cover's title, every chapter's
    // heading, tables' cells, the charts, the back cover's small print.
    assert!(pdf.len() > 500, "only {} units read", pdf.len());
    let count = |k: &str| pdf.iter().filter(|u| key(u).starts_with(k)).count();
    assert!(count("heading") > 40, "{} headings", count("heading"));
    assert_eq!(count("image"), 2, "the two charts");
    assert_eq!(key(&pdf[1]), "heading: 2023 Annual Report");
    assert!(pdf.iter().any(|u| u.role == "TOCI" && u.text == "Foreword"));
    assert!(pdf.iter().any(|u| u.role == "TD"));
    // Each deliberate difference listed is one this edition has.
    for ((sel, _), hit) in WEB_ONLY.iter().zip(matched) {
        assert!(hit, "WEB_ONLY lists {sel:?}, which no page has");
    }
}

#[test]
fn photos_captions_and_credits_read_the_same_in_the_pdf_and_on_the_web() {
    let dir = common::temp_dir();
    let report = common::photos::fixture(dir.path());
    let out = dir.path().join("out");
    let o = common::folio()
        .arg("build")
        .arg(&report)
        .arg("--html")
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (pdf, web, _) = both(&out.join("photos.pdf"), &out.join("web"));
    if let Err(e) = compare(&pdf, &web) {
        panic!("{e}");
    }
    let count = |k: &str| pdf.iter().filter(|u| key(u).starts_with(k)).count();
    assert_eq!(count("image"), 7, "the photos' alternative texts");
    assert!(pdf.iter().any(|u| u.role == "Caption"));
}

/// The comparison itself: a unit missing, or two swapped, is reported
/// with the units around it.
#[test]
fn a_missing_or_moved_unit_is_reported_where_it_happens() {
    let unit = |role: &str, text: &str, place: &str| Unit {
        role: role.into(),
        text: text.into(),
        place: place.into(),
    };
    let pdf: Vec<Unit> = ["Alpha", "Beta", "Gamma", "Delta"]
        .iter()
        .map(|t| unit("P", t, "the PDF"))
        .collect();
    let web: Vec<Unit> = ["Alpha", "Beta", "Gamma", "Delta"]
        .iter()
        .map(|t| unit("p", t, "a.html"))
        .collect();
    assert_eq!(compare(&pdf, &web), Ok(()));
    let missing = compare(&pdf, &[web[0].clone(), web[1].clone(), web[3].clone()]).unwrap_err();
    assert!(missing.contains("- P        Gamma"), "{missing}");
    let swapped = compare(
        &pdf,
        &[
            web[0].clone(),
            web[2].clone(),
            web[1].clone(),
            web[3].clone(),
        ],
    )
    .unwrap_err();
    assert!(
        swapped.contains("Beta") && swapped.contains("Gamma"),
        "{swapped}"
    );
    // A heading that became a paragraph differs too.
    let demoted = [unit("h2", "Alpha", "a.html")];
    assert!(compare(&pdf[..1], &demoted).is_err());
}
