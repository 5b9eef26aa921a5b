//! The document's logical structure, built by layout beside the pages: a
//! tree of structure nodes (sections, headings, paragraphs, lists, tables,
//! figures, links) in reading order, and on every page item a [`Tag`] that
//! says which node it belongs to or that it is an artifact (page furniture,
//! decoration). The PDF writer turns this into the tagged-PDF structure tree
//! ([`crate::pdf::tags`]); nothing here knows about PDF objects.
//!
//! Reading order is the order in which a node's content first appears on
//! the pages, so a paragraph that runs over a page break is one node with
//! content on both pages, and a node with no content is left out.

/// Index of a node in [`Structure::nodes`]; [`Structure::ROOT`] is the
/// document.
pub type NodeId = u32;

/// Which cells a table header cell heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The cells below it.
    Column,
    /// The cells beside it.
    Row,
}

/// What a structure node is: its PDF structure type, one of the standard
/// structure types of ISO 32000-1, 14.8.4, that the report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructType {
    /// The whole document.
    Document,
    /// A chapter or section: its heading and everything up to the next
    /// heading of the same or a higher level.
    Sect,
    /// A generic block grouping (a key-figures box, a figure with its caption).
    Div,
    /// A heading of level 1–6.
    H(u8),
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item.
    LI,
    /// A list item's bullet.
    Lbl,
    /// A list item's content.
    LBody,
    /// A table.
    Table,
    /// A table's header rows.
    THead,
    /// A table's body rows.
    TBody,
    /// A table row.
    TR,
    /// A header cell spanning `span` columns.
    TH {
        /// Which cells it heads.
        scope: Scope,
        /// Columns spanned (1 for an ordinary cell).
        span: u16,
    },
    /// A data cell.
    TD,
    /// A table of contents.
    TOC,
    /// An entry of the contents.
    TOCI,
    /// A reference to content elsewhere in the document.
    Reference,
    /// A link: its text and its annotation.
    Link,
    /// A picture or chart, with alternative text.
    Figure,
    /// A figure's caption.
    Caption,
    /// A quotation or call-out set apart from the text.
    BlockQuote,
}

impl StructType {
    /// The standard structure type name.
    ///
    /// ```
    /// use folio::layout::structure::StructType;
    /// assert_eq!(StructType::H(2).name(), "H2");
    /// assert_eq!(StructType::TOCI.name(), "TOCI");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            StructType::Document => "Document",
            StructType::Sect => "Sect",
            StructType::Div => "Div",
            StructType::H(1) => "H1",
            StructType::H(2) => "H2",
            StructType::H(3) => "H3",
            StructType::H(4) => "H4",
            StructType::H(5) => "H5",
            StructType::H(_) => "H6",
            StructType::P => "P",
            StructType::L => "L",
            StructType::LI => "LI",
            StructType::Lbl => "Lbl",
            StructType::LBody => "LBody",
            StructType::Table => "Table",
            StructType::THead => "THead",
            StructType::TBody => "TBody",
            StructType::TR => "TR",
            StructType::TH { .. } => "TH",
            StructType::TD => "TD",
            StructType::TOC => "TOC",
            StructType::TOCI => "TOCI",
            StructType::Reference => "Reference",
            StructType::Link => "Link",
            StructType::Figure => "Figure",
            StructType::Caption => "Caption",
            StructType::BlockQuote => "BlockQuote",
        }
    }
}

/// One node of the structure tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What it is.
    pub kind: StructType,
    /// Its parent (the root is its own parent).
    pub parent: NodeId,
    /// Alternative text (figures), or a description (links).
    pub alt: Option<String>,
    /// The header cells a data cell is announced with, where scope alone
    /// does not say it (a group row heads the rows up to the next group):
    /// its column's header, then its group's. Empty for other nodes.
    pub headers: Vec<NodeId>,
}

/// The structure tree of a laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// Nodes in creation order; index 0 is the document.
    pub nodes: Vec<Node>,
}

impl Default for Structure {
    fn default() -> Self {
        Structure {
            nodes: vec![Node {
                kind: StructType::Document,
                parent: Structure::ROOT,
                alt: None,
                headers: Vec::new(),
            }],
        }
    }
}

impl Structure {
    /// The document node.
    pub const ROOT: NodeId = 0;

    /// Adds a node under `parent`.
    ///
    /// ```
    /// use folio::layout::structure::{StructType, Structure};
    /// let mut tree = Structure::default();
    /// let sect = tree.add(Structure::ROOT, StructType::Sect);
    /// let p = tree.add(sect, StructType::P);
    /// assert_eq!(tree.nodes[p as usize].parent, sect);
    /// ```
    pub fn add(&mut self, parent: NodeId, kind: StructType) -> NodeId {
        self.nodes.push(Node {
            kind,
            parent,
            alt: None,
            headers: Vec::new(),
        });
        (self.nodes.len() - 1) as NodeId
    }

    /// Adds a node with alternative text (a figure) or a description (a link).
    pub fn add_described(&mut self, parent: NodeId, kind: StructType, alt: &str) -> NodeId {
        let id = self.add(parent, kind);
        self.nodes[id as usize].alt = Some(alt.to_string());
        id
    }

    /// The node's structure type.
    pub fn kind(&self, id: NodeId) -> StructType {
        self.nodes[id as usize].kind
    }
}

/// Why a piece of page content is not part of the document's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// A running head and its rule.
    Header,
    /// A folio (page number).
    Footer,
    /// Content repeated because of a page break (a table header on a
    /// continuation page).
    Pagination,
    /// Decoration: colour bands, rules, tints, dot leaders.
    Layout,
}

/// What a page item is in the structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Content of this node.
    Content(NodeId),
    /// Not content.
    Artifact(Artifact),
}

impl Default for Tag {
    /// Decoration, unless layout says what it is.
    fn default() -> Self {
        Tag::Artifact(Artifact::Layout)
    }
}
