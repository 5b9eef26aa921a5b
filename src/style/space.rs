//! The spacing of blocks in running text: the space above and below each
//! kind of block, indents, paddings, rule weights and the tints of boxes
//! and bands. Points throughout; a tint is how far towards white a colour
//! is taken (see [`super::Colour::tint`]). Page geometry and the designed
//! pages are in [`super::page`].

/// Paragraphs and a section's lead.
pub mod prose {
    /// Space above a paragraph.
    pub const PARA_GAP: f32 = 6.0;
    /// Space above a lead (a section's tagline).
    pub const LEAD_BEFORE: f32 = 4.0;
    /// Space under a lead.
    pub const LEAD_AFTER: f32 = 6.0;
}

/// Section headings (levels 2 and deeper).
pub mod heading {
    /// Space above a level-2 heading.
    pub const H2_BEFORE: f32 = 18.0;
    /// Space above a level-3 heading.
    pub const H3_BEFORE: f32 = 14.0;
    /// Space above a level-4 (and deeper) heading.
    pub const H4_BEFORE: f32 = 10.0;
    /// Length of the short rule over a level-2 heading.
    pub const H2_RULE: f32 = 28.0;
    /// Depth of that rule.
    pub const H2_RULE_DEPTH: f32 = 2.5;
    /// A level-2 heading's top below its rule's top.
    pub const H2_TEXT_TOP: f32 = 6.0;
    /// Space under a heading.
    pub const AFTER: f32 = 3.0;
}

/// A pathway's heading: a full-width bar in its colour.
pub mod pathway_bar {
    /// The heading's text in from the bar's sides.
    pub const PAD_X: f32 = 10.0;
    /// The heading's text in from the bar's top and foot.
    pub const PAD_Y: f32 = 8.0;
    /// Space above the bar.
    pub const BEFORE: f32 = 20.0;
    /// Space under the bar.
    pub const AFTER: f32 = 8.0;
}

/// Bullet lists.
pub mod list {
    /// How far an item's text stands in from the list's edge.
    pub const INDENT: f32 = 14.0;
    /// The bullet in from the list's edge.
    pub const BULLET_X: f32 = 3.0;
    /// Measure the bullet is set in.
    pub const BULLET_MEASURE: f32 = 20.0;
}

/// A call-out: a tinted box with an accent rule down its left side.
pub mod callout {
    /// Width of the accent rule.
    pub const RULE: f32 = 4.0;
    /// The text in from the box's left edge (past the rule).
    pub const TEXT_X: f32 = 18.0;
    /// The text in from the box's right edge.
    pub const PAD_RIGHT: f32 = 10.0;
    /// The first line's top below the box's top.
    pub const PAD_TOP: f32 = 12.0;
    /// Space under each block in the box.
    pub const BLOCK_GAP: f32 = 6.0;
    /// Space under the last block's gap, to the box's foot.
    pub const PAD_BOTTOM: f32 = 6.0;
    /// Space above the box.
    pub const BEFORE: f32 = 8.0;
    /// How far towards white the box's ground is from the accent.
    pub const GROUND_TINT: f32 = 0.9;
}

/// A pull-quote: the words large under a big quotation mark, between
/// hairlines.
pub mod pull_quote {
    /// The words in from the left (the mark hangs in this space).
    pub const INDENT: f32 = 44.0;
    /// The mark's offset from the quote's top left (its top sits near the
    /// first line's cap height).
    pub const MARK_X: f32 = -2.0;
    /// See [`MARK_X`].
    pub const MARK_Y: f32 = -4.0;
    /// How far towards white the mark is from the accent.
    pub const MARK_TINT: f32 = 0.55;
    /// The first line's top below the upper hairline.
    pub const TOP: f32 = 16.0;
    /// Space under each paragraph of the words.
    pub const PARA_GAP: f32 = 6.0;
    /// Space above the attribution.
    pub const BY_BEFORE: f32 = 4.0;
    /// The lower hairline below the attribution's last line.
    pub const BOTTOM: f32 = 14.0;
    /// Weight of the hairlines.
    pub const RULE_WIDTH: f32 = 0.8;
    /// How far towards white the hairlines are from the accent.
    pub const RULE_TINT: f32 = 0.6;
    /// Space above the pull-quote.
    pub const BEFORE: f32 = 16.0;
}

