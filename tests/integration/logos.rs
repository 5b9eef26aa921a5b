//! The back cover's supporters end to end: a row of logos (an SVG drawn as
//! vectors, a PNG as an image) and a name where a funder has none, read as
//! one Figure whose alternative text names them all, after the line that
//! introduces them; the web edition's list of logos with the names as
//! alternative text; and a funder's logo fenced like any image, its
//! problems located at the `logo` value in report.toml. The logo files are
//! written by the tests.

use crate::common::{folio, photos, report_table, tagged};
use lopdf::{Document, Object};
use std::path::{Path, PathBuf};

/// A logo as drawing programs save one: a gradient, curves.
const LEAF: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100">
  <defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#006633"/><stop offset="1" stop-color="#33aa66"/></linearGradient></defs>
  <path d="M10 50 C 10 10, 90 10, 90 50 C 90 90, 10 90, 10 50 Z" fill="url(#g)"/>
  <rect x="110" y="35" width="180" height="30" fill="#006633"/>
</svg>
"##;

/// The names as the report credits them, in `supporters` order.
const NAMES: [&str; 3] = ["Leaf Foundation", "Wave Fund (WF)", "Plain Trust"];

/// A report with three supporters (an SVG logo, a PNG logo, none) and an
/// unused funder whose logo is `unused`; returns its path. The logos
/// live in `logos/`.
fn report(dir: &Path, unused: &str) -> PathBuf {
    let logos = dir.join("logos");
    std::fs::create_dir_all(&logos).unwrap();
    std::fs::write(logos.join("leaf.svg"), LEAF).unwrap();
    std::fs::write(logos.join("wave.png"), photos::png(360, 120, 7)).unwrap();
    let header = report_table("Logos", "supporters = [\"leaf\", \"wave\", \"plain\"]\n");
    let text = format!(
        r#"{header}[output]
pdf = "logos.pdf"
html = "web"

[[funders]]
id = "leaf"
name = "Leaf Foundation"
logo = "logos/leaf.svg"

[[funders]]
id = "wave"
name = "Wave Fund"
short_name = "WF"
logo = "logos/wave.png"

[[funders]]
id = "plain"
name = "Plain Trust"

[[funders]]
id = "unused"
name = "Not A Supporter"
logo = "{unused}"

[[sections]]
id = "story"
title = "Story"
body = "The year in a sentence."

[[sections]]
id = "back-cover"
title = "folio tests"
role = "back-cover"
body = "© 2023 folio tests."
"#
    );
    let path = dir.join("report.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn build(report: &Path, out: &Path) -> std::process::Output {
    folio()
        .arg("build")
        .arg(report)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// The Subtype of each XObject the page's resources name.
fn xobject_kinds(doc: &Document, page: lopdf::ObjectId) -> Vec<Vec<u8>> {
    let (own, inherited) = doc.get_page_resources(page).unwrap();
    let resources = own
        .cloned()
        .or_else(|| {
            inherited
                .first()
                .map(|id| doc.get_dictionary(*id).unwrap().clone())
        })
        .expect("page resources");
    let xobjects = match resources.get(b"XObject") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).unwrap().clone(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => return Vec::new(),
    };
    xobjects
        .iter()
        .map(|(_, o)| {
            let s = doc.get_object(o.as_reference().unwrap()).unwrap();
            let s = s.as_stream().unwrap();
            s.dict.get(b"Subtype").unwrap().as_name().unwrap().to_vec()
        })
        .collect()
}

/// The /Alt of every Figure in the structure tree.
fn figure_alts(doc: &Document) -> Vec<String> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(b"Figure"))
        .filter_map(|d| d.get(b"Alt").ok())
        .map(|a| lopdf::decode_text_string(a).unwrap())
        .collect()
}

