//! Link annotations: invisible borders, printable (PDF/A), a `/Contents`
//! that says where the link goes (PDF/UA), URIs or go-to actions to a
//! position on a page.
//!
//! Written as bytes ([`write`]), like the structure tree, rather than as
//! lopdf dictionaries: the 10× report has about 6,700 links, and as lopdf
//! objects (a map per dictionary, an allocation per key and value) they
//! held about 29 MiB until the file was written, a fifth of that build's
//! peak memory. [`place`] reserves each annotation's object number and
//! lists it on its page; [`write`] serialises it once the structure tree
//! has given it its `/StructParent`.

use super::serial::{self, Prewritten};
use crate::layout::structure::Tag;
use crate::layout::{FrameItem, Layout, PAGE_HEIGHT, Target};
use lopdf::{Object, ObjectId};
use rustc_hash::FxHashMap;

/// Where an annotation goes.
enum Action {
    /// An external address.
    Uri(String),
    /// A page object and a y from the page's bottom.
    GoTo(ObjectId, f32),
}

/// One link annotation, its number reserved, waiting to be written.
pub(super) struct Link {
    /// The annotation's object number.
    id: ObjectId,
    /// The page it is on.
    page: ObjectId,
    /// Left, bottom, right, top in PDF points.
    rect: [f32; 4],
    /// What a screen reader announces.
    description: String,
    action: Action,
}

/// The annotations placed on the pages.
pub(super) struct Placed {
    /// Per page, each annotation with the index of its item, for the
    /// structure tree.
    pub per_page: Vec<Vec<(usize, ObjectId)>>,
    /// The annotations to write.
    pub links: Vec<Link>,
}

/// Reserves an object per link area on the pages and lists them in each
/// page's `/Annots`; pages with links get `/Tabs /S` (tab order follows
/// the structure). A link to a page outside the document, or to an anchor
/// that was never resolved, is left out.
pub(super) fn place(ld: &mut lopdf::Document, layout: &Layout, page_ids: &[ObjectId]) -> Placed {
    let mut per_page = Vec::with_capacity(layout.pages.len());
    let mut links = Vec::new();
    for (p, &page) in layout.pages.iter().zip(page_ids) {
        let mut annots = Vec::new();
        for (i, it) in p.items.iter().enumerate() {
            let FrameItem::Link {
                x,
                y,
                w,
                h,
                target,
                tag,
            } = it
            else {
                continue;
            };
            let (action, fallback) = match target {
                Target::Uri(u) => (Action::Uri(u.clone()), u.clone()),
                Target::Page(n, top) => {
                    let Some(&dest) = page_ids.get(n.saturating_sub(1)) else {
                        continue;
                    };
                    (
                        Action::GoTo(dest, PAGE_HEIGHT - top),
                        format!("Go to page {n}"),
                    )
                }
                Target::Anchor(_) => continue,
            };
            let description = match tag {
                Tag::Content(node) => layout.structure.nodes[*node as usize].alt.clone(),
                _ => None,
            }
            .unwrap_or(fallback);
            let id = ld.new_object_id();
            links.push(Link {
                id,
                page,
                rect: [*x, PAGE_HEIGHT - (y + h), x + w, PAGE_HEIGHT - y],
                description,
                action,
            });
            annots.push((i, id));
        }
        if !annots.is_empty()
            && let Ok(d) = ld.get_dictionary_mut(page)
        {
            d.set(
                "Annots",
                Object::Array(
                    annots
                        .iter()
                        .map(|&(_, id)| Object::Reference(id))
                        .collect(),
                ),
            );
            d.set("Tabs", Object::Name(b"S".to_vec()));
        }
        per_page.push(annots);
    }
    Placed { per_page, links }
}

/// Appends a real number as lopdf writes it (f32's Display).
fn real(out: &mut Vec<u8>, x: f32) {
    use std::io::Write;
    let _ = write!(out, "{x}");
}

