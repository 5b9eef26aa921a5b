//! The web edition as a reader gets it: every text of the composed
//! document on the pages, in order; real tables; nothing loaded from
//! outside the folder; the same bytes on every build; an edit to
//! `[[events]]` on the web as in the PDF. (Browsers, axe and the Nu HTML
//! Checker read it in browser.rs; parity.rs reads it against the
//! PDF's tagged text.)

use crate::common::{self, folio};
use folio::compose::{Block, Inline, Row, Run};
use std::path::Path;

/// The edition's folder after building `report` into `out`.
fn build(report: &Path, out: &Path) -> std::path::PathBuf {
    let o = folio()
        .arg("build")
        .arg(report)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out.join("annual-report-2023")
}

/// A page's text as a reader meets it: tags removed, entities decoded,
/// white space collapsed.
fn page_text(html: &str) -> String {
    // Inline elements join their text to what is around it; any other
    // tag separates.
    const INLINE: [&str; 6] = ["a", "strong", "em", "span", "/", "br"];
    let mut out = String::new();
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(t), '>') => {
                let name = t.trim_start_matches('/');
                let name = name.split([' ', '/']).next().unwrap_or("");
                if !INLINE.contains(&name) || name == "br" {
                    out.push(' ');
                }
                tag = None;
            }
            (Some(t), c) => t.push(c),
            (None, c) => out.push(c),
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&shy;", "\u{ad}")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn runs_text(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match &r.inline {
            Inline::Text(t) => t.as_str(),
            Inline::LineBreak => " ",
        })
        .collect()
}

/// Every text the PDF sets from a block, in reading order.
fn texts(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Heading { text, .. } => out.push(text.clone()),
            Block::Lead(runs, _) | Block::Paragraph(runs) => out.push(runs_text(runs)),
            Block::List(items) => items.iter().for_each(|i| texts(i, out)),
            Block::Callout(inner) => texts(inner, out),
            // The number, then its label, as printed.
            Block::KeyFigures(f) => f.iter().for_each(|(v, l)| {
                out.push(v.clone());
                out.push(l.clone());
            }),
            Block::Table(t) => {
                out.extend(t.columns.iter().map(|c| c.header.clone()));
                for row in &t.rows {
                    match row {
                        Row::Group(g) => out.push(g.clone()),
                        Row::Cells(cells) => out.extend(cells.iter().map(|c| runs_text(c))),
                    }
                }
            }
            Block::Chart(c) => {
                out.push(c.title.clone());
                out.extend(c.categories.iter().cloned());
            }
            Block::Figure {
                caption, credit, ..
            } => {
                out.push(caption.clone());
                out.extend(credit.clone());
            }
            // A logo is an image (its name the alternative text); a name
            // stands as text where there is none.
            Block::Logos { logos, .. } => out.extend(
                logos
                    .iter()
                    .filter(|l| l.src.is_none())
                    .map(|l| l.name.clone()),
            ),
        }
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_text_of_the_report_is_on_its_page_in_order() {
    let dir = common::temp_dir();
    let web = build("report.toml".as_ref(), dir.path());
    let doc = common::composed("report.toml".as_ref());
    let chapters: Vec<_> = doc.chapters.iter().chain(&doc.back_cover).collect();
    let mut checked = 0;
    for ch in chapters {
        let html = std::fs::read_to_string(web.join(format!("{}.html", ch.id))).unwrap();
        let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
        let text = page_text(main);
        let mut want = Vec::new();
        texts(&ch.blocks, &mut want);
        texts(&ch.colophon, &mut want);
        let mut at = 0;
        for t in want.iter().map(|t| norm(t)).filter(|t| !t.is_empty()) {
            match text[at..].find(&t) {
                Some(i) => at += i + t.len(),
                None => panic!(
                    "{}.html: {t:?} is missing or out of order (after {:?})",
                    ch.id,
                    &text[at.saturating_sub(80)..at]
                ),
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} texts checked");
}

#[test]
fn tables_have_captions_column_headers_and_a_body_per_group() {
    let dir = common::temp_dir();
    let web = build("report.toml".as_ref(), dir.path());
    let doc = common::composed("report.toml".as_ref());
    for ch in doc.chapters.iter().chain(&doc.back_cover) {
        let html = std::fs::read_to_string(web.join(format!("{}.html", ch.id))).unwrap();
        let tables: Vec<_> = ch
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        let pieces: Vec<&str> = html.split("<table>").skip(1).collect();
        // Charts' number tables come as <details> tables: count only the
        // data tables, which sit in a labelled region.
        let data: Vec<&str> = html
            .split("role=\"region\"")
            .skip(1)
            .map(|p| &p[..p.find("</table>").unwrap()])
            .collect();
        assert_eq!(data.len(), tables.len(), "{}", ch.id);
        assert!(pieces.len() >= tables.len());
        for (t, h) in tables.iter().zip(data) {
            assert!(h.contains("<caption id="), "{}: no caption", ch.id);
            assert_eq!(h.matches("<th scope=\"col\"").count(), t.columns.len());
            let groups = t.rows.iter().filter(|r| matches!(r, Row::Group(_))).count();
            assert_eq!(h.matches("<th scope=\"rowgroup\"").count(), groups);
            let first_is_group = matches!(t.rows.first(), Some(Row::Group(_)));
            let bodies = groups + usize::from(!first_is_group && !t.rows.is_empty());
            assert_eq!(h.matches("<tbody>").count(), bodies, "{}", ch.id);
            let rows = t.rows.iter().filter(|r| matches!(r, Row::Cells(_))).count();
            assert_eq!(h.matches("<tr><td").count(), rows, "{}", ch.id);
        }
    }
}

#[test]
fn nothing_is_loaded_from_outside_the_folder_and_no_script_runs() {
    let dir = common::temp_dir();
    let web = build("report.toml".as_ref(), dir.path());
    let mut pages = 0;
    for e in std::fs::read_dir(&web).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".html") && !name.ends_with(".css") {
            continue;
        }
        pages += 1;
        let text = std::fs::read_to_string(e.path()).unwrap();
        assert!(!text.contains("<script"), "{name}: a script");
        assert!(
            !text.contains(" style=\""),
            "{name}: an inline style (blocked by a strict CSP)"
        );
        for attr in ["src=\"", "<link rel=\"stylesheet\" href=\"", "url("] {
            for piece in text.split(attr).skip(1) {
                let target: String = piece
                    .chars()
                    .take_while(|c| !matches!(c, '"' | ')'))
                    .collect();
                assert!(
                    !target.contains("//") && !target.starts_with('/'),
                    "{name}: loads {target}"
                );
                if attr == "url(" || attr.starts_with("<link") {
                    assert!(
                        web.join(&target).exists(),
                        "{name}: {target} is not in the folder"
                    );
                }
            }
        }
    }
    assert!(pages >= 15);
}

