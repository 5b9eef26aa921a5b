//! Model → document: chapters of blocks (headings, paragraphs of styled runs,
//! lists, call-outs, tables, charts) with data views rendered from the data
//! tables, so an edit to `[[events]]` shows up in the PDF as in the workbook.
//! Nothing here knows about fonts or pages.

pub mod dates;
pub mod markup;
pub mod views;

#[cfg(test)]
mod tests;

pub use crate::model::group_thousands;
use crate::model::*;
pub use crate::style::Colour;

/// Character style of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    /// Bold weight.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// An external address (https:, mailto:).
    Uri(String),
    /// A heading in this document, by anchor id.
    Anchor(String),
}

/// What a run holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text.
    Text(String),
    /// A forced line break.
    LineBreak,
}

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Text or a break.
    pub inline: Inline,
    /// Bold/italic.
    pub style: Style,
    /// Link target, if any.
    pub link: Option<Link>,
}

impl Run {
    /// A text run.
    pub fn text(t: &str, style: Style, link: Option<Link>) -> Run {
        Run {
            inline: Inline::Text(t.to_string()),
            style,
            link,
        }
    }

    /// Plain text.
    pub fn plain(t: impl Into<String>) -> Run {
        Run {
            inline: Inline::Text(t.into()),
            style: Style::default(),
            link: None,
        }
    }

    /// Bold text.
    pub fn bold(t: impl Into<String>) -> Run {
        Run {
            inline: Inline::Text(t.into()),
            style: Style {
                bold: true,
                italic: false,
            },
            link: None,
        }
    }

    /// Text linking somewhere.
    pub fn linked(t: impl Into<String>, link: Link) -> Run {
        Run {
            inline: Inline::Text(t.into()),
            style: Style::default(),
            link: Some(link),
        }
    }
}

/// Horizontal alignment in a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Flush right (numbers).
    Right,
}

/// A table column.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// Alignment.
    pub align: Align,
}

/// A table row.
#[derive(Debug, Clone)]
pub enum Row {
    /// A group label spanning all columns ("Workshops · 9").
    Group(String),
    /// Cells, one per column.
    Cells(Vec<Vec<Run>>),
}

/// A table with a header row repeated on every page it spans.
#[derive(Debug, Clone)]
pub struct Table {
    /// Columns; widths come from content at layout time.
    pub columns: Vec<Column>,
    /// Rows.
    pub rows: Vec<Row>,
    /// Accent colour of header and group rows.
    pub colour: Colour,
}

/// One series of a chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend label.
    pub name: String,
    /// Fill.
    pub colour: Colour,
    /// One value per category.
    pub values: Vec<f64>,
}

/// A vector bar chart drawn from data.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Title above the chart.
    pub title: String,
    /// Labels along the category axis.
    pub categories: Vec<String>,
    /// Stacked series.
    pub series: Vec<Series>,
    /// Columns (vertical) or bars (horizontal).
    pub horizontal: bool,
    /// Alternative text for readers who cannot see it.
    pub alt: String,
}

impl Chart {
    /// Each category's stacked total over the series (at least one
    /// category), as the PDF's bars, the web edition's and the numbers
    /// under them show it.
    ///
    /// ```
    /// use folio::compose::{Chart, Colour, Series};
    /// let s = |v: Vec<f64>| Series { name: String::new(), colour: Colour::ACCENT, values: v };
    /// let c = Chart { title: String::new(), categories: vec!["a".into(), "b".into()],
    ///     series: vec![s(vec![1.0, 2.0]), s(vec![3.0])], horizontal: false, alt: String::new() };
    /// assert_eq!(c.totals(), [4.0, 2.0]);
    /// ```
    pub fn totals(&self) -> Vec<f64> {
        (0..self.categories.len().max(1))
            .map(|i| {
                self.series
                    .iter()
                    .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect()
    }
}

/// A block of the document.
#[derive(Debug, Clone)]
pub enum Block {
    /// A heading; level 1 opens a chapter.
    Heading {
        /// 1–4.
        level: u8,
        /// Text.
        text: String,
        /// Anchor for links, contents and outline.
        anchor: String,
        /// Colour (pathway or accent).
        colour: Colour,
    },
    /// A line under a heading, set larger in the section colour.
    Lead(Vec<Run>, Colour),
    /// A paragraph.
    Paragraph(Vec<Run>),
    /// A bullet list; each item is a list of blocks.
    List(Vec<Vec<Block>>),
    /// A boxed call-out.
    Callout(Vec<Block>),
    /// Big numbers with labels.
    KeyFigures(Vec<(String, String)>),
    /// A table.
    Table(Table),
    /// A chart.
    Chart(Chart),
    /// A bitmap image with its caption and credit.
    Figure {
        /// Path as written in report.toml (the key of `Document::images`).
        src: String,
        /// Alternative text.
        alt: String,
        /// Caption under the image.
        caption: String,
        /// Credit line under the caption ("Photo: …").
        credit: Option<String>,
        /// How wide it is set.
        width: crate::markdown::FigureWidth,
    },
    /// The back cover's supporters: their logos in a row, each at one
    /// height (the name where a funder has no logo), read as one figure.
    Logos {
        /// Alternative text: the names, in order.
        alt: String,
        /// The supporters, in the order `supporters` gives.
        logos: Vec<Logo>,
    },
}

/// One supporter in the back cover's row of logos.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    /// The funder's name as the report credits it: the logo's alternative
    /// text on the web, the text shown where there is no logo.
    pub name: String,
    /// The logo (the key of `Document::images`), where the funder has one.
    pub src: Option<String>,
}

/// A chapter: starts on a new page.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// Anchor of its heading.
    pub id: String,
    /// Title (running head).
    pub title: String,
    /// Accent colour.
    pub colour: Colour,
    /// Content, starting with its level-1 heading.
    pub blocks: Vec<Block>,
    /// The opener's photo.
    pub photo: Option<Photo>,
    /// Small print set apart at the foot of a designed page: the back
    /// cover's own text (copyright, credits), read after its `blocks`.
    /// Empty for other chapters.
    pub colophon: Vec<Block>,
}

