//! SVG images (logos, above all): the fences an SVG passes at load, and the
//! clean copy that every output draws from. An SVG is a program's worth of
//! features; folio accepts the part it can draw as vectors in a PDF/A file
//! and show safely on the web: shapes, paths, gradients, patterns, clip
//! paths, masks and opacity. It refuses, naming the element and its line in
//! the SVG, scripts and event handlers, references to anything outside the
//! file, foreign (HTML) content, and what would have to be rasterised or
//! needs fonts: embedded bitmaps, filters and text (a logo's lettering is
//! converted to outlines in the drawing program). What passes is parsed by
//! usvg and written out again by it: the PDF and the web edition both use
//! that re-serialised tree, never the file's own markup.

use super::ImageError;

/// Most elements an SVG may draw, counting each `<use>` as the copy it
/// makes: a logo has hundreds; nested `<use>` could otherwise make a small
/// file expand to billions.
pub const MAX_ELEMENTS: u64 = 200_000;

/// Whether the bytes are an SVG document rather than a bitmap: XML text
/// (a PNG or JPEG starts with binary bytes).
///
/// ```
/// use folio::images::svg::looks_like_svg;
/// assert!(looks_like_svg(b"\xEF\xBB\xBF <?xml version=\"1.0\"?><svg/>"));
/// assert!(!looks_like_svg(b"\x89PNG\r\n"));
/// ```
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    b.iter()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|&c| c == b'<')
}

/// An SVG that passed the fences: usvg's re-serialised tree and its size
/// in CSS pixels, rounded (at least 1, at most [`super::MAX_SIDE`], the
/// proportions kept).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The clean SVG document.
    pub text: String,
    /// Width in CSS pixels.
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
}

/// Checks an SVG file's bytes against the fences and re-serialises it.
/// `src` is the path as report.toml spells it, for the messages.
pub fn check(bytes: &[u8], src: &str) -> Result<Checked, ImageError> {
    let bad = |why: String| ImageError::BadSvg(src.into(), why);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| bad(format!("it is not UTF-8 text (byte {})", e.valid_up_to())))?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: u32::try_from(MAX_ELEMENTS * 4).unwrap_or(u32::MAX),
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| bad(format!("it does not parse as XML: {e}")))?;
    fences(&doc).map_err(|why| ImageError::SvgRefused(src.into(), why))?;
    let tree = usvg::Tree::from_str(text, &parse_options())
        .map_err(|e| bad(format!("it does not parse as SVG: {e}")))?;
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err(bad("it has no size (width, height or viewBox)".into()));
    }
    let shrink = (super::MAX_SIDE as f32 / w.max(h)).min(1.0);
    let side = |v: f32| ((v * shrink).round() as u32).clamp(1, super::MAX_SIDE);
    Ok(Checked {
        text: tree.to_string(&usvg::WriteOptions::default()),
        width: side(w),
        height: side(h),
    })
}

/// usvg's options with every way out of the file shut: no resources
/// folder, and `<image>` references resolve to nothing (the fences refuse
/// `<image>` already; this holds should one slip past them).
pub fn parse_options() -> usvg::Options<'static> {
    usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// The first thing in the document that folio refuses, as "what, at line
/// L, column C; what to do".
fn fences(doc: &roxmltree::Document<'_>) -> Result<(), String> {
    let at = |n: roxmltree::Node<'_, '_>| {
        let p = doc.text_pos_at(n.range().start);
        format!("at line {}, column {}", p.row, p.col)
    };
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err(format!(
            "its root element is <{}>, not <svg>",
            root.tag_name().name()
        ));
    }
    for n in doc.descendants() {
        if n.is_text() {
            if n.parent().is_some_and(|p| p.tag_name().name() == "style") {
                outside_reference(n.text().unwrap_or(""))
                    .map_err(|what| format!("a <style> {} {what}", at(n)))?;
            }
            continue;
        }
        if !n.is_element() {
            continue;
        }
        let name = n.tag_name().name();
        let refused = match name {
            "script" => Some("scripts are not allowed in images"),
            "foreignObject" => Some("foreign (HTML) content is not allowed in images"),
            "image" | "feImage" => Some(
                "embedded or linked bitmaps are not drawn as vectors; use the PNG or JPEG itself, or trace it",
            ),
            "filter" => Some("filters would be rasterised; remove the effect"),
            "text" | "tspan" | "textPath" => Some(
                "text needs fonts folio does not embed for images; convert the text to outlines (paths) in the drawing program",
            ),
            _ => None,
        };
        if let Some(why) = refused {
            return Err(format!("a <{name}> element {}: {why}", at(n)));
        }
        for a in n.attributes() {
            let attr = a.name();
            if attr.len() > 2 && attr.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on")) {
                return Err(format!(
                    "an event handler ({attr}) on <{name}> {}: scripts are not allowed in images",
                    at(n)
                ));
            }
            if attr == "href" && !a.value().starts_with('#') {
                return Err(format!(
                    "a reference to \"{}\" on <{name}> {}: an image may only refer to its own parts (\"#id\")",
                    a.value(),
                    at(n)
                ));
            }
            outside_reference(a.value())
                .map_err(|what| format!("the {attr} of <{name}> {} {what}", at(n)))?;
        }
    }
    let drawn = expanded(doc);
    if drawn > MAX_ELEMENTS {
        return Err(format!(
            "it draws more than {MAX_ELEMENTS} elements (counting each <use> as its copy); simplify it"
        ));
    }
    Ok(())
}

