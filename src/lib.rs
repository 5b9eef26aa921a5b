//! folio turns one TOML report definition into a typeset annual report (PDF)
//! and the Excel workbooks funders ask for.
//!
//! The pipeline runs one way, each stage a module with plain data between:
//!
//! ```text
//! load (TOML → Report) → compose (Report → Document) → layout (→ pages) → pdf
//!                      ↘ workbook (Report → .xlsx)
//! ```
//!
//! [`pipeline`] runs the stages and writes the outputs atomically.

// Items public only for their siblings are `pub(crate)`, so the compiler
// reports those nothing uses.
#![warn(unreachable_pub)]

pub mod changes;
pub mod compose;
pub mod diagnostic;
pub mod fingerprint;
pub mod images;
pub mod lang;
pub mod layout;
pub mod load;
pub mod markdown;
pub mod model;
pub mod next_year;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod serve;
pub mod style;
pub mod watch;
pub mod web;
pub mod workbook;

/// The 2023 report as first transcribed, frozen: unit tests that check
/// particular data read it, so editing report.toml never breaks them.
#[cfg(test)]
pub(crate) const FROZEN_2023: &str = "tests/fixtures/report-2023/report.toml";
