//! Compose's blocks as HTML: headings with the section ids as anchors,
//! paragraphs of runs (with `lang` where the script changes), lists,
//! call-outs, key figures, tables with a caption, header cells and a
//! `<tbody>` per group, charts as SVG with their numbers, figures, and the
//! back cover's supporters as a list of logos; each in the PDF's reading
//! order, with the PDF's text.

use super::{Site, chart};
use crate::compose::{Align, Block, Inline, Row, Run, Table};
use crate::markdown::FigureWidth;
use std::fmt::Write;

/// Text for HTML content and attribute values.
///
/// ```ignore
/// assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
/// ```
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{ad}' => out.push_str("&shy;"),
            c => out.push(c),
        }
    }
    out
}

/// Text with `lang` spans where it changes script (decided as for the PDF).
pub(super) fn text(out: &mut String, t: &str) {
    for (part, lang) in crate::lang::segments(t) {
        match lang {
            Some(l) => {
                let _ = write!(out, "<span lang=\"{l}\">{}</span>", escape(part));
            }
            None => out.push_str(&escape(part)),
        }
    }
}

/// An office's address on the back cover: a paragraph led by its name in
/// bold, its lines broken.
fn address(b: &Block) -> Option<&[Run]> {
    match b {
        Block::Paragraph(runs)
            if runs.first().is_some_and(|r| r.style.bold)
                && runs.iter().any(|r| r.inline == Inline::LineBreak) =>
        {
            Some(runs)
        }
        _ => None,
    }
}

/// A page's blocks, in order.
pub(super) struct Writer<'s, 'a> {
    pub site: &'s Site<'a>,
    /// This page's file name (links to its own anchors stay on it).
    pub here: &'s str,
    pub out: String,
    /// The text of the last heading, the caption of a table under it.
    heading: String,
    /// Tables on this page, for unique caption ids.
    tables: usize,
    /// The back cover's page: its offices are addresses.
    pub back_cover: bool,
}

impl<'s, 'a> Writer<'s, 'a> {
    pub(super) fn new(site: &'s Site<'a>, here: &'s str) -> Self {
        Writer {
            site,
            here,
            out: String::new(),
            heading: String::new(),
            tables: 0,
            back_cover: false,
        }
    }

    pub(super) fn runs(&mut self, runs: &[Run]) {
        for r in runs {
            let t = match &r.inline {
                Inline::Text(t) => t,
                Inline::LineBreak => {
                    self.out.push_str("<br>");
                    continue;
                }
            };
            if let Some(l) = &r.link {
                let href = self.site.href(l, self.here);
                let _ = write!(self.out, "<a href=\"{}\">", escape(&href));
            }
            if r.style.bold {
                self.out.push_str("<strong>");
            }
            if r.style.italic {
                self.out.push_str("<em>");
            }
            text(&mut self.out, t);
            if r.style.italic {
                self.out.push_str("</em>");
            }
            if r.style.bold {
                self.out.push_str("</strong>");
            }
            if r.link.is_some() {
                self.out.push_str("</a>");
            }
        }
    }

