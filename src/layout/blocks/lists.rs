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
    let list = tree.add(parent, StructType::L);
    for item in items {
        let li = tree.add(list, StructType::LI);
        let mut bullet = s.set(
            &[Run::plain("•")],
            BODY,
            space::list::BULLET_MEASURE,
            Justify::Ragged,
        )?;
        bullet.tag_new(tree, li, StructType::Lbl);
        let body = tree.add(li, StructType::LBody);
        let mut inner = Vec::new();
        for b in item {
            block_units(b, s, width - space::list::INDENT, &mut inner, tree, body)?;
        }
        let mut first = true;
        for mut u in inner {
            let shifted = u
                .items
                .into_iter()
                .map(|i| i.shifted(space::list::INDENT, 0.0));
            // The bullet first: it is read before the item's text.
            u.items = if first {
                first = false;
                let mut items = bullet.line_items(0, space::list::BULLET_X, 0.0, None);
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
    use space::callout::{
        BEFORE, BLOCK_GAP, GROUND_TINT, PAD_BOTTOM, PAD_RIGHT, PAD_TOP, RULE, TEXT_X,
    };
    let quote = tree.add(parent, StructType::BlockQuote);
    let inner_w = width - (TEXT_X + PAD_RIGHT);
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
            set.tag_new(tree, quote, StructType::P);
            lines_to_units(&set, 0.0, 0.0, false, &mut units);
        } else {
            // Lists, tables, nested call-outs: their own units, stacked
            // inside the box.
            block_units(b, s, inner_w, &mut units, tree, quote)?;
        }
        parts.push(units);
    }
    let mut y = PAD_TOP;
    for units in &parts {
        for (k, u) in units.iter().enumerate() {
            if k > 0 {
                y += u.space_before;
            }
            y += u.height;
        }
        y += BLOCK_GAP;
    }
    let h = y + PAD_BOTTOM;
    if h > BODY_HEIGHT {
        // Too tall for one page: the contents flow as units, indented as
        // in the box, with the accent rule beside each.
        for (j, units) in parts.into_iter().enumerate() {
            for (k, mut u) in units.into_iter().enumerate() {
                if k == 0 {
                    u.space_before = u.space_before.max(if j == 0 { BEFORE } else { BLOCK_GAP });
                }
                let mut items = vec![FrameItem::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: RULE,
                    h: u.height,
                    fill: Colour::ACCENT,
                    tag: Tag::default(),
                }];
                items.extend(u.items.into_iter().map(|it| it.shifted(TEXT_X, 0.0)));
                u.items = items;
                out.push(u);
            }
        }
        return Ok(());
    }
    let mut items = vec![
        FrameItem::Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h,
            fill: Colour::ACCENT.tint(GROUND_TINT),
            tag: Tag::default(),
        },
        FrameItem::Rect {
            x: 0.0,
            y: 0.0,
            w: RULE,
            h,
            fill: Colour::ACCENT,
            tag: Tag::default(),
        },
    ];
    let mut y = PAD_TOP;
    for units in parts {
        for (k, u) in units.into_iter().enumerate() {
            if k > 0 {
                y += u.space_before;
            }
            items.extend(u.items.into_iter().map(|it| it.shifted(TEXT_X, y)));
            y += u.height;
        }
        y += BLOCK_GAP;
    }
    out.push(Unit {
        height: h,
        space_before: BEFORE,
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
    use space::pull_quote::{
        BEFORE, BOTTOM, BY_BEFORE, INDENT, MARK_TINT, MARK_X, MARK_Y, PARA_GAP, RULE_TINT,
        RULE_WIDTH, TOP,
    };
    let inner = width - INDENT;
    let words = text::PULL_QUOTE;
    let mut sets = Vec::new();
    for runs in paragraphs {
        sets.push(s.set(runs, words, inner, Justify::Ragged)?);
    }
    let mut who = s.set(by, text::QUOTE_BY, inner, Justify::Ragged)?;
    let mut mark = s.set(
        &[Run::plain("\u{201c}")],
        Base {
            colour: Colour::ACCENT.tint(MARK_TINT),
            ..text::QUOTE_MARK
        },
        INDENT,
        Justify::Ragged,
    )?;
    mark.tag = Tag::default();
    let body: f32 = sets
        .iter()
        .map(|t| t.lines.len() as f32 * t.leading + PARA_GAP)
        .sum();
    let h = TOP + body + BY_BEFORE + who.lines.len() as f32 * who.leading + BOTTOM;
    if h > BODY_HEIGHT {
        return Ok(false);
    }
    let quote = tree.add(parent, StructType::BlockQuote);
    let mut items = vec![
        FrameItem::Rule {
            x1: 0.0,
            y1: 0.0,
            x2: width,
            y2: 0.0,
            width: RULE_WIDTH,
            colour: Colour::ACCENT.tint(RULE_TINT),
            tag: Tag::default(),
        },
        FrameItem::Rule {
            x1: 0.0,
            y1: h,
            x2: width,
            y2: h,
            width: RULE_WIDTH,
            colour: Colour::ACCENT.tint(RULE_TINT),
            tag: Tag::default(),
        },
    ];
    // The mark's top sits near the first line's cap height.
    items.extend(mark.line_items(0, MARK_X, MARK_Y, None));
    let mut y = TOP;
    for mut set in sets {
        set.tag_new(tree, quote, StructType::P);
        for i in 0..set.lines.len() {
            items.extend(set.line_items(i, INDENT, y, None));
            y += set.leading;
        }
        y += PARA_GAP;
    }
    y += BY_BEFORE;
    who.tag_new(tree, quote, StructType::P);
    for i in 0..who.lines.len() {
        items.extend(who.line_items(i, INDENT, y, None));
        y += who.leading;
    }
    out.push(Unit {
        height: h,
        space_before: BEFORE,
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
    let div = tree.add(parent, StructType::Div);
    let band = Colour::ACCENT;
    use space::key_figures::{
        BEFORE, GAP, LABEL_GAP, LABEL_TINT, NUMBER_DROP, PAD, RULE_TINT, RULE_WIDTH,
    };
    let n = figs.len() as f32;
    let w = (width - GAP * (n - 1.0)) / n;
    let mut items = Vec::new();
    let mut height: f32 = 0.0;
    for (i, (value, label)) in figs.iter().enumerate() {
        let x = i as f32 * (w + GAP);
        let p = tree.add(div, StructType::P);
        let mut big = s.set(
            &[Run::plain(value.clone())],
            text::KEY_FIGURE_NUMBER,
            w,
            Justify::Ragged,
        )?;
        let mut small = s.set(
            &[Run::plain(label.clone())],
            Base {
                colour: band.tint(LABEL_TINT),
                ..text::KEY_FIGURE_LABEL
            },
            w,
            Justify::Ragged,
        )?;
        big.tag_as(tree, p);
        s.space_after(&mut big);
        small.tag_as(tree, p);
        let mut y = PAD + NUMBER_DROP;
        for l in 0..big.lines.len() {
            items.extend(big.line_items(l, x, y, None));
            y += big.leading;
        }
        y += LABEL_GAP;
        for l in 0..small.lines.len() {
            items.extend(small.line_items(l, x, y, None));
            y += small.leading;
        }
        height = height.max(y + PAD - NUMBER_DROP);
    }
    let mut all = vec![FrameItem::Rect {
        x: -MARGIN_LEFT,
        y: 0.0,
        w: PAGE_WIDTH,
        h: height,
        fill: band,
        tag: Tag::default(),
    }];
    for i in 1..figs.len() {
        let x = i as f32 * (w + GAP) - GAP / 2.0;
        all.push(FrameItem::Rule {
            x1: x,
            y1: PAD,
            x2: x,
            y2: height - PAD,
            width: RULE_WIDTH,
            colour: band.tint(RULE_TINT),
            tag: Tag::default(),
        });
    }
    all.extend(items);
    out.push(Unit {
        height,
        space_before: BEFORE,
        items: all,
        ..Default::default()
    });
    Ok(())
}
