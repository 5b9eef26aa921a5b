//! Flowing units of content onto pages.
//!
//! # The pagination contract
//!
//! Blocks are first turned into [`Unit`]s — a line of a paragraph, a
//! heading, a table row, a chart — each with a height, the space wanted
//! above it and whether a page break may follow it. [`paginate`] then
//! places them under these rules:
//!
//! 1. Units are placed top to bottom in order; a unit that does not fit in
//!    what is left of the page goes to the next page, whole.
//! 2. The space above a unit is dropped at the top of a page.
//! 3. A page never ends after a unit marked `keep_with_next`: the break moves
//!    back to the last unit that allows one, and the units after it move to
//!    the next page. Headings keep with what follows; a paragraph's first
//!    line keeps with its second (no orphans) and its second-to-last with
//!    its last (no widows); a table's header keeps with its first three
//!    rows, and its last three rows stay together, so a split table leaves
//!    at least three rows on each side.
//! 4. If no unit on the page allows a break, the page breaks before the unit
//!    that did not fit (a chain longer than a page is cut, not lost).
//! 5. A unit that continues a table on a new page gets the table's header
//!    repeated above it, as an artifact (the table reads once).
//! 6. A unit taller than an empty page is placed alone on its own page
//!    (callers split table rows and paragraphs beforehand, so this is only
//!    for indivisible content; it is clipped by nothing and reported by the
//!    offpage check of the tests).
//! 7. Every page holds at least one unit, so pagination always ends.

use super::structure::{Artifact, Tag};
use super::Item;
use std::collections::VecDeque;
use std::rc::Rc;

/// Something placed as a whole on one page.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// Height in points.
    pub height: f32,
    /// Space wanted above it (dropped at a page top).
    pub space_before: f32,
    /// Items relative to the unit's top-left corner.
    pub items: Vec<Item>,
    /// No page break after this unit.
    pub keep_with_next: bool,
    /// Anchors (id, y offset) for links, contents and outline.
    pub anchors: Vec<(String, f32)>,
    /// The header of the table this unit continues, to repeat on a new page.
    pub repeat: Option<Rc<Unit>>,
}

/// Units placed on one page: (top y within the body area, unit).
pub type PlacedPage = Vec<(f32, Unit)>;

/// Flows `units` into pages of `body_height` points.
///
/// ```
/// use folio::layout::paginate::{paginate, Unit};
/// let line = |keep| Unit { height: 10.0, keep_with_next: keep, ..Default::default() };
/// // Heading kept with the first line: both move to page 2.
/// let units = vec![line(false), line(false), line(true), line(false)];
/// let pages = paginate(units, 35.0);
/// assert_eq!(pages.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![2, 2]);
/// ```
pub fn paginate(units: Vec<Unit>, body_height: f32) -> Vec<PlacedPage> {
    let mut queue: VecDeque<Unit> = units.into();
    let mut pages: Vec<PlacedPage> = Vec::new();
    let mut page: PlacedPage = Vec::new();
    // Units at the top of the page that only repeat a table header.
    let mut repeated = 0usize;
    let mut y = 0.0f32;
    while let Some(unit) = queue.pop_front() {
        if page.is_empty() {
            repeated = 0;
            if let Some(h) = unit.repeat.as_ref() {
                // The repeat is not read again: it is an artifact of the break.
                let mut h = (**h).clone();
                for it in &mut h.items {
                    it.set_tag(Tag::Artifact(Artifact::Pagination));
                }
                y = h.height;
                page.push((0.0, h));
                repeated = 1;
            }
        }
        let space = if page.len() == repeated {
            0.0
        } else {
            unit.space_before
        };
        // Rules 1 and 6: place it if it fits, or if the page has nothing else.
        if y + space + unit.height <= body_height + 0.01 || page.len() == repeated {
            y += space + unit.height;
            page.push((y - unit.height, unit));
            continue;
        }
        // Rule 3: the last unit after which a break is allowed; rule 4 if none.
        let moved: Vec<Unit> = match page.iter().rposition(|(_, u)| !u.keep_with_next) {
            Some(k) if k + 1 < page.len() && k >= repeated => {
                page.split_off(k + 1).into_iter().map(|(_, u)| u).collect()
            }
            _ => Vec::new(),
        };
        queue.push_front(unit);
        for u in moved.into_iter().rev() {
            queue.push_front(u);
        }
        pages.push(std::mem::take(&mut page));
        y = 0.0;
    }
    if !page.is_empty() {
        pages.push(page);
    }
    pages
}
