//! The back cover's row of supporters' logos: one height for every logo
//! (so none looks more important than another), a cap on width for long
//! wordmarks, and the white panel they sit on (logos are drawn for white
//! paper; the back cover is a colour field).

use super::Colour;
use crate::layout::text::Base;

/// Points in a millimetre.
const MM: f32 = 72.0 / 25.4;

/// Height every logo is scaled to: 13 mm, a business card's logo.
pub const LOGO_HEIGHT: f32 = 13.0 * MM;

/// Widest a logo is set: 45 mm. A long wordmark is scaled down to it
/// (and stands centred in the row's height) rather than crowding the row.
pub const LOGO_MAX_WIDTH: f32 = 45.0 * MM;

/// Between two logos in a row.
pub const LOGO_GAP: f32 = 8.0 * MM;

/// Between two rows, where the logos do not fit in one.
pub const LOGO_ROW_GAP: f32 = 5.0 * MM;

/// The panel's margin around the logos.
pub const LOGO_PANEL_PADDING: f32 = 4.0 * MM;

/// The panel behind the logos.
pub const LOGO_PANEL: Colour = Colour::WHITE;

/// Between the line that introduces the supporters and their row.
pub const LOGO_ROW_SPACE_ABOVE: f32 = 2.0 * MM;

/// A supporter's name where it has no logo: bold sans in the text colour
/// on the white panel, a line or two within [`LOGO_MAX_WIDTH`].
pub const LOGO_NAME: Base = Base {
    size: 9.0,
    leading: 11.5,
    bold: true,
    ..super::text::SANS
};
