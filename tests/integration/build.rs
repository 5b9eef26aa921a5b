//! End to end: build the default report with the `folio` binary, then read
//! the PDF and the workbooks back as a reader's tools would.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::{self, folio};

/// The default report, built once for all tests in this file.
pub(super) fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        // Under target/ (a static is never dropped, so no tempdir guard).
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-default");
        let _ = std::fs::remove_dir_all(&out);
        let st = folio()
            .args(["build", "report.toml", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            st.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&st.stderr)
        );
        out
    })
}

fn pdf() -> lopdf::Document {
    lopdf::Document::load(built().join("annual-report-2023.pdf")).expect("PDF parses")
}

pub(super) fn report() -> folio::model::Report {
    folio::load::load_file("report.toml".as_ref())
        .unwrap()
        .report
}

#[test]
fn build_writes_the_pdf_and_three_workbooks() {
    for f in [
        "annual-report-2023.pdf",
        "events-2023.xlsx",
        "members-2023.xlsx",
        "publications-2023.xlsx",
    ] {
        let p = built().join(f);
        assert!(
            std::fs::metadata(&p)
                .map(|m| m.len() > 5_000)
                .unwrap_or(false),
            "{f} missing or tiny"
        );
    }
}

#[test]
fn pdf_pages_are_a4_and_numbered_as_printed() {
    let doc = pdf();
    let pages = doc.get_pages();
    // As many pages as the build reported, every one A4 (210 × 297 mm) to
    // a thousandth of a point: the size the pages were laid out on.
    let o = folio().args(["check", "report.toml"]).output().unwrap();
    let said = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(said.contains(&format!("; {} pages", pages.len())), "{said}");
    for (n, id) in &pages {
        let page = doc.get_dictionary(*id).unwrap();
        let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let w = mb[2].as_float().unwrap();
        let h = mb[3].as_float().unwrap();
        assert!(
            (w - 210.0 * 72.0 / 25.4).abs() < 1e-3 && (h - 297.0 * 72.0 / 25.4).abs() < 1e-3,
            "page {n} is not A4: {w} x {h}"
        );
    }
    // The folio printed at the foot of a page is its number, which is also
    // the page label a viewer shows (decimal from the cover on).
    // Pages with a running head (the report's title) end with their folio
    // (lopdf joins a page's text with spaces; the folio is drawn last).
    let title = report().report.title;
    let mut footed = 0;
    for (n, _) in pages.iter() {
        let text = doc.extract_text(&[*n]).unwrap();
        if !text.contains(&title) {
            continue;
        }
        if let Some(Ok(folio)) = text.split_whitespace().last().map(str::parse::<u32>) {
            assert_eq!(folio, *n, "page {n} is numbered {folio}");
            footed += 1;
        }
    }
    assert!(
        footed * 2 > pages.len(),
        "only {footed} of {} pages carry a folio",
        pages.len()
    );
    let labels = doc
        .catalog()
        .unwrap()
        .get(b"PageLabels")
        .unwrap()
        .as_dict()
        .unwrap();
    let nums = labels.get(b"Nums").unwrap().as_array().unwrap();
    assert_eq!(nums[0].as_i64().unwrap(), 0);
    let style = nums[1]
        .as_dict()
        .unwrap()
        .get(b"S")
        .unwrap()
        .as_name()
        .unwrap();
    assert_eq!(style, b"D");
}

