//! The design in one place: colours ([`colour`]), named text styles
//! ([`text`]) and page geometry and spacing ([`page`]). compose, layout,
//! pdf, web and workbook read these names instead of literals, so a
//! designer changing the body size or the accent changes one line.

pub mod colour;
pub mod logos;
pub mod text;

pub use colour::{CHART_PALETTE, Colour};
