//! The named text styles: family, size, leading, colour and weight of
//! every kind of text the PDF sets. Layout refers to these by name; a
//! style whose colour depends on its chapter or pathway is given here in
//! the accent and takes the block's colour where it is used
//! (`Base { colour, ..H2 }`).

use super::Colour;
use crate::layout::fonts::Family;
use crate::layout::text::Base;

/// A sans style in `colour`, regular and upright: the pattern most styles
/// below vary.
const fn sans(size: f32, leading: f32, colour: Colour) -> Base {
    Base {
        family: Family::Sans,
        size,
        leading,
        colour,
        bold: false,
        italic: false,
    }
}

/// [`sans`], bold.
const fn sans_bold(size: f32, leading: f32, colour: Colour) -> Base {
    Base {
        bold: true,
        ..sans(size, leading, colour)
    }
}

// ------------------------------------------------------------ running text

/// Body text: paragraphs, list bullets.
pub const BODY: Base = Base {
    family: Family::Serif,
    size: 10.0,
    leading: 14.6,
    colour: Colour::TEXT,
    bold: false,
    italic: false,
};

/// Small sans text: table cells, chart labels, captions; the base the
/// smaller sans styles vary.
pub const SANS: Base = sans(8.5, 11.6, Colour::TEXT);

/// A section's lead (its tagline), italic in the section's colour.
pub const LEAD: Base = Base {
    italic: true,
    ..sans(12.0, 16.0, Colour::ACCENT)
};

/// Running heads.
pub const RUNNING_HEAD: Base = sans(8.0, 10.0, Colour::MUTED);

/// Folios (page numbers).
pub const FOLIO: Base = Base {
    size: 9.0,
    ..RUNNING_HEAD
};

// ---------------------------------------------------------------- headings

/// A chapter's title, white on its opener band or photo.
pub const CHAPTER_TITLE: Base = sans_bold(28.0, 33.0, Colour::WHITE);

/// A pathway's heading, white on its full-width bar.
pub const PATHWAY_BAR: Base = sans_bold(16.0, 20.0, Colour::WHITE);

/// A level-2 heading (in its section's colour).
pub const H2: Base = sans_bold(15.0, 19.0, Colour::ACCENT);

/// A level-3 heading (in its section's colour).
pub const H3: Base = sans_bold(12.0, 15.5, Colour::ACCENT);

/// A level-4 (and deeper) heading.
pub const H4: Base = sans_bold(10.5, 14.0, Colour::TEXT);

/// A divider page's title, white on the chapter's colour.
pub const DIVIDER_TITLE: Base = sans_bold(40.0, 46.0, Colour::WHITE);

/// A divider page's tagline, under its title.
pub const DIVIDER_TAGLINE: Base = Base {
    italic: true,
    ..sans(14.0, 19.0, Colour::WHITE)
};

/// A photo's credit (on an opener band: in a tint of the band's colour).
pub const PHOTO_CREDIT: Base = Base {
    size: 6.5,
    leading: 8.0,
    ..SANS
};

// ---------------------------------------------------------------- contents

/// A chapter's entry in the contents.
pub const CONTENTS_CHAPTER: Base = sans_bold(11.0, 15.0, Colour::TEXT);

/// A section's entry in the contents.
pub const CONTENTS_SECTION: Base = sans(9.5, 12.5, Colour::TEXT);

// ------------------------------------------------------------------- cover

/// The network's name above the year.
pub const COVER_NETWORK: Base = sans(11.0, 14.0, Colour::MUTED);

/// The year, very large.
pub const COVER_YEAR: Base = sans_bold(96.0, 100.0, Colour::ACCENT);

/// The report's title under the year.
pub const COVER_TITLE: Base = sans_bold(32.0, 38.0, Colour::TEXT);

/// The subtitle.
pub const COVER_SUBTITLE: Base = sans(14.0, 18.0, Colour::MUTED);

/// The organisation, white over the pathway stripes.
pub const COVER_ORGANISATION: Base = sans_bold(18.0, 22.0, Colour::WHITE);

/// A pathway's name on its stripe.
pub const COVER_PATHWAY: Base = sans_bold(8.0, 10.0, Colour::WHITE);

// -------------------------------------------------------------- back cover

/// The back cover's title.
pub const BACK_TITLE: Base = sans_bold(26.0, 31.0, Colour::WHITE);

/// A back cover's sub-heading.
pub const BACK_HEADING: Base = sans_bold(15.0, 19.0, Colour::WHITE);

/// An address block on the back cover.
pub const BACK_ADDRESS: Base = sans(9.0, 13.5, Colour::WHITE);

/// A back-cover paragraph under the title (the website, a slogan).
pub const BACK_LEAD: Base = sans_bold(12.0, 16.0, Colour::WHITE);

/// A back-cover paragraph under a sub-heading (in a tint of the colour).
pub const BACK_NOTE: Base = sans(8.5, 12.5, Colour::WHITE);

/// The back cover's small print (in a tint of the colour).
pub const BACK_SMALL_PRINT: Base = sans(7.5, 10.5, Colour::WHITE);

/// The back cover's text when it flows over text pages.
pub const BACK_FLOWED: Base = sans(8.5, 12.0, Colour::TEXT);

// ----------------------------------------------- call-outs and key figures

/// A call-out's text, bold in the accent.
pub const CALLOUT: Base = sans_bold(11.0, 15.5, Colour::ACCENT);

/// A pull-quote's words, large serif italic in the accent.
pub const PULL_QUOTE: Base = Base {
    family: Family::Serif,
    size: 15.0,
    leading: 21.0,
    colour: Colour::ACCENT,
    bold: false,
    italic: true,
};

/// Who said a pull-quote.
pub const QUOTE_BY: Base = sans(9.0, 12.0, Colour::MUTED);

/// A pull-quote's large opening quotation mark (in a tint of the accent).
pub const QUOTE_MARK: Base = Base {
    family: Family::Serif,
    size: 60.0,
    leading: 60.0,
    colour: Colour::ACCENT,
    bold: true,
    italic: false,
};

/// A key figure's number, large and white on the band.
pub const KEY_FIGURE_NUMBER: Base = sans_bold(34.0, 38.0, Colour::WHITE);

/// A key figure's label under its number (in a tint of the band).
pub const KEY_FIGURE_LABEL: Base = sans(9.0, 12.0, Colour::WHITE);

// ----------------------------------------------------------------- figures

/// A figure's caption.
pub const CAPTION: Base = Base {
    italic: true,
    colour: Colour::MUTED,
    ..SANS
};

/// A figure's credit.
pub const CREDIT: Base = Base {
    size: 7.0,
    leading: 9.5,
    colour: Colour::MUTED,
    ..SANS
};

/// A table cell or chart label, bold or not, in `colour`.
pub const fn cell(bold: bool, colour: Colour) -> Base {
    Base {
        bold,
        colour,
        ..SANS
    }
}
