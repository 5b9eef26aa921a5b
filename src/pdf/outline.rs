//! The document outline (bookmarks): nested by heading level, each entry
//! pointing at its heading's position on its page. printpdf writes only a
//! flat list, so it is built here with lopdf.

use super::text_string;
use crate::layout::{Heading, PAGE_HEIGHT};
use lopdf::{Dictionary, Object, ObjectId};

/// Nested outline: each heading under the nearest earlier heading of a
/// lower level, pointing at the heading's position on its page.
pub(super) fn build_outline(
    ld: &mut lopdf::Document,
    headings: &[Heading],
    page_ids: &std::collections::BTreeMap<u32, ObjectId>,
) -> Option<ObjectId> {
    let entries: Vec<&Heading> = headings.iter().filter(|h| h.page > 0).collect();
    if entries.is_empty() {
        return None;
    }
    let root = ld.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| ld.new_object_id()).collect();
    // parent[i]: index of the parent entry, or None for top level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, h) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&j| entries[j].level >= h.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..entries.len()).filter(|&i| parent[i] == p).collect()
    };
    let mut dicts: Vec<Dictionary> = Vec::with_capacity(entries.len());
    for (i, h) in entries.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text_string(&h.title));
        d.set(
            "Parent",
            Object::Reference(parent[i].map_or(root, |p| ids[p])),
        );
        if let Some(&page) = page_ids.get(&(h.page as u32)) {
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Integer(0),
                    Object::Real(PAGE_HEIGHT - h.y),
                    Object::Null,
                ]),
            );
        }
        dicts.push(d);
    }
    let link_siblings = |sibs: &[usize], dicts: &mut Vec<Dictionary>| {
        for (k, &i) in sibs.iter().enumerate() {
            if k > 0 {
                dicts[i].set("Prev", Object::Reference(ids[sibs[k - 1]]));
            }
            if k + 1 < sibs.len() {
                dicts[i].set("Next", Object::Reference(ids[sibs[k + 1]]));
            }
        }
    };
    let top = children(None);
    link_siblings(&top, &mut dicts);
    for i in 0..entries.len() {
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dicts[i].set("First", Object::Reference(ids[first]));
            dicts[i].set("Last", Object::Reference(ids[last]));
            // Negative count: closed by default below chapter level.
            let n = kids.len() as i64;
            dicts[i].set(
                "Count",
                Object::Integer(if entries[i].level >= 2 { -n } else { n }),
            );
        }
        link_siblings(&kids, &mut dicts);
    }
    for (i, d) in dicts.into_iter().enumerate() {
        ld.objects.insert(ids[i], Object::Dictionary(d));
    }
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[f]));
        r.set("Last", Object::Reference(ids[l]));
    }
    r.set("Count", Object::Integer(top.len() as i64));
    ld.objects.insert(root, Object::Dictionary(r));
    Some(root)
}