/// Refuses a `url(…)` that does not point inside the file, and CSS
/// `@import`.
fn outside_reference(v: &str) -> Result<(), String> {
    if v.contains("@import") {
        return Err("imports a style sheet: an image may not load other files".into());
    }
    let mut rest = v;
    while let Some(i) = rest.find("url(") {
        rest = &rest[i + 4..];
        let target = rest.trim_start().trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            let end = target.find(')').unwrap_or(target.len());
            let shown: String = target[..end].chars().take(60).collect();
            return Err(format!(
                "refers to \"{}\": an image may only refer to its own parts (\"#id\")",
                shown.trim_end_matches(['"', '\''])
            ));
        }
    }
    Ok(())
}

/// How many elements the document draws with each `<use>` replaced by its
/// target, counted with memory (each element once) and capped, so a chain
/// of nested `<use>` is measured without being expanded. A `<use>` that
/// reaches itself counts as over the limit.
fn expanded(doc: &roxmltree::Document<'_>) -> u64 {
    use std::collections::HashMap;
    let ids: HashMap<&str, roxmltree::NodeId> = doc
        .descendants()
        .filter_map(|n| n.attribute("id").map(|id| (id, n.id())))
        .collect();
    // None while being counted: meeting it again is a cycle.
    let mut memo: HashMap<roxmltree::NodeId, Option<u64>> = HashMap::new();
    fn count(
        n: roxmltree::Node<'_, '_>,
        ids: &HashMap<&str, roxmltree::NodeId>,
        memo: &mut HashMap<roxmltree::NodeId, Option<u64>>,
        depth: usize,
    ) -> u64 {
        let over = MAX_ELEMENTS + 1;
        match memo.get(&n.id()) {
            Some(Some(c)) => return *c,
            Some(None) => return over,
            None => {}
        }
        if depth > 256 {
            return over;
        }
        memo.insert(n.id(), None);
        let mut c = 1u64;
        for child in n.children().filter(|c| c.is_element()) {
            c = c
                .saturating_add(count(child, ids, memo, depth + 1))
                .min(over);
        }
        if n.tag_name().name() == "use" {
            let target = n
                .attribute("href")
                .or_else(|| n.attribute(("http://www.w3.org/1999/xlink", "href")))
                .and_then(|h| h.strip_prefix('#'))
                .and_then(|id| ids.get(id))
                .and_then(|&id| n.document().get_node(id));
            if let Some(t) = target {
                c = c.saturating_add(count(t, ids, memo, depth + 1)).min(over);
            }
        }
        memo.insert(n.id(), Some(c));
        c
    }
    count(doc.root_element(), &ids, &mut memo, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(svg: &str) -> String {
        match check(svg.as_bytes(), "logo.svg") {
            Err(e) => e.to_string(),
            Ok(_) => panic!("accepted: {svg}"),
        }
    }

    #[test]
    fn a_plain_logo_passes_and_keeps_its_size() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
            <defs><linearGradient id="g"><stop offset="0" stop-color="#063"/><stop offset="1" stop-color="#0a6"/></linearGradient></defs>
            <rect width="120" height="40" fill="url(#g)"/><circle id="c" cx="20" cy="20" r="10" fill="#fff"/>
            <use href="#c" x="40"/></svg>"##;
        let ok = check(svg.as_bytes(), "logo.svg").unwrap();
        assert_eq!((ok.width, ok.height), (120, 40));
        assert!(ok.text.contains("<svg") && ok.text.contains("linearGradient"));
    }

    #[test]
    fn each_fence_names_what_and_where() {
        let head = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">"#;
        let cases = [
            ("\n<script>alert(1)</script>", "<script> element at line 2"),
            (
                "<rect onclick=\"x()\" width=\"1\" height=\"1\"/>",
                "event handler (onclick)",
            ),
            (
                "<image href=\"photo.png\" width=\"1\" height=\"1\"/>",
                "<image> element",
            ),
            (
                "<use xlink:href=\"other.svg#a\"/>",
                "reference to \"other.svg#a\"",
            ),
            (
                "<rect fill=\"url(http://x/y#a)\" width=\"1\" height=\"1\"/>",
                "refers to \"http://x/y#a\"",
            ),
            (
                "<style>@import url(a.css);</style>",
                "imports a style sheet",
            ),
            ("<text>ICLEI</text>", "convert the text to outlines"),
            ("<foreignObject/>", "foreign (HTML) content"),
            ("<filter id=\"f\"/>", "filters would be rasterised"),
        ];
        for (body, want) in cases {
            let msg = refused(&format!("{head}{body}</svg>"));
            assert!(msg.contains(want), "{body}: {msg}");
            assert!(msg.starts_with("image \"logo.svg\""), "{msg}");
        }
    }

    #[test]
    fn markup_that_does_not_parse_is_located() {
        let msg = refused("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect></svg>");
        assert!(
            msg.contains("does not parse as XML") && msg.contains("2:"),
            "{msg}"
        );
        assert!(refused("<html/>").contains("root element is <html>"));
    }

    #[test]
    fn nested_use_that_would_explode_is_refused() {
        // Each level uses the one below ten times: 10^7 copies from 8 lines.
        let mut svg = String::from(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><defs><rect id="l0" width="1" height="1"/>"#,
        );
        for i in 1..8 {
            svg.push_str(&format!("<g id=\"l{i}\">"));
            for _ in 0..10 {
                svg.push_str(&format!("<use href=\"#l{}\"/>", i - 1));
            }
            svg.push_str("</g>");
        }
        svg.push_str("</defs><use href=\"#l7\"/></svg>");
        assert!(refused(&svg).contains("more than 200000 elements"));
        let cycle = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><g id="a"><use href="#a"/></g></svg>"##;
        assert!(refused(cycle).contains("more than"));
    }
}
