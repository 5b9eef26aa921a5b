//! Reads a PDF back as an accessibility and archive checker would: the
//! structure tree against the page content (every painted operator tagged
//! or an artifact, MCIDs and the parent tree agreeing), links against their
//! annotations, fonts against their programs and Unicode maps, the XMP
//! against the Info dictionary. Each rule that fails panics with where and
//! what; what passes is counted, so tests can compare the counts with what
//! compose produced.

use super::archive::{check_no_scripts, check_output_intent, check_xmp, valid_lang};
use super::tables::check_table;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the checker found.
#[derive(Debug, Default)]
pub struct Census {
    /// Structure elements by type.
    pub elements: BTreeMap<String, usize>,
    /// Link annotations (each has an OBJR in a Link element).
    pub annotations: usize,
    /// Heading levels in reading order.
    pub headings: Vec<u8>,
    /// Text of the elements in reading order, one entry per element
    /// that holds text directly.
    pub reading: Vec<(String, String)>,
    /// The structure tree with its text: `tree[0]` is the root element,
    /// each node's kids in /K order (its own marked content's text and
    /// its child elements, interleaved as a reader meets them).
    pub tree: Vec<Node>,
}

/// A structure element, for reading the tree in order.
#[derive(Debug, Default)]
pub struct Node {
    /// Its type (/S): P, H1, TD, Figure, Link…
    pub role: String,
    /// Its alternative text (/Alt), which replaces its content for a
    /// reader.
    pub alt: Option<String>,
    /// What it holds, in reading order.
    pub kids: Vec<Piece>,
}

/// One kid of a [`Node`].
#[derive(Debug)]
pub enum Piece {
    /// The text of one marked-content sequence (empty for graphics).
    Text(String),
    /// A child element: its index in [`Census::tree`].
    Element(usize),
}

impl Census {
    /// How many elements of type `s`.
    pub fn count(&self, s: &str) -> usize {
        self.elements.get(s).copied().unwrap_or(0)
    }
}

pub(super) fn name(o: &Object) -> Option<&[u8]> {
    o.as_name().ok()
}

pub(super) fn get<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("dangling reference"),
        other => other,
    }
}

pub(super) fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    match get(doc, o) {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        other => panic!("expected a dictionary, found {other:?}"),
    }
}

/// A font's ToUnicode map: 2-byte code → text.
fn to_unicode(doc: &Document, font: &Dictionary) -> HashMap<u16, String> {
    let stream = get(doc, font.get(b"ToUnicode").expect("font without ToUnicode"))
        .as_stream()
        .unwrap();
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let text = String::from_utf8_lossy(&bytes);
    let mut map = HashMap::new();
    let mut in_chars = false;
    for line in text.lines() {
        if line.ends_with("beginbfchar") {
            in_chars = true;
            continue;
        }
        if line == "endbfchar" {
            in_chars = false;
            continue;
        }
        if !in_chars {
            continue;
        }
        let parts: Vec<&str> = line
            .split(['<', '>'])
            .filter(|p| !p.trim().is_empty())
            .collect();
        let code = u16::from_str_radix(parts[0], 16).unwrap();
        let units: Vec<u16> = (0..parts[1].len() / 4)
            .map(|i| u16::from_str_radix(&parts[1][4 * i..4 * i + 4], 16).unwrap())
            .collect();
        map.insert(code, String::from_utf16(&units).unwrap());
    }
    map
}

