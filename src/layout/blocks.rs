//! The design: how each kind of block becomes units (type scale, spacing,
//! tables, charts, call-outs), and the special pages (cover, contents,
//! chapter openers, back cover, running heads and folios).

use super::paginate::{paginate, PlacedPage, Unit};
use super::paragraph::Justify;
use super::text::{Base, SetText, Setter};
use super::*;
use crate::compose::{Align, Block, Chapter, Chart, Colour, Row, Run, Table};
use fonts::Family;
use std::rc::Rc;

const BODY: Base = Base {
    family: Family::Serif,
    size: 10.0,
    leading: 14.6,
    colour: Colour::TEXT,
    bold: false,
    italic: false,
};

const SANS: Base = Base {
    family: Family::Sans,
    size: 8.5,
    leading: 11.6,
    colour: Colour::TEXT,
    bold: false,
    italic: false,
};

/// Height of the coloured band that opens a chapter.
const OPENER_BAND: f32 = 150.0;
const PARA_GAP: f32 = 6.0;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 2.6;

type Res<T> = Result<T, LayoutError>;

/// A chapter flowed onto its pages: chapters start on a new page, so how a
/// chapter breaks does not depend on the page numbers, only which numbers
/// its pages get.
struct Flowed {
    title: String,
    pages: Vec<PlacedPage>,
}

/// Everything that does not depend on page numbers, set and paginated
/// once: the cover and each chapter. Only the contents is redone while its
/// page numbers settle.
pub struct Prepared {
    cover: Page,
    chapters: Vec<Flowed>,
}

/// Sets the cover and every chapter, and flows each chapter onto pages.
pub fn prepare(doc: &Document, s: &Setter) -> Res<Prepared> {
    let mut chapters = Vec::with_capacity(doc.chapters.len() + 1);
    let mut total = 0;
    for ch in &doc.chapters {
        let pages = paginate(chapter_units(ch, s)?, BODY_HEIGHT);
        total += pages.len();
        if total > MAX_PAGES {
            return Err(LayoutError::TooManyPages(MAX_PAGES));
        }
        chapters.push(Flowed {
            title: ch.title.clone(),
            pages,
        });
    }
    if let Some(bc) = &doc.back_cover {
        chapters.push(Flowed {
            title: bc.title.clone(),
            pages: paginate(back_cover_units(bc, s)?, BODY_HEIGHT),
        });
    }
    Ok(Prepared {
        cover: cover(doc, s)?,
        chapters,
    })
}

/// The contents, set with `numbers` as its page numbers (anchor → page;
/// absent entries print as a placeholder) and flowed onto pages.
pub struct Contents {
    pages: Vec<PlacedPage>,
}

/// Sets and paginates the contents.
pub fn contents(doc: &Document, s: &Setter, numbers: &HashMap<String, usize>) -> Res<Contents> {
    Ok(Contents {
        pages: paginate(contents_units(doc, s, numbers)?, BODY_HEIGHT),
    })
}

/// Every heading with its page and position, given the contents' length:
/// the cover is page 1, the contents follows, then each chapter.
pub fn place_headings(doc: &Document, prepared: &Prepared, contents: &Contents) -> Vec<Heading> {
    let mut headings = register_headings(doc);
    // Anchor → its headings not yet placed, in order (a view repeated in
    // several sections repeats its anchor; each occurrence takes the next).
    let mut unplaced: HashMap<String, std::collections::VecDeque<usize>> = HashMap::new();
    for (i, h) in headings.iter().enumerate() {
        unplaced.entry(h.anchor.clone()).or_default().push_back(i);
    }
    let mut number = 1; // the cover
    for page in contents
        .pages
        .iter()
        .chain(prepared.chapters.iter().flat_map(|c| c.pages.iter()))
    {
        number += 1;
        for (top, unit) in page {
            for (anchor, dy) in &unit.anchors {
                if let Some(i) = unplaced.get_mut(anchor).and_then(|q| q.pop_front()) {
                    headings[i].page = number;
                    headings[i].y = MARGIN_TOP + top + dy;
                }
            }
        }
    }
    headings.retain(|h| h.page > 0);
    headings
}

/// The pages: cover, contents and chapters, each page with its running
/// head and folio. Consumes the prepared chapters (their items move onto
/// the pages).
pub fn assemble(
    doc: &Document,
    prepared: Prepared,
    contents: Contents,
    s: &Setter,
) -> Res<Vec<Page>> {
    let mut pages = vec![prepared.cover];
    let flows = std::iter::once(Flowed {
        title: "Contents".to_string(),
        pages: contents.pages,
    })
    .chain(prepared.chapters);
    let left = running_head(s, &doc.meta.title)?;
    for chapter in flows {
        let right = running_head(s, &chapter.title)?;
        for (i, placed) in chapter.pages.into_iter().enumerate() {
            let number = pages.len() + 1;
            let mut page = Page::default();
            for (top, unit) in placed {
                page.items.extend(
                    unit.items
                        .into_iter()
                        .map(|it| it.shifted(MARGIN_LEFT, MARGIN_TOP + top)),
                );
            }
            // A chapter's first page is its opener: no running head.
            if i > 0 {
                furniture(s, &mut page, number, &left, &right)?;
            }
            pages.push(page);
        }
    }
    Ok(pages)
}

