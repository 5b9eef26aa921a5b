//! Page geometry and the designed pages: the page size, the margins and
//! text area every page shares, the running heads and folios, and the
//! measures of the pages drawn rather than flowed (cover, chapter openers,
//! dividers, back cover). Points throughout, y down from the page top
//! unless a name says otherwise. The spacing of blocks in running text is
//! in [`super::space`].

/// Millimetres in points (72 points to the inch): the paper sizes and the
/// print shop's measures are given in millimetres.
///
/// ```
/// assert_eq!(folio::style::page::mm(25.4), 72.0);
/// ```
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// A4 width, 210 mm, in points: the layout's page and the PDF's MediaBox
/// (and the print edition's TrimBox).
pub const PAGE_WIDTH: f32 = mm(210.0);
/// A4 height, 297 mm, in points.
pub const PAGE_HEIGHT: f32 = mm(297.0);
/// Left margin (binding side is not distinguished: the PDF is read on screen too).
pub const MARGIN_LEFT: f32 = 72.0;
/// Right margin.
pub const MARGIN_RIGHT: f32 = 72.0;
/// Top of the body area.
pub const MARGIN_TOP: f32 = 78.0;
/// Bottom margin.
pub const MARGIN_BOTTOM: f32 = 74.0;
/// Width of the text block.
pub const BODY_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// Height of the text block.
pub const BODY_HEIGHT: f32 = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;

/// Depth of the pale strip under a chapter opener's band, and of the short
/// bar over a divider's or the back cover's title.
pub const ACCENT_STRIP: f32 = 5.0;
/// How far towards white that strip and bar are from their field's colour.
pub const STRIP_TINT: f32 = 0.55;
/// Length of the short bar over a divider's or the back cover's title.
pub const TITLE_BAR: f32 = 56.0;
/// How far each pathway stripe (cover, back cover) runs under the next, so
/// no hairline of paper shows between them.
pub const STRIPE_OVERLAP: f32 = 0.5;

/// Running heads and folios, on every page but openers and full-page photos.
pub mod furniture {
    use super::*;

    /// Top of the running heads' line.
    pub const HEAD_TOP: f32 = 38.0;
    /// Each running head's measure: half the text width less a gutter.
    pub const HEAD_WIDTH: f32 = BODY_WIDTH / 2.0 - 6.0;
    /// From the running heads' top down to the rule under them.
    pub const HEAD_RULE_BELOW: f32 = 14.0;
    /// Weight of the rule under the running heads.
    pub const HEAD_RULE_WIDTH: f32 = 0.4;
    /// Measure the folio is set in (it is centred on its own width).
    pub const FOLIO_MEASURE: f32 = 60.0;
    /// From the page foot up to the folio's top.
    pub const FOLIO_ABOVE_FOOT: f32 = 48.0;
}

/// The cover: a band across the top, the title block, pathway stripes
/// across the lower part with the organisation over them.
pub mod cover {
    use super::*;

    /// Depth of the accent band along the top edge.
    pub const TOP_BAND: f32 = 10.0;
    /// Top of the first line (the network, or the year).
    pub const TOP: f32 = 96.0;
    /// Space under the network's name.
    pub const NETWORK_AFTER: f32 = 28.0;
    /// How far the large year stands out left of the text edge, so its
    /// digits' side bearing does not look indented.
    pub const YEAR_OUTDENT: f32 = 4.0;
    /// Space above the subtitle.
    pub const SUBTITLE_BEFORE: f32 = 8.0;
    /// Where the pathway stripes start.
    pub const STRIPES_TOP: f32 = PAGE_HEIGHT * 0.56;
    /// From the page foot up to the organisation's last line.
    pub const ORGANISATION_ABOVE_FOOT: f32 = 90.0;
    /// A pathway's name in from its stripe's edges: keeps the outer names
    /// clear of a printer's unprintable margin.
    pub const PATHWAY_INSET: f32 = 18.0;
    /// A pathway's name below its stripe's top.
    pub const PATHWAY_TOP: f32 = 14.0;
}

/// A chapter opener: a colour band from the page top (or over the lower
/// part of a photo) with the title in white.
pub mod opener {
    use super::*;

