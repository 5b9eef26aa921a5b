//! How the body text was set, counted from the laid-out pages: lines,
//! lines ending in an inserted hyphen, the longest run of such lines, and
//! pages whose last body line ends in one; and how full each page is. The
//! bench prints these and tests hold them to the typographic targets.

use super::structure::{Artifact, Tag};
use super::{BODY_HEIGHT, FrameItem, Layout, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH};

/// Hyphenation in the body text of a layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HyphenationStats {
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

impl HyphenationStats {
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
pub fn hyphenation(layout: &Layout, body_size: f32) -> HyphenationStats {
    let mut h = HyphenationStats::default();
    let mut run = 0;
    for page in &layout.pages {
        // A body line: the runs of one baseline; it is hyphenated when its
        // last glyph is an inserted (soft) hyphen.
        let mut lines: Vec<(f32, bool)> = Vec::new();
        for it in &page.items {
            let FrameItem::Glyphs(r) = it else { continue };
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

/// How full one page is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageFill {
    /// Page (1-based).
    pub page: usize,
    /// Share of the text area's height down to the lowest content (running
    /// heads and folios not counted), 0–1.
    pub fill: f32,
    /// A designed page: the cover, or a page a colour field or photo
    /// covers (divider, full-bleed photo, back cover): full by design.
    pub designed: bool,
    /// The last page of a chapter that has only this page: nothing before
    /// it to balance with, so it may be short by design.
    pub single_page_chapter: bool,
}

/// How full every page is.
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// # let doc = folio::compose::compose(&loaded.report, None);
/// let layout = folio::layout::layout(&doc).unwrap();
/// let short = folio::layout::stats::page_fill(&layout)
///     .into_iter()
///     .filter(|p| !p.designed && !p.single_page_chapter && p.fill < 1.0 / 3.0)
///     .count();
/// assert_eq!(short, 0);
/// ```
pub fn page_fill(layout: &Layout) -> Vec<PageFill> {
    // Chapters start at their level-1 heading's page.
    let mut starts: Vec<usize> = layout
        .headings
        .iter()
        .filter(|h| h.level == 1)
        .map(|h| h.page)
        .collect();
    starts.push(layout.pages.len() + 1);
    layout
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let number = i + 1;
            let mut bottom: f32 = MARGIN_TOP;
            // The cover is designed whatever it holds.
            let mut designed = number == 1;
            for it in &page.items {
                if matches!(it.tag(), Tag::Artifact(Artifact::Header | Artifact::Footer)) {
                    continue;
                }
                let low = match it {
                    FrameItem::Glyphs(r) => r.y + r.size * 0.25,
                    FrameItem::Rect { y, w, h, .. } | FrameItem::Image { y, w, h, .. } => {
                        designed |= *w * *h >= 0.9 * PAGE_WIDTH * PAGE_HEIGHT;
                        y + h
                    }
                    FrameItem::Rule { y1, y2, .. } => y1.max(*y2),
                    FrameItem::Link { .. } => continue,
                };
                bottom = bottom.max(low);
            }
            let single_page_chapter = starts.contains(&number) && starts.contains(&(number + 1));
            PageFill {
                page: number,
                fill: ((bottom - MARGIN_TOP) / BODY_HEIGHT).clamp(0.0, 1.0),
                designed,
                single_page_chapter,
            }
        })
        .collect()
}
