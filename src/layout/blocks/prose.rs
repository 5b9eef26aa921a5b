//! Paragraph blocks: headings (chapter openers, pathway bars, section
//! heads) and lines of prose turned into units with the widow and orphan
//! rules of the pagination contract.

use super::*;

/// One unit per line, with the widow/orphan rules of the contract.
pub(super) fn lines_to_units(
    set: &SetText,
    indent: f32,
    space_before: f32,
    keep_all: bool,
    out: &mut Vec<Unit>,
) {
    let n = set.lines.len();
    out.reserve(n);
    for i in 0..n {
        // A hyphenated line never ends a page: the word does not break
        // across the turn.
        let keep =
            keep_all || (n >= 2 && i == 0) || (n >= 2 && i + 2 == n) || set.lines[i].hyphenated;
        out.push(Unit {
            height: set.leading,
            space_before: if i == 0 { space_before } else { 0.0 },
            items: set.line_items(i, indent, 0.0, None),
            keep_with_next: keep && i + 1 < n || keep_all,
            ..Default::default()
        });
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn heading_units(
    s: &Setter,
    level: u8,
    text: &str,
    anchor: &str,
    colour: Colour,
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    node: NodeId,
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
            let mut set = s.set(&runs, text::CHAPTER_TITLE, width, Justify::Ragged)?;
            set.tag_as(tree, node);
            let band_bottom =
                page::opener::BAND.max(MARGIN_TOP + page::opener::BAND_ROOM + set.height());
            unit.items.push(FrameItem::Rect {
                x: -MARGIN_LEFT,
                y: -MARGIN_TOP,
                w: PAGE_WIDTH,
                h: band_bottom,
                fill: colour,
                tag: Tag::default(),
            });
            unit.items.push(FrameItem::Rect {
                x: -MARGIN_LEFT,
                y: band_bottom - MARGIN_TOP,
                w: PAGE_WIDTH,
                h: page::ACCENT_STRIP,
                fill: colour.tint(page::STRIP_TINT),
                tag: Tag::default(),
            });
            let top = band_bottom - MARGIN_TOP - page::opener::TITLE_ABOVE_FOOT - set.height();
            for i in 0..set.lines.len() {
                unit.items
                    .extend(set.line_items(i, 0.0, top + i as f32 * set.leading, None));
            }
            unit.anchors = vec![(anchor.to_string(), -MARGIN_TOP)];
            unit.height = band_bottom - MARGIN_TOP + page::opener::AFTER;
        }
        2 if colour != Colour::ACCENT => {
            // A pathway: a full-width bar in its colour.
            use space::pathway_bar::{AFTER, BEFORE, PAD_X, PAD_Y};
            let mut set = s.set(
                &runs,
                text::PATHWAY_BAR,
                width - 2.0 * PAD_X,
                Justify::Ragged,
            )?;
            set.tag_as(tree, node);
            let h = set.height() + 2.0 * PAD_Y;
            unit.items.push(FrameItem::Rect {
                x: 0.0,
                y: 0.0,
                w: width,
                h,
                fill: colour,
                tag: Tag::default(),
            });
            for i in 0..set.lines.len() {
                unit.items
                    .extend(set.line_items(i, PAD_X, PAD_Y + i as f32 * set.leading, None));
            }
            unit.height = h + AFTER;
            unit.space_before = BEFORE;
        }
        _ => {
            let (base, space) = match level {
                2 => (Base { colour, ..text::H2 }, space::heading::H2_BEFORE),
                3 => (Base { colour, ..text::H3 }, space::heading::H3_BEFORE),
                _ => (text::H4, space::heading::H4_BEFORE),
            };
            let mut set = s.set(&runs, base, width, Justify::Ragged)?;
            set.tag_as(tree, node);
            if level == 2 {
                unit.items.push(FrameItem::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: space::heading::H2_RULE,
                    h: space::heading::H2_RULE_DEPTH,
                    fill: colour,
                    tag: Tag::default(),
                });
            }
            let off = if level == 2 {
                space::heading::H2_TEXT_TOP
            } else {
                0.0
            };
            for i in 0..set.lines.len() {
                unit.items
                    .extend(set.line_items(i, 0.0, off + i as f32 * set.leading, None));
            }
            unit.height = off + set.height() + space::heading::AFTER;
            unit.space_before = space;
        }
    }
    out.push(unit);
    Ok(())
}

