//! SVG images end to end: drawn as vectors in the PDF (a Form XObject, no
//! bitmap), shown in the web edition from usvg's clean copy, and refused
//! with an error at the image's place in report.toml when the SVG does not
//! parse, holds a script or refers outside itself, or lies outside the
//! report's folder. The SVG files are written by the tests.

use crate::common::{folio, one_section_report};
use lopdf::{Document, Object};
use std::path::Path;

/// A logo as drawing programs save one: a gradient, a reused shape,
/// opacity.
const LOGO: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="240" height="80" viewBox="0 0 240 80">
  <defs>
    <linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#006633"/><stop offset="1" stop-color="#33aa66"/></linearGradient>
    <path id="leaf" d="M10 40 C 10 10, 50 10, 50 40 C 50 70, 10 70, 10 40 Z"/>
  </defs>
  <rect width="240" height="80" rx="8" fill="url(#g)"/>
  <use xlink:href="#leaf" fill="#ffffff"/>
  <use xlink:href="#leaf" x="60" fill="#ffffff" opacity="0.6"/>
</svg>
"##;

/// A one-section report in `dir` whose body shows `src` (line 16).
fn report(dir: &Path, src: &str) -> std::path::PathBuf {
    let body = format!("![The folio tests logo: two leaves on green]({src})");
    one_section_report(dir, "svg", &body)
}

fn build(report: &Path, out: &Path) -> std::process::Output {
    folio()
        .arg("build")
        .arg(report)
        .arg("--html")
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn an_svg_logo_is_drawn_as_vectors_and_shown_on_the_web() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    std::fs::write(dir.path().join("images/logo.svg"), LOGO).unwrap();
    let out = dir.path().join("out");
    let o = build(&report(dir.path(), "images/logo.svg"), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let doc = Document::load(out.join("svg.pdf")).unwrap();
    fn subtype(s: &lopdf::Stream) -> Option<&[u8]> {
        s.dict.get(b"Subtype").and_then(Object::as_name).ok()
    }
    let streams: Vec<&lopdf::Stream> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .collect();
    assert!(
        !streams.iter().any(|s| subtype(s) == Some(b"Image")),
        "the logo was rasterised"
    );
    // The drawing: a form whose content fills curves (the leaves) and
    // whose resources hold the gradient as a shading pattern.
    let form = streams
        .iter()
        .find(|s| subtype(s) == Some(b"Form") && s.dict.has(b"Matrix"))
        .expect("the logo as a Form XObject");
    let content = String::from_utf8_lossy(&form.decompressed_content().unwrap()).into_owned();
    assert!(
        content.contains(" c\n") || content.contains(" c "),
        "no curves in {content}"
    );
    let resources = match form.dict.get(b"Resources").unwrap() {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        o => o.as_dict().unwrap(),
    };
    assert!(resources.has(b"Pattern"), "the gradient is missing");
    // Placed on a page as a figure with its alternative text.
    let figures = crate::common::tagged::check(&doc);
    assert!(figures.count("Figure") >= 1);

    // The web edition shows usvg's clean copy beside the page.
    let svg = walk(&out)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "svg") && p.ends_with("logo.svg"))
        .expect("logo.svg in the web edition");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg") && text.contains("linearGradient"));
    let html = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .find(|h| h.contains("logo.svg"))
        .expect("a page showing the logo");
    assert!(html.contains("alt=\"The folio tests logo: two leaves on green\""));
    assert!(html.contains("width=\"240\" height=\"80\""), "{html}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            found.extend(walk(&p));
        } else {
            found.push(p);
        }
    }
    found
}

/// Each bad SVG fails the build at the image's place in report.toml,
/// naming what is wrong inside the SVG, and writes nothing.
#[test]
fn bad_svgs_are_refused_where_report_toml_names_them() {
    let cases = [
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n<rect></svg>",
            "does not parse as XML",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n\n<script>alert(1)</script></svg>",
            "a <script> element at line 3, column 1",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\" onload=\"alert(1)\"/>",
            "event handler (onload)",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><use href=\"/etc/passwd#x\"/></svg>",
            "a reference to \"/etc/passwd#x\"",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><image href=\"data:image/png;base64,AAAA\" width=\"1\" height=\"1\"/></svg>",
            "a <image> element",
        ),
    ];
    for (svg, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("logo.svg"), svg).unwrap();
        let out = dir.path().join("out");
        let o = build(&report(dir.path(), "logo.svg"), &out);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "accepted: {svg}");
        assert!(err.contains("image \"logo.svg\""), "{err}");
        assert!(err.contains(want), "{want}: {err}");
        assert!(err.contains("report.toml:16:"), "{err}");
        assert!(
            !out.join("svg.pdf").exists(),
            "a refused build wrote its PDF"
        );
    }
}

/// The bitmaps' fences hold for SVGs: a path out of the folder is refused
/// before the file is read.
#[test]
fn an_svg_outside_the_report_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("logo.svg"), LOGO).unwrap();
    let inner = dir.path().join("report");
    std::fs::create_dir(&inner).unwrap();
    let o = build(&report(&inner, "../logo.svg"), &inner.join("out"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("outside the report's folder"), "{err}");
    assert!(err.contains("report.toml:16:"), "{err}");
}
