//! The cover and the back cover. The cover reads as the network, the
//! title (one H1: the year and the title), the subtitle, the organisation
//! and the pathways; its colour fields are decoration.

use super::logos::LogoRow;
use super::*;
use crate::style::logos::LOGO_ROW_SPACE_ABOVE;

/// Sets `set`'s lines one under another from `top`; returns the y below
/// the last.
fn stack(page: &mut Page, set: &SetText, x: f32, top: f32) -> f32 {
    let mut y = top;
    for i in 0..set.lines.len() {
        page.items.extend(set.line_items(i, x, y, None));
        y += set.leading;
    }
    y
}

pub(super) fn cover(doc: &Document, s: &Setter, tree: &mut Structure) -> Res<Page> {
    let root = Structure::ROOT;
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
            tag: Tag::default(),
        });
    }
    if doc.pathways.is_empty() {
        page.items.push(Item::Rect {
            x: 0.0,
            y: stripes_top,
            w: PAGE_WIDTH,
            h: PAGE_HEIGHT - stripes_top,
            fill: Colour::ACCENT,
            tag: Tag::default(),
        });
    }
    page.items.push(Item::Rect {
        x: 0.0,
        y: 0.0,
        w: PAGE_WIDTH,
        h: 10.0,
        fill: Colour::ACCENT,
        tag: Tag::default(),
    });
    let x = MARGIN_LEFT;
    let w = BODY_WIDTH;
    let mut y = 96.0;
    if let Some(net) = &m.network {
        let mut set = s.set(
            &[Run::plain(net.clone())],
            text::COVER_NETWORK,
            w,
            Justify::Ragged,
        )?;
        set.tag_new(tree, root, Kind::P);
        y = stack(&mut page, &set, x, y);
        y += 28.0;
    }
    let mut year = s.set(
        &[Run::bold(m.year.to_string())],
        text::COVER_YEAR,
        w,
        Justify::Ragged,
    )?;
    let h1 = year.tag_new(tree, root, Kind::H(1));
    s.space_after(&mut year);
    y = stack(&mut page, &year, x - 4.0, y);
    // The year is printed large above; do not repeat it in the title line.
    let title_text = m
        .title
        .strip_prefix(&m.year.to_string())
        .map_or(m.title.as_str(), str::trim_start);
    let mut title = s.set(
        &[Run::bold(title_text.to_string())],
        text::COVER_TITLE,
        w,
        Justify::Ragged,
    )?;
    title.tag_as(tree, h1);
    y = stack(&mut page, &title, x, y);
    if let Some(sub) = &m.subtitle {
        y += 8.0;
        let mut set = s.set(
            &[Run::plain(sub.clone())],
            text::COVER_SUBTITLE,
            w,
            Justify::Ragged,
        )?;
        set.tag_new(tree, root, Kind::P);
        stack(&mut page, &set, x, y);
    }
    // Organisation and pathway names over the stripes.
    let mut org = s.set(
        &[Run::bold(m.organisation.clone())],
        text::COVER_ORGANISATION,
        w,
        Justify::Ragged,
    )?;
    org.tag_new(tree, root, Kind::P);
    stack(&mut page, &org, x, PAGE_HEIGHT - 90.0 - org.height());
    for (i, (name, _)) in doc.pathways.iter().enumerate() {
        let mut set = s.set(
            &[Run::plain(name.clone())],
            text::COVER_PATHWAY,
            sw - 36.0,
            Justify::Ragged,
        )?;
        set.tag_new(tree, root, Kind::P);
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

/// The back cover as a designed page: the section's colour over the whole
/// page (into the bleed in print) with a row of pathway colours at its
/// foot; the title, the website and the offices' addresses side by side at
/// the top, what else the section shows (ICLEI worldwide) under them, all
/// in white; the section's own text as small print above the pathway row.
/// Reading order follows the eye: title, contacts, the rest, small print.
/// Content too long for one page falls back to flowed text pages.
pub(super) fn back_cover_units(
    bc: &Chapter,
    pathways: &[(String, Colour)],
    s: &Setter,
    tree: &mut Structure,
) -> Res<Vec<Unit>> {
    match designed_back_cover(bc, pathways, s)? {
        Some(plan) => Ok(vec![plan.place(tree)]),
        None => flowed_back_cover(bc, s, tree),
    }
}

/// Height of the pathway row along the back cover's foot.
const PATHWAY_ROW: f32 = 14.0;

/// How far a back-cover list item's text stands in from its bullet.
const BULLET_INDENT: f32 = 9.0;

/// One piece of back-cover text, set but not yet tagged.
struct Piece {
    set: SetText,
    x: f32,
    /// Top, from the page top.
    y: f32,
    /// A heading's level and anchor; paragraphs are P.
    heading: Option<(u8, String)>,
    /// Read under the title's Sect (false: under the last sub-heading's).
    top_level: bool,
    /// A list item: whether it opens its list, and its bullet (Lbl).
    item: Option<(bool, SetText)>,
}

/// The back cover, measured: decoration and text pieces in reading order.
struct BackCoverPlan {
    decoration: Vec<Item>,
    pieces: Vec<Piece>,
    /// The supporters' logos and the top of their panel, after the small
    /// print.
    logos: Option<(LogoRow, f32)>,
}

impl BackCoverPlan {
    /// Tags the pieces (a Sect per heading, as on any page) and places
    /// everything as one unit the size of the text area.
    fn place(self, tree: &mut Structure) -> Unit {
        let mut items = self.decoration;
        let mut anchors = Vec::new();
        let (mut top, mut current) = (Structure::ROOT, Structure::ROOT);
        let mut list = None;
        for mut p in self.pieces {
            let parent = if p.top_level { top } else { current };
            if let Some((first, mut bullet)) = p.item.take() {
                // L > LI > (Lbl, LBody > P), as lists elsewhere.
                let l = match list {
                    Some(l) if !first => l,
                    _ => tree.add(parent, Kind::L),
                };
                list = Some(l);
                let li = tree.add(l, Kind::LI);
                bullet.tag_new(tree, li, Kind::Lbl);
                items.extend(bullet.line_items(
                    0,
                    p.x - BULLET_INDENT - MARGIN_LEFT,
                    p.y - MARGIN_TOP,
                    None,
                ));
                let body = tree.add(li, Kind::LBody);
                p.set.tag_new(tree, body, Kind::P);
            } else {
                list = None;
                match &p.heading {
                    Some((level, anchor)) => {
                        let sect =
                            tree.add(if *level == 1 { Structure::ROOT } else { top }, Kind::Sect);
                        if *level == 1 {
                            top = sect;
                        }
                        current = sect;
                        p.set.tag_new(tree, sect, Kind::H(*level));
                        anchors.push((anchor.clone(), p.y - MARGIN_TOP - 12.0));
                    }
                    None => {
                        p.set.tag_new(tree, parent, Kind::P);
                    }
                }
            }
            let mut y = p.y;
            for l in 0..p.set.lines.len() {
                items.extend(p.set.line_items(l, p.x - MARGIN_LEFT, y - MARGIN_TOP, None));
                y += p.set.leading;
            }
        }
        if let Some((row, y)) = self.logos {
            items.extend(row.items(tree, top, 0.0, y - MARGIN_TOP));
        }
        Unit {
            height: BODY_HEIGHT,
            items,
            anchors,
            ..Default::default()
        }
    }
}

fn height(set: &SetText) -> f32 {
    set.lines.len() as f32 * set.leading
}

/// Lays the back cover out on one page, or `None` when it does not fit (or
/// holds blocks other than headings and paragraphs).
fn designed_back_cover(
    bc: &Chapter,
    pathways: &[(String, Colour)],
    s: &Setter,
) -> Res<Option<BackCoverPlan>> {
    let soft = bc.colour.tint(0.75);
    // Notes and small print in a soft tint of the back cover's colour.
    let note = Base {
        colour: soft,
        ..text::BACK_NOTE
    };
    let mut decoration = vec![Item::Rect {
        x: -MARGIN_LEFT,
        y: -MARGIN_TOP,
        w: PAGE_WIDTH,
        h: PAGE_HEIGHT,
        fill: bc.colour,
        tag: Tag::default(),
    }];
    let n = pathways.len().max(1) as f32;
    for (i, (_, colour)) in pathways.iter().enumerate() {
        decoration.push(Item::Rect {
            x: -MARGIN_LEFT + i as f32 * PAGE_WIDTH / n,
            y: PAGE_HEIGHT - PATHWAY_ROW - MARGIN_TOP,
            w: PAGE_WIDTH / n + 0.5,
            h: PATHWAY_ROW,
            fill: *colour,
            tag: Tag::default(),
        });
    }
    let x = MARGIN_LEFT;
    let mut pieces = Vec::new();
    let mut y = 118.0;
    decoration.push(Item::Rect {
        x: 0.0,
        y: y - 34.0 - MARGIN_TOP,
        w: 56.0,
        h: 5.0,
        fill: bc.colour.tint(0.55),
        tag: Tag::default(),
    });
    let mut blocks = bc.blocks.iter().peekable();
    let mut nested = false;
    while let Some(b) = blocks.next() {
        match b {
            Block::Heading {
                level,
                text,
                anchor,
                ..
            } => {
                let (style, before) = match level {
                    1 => (text::BACK_TITLE, 0.0),
                    _ => (text::BACK_HEADING, 30.0),
                };
                y += before;
                let set = s.set(
                    &[Run::plain(text.as_str())],
                    style,
                    BODY_WIDTH * 0.85,
                    Justify::Ragged,
                )?;
                let h = height(&set);
                nested = *level > 1;
                pieces.push(Piece {
                    set,
                    x,
                    y,
                    heading: Some((*level, anchor.clone())),
                    top_level: false,
                    item: None,
                });
                y += h + if *level == 1 { 14.0 } else { 6.0 };
            }
            // Address blocks (paragraphs with line breaks) in a row of
            // columns.
            Block::Paragraph(runs) if has_break(runs) => {
                let mut row = vec![runs];
                while let Some(Block::Paragraph(next)) = blocks.peek() {
                    if !has_break(next) || row.len() == 3 {
                        break;
                    }
                    row.push(next);
                    blocks.next();
                }
                let gap = 24.0;
                let w = (BODY_WIDTH - gap * (row.len() as f32 - 1.0)) / row.len() as f32;
                let mut tallest: f32 = 0.0;
                for (i, runs) in row.into_iter().enumerate() {
                    let set = s.set(runs, text::BACK_ADDRESS, w, Justify::Ragged)?;
                    tallest = tallest.max(height(&set));
                    pieces.push(Piece {
                        set,
                        x: x + i as f32 * (w + gap),
                        y: y + 6.0,
                        heading: None,
                        top_level: !nested,
                        item: None,
                    });
                }
                y += 6.0 + tallest + 6.0;
            }
            Block::Paragraph(runs) => {
                let (b, gap) = if nested {
                    (note, 6.0)
                } else {
                    (text::BACK_LEAD, 4.0)
                };
                let set = s.set(runs, b, BODY_WIDTH, Justify::Ragged)?;
                let h = height(&set);
                pieces.push(Piece {
                    set,
                    x,
                    y,
                    heading: None,
                    top_level: !nested,
                    item: None,
                });
                y += h + gap;
            }
            // A list of one-paragraph items (the worldwide network's
            // regions): an item per line, a bullet before each.
            Block::List(list)
                if list
                    .iter()
                    .all(|item| matches!(item.as_slice(), [Block::Paragraph(_)])) =>
            {
                let b = if nested { note } else { text::BACK_LEAD };
                for (k, item) in list.iter().enumerate() {
                    let [Block::Paragraph(runs)] = item.as_slice() else {
                        continue;
                    };
                    let set = s.set(runs, b, BODY_WIDTH - BULLET_INDENT, Justify::Ragged)?;
                    let bullet = s.set(&[Run::plain("•")], b, BULLET_INDENT, Justify::Ragged)?;
                    let h = height(&set);
                    pieces.push(Piece {
                        set,
                        x: x + BULLET_INDENT,
                        y,
                        heading: None,
                        top_level: !nested,
                        item: Some((k == 0, bullet)),
                    });
                    y += h + 2.0;
                }
                y += 4.0;
            }
            _ => return Ok(None),
        }
    }
    // The small print, its last line a fixed distance above the pathways.
    let mut small = Vec::new();
    let mut logos = None;
    for b in &bc.colophon {
        let runs = match b {
            Block::Paragraph(runs) => runs,
            Block::Logos { alt, logos: l } => {
                logos = Some(LogoRow::measure(s, alt, l, BODY_WIDTH)?);
                continue;
            }
            _ => return Ok(None),
        };
        small.push(s.set(
            runs,
            Base {
                colour: soft,
                ..text::BACK_SMALL_PRINT
            },
            BODY_WIDTH,
            Justify::Ragged,
        )?);
    }
    let small_h: f32 = small.iter().map(|s| height(s) + 3.0).sum();
    let logos_h = logos.as_ref().map_or(0.0, logo_row_height);
    let mut sy = PAGE_HEIGHT - PATHWAY_ROW - 44.0 - small_h - logos_h;
    if y + 30.0 > sy {
        return Ok(None);
    }
    if !small.is_empty() {
        decoration.push(Item::Rule {
            x1: 0.0,
            y1: sy - 12.0 - MARGIN_TOP,
            x2: BODY_WIDTH,
            y2: sy - 12.0 - MARGIN_TOP,
            width: 0.5,
            colour: bc.colour.tint(0.45),
            tag: Tag::default(),
        });
    }
    for set in small {
        let h = height(&set);
        pieces.push(Piece {
            set,
            x,
            y: sy,
            heading: None,
            top_level: true,
            item: None,
        });
        sy += h + 3.0;
    }
    let logos = logos.map(|row| (row, sy - 3.0 + LOGO_ROW_SPACE_ABOVE));
    Ok(Some(BackCoverPlan {
        decoration,
        pieces,
        logos,
    }))
}

/// The room the supporters' row takes under the small print.
fn logo_row_height(row: &LogoRow) -> f32 {
    LOGO_ROW_SPACE_ABOVE + row.height - 3.0
}

fn has_break(runs: &[Run]) -> bool {
    runs.iter()
        .any(|r| matches!(r.inline, crate::compose::Inline::LineBreak))
}

/// The back cover as flowed text pages (when the designed page would not
/// hold it).
fn flowed_back_cover(bc: &Chapter, s: &Setter, tree: &mut Structure) -> Res<Vec<Unit>> {
    let mut units = Vec::new();
    let mut sections = Sections::default();
    for b in bc.blocks.iter().chain(&bc.colophon) {
        let parent = sections.parent_of(b, tree);
        match b {
            Block::Paragraph(runs) => {
                let mut set = s.set(runs, text::BACK_FLOWED, BODY_WIDTH, Justify::Ragged)?;
                set.tag_new(tree, parent, Kind::P);
                lines_to_units(&set, 0.0, 5.0, false, &mut units);
            }
            other => block_units(other, s, BODY_WIDTH, &mut units, tree, parent)?,
        }
    }
    Ok(units)
}