    pub(super) fn blocks(&mut self, blocks: &[Block]) {
        let mut i = 0;
        while i < blocks.len() {
            if self.back_cover && address(&blocks[i]).is_some() {
                // Offices side by side where there is room.
                self.out.push_str("<div class=\"offices\">\n");
                while let Some(runs) = blocks.get(i).and_then(address) {
                    self.out.push_str("<address>");
                    self.runs(runs);
                    self.out.push_str("</address>\n");
                    i += 1;
                }
                self.out.push_str("</div>\n");
                continue;
            }
            self.block(&blocks[i]);
            i += 1;
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading {
                level,
                text: t,
                anchor,
                colour,
            } => {
                let class = self.site.palette.get(*colour);
                let _ = write!(
                    self.out,
                    "<h{level} id=\"{}\" class=\"{class}\">",
                    escape(anchor)
                );
                text(&mut self.out, t);
                let _ = writeln!(self.out, "</h{level}>");
                self.heading = t.clone();
            }
            Block::Lead(runs, colour) => {
                let class = self.site.palette.get(*colour);
                let _ = write!(self.out, "<p class=\"lead {class}\">");
                self.runs(runs);
                self.out.push_str("</p>\n");
            }
            Block::Paragraph(runs) => {
                self.out.push_str("<p>");
                self.runs(runs);
                self.out.push_str("</p>\n");
            }
            Block::List(items) => {
                self.out.push_str("<ul>\n");
                for item in items {
                    self.out.push_str("<li>");
                    match item.as_slice() {
                        // A one-paragraph item is its text, as in the PDF.
                        [Block::Paragraph(runs)] => self.runs(runs),
                        blocks => self.blocks(blocks),
                    }
                    self.out.push_str("</li>\n");
                }
                self.out.push_str("</ul>\n");
            }
            Block::Callout(inner) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(inner);
                self.out.push_str("</blockquote>\n");
            }
            Block::KeyFigures(figures) => {
                // A paragraph per figure, its number then its label, as
                // printed and as the PDF reads it ("107 Local governments
                // …"); the style sheet sets the two on lines of their own.
                self.out.push_str("<div class=\"key-figures\">\n");
                for (value, label) in figures {
                    self.out.push_str("<p><span class=\"value\">");
                    text(&mut self.out, value);
                    self.out.push_str("</span> <span class=\"label\">");
                    text(&mut self.out, label);
                    self.out.push_str("</span></p>\n");
                }
                self.out.push_str("</div>\n");
            }
            Block::Table(t) => self.table(t),
            Block::Chart(c) => {
                self.tables += 1;
                let id = format!("chart-{}", self.tables);
                chart::write(&mut self.out, c, &id, &self.site.palette);
            }
            Block::Figure {
                src,
                alt,
                caption,
                credit,
                width,
            } => self.figure(src, alt, caption, credit.as_deref(), *width),
            Block::Logos { logos, .. } => self.logos(logos),
        }
    }

    /// The supporters: a list of their logos, each with the funder's name
    /// as its alternative text, the name as text where there is no logo.
    fn logos(&mut self, logos: &[crate::compose::Logo]) {
        self.out.push_str("<ul class=\"logos\">\n");
        for logo in logos {
            let shown = logo.src.as_ref().and_then(|src| {
                let name = self.site.images.names.get(src)?;
                let img = self.site.doc.images.get(src)?;
                Some((name, img.shown_size()))
            });
            match shown {
                Some((file, (w, h))) => {
                    let _ = writeln!(
                        self.out,
                        "<li><img src=\"images/{}\" alt=\"{}\" width=\"{w}\" height=\"{h}\" loading=\"lazy\" decoding=\"async\"></li>",
                        escape(file),
                        escape(&logo.name)
                    );
                }
                None => {
                    self.out.push_str("<li>");
                    text(&mut self.out, &logo.name);
                    self.out.push_str("</li>\n");
                }
            }
        }
        self.out.push_str("</ul>\n");
    }

    fn table(&mut self, t: &Table) {
        self.tables += 1;
        let id = format!("table-{}", self.tables);
        let class = self.site.palette.get(t.colour);
        // A labelled, focusable region: a wide table scrolls inside it on a
        // phone, by keyboard too, rather than widening the page.
        let _ = writeln!(
            self.out,
            "<div class=\"table {class}\" role=\"region\" aria-labelledby=\"{id}\" tabindex=\"0\">\n<table>"
        );
        // The caption names the table for a screen reader (tables are
        // listed by name); it is the heading the table is under, so it is
        // not shown again: the PDF shows no caption either.
        let _ = write!(self.out, "<caption id=\"{id}\" class=\"vh\">");
        text(&mut self.out, &self.heading.clone());
        self.out.push_str("</caption>\n<thead><tr>");
        for c in &t.columns {
            let num = if c.align == Align::Right {
                " class=\"num\""
            } else {
                ""
            };
            let _ = write!(self.out, "<th scope=\"col\"{num}>");
            text(&mut self.out, &c.header);
            self.out.push_str("</th>");
        }
        self.out.push_str("</tr></thead>\n");
        let mut open = false;
        for row in &t.rows {
            match row {
                Row::Group(label) => {
                    // Each group is its own body, headed by its label, so a
                    // cell's group is announced with it.
                    if open {
                        self.out.push_str("</tbody>\n");
                    }
                    let _ = write!(
                        self.out,
                        "<tbody>\n<tr><th scope=\"rowgroup\" colspan=\"{}\">",
                        t.columns.len()
                    );
                    text(&mut self.out, label);
                    self.out.push_str("</th></tr>\n");
                    open = true;
                }
                Row::Cells(cells) => {
                    if !open {
                        self.out.push_str("<tbody>\n");
                        open = true;
                    }
                    self.out.push_str("<tr>");
                    for (i, cell) in cells.iter().enumerate() {
                        let right = t.columns.get(i).is_some_and(|c| c.align == Align::Right);
                        self.out
                            .push_str(if right { "<td class=\"num\">" } else { "<td>" });
                        self.runs(cell);
                        self.out.push_str("</td>");
                    }
                    self.out.push_str("</tr>\n");
                }
            }
        }
        if open {
            self.out.push_str("</tbody>\n");
        }
        self.out.push_str("</table>\n</div>\n");
    }

    fn figure(
        &mut self,
        src: &str,
        alt: &str,
        caption: &str,
        credit: Option<&str>,
        width: FigureWidth,
    ) {
        let Some(name) = self.site.images.names.get(src) else {
            return;
        };
        let Some(img) = self.site.doc.images.get(src) else {
            return;
        };
        let (w, h) = img.shown_size();
        let class = if width == FigureWidth::Half {
            " class=\"half\""
        } else {
            ""
        };
        let _ = write!(
            self.out,
            "<figure{class}><img src=\"images/{}\" alt=\"{}\" width=\"{w}\" height=\"{h}\" loading=\"lazy\" decoding=\"async\">",
            escape(name),
            escape(alt)
        );
        if !caption.is_empty() || credit.is_some() {
            self.out.push_str("<figcaption>");
            text(&mut self.out, caption);
            if let Some(c) = credit {
                // Two sentences, read apart as in the PDF's Caption.
                if !caption.is_empty() {
                    self.out.push(' ');
                }
                self.out.push_str("<span class=\"credit\">");
                text(&mut self.out, c);
                self.out.push_str("</span>");
            }
            self.out.push_str("</figcaption>");
        }
        self.out.push_str("</figure>\n");
    }
}
