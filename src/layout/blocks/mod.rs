//! The design: how each kind of block becomes units, and how chapters flow
//! onto pages with running heads and folios. Each kind of block is laid out
//! in its own module: [`prose`] (headings and paragraphs), [`lists`] (lists,
//! call-outs, key figures), [`table`], [`figure`] (images and charts),
//! [`contents`], [`covers`] and [`logos`] (the back cover's supporters).

mod contents;
mod covers;
mod figure;
mod lists;
mod logos;
mod prose;
mod table;

pub use contents::register_headings;
pub use table::column_widths;

use contents::contents_units;
use covers::{back_cover_units, cover};
use figure::{FigureSpec, chart_unit, figure_unit, two_up_unit};
use lists::{callout, key_figures, list_units};
use logos::logos_unit;
use prose::{heading_units, lines_to_units};
use table::table_units;

use super::paginate::{PlacedPage, Unit, paginate};
use super::paragraph::Justify;
use super::text::{Base, SetText, Setter};
use super::*;
use crate::compose::{Align, Block, Chapter, Chart, Colour, Row, Run, Table};
use crate::markdown::FigureWidth;
use structure::{Artifact, NodeId, StructType, Structure, Tag};

use crate::style::text::{self, BODY, SANS, cell as cell_base};
use crate::style::{page, space};

type Res<T> = Result<T, LayoutError>;

/// A chapter flowed onto its pages: chapters start on a new page, so how a
/// chapter breaks does not depend on the page numbers, only which numbers
/// its pages get.
struct Flowed {
    title: String,
    pages: Vec<PlacedPage>,
}

/// Everything that does not depend on page numbers, set and paginated
/// once: the cover and each chapter. Only the contents is redone while its
/// page numbers settle.
pub struct Prepared {
    cover: Page,
    chapters: Vec<Flowed>,
    /// The structure of the cover and the chapters.
    structure: Structure,
}

/// Sets the cover and every chapter, and flows each chapter onto pages.
pub fn prepare(doc: &Document, s: &Setter) -> Res<Prepared> {
    let mut tree = Structure::default();
    let cover = cover(doc, s, &mut tree)?;
    let mut chapters = Vec::with_capacity(doc.chapters.len() + 1);
    let mut total = 0;
    for ch in &doc.chapters {
        let pages = paginate(chapter_units(ch, s, &mut tree)?, BODY_HEIGHT);
        total += pages.len();
        if total > MAX_PAGES {
            return Err(LayoutError::TooManyPages(MAX_PAGES));
        }
        chapters.push(Flowed {
            title: ch.title.clone(),
            pages,
        });
    }
    if let Some(bc) = &doc.back_cover {
        chapters.push(Flowed {
            title: bc.title.clone(),
            pages: paginate(
                back_cover_units(bc, &doc.pathways, s, &mut tree)?,
                BODY_HEIGHT,
            ),
        });
    }
    Ok(Prepared {
        cover,
        chapters,
        structure: tree,
    })
}

/// The contents, set with `numbers` as its page numbers (anchor → page;
/// absent entries print as a placeholder) and flowed onto pages.
pub struct Contents {
    pages: Vec<PlacedPage>,
    /// The whole document's structure: the prepared one with the contents'.
    structure: Structure,
}

/// Sets and paginates the contents.
pub fn contents(
    doc: &Document,
    s: &Setter,
    numbers: &HashMap<String, usize>,
    prepared: &Prepared,
) -> Res<Contents> {
    // Each pass adds the contents' nodes to a copy: only the last is kept.
    let mut structure = prepared.structure.clone();
    let units = contents_units(doc, s, numbers, &mut structure)?;
    Ok(Contents {
        pages: paginate(units, BODY_HEIGHT),
        structure,
    })
}

