//! The PDF as an independent client reads it: Mozilla's pdf.js (the
//! pdfjs-dist package, Firefox's viewer and the structure tree it hands to
//! screen readers), run with Node by tests/integration/pdfjs_read.mjs.
//! Our own checker (common/tagged.rs) reads the file with the same ideas
//! that wrote it; this one does not share them.
//!
//! Checked on the default report and the figures fixture: every page has
//! a structure tree; every text item is inside marked content (tagged or
//! an artifact); headings, tables, links and figures come through with
//! their roles (figures with their alternative text, links with their
//! annotations); and every table row reads its cells' text in the order
//! they are printed, left to right, each row as compose made it.
//!
//! Needs `node` and .tools/node_modules/pdfjs-dist: the test fails, saying
//! to run `scripts/test.sh --setup-only`, when either is missing.

use crate::common;
use folio::compose::{Block, Document, Inline, Row, Run};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

const SETUP: &str = "run scripts/test.sh --setup-only (it installs the pinned npm test tools)";

/// pdf.js's reading of `pdf`: per page, its structure tree and text items.
fn read(pdf: &Path) -> Vec<Value> {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".tools/node_modules/pdfjs-dist/legacy/build/pdf.mjs");
    assert!(lib.is_file(), "{} is missing: {SETUP}", lib.display());
    let out = common::node("pdfjs_read.mjs", &[pdf.as_os_str()], SETUP);
    assert!(
        out.passed,
        "pdf.js could not read {}: {}",
        pdf.display(),
        out.stderr
    );
    let v: Value = serde_json::from_str(&out.stdout).expect("pdfjs_read.mjs printed no JSON");
    v["pages"].as_array().expect("no pages").clone()
}

/// Text as compared: without white space and soft hyphens (line breaks and
/// hyphenation differ between what compose holds and what a page shows).
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

fn runs_text(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match &r.inline {
            Inline::Text(t) => t.as_str(),
            Inline::LineBreak => " ",
        })
        .collect()
}

