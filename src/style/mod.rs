//! The design in one place: colours ([`colour`]), named text styles
//! ([`text`]), page geometry and the designed pages ([`page`]) and the
//! spacing of blocks in running text ([`space`]). compose, layout,
//! pdf, web and workbook read these names instead of literals, so a
//! designer changing the body size or the accent changes one line.

pub mod colour;
pub mod logos;
pub mod page;
pub mod space;
pub mod text;

pub use colour::{CHART_PALETTE, Colour, category_colour};
