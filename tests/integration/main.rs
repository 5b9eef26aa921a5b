//! The integration tests, as one test binary: linking the crate (with its
//! embedded fonts) once instead of once per file keeps `cargo test`'s build
//! time and target/ size down. Each module was a file of its own under
//! tests/ before; they now run in one process, concurrently, so a test
//! that needs a fixed path keeps it to itself (its own name under
//! CARGO_TARGET_TMPDIR), and no test changes the current directory or the
//! environment of the process.
//!
//! Run one module's tests with `cargo test --test integration photos::`.
//! tests/corpus.rs stays a harness of its own (libtest-mimic).

mod common;

mod atomic;
// The web edition in Chromium with axe and the Nu HTML Checker: by far the
// longest test (about 40 s). The harness starts tests in name order, so
// its module's name puts it among the first, to run beside the others
// rather than alone after them.
mod browser;
mod build;
mod design;
mod figures;
mod funders;
mod images;
mod layout_props;
mod logos;
mod new_report;
mod parity;
mod pdfjs;
mod photos;
mod print_edition;
mod report_content;
mod schema;
mod serve;
mod serve_browser;
mod svg;
mod tagged_pdf;
mod watch;
mod web;
mod workbooks;