/// Document-wide facts for cover and metadata.
#[derive(Debug, Clone)]
pub struct DocMeta {
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Organisation.
    pub organisation: String,
    /// Network line.
    pub network: Option<String>,
    /// Year covered.
    pub year: i32,
    /// Author.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// BCP 47 tag.
    pub language: String,
    /// Metadata date.
    pub date: Date,
    /// Web site.
    pub website: Option<String>,
}

/// The composed document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Metadata.
    pub meta: DocMeta,
    /// Pathway names and colours (cover bands).
    pub pathways: Vec<(String, Colour)>,
    /// Chapters in order.
    pub chapters: Vec<Chapter>,
    /// The last page's content.
    pub back_cover: Option<Chapter>,
    /// Images the figures show, by path as written (filled from the loaded
    /// report; the layout needs their sizes, the PDF their bytes).
    pub images: std::collections::BTreeMap<String, crate::images::Image>,
}

/// Builds the document from a validated report.
///
/// ```no_run
/// let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// let doc = folio::compose::compose(&loaded.report, None);
/// assert_eq!(doc.meta.year, 2023);
/// ```
pub fn compose(r: &Report, date_override: Option<Date>) -> Document {
    let m = &r.report;
    let meta = DocMeta {
        title: m.title.clone(),
        subtitle: m.subtitle.clone(),
        organisation: m.organisation.clone(),
        network: m.network.clone(),
        year: m.year,
        author: m.author.clone(),
        subject: m.subject.clone().unwrap_or_else(|| m.title.clone()),
        keywords: m.keywords.clone(),
        language: m.language.clone(),
        date: date_override.unwrap_or_else(|| report_date(r)),
        website: m.website.clone(),
    };
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut back_cover = None;
    let mut colour = Colour::ACCENT;
    for s in &r.sections {
        if s.level == 1 {
            colour = Colour::ACCENT;
        }
        if let Some(p) = s.pathway.as_deref().and_then(|p| r.pathway(p)) {
            colour = Colour::hex(&p.colour);
        }
        let mut blocks = vec![Block::Heading {
            level: s.level,
            text: s.title.clone(),
            anchor: s.id.clone(),
            colour,
        }];
        if let Some(t) = &s.tagline {
            blocks.push(Block::Lead(vec![Run::plain(t.clone())], colour));
        }
        // A project's story opens with who funds it.
        for p in r
            .projects
            .iter()
            .filter(|p| p.section.as_deref() == Some(&s.id))
        {
            if let Some(line) = views::credit_line(r, p) {
                blocks.push(Block::Paragraph(vec![Run::text(
                    &line,
                    Style {
                        bold: false,
                        italic: true,
                    },
                    None,
                )]));
            }
        }
        if let (Some(p), true) = (&s.photo, s.level > 1) {
            blocks.push(Block::Figure {
                src: p.src.clone(),
                alt: p.alt.clone(),
                caption: String::new(),
                credit: p.credit.clone(),
                width: crate::markdown::FigureWidth::Full,
            });
        }
        let mut body = markup::parse(&substitute(r, &s.body));
        if s.role == Some(SectionRole::BackCover) {
            // The back cover is a designed page: contacts first, the
            // section's own text as small print at its foot.
            for view in &s.show {
                blocks.extend(views::render(r, *view, colour));
            }
            // The supporters, last in the small print: the line, then the
            // row of their logos it introduces. Nothing at all while there
            // are none (not a line ending on a colon).
            let logos: Vec<Logo> = m
                .supporters
                .iter()
                .filter_map(|id| r.funder(id))
                .map(|f| Logo {
                    name: f.full_name(),
                    src: f.logo.clone(),
                })
                .collect();
            if !logos.is_empty() {
                body.push(Block::Paragraph(vec![Run::plain(format!(
                    "{} is generously supported by:",
                    m.organisation
                ))]));
                // The line before says who they are to; the figure's text
                // completes it.
                let names: Vec<&str> = logos.iter().map(|l| l.name.as_str()).collect();
                body.push(Block::Logos {
                    alt: names.join("; "),
                    logos,
                });
            }
            back_cover = Some(Chapter {
                id: s.id.clone(),
                title: s.title.clone(),
                colour,
                blocks,
                photo: None,
                colophon: body,
            });
            continue;
        }
        blocks.extend(body);
        for view in &s.show {
            blocks.extend(views::render(r, *view, colour));
        }
        match chapters.last_mut() {
            Some(ch) if s.level > 1 => ch.blocks.extend(blocks),
            _ => chapters.push(Chapter {
                id: s.id.clone(),
                title: s.title.clone(),
                colour,
                blocks,
                photo: s.photo.clone(),
                colophon: Vec::new(),
            }),
        }
    }
    Document {
        meta,
        pathways: r
            .pathways
            .iter()
            .map(|p| (p.name.clone(), Colour::hex(&p.colour)))
            .collect(),
        chapters,
        back_cover,
        images: Default::default(),
    }
}

/// The report's metadata date from `[report] date` (checked at load).
pub fn report_date(r: &Report) -> Date {
    r.report.date
}

/// Replaces `{{name}}` placeholders with data (validated at load time).
pub fn substitute(r: &Report, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        match after.find("}}") {
            Some(close) => {
                let name = after[..close].trim();
                match r.placeholder_value(name) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&rest[open..open + 2 + close + 2]),
                }
                rest = &after[close + 2..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