#[test]
fn pdf_outline_is_nested_and_points_at_pages() {
    let doc = pdf();
    let cat = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(cat.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut titles = Vec::new();
    let mut nested = 0;
    let mut stack = vec![root.get(b"First").unwrap().as_reference().unwrap()];
    while let Some(id) = stack.pop() {
        let d = doc.get_dictionary(id).unwrap();
        let t = d.get(b"Title").unwrap().as_str().unwrap();
        titles.push(
            lopdf::decode_text_string(&lopdf::Object::String(
                t.to_vec(),
                lopdf::StringFormat::Literal,
            ))
            .unwrap(),
        );
        let dest = d.get(b"Dest").unwrap().as_array().unwrap();
        assert!(dest[0].as_reference().is_ok(), "destination names a page");
        if let Ok(first) = d.get(b"First").and_then(|f| f.as_reference()) {
            nested += 1;
            stack.push(first);
        }
        if let Ok(next) = d.get(b"Next").and_then(|f| f.as_reference()) {
            stack.push(next);
        }
    }
    // A bookmark per heading (sections, and those of data views) and the
    // contents, nested under chapters.
    let r = report();
    let doc = common::composed(Path::new("report.toml"));
    let headings: Vec<&String> = doc
        .chapters
        .iter()
        .chain(doc.back_cover.iter())
        .flat_map(|c| &c.blocks)
        .filter_map(|b| match b {
            folio::compose::Block::Heading { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(titles.len(), headings.len() + 1, "outline entries");
    for s in &r.sections {
        assert!(titles.contains(&s.title), "no bookmark {}", s.title);
    }
    let chapters_with_sections = r
        .sections
        .windows(2)
        .filter(|w| w[0].level == 1 && w[1].level > 1)
        .count();
    assert!(nested >= chapters_with_sections, "outline is flat");
}

#[test]
fn pdf_links_and_metadata() {
    let doc = pdf();
    let (mut uri, mut goto) = (Vec::new(), 0);
    for (_, pid) in doc.get_pages() {
        let page = doc.get_dictionary(pid).unwrap();
        let annots = match page.get(b"Annots") {
            Ok(a) => doc.dereference(a).unwrap().1.as_array().unwrap().clone(),
            Err(_) => Vec::new(),
        };
        for a in &annots {
            let a = doc.dereference(a).unwrap().1.as_dict().unwrap();
            let Ok(action) = a
                .get(b"A")
                .and_then(|x| doc.dereference(x))
                .and_then(|(_, x)| x.as_dict())
            else {
                continue;
            };
            match action.get(b"S").and_then(|s| s.as_name()) {
                Ok(b"URI") => uri.push(
                    String::from_utf8_lossy(action.get(b"URI").unwrap().as_str().unwrap())
                        .into_owned(),
                ),
                Ok(b"GoTo") => goto += 1,
                _ => {}
            }
        }
    }
    assert!(
        uri.contains(&"mailto:iclei-eastasia@iclei.org".to_string()),
        "{uri:?}"
    );
    assert!(uri.contains(&"http://eastasia.iclei.org".to_string()));
    assert!(
        goto >= 40,
        "{goto} internal links (contents and cross references)"
    );
    let cat = doc.catalog().unwrap();
    assert_eq!(cat.get(b"Lang").unwrap().as_str().unwrap(), b"en");
    let vp = cat.get(b"ViewerPreferences").unwrap().as_dict().unwrap();
    assert!(vp.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    // Tagged: a structure tree with headings, and MarkInfo.
    let mark = cat.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());
    let root = doc
        .get_dictionary(cat.get(b"StructTreeRoot").unwrap().as_reference().unwrap())
        .unwrap();
    let document = doc
        .get_dictionary(root.get(b"K").unwrap().as_reference().unwrap())
        .unwrap();
    // The cover's title first, then a Sect per chapter (tagged_pdf.rs
    // checks the whole tree).
    let kinds: Vec<Vec<u8>> = document
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            doc.get_dictionary(k.as_reference().unwrap())
                .unwrap()
                .get(b"S")
                .unwrap()
                .as_name()
                .unwrap()
                .to_vec()
        })
        .collect();
    assert_eq!(
        kinds
            .iter()
            .find(|k| k.starts_with(b"H"))
            .map(Vec::as_slice),
        Some(&b"H1"[..])
    );
    assert!(kinds.iter().filter(|k| k == &b"Sect").count() >= 10);
}

#[test]
fn pdf_text_reads_back_with_diacritics_and_chinese() {
    let doc = pdf();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // lopdf puts a space where the font changes (Latin ↔ CJK); compare
    // CJK phrases without spaces.
    let dense: String = text.split_whitespace().collect();
    // Names as report.toml writes them (diacritics, Chinese), whatever
    // they are: every member and every person on a list.
    let r = report();
    let mut phrases: Vec<String> = r.members.iter().map(|m| m.name.clone()).collect();
    phrases.extend(r.people.iter().map(|p| p.name.clone()));
    phrases.extend(
        r.sections
            .iter()
            .flat_map(|s| s.body.lines())
            .filter(|l| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
            .map(|l| {
                l.trim_start_matches("> ")
                    .trim_end_matches('\\')
                    .to_string()
            }),
    );
    assert!(
        phrases.iter().any(|p| !p.is_ascii()),
        "no name with diacritics or CJK"
    );
    for phrase in &phrases {
        let dense_phrase: String = phrase.split_whitespace().collect();
        assert!(
            flat.contains(phrase.as_str()) || dense.contains(&dense_phrase),
            "PDF text lacks {phrase:?}"
        );
    }
}

#[test]
fn two_builds_give_identical_bytes() {
    let a_dir = common::temp_dir();
    let a = a_dir.path().to_path_buf();
    let b_dir = common::temp_dir();
    let b = b_dir.path().to_path_buf();
    for d in [&a, &b] {
        let st = folio()
            .args(["build", "report.toml", "--out"])
            .arg(d)
            .status()
            .unwrap();
        assert!(st.success());
    }
    for f in [
        "annual-report-2023.pdf",
        "events-2023.xlsx",
        "members-2023.xlsx",
        "publications-2023.xlsx",
    ] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f} differs"
        );
    }
}