/// A divider page: the chapter's colour over the whole page (into the
/// bleed in the print edition), its title large in white two fifths of the
/// way down, and its tagline under it.
pub(super) fn divider_units(
    s: &Setter,
    text: &str,
    anchor: &str,
    colour: Colour,
    leads: &[Block],
    tree: &mut Structure,
    sect: NodeId,
) -> Res<Vec<Unit>> {
    let width = BODY_WIDTH;
    let mut title = s.set(
        &[Run::plain(text)],
        text::DIVIDER_TITLE,
        width,
        Justify::Ragged,
    )?;
    title.tag_new(tree, sect, StructType::H(1));
    let mut items = vec![
        FrameItem::Rect {
            x: -MARGIN_LEFT,
            y: -MARGIN_TOP,
            w: PAGE_WIDTH,
            h: PAGE_HEIGHT,
            fill: colour,
            tag: Tag::default(),
        },
        FrameItem::Rect {
            x: 0.0,
            y: page::divider::TITLE_TOP - MARGIN_TOP - page::divider::BAR_ABOVE,
            w: page::TITLE_BAR,
            h: page::ACCENT_STRIP,
            fill: colour.tint(page::STRIP_TINT),
            tag: Tag::default(),
        },
    ];
    let mut y = page::divider::TITLE_TOP - MARGIN_TOP;
    for i in 0..title.lines.len() {
        items.extend(title.line_items(i, 0.0, y, None));
        y += title.leading;
    }
    for b in leads {
        let Block::Lead(runs, _) = b else { continue };
        let mut set = s.set(runs, text::DIVIDER_TAGLINE, width, Justify::Ragged)?;
        set.tag_new(tree, sect, StructType::P);
        y += page::divider::TAGLINE_BEFORE;
        for i in 0..set.lines.len() {
            items.extend(set.line_items(i, 0.0, y, None));
            y += set.leading;
        }
    }
    Ok(vec![Unit {
        // The whole text area: nothing else shares the page.
        height: BODY_HEIGHT,
        items,
        anchors: vec![(anchor.to_string(), -MARGIN_TOP)],
        ..Default::default()
    }])
}

/// A chapter opener with a photo: the photo over the top of the page to
/// every edge (into the bleed in print), cropped to fill, and the chapter's
/// colour band over its lower part with the title in white, so the title
/// reads the same whatever the photo shows. The credit sits at the band's
/// top right. The title is read first (H1), then the photo (a Figure with
/// its alternative text, or decoration when it has none) and its credit.
pub(super) fn opener_with_photo(
    s: &Setter,
    heading: &Block,
    photo: &crate::model::Photo,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    sect: NodeId,
) -> Res<()> {
    let Block::Heading {
        text,
        anchor,
        colour,
        ..
    } = heading
    else {
        return Ok(());
    };
    if !s.images.contains_key(&photo.src) {
        return Err(LayoutError::MissingImage(photo.src.clone()));
    }
    let h1 = tree.add(sect, StructType::H(1));
    let mut title = s.set(
        &[Run::plain(text.as_str())],
        text::CHAPTER_TITLE,
        BODY_WIDTH,
        Justify::Ragged,
    )?;
    title.tag_as(tree, h1);
    // Page coordinates, moved to the unit's (the text area's) at the end.
    let bottom = page::opener::PHOTO_BOTTOM;
    let band_top = bottom - (title.height() + page::opener::PHOTO_BAND_ROOM);
    let mut items = Vec::new();
    let title_top = bottom - page::opener::TITLE_ABOVE_FOOT - title.height();
    for i in 0..title.lines.len() {
        items.extend(title.line_items(i, MARGIN_LEFT, title_top + i as f32 * title.leading, None));
    }
    let div = tree.add(sect, StructType::Div);
    let tag = if photo.alt.trim().is_empty() {
        Tag::Artifact(Artifact::Layout)
    } else {
        Tag::Content(tree.add_described(div, StructType::Figure, &photo.alt))
    };
    items.push(FrameItem::Image {
        src: photo.src.clone(),
        x: 0.0,
        y: 0.0,
        w: PAGE_WIDTH,
        h: bottom,
        cover: true,
        tag,
    });
    items.push(FrameItem::Rect {
        x: 0.0,
        y: band_top,
        w: PAGE_WIDTH,
        h: bottom - band_top,
        fill: *colour,
        tag: Tag::default(),
    });
    items.push(FrameItem::Rect {
        x: 0.0,
        y: bottom,
        w: PAGE_WIDTH,
        h: page::ACCENT_STRIP,
        fill: colour.tint(page::STRIP_TINT),
        tag: Tag::default(),
    });
    if let Some(credit) = photo.credit.as_deref().filter(|c| !c.trim().is_empty()) {
        let mut set = s.set(
            &[Run::plain(credit)],
            Base {
                colour: colour.tint(page::opener::CREDIT_TINT),
                ..text::PHOTO_CREDIT
            },
            BODY_WIDTH,
            Justify::Ragged,
        )?;
        set.tag_new(tree, div, StructType::Caption);
        items.extend(set.line_items(
            0,
            MARGIN_LEFT,
            band_top + page::opener::CREDIT_TOP,
            Some(BODY_WIDTH),
        ));
    }
    out.push(Unit {
        height: bottom - MARGIN_TOP + page::opener::AFTER,
        items: items
            .into_iter()
            .map(|it| it.shifted(-MARGIN_LEFT, -MARGIN_TOP))
            .collect(),
        keep_with_next: true,
        anchors: vec![(anchor.to_string(), -MARGIN_TOP)],
        ..Default::default()
    });
    Ok(())
}
