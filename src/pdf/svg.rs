//! SVG images into the PDF as vectors: usvg's tree (already fenced and
//! re-serialised at load, see [`crate::images::svg`]) is converted by
//! svg2pdf in its PDF/A mode to a one-page PDF, and that page becomes a
//! Form XObject scaled to the unit square, so the page content places it
//! exactly as it places a bitmap. The page's resources (colour spaces,
//! graphics states, gradients, patterns, masks) are copied in with their
//! references resolved; printpdf writes the nested streams as objects of
//! their own. This goes through printpdf's XObject path rather than
//! merging svg2pdf's chunk into the final lopdf document with renumbered
//! ids: nothing downstream (the structure tree, the archival pass) needs
//! to know an image was an SVG, and the XObject gets its resource name
//! like every other image. (printpdf's own SVG support does the same, but
//! its feature pulls in a whole HTML layout engine.)

use printpdf::{DictItem, ExternalStream, ExternalXObject, Px};
use std::collections::BTreeMap;

/// Deepest nesting of resources followed: svg2pdf writes a shallow graph
/// (a pattern's resources hold a mask's group, and so on); this only stops
/// a cycle.
const MAX_DEPTH: usize = 32;

/// The SVG document as a Form XObject drawing it in the unit square.
pub(super) fn form_xobject(svg: &[u8]) -> Result<ExternalXObject, String> {
    let text = std::str::from_utf8(svg).map_err(|e| e.to_string())?;
    let tree = usvg::Tree::from_str(text, &crate::images::svg::parse_options())
        .map_err(|e| e.to_string())?;
    let options = svg2pdf::ConversionOptions {
        pdfa: true,
        embed_text: false,
        ..svg2pdf::ConversionOptions::default()
    };
    // At 72 dpi one SVG pixel is one point, so the page's patterns and its
    // paths share one space (patterns do not follow the content's `cm`).
    let page = svg2pdf::PageOptions { dpi: 72.0 };
    let pdf = svg2pdf::to_pdf(&tree, options, page).map_err(|e| e.to_string())?;
    let doc = lopdf::Document::load_mem(&pdf).map_err(|e| e.to_string())?;
    let (_, page_id) = doc.get_pages().into_iter().next().ok_or("no page")?;
    let page = doc.get_dictionary(page_id).map_err(|e| e.to_string())?;
    let media = page
        .get(b"MediaBox")
        .and_then(lopdf::Object::as_array)
        .map_err(|e| e.to_string())?
        .iter()
        .map(|o| o.as_float().map_err(|e| e.to_string()))
        .collect::<Result<Vec<f32>, _>>()?;
    let [x0, y0, x1, y1] = media[..] else {
        return Err("a MediaBox without four numbers".into());
    };
    let (w, h) = (x1 - x0, y1 - y0);
    if !(w > 0.0 && h > 0.0) {
        return Err("an empty drawing".into());
    }
    let resources = match page.get(b"Resources") {
        Ok(r) => inline(&doc, r, 0)?,
        Err(_) => DictItem::Dict {
            map: BTreeMap::new(),
        },
    };
    let real = DictItem::Real;
    let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
    let mut dict = BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Form")),
        (
            "BBox".to_string(),
            DictItem::Array(vec![real(x0), real(y0), real(x1), real(y1)]),
        ),
        (
            "Matrix".to_string(),
            DictItem::Array(vec![
                real(1.0 / w),
                real(0.0),
                real(0.0),
                real(1.0 / h),
                real(-x0 / w),
                real(-y0 / h),
            ]),
        ),
        ("Resources".to_string(), resources),
    ]);
    // svg2pdf makes the page a transparency group where the drawing has
    // opacity or masks; the form keeps it so they composite the same.
    if let Ok(group) = page.get(b"Group") {
        dict.insert("Group".to_string(), inline(&doc, group, 0)?);
    }
    Ok(ExternalXObject {
        stream: ExternalStream {
            dict,
            content: doc.get_page_content(page_id),
            compress: true,
        },
        width: Some(Px(w.round().max(1.0) as usize)),
        height: Some(Px(h.round().max(1.0) as usize)),
        dpi: Some(72.0),
    })
}

/// An object of svg2pdf's document with its references resolved, as
/// printpdf's dictionary item; streams keep their (compressed) data.
fn inline(doc: &lopdf::Document, o: &lopdf::Object, depth: usize) -> Result<DictItem, String> {
    use lopdf::Object as O;
    if depth > MAX_DEPTH {
        return Err("resources nested too deep".into());
    }
    let dict = |d: &lopdf::Dictionary| -> Result<BTreeMap<String, DictItem>, String> {
        d.iter()
            // A stream's length is written anew for the copied data.
            .filter(|(k, _)| k.as_slice() != b"Length")
            .map(|(k, v)| {
                Ok((
                    String::from_utf8_lossy(k).into_owned(),
                    inline(doc, v, depth + 1)?,
                ))
            })
            .collect()
    };
    Ok(match o {
        O::Null => DictItem::Null,
        O::Boolean(b) => DictItem::Bool(*b),
        O::Integer(i) => DictItem::Int(*i),
        O::Real(r) => DictItem::Real(*r),
        O::Name(n) => DictItem::Name(n.clone()),
        O::String(s, f) => DictItem::String {
            data: s.clone(),
            literal: matches!(f, lopdf::StringFormat::Literal),
        },
        O::Array(a) => DictItem::Array(
            a.iter()
                .map(|v| inline(doc, v, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        O::Dictionary(d) => DictItem::Dict { map: dict(d)? },
        O::Stream(s) => DictItem::Stream {
            stream: ExternalStream {
                dict: dict(&s.dict)?,
                content: s.content.clone(),
                compress: false,
            },
        },
        O::Reference(id) => inline(
            doc,
            doc.get_object(*id).map_err(|e| e.to_string())?,
            depth + 1,
        )?,
    })
}
