//! Figures and charts: bitmap images sized for print with their captions,
//! and vector bar charts drawn from the document's data.

use super::*;
use crate::style::space::figure::{
    CAPTION_AFTER, CAPTION_GAP, CAPTION_SHARE, MAX_HEIGHT as MAX_FIGURE_HEIGHT, NATURAL_PPI,
    STRIP_PAD_BOTTOM, STRIP_PAD_TOP, TWO_UP_GAP,
};

/// A figure as compose made it: which image, its text and its width.
pub(super) struct FigureSpec<'a> {
    pub src: &'a str,
    pub alt: &'a str,
    pub caption: &'a str,
    pub credit: Option<&'a str>,
    pub width: FigureWidth,
}

impl<'a> FigureSpec<'a> {
    /// The figure a block holds, if it is one.
    pub(super) fn of(b: &'a Block) -> Option<FigureSpec<'a>> {
        match b {
            Block::Figure {
                src,
                alt,
                caption,
                credit,
                width,
            } => Some(FigureSpec {
                src,
                alt,
                caption,
                credit: credit.as_deref(),
                width: *width,
            }),
            _ => None,
        }
    }
}

/// Sets a figure: `natural` at its pixels at 150 per inch (sharp in print)
/// and no wider than the measure; `full` at the text width; `half` at half
/// of it; `bleed` on a page of its own. A figure taller than 60 % of the
/// page is cropped to that height (full width) or scaled down (natural,
/// half). The caption and credit follow on the same page. A figure is a
/// float (rule 8 of the pagination contract): what follows may pass it to
/// fill the page it did not fit on.
///
/// The image is a Figure with its alternative text and the caption (with
/// the credit) a Caption beside it, in one Div: a screen reader reads the
/// figure's description, then its caption. An image whose alternative text
/// is empty is decoration (an artifact); its caption is still read.
pub(super) fn figure_unit(
    s: &Setter,
    fig: &FigureSpec,
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    let (pw, ph) = image_size(s, fig.src)?;
    let aspect = ph as f32 / pw as f32;
    if fig.width == FigureWidth::Bleed {
        return bleed_unit(s, fig, out, tree, parent);
    }
    let (mut w, mut cover) = match fig.width {
        FigureWidth::Natural => ((pw as f32 * 72.0 / NATURAL_PPI).min(width), false),
        FigureWidth::Half => ((width - TWO_UP_GAP) / 2.0, false),
        _ => (width, false),
    };
    let mut h = w * aspect;
    if h > MAX_FIGURE_HEIGHT {
        if fig.width == FigureWidth::Full {
            cover = true;
        } else {
            w *= MAX_FIGURE_HEIGHT / h;
        }
        h = MAX_FIGURE_HEIGHT;
    }
    let div = tree.add(parent, StructType::Div);
    let mut items = vec![image_item(fig, 0.0, 0.0, w, h, cover, tree, div)];
    let below = caption_items(
        s,
        fig,
        0.0,
        h + CAPTION_GAP,
        w.max(width * CAPTION_SHARE),
        &mut items,
        tree,
        div,
    )?;
    out.push(Unit {
        height: h + below + CAPTION_GAP,
        space_before: space::figure::BEFORE,
        items,
        float: true,
        ..Default::default()
    });
    Ok(())
}

/// Two half-width figures side by side, their photos cropped to one height
/// (the shorter one's) so the row is even, each caption under its photo.
pub(super) fn two_up_unit(
    s: &Setter,
    pair: [&FigureSpec; 2],
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    // Equal columns, one frame height: the geometric mean of the two
    // natural heights, so that a portrait beside a landscape loses as much
    // height as the landscape loses width (the smaller height would cut
    // the portrait to a strip).
    let w = (width - TWO_UP_GAP) / 2.0;
    let mut h = 1.0;
    for fig in pair {
        let (pw, ph) = image_size(s, fig.src)?;
        h *= w * ph as f32 / pw as f32;
    }
    let h = h.sqrt().min(MAX_FIGURE_HEIGHT);
    let mut items = Vec::new();
    let mut below: f32 = 0.0;
    for (i, fig) in pair.into_iter().enumerate() {
        let x = i as f32 * (w + TWO_UP_GAP);
        let div = tree.add(parent, StructType::Div);
        items.push(image_item(fig, x, 0.0, w, h, true, tree, div));
        below = below.max(caption_items(
            s,
            fig,
            x,
            h + CAPTION_GAP,
            w,
            &mut items,
            tree,
            div,
        )?);
    }
    out.push(Unit {
        height: h + below + CAPTION_GAP,
        space_before: space::figure::BEFORE,
        items,
        float: true,
        ..Default::default()
    });
    Ok(())
}

/// A photo over a whole page (into the bleed in the print edition), its
/// caption and credit on a dark strip along the foot of the page. The page
/// has no running head or folio.
fn bleed_unit(
    s: &Setter,
    fig: &FigureSpec,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    let div = tree.add(parent, StructType::Div);
    let mut items = vec![image_item(
        fig,
        -MARGIN_LEFT,
        -MARGIN_TOP,
        PAGE_WIDTH,
        PAGE_HEIGHT,
        true,
        tree,
        div,
    )];
    // The strip is sized by its text: set it once off the page to measure.
    let mut text = Vec::new();
    let text_h = caption_items(s, fig, 0.0, 0.0, BODY_WIDTH, &mut text, tree, div)?;
    if text_h > 0.0 {
        let strip_h = text_h + (STRIP_PAD_TOP + STRIP_PAD_BOTTOM);
        let strip_top = PAGE_HEIGHT - MARGIN_TOP - strip_h;
        items.push(FrameItem::Rect {
            x: -MARGIN_LEFT,
            y: strip_top,
            w: PAGE_WIDTH,
            h: strip_h + MARGIN_TOP,
            fill: Colour::PHOTO_STRIP,
            tag: Tag::default(),
        });
        items.extend(text.into_iter().map(|mut it| {
            if let FrameItem::Glyphs(r) = &mut it {
                r.colour = Colour::WHITE;
                // The credit (set smaller than the caption) in grey.
                if r.size < text::CAPTION.size {
                    r.colour = Colour::RULE;
                }
            }
            it.shifted(0.0, strip_top + STRIP_PAD_TOP)
        }));
    }
    out.push(Unit {
        height: BODY_HEIGHT,
        items,
        float: true,
        full_page: true,
        ..Default::default()
    });
    Ok(())
}

/// The image's size in pixels as shown.
fn image_size(s: &Setter, src: &str) -> Res<(u32, u32)> {
    s.images
        .get(src)
        .copied()
        .filter(|&(w, h)| w > 0 && h > 0)
        .ok_or_else(|| LayoutError::MissingImage(src.to_string()))
}

/// The image in its frame: the figure's content, or decoration when it has
/// no alternative text.
#[allow(clippy::too_many_arguments)]
fn image_item(
    fig: &FigureSpec,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    cover: bool,
    tree: &mut Structure,
    div: NodeId,
) -> FrameItem {
    let tag = if fig.alt.trim().is_empty() {
        Tag::Artifact(Artifact::Layout)
    } else {
        Tag::Content(tree.add_described(div, StructType::Figure, fig.alt))
    };
    FrameItem::Image {
        src: fig.src.to_string(),
        x,
        y,
        w,
        h,
        cover,
        tag,
    }
}

/// Caption (italic) and credit (small) from `top`, as the Caption of
/// `div`; returns the height they take (0 when there are neither).
#[allow(clippy::too_many_arguments)]
fn caption_items(
    s: &Setter,
    fig: &FigureSpec,
    x: f32,
    top: f32,
    width: f32,
    items: &mut Vec<FrameItem>,
    tree: &mut Structure,
    div: NodeId,
) -> Res<f32> {
    let texts = [
        (fig.caption, text::CAPTION),
        (fig.credit.unwrap_or(""), text::CREDIT),
    ];
    let mut sets = Vec::new();
    for (text, style) in texts {
        if text.trim().is_empty() {
            continue;
        }
        sets.push(s.set(&[Run::plain(text)], style, width, Justify::Ragged)?);
    }
    let Some(node) = (!sets.is_empty()).then(|| tree.add(div, StructType::Caption)) else {
        return Ok(0.0);
    };
    let mut y = top;
    let last = sets.len() - 1;
    for (k, mut set) in sets.into_iter().enumerate() {
        // Caption and credit read as two sentences, not run together.
        if k < last {
            s.space_after(&mut set);
        }
        set.tag_as(tree, node);
        for i in 0..set.lines.len() {
            items.extend(set.line_items(i, x, y, None));
            y += set.leading;
        }
        y += CAPTION_AFTER;
    }
    Ok(y - top)
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
    use crate::style::space::chart::*;
    let figure = tree.add_described(parent, StructType::Figure, &c.alt);
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
    y += TITLE_AFTER;
    let ncat = c.categories.len().max(1);
    let totals = c.totals();
    let max = totals.iter().copied().fold(0.0, f64::max).max(1.0);
    // A round axis maximum: 1, 2, 5 × 10^k ticks.
    let step = nice_step(max / TICKS);
    let top_value = (max / step).ceil() * step;
    if c.horizontal {
        let label_w = c
            .categories
            .iter()
            .map(|l| s.measure(l, label))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .fold(0.0, f32::max)
            + LABEL_GAP;
        let bar_h = BAR_DEPTH;
        let plot_w = width - label_w - TOTAL_ROOM;
        for (i, cat) in c.categories.iter().enumerate() {
            let by = y + i as f32 * (bar_h + BAR_GAP);
            let l = s.set(&[Run::plain(cat.clone())], label, label_w, Justify::Ragged)?;
            items.extend(l.line_items(0, 0.0, by + BAR_TEXT_DROP, None));
            let mut x = label_w;
            for ser in &c.series {
                let v = ser.values.get(i).copied().unwrap_or(0.0);
                let w = (v / top_value) as f32 * plot_w;
                items.push(FrameItem::Rect {
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
                TOTAL_MEASURE,
                Justify::Ragged,
            )?;
            items.extend(n.line_items(0, x + TOTAL_GAP, by + BAR_TEXT_DROP, None));
        }
        y += ncat as f32 * (bar_h + BAR_GAP);
    } else {
        let plot_h = PLOT_HEIGHT;
        let axis_w = AXIS_WIDTH;
        let plot_w = width - axis_w;
        let slot = plot_w / ncat as f32;
        let bar_w = slot * COLUMN_SHARE;
        let base_y = y + plot_h;
        // Grid lines and tick labels.
        let mut v = 0.0;
        while v <= top_value + 1e-9 {
            let gy = base_y - (v / top_value) as f32 * plot_h;
            items.push(FrameItem::Rule {
                x1: axis_w,
                y1: gy,
                x2: width,
                y2: gy,
                width: if v == 0.0 { BASE_WIDTH } else { GRID_WIDTH },
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
                axis_w - AXIS_GAP,
                Justify::Ragged,
            )?;
            items.extend(t.line_items(0, 0.0, gy - AXIS_LABEL_RAISE, Some(axis_w - AXIS_GAP)));
            v += step;
        }
        for (i, cat) in c.categories.iter().enumerate() {
            let x = axis_w + i as f32 * slot + (slot - bar_w) / 2.0;
            let mut top = base_y;
            for ser in &c.series {
                let val = ser.values.get(i).copied().unwrap_or(0.0);
                let h = (val / top_value) as f32 * plot_h;
                if h > 0.0 {
                    items.push(FrameItem::Rect {
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
                items.extend(n.line_items(0, x + (bar_w - w) / 2.0, top - TOTAL_ABOVE, None));
            }
            let l = s.set(&[Run::plain(cat.clone())], label, slot, Justify::Ragged)?;
            let w = l.width();
            items.extend(l.line_items(0, x + (bar_w - w) / 2.0, base_y + CATEGORY_DROP, None));
        }
        y = base_y + LEGEND_TOP;
        // Legend.
        let mut lx = axis_w;
        for ser in &c.series {
            items.push(FrameItem::Rect {
                x: lx,
                y: y + SWATCH_DROP,
                w: SWATCH,
                h: SWATCH,
                fill: ser.colour,
                tag: Tag::default(),
            });
            let l = s.set(
                &[Run::plain(ser.name.clone())],
                label,
                width,
                Justify::Ragged,
            )?;
            items.extend(l.line_items(0, lx + SWATCH_LABEL, y + LEGEND_TEXT_DROP, None));
            lx += SWATCH_LABEL + l.width() + LEGEND_GAP;
        }
        y += LEGEND_DEPTH;
    }
    for it in &mut items {
        it.set_tag(Tag::Content(figure));
    }
    out.push(Unit {
        height: y + AFTER,
        space_before: BEFORE,
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
