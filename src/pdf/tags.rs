//! The layout's structure → tagged PDF: marked-content sequences on the
//! pages ([`mark`], written by the content writers through
//! [`MarkedContent`]), then the structure tree, its parent tree and the
//! object references of link annotations ([`write_tree`]).
//!
//! Every painted item is either inside a sequence that the tree reaches
//! (through its MCID and the parent tree) or inside an artifact sequence,
//! so nothing on a page is untagged. A node's children are in the order
//! in which their content first appears on the pages, which is reading
//! order; a node without content is left out, except a table row's cells,
//! which all stay so that every row has a cell per column, and are listed
//! in column order (so the row reads as printed).

use super::text_string;
use crate::layout::structure::{Artifact, Kind, NodeId, Scope, Structure, Tag};
use crate::layout::{Item, Page};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use rustc_hash::FxHashMap;

/// `PageMarks::mcid` of an item that is not in a tagged sequence.
pub const NO_MCID: u32 = u32::MAX;

/// What one tagged sequence holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sequence {
    /// The structure node it is content of.
    pub node: NodeId,
    /// The language of its text where it is not the document's (a Chinese
    /// name in an English report), decided from the script.
    pub lang: Option<&'static str>,
}

/// How a page's items are marked: consecutive items of one node in one
/// layer of the page (shapes, images, text) share a sequence.
#[derive(Debug, Clone, Default)]
pub struct PageMarks {
    /// Per item, its sequence's MCID, or [`NO_MCID`] (artifacts, links).
    pub mcid: Vec<u32>,
    /// Per MCID, what the sequence holds.
    pub sequences: Vec<Sequence>,
}

/// A marked-content sequence as the content streams open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// Content: the structure type's name and the MCID.
    Tagged(&'static str, u32),
    /// Not content.
    Artifact(Artifact),
}

