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
//! 8. A unit marked `float` (a figure) that does not fit in what is left of
//!    a page waits: the units after it fill the page, and it opens the next
//!    one, as LaTeX places a figure at the top of the next page. A float
//!    that comes while others wait joins them, even if it would fit, so
//!    figures keep their order; all that wait open the next page.
//! 9. The last page of a run of units is never left almost empty: when it
//!    holds less than a third of the page, the space above its units is
//!    first squeezed (to half) to pull it back onto the page before; if it
//!    still does not fit, the page before breaks earlier, so that each of
//!    the two holds at least a third of a page.

use super::FrameItem;
use super::structure::{Artifact, Tag};
use std::ops::Range;
use std::rc::Rc;

/// Something placed as a whole on one page.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// Height in points.
    pub height: f32,
    /// Space wanted above it (dropped at a page top).
    pub space_before: f32,
    /// Items relative to the unit's top-left corner.
    pub items: Vec<FrameItem>,
    /// No page break after this unit.
    pub keep_with_next: bool,
    /// Anchors (id, y offset) for links, contents and outline.
    pub anchors: Vec<(String, f32)>,
    /// The header of the table this unit continues, to repeat on a new page.
    pub repeat: Option<Rc<Unit>>,
    /// A figure: may wait for the next page while text fills this one
    /// (rule 8).
    pub float: bool,
    /// Covers its whole page by design (a full-bleed photo): the page gets
    /// no running head or folio.
    pub full_page: bool,
}

/// Units placed on one page: (top y within the body area, unit).
pub type PlacedPage = Vec<(f32, Unit)>;

/// One page of a plan: which units, and how much of the space above each
/// is kept (1 normally, less where rule 9 squeezed it).
#[derive(Debug, Clone, PartialEq)]
struct PageRange {
    units: Range<usize>,
    space: f32,
}

/// Least a page holds, as a share of the text area (rule 9).
pub const MIN_FILL: f32 = 1.0 / 3.0;
/// What rule 9 aims for when it breaks a page earlier: a little over
/// [`MIN_FILL`], so that the ink on the short page reaches a third.
const BALANCED: f32 = 0.36;
/// How far rule 9 may squeeze the space above units.
const MIN_SPACE: f32 = 0.5;

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
pub fn paginate(mut units: Vec<Unit>, body_height: f32) -> Vec<PlacedPage> {
    let mut plan = breaks(&mut units, body_height, body_height, 1.0);
    balance_last_page(&mut units, &mut plan, body_height);
    place(units, plan)
}

/// Height a page's units take (with the repeated table header and the
/// space between them, scaled by `space`).
fn fill(units: &[Unit], space: f32) -> f32 {
    let head = units
        .first()
        .and_then(|u| u.repeat.as_ref())
        .map_or(0.0, |h| h.height);
    head + units
        .iter()
        .enumerate()
        .map(|(i, u)| u.height + if i > 0 { u.space_before * space } else { 0.0 })
        .sum::<f32>()
}

/// Rules 1–4 and 6–8: the pages for `units`, the first `first` points
/// high and the rest `height`, the space above units scaled by `space`. A
/// float that waits is moved in `units` to where it is placed.
fn breaks(units: &mut Vec<Unit>, first: f32, height: f32, space: f32) -> Vec<PageRange> {
    let mut pages = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut y = 0.0f32;
    // Figures waiting for the next page, in order (rule 8).
    let mut waiting: Vec<Unit> = Vec::new();
    loop {
        if i >= units.len() {
            if waiting.is_empty() {
                break;
            }
            // What followed them all fitted: the page ends, the figures
            // open the next.
            pages.push(PageRange {
                units: start..i,
                space,
            });
            units.append(&mut waiting);
            start = i;
            continue;
        }
        let limit = if pages.is_empty() { first } else { height };
        if i == start {
            y = units[i].repeat.as_ref().map_or(0.0, |h| h.height);
        }
        let gap = if i == start {
            0.0
        } else {
            units[i].space_before * space
        };
        let u = &units[i];
        let fits = y + gap + u.height <= limit + 0.01;
        // Rule 8: a figure that does not fit, or that comes while others
        // wait, waits while what follows fills the page (unless what comes
        // before it must stay with it).
        if u.float && i > start && (!fits || !waiting.is_empty()) && !units[i - 1].keep_with_next {
            waiting.push(units.remove(i));
            continue;
        }
        // Rules 1 and 6: place it if it fits, or if the page has nothing else.
        if fits || i == start {
            y += gap + u.height;
            i += 1;
            continue;
        }
        // Rule 3: the last unit after which a break is allowed; rule 4 if
        // none. The unit before a waiting figure allows one, so the break
        // never moves back past where the figure stood.
        let end = (start..i)
            .rev()
            .find(|&j| !units[j].keep_with_next)
            .map_or(i, |k| k + 1)
            .max(start + 1);
        pages.push(PageRange {
            units: start..end,
            space,
        });
        units.splice(end..end, waiting.drain(..));
        start = end;
        i = end;
    }
    if start < units.len() {
        pages.push(PageRange {
            units: start..units.len(),
            space,
        });
    }
    pages
}

