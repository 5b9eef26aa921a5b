//! How the body text was set, counted from the laid-out pages: lines,
//! lines ending in an inserted hyphen, the longest run of such lines, and
//! pages whose last body line ends in one. The bench prints these and a
//! test holds them to the typographic targets.

use super::{Item, Layout};

/// Hyphenation in the body text of a layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hyphenation {
    /// Lines of body text (paragraphs set in the body size).
    pub lines: usize,
    /// Of those, lines that end in a hyphen inserted by hyphenation.
    pub hyphenated: usize,
    /// Most consecutive hyphenated lines.
    pub longest_run: usize,
    /// Pages whose last body line is hyphenated (the word continues
    /// overleaf).
    pub page_ends: usize,
}

impl Hyphenation {
    /// Hyphenated lines as a share of all body lines.
    pub fn share(&self) -> f64 {
        self.hyphenated as f64 / self.lines.max(1) as f64
    }
}

/// Counts body lines (text of `body_size` points) and their hyphens.
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// # let doc = folio::compose::compose(&loaded.report, None);
/// let layout = folio::layout::layout(&doc).unwrap();
/// let h = folio::layout::stats::hyphenation(&layout, 10.0);
/// assert!(h.hyphenated <= h.lines);
/// ```
pub fn hyphenation(layout: &Layout, body_size: f32) -> Hyphenation {
    let mut h = Hyphenation::default();
    let mut run = 0;
    for page in &layout.pages {
        // A body line: the runs of one baseline; it is hyphenated when its
        // last glyph is an inserted (soft) hyphen.
        let mut lines: Vec<(f32, bool)> = Vec::new();
        for it in &page.items {
            let Item::Glyphs(r) = it else { continue };
            if (r.size - body_size).abs() > 0.01 || r.glyphs.is_empty() {
                continue;
            }
            let ends = r.text.trim_end_matches(' ').ends_with('\u{ad}');
            match lines.last_mut() {
                Some((y, end)) if (*y - r.y).abs() < 0.01 => *end = ends,
                _ => lines.push((r.y, ends)),
            }
        }
        for &(_, ends) in &lines {
            h.lines += 1;
            if ends {
                h.hyphenated += 1;
                run += 1;
                h.longest_run = h.longest_run.max(run);
            } else {
                run = 0;
            }
        }
        if lines.last().is_some_and(|&(_, ends)| ends) {
            h.page_ends += 1;
        }
    }
    h
}
