//! The structure tree, its parent tree and the object references of link
//! annotations, written as bytes ([`write`]): the 10× report has about
//! 40,000 elements (every table cell is one), and as lopdf dictionaries
//! they cost a map per element and an allocation per key, then lopdf's
//! writer went through them a byte at a time.
//!
//! A node's children are in the order in which their content first
//! appears on the pages, which is reading order; a node without content
//! is left out, except a table row's cells, which all stay so that every
//! row has a cell per column, and are listed in column order (so the row
//! reads as printed).

use super::serial::{self, Prewritten};
use super::tags::{NO_MCID, PageMarks};
use crate::layout::Page;
use crate::layout::structure::{NodeId, Scope, StructType, Structure, Tag};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use rustc_hash::FxHashMap;

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

/// What [`write`] needs to know of the pages as written.
pub(super) struct WrittenPages<'a> {
    /// The page objects, in order.
    pub ids: &'a [ObjectId],
    /// Per page, the link annotations written: (item index, annotation).
    pub annotations: &'a [Vec<(usize, ObjectId)>],
}

/// Each node's children, and whether it is in the tree at all.
fn children(
    tree: &Structure,
    pages: &[Page],
    marks: &[PageMarks],
    written: &WrittenPages<'_>,
) -> (Vec<Vec<Kid>>, Vec<bool>) {
    let n = tree.nodes.len();
    let mut kids: Vec<Vec<Kid>> = (0..n).map(|_| Vec::new()).collect();
    let mut attached = vec![false; n];
    // A row's cells, in column order: attached with the row.
    let mut cells: FxHashMap<NodeId, Vec<NodeId>> = FxHashMap::default();
    for (id, node) in tree.nodes.iter().enumerate().skip(1) {
        if tree.kind(node.parent) == StructType::TR {
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
    // A figure that waited for the next page (a float) is read where the
    // text has it, as the web edition reads it, not after the text that
    // filled the page meanwhile: elements are created in the text's order,
    // so each run of sibling elements is put in that order. Not the
    // root's: the contents, laid out last, read first.
    for k in kids.iter_mut().skip(1) {
        for run in k.chunk_by_mut(|a, b| matches!((a, b), (Kid::Node(_), Kid::Node(_)))) {
            run.sort_by_key(|kid| match kid {
                Kid::Node(n) => *n,
                _ => 0,
            });
        }
    }
    (kids, attached)
}

/// Writes the structure tree root, the elements and the parent tree;
/// marks the catalog as tagged. The root and the elements come back as
/// bytes, for [`serial::save`], with each link annotation's
/// `/StructParent` key (the annotations are written as bytes too, by
/// `links::write`); the few language spans are lopdf objects.
pub(super) fn write(
    ld: &mut lopdf::Document,
    tree: &Structure,
    pages: &[Page],
    marks: &[PageMarks],
    written: WrittenPages<'_>,
) -> (Prewritten, FxHashMap<ObjectId, i64>) {
    let (kids, attached) = children(tree, pages, marks, &written);

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
    // Per page, per MCID, the element (or span) it belongs to.
    let mut parents: Vec<Vec<Option<ObjectId>>> = marks
        .iter()
        .map(|m| vec![None; m.sequences.len()])
        .collect();
    let mut annotation_parents: Vec<(ObjectId, ObjectId)> = Vec::new();
    let mut out: Prewritten = Vec::with_capacity(ids.len() + 1);
    for (node, own) in ids.iter().enumerate() {
        let Some(own) = *own else { continue };
        let info = &tree.nodes[node];
        let pg = kids[node].iter().find_map(|k| match k {
            Kid::Content(p, _) | Kid::Annotation(p, _) => Some(*p),
            _ => None,
        });
        let parent = if node == Structure::ROOT as usize {
            root_id
        } else {
            ids[info.parent as usize].unwrap_or(root_id)
        };
        // No `/Type /StructElem`: it is optional, and the 10× report has
        // tens of thousands of elements (table cells) to write.
        let mut d = Vec::with_capacity(64);
        d.extend_from_slice(b"<<");
        serial::name(&mut d, b"S");
        serial::name(&mut d, info.kind.name().as_bytes());
        serial::key_reference(&mut d, b"P", parent);
        if let Some(p) = pg {
            serial::key_reference(&mut d, b"Pg", written.ids[p]);
        }
        // A single kid stands alone (as most writers do; some readers
        // only look for a bare MCID under a heading).
        let single = kids[node]
            .iter()
            .filter(|k| !matches!(k, Kid::Node(c) if ids[*c as usize].is_none()))
            .count()
            == 1;
        serial::name(&mut d, b"K");
        if !single {
            d.push(b'[');
        }
        let mut first = true;
        for kid in &kids[node] {
            // A space before numbers and references, as lopdf writes
            // them (after the key, or after the array's previous item).
            let mut spaced = |d: &mut Vec<u8>| {
                if !first || single {
                    d.push(b' ');
                }
                first = false;
            };
            match *kid {
                Kid::Node(c) => {
                    if let Some(id) = ids[c as usize] {
                        spaced(&mut d);
                        serial::reference(&mut d, id);
                    }
                }
                Kid::Content(p, m) => {
                    parents[p][m as usize] = Some(own);
                    if Some(p) == pg {
                        spaced(&mut d);
                        serial::integer(&mut d, i64::from(m));
                    } else {
                        first = false;
                        d.extend_from_slice(b"<</Type/MCR");
                        serial::key_reference(&mut d, b"Pg", written.ids[p]);
                        serial::key_integer(&mut d, b"MCID", i64::from(m));
                        d.extend_from_slice(b">>");
                    }
                }
                Kid::Span(p, m, lang) => {
                    let span = ld.add_object(Dictionary::from_iter(vec![
                        ("S", Object::Name(b"Span".to_vec())),
                        ("P", Object::Reference(own)),
                        ("Pg", Object::Reference(written.ids[p])),
                        ("Lang", Object::string_literal(lang)),
                        ("K", Object::Integer(i64::from(m))),
                    ]));
                    parents[p][m as usize] = Some(span);
                    spaced(&mut d);
                    serial::reference(&mut d, span);
                }
                Kid::Annotation(p, annot) => {
                    annotation_parents.push((annot, own));
                    first = false;
                    d.extend_from_slice(b"<</Type/OBJR");
                    serial::key_reference(&mut d, b"Pg", written.ids[p]);
                    serial::key_reference(&mut d, b"Obj", annot);
                    d.extend_from_slice(b">>");
                }
            }
        }
        if !single {
            d.push(b']');
        }
        if let (StructType::Figure, Some(alt)) = (info.kind, &info.alt) {
            serial::name(&mut d, b"Alt");
            serial::text_string(&mut d, alt);
        }
        if let Some(name) = element_id.get(&(node as NodeId)) {
            serial::name(&mut d, b"ID");
            serial::string(&mut d, name, StringFormat::Literal);
        }
        if let StructType::TH { scope, span } = info.kind {
            d.extend_from_slice(b"/A<</O/Table/Scope");
            serial::name(
                &mut d,
                match scope {
                    Scope::Column => b"Column",
                    Scope::Row => b"Row",
                },
            );
            if span > 1 {
                serial::key_integer(&mut d, b"ColSpan", i64::from(span));
            }
            d.extend_from_slice(b">>");
        } else {
            let mut headers = info
                .headers
                .iter()
                .filter(|&&h| ids[h as usize].is_some())
                .filter_map(|h| element_id.get(h))
                .peekable();
            if headers.peek().is_some() {
                d.extend_from_slice(b"/A<</O/Table/Headers[");
                for name in headers {
                    serial::string(&mut d, name, StringFormat::Literal);
                }
                d.extend_from_slice(b"]>>");
            }
        }
        d.extend_from_slice(b">>");
        out.push((own.0, d));
    }

    // The parent tree: a page's MCIDs (keys 0..pages), then each
    // annotation's element (keys after the pages).
    let npages = parents.len();
    let mut root = Vec::with_capacity(64 + 16 * parents.iter().map(Vec::len).sum::<usize>());
    root.extend_from_slice(b"<</Type/StructTreeRoot");
    if let Some(doc) = ids[Structure::ROOT as usize] {
        serial::key_reference(&mut root, b"K", doc);
    }
    root.extend_from_slice(b"/ParentTree<</Nums[");
    for (p, (list, &page)) in parents.into_iter().zip(written.ids).enumerate() {
        if p > 0 {
            root.push(b' ');
        }
        serial::integer(&mut root, p as i64);
        root.push(b'[');
        for (i, elem) in list.into_iter().enumerate() {
            if i > 0 {
                root.push(b' ');
            }
            match elem {
                Some(id) => serial::reference(&mut root, id),
                None => root.extend_from_slice(b"null"),
            }
        }
        root.push(b']');
        if let Ok(d) = ld.get_dictionary_mut(page) {
            d.set("StructParents", Object::Integer(p as i64));
        }
    }
    let mut struct_parents = FxHashMap::default();
    struct_parents.reserve(annotation_parents.len());
    for (k, &(annot, elem)) in annotation_parents.iter().enumerate() {
        let key = (npages + k) as i64;
        if npages + k > 0 {
            root.push(b' ');
        }
        serial::integer(&mut root, key);
        root.push(b' ');
        serial::reference(&mut root, elem);
        struct_parents.insert(annot, key);
    }
    root.extend_from_slice(b"]>>");
    let mut named: Vec<(&Vec<u8>, ObjectId)> = element_id
        .iter()
        .filter_map(|(&node, name)| Some((name, ids[node as usize]?)))
        .collect();
    if !named.is_empty() {
        named.sort();
        root.extend_from_slice(b"/IDTree<</Names[");
        for (name, id) in named {
            serial::string(&mut root, name, StringFormat::Literal);
            root.push(b' ');
            serial::reference(&mut root, id);
        }
        root.extend_from_slice(b"]>>");
    }
    serial::key_integer(
        &mut root,
        b"ParentTreeNextKey",
        (npages + annotation_parents.len()) as i64,
    );
    root.extend_from_slice(b">>");
    out.push((root_id.0, root));
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
    (out, struct_parents)
}