/// Key figures: a colour band across the page, numbers large in white.
pub mod key_figures {
    /// Between the figures' columns.
    pub const GAP: f32 = 24.0;
    /// The band's padding above the numbers and under the labels.
    pub const PAD: f32 = 22.0;
    /// How much lower the numbers sit than the top padding (their line's
    /// leading is airy above the digits), and how much less padding the
    /// foot has.
    pub const NUMBER_DROP: f32 = 6.0;
    /// Space between a number and its label.
    pub const LABEL_GAP: f32 = 2.0;
    /// How far towards white the labels are from the band's colour.
    pub const LABEL_TINT: f32 = 0.8;
    /// Weight of the rules between the columns.
    pub const RULE_WIDTH: f32 = 0.6;
    /// How far towards white those rules are from the band's colour.
    pub const RULE_TINT: f32 = 0.45;
    /// Space above the band.
    pub const BEFORE: f32 = 18.0;
}

/// Tables.
pub mod table {
    /// A cell's text in from the cell's sides.
    pub const CELL_PAD_X: f32 = 4.0;
    /// A cell's text in from the cell's top and foot.
    pub const CELL_PAD_Y: f32 = 2.6;
    /// Longest a single word may make its column, as a share of the
    /// measure (a longer word is broken).
    pub const WORD_SHARE: f32 = 0.3;
    /// Widest a column's natural width counts, as a share of the measure.
    pub const COLUMN_SHARE: f32 = 0.6;
    /// White between a group row's tint and the row above, and as much
    /// extra depth under its label.
    pub const GROUP_GAP: f32 = 2.0;
    /// How far towards white a group row's ground is from the table's colour.
    pub const GROUP_TINT: f32 = 0.85;
    /// How far towards white every other row's ground is from the rule grey.
    pub const ZEBRA_TINT: f32 = 0.75;
    /// Weight of the rule under each body row.
    pub const RULE_WIDTH: f32 = 0.3;
    /// Room kept for the repeated header when a row taller than a page is
    /// cut into slices.
    pub const SLICE_ROOM: f32 = 60.0;
    /// Space above a table.
    pub const BEFORE: f32 = 10.0;
    /// Space under a table.
    pub const AFTER: f32 = 6.0;
}

/// Photos and figures with their captions.
pub mod figure {
    use crate::style::page::BODY_HEIGHT;

    /// Tallest a figure in the text may be: 60 % of the text area, so a
    /// caption and some text share its page.
    pub const MAX_HEIGHT: f32 = BODY_HEIGHT * 0.6;
    /// Between the two figures of a two-up row.
    pub const TWO_UP_GAP: f32 = 12.0;
    /// Pixels per inch a `natural` figure is printed at: the least that
    /// is sharp in print, so the figure is as large as it can be.
    pub const NATURAL_PPI: f32 = crate::layout::MIN_PPI;
    /// The caption's top below the image.
    pub const CAPTION_GAP: f32 = 4.0;
    /// Narrowest the caption is set, as a share of the measure (a narrow
    /// figure's caption may run wider than the figure).
    pub const CAPTION_SHARE: f32 = 0.5;
    /// Space under the caption and under the credit.
    pub const CAPTION_AFTER: f32 = 1.5;
    /// Space above a figure.
    pub const BEFORE: f32 = 10.0;
    /// A full-page photo's caption strip: from its top to the caption.
    pub const STRIP_PAD_TOP: f32 = 16.0;
    /// From the strip's caption (or credit) to the page foot.
    pub const STRIP_PAD_BOTTOM: f32 = 20.0;
}