/// Style of running heads and folios.
const HEAD: Base = Base {
    colour: Colour::MUTED,
    size: 8.0,
    leading: 10.0,
    ..SANS
};

/// A running head, set once per chapter; an artifact, not read as content.
fn running_head(s: &Setter, text: &str) -> Res<SetText> {
    let mut set = s.set(
        &[Run::plain(text)],
        HEAD,
        BODY_WIDTH / 2.0 - 6.0,
        Justify::Ragged,
    )?;
    set.role = Role::Artifact;
    Ok(set)
}

/// Running heads (document title left, chapter right) and the folio.
fn furniture(
    s: &Setter,
    page: &mut Page,
    number: usize,
    left: &SetText,
    right: &SetText,
) -> Res<()> {
    let y = 38.0;
    if !left.lines.is_empty() {
        page.items.extend(left.line_items(0, MARGIN_LEFT, y, None));
    }
    if !right.lines.is_empty() {
        let w = BODY_WIDTH / 2.0 - 6.0;
        page.items
            .extend(right.line_items(0, MARGIN_LEFT + BODY_WIDTH - w, y, Some(w)));
    }
    page.items.push(Item::Rule {
        x1: MARGIN_LEFT,
        y1: y + 14.0,
        x2: MARGIN_LEFT + BODY_WIDTH,
        y2: y + 14.0,
        width: 0.4,
        colour: Colour::RULE,
    });
    let mut folio = s.set(
        &[Run::plain(number.to_string())],
        Base { size: 9.0, ..HEAD },
        60.0,
        Justify::Ragged,
    )?;
    folio.role = Role::Artifact;
    let w = folio.width();
    page.items
        .extend(folio.line_items(0, (PAGE_WIDTH - w) / 2.0, PAGE_HEIGHT - 48.0, None));
    Ok(())
}

// ---------------------------------------------------------------- blocks

fn chapter_units(ch: &Chapter, s: &Setter) -> Res<Vec<Unit>> {
    let mut units = Vec::new();
    for b in &ch.blocks {
        block_units(b, s, BODY_WIDTH, &mut units)?;
    }
    Ok(units)
}

/// Turns one block into units.
pub fn block_units(b: &Block, s: &Setter, width: f32, out: &mut Vec<Unit>) -> Res<()> {
    match b {
        Block::Heading {
            level,
            text,
            anchor,
            colour,
        } => heading_units(s, *level, text, anchor, *colour, width, out),
        Block::Lead(runs, colour) => {
            let base = Base {
                family: Family::Sans,
                size: 12.0,
                leading: 16.0,
                colour: *colour,
                bold: false,
                italic: true,
            };
            let set = s.set(runs, base, width, Justify::Ragged)?;
            lines_to_units(&set, 0.0, 4.0, true, out);
            if let Some(last) = out.last_mut() {
                last.height += 6.0;
            }
            Ok(())
        }
        Block::Paragraph(runs) => {
            let set = s.set(runs, BODY, width, Justify::Full)?;
            lines_to_units(&set, 0.0, PARA_GAP, false, out);
            Ok(())
        }
        Block::List(items) => {
            for item in items {
                let mut inner = Vec::new();
                for b in item {
                    block_units(b, s, width - 14.0, &mut inner)?;
                }
                let mut first = true;
                for mut u in inner {
                    u.items = u.items.into_iter().map(|i| i.shifted(14.0, 0.0)).collect();
                    if first {
                        let bullet = s.set(&[Run::plain("•")], BODY, 20.0, Justify::Ragged)?;
                        u.items.extend(bullet.line_items(0, 3.0, 0.0, None));
                        first = false;
                    }
                    out.push(u);
                }
            }
            Ok(())
        }
        Block::Callout(blocks) => callout(s, blocks, width, out),
        Block::KeyFigures(figs) => key_figures(s, figs, width, out),
        Block::Table(t) => table_units(s, t, width, out),
        Block::Chart(c) => chart_unit(s, c, width, out),
        Block::Figure { src, alt, caption } => figure_unit(s, src, alt, caption, width, out),
    }
}

/// Sizes the image at no less than 150 pixels per inch (sharp in print),
/// no wider than the measure and no taller than 60 % of the page; the
/// caption follows on the same page.
fn figure_unit(
    s: &Setter,
    src: &str,
    alt: &str,
    caption: &str,
    width: f32,
    out: &mut Vec<Unit>,
) -> Res<()> {
    let Some((pw, ph)) = s.images.get(src).copied() else {
        return Err(LayoutError::MissingImage(src.to_string()));
    };
    let natural = pw as f32 * 72.0 / 150.0;
    let mut w = natural.min(width);
    let mut h = w * ph as f32 / pw as f32;
    let max_h = BODY_HEIGHT * 0.6;
    if h > max_h {
        w *= max_h / h;
        h = max_h;
    }
    let mut items = vec![Item::Image {
        src: src.to_string(),
        x: 0.0,
        y: 0.0,
        w,
        h,
        alt: alt.to_string(),
    }];
    let mut height = h;
    if !caption.is_empty() {
        let set = s.set(
            &[Run::plain(caption)],
            Base {
                italic: true,
                colour: Colour::MUTED,
                ..SANS
            },
            width,
            Justify::Ragged,
        )?;
        height += 4.0;
        for i in 0..set.lines.len() {
            items.extend(set.line_items(i, 0.0, height, None));
            height += set.leading;
        }
    }
    out.push(Unit {
        height: height + 4.0,
        space_before: 10.0,
        items,
        ..Default::default()
    });
    Ok(())
}

