//! Tables in the structure tree: every row's cells in column order (each
//! cell's first marked content after its left neighbour's), header cells
//! with scope and ids, data cells naming their headers.

use super::tagged::{dict, name};
use lopdf::{Document, Object, ObjectId};
use std::collections::HashMap;

/// Every row of a table has as many columns as the first, counting spans,
/// and lists its cells in column order: a cell's first marked content
/// (page, MCID) comes after that of the cell to its left, so a reader that
/// follows the tree reads the row as it is printed.
///
/// A group row (one TH across the row) starts a TBody of its own, and
/// every data cell below it names it in `/Headers` (with its column's
/// header), so that the group is announced with the cell; every name in
/// `/Headers` is a TH of the table, found through the `/IDTree`.
pub(super) fn check_table(
    doc: &Document,
    table: ObjectId,
    page_index: &HashMap<ObjectId, usize>,
    id_tree: &HashMap<Vec<u8>, ObjectId>,
) {
    let kids = |id: ObjectId| -> Vec<ObjectId> {
        match doc.get_dictionary(id).unwrap().get(b"K") {
            Ok(Object::Array(a)) => a.iter().filter_map(|k| k.as_reference().ok()).collect(),
            Ok(Object::Reference(r)) => vec![*r],
            _ => Vec::new(),
        }
    };
    let s = |id: ObjectId| {
        doc.get_dictionary(id)
            .unwrap()
            .get(b"S")
            .unwrap()
            .as_name()
            .unwrap()
            .to_vec()
    };
    let mut widths = Vec::new();
    for group in kids(table) {
        assert!(matches!(s(group).as_slice(), b"THead" | b"TBody"));
        let mut group_id: Option<Vec<u8>> = None;
        for (ri, row) in kids(group).into_iter().enumerate() {
            assert_eq!(s(row), b"TR");
            let cells = kids(row);
            if s(group) == b"TBody" && cells.len() == 1 && s(cells[0]) == b"TH" {
                assert_eq!(ri, 0, "table {table:?}: a group row inside another's TBody");
                let th = doc.get_dictionary(cells[0]).unwrap();
                group_id = th.get(b"ID").ok().map(|i| i.as_str().unwrap().to_vec());
                assert!(
                    group_id.is_some() || kids(group).len() == 1,
                    "table {table:?}: a group's header cell without /ID"
                );
            }
            for &cell in &cells {
                let e = doc.get_dictionary(cell).unwrap();
                let headers: Vec<Vec<u8>> = e
                    .get(b"A")
                    .ok()
                    .and_then(|a| dict(doc, a).get(b"Headers").ok())
                    .map(|h| {
                        h.as_array()
                            .unwrap()
                            .iter()
                            .map(|n| n.as_str().unwrap().to_vec())
                            .collect()
                    })
                    .unwrap_or_default();
                for h in &headers {
                    let th = id_tree
                        .get(h)
                        .unwrap_or_else(|| panic!("/Headers names {h:?}, not in the /IDTree"));
                    assert_eq!(s(*th), b"TH", "/Headers names a {:?}", s(*th));
                }
                if let (Some(g), b"TD") = (&group_id, s(cell).as_slice()) {
                    assert!(
                        headers.contains(g),
                        "table {table:?}: a cell of group {g:?} does not name it in /Headers"
                    );
                }
            }
            let mut n = 0;
            let mut last: Option<(usize, u32)> = None;
            for (col, cell) in cells.into_iter().enumerate() {
                assert!(matches!(s(cell).as_slice(), b"TH" | b"TD"));
                if let Some(first) = first_content(doc, cell, page_index) {
                    if let Some(prev) = last {
                        assert!(
                            prev < first,
                            "table {table:?}, row {row:?}: cell {} begins at (page, MCID) \
                             {first:?}, before the cell to its left at {prev:?}",
                            col + 1
                        );
                    }
                    last = Some(first);
                }
                let span = doc
                    .get_dictionary(cell)
                    .unwrap()
                    .get(b"A")
                    .ok()
                    .and_then(|a| dict(doc, a).get(b"ColSpan").ok())
                    .and_then(|c| c.as_i64().ok())
                    .unwrap_or(1);
                n += span;
            }
            widths.push(n);
        }
    }
    assert!(
        widths.windows(2).all(|w| w[0] == w[1]),
        "table {table:?}: rows of {widths:?} columns"
    );
}

/// The first marked content of an element and its descendants, as
/// (page index, MCID); `None` for an element without content.
fn first_content(
    doc: &Document,
    id: ObjectId,
    page_index: &HashMap<ObjectId, usize>,
) -> Option<(usize, u32)> {
    let e = doc.get_dictionary(id).unwrap();
    let pg = e
        .get(b"Pg")
        .ok()
        .and_then(|p| p.as_reference().ok())
        .map(|p| page_index[&p]);
    let kids: Vec<&Object> = match e.get(b"K") {
        Ok(Object::Array(a)) => a.iter().collect(),
        Ok(k) => vec![k],
        Err(_) => Vec::new(),
    };
    kids.into_iter()
        .filter_map(|k| match k {
            Object::Integer(m) => Some((pg.expect("MCID without /Pg"), *m as u32)),
            Object::Reference(c) => first_content(doc, *c, page_index),
            Object::Dictionary(d) if name(d.get(b"Type").ok()?) == Some(b"MCR") => Some((
                page_index[&d.get(b"Pg").ok()?.as_reference().ok()?],
                d.get(b"MCID").ok()?.as_i64().ok()? as u32,
            )),
            _ => None,
        })
        .min()
}