/// Every heading with its page and position, given the contents' length:
/// the cover is page 1, the contents follows, then each chapter.
pub fn place_headings(doc: &Document, prepared: &Prepared, contents: &Contents) -> Vec<Heading> {
    let mut headings = register_headings(doc);
    // Anchor → its headings not yet placed, in order (a view repeated in
    // several sections repeats its anchor; each occurrence takes the next).
    let mut unplaced: HashMap<String, std::collections::VecDeque<usize>> = HashMap::new();
    for (i, h) in headings.iter().enumerate() {
        unplaced.entry(h.anchor.clone()).or_default().push_back(i);
    }
    let mut number = 1; // the cover
    for page in contents
        .pages
        .iter()
        .chain(prepared.chapters.iter().flat_map(|c| c.pages.iter()))
    {
        number += 1;
        for (top, unit) in page {
            for (anchor, dy) in &unit.anchors {
                if let Some(i) = unplaced.get_mut(anchor).and_then(|q| q.pop_front()) {
                    headings[i].page = number;
                    headings[i].y = MARGIN_TOP + top + dy;
                }
            }
        }
    }
    headings.retain(|h| h.page > 0);
    headings
}

/// The pages: cover, contents and chapters, each page with its running
/// head and folio. Consumes the prepared chapters (their items move onto
/// the pages).
pub fn assemble(
    doc: &Document,
    prepared: Prepared,
    contents: Contents,
    s: &Setter,
) -> Res<(Vec<Page>, Structure)> {
    let mut pages = vec![prepared.cover];
    let flows = std::iter::once(Flowed {
        title: "Contents".to_string(),
        pages: contents.pages,
    })
    .chain(prepared.chapters);
    let left = running_head(s, &doc.meta.title)?;
    for chapter in flows {
        let right = running_head(s, &chapter.title)?;
        for (i, placed) in chapter.pages.into_iter().enumerate() {
            let number = pages.len() + 1;
            let mut page = Page::default();
            let designed = placed.iter().any(|(_, u)| u.full_page);
            for (top, unit) in placed {
                page.items.extend(
                    unit.items
                        .into_iter()
                        .map(|it| it.shifted(MARGIN_LEFT, MARGIN_TOP + top)),
                );
            }
            // A chapter's first page is its opener, and a full-bleed photo
            // covers its page: neither has a running head or folio.
            if i > 0 && !designed {
                furniture(s, &mut page, number, &left, &right)?;
            }
            pages.push(page);
        }
    }
    Ok((pages, contents.structure))
}

/// A running head, set once per chapter; an artifact, not read as content.
fn running_head(s: &Setter, text: &str) -> Res<SetText> {
    let mut set = s.set(
        &[Run::plain(text)],
        text::RUNNING_HEAD,
        page::furniture::HEAD_WIDTH,
        Justify::Ragged,
    )?;
    set.tag = Tag::Artifact(Artifact::Header);
    Ok(set)
}

/// Running heads (document title left, chapter right) and the folio.
fn furniture(
    s: &Setter,
    page: &mut Page,
    number: usize,
    left: &SetText,
    right: &SetText,
) -> Res<()> {
    let y = page::furniture::HEAD_TOP;
    if !left.lines.is_empty() {
        page.items.extend(left.line_items(0, MARGIN_LEFT, y, None));
    }
    if !right.lines.is_empty() {
        let w = page::furniture::HEAD_WIDTH;
        page.items
            .extend(right.line_items(0, MARGIN_LEFT + BODY_WIDTH - w, y, Some(w)));
    }
    page.items.push(FrameItem::Rule {
        x1: MARGIN_LEFT,
        y1: y + page::furniture::HEAD_RULE_BELOW,
        x2: MARGIN_LEFT + BODY_WIDTH,
        y2: y + page::furniture::HEAD_RULE_BELOW,
        width: page::furniture::HEAD_RULE_WIDTH,
        colour: Colour::RULE,
        tag: Tag::Artifact(Artifact::Header),
    });
    let mut folio = s.set(
        &[Run::plain(number.to_string())],
        text::FOLIO,
        page::furniture::FOLIO_MEASURE,
        Justify::Ragged,
    )?;
    folio.tag = Tag::Artifact(Artifact::Footer);
    let w = folio.width();
    page.items.extend(folio.line_items(
        0,
        (PAGE_WIDTH - w) / 2.0,
        PAGE_HEIGHT - page::furniture::FOLIO_ABOVE_FOOT,
        None,
    ));
    Ok(())
}

// ---------------------------------------------------------------- blocks