/// Every table row of the composed document, as its cells' text: the
/// header row, group rows (one cell) and data rows.
fn composed_rows(doc: &Document) -> Vec<Vec<String>> {
    fn walk(b: &Block, out: &mut Vec<Vec<String>>) {
        match b {
            Block::Table(t) => {
                out.push(t.columns.iter().map(|c| squeeze(&c.header)).collect());
                for row in &t.rows {
                    out.push(match row {
                        Row::Group(label) => vec![squeeze(label)],
                        Row::Cells(cells) => {
                            let mut v: Vec<String> =
                                cells.iter().map(|c| squeeze(&runs_text(c))).collect();
                            v.resize(t.columns.len(), String::new());
                            v
                        }
                    });
                }
            }
            Block::List(items) => items.iter().flatten().for_each(|b| walk(b, out)),
            Block::Callout(blocks) => blocks.iter().for_each(|b| walk(b, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for ch in doc.chapters.iter().chain(doc.back_cover.iter()) {
        for b in ch.blocks.iter().chain(&ch.colophon) {
            walk(b, &mut out);
        }
    }
    out
}

/// The marked-content ids under a node, in tree order.
fn content_ids<'a>(node: &'a Value, out: &mut Vec<&'a str>) {
    if node["type"] == "content" {
        out.push(node["id"].as_str().unwrap());
    }
    for c in node["children"].as_array().into_iter().flatten() {
        content_ids(c, out);
    }
}

/// Every structure node of a page's tree with a role, in tree order.
fn nodes(node: &Value, out: &mut Vec<Value>) {
    if node["role"].is_string() {
        out.push(node.clone());
    }
    for c in node["children"].as_array().into_iter().flatten() {
        nodes(c, out);
    }
}

/// What pdf.js read, checked; returns the roles seen and the table rows
/// (cells' squeezed text, in tree order).
fn check(pdf: &Path) -> (BTreeSet<String>, Vec<Vec<String>>) {
    let pages = read(pdf);
    let mut roles = BTreeSet::new();
    let mut rows = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let n = p + 1;
        let tree = &page["structTree"];
        assert!(
            tree["children"].as_array().is_some_and(|c| !c.is_empty()),
            "page {n}: pdf.js finds no structure tree"
        );
        let mut tree_ids = Vec::new();
        content_ids(tree, &mut tree_ids);
        let tree_ids: BTreeSet<&str> = tree_ids.into_iter().collect();
        // Text by marked-content id, with its leftmost x.
        let mut text: HashMap<&str, (String, f64)> = HashMap::new();
        for it in page["items"].as_array().unwrap() {
            let s = it["str"].as_str().unwrap();
            let tag = it["tag"].as_str();
            assert!(
                tag.is_some(),
                "page {n}: text {s:?} is outside any marked content"
            );
            if tag == Some("Artifact") {
                continue;
            }
            let mc = it["mc"]
                .as_str()
                .unwrap_or_else(|| panic!("page {n}: text {s:?} in a sequence without an MCID"));
            assert!(
                tree_ids.contains(mc),
                "page {n}: text {s:?} ({mc}) is not reached from the structure tree"
            );
            let e = text.entry(mc).or_insert((String::new(), f64::INFINITY));
            e.0.push_str(s);
            if !s.trim().is_empty() {
                e.1 = e.1.min(it["x"].as_f64().unwrap());
            }
        }
        let mut all = Vec::new();
        nodes(tree, &mut all);
        for node in &all {
            let role = node["role"].as_str().unwrap();
            roles.insert(role.to_string());
            match role {
                "Figure" => assert!(
                    node["alt"].as_str().is_some_and(|a| !a.trim().is_empty()),
                    "page {n}: a Figure without alternative text"
                ),
                "Link" => assert!(
                    node["children"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|k| k["type"] == "object"),
                    "page {n}: a Link without its annotation: {node}"
                ),
                "TR" => {
                    let mut cells = Vec::new();
                    let mut left = f64::NEG_INFINITY;
                    for cell in node["children"].as_array().unwrap() {
                        let r = cell["role"].as_str().unwrap_or("");
                        assert!(r == "TH" || r == "TD", "page {n}: {r} in a TR");
                        let mut ids = Vec::new();
                        content_ids(cell, &mut ids);
                        let (mut s, mut x) = (String::new(), f64::INFINITY);
                        for id in ids {
                            if let Some((t, tx)) = text.get(id) {
                                s.push_str(t);
                                x = x.min(*tx);
                            }
                        }
                        let s = squeeze(&s);
                        if !s.is_empty() {
                            assert!(
                                x > left,
                                "page {n}: cell {s:?} is read after a cell printed to its right"
                            );
                            left = x;
                        }
                        cells.push(s);
                    }
                    rows.push(cells);
                }
                _ => {}
            }
        }
    }
    (roles, rows)
}

/// pdf.js reads `report` (built to `pdf_name`) as compose made it: the
/// roles of every kind of element, and every table row in column order.
fn check_report(report: &Path, pdf_name: &str) -> BTreeSet<String> {
    let out = common::build(report);
    let (roles, rows) = check(&out.path().join(pdf_name));
    let composed = common::composed(report);
    for (kind, count) in common::expected_elements(&composed) {
        if count > 0 {
            assert!(roles.contains(kind), "pdf.js finds no {kind} in {pdf_name}");
        }
    }
    // Each composed row is read whole and in order, as often as it occurs.
    let mut read: HashMap<&Vec<String>, usize> = HashMap::new();
    for r in &rows {
        *read.entry(r).or_default() += 1;
    }
    for want in composed_rows(&composed) {
        let left = read.get_mut(&want).filter(|n| **n > 0).unwrap_or_else(|| {
            let near = rows.iter().find(|r| r.first() == want.first());
            panic!("pdf.js does not read the row {want:?} in {pdf_name}; it reads {near:?}")
        });
        *left -= 1;
    }
    roles
}

#[test]
fn pdfjs_reads_the_default_report() {
    let roles = check_report(Path::new("report.toml"), "annual-report-2023.pdf");
    for role in [
        "H1", "H2", "Table", "THead", "TBody", "TR", "TH", "TD", "Link", "Figure",
    ] {
        assert!(roles.contains(role), "pdf.js finds no {role}");
    }
}

#[test]
fn pdfjs_reads_the_figures_fixture() {
    let roles = check_report(
        Path::new("tests/fixtures/figures/report.toml"),
        "figures.pdf",
    );
    assert!(roles.contains("Figure") && roles.contains("Caption"));
}
