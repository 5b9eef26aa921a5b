//! The archival half of the checker (PDF/A): the output intent, the XMP
//! metadata against the Info dictionary, no scripts or actions, and
//! language tags.

use super::tagged::{dict, get, name};
use lopdf::{Dictionary, Document, Object};

pub(super) fn check_output_intent(doc: &Document, cat: &Dictionary) {
    let intents = get(doc, cat.get(b"OutputIntents").unwrap())
        .as_array()
        .unwrap();
    assert_eq!(intents.len(), 1);
    let oi = dict(doc, &intents[0]);
    assert_eq!(name(oi.get(b"S").unwrap()), Some(&b"GTS_PDFA1"[..]));
    let icc = get(doc, oi.get(b"DestOutputProfile").unwrap())
        .as_stream()
        .unwrap();
    assert_eq!(icc.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    let profile = icc
        .decompressed_content()
        .unwrap_or_else(|_| icc.content.clone());
    assert_eq!(&profile[16..20], b"RGB ", "output profile is not RGB");
    assert!(matches!(&profile[12..16], b"mntr" | b"prtr"));
}

/// The XMP packet: well-formed, identifies PDF/A-2a and PDF/UA-1 (with
/// the extension schema for pdfuaid), and states what the Info dictionary
/// states.
pub(super) fn check_xmp(doc: &Document, cat: &Dictionary) {
    let stream = get(doc, cat.get(b"Metadata").unwrap()).as_stream().unwrap();
    assert!(stream.dict.get(b"Filter").is_err(), "metadata is filtered");
    assert_eq!(
        name(stream.dict.get(b"Subtype").unwrap()),
        Some(&b"XML"[..])
    );
    let text = String::from_utf8(stream.content.clone()).expect("XMP is not UTF-8");
    let xml = roxmltree::Document::parse(&text).expect("XMP is not well-formed");
    let value = |ns: &str, local: &str| -> String {
        let n = xml
            .descendants()
            .find(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == local)
            .unwrap_or_else(|| panic!("XMP lacks {local}"));
        n.descendants()
            .filter(|d| d.is_text())
            .map(|d| d.text().unwrap_or(""))
            .collect::<String>()
            .trim()
            .to_string()
    };
    const DC: &str = "http://purl.org/dc/elements/1.1/";
    const XMP: &str = "http://ns.adobe.com/xap/1.0/";
    const PDF: &str = "http://ns.adobe.com/pdf/1.3/";
    assert_eq!(value("http://www.aiim.org/pdfa/ns/id/", "part"), "2");
    assert_eq!(value("http://www.aiim.org/pdfa/ns/id/", "conformance"), "A");
    assert_eq!(value("http://www.aiim.org/pdfua/ns/id/", "part"), "1");
    assert!(
        text.contains(
            "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
        ),
        "no extension schema for pdfuaid"
    );
    let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    let field = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
    assert_eq!(value(DC, "title"), field(b"Title"));
    assert_eq!(value(DC, "creator"), field(b"Author"));
    assert_eq!(value(DC, "description"), field(b"Subject"));
    if info.get(b"Keywords").is_ok() {
        assert_eq!(value(PDF, "Keywords"), field(b"Keywords"));
    } else {
        assert!(!text.contains("pdf:Keywords"), "keywords in the XMP only");
    }
    assert_eq!(value(PDF, "Producer"), field(b"Producer"));
    assert_eq!(value(XMP, "CreatorTool"), field(b"Creator"));
    for (xmp, info) in [
        ("CreateDate", b"CreationDate".as_slice()),
        ("ModifyDate", b"ModDate"),
    ] {
        assert_eq!(value(XMP, xmp), xmp_date(&field(info)), "{xmp}");
    }
}

/// `D:YYYYMMDDHHmmSS+HH'mm'` → `YYYY-MM-DDTHH:mm:SS+HH:mm`.
fn xmp_date(d: &str) -> String {
    let d = d.trim_start_matches("D:");
    format!(
        "{}-{}-{}T{}:{}:{}{}:{}",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[8..10],
        &d[10..12],
        &d[12..14],
        &d[14..17],
        &d[18..20]
    )
}

/// No JavaScript, launch actions or additional actions anywhere.
pub(super) fn check_no_scripts(doc: &Document) {
    for (id, o) in &doc.objects {
        let d = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        for key in [&b"JS"[..], b"JavaScript", b"AA"] {
            assert!(
                d.get(key).is_err(),
                "object {id:?} has /{}",
                String::from_utf8_lossy(key)
            );
        }
        if let Ok(s) = d.get(b"S").and_then(|s| s.as_name()) {
            assert!(
                !matches!(s, b"JavaScript" | b"Launch"),
                "object {id:?} is a {s:?} action"
            );
        }
    }
}

pub(super) fn valid_lang(tag: &[u8]) -> bool {
    let tag = String::from_utf8_lossy(tag);
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