fn chapter_units(ch: &Chapter, s: &Setter, tree: &mut Structure) -> Res<Vec<Unit>> {
    // A chapter with nothing but its heading (and a tagline) is a divider:
    // its title on a page-high colour field, not a band over a blank page.
    if let [
        Block::Heading {
            level: 1,
            text,
            anchor,
            colour,
        },
        rest @ ..,
    ] = ch.blocks.as_slice()
        && rest.iter().all(|b| matches!(b, Block::Lead(..)))
    {
        let sect = tree.add(Structure::ROOT, StructType::Sect);
        return prose::divider_units(s, text, anchor, *colour, rest, tree, sect);
    }
    let mut units = Vec::new();
    let mut sections = Sections::default();
    let mut blocks = ch.blocks.iter().peekable();
    while let Some(b) = blocks.next() {
        let parent = sections.parent_of(b, tree);
        if let (Some(photo), Block::Heading { level: 1, .. }) = (&ch.photo, b) {
            prose::opener_with_photo(s, b, photo, &mut units, tree, parent)?;
            continue;
        }
        // Two half-width figures in a row are set side by side.
        if let (Some(a), Some(next)) = (half(b), blocks.peek().and_then(|n| half(n))) {
            two_up_unit(s, [&a, &next], BODY_WIDTH, &mut units, tree, parent)?;
            blocks.next();
            continue;
        }
        block_units(b, s, BODY_WIDTH, &mut units, tree, parent)?;
    }
    Ok(units)
}

/// The block as a half-width figure, if it is one.
fn half(b: &Block) -> Option<FigureSpec<'_>> {
    FigureSpec::of(b).filter(|f| f.width == FigureWidth::Half)
}

/// The sections open while a chapter's blocks are laid out: a heading
/// closes those of its level and below and opens its own, so each Sect
/// holds its heading and what follows up to the next heading as high.
#[derive(Default)]
struct Sections {
    open: Vec<(u8, NodeId)>,
}

impl Sections {
    /// The node `b` goes under (a new Sect for a heading).
    fn parent_of(&mut self, b: &Block, tree: &mut Structure) -> NodeId {
        let top = |open: &[(u8, NodeId)]| open.last().map_or(Structure::ROOT, |&(_, n)| n);
        if let Block::Heading { level, .. } = b {
            while self.open.last().is_some_and(|&(l, _)| l >= *level) {
                self.open.pop();
            }
            let sect = tree.add(top(&self.open), StructType::Sect);
            self.open.push((*level, sect));
        }
        top(&self.open)
    }
}

/// Turns one block into units whose content belongs under `parent`.
pub fn block_units(
    b: &Block,
    s: &Setter,
    width: f32,
    out: &mut Vec<Unit>,
    tree: &mut Structure,
    parent: NodeId,
) -> Res<()> {
    match b {
        Block::Heading {
            level,
            text,
            anchor,
            colour,
        } => {
            let node = tree.add(parent, StructType::H(*level));
            heading_units(s, *level, text, anchor, *colour, width, out, tree, node)
        }
        Block::Lead(runs, colour) => {
            let base = Base {
                colour: *colour,
                ..text::LEAD
            };
            let mut set = s.set(runs, base, width, Justify::Ragged)?;
            set.tag_new(tree, parent, StructType::P);
            lines_to_units(&set, 0.0, space::prose::LEAD_BEFORE, true, out);
            if let Some(last) = out.last_mut() {
                last.height += space::prose::LEAD_AFTER;
            }
            Ok(())
        }
        Block::Paragraph(runs) => {
            let mut set = s.set(runs, BODY, width, Justify::Full)?;
            set.tag_new(tree, parent, StructType::P);
            lines_to_units(&set, 0.0, space::prose::PARA_GAP, false, out);
            Ok(())
        }
        Block::List(items) => list_units(s, items, width, out, tree, parent),
        Block::Callout(blocks) => callout(s, blocks, width, out, tree, parent),
        Block::KeyFigures(figs) => key_figures(s, figs, width, out, tree, parent),
        Block::Table(t) => table_units(s, t, width, out, tree, parent),
        Block::Chart(c) => chart_unit(s, c, width, out, tree, parent),
        Block::Figure { .. } => match FigureSpec::of(b) {
            Some(fig) => figure_unit(s, &fig, width, out, tree, parent),
            None => Ok(()),
        },
        Block::Logos { alt, logos } => logos_unit(s, alt, logos, width, out, tree, parent),
    }
}