impl PageMarks {
    /// How item `i` (which is `item`) is marked.
    pub fn marker(&self, i: usize, item: &Item, tree: &Structure) -> Marker {
        match (item.tag(), self.mcid.get(i).copied().unwrap_or(NO_MCID)) {
            (Tag::Content(_), m) if m != NO_MCID => {
                let seq = self.sequences[m as usize];
                let name = if seq.lang.is_some() {
                    "Span"
                } else {
                    tree.kind(seq.node).name()
                };
                Marker::Tagged(name, m)
            }
            (Tag::Artifact(a), _) => Marker::Artifact(a),
            (Tag::Content(_), _) => Marker::Artifact(Artifact::Layout),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layer {
    /// Rectangles, rules and images, drawn in item order.
    Graphics,
    Text,
}

/// Assigns MCIDs to every page's tagged items, in item order.
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// # let doc = folio::compose::compose(&loaded.report, None);
/// let layout = folio::layout::layout(&doc).unwrap();
/// let marks = folio::pdf::tags::mark(&layout.pages, "en");
/// assert_eq!(marks.len(), layout.pages.len());
/// ```
pub fn mark(pages: &[Page], doc_lang: &str) -> Vec<PageMarks> {
    let primary = doc_lang.split('-').next().unwrap_or(doc_lang);
    pages
        .iter()
        .map(|page| {
            let mut marks = PageMarks {
                mcid: Vec::with_capacity(page.items.len()),
                sequences: Vec::new(),
            };
            // The open sequence of each layer: an artifact in between
            // closes it, so it cannot be continued after one.
            let mut open: [Option<(Sequence, u32)>; 2] = [None; 2];
            let langs = run_languages(&page.items, primary);
            for (i, it) in page.items.iter().enumerate() {
                let layer = match it {
                    Item::Glyphs(_) => Layer::Text,
                    Item::Rect { .. } | Item::Rule { .. } | Item::Image { .. } => Layer::Graphics,
                    Item::Link { .. } => {
                        marks.mcid.push(NO_MCID);
                        continue;
                    }
                };
                let slot = &mut open[layer as usize];
                let Tag::Content(node) = it.tag() else {
                    *slot = None;
                    marks.mcid.push(NO_MCID);
                    continue;
                };
                let lang = langs[i];
                let seq = Sequence { node, lang };
                let mcid = match *slot {
                    Some((s, m)) if s == seq => m,
                    _ => {
                        let m = marks.sequences.len() as u32;
                        marks.sequences.push(seq);
                        *slot = Some((seq, m));
                        m
                    }
                };
                marks.mcid.push(mcid);
            }
            marks
        })
        .collect()
}

pub use crate::lang::script_language;

/// The language of each glyph run other than the document's (None for
/// other items): from its script, and for a run without letters (digits,
/// a dash, punctuation) from the runs of its node on either side, so a
/// date between Chinese words is read in Chinese, not as a voice switch.
fn run_languages(items: &[Item], primary: &str) -> Vec<Option<&'static str>> {
    // Some(l): a run with letters; None: neutral, or not a run.
    let own: Vec<Option<Option<&'static str>>> = items
        .iter()
        .map(|it| match it {
            Item::Glyphs(r) if r.text.chars().any(char::is_alphabetic) => {
                Some(script_language(&r.text).filter(|l| *l != primary))
            }
            _ => None,
        })
        .collect();
    let node = |i: usize| match &items[i] {
        Item::Glyphs(r) => Some(r.tag),
        _ => None,
    };
    (0..items.len())
        .map(|i| match (own[i], node(i)) {
            (Some(l), _) => l,
            (None, Some(tag)) => {
                let side = |mut js: Box<dyn Iterator<Item = usize>>| {
                    js.find(|&j| node(j) == Some(tag) && own[j].is_some())
                        .and_then(|j| own[j])
                        .flatten()
                };
                let before = side(Box::new((0..i).rev()));
                let after = side(Box::new(i + 1..items.len()));
                before.filter(|b| Some(*b) == after)
            }
            (None, None) => None,
        })
        .collect()
}

/// Writes `marker`'s opening operator.
fn begin(out: &mut Vec<u8>, marker: Marker) {
    match marker {
        Marker::Tagged(name, mcid) => {
            out.push(b'/');
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b" <</MCID ");
            out.extend_from_slice(itoa::Buffer::new().format(mcid).as_bytes());
            out.extend_from_slice(b">> BDC\n");
        }
        Marker::Artifact(a) => out.extend_from_slice(match a {
            Artifact::Header => b"/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
            Artifact::Footer => b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
            Artifact::Pagination => b"/Artifact <</Type /Pagination>> BDC\n",
            Artifact::Layout => b"/Artifact <</Type /Layout>> BDC\n",
        }),
    }
}

/// The marked-content sequence open in a content stream: switching to
/// another closes it first, so sequences never nest.
#[derive(Default)]
pub struct MarkedContent {
    open: Option<Marker>,
}

impl MarkedContent {
    /// Makes `marker` the open sequence.
    pub fn switch(&mut self, out: &mut Vec<u8>, marker: Marker) {
        if self.open == Some(marker) {
            return;
        }
        self.close(out);
        begin(out, marker);
        self.open = Some(marker);
    }

