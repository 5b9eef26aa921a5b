//! The colours: the brand's, the text shades derived from them, the chart
//! palette and the tints the design lays over a colour. The PDF, the
//! workbooks and the web edition all take their colours from here.

use crate::model::{Category, parse_colour};

/// An RGB colour, components in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    /// The report's accent when a section has no pathway: chapter bands,
    /// links, call-outs and key figures in the PDF, the workbooks' headings,
    /// the web edition's fallback accent and links.
    pub const ACCENT: Colour = Colour(0.0, 0.34, 0.55);
    /// Body text.
    pub const TEXT: Colour = Colour(0.13, 0.13, 0.15);
    /// Secondary text (captions, running heads).
    pub const MUTED: Colour = Colour(0.40, 0.42, 0.45);
    /// Body text on screen: the web edition's text colour, a hair
    /// greener than [`Colour::TEXT`] as the edition was first designed.
    pub const SCREEN_TEXT: Colour = Colour::rgb8(0x21, 0x22, 0x26);
    /// Secondary text on screen: a shade darker than [`Colour::MUTED`], so
    /// the web edition's captions and notes read well over 4.5:1 on its
    /// tint at screen sizes (the readers' issue).
    pub const SCREEN_MUTED: Colour = Colour::rgb8(0x55, 0x5a, 0x60);
    /// Table rules and tints.
    pub const RULE: Colour = Colour(0.78, 0.80, 0.82);
    /// The pale ground behind the web edition's group rows and call-outs
    /// (`--tint`); the text shades are checked against it.
    pub const TINT: Colour = Colour::rgb8(243, 245, 246);
    /// The near-black strip a full-page photo's caption sits on.
    pub const PHOTO_STRIP: Colour = Colour(0.08, 0.09, 0.11);
    /// White.
    pub const WHITE: Colour = Colour(1.0, 1.0, 1.0);

    /// From 8-bit channels, as a design tool gives them.
    pub const fn rgb8(r: u8, g: u8, b: u8) -> Colour {
        Colour(r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0)
    }

    /// A lighter tint: `t` = 0 is the colour, 1 is white.
    pub fn tint(self, t: f32) -> Colour {
        Colour(
            self.0 + (1.0 - self.0) * t,
            self.1 + (1.0 - self.1) * t,
            self.2 + (1.0 - self.2) * t,
        )
    }

    /// Light enough that text in it belongs on a dark ground (relative
    /// luminance above one half, as WCAG computes it from sRGB).
    ///
    /// ```
    /// use folio::style::Colour;
    /// assert!(Colour::WHITE.is_light() && !Colour::TEXT.is_light());
    /// ```
    pub fn is_light(self) -> bool {
        self.luminance() > 0.5
    }

    /// Relative luminance, as WCAG 2 computes it from sRGB.
    pub fn luminance(self) -> f32 {
        let lin = |c: f32| {
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG contrast ratio with another colour, 1 to 21.
    ///
    /// ```
    /// use folio::style::Colour;
    /// assert!((Colour(0.0, 0.0, 0.0).contrast(Colour::WHITE) - 21.0).abs() < 0.01);
    /// ```
    pub fn contrast(self, other: Colour) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// A darker shade: `t` = 0 is the colour, 1 is black.
    pub fn shade(self, t: f32) -> Colour {
        Colour(self.0 * (1.0 - t), self.1 * (1.0 - t), self.2 * (1.0 - t))
    }

    /// The colour itself where it reaches `ratio` against `ground`, else
    /// the lightest shade of it that does: brand colours stay for fields
    /// and bands, and text (or white text on them) gets a shade that reads
    /// (4.5:1 for body text, 3:1 for large text, WCAG AA).
    ///
    /// ```
    /// use folio::style::Colour;
    /// let green = Colour::hex("#3A9A45");
    /// assert!(green.contrast(Colour::WHITE) < 4.5);
    /// let text = green.readable_on(Colour::WHITE, 4.5);
    /// assert!(text.contrast(Colour::WHITE) >= 4.5 && text.contrast(Colour::WHITE) < 4.7);
    /// ```
    pub fn readable_on(self, ground: Colour, ratio: f32) -> Colour {
        let darker = ground.luminance() > 0.18;
        (0..=200)
            .map(|i| {
                let t = i as f32 / 200.0;
                let c = if darker { self.shade(t) } else { self.tint(t) };
                // As it will be written (8 bits a channel in CSS, and
                // checked as written), so rounding cannot undo the ratio.
                Colour::hex(&c.css())
            })
            .find(|c| c.contrast(ground) >= ratio)
            .unwrap_or(if darker {
                Colour(0.0, 0.0, 0.0)
            } else {
                Colour::WHITE
            })
    }

    /// `#rrggbb`.
    ///
    /// ```
    /// assert_eq!(folio::style::Colour(1.0, 0.5, 0.0).css(), "#ff8000");
    /// ```
    pub fn css(self) -> String {
        let b = |c: f32| (c.clamp(0.0, 1.0) * 255.0).round() as u8;
        format!("#{:02x}{:02x}{:02x}", b(self.0), b(self.1), b(self.2))
    }

    /// As `0xRRGGBB`, 8 bits a channel rounded as [`Colour::css`] rounds
    /// (what spreadsheet formats take).
    ///
    /// ```
    /// assert_eq!(folio::style::Colour::ACCENT.rgb(), 0x00578C);
    /// ```
    pub fn rgb(self) -> u32 {
        let b = |c: f32| u32::from((c.clamp(0.0, 1.0) * 255.0).round() as u8);
        (b(self.0) << 16) | (b(self.1) << 8) | b(self.2)
    }

    /// From `#RRGGBB` (validated at load time).
    pub fn hex(s: &str) -> Colour {
        parse_colour(s).map_or(Colour::ACCENT, |(r, g, b)| Colour(r, g, b))
    }
}

/// An event category's colour in every chart that splits events by
/// category (the PDF's, the web edition's and the events workbook's): fixed
/// by the category's place in [`Category::ALL`], so a category keeps its
/// colour in a year where another has no events.
///
/// ```
/// use folio::{model::Category, style::{category_colour, CHART_PALETTE}};
/// assert_eq!(category_colour(Category::ALL[0]), CHART_PALETTE[0]);
/// assert_eq!(category_colour(Category::SideEvent), CHART_PALETTE[3]);
/// ```
pub fn category_colour(c: Category) -> Colour {
    let i = Category::ALL.iter().position(|&x| x == c).unwrap_or(0);
    CHART_PALETTE[i % CHART_PALETTE.len()]
}

/// The charts' series colours, in order (a chart with more series than
/// these starts again at the first).
pub const CHART_PALETTE: [Colour; 4] = [
    Colour(0.11, 0.46, 0.73),
    Colour(0.23, 0.60, 0.27),
    Colour(0.90, 0.45, 0.16),
    Colour(0.56, 0.23, 0.55),
];