/// Checks a font's widths against its embedded program (TrueType outlines;
/// the CFF face's widths come from the same code path).
fn check_widths(doc: &Document, font: &Dictionary, label: &str) {
    let descendant = dict(
        doc,
        &font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0],
    );
    let fd = dict(doc, descendant.get(b"FontDescriptor").unwrap());
    let Ok(program) = fd.get(b"FontFile2") else {
        return;
    };
    assert_eq!(
        name(descendant.get(b"CIDToGIDMap").unwrap()),
        Some(&b"Identity"[..]),
        "{label}: TrueType CIDFont needs CIDToGIDMap"
    );
    assert!(fd.get(b"CIDSet").is_err(), "{label}: CIDSet written");
    let bytes = get(doc, program)
        .as_stream()
        .unwrap()
        .decompressed_content()
        .unwrap();
    let face = ttf_parser::Face::parse(&bytes, 0).unwrap();
    let upem = f64::from(face.units_per_em());
    let w = descendant.get(b"W").unwrap().as_array().unwrap();
    let first = w[0].as_i64().unwrap();
    for (i, width) in w[1].as_array().unwrap().iter().enumerate() {
        let gid = ttf_parser::GlyphId((first + i as i64) as u16);
        let program = f64::from(face.glyph_hor_advance(gid).unwrap()) * 1000.0 / upem;
        let dictionary = width.as_float().map(f64::from).unwrap();
        assert!(
            (program - dictionary).abs() <= 1.0,
            "{label}: glyph {} is {dictionary} wide in /W but {program:.2} in the font",
            gid.0
        );
    }
}

/// What a marked-content sequence on the stack is.
#[derive(Debug, Clone, PartialEq)]
enum Mark {
    Tagged(u32),
    Artifact(Vec<u8>),
    /// A sequence without an MCID inside a tagged one (none expected).
    Other,
}

struct Element {
    kind: String,
    depth: usize,
    text: String,
    alt: Option<String>,
    /// Kids in /K order: marked content (page, MCID) or a child element.
    kids: Vec<Result<(usize, u32), ObjectId>>,
}