/// Serialises the annotations into `out`, each with its `/StructParent`
/// key from `struct_parents` (the key order of lopdf's dictionaries as
/// they were built before: the structure tree set the key last).
pub(super) fn write(
    links: Vec<Link>,
    struct_parents: &FxHashMap<ObjectId, i64>,
    out: &mut Prewritten,
) {
    out.reserve(links.len());
    for link in links {
        let mut d = Vec::with_capacity(160 + 4 * link.description.len());
        d.extend_from_slice(b"<</Type/Annot/Subtype/Link/Rect[");
        for (i, &x) in link.rect.iter().enumerate() {
            if i > 0 {
                d.push(b' ');
            }
            real(&mut d, x);
        }
        d.extend_from_slice(b"]/Border[0 0 0]/F 4/Contents");
        serial::text_string(&mut d, &link.description);
        serial::key_reference(&mut d, b"P", link.page);
        match &link.action {
            Action::Uri(u) => {
                d.extend_from_slice(b"/A<</S/URI/URI");
                serial::string(&mut d, u.as_bytes(), lopdf::StringFormat::Literal);
            }
            Action::GoTo(dest, y) => {
                d.extend_from_slice(b"/A<</S/GoTo/D[");
                serial::reference(&mut d, *dest);
                d.extend_from_slice(b"/XYZ 0 ");
                real(&mut d, *y);
                d.extend_from_slice(b" null]");
            }
        }
        d.extend_from_slice(b">>");
        if let Some(&key) = struct_parents.get(&link.id) {
            serial::key_integer(&mut d, b"StructParent", key);
        }
        d.extend_from_slice(b">>");
        out.push((link.id.0, d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Dictionary, StringFormat};

    /// The annotation as lopdf dictionaries, built the way folio built
    /// them before it wrote them itself.
    fn as_lopdf(link: &Link, key: Option<i64>) -> Dictionary {
        let action = match &link.action {
            Action::Uri(u) => Dictionary::from_iter(vec![
                ("S", Object::Name(b"URI".to_vec())),
                (
                    "URI",
                    Object::String(u.as_bytes().to_vec(), StringFormat::Literal),
                ),
            ]),
            Action::GoTo(dest, y) => Dictionary::from_iter(vec![
                ("S", Object::Name(b"GoTo".to_vec())),
                (
                    "D",
                    Object::Array(vec![
                        Object::Reference(*dest),
                        Object::Name(b"XYZ".to_vec()),
                        Object::Integer(0),
                        Object::Real(*y),
                        Object::Null,
                    ]),
                ),
            ]),
        };
        let mut d = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Annot".to_vec())),
            ("Subtype", Object::Name(b"Link".to_vec())),
            (
                "Rect",
                Object::Array(link.rect.iter().map(|&x| Object::Real(x)).collect()),
            ),
            (
                "Border",
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Integer(0),
                    Object::Integer(0),
                ]),
            ),
            ("F", Object::Integer(4)),
            ("Contents", super::super::text_string(&link.description)),
            ("P", Object::Reference(link.page)),
            ("A", Object::Dictionary(action)),
        ]);
        if let Some(k) = key {
            d.set("StructParent", Object::Integer(k));
        }
        d
    }

    /// Both kinds of link, ASCII and other descriptions, with and without
    /// a parent key, fractional and whole coordinates: the bytes lopdf's
    /// dictionaries serialise to.
    #[test]
    fn same_bytes_as_lopdf_dictionaries() {
        let links = vec![
            Link {
                id: (10, 0),
                page: (7, 0),
                rect: [72.0, 643.89, 523.28, 658.89],
                description: "Go to “Abbreviations”, page 3".into(),
                action: Action::GoTo((8, 0), 841.89),
            },
            Link {
                id: (11, 0),
                page: (7, 0),
                rect: [72.5, 0.0, 100.0, 12.25],
                description: "https://example.org/a(b)".into(),
                action: Action::Uri("https://example.org/a(b)\\c".into()),
            },
        ];
        let keys: FxHashMap<ObjectId, i64> = [((10, 0), 107)].into_iter().collect();
        let expected: Vec<Vec<u8>> = links
            .iter()
            .map(|l| {
                let mut b = Vec::new();
                serial::dictionary(&mut b, &as_lopdf(l, keys.get(&l.id).copied()));
                b
            })
            .collect();
        let mut out = Vec::new();
        write(links, &keys, &mut out);
        assert_eq!(out.len(), 2);
        for ((id, got), (want_id, want)) in out.iter().zip([(10, &expected[0]), (11, &expected[1])])
        {
            assert_eq!(*id, want_id);
            assert_eq!(String::from_utf8_lossy(got), String::from_utf8_lossy(want));
        }
        assert!(
            String::from_utf8_lossy(&out[0].1).ends_with("/StructParent 107>>"),
            "{}",
            String::from_utf8_lossy(&out[0].1)
        );
    }
}
