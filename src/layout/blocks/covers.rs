//! The cover and the back cover. The cover reads as the network, the
//! title (one H1: the year and the title), the subtitle, the organisation
//! and the pathways; its colour fields are decoration.

use super::logos::LogoRow;
use super::*;
use crate::style::logos::LOGO_ROW_SPACE_ABOVE;
use crate::style::page::back_cover::{BULLET_INDENT, PATHWAY_ROW};

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
    let stripes_top = page::cover::STRIPES_TOP;
    let n = doc.pathways.len().max(1);
    let sw = PAGE_WIDTH / n as f32;
    for (i, (_, colour)) in doc.pathways.iter().enumerate() {
        page.items.push(FrameItem::Rect {
            x: i as f32 * sw,
            y: stripes_top,
            w: sw + page::STRIPE_OVERLAP,
            h: PAGE_HEIGHT - stripes_top,
            fill: *colour,
            tag: Tag::default(),
        });
    }
    if doc.pathways.is_empty() {
        page.items.push(FrameItem::Rect {
            x: 0.0,
            y: stripes_top,
            w: PAGE_WIDTH,
            h: PAGE_HEIGHT - stripes_top,
            fill: Colour::ACCENT,
            tag: Tag::default(),
        });
    }
    page.items.push(FrameItem::Rect {
        x: 0.0,
        y: 0.0,
        w: PAGE_WIDTH,
        h: page::cover::TOP_BAND,
        fill: Colour::ACCENT,
        tag: Tag::default(),
    });
    let x = MARGIN_LEFT;
    let w = BODY_WIDTH;
    let mut y = page::cover::TOP;
    if let Some(net) = &m.network {
        let mut set = s.set(
            &[Run::plain(net.clone())],
            text::COVER_NETWORK,
            w,
            Justify::Ragged,
        )?;
        set.tag_new(tree, root, StructType::P);
        y = stack(&mut page, &set, x, y);
        y += page::cover::NETWORK_AFTER;
    }
    let mut year = s.set(
        &[Run::bold(m.year.to_string())],
        text::COVER_YEAR,
        w,
        Justify::Ragged,
    )?;
    let h1 = year.tag_new(tree, root, StructType::H(1));
    s.space_after(&mut year);
    y = stack(&mut page, &year, x - page::cover::YEAR_OUTDENT, y);
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
        y += page::cover::SUBTITLE_BEFORE;
        let mut set = s.set(
            &[Run::plain(sub.clone())],
            text::COVER_SUBTITLE,
            w,
            Justify::Ragged,
        )?;
        set.tag_new(tree, root, StructType::P);
        stack(&mut page, &set, x, y);
    }
    // Organisation and pathway names over the stripes.
    let mut org = s.set(
        &[Run::bold(m.organisation.clone())],
        text::COVER_ORGANISATION,
        w,
        Justify::Ragged,
    )?;
    org.tag_new(tree, root, StructType::P);
    stack(
        &mut page,
        &org,
        x,
        PAGE_HEIGHT - page::cover::ORGANISATION_ABOVE_FOOT - org.height(),
    );
    for (i, (name, _)) in doc.pathways.iter().enumerate() {
        let mut set = s.set(
            &[Run::plain(name.clone())],
            text::COVER_PATHWAY,
            sw - 2.0 * page::cover::PATHWAY_INSET,
            Justify::Ragged,
        )?;
        set.tag_new(tree, root, StructType::P);
        for l in 0..set.lines.len() {
            page.items.extend(set.line_items(
                l,
                i as f32 * sw + page::cover::PATHWAY_INSET,
                stripes_top + page::cover::PATHWAY_TOP + l as f32 * set.leading,
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
/// Content too long for the page is first set tighter
/// ([`page::back_cover::FIT_STEPS`]), and only what still does not fit
/// falls back to flowed text pages.
pub(super) fn back_cover_units(
    bc: &Chapter,
    pathways: &[(String, Colour)],
    s: &Setter,
    tree: &mut Structure,
) -> Res<Vec<Unit>> {
    // As designed; else tightened, type and space together, a step at a
    // time (a long list of supporters, say); else flowed.
    for fit in page::back_cover::FIT_STEPS {
        if let Some(plan) = designed_back_cover(bc, pathways, s, fit)? {
            return Ok(vec![plan.place(tree)]);
        }
    }
    flowed_back_cover(bc, s, tree)
}

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
    decoration: Vec<FrameItem>,
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
                    _ => tree.add(parent, StructType::L),
                };
                list = Some(l);
                let li = tree.add(l, StructType::LI);
                bullet.tag_new(tree, li, StructType::Lbl);
                items.extend(bullet.line_items(
                    0,
                    p.x - BULLET_INDENT - MARGIN_LEFT,
                    p.y - MARGIN_TOP,
                    None,
                ));
                let body = tree.add(li, StructType::LBody);
                p.set.tag_new(tree, body, StructType::P);
            } else {
                list = None;
                match &p.heading {
                    Some((level, anchor)) => {
                        let sect = tree.add(
                            if *level == 1 { Structure::ROOT } else { top },
                            StructType::Sect,
                        );
                        if *level == 1 {
                            top = sect;
                        }
                        current = sect;
                        p.set.tag_new(tree, sect, StructType::H(*level));
                        anchors.push((
                            anchor.clone(),
                            p.y - MARGIN_TOP - page::back_cover::ANCHOR_ABOVE,
                        ));
                    }
                    None => {
                        p.set.tag_new(tree, parent, StructType::P);
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
    fit: f32,
) -> Res<Option<BackCoverPlan>> {
    let soft = bc.colour.tint(page::back_cover::NOTE_TINT);
    // Notes and small print in a soft tint of the back cover's colour.
    let note = Base {
        colour: soft,
        ..text::BACK_NOTE.scaled(fit)
    };
    let mut decoration = vec![FrameItem::Rect {
        x: -MARGIN_LEFT,
        y: -MARGIN_TOP,
        w: PAGE_WIDTH,
        h: PAGE_HEIGHT,
        fill: bc.colour,
        tag: Tag::default(),
    }];
    let n = pathways.len().max(1) as f32;
    for (i, (_, colour)) in pathways.iter().enumerate() {
        decoration.push(FrameItem::Rect {
            x: -MARGIN_LEFT + i as f32 * PAGE_WIDTH / n,
            y: PAGE_HEIGHT - PATHWAY_ROW - MARGIN_TOP,
            w: PAGE_WIDTH / n + page::STRIPE_OVERLAP,
            h: PATHWAY_ROW,
            fill: *colour,
            tag: Tag::default(),
        });
    }
    let x = MARGIN_LEFT;
    let mut pieces = Vec::new();
    let mut y = page::back_cover::TOP * fit;
    decoration.push(FrameItem::Rect {
        x: 0.0,
        y: y - page::back_cover::BAR_ABOVE - MARGIN_TOP,
        w: page::TITLE_BAR,
        h: page::ACCENT_STRIP,
        fill: bc.colour.tint(page::STRIP_TINT),
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
                    _ => (text::BACK_HEADING, page::back_cover::HEADING_BEFORE),
                };
                let style = style.scaled(fit);
                y += before * fit;
                let set = s.set(
                    &[Run::plain(text.as_str())],
                    style,
                    page::back_cover::HEADING_MEASURE,
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
                y += h + fit
                    * if *level == 1 {
                        page::back_cover::TITLE_AFTER
                    } else {
                        page::back_cover::HEADING_AFTER
                    };
            }
            // Address blocks (paragraphs with line breaks) in a row of
            // columns.
            Block::Paragraph(runs) if has_break(runs) => {
                let mut row = vec![runs];
                while let Some(Block::Paragraph(next)) = blocks.peek() {
                    if !has_break(next) || row.len() == page::back_cover::ADDRESS_COLUMNS {
                        break;
                    }
                    row.push(next);
                    blocks.next();
                }
                let gap = page::back_cover::ADDRESS_GAP;
                let w = (BODY_WIDTH - gap * (row.len() as f32 - 1.0)) / row.len() as f32;
                let mut tallest: f32 = 0.0;
                for (i, runs) in row.into_iter().enumerate() {
                    let set = s.set(runs, text::BACK_ADDRESS.scaled(fit), w, Justify::Ragged)?;
                    tallest = tallest.max(height(&set));
                    pieces.push(Piece {
                        set,
                        x: x + i as f32 * (w + gap),
                        y: y + page::back_cover::ADDRESS_SPACE * fit,
                        heading: None,
                        top_level: !nested,
                        item: None,
                    });
                }
                let space = page::back_cover::ADDRESS_SPACE * fit;
                y += space + tallest + space;
            }
            Block::Paragraph(runs) => {
                let (b, gap) = if nested {
                    (note, page::back_cover::NOTE_AFTER * fit)
                } else {
                    (
                        text::BACK_LEAD.scaled(fit),
                        page::back_cover::LEAD_AFTER * fit,
                    )
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
                let b = if nested {
                    note
                } else {
                    text::BACK_LEAD.scaled(fit)
                };
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
                    y += h + page::back_cover::ITEM_AFTER * fit;
                }
                y += page::back_cover::LIST_AFTER * fit;
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
                logos = Some(LogoRow::measure(s, alt, l, BODY_WIDTH, fit)?);
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
    let small_h: f32 = small
        .iter()
        .map(|s| height(s) + page::back_cover::SMALL_PRINT_AFTER)
        .sum();
    let logos_h = logos.as_ref().map_or(0.0, logo_row_height);
    let mut sy =
        PAGE_HEIGHT - PATHWAY_ROW - page::back_cover::SMALL_PRINT_ABOVE_ROW - small_h - logos_h;
    if y + page::back_cover::SMALL_PRINT_CLEARANCE * fit > sy {
        return Ok(None);
    }
    if !small.is_empty() {
        decoration.push(FrameItem::Rule {
            x1: 0.0,
            y1: sy - page::back_cover::RULE_ABOVE - MARGIN_TOP,
            x2: BODY_WIDTH,
            y2: sy - page::back_cover::RULE_ABOVE - MARGIN_TOP,
            width: page::back_cover::RULE_WIDTH,
            colour: bc.colour.tint(page::back_cover::RULE_TINT),
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
        sy += h + page::back_cover::SMALL_PRINT_AFTER;
    }
    let logos = logos.map(|row| {
        (
            row,
            sy - page::back_cover::SMALL_PRINT_AFTER + LOGO_ROW_SPACE_ABOVE,
        )
    });
    Ok(Some(BackCoverPlan {
        decoration,
        pieces,
        logos,
    }))
}

/// The room the supporters' row takes under the small print.
fn logo_row_height(row: &LogoRow) -> f32 {
    LOGO_ROW_SPACE_ABOVE + row.height - page::back_cover::SMALL_PRINT_AFTER
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
                set.tag_new(tree, parent, StructType::P);
                lines_to_units(&set, 0.0, page::back_cover::FLOWED_GAP, false, &mut units);
            }
            other => block_units(other, s, BODY_WIDTH, &mut units, tree, parent)?,
        }
    }
    Ok(units)
}
