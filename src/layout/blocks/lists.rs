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

/// A call-out: a quotation set apart in a tinted box (BlockQuote). A
/// quotation whose last paragraph starts with a dash (`— Name, role`) is a
/// pull-quote and is set as one.
pub(super) fn callout(
    s: &Setter,
    blocks: &[Block],
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    if let Some((Block::Paragraph(by), quote)) = blocks.split_last() {
        let paragraphs: Option<Vec<&Vec<Run>>> = quote
            .iter()
            .map(|b| match b {
                Block::Paragraph(r) => Some(r),
                _ => None,
            })
            .collect();
        if let (Some(paragraphs), true) = (paragraphs, is_attribution(by))
            && !paragraphs.is_empty()
            && pull_quote(s, &paragraphs, by, width, out, tree, parent)?
        {
            return Ok(());
        }
    }
    let quote = tree.add(parent, Kind::BlockQuote);
    let inner_w = width - 28.0;
    let base = text::CALLOUT;
    // Each block is laid out once, at the width inside the box; the units
    // go into the box, or, when the box would not fit on a page, flow as
    // they are (laying a nested call-out out again at another width, level
    // after level, would take time exponential in the nesting).
    let mut parts: Vec<Vec<Unit>> = Vec::with_capacity(blocks.len());
    for b in blocks {
        let mut units = Vec::new();
        if let Block::Paragraph(runs) = b {
            let mut set = s.set(runs, base, inner_w, Justify::Ragged)?;
            set.tag_new(tree, quote, Kind::P);
            lines_to_units(&set, 0.0, 0.0, false, &mut units);
        } else {
            // Lists, tables, nested call-outs: their own units, stacked
            // inside the box.
            block_units(b, s, inner_w, &mut units, tree, quote)?;
        }
        parts.push(units);
    }
    let mut y = 12.0;
    for units in &parts {
        for (k, u) in units.iter().enumerate() {
            if k > 0 {
                y += u.space_before;
            }
            y += u.height;
        }
        y += 6.0;
    }
    let h = y + 6.0;
    if h > BODY_HEIGHT {
        // Too tall for one page: the contents flow as units, indented as
        // in the box, with the accent rule beside each.
        for (j, units) in parts.into_iter().enumerate() {
            for (k, mut u) in units.into_iter().enumerate() {
                if k == 0 {
                    u.space_before = u.space_before.max(if j == 0 { 8.0 } else { 6.0 });
                }
                let mut items = vec![Item::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: 4.0,
                    h: u.height,
                    fill: Colour::ACCENT,
                    tag: Tag::default(),
                }];
                items.extend(u.items.into_iter().map(|it| it.shifted(18.0, 0.0)));
                u.items = items;
                out.push(u);
            }
        }
        return Ok(());
    }
    let mut items = vec![
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
    let mut y = 12.0;
    for units in parts {
        for (k, u) in units.into_iter().enumerate() {
            if k > 0 {
                y += u.space_before;
            }
            items.extend(u.items.into_iter().map(|it| it.shifted(18.0, y)));
            y += u.height;
        }
        y += 6.0;
    }
    out.push(Unit {
        height: h,
        space_before: 8.0,
        items,
        ..Default::default()
    });
    Ok(())
}

/// Whether a paragraph names who said a quotation: it starts with an em
/// dash or a quotation dash.
fn is_attribution(runs: &[Run]) -> bool {
    runs.iter()
        .find_map(|r| match &r.inline {
            crate::compose::Inline::Text(t) if !t.trim().is_empty() => Some(t.trim_start()),
            _ => None,
        })
        .is_some_and(|t| t.starts_with(['—', '―']))
}

