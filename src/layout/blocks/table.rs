//! Tables: column widths from content, header and group rows, rows split
//! across pages with the header repeated.

use super::*;
use crate::style::space::table::{
    AFTER, BEFORE, CELL_PAD_X, CELL_PAD_Y, COLUMN_SHARE, GROUP_GAP, GROUP_TINT, RULE_WIDTH,
    SLICE_ROOM, WORD_SHARE, ZEBRA_TINT,
};
use std::rc::Rc;
use structure::Scope;

/// Column widths from content: every column gets at least its longest word,
/// the rest of the measure goes to columns in proportion to how much more
/// they would need to fit on one line (the CSS automatic table algorithm).
pub fn column_widths(min: &[f32], max: &[f32], width: f32) -> Vec<f32> {
    let n = min.len();
    let sum_min: f32 = min.iter().sum();
    let sum_max: f32 = max.iter().sum();
    if sum_max <= width {
        // Everything fits on one line: share the slack by natural width.
        let extra = width - sum_max;
        return max
            .iter()
            .map(|m| m + extra * m / sum_max.max(1.0))
            .collect();
    }
    if sum_min >= width {
        return min.iter().map(|m| m * width / sum_min.max(1.0)).collect();
    }
    // Columns narrower than a fair share get their natural width (short
    // values such as dates and formats stay on one line); the others share
    // what is left in proportion to how much more than their minimum they want.
    let mut out: Vec<Option<f32>> = vec![None; n];
    loop {
        let fixed: f32 = out.iter().flatten().sum();
        let open: Vec<usize> = (0..n).filter(|&i| out[i].is_none()).collect();
        if open.is_empty() {
            break;
        }
        let fair = (width - fixed) / open.len() as f32;
        let newly: Vec<usize> = open.iter().copied().filter(|&i| max[i] <= fair).collect();
        if newly.is_empty() {
            let room = width - fixed - open.iter().map(|&i| min[i]).sum::<f32>();
            let want: f32 = open.iter().map(|&i| (max[i] - min[i]).max(0.0)).sum();
            for &i in &open {
                let share = if want > 0.0 {
                    room * (max[i] - min[i]).max(0.0) / want
                } else {
                    room / open.len() as f32
                };
                out[i] = Some(min[i] + share);
            }
            break;
        }
        for i in newly {
            out[i] = Some(max[i]);
        }
    }
    out.into_iter().map(|w| w.unwrap_or(0.0)).collect()
}

