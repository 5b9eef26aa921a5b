//! A chart as inline SVG (`role="img"`, its title and a description that
//! states the data), from the same counts as the PDF's bars, followed by
//! the numbers as a table a reader can open.

use super::blocks::{escape, text};
use crate::compose::{group_thousands, Chart, Colour};
use std::fmt::Write;

const WIDTH: f64 = 640.0;

pub(super) fn write(out: &mut String, c: &Chart, id: &str) {
    let n = c.categories.len().max(1);
    let totals: Vec<f64> = (0..n)
        .map(|i| {
            c.series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().fold(0.0, f64::max).max(1.0);
    // Bars are graphics: 3:1 against the white page (WCAG 1.4.11).
    let fill = |col: Colour| col.readable_on(Colour::WHITE, 3.0).css();
    let legend = if c.series.len() > 1 { 24.0 } else { 0.0 };
    let _ = writeln!(out, "<figure class=\"chart\">");
    let mut svg = String::new();
    let height;
    if c.horizontal {
        let (label_w, row, top) = (200.0, 26.0, 8.0 + legend);
        height = top + row * n as f64 + 8.0;
        let plot = WIDTH - label_w - 60.0;
        for (i, cat) in c.categories.iter().enumerate() {
            let y = top + row * i as f64;
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                label_w - 8.0,
                y + row * 0.65,
                escape(cat)
            );
            let mut x = label_w;
            for s in &c.series {
                let v = s.values.get(i).copied().unwrap_or(0.0);
                let w = v / max * plot;
                if w > 0.0 {
                    let _ = write!(
                        svg,
                        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                        y + 4.0,
                        row - 8.0,
                        fill(s.colour)
                    );
                }
                x += w;
            }
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x + 6.0,
                y + row * 0.65,
                number(totals[i])
            );
        }
    } else {
        let (left, top, bottom) = (12.0, 20.0 + legend, 28.0);
        height = 240.0 + legend;
        let plot_h = height - top - bottom;
        let slot = (WIDTH - 2.0 * left) / n as f64;
        for (i, cat) in c.categories.iter().enumerate() {
            let x = left + slot * i as f64 + slot * 0.2;
            let w = slot * 0.6;
            let mut y = height - bottom;
            for s in &c.series {
                let v = s.values.get(i).copied().unwrap_or(0.0);
                let h = v / max * plot_h;
                if h > 0.0 {
                    y -= h;
                    let _ = write!(
                        svg,
                        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{}\"/>",
                        fill(s.colour)
                    );
                }
            }
            let mid = x + w / 2.0;
            let _ = write!(
                svg,
                "<text x=\"{mid:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><text x=\"{mid:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                y - 5.0,
                number(totals[i]),
                height - 10.0,
                escape(cat)
            );
        }
    }
    if c.series.len() > 1 {
        let mut x = 12.0;
        for s in &c.series {
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.1}\" y=\"14\">{}</text>",
                fill(s.colour),
                x + 16.0,
                escape(&s.name)
            );
            x += 24.0 + 7.0 * s.name.chars().count() as f64;
        }
    }
    let _ = writeln!(
        out,
        "<svg viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{svg}</svg>",
        escape(&c.title),
        escape(&c.alt)
    );
    out.push_str("<figcaption>");
    text(out, &c.title);
    out.push_str("</figcaption>\n<details><summary>The numbers</summary>\n<table>\n<thead><tr><th scope=\"col\">");
    text(out, &c.title);
    out.push_str("</th>");
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
    out.push_str("</tbody>\n</table>\n</details>\n</figure>\n");
}

/// A count as the PDF prints it (thousands grouped); fractions to one place.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && (0.0..1e15).contains(&v) {
        group_thousands(v as u64)
    } else {
        format!("{v:.1}")
    }
}