/// A pull-quote: the words large in the accent colour, in serif italic,
/// under a large opening quotation mark (decoration: the BlockQuote says
/// it is a quotation), the attribution small beneath, a hairline above and
/// below; kept on one page. Returns false, setting nothing, when it would
/// not fit on one page (the caller boxes it as an ordinary call-out).
fn pull_quote(
    s: &Setter,
    paragraphs: &[&Vec<Run>],
    by: &[Run],
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<bool> {
    let indent = 44.0;
    let inner = width - indent;
    let words = text::PULL_QUOTE;
    let mut sets = Vec::new();
    for runs in paragraphs {
        sets.push(s.set(runs, words, inner, Justify::Ragged)?);
    }
    let mut who = s.set(by, text::QUOTE_BY, inner, Justify::Ragged)?;
    let mut mark = s.set(
        &[Run::plain("\u{201c}")],
        Base {
            colour: Colour::ACCENT.tint(0.55),
            ..text::QUOTE_MARK
        },
        indent,
        Justify::Ragged,
    )?;
    mark.tag = Tag::default();
    let body: f32 = sets
        .iter()
        .map(|t| t.lines.len() as f32 * t.leading + 6.0)
        .sum();
    let h = 16.0 + body + 4.0 + who.lines.len() as f32 * who.leading + 14.0;
    if h > BODY_HEIGHT {
        return Ok(false);
    }
    let quote = tree.add(parent, Kind::BlockQuote);
    let mut items = vec![
        Item::Rule {
            x1: 0.0,
            y1: 0.0,
            x2: width,
            y2: 0.0,
            width: 0.8,
            colour: Colour::ACCENT.tint(0.6),
            tag: Tag::default(),
        },
        Item::Rule {
            x1: 0.0,
            y1: h,
            x2: width,
            y2: h,
            width: 0.8,
            colour: Colour::ACCENT.tint(0.6),
            tag: Tag::default(),
        },
    ];
    // The mark's top sits near the first line's cap height.
    items.extend(mark.line_items(0, -2.0, -4.0, None));
    let mut y = 16.0;
    for mut set in sets {
        set.tag_new(tree, quote, Kind::P);
        for i in 0..set.lines.len() {
            items.extend(set.line_items(i, indent, y, None));
            y += set.leading;
        }
        y += 6.0;
    }
    y += 4.0;
    who.tag_new(tree, quote, Kind::P);
    for i in 0..who.lines.len() {
        items.extend(who.line_items(i, indent, y, None));
        y += who.leading;
    }
    out.push(Unit {
        height: h,
        space_before: 16.0,
        items,
        ..Default::default()
    });
    Ok(true)
}

/// Key figures as a designed call-out: a colour band across the whole
/// page width (into the bleed in print), the numbers large in white over
/// it, each label under its number, thin rules between the columns. A Div
/// with one P per figure (its number and its label, read together).
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
    let band = Colour::ACCENT;
    let gap = 24.0;
    let n = figs.len() as f32;
    let w = (width - gap * (n - 1.0)) / n;
    let pad = 22.0;
    let mut items = Vec::new();
    let mut height: f32 = 0.0;
    for (i, (value, label)) in figs.iter().enumerate() {
        let x = i as f32 * (w + gap);
        let p = tree.add(div, Kind::P);
        let mut big = s.set(
            &[Run::plain(value.clone())],
            text::KEY_FIGURE_NUMBER,
            w,
            Justify::Ragged,
        )?;
        let mut small = s.set(
            &[Run::plain(label.clone())],
            Base {
                colour: band.tint(0.8),
                ..text::KEY_FIGURE_LABEL
            },
            w,
            Justify::Ragged,
        )?;
        big.tag_as(tree, p);
        s.space_after(&mut big);
        small.tag_as(tree, p);
        let mut y = pad + 6.0;
        for l in 0..big.lines.len() {
            items.extend(big.line_items(l, x, y, None));
            y += big.leading;
        }
        y += 2.0;
        for l in 0..small.lines.len() {
            items.extend(small.line_items(l, x, y, None));
            y += small.leading;
        }
        height = height.max(y + pad - 6.0);
    }
    let mut all = vec![Item::Rect {
        x: -MARGIN_LEFT,
        y: 0.0,
        w: PAGE_WIDTH,
        h: height,
        fill: band,
        tag: Tag::default(),
    }];
    for i in 1..figs.len() {
        let x = i as f32 * (w + gap) - gap / 2.0;
        all.push(Item::Rule {
            x1: x,
            y1: pad,
            x2: x,
            y2: height - pad,
            width: 0.6,
            colour: band.tint(0.45),
            tag: Tag::default(),
        });
    }
    all.extend(items);
    out.push(Unit {
        height,
        space_before: 18.0,
        items: all,
        ..Default::default()
    });
    Ok(())
}
