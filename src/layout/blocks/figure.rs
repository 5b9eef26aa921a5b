//! Figures and charts: bitmap images sized for print with their captions,
//! and vector bar charts drawn from the document's data.

use super::*;

/// Sizes the image at no less than 150 pixels per inch (sharp in print),
/// no wider than the measure and no taller than 60 % of the page; the
/// caption follows on the same page. The image is a Figure with its
/// alternative text and the caption a Caption beside it, in one Div: a
/// screen reader reads the figure's description, then its caption.
#[allow(clippy::too_many_arguments)]
pub(super) fn figure_unit(
    s: &Setter,
    src: &str,
    alt: &str,
    caption: &str,
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
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
    let div = tree.add(parent, Kind::Div);
    let figure = tree.add_described(div, Kind::Figure, alt);
    let mut items = vec![Item::Image {
        src: src.to_string(),
        x: 0.0,
        y: 0.0,
        w,
        h,
        tag: Tag::Content(figure),
    }];
    let mut height = h;
    if !caption.is_empty() {
        let mut set = s.set(
            &[Run::plain(caption)],
            Base {
                italic: true,
                colour: Colour::MUTED,
                ..SANS
            },
            width,
            Justify::Ragged,
        )?;
        set.tag_new(tree, div, Kind::Caption);
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

/// A bar chart drawn from data: everything it draws (title, bars, axes,
/// labels, legend) is one Figure whose alternative text states the data.
pub(super) fn chart_unit(
    s: &Setter,
    c: &Chart,
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    let figure = tree.add_described(parent, Kind::Figure, &c.alt);
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
                    tag: Tag::default(),
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
                tag: Tag::default(),
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
                        tag: Tag::default(),
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
                tag: Tag::default(),
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
    for it in &mut items {
        it.set_tag(Tag::Content(figure));
    }
    out.push(Unit {
        height: y + 6.0,
        space_before: 12.0,
        items,
        ..Default::default()
    });
    Ok(())
}

pub(super) fn nice_step(raw: f64) -> f64 {
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

pub(super) fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}