#[test]
fn the_edition_is_the_same_bytes_on_every_build_and_follows_an_edit() {
    let dir = common::temp_dir();
    let a = build("report.toml".as_ref(), &dir.path().join("a"));
    let b = build("report.toml".as_ref(), &dir.path().join("b"));
    let files = |d: &Path| {
        let mut v: Vec<(String, Vec<u8>)> = Vec::new();
        fn walk(root: &Path, d: &Path, v: &mut Vec<(String, Vec<u8>)>) {
            for e in std::fs::read_dir(d).unwrap().flatten() {
                if e.file_type().unwrap().is_dir() {
                    walk(root, &e.path(), v);
                } else {
                    let rel = e.path().strip_prefix(root).unwrap().display().to_string();
                    v.push((rel, std::fs::read(e.path()).unwrap()));
                }
            }
        }
        walk(d, d, &mut v);
        v.sort();
        v
    };
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.len(), fb.len());
    for ((na, ba), (nb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(na, nb);
        assert!(ba == bb, "{na} differs between two builds");
    }
    // An event's new date shows on the web as in the PDF.
    let text = std::fs::read_to_string("report.toml").unwrap();
    let edited = text.replacen(
        "title = \"ICLEI-UNDRR Disaster Resilience Building Series\"",
        "title = \"ICLEI-UNDRR Disaster Resilience Building Series (moved)\"",
        1,
    );
    assert_ne!(edited, text, "the event to edit is in report.toml");
    let report = dir.path().join("report.toml");
    std::fs::write(&report, edited).unwrap();
    let c = build(&report, &dir.path().join("a"));
    let all: String = files(&c)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".html"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .collect();
    assert!(all.contains("ICLEI-UNDRR Disaster Resilience Building Series (moved)"));
}
