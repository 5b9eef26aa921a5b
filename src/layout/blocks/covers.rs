//! The cover and the back cover. The cover reads as the network, the
//! title (one H1: the year and the title), the subtitle, the organisation
//! and the pathways; its colour fields are decoration.

use super::*;

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
            Base {
                size: 11.0,
                leading: 14.0,
                colour: Colour::MUTED,
                ..SANS
            },
            w,
            Justify::Ragged,
        )?;
        set.tag_new(tree, root, Kind::P);
        y = stack(&mut page, &set, x, y);
        y += 28.0;
    }
    let mut year = s.set(
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
    title.tag_as(tree, h1);
    y = stack(&mut page, &title, x, y);
    if let Some(sub) = &m.subtitle {
        y += 8.0;
        let mut set = s.set(
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
        set.tag_new(tree, root, Kind::P);
        stack(&mut page, &set, x, y);
    }
    // Organisation and pathway names over the stripes.
    let mut org = s.set(
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
    org.tag_new(tree, root, Kind::P);
    stack(&mut page, &org, x, PAGE_HEIGHT - 90.0 - org.height());
    for (i, (name, _)) in doc.pathways.iter().enumerate() {
        let mut set = s.set(
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

pub(super) fn back_cover_units(bc: &Chapter, s: &Setter, tree: &mut Structure) -> Res<Vec<Unit>> {
    let mut units = Vec::new();
    let mut sections = Sections::default();
    let small = Base {
        size: 8.5,
        leading: 12.0,
        ..BODY
    };
    for b in &bc.blocks {
        let parent = sections.parent_of(b, tree);
        match b {
            Block::Paragraph(runs) => {
                let mut set = s.set(
                    runs,
                    Base {
                        family: Family::Sans,
                        ..small
                    },
                    BODY_WIDTH,
                    Justify::Ragged,
                )?;
                set.tag_new(tree, parent, Kind::P);
                lines_to_units(&set, 0.0, 5.0, false, &mut units);
            }
            other => block_units(other, s, BODY_WIDTH, &mut units, tree, parent)?,
        }
    }
    Ok(units)
}