#[test]
fn invalid_input_writes_nothing_and_keeps_the_last_outputs() {
    let out_dir = common::temp_dir();
    let out = out_dir.path().to_path_buf();
    assert!(
        folio()
            .args(["build", "report.toml", "--out"])
            .arg(&out)
            .status()
            .unwrap()
            .success()
    );
    let before = std::fs::read(out.join("events-2023.xlsx")).unwrap();
    let bad = out.join("bad.toml");
    let src = std::fs::read_to_string("report.toml").unwrap().replacen(
        "end = 2023-12-12",
        "end = 2023-10-12",
        1,
    );
    std::fs::write(&bad, src).unwrap();
    let o = folio()
        .arg("build")
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.toml:") && err.contains("before it starts"),
        "{err}"
    );
    assert_eq!(std::fs::read(out.join("events-2023.xlsx")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn usage_errors_exit_2_and_bad_out_exits_1() {
    let o = folio().arg("bulid").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let dir_dir = common::temp_dir();
    let dir = dir_dir.path().to_path_buf();
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = folio()
        .args(["build", "report.toml", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("expected a folder"));
    let o = folio()
        .args(["check", "no-such-report.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read no-such-report.toml"));
}

#[test]
fn check_validates_without_writing() {
    let o = folio().args(["check", "report.toml"]).output().unwrap();
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("38 events") && s.contains("ok"), "{s}");
}

#[test]
fn pdf_fonts_are_embedded_subsets_with_unicode_maps() {
    let doc = pdf();
    let mut fonts = 0;
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        fonts += 1;
        let name =
            String::from_utf8_lossy(d.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
        let (tag, rest) = name.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        assert!(rest.starts_with("Noto"), "{name}");
        assert!(d.get(b"ToUnicode").is_ok(), "{name} has no ToUnicode map");
        let cid = doc
            .get_dictionary(
                d.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]
                    .as_reference()
                    .unwrap(),
            )
            .unwrap();
        let desc = doc
            .get_dictionary(cid.get(b"FontDescriptor").unwrap().as_reference().unwrap())
            .unwrap();
        let file = desc
            .get(b"FontFile2")
            .or_else(|_| desc.get(b"FontFile3"))
            .expect("an embedded font program");
        let program = doc
            .get_object(file.as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap();
        let bytes = program
            .decompressed_content()
            .unwrap_or_else(|_| program.content.clone());
        // Subsets: the CJK face alone is 19 MB whole.
        assert!(
            bytes.len() > 1000 && bytes.len() < 300_000,
            "{name}: {} bytes",
            bytes.len()
        );
    }
    assert!(fonts >= 3, "only {fonts} fonts");
}
