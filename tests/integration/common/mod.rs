//! What the end-to-end tests share: running the folio binary into a
//! temporary folder that is removed afterwards, and what a report's
//! composed document says the PDF must hold.

mod archive;
pub mod photos;
mod tables;
pub mod tagged;

use folio::compose::{Block, Document, Row, Run};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// What a Node check under tests/integration printed, and whether it
/// passed (exit 0).
pub struct NodeRun {
    /// Its standard output.
    pub stdout: String,
    /// Its standard error.
    pub stderr: String,
    /// Exit status 0.
    pub passed: bool,
}

/// Runs `tests/integration/SCRIPT ARGS...` under Node. The checks exit
/// with 2 when a tool they need is missing: that, or Node itself missing,
/// fails the test with `setup` (what to run to install them).
pub fn node(script: &str, args: &[&std::ffi::OsStr], setup: &str) -> NodeRun {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new("node")
        .arg(root.join("tests/integration").join(script))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): install Node.js, then {setup}"));
    let run = NodeRun {
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        passed: o.status.success(),
    };
    assert_ne!(
        o.status.code(),
        Some(2),
        "a tool is missing: {}",
        run.stderr
    );
    run
}

/// The folio binary.
pub fn folio() -> Command {
    Command::new(env!("CARGO_BIN_EXE_folio"))
}

/// A new temporary folder, removed when the guard is dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Builds `report` into a new temporary folder (removed when dropped);
/// panics with folio's messages if the build fails.
pub fn build(report: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = folio()
        .arg("build")
        .arg(report)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build of {} failed: {}",
        report.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// The composed document of a report file, as the PDF was made from it.
pub fn composed(report: &Path) -> Document {
    let loaded = folio::load::load_file(report).unwrap();
    let mut doc = folio::compose::compose(&loaded.report, None);
    doc.images = loaded.images;
    doc
}

/// How many structure elements of each type the composed document calls
/// for (the design's fixed parts: the cover's network line, title,
/// subtitle, organisation and pathways; the contents page).
pub fn expected_elements(doc: &Document) -> BTreeMap<&'static str, usize> {
    let mut n: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut add = |k: &'static str, v: usize| *n.entry(k).or_default() += v;
    // Cover: H1 (year and title) and a P per other line.
    add("H1", 1);
    add(
        "P",
        usize::from(doc.meta.network.is_some())
            + usize::from(doc.meta.subtitle.is_some())
            + 1
            + doc.pathways.len(),
    );
    // Contents: its Sect and H1, a TOCI with a Reference and a Link per
    // entry, a TOC for the whole and one per chapter with sections.
    add("Sect", 1);
    add("H1", 1);
    add("TOC", 1);
    for ch in &doc.chapters {
        let mut sections = 0;
        for b in &ch.blocks {
            if let Block::Heading { level, .. } = b
                && *level <= 2
            {
                add("TOCI", 1);
                add("Reference", 1);
                add("Link", 1);
                sections += usize::from(*level == 2);
            }
        }
        add("TOC", usize::from(sections > 0));
    }
    for ch in doc.chapters.iter().chain(doc.back_cover.iter()) {
        // An opener photo: a Div with the Figure and its credit.
        if let Some(photo) = &ch.photo {
            add("Div", 1);
            add("Figure", usize::from(!photo.alt.trim().is_empty()));
            add("Caption", usize::from(photo.credit.is_some()));
        }
        for b in ch.blocks.iter().chain(&ch.colophon) {
            count_block(b, &mut add);
        }
    }
    n
}

fn links(runs: &[Run]) -> usize {
    let mut seen = Vec::new();
    for r in runs {
        if let Some(l) = &r.link
            && !seen.contains(&l)
        {
            seen.push(l);
        }
    }
    seen.len()
}

fn count_block(b: &Block, add: &mut impl FnMut(&'static str, usize)) {
    match b {
        Block::Heading { level, .. } => {
            add("Sect", 1);
            add(
                ["H1", "H2", "H3", "H4"][usize::from(level.clamp(&1, &4) - 1)],
                1,
            );
        }
        Block::Lead(runs, _) | Block::Paragraph(runs) => {
            add("P", 1);
            add("Link", links(runs));
        }
        Block::List(items) => {
            add("L", 1);
            add("LI", items.len());
            add("Lbl", items.len());
            add("LBody", items.len());
            for b in items.iter().flatten() {
                count_block(b, add);
            }
        }
        Block::Callout(blocks) => {
            add("BlockQuote", 1);
            for b in blocks {
                count_block(b, add);
            }
        }
        Block::KeyFigures(figs) => {
            add("Div", 1);
            add("P", figs.len());
        }
        Block::Table(t) => {
            add("Table", 1);
            add("THead", 1);
            // A TBody for the rows before the first group (if any), and
            // one per group.
            add(
                "TBody",
                usize::from(matches!(t.rows.first(), Some(Row::Cells(_))))
                    + t.rows.iter().filter(|r| matches!(r, Row::Group(_))).count(),
            );
            add("TR", 1 + t.rows.len());
            add("TH", t.columns.len());
            for row in &t.rows {
                match row {
                    Row::Group(_) => add("TH", 1),
                    Row::Cells(cells) => {
                        add("TD", t.columns.len());
                        for c in cells {
                            add("Link", links(c));
                        }
                    }
                }
            }
        }
        Block::Chart(_) => add("Figure", 1),
        Block::Figure {
            caption,
            credit,
            alt,
            ..
        } => {
            // A photo without alternative text is decoration; its caption
            // and credit are still read.
            add("Div", 1);
            add("Figure", usize::from(!alt.trim().is_empty()));
            add(
                "Caption",
                usize::from(!caption.is_empty() || credit.is_some()),
            );
        }
        // Logos and names alike: one Figure for the row.
        Block::Logos { .. } => add("Figure", 1),
    }
}

/// The `[report]` table of a test report titled `title` (seven lines),
/// then the lines `extra` (each ending in a newline), then a blank line.
pub fn report_table(title: &str, extra: &str) -> String {
    format!(
        r#"[report]
title = "{title}"
organisation = "folio tests"
year = 2023
language = "en"
author = "folio tests"
date = 2023-12-31
{extra}
"#
    )
}

/// A one-section report in `dir` named `name` (its title and its PDF's
/// file name, `NAME.pdf`) whose body is `body`; the body starts on line 16
/// of report.toml, so a test can expect a problem's line.
pub fn one_section_report(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let text = format!(
        r#"{}[output]
pdf = "{name}.pdf"

[[sections]]
id = "figures"
title = "Figures"
body = '''
{body}
'''
"#,
        report_table(name, "")
    );
    let path = dir.join("report.toml");
    std::fs::write(&path, text).unwrap();
    path
}
