//! What makes the file archival and says what it conforms to: the XMP
//! metadata packet (the same title, author, subject, keywords, tools and
//! dates as the Info dictionary, the PDF/A-2a and PDF/UA-1 identification,
//! and the extension schema PDF/A requires for the `pdfuaid` namespace),
//! and an sRGB output intent with the ICC profile embedded, which gives
//! the file's DeviceRGB colours a defined meaning.

use super::text_string;
use crate::compose::DocMeta;
use lopdf::{Dictionary, Object, Stream, StringFormat};

/// The sRGB profile (Debian's icc-profiles-free, zlib licence; see
/// `sRGB.icc.LICENSE` beside this file).
pub const SRGB_PROFILE: &[u8] = include_bytes!("sRGB.icc");

/// Writes the Info dictionary, the XMP metadata stream and the output
/// intent; the XMP's document id is `id`, the document's `/ID`.
pub fn add(ld: &mut lopdf::Document, meta: &DocMeta, id: u128) {
    let facts = Facts::new(meta);
    if let Ok(info_id) = ld.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(info) = ld.get_dictionary_mut(info_id)
    {
        *info = facts.info();
    }
    let id = format!("{id:032x}");
    let mut xmp = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        facts.xmp(&id).into_bytes(),
    );
    // PDF/A: the packet stays readable without decoding.
    xmp.allows_compression = false;
    let xmp_id = ld.add_object(xmp);
    let mut icc = Stream::new(
        Dictionary::from_iter(vec![("N", Object::Integer(3))]),
        SRGB_PROFILE.to_vec(),
    );
    icc.allows_compression = true;
    let icc_id = ld.add_object(icc);
    let intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        (
            "OutputConditionIdentifier",
            Object::string_literal("sRGB IEC61966-2.1"),
        ),
        (
            "RegistryName",
            Object::string_literal("http://www.color.org"),
        ),
        ("Info", Object::string_literal("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(icc_id)),
    ]);
    if let Ok(cat) = ld.catalog_mut() {
        cat.set("Metadata", Object::Reference(xmp_id));
        cat.set(
            "OutputIntents",
            Object::Array(vec![Object::Dictionary(intent)]),
        );
    }
}

/// The document facts both the Info dictionary and the XMP state.
struct Facts<'a> {
    meta: &'a DocMeta,
    keywords: String,
    producer: String,
    /// `D:YYYYMMDDHHmmSS+00'00'`.
    info_date: String,
    /// `YYYY-MM-DDTHH:mm:SS+00:00`.
    xmp_date: String,
}

impl<'a> Facts<'a> {
    fn new(meta: &'a DocMeta) -> Self {
        let d = meta.date;
        Facts {
            meta,
            keywords: meta.keywords.join(", "),
            producer: format!("folio {}", env!("CARGO_PKG_VERSION")),
            info_date: format!("D:{:04}{:02}{:02}000000+00'00'", d.year, d.month, d.day),
            xmp_date: format!("{:04}-{:02}-{:02}T00:00:00+00:00", d.year, d.month, d.day),
        }
    }

    fn info(&self) -> Dictionary {
        let date = || Object::String(self.info_date.as_bytes().to_vec(), StringFormat::Literal);
        let mut d = Dictionary::new();
        d.set("Title", text_string(&self.meta.title));
        d.set("Author", text_string(&self.meta.author));
        d.set("Subject", text_string(&self.meta.subject));
        if !self.keywords.is_empty() {
            d.set("Keywords", text_string(&self.keywords));
        }
        d.set("Creator", text_string("folio"));
        d.set("Producer", text_string(&self.producer));
        d.set("CreationDate", date());
        d.set("ModDate", date());
        d
    }

    fn xmp(&self, id: &str) -> String {
        let m = self.meta;
        let e = escape;
        // Keywords as the Info dictionary has them, and each as a subject.
        let keywords = if m.keywords.is_empty() {
            String::new()
        } else {
            let mut s = String::from("\n   <dc:subject><rdf:Bag>");
            for k in &m.keywords {
                s.push_str(&format!("<rdf:li>{}</rdf:li>", e(k)));
            }
            s.push_str(&format!(
                "</rdf:Bag></dc:subject>\n   <pdf:Keywords>{}</pdf:Keywords>",
                e(&self.keywords)
            ));
            s
        };
        let uuid = uuid_from(id);
        format!(
            r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>{keywords}
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>folio</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmpMM:DocumentID>uuid:{uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{uuid}</xmpMM:InstanceID>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>A</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Indicates which part of ISO 14289 the file conforms to</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
            bom = '\u{feff}',
            title = e(&m.title),
            author = e(&m.author),
            subject = e(&m.subject),
            lang = e(&m.language),
            producer = e(&self.producer),
            date = self.xmp_date,
        )
    }
}

/// `s` with the characters XML gives meaning escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A UUID-shaped id from the document's hex `/ID` (stable across builds of
/// the same content).
fn uuid_from(id: &str) -> String {
    let hex: String = id
        .chars()
        .filter(char::is_ascii_hexdigit)
        .chain(std::iter::repeat('0'))
        .take(32)
        .collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(escape("R&D <b> \"q\""), "R&amp;D &lt;b&gt; &quot;q&quot;");
        assert_eq!(escape("a\u{1}b"), "ab");
    }

    #[test]
    fn document_ids_become_uuids() {
        assert_eq!(
            uuid_from("d08b60cb659cc15af284e192255b100c"),
            "d08b60cb-659c-c15a-f284-e192255b100c"
        );
    }
}