    /// Closes the open sequence, if any.
    pub fn close(&mut self, out: &mut Vec<u8>) {
        if self.open.take().is_some() {
            out.extend_from_slice(b"EMC\n");
        }
    }
}

/// A child of a structure element.
enum Kid {
    Node(NodeId),
    /// Marked content on a page (index into the page list) with its MCID.
    Content(usize, u32),
    /// Marked content in another language, wrapped in a Span with `/Lang`.
    Span(usize, u32, &'static str),
    /// A link annotation on a page.
    Annotation(usize, ObjectId),
}

/// What [`write_tree`] needs to know of the pages as written.
pub struct WrittenPages<'a> {
    /// The page objects, in order.
    pub ids: &'a [ObjectId],
    /// Per page, the link annotations written: (item index, annotation).
    pub annotations: &'a [Vec<(usize, ObjectId)>],
}

/// Writes the structure tree root, the elements, the parent tree and each
/// annotation's `/StructParent`; marks the catalog as tagged.
pub fn write_tree(
    ld: &mut lopdf::Document,
    tree: &Structure,
    pages: &[Page],
    marks: &[PageMarks],
    written: WrittenPages<'_>,
) {
    let n = tree.nodes.len();
    let mut kids: Vec<Vec<Kid>> = (0..n).map(|_| Vec::new()).collect();
    let mut attached = vec![false; n];
    // A row's cells, in column order: attached with the row.
    let mut cells: FxHashMap<NodeId, Vec<NodeId>> = FxHashMap::default();
    for (id, node) in tree.nodes.iter().enumerate().skip(1) {
        if tree.kind(node.parent) == Kind::TR {
            cells.entry(node.parent).or_default().push(id as NodeId);
        }
    }
    let mut touch = |node: NodeId, kids: &mut Vec<Vec<Kid>>| {
        // Attach the node and every ancestor not yet attached, top down.
        let mut chain = Vec::new();
        let mut at = node;
        while !attached[at as usize] {
            attached[at as usize] = true;
            chain.push(at);
            if at == Structure::ROOT {
                break;
            }
            at = tree.nodes[at as usize].parent;
        }
        for &c in chain.iter().rev() {
            // A cell is listed by its row, which is attached with (or
            // before) it: all of the row's cells at once, in column order,
            // whichever of them has the first content.
            if c != Structure::ROOT && !cells.contains_key(&tree.nodes[c as usize].parent) {
                kids[tree.nodes[c as usize].parent as usize].push(Kid::Node(c));
            }
            if let Some(row) = cells.get(&c) {
                for &cell in row {
                    attached[cell as usize] = true;
                    kids[c as usize].push(Kid::Node(cell));
                }
            }
        }
    };
    for (p, (page, pm)) in pages.iter().zip(marks).enumerate() {
        let mut seen = vec![false; pm.sequences.len()];
        let mut annots = written.annotations.get(p).map_or(&[][..], Vec::as_slice);
        for (i, it) in page.items.iter().enumerate() {
            let m = pm.mcid[i];
            if m != NO_MCID && !seen[m as usize] {
                seen[m as usize] = true;
                let seq = pm.sequences[m as usize];
                touch(seq.node, &mut kids);
                kids[seq.node as usize].push(match seq.lang {
                    Some(lang) => Kid::Span(p, m, lang),
                    None => Kid::Content(p, m),
                });
            }
            if let Some(&(at, annot)) = annots.first()
                && at == i
            {
                annots = &annots[1..];
                if let Tag::Content(node) = it.tag() {
                    touch(node, &mut kids);
                    kids[node as usize].push(Kid::Annotation(p, annot));
                }
            }
        }
    }

    // Header cells that data cells name (`/Headers`) get an `/ID`, listed
    // in the root's `/IDTree`.
    let mut element_id: FxHashMap<NodeId, Vec<u8>> = FxHashMap::default();
    for node in &tree.nodes {
        for &h in &node.headers {
            element_id
                .entry(h)
                .or_insert_with(|| format!("th{h}").into_bytes());
        }
    }
    let root_id = ld.new_object_id();
    let ids: Vec<Option<ObjectId>> = attached
        .iter()
        .map(|&a| a.then(|| ld.new_object_id()))
        .collect();
    let mut parents: Vec<Vec<Object>> = marks
        .iter()
        .map(|m| vec![Object::Null; m.sequences.len()])
        .collect();
    let mut annotation_parents: Vec<(ObjectId, ObjectId)> = Vec::new();
    let page_ref = |p: usize| Object::Reference(written.ids[p]);
    for (node, own) in ids.iter().enumerate() {
        let Some(own) = *own else { continue };
        let info = &tree.nodes[node];
        let pg = kids[node].iter().find_map(|k| match k {
            Kid::Content(p, _) | Kid::Annotation(p, _) => Some(*p),
            _ => None,
        });
        let mut k = Vec::with_capacity(kids[node].len());
        for kid in &kids[node] {
            match *kid {
                Kid::Node(c) => {
                    if let Some(id) = ids[c as usize] {
                        k.push(Object::Reference(id));
                    }
                }
                Kid::Content(p, m) => {
                    parents[p][m as usize] = Object::Reference(own);
                    k.push(if Some(p) == pg {
                        Object::Integer(i64::from(m))
                    } else {
                        Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", Object::Name(b"MCR".to_vec())),
                            ("Pg", page_ref(p)),
                            ("MCID", Object::Integer(i64::from(m))),
                        ]))
                    });
                }
                Kid::Span(p, m, lang) => {
                    let span = ld.add_object(Dictionary::from_iter(vec![
                        ("S", Object::Name(b"Span".to_vec())),
                        ("P", Object::Reference(own)),
                        ("Pg", page_ref(p)),
                        ("Lang", Object::string_literal(lang)),
                        ("K", Object::Integer(i64::from(m))),
                    ]));
                    parents[p][m as usize] = Object::Reference(span);
                    k.push(Object::Reference(span));
                }
                Kid::Annotation(p, annot) => {
                    annotation_parents.push((annot, own));
                    k.push(Object::Dictionary(Dictionary::from_iter(vec![
                        ("Type", Object::Name(b"OBJR".to_vec())),
                        ("Pg", page_ref(p)),
                        ("Obj", Object::Reference(annot)),
                    ])));
                }
            }
        }
        let parent = if node == Structure::ROOT as usize {
            root_id
        } else {
            ids[info.parent as usize].unwrap_or(root_id)
        };
        // No `/Type /StructElem`: it is optional, and the 10× report has
        // tens of thousands of elements (table cells) to write.
        let mut d = Dictionary::new();
        d.set("S", Object::Name(info.kind.name().as_bytes().to_vec()));
        d.set("P", Object::Reference(parent));
        if let Some(p) = pg {
            d.set("Pg", page_ref(p));
        }
        // A single kid stands alone (as most writers do; some readers
        // only look for a bare MCID under a heading).
        if k.len() == 1 {
            d.set("K", k.pop().unwrap_or(Object::Null));
        } else {
            d.set("K", Object::Array(k));
        }
        if let (Kind::Figure, Some(alt)) = (info.kind, &info.alt) {
            d.set("Alt", text_string(alt));
        }
        if let Some(name) = element_id.get(&(node as NodeId)) {
            d.set("ID", Object::String(name.clone(), StringFormat::Literal));
        }
        let headers: Vec<Object> = info
            .headers
            .iter()
            .filter(|&&h| ids[h as usize].is_some())
            .filter_map(|h| element_id.get(h))
            .map(|name| Object::String(name.clone(), StringFormat::Literal))
            .collect();
        if !headers.is_empty() {
            let mut a = Dictionary::new();
            a.set("O", Object::Name(b"Table".to_vec()));
            a.set("Headers", Object::Array(headers));
            d.set("A", Object::Dictionary(a));
        }
        if let Kind::TH { scope, span } = info.kind {
            let mut a = Dictionary::new();
            a.set("O", Object::Name(b"Table".to_vec()));
            let scope: &[u8] = match scope {
                Scope::Column => b"Column",
                Scope::Row => b"Row",
            };
            a.set("Scope", Object::Name(scope.to_vec()));
            if span > 1 {
                a.set("ColSpan", Object::Integer(i64::from(span)));
            }
            d.set("A", Object::Dictionary(a));
        }
        ld.objects.insert(own, Object::Dictionary(d));
    }

    // The parent tree: a page's MCIDs (keys 0..pages), then each
    // annotation's element (keys after the pages).
    let mut nums = Vec::with_capacity(2 * (parents.len() + annotation_parents.len()));
    let npages = parents.len();
    for (p, (list, &page)) in parents.into_iter().zip(written.ids).enumerate() {
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(list));
        if let Ok(d) = ld.get_dictionary_mut(page) {
            d.set("StructParents", Object::Integer(p as i64));
        }
    }
    for (k, (annot, elem)) in annotation_parents.iter().enumerate() {
        let key = (npages + k) as i64;
        nums.push(Object::Integer(key));
        nums.push(Object::Reference(*elem));
        if let Ok(d) = ld.get_dictionary_mut(*annot) {
            d.set("StructParent", Object::Integer(key));
        }
    }
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    if let Some(doc) = ids[Structure::ROOT as usize] {
        root.set("K", Object::Reference(doc));
    }
    root.set(
        "ParentTree",
        Object::Dictionary(Dictionary::from_iter(vec![("Nums", Object::Array(nums))])),
    );
    let mut named: Vec<(&Vec<u8>, ObjectId)> = element_id
        .iter()
        .filter_map(|(&node, name)| Some((name, ids[node as usize]?)))
        .collect();
    if !named.is_empty() {
        named.sort();
        let names = named
            .into_iter()
            .flat_map(|(name, id)| {
                [
                    Object::String(name.clone(), StringFormat::Literal),
                    Object::Reference(id),
                ]
            })
            .collect();
        root.set(
            "IDTree",
            Object::Dictionary(Dictionary::from_iter(vec![("Names", Object::Array(names))])),
        );
    }
    root.set(
        "ParentTreeNextKey",
        Object::Integer((npages + annotation_parents.len()) as i64),
    );
    ld.objects.insert(root_id, Object::Dictionary(root));
    if let Ok(cat) = ld.catalog_mut() {
        cat.set("StructTreeRoot", Object::Reference(root_id));
        cat.set(
            "MarkInfo",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "Marked",
                Object::Boolean(true),
            )])),
        );
    }
}