    /// Least depth of the band from the page top (a long title grows it).
    pub const BAND: f32 = 150.0;
    /// The band's least depth under the top margin beside its title's
    /// height.
    pub const BAND_ROOM: f32 = 40.0;
    /// From the title's last line up from the band's foot.
    pub const TITLE_ABOVE_FOOT: f32 = 22.0;
    /// From the band's foot to the chapter's first text.
    pub const AFTER: f32 = 26.0;
    /// Where an opener photo ends, from the page top.
    pub const PHOTO_BOTTOM: f32 = 0.42 * PAGE_HEIGHT;
    /// The band over a photo: its depth beside the title's height (the
    /// title's distance from the foot and the space above it).
    pub const PHOTO_BAND_ROOM: f32 = 46.0;
    /// The photo credit's top below the band's top.
    pub const CREDIT_TOP: f32 = 8.0;
    /// How far towards white the credit is from the band's colour.
    pub const CREDIT_TINT: f32 = 0.6;
}

/// A divider page: the chapter's colour over the whole page, its title
/// large in white two fifths of the way down.
pub mod divider {
    use super::*;

    /// Top of the title.
    pub const TITLE_TOP: f32 = PAGE_HEIGHT * 0.4;
    /// The short bar's top above the title's top.
    pub const BAR_ABOVE: f32 = 24.0;
    /// Space above the tagline.
    pub const TAGLINE_BEFORE: f32 = 8.0;
}

/// The designed back cover: the section's colour over the page, a row of
/// pathway colours at its foot, text in white from the top and small print
/// above the row.
pub mod back_cover {
    use super::*;

    /// Depth of the pathway row along the foot.
    pub const PATHWAY_ROW: f32 = 14.0;
    /// Top of the title.
    pub const TOP: f32 = 118.0;
    /// The short bar's top above the title's top.
    pub const BAR_ABOVE: f32 = 34.0;
    /// How far towards white the notes and small print are from the
    /// page's colour.
    pub const NOTE_TINT: f32 = 0.75;
    /// A heading's link target above its top (the outline shows some of
    /// what is above it).
    pub const ANCHOR_ABOVE: f32 = 12.0;
    /// Measure of the title and headings, as a share of the text width.
    pub const HEADING_MEASURE: f32 = BODY_WIDTH * 0.85;
    /// Space above a sub-heading.
    pub const HEADING_BEFORE: f32 = 30.0;
    /// Space under the title.
    pub const TITLE_AFTER: f32 = 14.0;
    /// Space under a sub-heading.
    pub const HEADING_AFTER: f32 = 6.0;
    /// Most address blocks side by side in a row.
    pub const ADDRESS_COLUMNS: usize = 3;
    /// Between the columns of addresses.
    pub const ADDRESS_GAP: f32 = 24.0;
    /// Space above and below a row of addresses.
    pub const ADDRESS_SPACE: f32 = 6.0;
    /// Space under a lead paragraph (under the title's section).
    pub const LEAD_AFTER: f32 = 4.0;
    /// Space under a note (a paragraph under a sub-heading).
    pub const NOTE_AFTER: f32 = 6.0;
    /// How far a list item's text stands in from its bullet.
    pub const BULLET_INDENT: f32 = 9.0;
    /// Space under each list item.
    pub const ITEM_AFTER: f32 = 2.0;
    /// Space under a list.
    pub const LIST_AFTER: f32 = 4.0;
    /// Space under each small-print paragraph.
    pub const SMALL_PRINT_AFTER: f32 = 3.0;
    /// From the pathway row up to the small print's foot.
    pub const SMALL_PRINT_ABOVE_ROW: f32 = 44.0;
    /// Least space between the text and the small print: with less, the
    /// page would look crammed and the back cover is flowed instead.
    pub const SMALL_PRINT_CLEARANCE: f32 = 30.0;
    /// The rule over the small print, above its top.
    pub const RULE_ABOVE: f32 = 12.0;
    /// Weight of the rule over the small print.
    pub const RULE_WIDTH: f32 = 0.5;
    /// How far towards white that rule is from the page's colour.
    pub const RULE_TINT: f32 = 0.45;
    /// Space above each paragraph when the back cover is flowed as text.
    pub const FLOWED_GAP: f32 = 5.0;
    /// How far the designed back cover may tighten to keep everything on
    /// its page (a long list of supporters, say), type and space scaled
    /// together: as designed, then 92 %, then 85 % (its notes then 7.2 pt);
    /// the small print keeps its size. What still does not fit is flowed.
    pub const FIT_STEPS: [f32; 3] = [1.0, 0.92, 0.85];
}