#[test]
fn the_back_cover_shows_the_supporters_logos_as_one_figure() {
    let dir = tempfile::tempdir().unwrap();
    // The unused funder's logo is the SVG too: checked, never placed.
    let out = dir.path().join("out");
    let o = build(&report(dir.path(), "logos/leaf.svg"), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let doc = Document::load(out.join("logos.pdf")).unwrap();
    // Every painted operator tagged or an artifact; the row is a Figure
    // whose alternative text names the supporters in order.
    let census = tagged::check(&doc);
    assert_eq!(figure_alts(&doc), [NAMES.join("; ")]);
    // Read after the line that introduces it; the name set as text (Plain
    // Trust has no logo) is the Figure's content, not a paragraph of its
    // own, so it is not read twice.
    let line = census
        .reading
        .iter()
        .position(|(k, t)| k.trim() == "P" && t.contains("folio tests is generously supported by:"))
        .expect("the supporters' line");
    let figure = census
        .reading
        .iter()
        .position(|(k, _)| k.trim() == "Figure")
        .expect("the row's Figure in reading order");
    assert!(line < figure, "{:?}", census.reading);
    assert!(census.reading[line].1.trim_end().ends_with("supported by:"));
    let named: Vec<&(String, String)> = census
        .reading
        .iter()
        .filter(|(_, t)| t.contains("Plain Trust"))
        .collect();
    assert!(
        named.iter().all(|(k, _)| k.trim() == "Figure"),
        "the name is read outside the figure: {named:?}"
    );
    // The last page: the SVG as a vector form, the PNG as an image, one
    // of each (the unused funder's logo is not embedded).
    let last = *doc.get_pages().values().last().unwrap();
    let mut kinds = xobject_kinds(&doc, last);
    kinds.sort();
    assert_eq!(kinds, [b"Form".to_vec(), b"Image".to_vec()]);
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .count();
    assert_eq!(images, 1, "only the PNG logo is a bitmap");

    // The web edition: the back cover's list of logos, the names as their
    // alternative text, the name as text where there is no logo.
    let web = out.join("web");
    let html = std::fs::read_to_string(web.join("back-cover.html")).unwrap();
    let list = &html[html.find("<ul class=\"logos\">").expect("the logo list")..];
    let list = &list[..list.find("</ul>").unwrap()];
    let leaf = list.find("<img src=\"images/leaf.svg\" alt=\"Leaf Foundation\"");
    let wave = list.find("<img src=\"images/wave.png\" alt=\"Wave Fund (WF)\"");
    let plain = list.find("<li>Plain Trust</li>");
    assert!(
        leaf.is_some() && wave.is_some() && plain.is_some(),
        "{list}"
    );
    assert!(leaf < wave && wave < plain, "out of order: {list}");
    assert!(list.contains("width=\"360\" height=\"120\""), "{list}");
    assert!(html.find("generously supported by:") < html.find("<ul class=\"logos\">"));
    let svg = std::fs::read_to_string(web.join("images/leaf.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("linearGradient"));
    assert_eq!(
        std::fs::read(web.join("images/wave.png")).unwrap(),
        std::fs::read(dir.path().join("logos/wave.png")).unwrap()
    );
    let css = std::fs::read_to_string(web.join("style.css")).unwrap();
    assert!(css.contains(".logos img{"), "no rules for the logos");
}

/// A logo that cannot be used fails the build at its `logo = "…"` in
/// report.toml, with what is wrong, and writes nothing: also a funder who
/// is not among the supporters.
#[test]
fn a_bad_logo_is_refused_where_report_toml_names_it() {
    let cases = [
        ("logos/missing.svg", "does not exist"),
        ("../outside.png", "outside the report's folder"),
        ("logos/script.svg", "a <script> element"),
        ("logos/fake.png", "not"),
    ];
    for (path, want) in cases {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("outside.png"), photos::png(90, 30, 1)).unwrap();
        let dir = root.path().join("report");
        std::fs::create_dir(&dir).unwrap();
        let report = report(&dir, path);
        std::fs::write(
            dir.join("logos/script.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n<script>alert(1)</script></svg>",
        )
        .unwrap();
        std::fs::write(dir.join("logos/fake.png"), "not a picture").unwrap();
        let out = dir.join("out");
        let o = build(&report, &out);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{path}: {err}");
        assert!(err.contains(want), "{path}: {err}");
        // Line and column of the path inside its quotes.
        let text = std::fs::read_to_string(&report).unwrap();
        let at = text.find(&format!("logo = \"{path}\"")).unwrap() + "logo = \"".len();
        let line = text[..at].matches('\n').count() + 1;
        let col = at - text[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
        assert!(
            err.contains(&format!("report.toml:{line}:{col}")),
            "{path}: want {line}:{col} in {err}"
        );
        assert!(!out.exists(), "{path}: a refused build wrote {out:?}");
    }
}

#[test]
fn every_funder_as_a_supporter_keeps_the_designed_back_cover_on_its_page() {
    // The default report's back cover is nearly full: naming all five of
    // its funders (two rows of names) tightens the page rather than
    // flowing the back cover onto a page of its own.
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("report.toml")).unwrap();
    let supporters = "supporters = [\"bmu-iki\", \"gef\", \"bmbf\", \"kas\", \"eu-horizon-2020\"]";
    let text = source.replacen("\n[output]", &format!("\n{supporters}\n\n[output]"), 1);
    assert_ne!(text, source, "report.toml has no [output] after [report]");
    let path = dir.path().join("report.toml");
    std::fs::write(&path, text).unwrap();
    let out = dir.path().join("out");
    let o = build(&path, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = Document::load(out.join("annual-report-2023.pdf")).unwrap();
    let pages = pdf.get_pages();
    let default = Document::load(
        crate::common::build(&root.join("report.toml"))
            .path()
            .join("annual-report-2023.pdf"),
    )
    .unwrap()
    .get_pages()
    .len();
    assert_eq!(pages.len(), default, "the supporters added a page");
    let last = *pages.keys().last().unwrap();
    let text = pdf.extract_text(&[last]).unwrap();
    for expected in [
        "ICLEI Worldwide",
        "generously supported by",
        "Konrad Adenauer Foundation",
        "European Union (EU)",
    ] {
        assert!(
            text.contains(expected),
            "the back cover lacks {expected:?}:\n{text}"
        );
    }
}