/// Rule 9: a last page under a third full is pulled back onto the page
/// before by squeezing the space above units, or filled by breaking the
/// page before earlier. Only the last two pages' units are set again.
fn balance_last_page(units: &mut Vec<Unit>, plan: &mut Vec<PageRange>, height: f32) {
    let n = plan.len();
    if n < 2 || fill(&units[plan[n - 1].units.clone()], 1.0) >= height * MIN_FILL {
        return;
    }
    let from = plan[n - 2].units.start;
    // A designed page among them stays as it is.
    if units[from..].iter().any(|u| u.full_page) {
        return;
    }
    let tail = units.split_off(from);
    let shift = |r: PageRange| PageRange {
        units: r.units.start + from..r.units.end + from,
        space: r.space,
    };
    // Squeezed onto one page: the least squeeze that fits.
    let natural = fill(&tail, 1.0);
    let spaces = natural - fill(&tail, 0.0);
    if fill(&tail, MIN_SPACE) <= height + 0.01 && spaces > 0.0 {
        let space = (1.0 - (natural - height) / spaces).clamp(MIN_SPACE, 1.0);
        plan.truncate(n - 2);
        plan.push(shift(PageRange {
            units: 0..tail.len(),
            space,
        }));
        units.extend(tail);
        return;
    }
    // Break earlier: the first of the two pages shortened step by step
    // until the second holds a third, while the first keeps a third too.
    // It goes on a little further while it can, to BALANCED, so that the
    // page's ink (which ends above its last unit's foot) reaches a third.
    let mut limit = fill(&tail[..plan[n - 2].units.len()], 1.0);
    let mut best: Option<(Vec<Unit>, Vec<PageRange>)> = None;
    while limit > height * MIN_FILL {
        limit -= 6.0;
        let mut trial_units = tail.clone();
        let trial = breaks(&mut trial_units, limit, height, 1.0);
        if trial.len() != 2 {
            continue;
        }
        if fill(&trial_units[trial[0].units.clone()], 1.0) < height * MIN_FILL {
            break;
        }
        let second = fill(&trial_units[trial[1].units.clone()], 1.0);
        if second >= height * MIN_FILL {
            let enough = second >= height * BALANCED;
            best = Some((trial_units, trial));
            if enough {
                break;
            }
        }
    }
    match best {
        Some((trial_units, trial)) => {
            plan.truncate(n - 2);
            plan.extend(trial.into_iter().map(shift));
            units.extend(trial_units);
        }
        None => units.extend(tail),
    }
}

/// Places each page's units top to bottom, a continued table's header
/// repeated first (rule 5).
fn place(units: Vec<Unit>, plan: Vec<PageRange>) -> Vec<PlacedPage> {
    let mut pages = Vec::with_capacity(plan.len());
    let mut iter = units.into_iter();
    for range in plan {
        let mut page: PlacedPage = Vec::with_capacity(range.units.len() + 1);
        let mut y = 0.0;
        for (k, unit) in iter.by_ref().take(range.units.len()).enumerate() {
            if k == 0 {
                if let Some(h) = unit.repeat.as_ref() {
                    // The repeat is not read again: it is an artifact of the break.
                    let mut h = (**h).clone();
                    for it in &mut h.items {
                        it.set_tag(Tag::Artifact(Artifact::Pagination));
                    }
                    y = h.height;
                    page.push((0.0, h));
                }
            } else {
                y += unit.space_before * range.space;
            }
            page.push((y, unit));
            y += page.last().map_or(0.0, |(_, u)| u.height);
        }
        pages.push(page);
    }
    pages
}
