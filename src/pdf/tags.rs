//! The layout's structure → tagged PDF: marked-content sequences on the
//! pages ([`mark`], written by the content writers through
//! [`MarkedContent`]); the structure tree that reaches them is
//! [`super::tree`]'s.
//!
//! Every painted item is either inside a sequence that the tree reaches
//! (through its MCID and the parent tree) or inside an artifact sequence,
//! so nothing on a page is untagged.

use crate::layout::structure::{Artifact, NodeId, Structure, Tag};
use crate::layout::{FrameItem, Page};

/// `PageMarks::mcid` of an item that is not in a tagged sequence.
pub const NO_MCID: u32 = u32::MAX;

/// What one tagged sequence holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sequence {
    /// The structure node it is content of.
    pub node: NodeId,
    /// The language of its text where it is not the document's (a Chinese
    /// name in an English report), decided from the script.
    pub lang: Option<&'static str>,
}

/// How a page's items are marked: consecutive items of one node in one
/// layer of the page (shapes, images, text) share a sequence.
#[derive(Debug, Clone, Default)]
pub struct PageMarks {
    /// Per item, its sequence's MCID, or [`NO_MCID`] (artifacts, links).
    pub mcid: Vec<u32>,
    /// Per MCID, what the sequence holds.
    pub sequences: Vec<Sequence>,
}

/// A marked-content sequence as the content streams open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// Content: the structure type's name and the MCID.
    Tagged(&'static str, u32),
    /// Not content.
    Artifact(Artifact),
}

impl PageMarks {
    /// How item `i` (which is `item`) is marked.
    pub fn marker(&self, i: usize, item: &FrameItem, tree: &Structure) -> Marker {
        match (item.tag(), self.mcid.get(i).copied().unwrap_or(NO_MCID)) {
            (Tag::Content(_), m) if m != NO_MCID => {
                let seq = self.sequences[m as usize];
                let name = if seq.lang.is_some() {
                    "Span"
                } else {
                    tree.kind(seq.node).name()
                };
                Marker::Tagged(name, m)
            }
            (Tag::Artifact(a), _) => Marker::Artifact(a),
            (Tag::Content(_), _) => Marker::Artifact(Artifact::Layout),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layer {
    /// Rectangles, rules and images, drawn in item order.
    Graphics,
    Text,
}

/// Assigns MCIDs to every page's tagged items, in item order.
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// # let doc = folio::compose::compose(&loaded.report, None);
/// let layout = folio::layout::layout(&doc).unwrap();
/// let marks = folio::pdf::tags::mark(&layout.pages, "en");
/// assert_eq!(marks.len(), layout.pages.len());
/// ```
pub fn mark(pages: &[Page], doc_lang: &str) -> Vec<PageMarks> {
    let primary = doc_lang.split('-').next().unwrap_or(doc_lang);
    pages
        .iter()
        .map(|page| {
            let mut marks = PageMarks {
                mcid: Vec::with_capacity(page.items.len()),
                sequences: Vec::new(),
            };
            // The open sequence of each layer: an artifact in between
            // closes it, so it cannot be continued after one.
            let mut open: [Option<(Sequence, u32)>; 2] = [None; 2];
            let langs = run_languages(&page.items, primary);
            for (i, it) in page.items.iter().enumerate() {
                let layer = match it {
                    FrameItem::Glyphs(_) => Layer::Text,
                    FrameItem::Rect { .. } | FrameItem::Rule { .. } | FrameItem::Image { .. } => {
                        Layer::Graphics
                    }
                    FrameItem::Link { .. } => {
                        marks.mcid.push(NO_MCID);
                        continue;
                    }
                };
                let slot = &mut open[layer as usize];
                let Tag::Content(node) = it.tag() else {
                    *slot = None;
                    marks.mcid.push(NO_MCID);
                    continue;
                };
                let lang = langs[i];
                let seq = Sequence { node, lang };
                let mcid = match *slot {
                    Some((s, m)) if s == seq => m,
                    _ => {
                        let m = marks.sequences.len() as u32;
                        marks.sequences.push(seq);
                        *slot = Some((seq, m));
                        m
                    }
                };
                marks.mcid.push(mcid);
            }
            marks
        })
        .collect()
}

pub use crate::lang::script_language;

/// The language of each glyph run other than the document's (None for
/// other items): from its script, and for a run without letters (digits,
/// a dash, punctuation) from the runs of its node on either side, so a
/// date between Chinese words is read in Chinese, not as a voice switch.
fn run_languages(items: &[FrameItem], primary: &str) -> Vec<Option<&'static str>> {
    // Some(l): a run with letters; None: neutral, or not a run.
    let own: Vec<Option<Option<&'static str>>> = items
        .iter()
        .map(|it| match it {
            FrameItem::Glyphs(r) if r.text.chars().any(char::is_alphabetic) => {
                Some(script_language(&r.text).filter(|l| *l != primary))
            }
            _ => None,
        })
        .collect();
    let node = |i: usize| match &items[i] {
        FrameItem::Glyphs(r) => Some(r.tag),
        _ => None,
    };
    (0..items.len())
        .map(|i| match (own[i], node(i)) {
            (Some(l), _) => l,
            (None, Some(tag)) => {
                let side = |mut js: Box<dyn Iterator<Item = usize>>| {
                    js.find(|&j| node(j) == Some(tag) && own[j].is_some())
                        .and_then(|j| own[j])
                        .flatten()
                };
                let before = side(Box::new((0..i).rev()));
                let after = side(Box::new(i + 1..items.len()));
                before.filter(|b| Some(*b) == after)
            }
            (None, None) => None,
        })
        .collect()
}

/// Writes `marker`'s opening operator.
fn begin(out: &mut Vec<u8>, marker: Marker) {
    match marker {
        Marker::Tagged(name, mcid) => {
            out.push(b'/');
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b" <</MCID ");
            out.extend_from_slice(itoa::Buffer::new().format(mcid).as_bytes());
            out.extend_from_slice(b">> BDC\n");
        }
        Marker::Artifact(a) => out.extend_from_slice(match a {
            Artifact::Header => b"/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
            Artifact::Footer => b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
            Artifact::Pagination => b"/Artifact <</Type /Pagination>> BDC\n",
            Artifact::Layout => b"/Artifact <</Type /Layout>> BDC\n",
        }),
    }
}

/// The marked-content sequence open in a content stream: switching to
/// another closes it first, so sequences never nest.
#[derive(Default)]
pub struct MarkedContent {
    open: Option<Marker>,
}

impl MarkedContent {
    /// Makes `marker` the open sequence.
    pub fn switch(&mut self, out: &mut Vec<u8>, marker: Marker) {
        if self.open == Some(marker) {
            return;
        }
        self.close(out);
        begin(out, marker);
        self.open = Some(marker);
    }

    /// Closes the open sequence, if any.
    pub fn close(&mut self, out: &mut Vec<u8>) {
        if self.open.take().is_some() {
            out.extend_from_slice(b"EMC\n");
        }
    }
}