/// Checks everything; panics on the first violation.
pub fn check(doc: &Document) -> Census {
    let mut census = Census::default();
    assert!(doc.trailer.get(b"Encrypt").is_err(), "encrypted");
    let cat = doc.catalog().unwrap();
    let lang = cat.get(b"Lang").unwrap().as_str().unwrap();
    assert!(valid_lang(lang), "catalog /Lang {lang:?}");
    let mark = dict(doc, cat.get(b"MarkInfo").unwrap());
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());
    let vp = dict(doc, cat.get(b"ViewerPreferences").unwrap());
    assert!(vp.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    assert!(cat.get(b"PageLabels").is_ok(), "no page labels");
    check_output_intent(doc, cat);
    check_xmp(doc, cat);
    check_no_scripts(doc);

    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let page_index: HashMap<ObjectId, usize> =
        pages.iter().enumerate().map(|(i, &p)| (p, i)).collect();

    // The tree: (page, mcid) → element; annotation → element.
    let root = dict(doc, cat.get(b"StructTreeRoot").unwrap());
    let root_id = cat.get(b"StructTreeRoot").unwrap().as_reference().unwrap();
    let mut content_of: HashMap<(usize, u32), ObjectId> = HashMap::new();
    let mut annotation_of: HashMap<ObjectId, ObjectId> = HashMap::new();
    // The text shown in each marked-content sequence.
    let mut text_of: HashMap<(usize, u32), String> = HashMap::new();
    let mut elements: Vec<Element> = Vec::new();
    let mut tables: Vec<ObjectId> = Vec::new();
    let mut stack: Vec<(ObjectId, ObjectId, usize)> =
        vec![(root.get(b"K").unwrap().as_reference().unwrap(), root_id, 0)];
    let mut order: Vec<(ObjectId, usize)> = Vec::new();
    while let Some((id, parent, depth)) = stack.pop() {
        let e = doc.get_dictionary(id).unwrap();
        assert_eq!(
            e.get(b"P").unwrap().as_reference().unwrap(),
            parent,
            "element {id:?}: /P is not its parent"
        );
        let s = String::from_utf8(name(e.get(b"S").unwrap()).unwrap().to_vec()).unwrap();
        *census.elements.entry(s.clone()).or_default() += 1;
        if let Some(level) = s.strip_prefix('H').and_then(|l| l.parse::<u8>().ok()) {
            census.headings.push(level);
        }
        let alt = e
            .get(b"Alt")
            .ok()
            .map(|a| lopdf::decode_text_string(a).unwrap());
        if s == "Figure" {
            let alt = alt.as_deref().expect("Figure without /Alt");
            assert!(!alt.trim().is_empty());
        }
        if s == "TH" {
            let a = dict(doc, e.get(b"A").expect("TH without attributes"));
            assert!(a.get(b"Scope").is_ok(), "TH without /Scope");
        }
        if s == "Table" {
            tables.push(id);
        }
        if let Ok(l) = e.get(b"Lang") {
            assert!(valid_lang(l.as_str().unwrap()));
        }
        let pg = e
            .get(b"Pg")
            .ok()
            .map(|p| page_index[&p.as_reference().unwrap()]);
        let kids: Vec<&Object> = match e.get(b"K") {
            Ok(Object::Array(a)) => a.iter().collect(),
            Ok(k) => vec![k],
            Err(_) => Vec::new(),
        };
        let mut children = Vec::new();
        let mut pieces = Vec::new();
        for k in kids {
            match k {
                Object::Integer(m) => {
                    let p = pg.expect("MCID kid without /Pg on its element");
                    pieces.push(Ok((p, *m as u32)));
                    assert!(
                        content_of.insert((p, *m as u32), id).is_none(),
                        "MCID {m} on page {} claimed twice",
                        p + 1
                    );
                }
                Object::Reference(c) => {
                    children.push(*c);
                    pieces.push(Err(*c));
                }
                Object::Dictionary(d) => match name(d.get(b"Type").unwrap()) {
                    Some(b"MCR") => {
                        let p = page_index[&d.get(b"Pg").unwrap().as_reference().unwrap()];
                        let m = d.get(b"MCID").unwrap().as_i64().unwrap() as u32;
                        pieces.push(Ok((p, m)));
                        assert!(content_of.insert((p, m), id).is_none());
                    }
                    Some(b"OBJR") => {
                        assert_eq!(s, "Link", "an OBJR outside a Link element");
                        let annot = d.get(b"Obj").unwrap().as_reference().unwrap();
                        assert!(annotation_of.insert(annot, id).is_none());
                    }
                    other => panic!("unexpected kid {other:?}"),
                },
                other => panic!("unexpected kid {other:?}"),
            }
        }
        order.push((id, depth));
        elements.push(Element {
            kind: s,
            depth,
            text: String::new(),
            alt,
            kids: pieces,
        });
        for c in children.into_iter().rev() {
            stack.push((c, id, depth + 1));
        }
    }
    let element_at: HashMap<ObjectId, usize> = order
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();

    // The parent tree agrees with the elements.
    let nums = dict(doc, root.get(b"ParentTree").unwrap())
        .get(b"Nums")
        .unwrap()
        .as_array()
        .unwrap();
    let mut parent_tree: HashMap<i64, &Object> = HashMap::new();
    for pair in nums.chunks(2) {
        parent_tree.insert(pair[0].as_i64().unwrap(), &pair[1]);
    }

    for (p, &page) in pages.iter().enumerate() {
        let pd = doc.get_dictionary(page).unwrap();
        let key = pd.get(b"StructParents").unwrap().as_i64().unwrap();
        let list = get(doc, parent_tree[&key]).as_array().unwrap();
        for (m, e) in list.iter().enumerate() {
            let e = e
                .as_reference()
                .expect("parent tree entry is not an element");
            assert_eq!(
                content_of.get(&(p, m as u32)),
                Some(&e),
                "page {}: parent tree and element disagree on MCID {m}",
                p + 1
            );
        }
        let claimed = content_of.keys().filter(|(q, _)| *q == p).count();
        assert_eq!(claimed, list.len(), "page {}: MCIDs vs parent tree", p + 1);

        // Annotations: printable, described, in a Link element.
        if let Ok(annots) = pd.get(b"Annots") {
            let annots = get(doc, annots).as_array().unwrap();
            if !annots.is_empty() {
                assert_eq!(name(pd.get(b"Tabs").unwrap()), Some(&b"S"[..]));
            }
            for a in annots {
                let id = a.as_reference().unwrap();
                let ad = doc.get_dictionary(id).unwrap();
                assert_eq!(name(ad.get(b"Subtype").unwrap()), Some(&b"Link"[..]));
                assert_eq!(ad.get(b"F").unwrap().as_i64().unwrap() & 0b1_0010_0110, 4);
                let contents = lopdf::decode_text_string(ad.get(b"Contents").unwrap()).unwrap();
                assert!(!contents.trim().is_empty(), "link without /Contents");
                let key = ad.get(b"StructParent").unwrap().as_i64().unwrap();
                let elem = parent_tree[&key].as_reference().unwrap();
                assert_eq!(
                    annotation_of.get(&id),
                    Some(&elem),
                    "annotation not in its Link"
                );
                if let Ok(action) = ad.get(b"A") {
                    let action = dict(doc, action);
                    if name(action.get(b"S").unwrap()) == Some(b"URI") {
                        let uri =
                            String::from_utf8_lossy(action.get(b"URI").unwrap().as_str().unwrap())
                                .into_owned();
                        assert!(
                            ["http://", "https://", "mailto:"]
                                .iter()
                                .any(|s| uri.starts_with(s)),
                            "link to {uri}"
                        );
                    }
                }
                census.annotations += 1;
            }
        }

        // The content: every painting operator inside a tagged sequence
        // the tree reaches, or an artifact.
        let fonts = doc.get_page_fonts(page).unwrap();
        let maps: HashMap<Vec<u8>, HashMap<u16, String>> = fonts
            .iter()
            .map(|(k, f)| {
                check_widths(doc, f, &String::from_utf8_lossy(k));
                (k.clone(), to_unicode(doc, f))
            })
            .collect();
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let mut marks: Vec<Mark> = Vec::new();
        let mut font: Vec<u8> = Vec::new();
        let mut seen: BTreeSet<u32> = BTreeSet::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let tag = name(&op.operands[0]).unwrap().to_vec();
                    let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
                    let m = if tag == b"Artifact" {
                        assert!(
                            !marks.iter().any(|m| matches!(m, Mark::Tagged(_))),
                            "page {}: artifact inside tagged content",
                            p + 1
                        );
                        Mark::Artifact(
                            props
                                .and_then(|d| d.get(b"Type").ok())
                                .and_then(|t| t.as_name().ok())
                                .unwrap_or(b"")
                                .to_vec(),
                        )
                    } else if let Some(mcid) = props.and_then(|d| d.get(b"MCID").ok()) {
                        assert!(
                            !marks.iter().any(|m| matches!(m, Mark::Artifact(_))),
                            "page {}: tagged content inside an artifact",
                            p + 1
                        );
                        let mcid = mcid.as_i64().unwrap() as u32;
                        assert!(
                            content_of.contains_key(&(p, mcid)),
                            "page {}: MCID {mcid} is not reachable from the structure tree",
                            p + 1
                        );
                        assert!(seen.insert(mcid), "page {}: MCID {mcid} used twice", p + 1);
                        Mark::Tagged(mcid)
                    } else {
                        Mark::Other
                    };
                    marks.push(m);
                }
                "EMC" => {
                    marks.pop().expect("EMC without BDC");
                }
                "Tf" => font = name(&op.operands[0]).unwrap().to_vec(),
                "TJ" | "Tj" | "'" | "\"" | "f" | "F" | "f*" | "S" | "s" | "B" | "B*" | "b"
                | "b*" | "Do" | "sh" => {
                    let owner = marks
                        .iter()
                        .rev()
                        .find(|m| !matches!(m, Mark::Other))
                        .unwrap_or_else(|| {
                            panic!("page {}: {} outside any marked content", p + 1, op.operator)
                        });
                    if op.operator == "TJ" || op.operator == "Tj" {
                        let text = decode(&op.operands, &maps[&font], p);
                        match owner {
                            Mark::Tagged(m) => {
                                let e = content_of[&(p, *m)];
                                elements[element_at[&e]].text.push_str(&text);
                                text_of.entry((p, *m)).or_default().push_str(&text);
                            }
                            // Decoration may be leaders or a pull-quote's
                            // mark, never words.
                            Mark::Artifact(kind) if kind == b"Layout" => assert!(
                                !text.chars().any(char::is_alphanumeric),
                                "page {}: text {text:?} set as decoration",
                                p + 1
                            ),
                            Mark::Artifact(_) => {}
                            Mark::Other => unreachable!(),
                        }
                    }
                }
                _ => {}
            }
        }
        assert!(marks.is_empty(), "page {}: unclosed marked content", p + 1);
        let claimed: BTreeSet<u32> = content_of
            .keys()
            .filter(|(q, _)| *q == p)
            .map(|(_, m)| *m)
            .collect();
        assert_eq!(
            claimed,
            seen,
            "page {}: tree claims content that is not there",
            p + 1
        );
    }
    assert_eq!(
        annotation_of.len(),
        census.annotations,
        "an OBJR to a missing annotation"
    );
    // Element identifiers (header cells that data cells name).
    let mut id_tree: HashMap<Vec<u8>, ObjectId> = HashMap::new();
    if let Ok(tree) = root.get(b"IDTree") {
        let names = dict(doc, tree).get(b"Names").unwrap().as_array().unwrap();
        for pair in names.chunks(2) {
            let key = pair[0].as_str().unwrap().to_vec();
            let id = pair[1].as_reference().unwrap();
            let e = doc.get_dictionary(id).unwrap();
            assert_eq!(
                e.get(b"ID").unwrap().as_str().unwrap(),
                key,
                "/IDTree vs /ID"
            );
            id_tree.insert(key, id);
        }
    }
    for t in tables {
        check_table(doc, t, &page_index, &id_tree);
    }
    census.tree = elements
        .iter()
        .map(|e| Node {
            role: e.kind.clone(),
            alt: e.alt.clone(),
            kids: e
                .kids
                .iter()
                .map(|k| match k {
                    Ok(mc) => Piece::Text(text_of.get(mc).cloned().unwrap_or_default()),
                    Err(id) => Piece::Element(element_at[id]),
                })
                .collect(),
        })
        .collect();
    census.reading = elements
        .into_iter()
        .filter(|e| !e.text.is_empty())
        .map(|e| (format!("{}{}", " ".repeat(e.depth), e.kind), e.text))
        .collect();
    census
}

/// The text of a TJ/Tj operand through the font's ToUnicode map; every
/// code is mapped, never to .notdef, private use, 0 or a BOM.
fn decode(operands: &[Object], map: &HashMap<u16, String>, p: usize) -> String {
    let mut out = String::new();
    let mut bytes = Vec::new();
    for o in operands {
        match o {
            Object::String(b, _) => bytes.extend_from_slice(b),
            Object::Array(a) => {
                for x in a {
                    if let Object::String(b, _) = x {
                        bytes.extend_from_slice(b);
                    }
                }
            }
            _ => {}
        }
    }
    for pair in bytes.chunks(2) {
        let code = u16::from_be_bytes([pair[0], pair[1]]);
        assert_ne!(code, 0, "page {}: .notdef shown", p + 1);
        let text = map
            .get(&code)
            .unwrap_or_else(|| panic!("page {}: code {code:04X} has no Unicode value", p + 1));
        for c in text.chars() {
            let u = u32::from(c);
            assert!(
                u != 0 && u != 0xFEFF && u != 0xFFFE && !(0xE000..=0xF8FF).contains(&u),
                "page {}: code {code:04X} maps to U+{u:04X}",
                p + 1
            );
        }
        out.push_str(text);
    }
    out
}