/// A table: Table > THead (the header row, whose cells head their
/// columns) and TBody (a TR per row). A group label is a header cell
/// across its row that starts a TBody of its own, holding the group's
/// rows; in a table with groups, every data cell names its column's header
/// and its group's (`headers`), so a reader announces the group with the
/// cell. The header repeated on a continuation page is an artifact.
pub(super) fn table_units(
    s: &Setter,
    t: &Table,
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    let ncol = t.columns.len();
    if ncol == 0 {
        return Ok(());
    }
    let table = tree.add(parent, StructType::Table);
    let head = tree.add(table, StructType::THead);
    // Rows before the first group (a TBody without content is left out).
    let mut body = tree.add(table, StructType::TBody);
    let grouped = t.rows.iter().any(|r| matches!(r, Row::Group(_)));
    let mut group_th: Option<NodeId> = None;
    // Measure: longest word and whole text per column.
    let mut min = vec![0.0f32; ncol];
    let mut max = vec![0.0f32; ncol];
    for (c, col) in t.columns.iter().enumerate() {
        let w = s.measure(&col.header, cell_base(true, Colour::WHITE))?;
        max[c] = max[c].max(w);
        for word in col.header.split_whitespace() {
            min[c] = min[c].max(s.measure(word, cell_base(true, Colour::WHITE))?);
        }
    }
    for row in &t.rows {
        if let Row::Cells(cells) = row {
            for (c, runs) in cells.iter().enumerate().take(ncol) {
                let text: String = runs
                    .iter()
                    .filter_map(|r| match &r.inline {
                        crate::compose::Inline::Text(t) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect();
                let bold = runs.iter().any(|r| r.style.bold);
                let base = cell_base(bold, Colour::TEXT);
                max[c] = max[c].max(s.measure(&text, base)?);
                for word in text.split_whitespace() {
                    // Cap: a very long word is broken, not allowed to take the table.
                    let w = s.measure(word, base)?.min(width * WORD_SHARE);
                    min[c] = min[c].max(w);
                }
            }
        }
    }
    let pad = 2.0 * CELL_PAD_X;
    let minp: Vec<f32> = min.iter().map(|m| m + pad).collect();
    let maxp: Vec<f32> = max
        .iter()
        .map(|m| (m + pad).min(width * COLUMN_SHARE))
        .collect();
    let widths = column_widths(&minp, &maxp, width);
    let xs: Vec<f32> = widths
        .iter()
        .scan(0.0, |acc, w| {
            let x = *acc;
            *acc += w;
            Some(x)
        })
        .collect();

    // Header row.
    let header_cells: Vec<Vec<Run>> = t
        .columns
        .iter()
        .map(|c| vec![Run::plain(c.header.clone())])
        .collect();
    let header_tr = tree.nodes.len() as NodeId;
    let header = row_unit(
        s,
        &header_cells,
        &widths,
        &xs,
        t,
        true,
        Some(t.colour),
        true,
        (tree, head),
    )?;
    let column_th = cells_of(tree, header_tr);
    let header = Rc::new(header.into_iter().next().unwrap_or_default());
    let mut first = (*header).clone();
    first.space_before = BEFORE;
    out.push(first);
    for (ri, row) in t.rows.iter().enumerate() {
        let mut units = match row {
            Row::Group(label) => {
                body = tree.add(table, StructType::TBody);
                let tr = tree.add(body, StructType::TR);
                let cell = StructType::TH {
                    scope: Scope::Row,
                    span: ncol as u16,
                };
                let mut set = s.set(
                    &[Run::bold(label.clone())],
                    cell_base(true, t.colour),
                    width - pad,
                    Justify::Ragged,
                )?;
                group_th = Some(set.tag_new(tree, tr, cell));
                let h = set.height() + 2.0 * CELL_PAD_Y + 2.0 * GROUP_GAP;
                let mut items = vec![FrameItem::Rect {
                    x: 0.0,
                    y: GROUP_GAP,
                    w: width,
                    h: h - GROUP_GAP,
                    fill: t.colour.tint(GROUP_TINT),
                    tag: Tag::default(),
                }];
                for i in 0..set.lines.len() {
                    items.extend(set.line_items(
                        i,
                        CELL_PAD_X,
                        GROUP_GAP + CELL_PAD_Y + i as f32 * set.leading,
                        None,
                    ));
                }
                vec![Unit {
                    height: h,
                    items,
                    keep_with_next: true,
                    ..Default::default()
                }]
            }
            Row::Cells(cells) => {
                let zebra = (ri % 2 == 1).then(|| Colour::RULE.tint(ZEBRA_TINT));
                let tr = tree.nodes.len() as NodeId;
                let units = row_unit(s, cells, &widths, &xs, t, false, zebra, false, (tree, body))?;
                if grouped {
                    for (c, td) in cells_of(tree, tr).into_iter().enumerate() {
                        let headers = column_th.get(c).copied().into_iter().chain(group_th);
                        tree.nodes[td as usize].headers = headers.collect();
                    }
                }
                units
            }
        };
        // A page break leaves at least three rows of a table on each side
        // (or the whole table on one page): no break after its first two
        // rows, nor before its last two.
        let n = t.rows.len();
        if (ri < 2 || (ri + 3 >= n && ri + 1 < n))
            && let Some(last) = units.last_mut()
        {
            last.keep_with_next = true;
        }
        for u in &mut units {
            u.repeat = Some(header.clone());
        }
        out.extend(units);
    }
    // A little air after the table.
    if let Some(last) = out.last_mut() {
        last.height += AFTER;
    }
    Ok(())
}

/// The cells of row `tr`, made last (a row's nodes follow it).
fn cells_of(tree: &Structure, tr: NodeId) -> Vec<NodeId> {
    (tr as usize + 1..tree.nodes.len())
        .filter(|&i| tree.nodes[i].parent == tr)
        .map(|i| i as NodeId)
        .collect()
}

/// One table row; a row taller than a page is split into slices of lines.
#[allow(clippy::too_many_arguments)]
pub(super) fn row_unit(
    s: &Setter,
    cells: &[Vec<Run>],
    widths: &[f32],
    xs: &[f32],
    t: &Table,
    header: bool,
    fill: Option<Colour>,
    keep: bool,
    (tree, group): (&mut Structure, NodeId),
) -> Res<Vec<Unit>> {
    let tr = tree.add(group, StructType::TR);
    let mut sets = Vec::new();
    for (c, runs) in cells.iter().enumerate().take(widths.len()) {
        let (base, kind) = if header {
            let th = StructType::TH {
                scope: Scope::Column,
                span: 1,
            };
            (cell_base(true, Colour::WHITE), th)
        } else {
            (cell_base(false, Colour::TEXT), StructType::TD)
        };
        let mut set = s.set(runs, base, widths[c] - 2.0 * CELL_PAD_X, Justify::Ragged)?;
        set.tag_new(tree, tr, kind);
        sets.push(set);
    }
    // A short row still has a cell per column, so its columns line up.
    for _ in sets.len()..widths.len() {
        tree.add(tr, StructType::TD);
    }
    let leading = SANS.leading;
    let nlines = sets.iter().map(|s| s.lines.len()).max().unwrap_or(0).max(1);
    // Lines per slice so that a slice fits an empty page with its header.
    let per_slice = (((BODY_HEIGHT - SLICE_ROOM) / leading).floor() as usize).max(1);
    let mut units = Vec::new();
    let mut start = 0;
    while start < nlines {
        let end = (start + per_slice).min(nlines);
        let h = (end - start) as f32 * leading + 2.0 * CELL_PAD_Y;
        let mut items = Vec::new();
        if let Some(f) = fill {
            items.push(FrameItem::Rect {
                x: 0.0,
                y: 0.0,
                w: widths.iter().sum(),
                h,
                fill: f,
                tag: Tag::default(),
            });
        }
        for (c, set) in sets.iter().enumerate() {
            let right = t
                .columns
                .get(c)
                .is_some_and(|col| col.align == Align::Right);
            for i in start..end.min(set.lines.len()) {
                let top = CELL_PAD_Y + (i - start) as f32 * leading;
                let w = widths[c] - 2.0 * CELL_PAD_X;
                items.extend(set.line_items(i, xs[c] + CELL_PAD_X, top, right.then_some(w)));
            }
        }
        if !header {
            items.push(FrameItem::Rule {
                x1: 0.0,
                y1: h,
                x2: widths.iter().sum(),
                y2: h,
                width: RULE_WIDTH,
                colour: Colour::RULE,
                tag: Tag::default(),
            });
        }
        units.push(Unit {
            height: h,
            items,
            keep_with_next: keep,
            ..Default::default()
        });
        start = end;
    }
    Ok(units)
}
