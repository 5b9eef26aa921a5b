//! The back cover's supporters as a row of logos on a white panel: each
//! logo at one height (no wider than a cap), a name set as text where a
//! funder has no logo, rows wrapping when the logos do not fit in one.
//! The whole row is one Figure whose alternative text names them all, so
//! a name drawn as text is not read twice.

use super::*;
use crate::compose::Logo;
use crate::style::logos::{
    LOGO_GAP, LOGO_HEIGHT, LOGO_MAX_WIDTH, LOGO_NAME, LOGO_PANEL, LOGO_PANEL_PADDING, LOGO_ROW_GAP,
};

/// What stands in one place of the row.
enum Mark {
    /// A logo, in a frame of its own proportions.
    Image { src: String, w: f32, h: f32 },
    /// A name, set.
    Name(SetText),
}

impl Mark {
    fn size(&self) -> (f32, f32) {
        match self {
            Mark::Image { w, h, .. } => (*w, *h),
            Mark::Name(set) => (set.width(), set.height()),
        }
    }
}

/// A row of logos, measured and placed on its panel but not yet tagged.
pub(super) struct LogoRow {
    alt: String,
    /// Each mark with its top-left corner on the panel.
    marks: Vec<(f32, f32, Mark)>,
    width: f32,
    /// The panel's height, its padding included.
    pub height: f32,
}

impl LogoRow {
    /// Sets the logos in rows `width` wide (the panel's width), at `fit`
    /// times their designed size (1 as designed; the back cover tightens
    /// when it must).
    pub(super) fn measure(
        s: &Setter,
        alt: &str,
        logos: &[Logo],
        width: f32,
        fit: f32,
    ) -> Res<LogoRow> {
        let (logo_height, gap, row_gap, padding) = (
            LOGO_HEIGHT * fit,
            LOGO_GAP * fit,
            LOGO_ROW_GAP * fit,
            LOGO_PANEL_PADDING * fit,
        );
        let inner = width - 2.0 * padding;
        let cap = LOGO_MAX_WIDTH.min(inner);
        let mut marks = Vec::new();
        for logo in logos {
            let mark = match &logo.src {
                Some(src) => {
                    let (pw, ph) = s
                        .images
                        .get(src)
                        .copied()
                        .filter(|&(w, h)| w > 0 && h > 0)
                        .ok_or_else(|| LayoutError::MissingImage(src.clone()))?;
                    let aspect = pw as f32 / ph as f32;
                    let w = (logo_height * aspect).min(cap);
                    Mark::Image {
                        src: src.clone(),
                        w,
                        h: w / aspect,
                    }
                }
                None => Mark::Name(s.set(
                    &[Run::plain(logo.name.as_str())],
                    LOGO_NAME.scaled(fit),
                    cap,
                    Justify::Ragged,
                )?),
            };
            marks.push(mark);
        }
        // Greedy rows; each mark centred in its row's height (at least a
        // logo's, so a row of names stands as tall as a row of logos).
        let mut rows: Vec<Vec<Mark>> = vec![Vec::new()];
        let mut x = 0.0;
        for mark in marks {
            let (w, _) = mark.size();
            let row = rows.last_mut().expect("one row at least");
            if !row.is_empty() && x + gap + w > inner {
                rows.push(Vec::new());
                x = 0.0;
            }
            let row = rows.last_mut().expect("one row at least");
            if !row.is_empty() {
                x += gap;
            }
            x += w;
            row.push(mark);
        }
        let mut placed = Vec::new();
        let mut y = padding;
        for (i, row) in rows.into_iter().enumerate() {
            if i > 0 {
                y += row_gap;
            }
            let row_h = row.iter().map(|m| m.size().1).fold(logo_height, f32::max);
            let mut x = padding;
            for mark in row {
                let (w, h) = mark.size();
                placed.push((x, y + (row_h - h) / 2.0, mark));
                x += w + gap;
            }
            y += row_h;
        }
        Ok(LogoRow {
            alt: alt.to_string(),
            marks: placed,
            width,
            height: y + padding,
        })
    }