/// One unit per line, with the widow/orphan rules of the contract.
fn lines_to_units(
    set: &SetText,
    indent: f32,
    space_before: f32,
    keep_all: bool,
    out: &mut Vec<Unit>,
) {
    let n = set.lines.len();
    for i in 0..n {
        let keep = keep_all || (n >= 2 && i == 0) || (n >= 2 && i + 2 == n);
        out.push(Unit {
            height: set.leading,
            space_before: if i == 0 { space_before } else { 0.0 },
            items: set.line_items(i, indent, 0.0, None),
            keep_with_next: keep && i + 1 < n || keep_all,
            anchors: Vec::new(),
            repeat: None,
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn heading_units(
    s: &Setter,
    level: u8,
    text: &str,
    anchor: &str,
    colour: Colour,
    width: f32,
    out: &mut Vec<Unit>,
) -> Res<()> {
    let runs = [Run::plain(text)];
    let mut unit = Unit {
        keep_with_next: true,
        anchors: vec![(anchor.to_string(), 0.0)],
        ..Default::default()
    };
    match level {
        1 => {
            // Chapter opener: a band from the page top in the chapter colour.
            let base = Base {
                family: Family::Sans,
                size: 28.0,
                leading: 33.0,
                colour: Colour::WHITE,
                bold: true,
                italic: false,
            };
            let mut set = s.set(&runs, base, width, Justify::Ragged)?;
            set.role = Role::Heading(level);
            let band_bottom = OPENER_BAND.max(MARGIN_TOP + 40.0 + set.height());
            unit.items.push(Item::Rect {
                x: -MARGIN_LEFT,
                y: -MARGIN_TOP,
                w: PAGE_WIDTH,
                h: band_bottom,
                fill: colour,
            });
            unit.items.push(Item::Rect {
                x: -MARGIN_LEFT,
                y: band_bottom - MARGIN_TOP,
                w: PAGE_WIDTH,
                h: 5.0,
                fill: colour.tint(0.55),
            });
            let top = band_bottom - MARGIN_TOP - 22.0 - set.height();
            for i in 0..set.lines.len() {
                unit.items
                    .extend(set.line_items(i, 0.0, top + i as f32 * set.leading, None));
            }
            unit.anchors = vec![(anchor.to_string(), -MARGIN_TOP)];
            unit.height = band_bottom - MARGIN_TOP + 26.0;
        }
        2 if colour != Colour::ACCENT => {
            // A pathway: a full-width bar in its colour.
            let base = Base {
                family: Family::Sans,
                size: 16.0,
                leading: 20.0,
                colour: Colour::WHITE,
                bold: true,
                italic: false,
            };
            let mut set = s.set(&runs, base, width - 20.0, Justify::Ragged)?;
            set.role = Role::Heading(level);
            let h = set.height() + 16.0;
            unit.items.push(Item::Rect {
                x: 0.0,
                y: 0.0,
                w: width,
                h,
                fill: colour,
            });
            for i in 0..set.lines.len() {
                unit.items
                    .extend(set.line_items(i, 10.0, 8.0 + i as f32 * set.leading, None));
            }
            unit.height = h + 8.0;
            unit.space_before = 20.0;
        }
        _ => {
            let (size, leading, space, c) = match level {
                2 => (15.0, 19.0, 18.0, colour),
                3 => (12.0, 15.5, 14.0, colour),
                _ => (10.5, 14.0, 10.0, Colour::TEXT),
            };
            let base = Base {
                family: Family::Sans,
                size,
                leading,
                colour: c,
                bold: true,
                italic: false,
            };
            let mut set = s.set(&runs, base, width, Justify::Ragged)?;
            set.role = Role::Heading(level);
            if level == 2 {
                unit.items.push(Item::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: 28.0,
                    h: 2.5,
                    fill: colour,
                });
            }
            let off = if level == 2 { 6.0 } else { 0.0 };
            for i in 0..set.lines.len() {
                unit.items
                    .extend(set.line_items(i, 0.0, off + i as f32 * set.leading, None));
            }
            unit.height = off + set.height() + 3.0;
            unit.space_before = space;
        }
    }
    out.push(unit);
    Ok(())
}

fn callout(s: &Setter, blocks: &[Block], width: f32, out: &mut Vec<Unit>) -> Res<()> {
    let inner_w = width - 28.0;
    let base = Base {
        family: Family::Sans,
        size: 11.0,
        leading: 15.5,
        colour: Colour::ACCENT,
        bold: true,
        italic: false,
    };
    let mut items = Vec::new();
    let mut y = 12.0;
    for b in blocks {
        if let Block::Paragraph(runs) = b {
            let set = s.set(runs, base, inner_w, Justify::Ragged)?;
            for i in 0..set.lines.len() {
                items.extend(set.line_items(i, 18.0, y, None));
                y += set.leading;
            }
        } else {
            // Lists, tables, nested call-outs: their own units, stacked
            // inside the box (a call-out is kept on one page).
            let mut inner = Vec::new();
            block_units(b, s, inner_w, &mut inner)?;
            for (k, u) in inner.into_iter().enumerate() {
                if k > 0 {
                    y += u.space_before;
                }
                items.extend(u.items.into_iter().map(|it| it.shifted(18.0, y)));
                y += u.height;
            }
        }
        y += 6.0;
    }
    let h = y + 6.0;
    if h > BODY_HEIGHT {
        // Too tall for one page: flow the contents as ordinary blocks.
        for b in blocks {
            block_units(b, s, width, out)?;
        }
        return Ok(());
    }
    let mut all = vec![
        Item::Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h,
            fill: Colour::ACCENT.tint(0.9),
        },
        Item::Rect {
            x: 0.0,
            y: 0.0,
            w: 4.0,
            h,
            fill: Colour::ACCENT,
        },
    ];
    all.extend(items);
    out.push(Unit {
        height: h,
        space_before: 8.0,
        items: all,
        ..Default::default()
    });
    Ok(())
}

fn key_figures(s: &Setter, figs: &[(String, String)], width: f32, out: &mut Vec<Unit>) -> Res<()> {
    if figs.is_empty() {
        return Ok(());
    }
    let gap = 10.0;
    let n = figs.len() as f32;
    let w = (width - gap * (n - 1.0)) / n;
    let mut items = Vec::new();
    let mut height: f32 = 0.0;
    for (i, (value, label)) in figs.iter().enumerate() {
        let x = i as f32 * (w + gap);
        let big = s.set(
            &[Run::plain(value.clone())],
            Base {
                family: Family::Sans,
                size: 24.0,
                leading: 28.0,
                colour: Colour::ACCENT,
                bold: true,
                italic: false,
            },
            w - 16.0,
            Justify::Ragged,
        )?;
        let small = s.set(
            &[Run::plain(label.clone())],
            Base {
                colour: Colour::MUTED,
                ..SANS
            },
            w - 16.0,
            Justify::Ragged,
        )?;
        let mut y = 10.0;
        for l in 0..big.lines.len() {
            items.extend(big.line_items(l, x + 8.0, y, None));
            y += big.leading;
        }
        y += 2.0;
        for l in 0..small.lines.len() {
            items.extend(small.line_items(l, x + 8.0, y, None));
            y += small.leading;
        }
        height = height.max(y + 8.0);
    }
    let mut all: Vec<Item> = (0..figs.len())
        .map(|i| Item::Rect {
            x: i as f32 * (w + gap),
            y: 0.0,
            w,
            h: height,
            fill: Colour::ACCENT.tint(0.9),
        })
        .collect();
    all.extend(items);
    out.push(Unit {
        height,
        space_before: 10.0,
        items: all,
        ..Default::default()
    });
    Ok(())
}

// ---------------------------------------------------------------- tables

/// Column widths from content: every column gets at least its longest word,
/// the rest of the measure goes to columns in proportion to how much more
/// they would need to fit on one line (the CSS automatic table algorithm).
pub fn column_widths(min: &[f32], max: &[f32], width: f32) -> Vec<f32> {
    let n = min.len();
    let sum_min: f32 = min.iter().sum();
    let sum_max: f32 = max.iter().sum();
    if sum_max <= width {
        // Everything fits on one line: share the slack by natural width.
        let extra = width - sum_max;
        return max
            .iter()
            .map(|m| m + extra * m / sum_max.max(1.0))
            .collect();
    }
    if sum_min >= width {
        return min.iter().map(|m| m * width / sum_min.max(1.0)).collect();
    }
    // Columns narrower than a fair share get their natural width (short
    // values such as dates and formats stay on one line); the others share
    // what is left in proportion to how much more than their minimum they want.
    let mut out: Vec<Option<f32>> = vec![None; n];
    loop {
        let fixed: f32 = out.iter().flatten().sum();
        let open: Vec<usize> = (0..n).filter(|&i| out[i].is_none()).collect();
        if open.is_empty() {
            break;
        }
        let fair = (width - fixed) / open.len() as f32;
        let newly: Vec<usize> = open.iter().copied().filter(|&i| max[i] <= fair).collect();
        if newly.is_empty() {
            let room = width - fixed - open.iter().map(|&i| min[i]).sum::<f32>();
            let want: f32 = open.iter().map(|&i| (max[i] - min[i]).max(0.0)).sum();
            for &i in &open {
                let share = if want > 0.0 {
                    room * (max[i] - min[i]).max(0.0) / want
                } else {
                    room / open.len() as f32
                };
                out[i] = Some(min[i] + share);
            }
            break;
        }
        for i in newly {
            out[i] = Some(max[i]);
        }
    }
    out.into_iter().map(|w| w.unwrap_or(0.0)).collect()
}

fn cell_base(bold: bool, colour: Colour) -> Base {
    Base {
        bold,
        colour,
        ..SANS
    }
}

fn table_units(s: &Setter, t: &Table, width: f32, out: &mut Vec<Unit>) -> Res<()> {
    let ncol = t.columns.len();
    if ncol == 0 {
        return Ok(());
    }
    // Measure: longest word and whole text per column.
    let mut min = vec![0.0f32; ncol];
    let mut max = vec![0.0f32; ncol];
    for (c, col) in t.columns.iter().enumerate() {
        let w = s.measure(&col.header, cell_base(true, Colour::WHITE))?;
        max[c] = max[c].max(w);
        for word in col.header.split_whitespace() {
            min[c] = min[c].max(s.measure(word, cell_base(true, Colour::WHITE))?);
        }
    }
    for row in &t.rows {
        if let Row::Cells(cells) = row {
            for (c, runs) in cells.iter().enumerate().take(ncol) {
                let text: String = runs
                    .iter()
                    .filter_map(|r| match &r.inline {
                        crate::compose::Inline::Text(t) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect();
                let bold = runs.iter().any(|r| r.style.bold);
                let base = cell_base(bold, Colour::TEXT);
                max[c] = max[c].max(s.measure(&text, base)?);
                for word in text.split_whitespace() {
                    // Cap: a very long word is broken, not allowed to take the table.
                    let w = s.measure(word, base)?.min(width * 0.3);
                    min[c] = min[c].max(w);
                }
            }
        }
    }
    let pad = 2.0 * CELL_PAD_X;
    let minp: Vec<f32> = min.iter().map(|m| m + pad).collect();
    let maxp: Vec<f32> = max.iter().map(|m| (m + pad).min(width * 0.6)).collect();
    let widths = column_widths(&minp, &maxp, width);
    let xs: Vec<f32> = widths
        .iter()
        .scan(0.0, |acc, w| {
            let x = *acc;
            *acc += w;
            Some(x)
        })
        .collect();

    // Header row.
    let header_cells: Vec<Vec<Run>> = t
        .columns
        .iter()
        .map(|c| vec![Run::plain(c.header.clone())])
        .collect();
    let header = row_unit(
        s,
        &header_cells,
        &widths,
        &xs,
        t,
        true,
        Some(t.colour),
        true,
    )?;
    let header = Rc::new(header.into_iter().next().unwrap_or_default());
    let mut first = (*header).clone();
    first.space_before = 10.0;
    out.push(first);
    for (ri, row) in t.rows.iter().enumerate() {
        let mut units = match row {
            Row::Group(label) => {
                let set = s.set(
                    &[Run::bold(label.clone())],
                    cell_base(true, t.colour),
                    width - pad,
                    Justify::Ragged,
                )?;
                let h = set.height() + 2.0 * CELL_PAD_Y + 4.0;
                let mut items = vec![Item::Rect {
                    x: 0.0,
                    y: 2.0,
                    w: width,
                    h: h - 2.0,
                    fill: t.colour.tint(0.85),
                }];
                for i in 0..set.lines.len() {
                    items.extend(set.line_items(
                        i,
                        CELL_PAD_X,
                        2.0 + CELL_PAD_Y + i as f32 * set.leading,
                        None,
                    ));
                }
                vec![Unit {
                    height: h,
                    items,
                    keep_with_next: true,
                    ..Default::default()
                }]
            }
            Row::Cells(cells) => {
                let zebra = (ri % 2 == 1).then(|| Colour::RULE.tint(0.75));
                row_unit(s, cells, &widths, &xs, t, false, zebra, false)?
            }
        };
        if ri + 2 == t.rows.len() {
            if let Some(last) = units.last_mut() {
                last.keep_with_next = true;
            }
        }
        for u in &mut units {
            u.repeat = Some(header.clone());
        }
        out.extend(units);
    }
    // A little air after the table.
    if let Some(last) = out.last_mut() {
        last.height += 6.0;
    }
    Ok(())
}

/// One table row; a row taller than a page is split into slices of lines.
#[allow(clippy::too_many_arguments)]
fn row_unit(
    s: &Setter,
    cells: &[Vec<Run>],
    widths: &[f32],
    xs: &[f32],
    t: &Table,
    header: bool,
    fill: Option<Colour>,
    keep: bool,
) -> Res<Vec<Unit>> {
    let mut sets = Vec::new();
    for (c, runs) in cells.iter().enumerate().take(widths.len()) {
        let base = if header {
            cell_base(true, Colour::WHITE)
        } else {
            cell_base(false, Colour::TEXT)
        };
        sets.push(s.set(runs, base, widths[c] - 2.0 * CELL_PAD_X, Justify::Ragged)?);
    }
    let leading = SANS.leading;
    let nlines = sets.iter().map(|s| s.lines.len()).max().unwrap_or(0).max(1);
    // Lines per slice so that a slice fits an empty page with its header.
    let per_slice = (((BODY_HEIGHT - 60.0) / leading).floor() as usize).max(1);
    let mut units = Vec::new();
    let mut start = 0;
    while start < nlines {
        let end = (start + per_slice).min(nlines);
        let h = (end - start) as f32 * leading + 2.0 * CELL_PAD_Y;
        let mut items = Vec::new();
        if let Some(f) = fill {
            items.push(Item::Rect {
                x: 0.0,
                y: 0.0,
                w: widths.iter().sum(),
                h,
                fill: f,
            });
        }
        for (c, set) in sets.iter().enumerate() {
            let right = t
                .columns
                .get(c)
                .is_some_and(|col| col.align == Align::Right);
            for i in start..end.min(set.lines.len()) {
                let top = CELL_PAD_Y + (i - start) as f32 * leading;
                let w = widths[c] - 2.0 * CELL_PAD_X;
                items.extend(set.line_items(i, xs[c] + CELL_PAD_X, top, right.then_some(w)));
            }
        }
        if !header {
            items.push(Item::Rule {
                x1: 0.0,
                y1: h,
                x2: widths.iter().sum(),
                y2: h,
                width: 0.3,
                colour: Colour::RULE,
            });
        }
        units.push(Unit {
            height: h,
            items,
            keep_with_next: keep,
            ..Default::default()
        });
        start = end;
    }
    Ok(units)
}

// ---------------------------------------------------------------- charts

fn chart_unit(s: &Setter, c: &Chart, width: f32, out: &mut Vec<Unit>) -> Res<()> {
    let title = s.set(
        &[Run::bold(c.title.clone())],
        cell_base(true, Colour::TEXT),
        width,
        Justify::Ragged,
    )?;
    let label = cell_base(false, Colour::MUTED);
    let mut items = Vec::new();
    let mut y = 0.0;
    for i in 0..title.lines.len() {
        items.extend(title.line_items(i, 0.0, y, None));
        y += title.leading;
    }
    y += 6.0;
    let ncat = c.categories.len().max(1);
    let totals: Vec<f64> = (0..ncat)
        .map(|i| {
            c.series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().fold(0.0, f64::max).max(1.0);
    // A round axis maximum: 1, 2, 5 × 10^k ticks.
    let step = nice_step(max / 4.0);
    let top_value = (max / step).ceil() * step;
    if c.horizontal {
        let label_w = c
            .categories
            .iter()
            .map(|l| s.measure(l, label))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .fold(0.0, f32::max)
            + 8.0;
        let bar_h = 14.0;
        let plot_w = width - label_w - 30.0;
        for (i, cat) in c.categories.iter().enumerate() {
            let by = y + i as f32 * (bar_h + 6.0);
            let l = s.set(&[Run::plain(cat.clone())], label, label_w, Justify::Ragged)?;
            items.extend(l.line_items(0, 0.0, by + 1.0, None));
            let mut x = label_w;
            for ser in &c.series {
                let v = ser.values.get(i).copied().unwrap_or(0.0);
                let w = (v / top_value) as f32 * plot_w;
                items.push(Item::Rect {
                    x,
                    y: by,
                    w,
                    h: bar_h,
                    fill: ser.colour,
                });
                x += w;
            }
            let n = s.set(
                &[Run::plain(fmt_num(totals[i]))],
                cell_base(true, Colour::TEXT),
                40.0,
                Justify::Ragged,
            )?;
            items.extend(n.line_items(0, x + 4.0, by + 1.0, None));
        }
        y += ncat as f32 * (bar_h + 6.0);
    } else {
        let plot_h = 130.0;
        let axis_w = 22.0;
        let plot_w = width - axis_w;
        let slot = plot_w / ncat as f32;
        let bar_w = slot * 0.62;
        let base_y = y + plot_h;
        // Grid lines and tick labels.
        let mut v = 0.0;
        while v <= top_value + 1e-9 {
            let gy = base_y - (v / top_value) as f32 * plot_h;
            items.push(Item::Rule {
                x1: axis_w,
                y1: gy,
                x2: width,
                y2: gy,
                width: if v == 0.0 { 0.6 } else { 0.25 },
                colour: if v == 0.0 {
                    Colour::MUTED
                } else {
                    Colour::RULE
                },
            });
            let t = s.set(
                &[Run::plain(fmt_num(v))],
                label,
                axis_w - 4.0,
                Justify::Ragged,
            )?;
            items.extend(t.line_items(0, 0.0, gy - 6.0, Some(axis_w - 4.0)));
            v += step;
        }
        for (i, cat) in c.categories.iter().enumerate() {
            let x = axis_w + i as f32 * slot + (slot - bar_w) / 2.0;
            let mut top = base_y;
            for ser in &c.series {
                let val = ser.values.get(i).copied().unwrap_or(0.0);
                let h = (val / top_value) as f32 * plot_h;
                if h > 0.0 {
                    items.push(Item::Rect {
                        x,
                        y: top - h,
                        w: bar_w,
                        h,
                        fill: ser.colour,
                    });
                }
                top -= h;
            }
            if totals[i] > 0.0 {
                let n = s.set(
                    &[Run::plain(fmt_num(totals[i]))],
                    cell_base(true, Colour::TEXT),
                    slot,
                    Justify::Ragged,
                )?;
                let w = n.width();
                items.extend(n.line_items(0, x + (bar_w - w) / 2.0, top - 12.0, None));
            }
            let l = s.set(&[Run::plain(cat.clone())], label, slot, Justify::Ragged)?;
            let w = l.width();
            items.extend(l.line_items(0, x + (bar_w - w) / 2.0, base_y + 3.0, None));
        }
        y = base_y + 16.0;
        // Legend.
        let mut lx = axis_w;
        for ser in &c.series {
            items.push(Item::Rect {
                x: lx,
                y: y + 3.0,
                w: 8.0,
                h: 8.0,
                fill: ser.colour,
            });
            let l = s.set(
                &[Run::plain(ser.name.clone())],
                label,
                width,
                Justify::Ragged,
            )?;
            items.extend(l.line_items(0, lx + 11.0, y + 1.0, None));
            lx += 11.0 + l.width() + 14.0;
        }
        y += 14.0;
    }
    out.push(Unit {
        height: y + 6.0,
        space_before: 12.0,
        items,
        ..Default::default()
    });
    Ok(())
}

fn nice_step(raw: f64) -> f64 {
    let mag = 10f64.powi(raw.max(1e-9).log10().floor() as i32);
    let f = raw / mag;
    let n = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    (n * mag).max(1.0)
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}

// ---------------------------------------------------------------- special pages

fn cover(doc: &Document, s: &Setter) -> Res<Page> {
    let mut page = Page::default();
    let m = &doc.meta;
    // Pathway stripes across the lower part of the page.
    let stripes_top = PAGE_HEIGHT * 0.56;
    let n = doc.pathways.len().max(1);
    let sw = PAGE_WIDTH / n as f32;
    for (i, (_, colour)) in doc.pathways.iter().enumerate() {
        page.items.push(Item::Rect {
            x: i as f32 * sw,
            y: stripes_top,
            w: sw + 0.5,
            h: PAGE_HEIGHT - stripes_top,
            fill: *colour,
        });
    }
    if doc.pathways.is_empty() {
        page.items.push(Item::Rect {
            x: 0.0,
            y: stripes_top,
            w: PAGE_WIDTH,
            h: PAGE_HEIGHT - stripes_top,
            fill: Colour::ACCENT,
        });
    }
    page.items.push(Item::Rect {
        x: 0.0,
        y: 0.0,
        w: PAGE_WIDTH,
        h: 10.0,
        fill: Colour::ACCENT,
    });
    let x = MARGIN_LEFT;
    let w = BODY_WIDTH;
    let mut y = 96.0;
    if let Some(net) = &m.network {
        let set = s.set(
            &[Run::plain(net.clone())],
            Base {
                size: 11.0,
                leading: 14.0,
                colour: Colour::MUTED,
                ..SANS
            },
            w,
            Justify::Ragged,
        )?;
        for i in 0..set.lines.len() {
            page.items.extend(set.line_items(i, x, y, None));
            y += set.leading;
        }
        y += 28.0;
    }
    let year = s.set(
        &[Run::bold(m.year.to_string())],
        Base {
            family: Family::Sans,
            size: 96.0,
            leading: 100.0,
            colour: Colour::ACCENT,
            bold: true,
            italic: false,
        },
        w,
        Justify::Ragged,
    )?;
    for i in 0..year.lines.len() {
        page.items.extend(year.line_items(i, x - 4.0, y, None));
        y += year.leading;
    }
    // The year is printed large above; do not repeat it in the title line.
    let title_text = m
        .title
        .strip_prefix(&m.year.to_string())
        .map_or(m.title.as_str(), str::trim_start);
    let title = s.set(
        &[Run::bold(title_text.to_string())],
        Base {
            family: Family::Sans,
            size: 32.0,
            leading: 38.0,
            colour: Colour::TEXT,
            bold: true,
            italic: false,
        },
        w,
        Justify::Ragged,
    )?;
    for i in 0..title.lines.len() {
        page.items.extend(title.line_items(i, x, y, None));
        y += title.leading;
    }
    if let Some(sub) = &m.subtitle {
        y += 8.0;
        let set = s.set(
            &[Run::plain(sub.clone())],
            Base {
                size: 14.0,
                leading: 18.0,
                colour: Colour::MUTED,
                ..SANS
            },
            w,
            Justify::Ragged,
        )?;
        for i in 0..set.lines.len() {
            page.items.extend(set.line_items(i, x, y, None));
            y += set.leading;
        }
    }
    // Organisation and pathway names over the stripes.
    let org = s.set(
        &[Run::bold(m.organisation.clone())],
        Base {
            family: Family::Sans,
            size: 18.0,
            leading: 22.0,
            colour: Colour::WHITE,
            bold: true,
            italic: false,
        },
        w,
        Justify::Ragged,
    )?;
    let mut oy = PAGE_HEIGHT - 90.0 - org.height();
    for i in 0..org.lines.len() {
        page.items.extend(org.line_items(i, x, oy, None));
        oy += org.leading;
    }
    for (i, (name, _)) in doc.pathways.iter().enumerate() {
        let set = s.set(
            &[Run::plain(name.clone())],
            Base {
                size: 8.0,
                leading: 10.0,
                colour: Colour::WHITE,
                bold: true,
                ..SANS
            },
            sw - 36.0,
            Justify::Ragged,
        )?;
        // 18 pt in from each stripe edge keeps the outer labels clear of the
        // printer's unprintable margin.
        for l in 0..set.lines.len() {
            page.items.extend(set.line_items(
                l,
                i as f32 * sw + 18.0,
                stripes_top + 14.0 + l as f32 * set.leading,
                None,
            ));
        }
    }
    Ok(page)
}

fn contents_units(doc: &Document, s: &Setter, numbers: &HashMap<String, usize>) -> Res<Vec<Unit>> {
    let mut units = Vec::new();
    heading_units(
        s,
        1,
        "Contents",
        "contents",
        Colour::ACCENT,
        BODY_WIDTH,
        &mut units,
    )?;
    for ch in &doc.chapters {
        for b in &ch.blocks {
            let Block::Heading {
                level,
                text,
                anchor,
                ..
            } = b
            else {
                continue;
            };
            if *level > 2 {
                continue;
            }
            units.push(contents_entry(
                s,
                *level,
                text,
                anchor,
                numbers.get(anchor).copied(),
            )?);
        }
    }
    Ok(units)
}

fn contents_entry(
    s: &Setter,
    level: u8,
    text: &str,
    anchor: &str,
    page: Option<usize>,
) -> Res<Unit> {
    let (base, indent, space) = if level == 1 {
        (
            Base {
                family: Family::Sans,
                size: 11.0,
                leading: 15.0,
                colour: Colour::TEXT,
                bold: true,
                italic: false,
            },
            0.0,
            6.0,
        )
    } else {
        (
            Base {
                family: Family::Sans,
                size: 9.5,
                leading: 12.5,
                colour: Colour::TEXT,
                bold: false,
                italic: false,
            },
            16.0,
            0.5,
        )
    };
    let num_w = 28.0;
    let number = page.map_or("00".to_string(), |p| p.to_string());
    let set = s.set(
        &[Run::plain(text)],
        base,
        BODY_WIDTH - indent - num_w - 24.0,
        Justify::Ragged,
    )?;
    let num = s.set(&[Run::plain(number)], base, num_w, Justify::Ragged)?;
    let mut items = Vec::new();
    for i in 0..set.lines.len() {
        items.extend(set.line_items(i, indent, i as f32 * set.leading, None));
    }
    let last = set.lines.len().saturating_sub(1);
    let last_w = set.lines.get(last).map_or(0.0, |l| l.width);
    let ly = last as f32 * set.leading;
    // Dot leaders between the title's end and the number.
    let dot = s.set(
        &[Run::plain(".")],
        Base {
            colour: Colour::MUTED,
            ..base
        },
        20.0,
        Justify::Ragged,
    )?;
    // One run of dots on a fixed pitch (dots of all entries line up), set
    // as an artifact: leaders are decoration, not content to read aloud.
    let pitch = 4.5;
    let dx = ((indent + last_w + 6.0) / pitch).ceil() * pitch;
    let count = ((BODY_WIDTH - num_w - 4.0 - dx) / pitch).ceil().max(0.0) as usize;
    if let Some(Item::Glyphs(mut run)) = dot.line_items(0, dx, ly, None).into_iter().next() {
        if let Some(g) = run.glyphs.first().cloned() {
            run.role = Role::Artifact;
            run.glyphs = (0..count)
                .map(|k| RunGlyph {
                    advance: pitch,
                    cluster: k as u32,
                    ..g.clone()
                })
                .collect();
            run.text = ".".repeat(count);
            if count > 0 {
                items.push(Item::Glyphs(run));
            }
        }
    }
    items.extend(num.line_items(0, BODY_WIDTH - num_w, ly, Some(num_w)));
    let h = set.height();
    items.push(Item::Link {
        x: indent,
        y: 0.0,
        w: BODY_WIDTH - indent,
        h,
        target: Target::Anchor(anchor.to_string()),
    });
    Ok(Unit {
        height: h,
        space_before: space,
        items,
        keep_with_next: level == 1,
        ..Default::default()
    })
}

fn back_cover_units(bc: &Chapter, s: &Setter) -> Res<Vec<Unit>> {
    let mut units = Vec::new();
    let small = Base {
        size: 8.5,
        leading: 12.0,
        ..BODY
    };
    for b in &bc.blocks {
        match b {
            Block::Paragraph(runs) => {
                let set = s.set(
                    runs,
                    Base {
                        family: Family::Sans,
                        ..small
                    },
                    BODY_WIDTH,
                    Justify::Ragged,
                )?;
                lines_to_units(&set, 0.0, 5.0, false, &mut units);
            }
            Block::Heading {
                level: 1,
                text,
                anchor,
                colour,
            } => {
                heading_units(s, 1, text, anchor, *colour, BODY_WIDTH, &mut units)?;
            }
            other => block_units(other, s, BODY_WIDTH, &mut units)?,
        }
    }
    Ok(units)
}

/// Every heading of the document in order, not yet on a page; placing the
/// units that carry their anchors fills in page and position.
pub fn register_headings(doc: &Document) -> Vec<Heading> {
    let mut v = Vec::new();
    let mut push = |level: u8, text: &str, anchor: &str| {
        v.push(Heading {
            anchor: anchor.to_string(),
            title: text.to_string(),
            level,
            page: 0,
            y: 0.0,
        })
    };
    push(1, "Contents", "contents");
    for ch in doc.chapters.iter().chain(doc.back_cover.iter()) {
        for b in &ch.blocks {
            if let Block::Heading {
                level,
                text,
                anchor,
                ..
            } = b
            {
                push(*level, text, anchor);
            }
        }
    }
    v
}
