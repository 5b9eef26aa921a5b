//! A chart as inline SVG (`role="img"`, its title and a description that
//! states the data), from the same counts as the PDF's bars, followed by
//! the numbers as a table a reader can open.
//!
//! The SVG has no viewBox: it is as wide as its column and its shapes are
//! placed in percentages of that width, heights in pixels, so its text
//! keeps the style sheet's size on a phone as on a desktop instead of
//! shrinking with the drawing. The legend is HTML above it, where it wraps.

use super::blocks::{escape, text};
use super::style::{Palette, shade};
use crate::compose::{Chart, Colour, group_thousands};
use std::fmt::Write;

/// Height of a column chart's plot, and of a bar chart's row, in pixels.
const COLUMNS_HEIGHT: f64 = 220.0;
const ROW: f64 = 30.0;
/// A bar chart's label column and bar area, in per cent of the width; the
/// rest holds the totals after the bars.
const LABELS: f64 = 42.0;
const BARS: f64 = 46.0;

pub(super) fn write(out: &mut String, c: &Chart, id: &str, palette: &Palette) {
    let n = c.categories.len().max(1);
    let totals = c.totals();
    let max = totals.iter().copied().fold(0.0, f64::max).max(1.0);
    // Bars are graphics: 3:1 against the white page (WCAG 1.4.11).
    let fill = |col: Colour| shade(col, Colour::WHITE, 3.0);
    let _ = writeln!(out, "<div class=\"chart\">\n<figure>");
    if c.series.len() > 1 {
        // The key is what the colours mean to the eye; the description and
        // the table say it in words, so a screen reader skips it.
        out.push_str("<ul class=\"legend\" aria-hidden=\"true\">");
        for s in &c.series {
            let _ = write!(
                out,
                "<li><span class=\"swatch {}\"></span>",
                palette.get(s.colour)
            );
            text(out, &s.name);
            out.push_str("</li>");
        }
        out.push_str("</ul>\n");
    }
    let mut svg = String::new();
    let height;
    if c.horizontal {
        height = ROW * n as f64;
        // Two nested drawings: the labels, right-aligned in theirs, and
        // the bars, whose lengths are per cent of theirs.
        let _ = write!(
            svg,
            "<svg width=\"{LABELS}%\" height=\"{height:.0}\" overflow=\"visible\">"
        );
        for (i, cat) in c.categories.iter().enumerate() {
            let _ = write!(
                svg,
                "<text x=\"100%\" dx=\"-8\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                ROW * i as f64 + ROW * 0.62,
                escape(cat)
            );
        }
        let _ = write!(
            svg,
            "</svg><svg x=\"{LABELS}%\" width=\"{BARS}%\" height=\"{height:.0}\" overflow=\"visible\">"
        );
        for (i, total) in totals.iter().enumerate() {
            let y = ROW * i as f64;
            let mut x = 0.0;
            for s in &c.series {
                let v = s.values.get(i).copied().unwrap_or(0.0);
                let w = v / max * 100.0;
                if w > 0.0 {
                    let _ = write!(
                        svg,
                        "<rect x=\"{x:.3}%\" y=\"{:.1}\" width=\"{w:.3}%\" height=\"{:.1}\" fill=\"{}\"/>",
                        y + 5.0,
                        ROW - 10.0,
                        fill(s.colour)
                    );
                }
                x += w;
            }
            let _ = write!(
                svg,
                "<text x=\"{x:.3}%\" dx=\"6\" y=\"{:.1}\">{}</text>",
                y + ROW * 0.62,
                number(*total)
            );
        }
        svg.push_str("</svg>");
    } else {
        // A line for the totals above the tallest column, one for the
        // labels below the axis.
        let (top, bottom) = (20.0, 24.0);
        height = top + COLUMNS_HEIGHT + bottom;
        let slot = 100.0 / n as f64;
        let base = top + COLUMNS_HEIGHT;
        for (i, cat) in c.categories.iter().enumerate() {
            let x = slot * (i as f64 + 0.2);
            let w = slot * 0.6;
            let mut y = base;
            for s in &c.series {
                let v = s.values.get(i).copied().unwrap_or(0.0);
                let h = v / max * COLUMNS_HEIGHT;
                if h > 0.0 {
                    y -= h;
                    let _ = write!(
                        svg,
                        "<rect x=\"{x:.3}%\" y=\"{y:.1}\" width=\"{w:.3}%\" height=\"{h:.1}\" fill=\"{}\"/>",
                        fill(s.colour)
                    );
                }
            }
            let mid = slot * (i as f64 + 0.5);
            let _ = write!(
                svg,
                "<text x=\"{mid:.3}%\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><text x=\"{mid:.3}%\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                y - 6.0,
                number(totals[i]),
                height - 6.0,
                escape(cat)
            );
        }
        let _ = write!(
            svg,
            "<line x1=\"0\" x2=\"100%\" y1=\"{base:.1}\" y2=\"{base:.1}\" class=\"axis\"/>"
        );
    }
    let _ = writeln!(
        out,
        "<svg width=\"100%\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{svg}</svg>",
        escape(&c.title),
        escape(&c.alt)
    );
    out.push_str("<figcaption>");
    text(out, &c.title);
    out.push_str("</figcaption>\n</figure>\n");
    // The numbers: a table in a box of its own that scrolls sideways (by
    // keyboard too) if it is wider than a phone.
    let _ = write!(
        out,
        "<details><summary>The numbers</summary>\n<div class=\"table\" role=\"group\" aria-labelledby=\"{id}-c\" tabindex=\"0\">\n<table>\n<caption id=\"{id}-c\">"
    );
    text(out, &c.title);
    out.push_str("</caption>\n<thead><tr><td></td>");
    if c.series.len() > 1 {
        for s in &c.series {
            out.push_str("<th scope=\"col\" class=\"num\">");
            text(out, &s.name);
            out.push_str("</th>");
        }
    }
    out.push_str("<th scope=\"col\" class=\"num\">Total</th></tr></thead>\n<tbody>\n");
    for (i, cat) in c.categories.iter().enumerate() {
        out.push_str("<tr><th scope=\"row\">");
        text(out, cat);
        out.push_str("</th>");
        if c.series.len() > 1 {
            for s in &c.series {
                let _ = write!(
                    out,
                    "<td class=\"num\">{}</td>",
                    number(s.values.get(i).copied().unwrap_or(0.0))
                );
            }
        }
        let _ = writeln!(out, "<td class=\"num\">{}</td></tr>", number(totals[i]));
    }
    out.push_str("</tbody>\n</table>\n</div>\n</details>\n</div>\n");
}

/// A count as the PDF prints it (thousands grouped); fractions to one place.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && (0.0..1e15).contains(&v) {
        group_thousands(v as u64)
    } else {
        format!("{v:.1}")
    }
}
