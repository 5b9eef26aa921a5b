//! Lists, call-outs and key-figure boxes: blocks that hold other blocks
//! or set text inside a tinted box.

use super::*;

/// A bullet list: each item's blocks indented, a bullet on its first line.
pub(super) fn list_units(
    s: &Setter,
    items: &[Vec<Block>],
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    let list = tree.add(parent, Kind::L);
    for item in items {
        let li = tree.add(list, Kind::LI);
        let mut bullet = s.set(&[Run::plain("•")], BODY, 20.0, Justify::Ragged)?;
        bullet.tag_new(tree, li, Kind::Lbl);
        let body = tree.add(li, Kind::LBody);
        let mut inner = Vec::new();
        for b in item {
            block_units(b, s, width - 14.0, &mut inner, tree, body)?;
        }
        let mut first = true;
        for mut u in inner {
            let shifted = u.items.into_iter().map(|i| i.shifted(14.0, 0.0));
            // The bullet first: it is read before the item's text.
            u.items = if first {
                first = false;
                let mut items = bullet.line_items(0, 3.0, 0.0, None);
                items.extend(shifted);
                items
            } else {
                shifted.collect()
            };
            out.push(u);
        }
    }
    Ok(())
}

/// A call-out: a quotation set apart in a tinted box (BlockQuote).
pub(super) fn callout(
    s: &Setter,
    blocks: &[Block],
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    let quote = tree.add(parent, Kind::BlockQuote);
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
            let mut set = s.set(runs, base, inner_w, Justify::Ragged)?;
            set.tag_new(tree, quote, Kind::P);
            for i in 0..set.lines.len() {
                items.extend(set.line_items(i, 18.0, y, None));
                y += set.leading;
            }
        } else {
            // Lists, tables, nested call-outs: their own units, stacked
            // inside the box (a call-out is kept on one page).
            let mut inner = Vec::new();
            block_units(b, s, inner_w, &mut inner, tree, quote)?;
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
        // Too tall for one page: flow the contents as ordinary blocks (the
        // nodes set for the box get no content and are left out).
        for b in blocks {
            block_units(b, s, width, out, tree, quote)?;
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
            tag: Tag::default(),
        },
        Item::Rect {
            x: 0.0,
            y: 0.0,
            w: 4.0,
            h,
            fill: Colour::ACCENT,
            tag: Tag::default(),
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

/// Key figures side by side in tinted boxes: a Div with one P per figure
/// (its number and its label, read together).
pub(super) fn key_figures(
    s: &Setter,
    figs: &[(String, String)],
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    if figs.is_empty() {
        return Ok(());
    }
    let div = tree.add(parent, Kind::Div);
    let gap = 10.0;
    let n = figs.len() as f32;
    let w = (width - gap * (n - 1.0)) / n;
    let mut items = Vec::new();
    let mut height: f32 = 0.0;
    for (i, (value, label)) in figs.iter().enumerate() {
        let x = i as f32 * (w + gap);
        let p = tree.add(div, Kind::P);
        let mut big = s.set(
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
        let mut small = s.set(
            &[Run::plain(label.clone())],
            Base {
                colour: Colour::MUTED,
                ..SANS
            },
            w - 16.0,
            Justify::Ragged,
        )?;
        big.tag_as(tree, p);
        s.space_after(&mut big);
        small.tag_as(tree, p);
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
            tag: Tag::default(),
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