/// Bar charts drawn from data.
pub mod chart {
    /// Space under the chart's title.
    pub const TITLE_AFTER: f32 = 6.0;
    /// About how many steps the value axis has (the step is rounded to
    /// 1, 2 or 5 × 10ⁿ).
    pub const TICKS: f64 = 4.0;
    /// A horizontal chart: between the category labels and the bars.
    pub const LABEL_GAP: f32 = 8.0;
    /// A horizontal chart: depth of a bar.
    pub const BAR_DEPTH: f32 = 14.0;
    /// A horizontal chart: between bars.
    pub const BAR_GAP: f32 = 6.0;
    /// A horizontal chart: room kept right of the longest bar for its total.
    pub const TOTAL_ROOM: f32 = 30.0;
    /// A horizontal chart: measure the total at a bar's end is set in.
    pub const TOTAL_MEASURE: f32 = 40.0;
    /// A horizontal chart: between a bar's end and its total.
    pub const TOTAL_GAP: f32 = 4.0;
    /// A horizontal chart: a label's and total's top below the bar's top.
    pub const BAR_TEXT_DROP: f32 = 1.0;
    /// A column chart: height of the plot.
    pub const PLOT_HEIGHT: f32 = 130.0;
    /// A column chart: width of the value axis's labels.
    pub const AXIS_WIDTH: f32 = 22.0;
    /// A column chart: between an axis label and the plot.
    pub const AXIS_GAP: f32 = 4.0;
    /// A column chart: an axis label's top above its grid line.
    pub const AXIS_LABEL_RAISE: f32 = 6.0;
    /// A column chart: a column's width as a share of its slot.
    pub const COLUMN_SHARE: f32 = 0.62;
    /// A column chart: weight of the base line.
    pub const BASE_WIDTH: f32 = 0.6;
    /// A column chart: weight of the grid lines.
    pub const GRID_WIDTH: f32 = 0.25;
    /// A column chart: a total's top above its column.
    pub const TOTAL_ABOVE: f32 = 12.0;
    /// A column chart: a category label's top below the base line.
    pub const CATEGORY_DROP: f32 = 3.0;
    /// A column chart: the legend's top below the base line.
    pub const LEGEND_TOP: f32 = 16.0;
    /// A legend swatch's side.
    pub const SWATCH: f32 = 8.0;
    /// A swatch's top below the legend's top.
    pub const SWATCH_DROP: f32 = 3.0;
    /// A legend label's top below the legend's top.
    pub const LEGEND_TEXT_DROP: f32 = 1.0;
    /// From a swatch's left edge to its label.
    pub const SWATCH_LABEL: f32 = 11.0;
    /// Between one legend entry's label and the next swatch.
    pub const LEGEND_GAP: f32 = 14.0;
    /// Depth of the legend.
    pub const LEGEND_DEPTH: f32 = 14.0;
    /// Space above a chart.
    pub const BEFORE: f32 = 12.0;
    /// Space under a chart.
    pub const AFTER: f32 = 6.0;
}

/// The contents: entries with dot leaders and page numbers.
pub mod contents {
    /// Space above a chapter's entry.
    pub const CHAPTER_BEFORE: f32 = 6.0;
    /// Space above a section's entry.
    pub const SECTION_BEFORE: f32 = 0.5;
    /// How far a section's entry stands in.
    pub const SECTION_INDENT: f32 = 16.0;
    /// Width of the page-number column (numbers set flush right in it).
    pub const NUMBER_WIDTH: f32 = 28.0;
    /// Least room for leaders between an entry's title and its number.
    pub const LEADER_ROOM: f32 = 24.0;
    /// Measure the leader's dot is set in (wider than a dot).
    pub const DOT_MEASURE: f32 = 20.0;
    /// Distance from one leader dot to the next (the same in every entry,
    /// so the dots line up down the page).
    pub const LEADER_PITCH: f32 = 4.5;
    /// Least space between a title's end and its first dot.
    pub const LEADER_AFTER_TITLE: f32 = 6.0;
    /// Least space between the last dot and the number column.
    pub const LEADER_BEFORE_NUMBER: f32 = 4.0;
}
