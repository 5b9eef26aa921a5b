//! The cover and the back cover.

use super::*;

pub(super) fn cover(doc: &Document, s: &Setter) -> Res<Page> {
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

pub(super) fn back_cover_units(bc: &Chapter, s: &Setter) -> Res<Vec<Unit>> {
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