    /// The panel and its marks with the panel's top-left at (`x`, `y`),
    /// the marks the content of one new Figure under `parent`.
    pub(super) fn items(
        self,
        tree: &mut Structure,
        parent: NodeId,
        x: f32,
        y: f32,
    ) -> Vec<FrameItem> {
        let figure = tree.add_described(parent, StructType::Figure, &self.alt);
        let mut items = vec![FrameItem::Rect {
            x,
            y,
            w: self.width,
            h: self.height,
            fill: LOGO_PANEL,
            tag: Tag::default(),
        }];
        for (mx, my, mark) in self.marks {
            match mark {
                Mark::Image { src, w, h } => items.push(FrameItem::Image {
                    src,
                    x: x + mx,
                    y: y + my,
                    w,
                    h,
                    cover: false,
                    tag: Tag::Content(figure),
                }),
                Mark::Name(mut set) => {
                    set.tag_as(tree, figure);
                    let mut top = y + my;
                    for l in 0..set.lines.len() {
                        items.extend(set.line_items(l, x + mx, top, None));
                        top += set.leading;
                    }
                }
            }
        }
        items
    }
}

/// The row as a unit of flowed text (the back cover when its designed
/// page would not hold it), kept with the line that introduces it.
pub(super) fn logos_unit(
    s: &Setter,
    alt: &str,
    logos: &[Logo],
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    let row = LogoRow::measure(s, alt, logos, width, 1.0)?;
    let height = row.height;
    if let Some(last) = out.last_mut() {
        last.keep_with_next = true;
    }
    out.push(Unit {
        height,
        space_before: crate::style::logos::LOGO_ROW_SPACE_ABOVE,
        items: row.items(tree, parent, 0.0, 0.0),
        ..Default::default()
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logo(name: &str, src: Option<&str>) -> Logo {
        Logo {
            name: name.into(),
            src: src.map(String::from),
        }
    }

    /// Eight wide logos and a name: every logo at one height (the long
    /// wordmark capped in width instead), rows that wrap inside the panel,
    /// and everything one Figure.
    #[test]
    fn logos_share_a_height_and_wrap_inside_the_panel() {
        let mut s = crate::pipeline::setter().expect("bundled fonts");
        s.images.insert("wide.svg".into(), (300, 100));
        s.images.insert("banner.png".into(), (2000, 100));
        let mut logos: Vec<Logo> = (0..8)
            .map(|i| logo(&format!("F{i}"), Some("wide.svg")))
            .collect();
        logos.insert(3, logo("Banner", Some("banner.png")));
        logos.push(logo("A Funder Without A Logo", None));
        let row = LogoRow::measure(&s, "all of them", &logos, BODY_WIDTH, 1.0).unwrap();
        let mut tree = Structure::default();
        let items = row.items(&mut tree, Structure::ROOT, 0.0, 0.0);
        let Some(FrameItem::Rect { w, h: panel_h, .. }) = items.first() else {
            panic!("no panel first");
        };
        assert_eq!(*w, BODY_WIDTH);
        let figure = (tree.nodes.len() - 1) as NodeId;
        assert_eq!(tree.kind(figure), StructType::Figure);
        assert_eq!(
            tree.nodes[figure as usize].alt.as_deref(),
            Some("all of them")
        );
        let mut tops = Vec::new();
        for it in &items[1..] {
            assert_eq!(it.tag(), Tag::Content(figure), "{it:?}");
            if let FrameItem::Image {
                src, x, y, w, h, ..
            } = it
            {
                assert!(
                    *x >= LOGO_PANEL_PADDING && x + w <= BODY_WIDTH - LOGO_PANEL_PADDING + 0.01
                );
                assert!(y + h <= panel_h - LOGO_PANEL_PADDING + 0.01);
                if src == "banner.png" {
                    assert!((w - LOGO_MAX_WIDTH).abs() < 0.01 && *h < LOGO_HEIGHT);
                } else {
                    assert!((h - LOGO_HEIGHT).abs() < 0.01 && (w - 3.0 * LOGO_HEIGHT).abs() < 0.01);
                    tops.push(*y);
                }
            }
        }
        // Logos of 110 pt and more, three to a 428 pt row at most: the
        // eight logos of 3 : 1 stand in three rows (the name in a fourth).
        tops.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        assert_eq!(tops.len(), 3, "{tops:?}");
        // The name, set as the Figure's text, in the panel.
        assert!(items.iter().any(|it| matches!(it, FrameItem::Glyphs(_))));
    }
}
