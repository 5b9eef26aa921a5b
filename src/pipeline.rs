//! Runs the stages for `folio build` and `folio check`: everything is made in
//! memory first, so an invalid report or a failed stage writes nothing, and
//! then each output is written atomically.

use crate::compose::{self, Document};
use crate::diagnostic::{Diagnostic, Failure};
use crate::layout::{
    self, Layout, LayoutError, fonts::FontSet, paragraph::Hyphenator, text::Setter,
};
use crate::load::Loaded;
use crate::model::Date;
pub use crate::output::{Folder, OutputFile, Rendered, Written};
use crate::{pdf, workbook};
use std::path::{Path, PathBuf};

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// The report is invalid (located problems).
    Invalid(Failure),
    /// An output could not be written.
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Invalid(fail) => f.write_str(&fail.render()),
            BuildError::Write { path, message } => {
                write!(f, "cannot write {}: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for BuildError {}

/// The metadata date: SOURCE_DATE_EPOCH (seconds) when set, else the report's.
pub fn date_override() -> Option<Date> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Date::from_days_since_epoch(secs.div_euclid(86_400)))
}

/// Composes and lays out the report (the PDF's pages), reporting a character
/// no font covers at its place in the file.
pub fn typeset(loaded: &Loaded, setter: &mut Setter) -> Result<(Document, Layout), Failure> {
    let mut doc = compose::compose(&loaded.report, date_override());
    doc.images = loaded.images.clone();
    let layout = layout::layout_with(&doc, setter).map_err(|e| layout_failure(loaded, e))?;
    Ok((doc, layout))
}

fn layout_failure(loaded: &Loaded, e: LayoutError) -> Failure {
    let d = match &e {
        LayoutError::Uncovered(c) => {
            let span = loaded.source.find(*c).map(|at| at..at + c.len_utf8());
            let msg = format!(
                "{e}; expected text in scripts the bundled fonts cover: Latin, Greek, Cyrillic, Chinese, Japanese, Korean"
            );
            let d = match span {
                Some(s) => Diagnostic::new(msg, s),
                None => Diagnostic::unlocated(msg),
            };
            d.with_hint("remove the character or replace it with text; emoji are not supported")
        }
        _ => Diagnostic::unlocated(e.to_string()),
    };
    loaded.failure(vec![d])
}

/// A setter with the bundled fonts and English hyphenation.
pub fn setter() -> Result<Setter, Failure> {
    let fonts = FontSet::load().map_err(|e| Failure {
        file: format!("fonts/{}", e.file),
        source: String::new(),
        diagnostics: vec![Diagnostic::unlocated(format!(
            "the bundled font fonts/{} cannot be read as a font",
            e.file
        ))],
    })?;
    Ok(Setter {
        fonts,
        hyph: Hyphenator::english(),
        images: Default::default(),
    })
}

/// Makes every output with a prepared setter (fonts parsed once, as `watch`
/// does); `csv` adds each workbook's data sheets as CSV files.
pub fn render(loaded: &Loaded, setter: &mut Setter, csv: bool) -> Result<Rendered, Failure> {
    let r = &loaded.report;
    let mut files = Vec::new();
    let mut pages = 0;
    let mut warnings = Vec::new();
    // Screen and print editions come from one layout; either may be asked
    // for alone.
    let editions = [
        (&r.output.pdf, pdf::Edition::Screen),
        (&r.output.print, pdf::Edition::Print),
    ];
    // The web edition is written from the document the PDF was laid out
    // from: composing it again would cost as much as the edition itself.
    let mut composed = None;
    if editions.iter().any(|(name, _)| name.is_some()) {
        let (doc, layout) = typeset(loaded, setter)?;
        pages = layout.pages.len();
        warnings = layout_warnings(loaded, &layout);
        for (name, edition) in editions {
            let Some(name) = name else { continue };
            let bytes = pdf::write_edition(&layout, &doc.meta, &doc.images, &setter.fonts, edition)
                .map_err(|e| pdf_failure(loaded, e))?;
            files.push(OutputFile {
                name: name.clone(),
                bytes,
            });
        }
        composed = Some(doc);
    }
    let date = date_override().unwrap_or_else(|| compose::report_date(r));
    let fail =
        |e: workbook::WorkbookError| loaded.failure(vec![Diagnostic::unlocated(e.to_string())]);
    for (name, book) in workbook::Book::named(&r.output) {
        let stem = name.strip_suffix(".xlsx").unwrap_or(name);
        for (name, bytes) in workbook::files(r, book, date, name, stem, csv).map_err(fail)? {
            files.push(OutputFile { name, bytes });
        }
    }
    let mut folders = Vec::new();
    if let Some(name) = &r.output.funders {
        // One workbook per funder, named by its id (checked at load to be
        // a plain file name), its data sheets beside it with `--csv`.
        let mut books = Vec::new();
        for (i, f) in r.funders.iter().enumerate() {
            let book = workbook::Book::Funder(i);
            let file = format!("{}.xlsx", f.id);
            books.extend(workbook::files(r, book, date, &file, &f.id, csv).map_err(fail)?);
        }
        folders.push(Folder {
            name: name.clone(),
            files: books,
        });
    }
    if let Some(name) = &r.output.html {
        let doc = composed.unwrap_or_else(|| {
            let mut doc = compose::compose(r, date_override());
            doc.images = loaded.images.clone();
            doc
        });
        let downloads = downloads(r);
        let edition = crate::web::write(&doc, &downloads);
        folders.push(Folder {
            name: name.clone(),
            files: edition.files,
        });
    }
    Ok(Rendered {
        files,
        folders,
        pages,
        warnings,
    })
}

/// The files built beside the web edition that it links to.
fn downloads(r: &crate::model::Report) -> Vec<crate::web::Download> {
    let o = &r.output;
    [
        (&o.pdf, "Download the printable report (PDF)"),
        (&o.events, "Events as a spreadsheet"),
        (&o.members, "Members as a spreadsheet"),
        (&o.publications, "Publications as a spreadsheet"),
    ]
    .into_iter()
    .filter_map(|(file, label)| {
        Some(crate::web::Download {
            label: label.to_string(),
            file: file.clone()?,
        })
    })
    .collect()
}

fn pdf_failure(loaded: &Loaded, e: pdf::PdfError) -> Failure {
    let d = match &e {
        pdf::PdfError::Image(src, _) => match image_span(loaded, src) {
            Some(span) => Diagnostic::new(e.to_string(), span),
            None => Diagnostic::unlocated(e.to_string()),
        },
        _ => Diagnostic::unlocated(e.to_string()),
    };
    loaded.failure(vec![d])
}

/// Where report.toml first names an image: in prose (`](src`) or as a
/// photo's `src = "…"`.
fn image_span(loaded: &Loaded, src: &str) -> Option<std::ops::Range<usize>> {
    let text = &loaded.source;
    let prose = text.find(&format!("]({src}")).map(|at| at + 2);
    let photo = text.find(&format!("\"{src}\"")).map(|at| at + 1);
    let at = match (prose, photo) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(at..at + src.len())
}

/// Warnings from the laid-out pages: each image printed below
/// [`layout::MIN_PPI`] at the size it is placed, once, at its coarsest,
/// located where report.toml names it.
///
/// ```no_run
/// # let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// # let mut setter = folio::pipeline::setter().unwrap();
/// let (_, layout) = folio::pipeline::typeset(&loaded, &mut setter).unwrap();
/// for w in folio::pipeline::layout_warnings(&loaded, &layout) {
///     println!("{}", w.message);
/// }
/// ```
pub fn layout_warnings(loaded: &Loaded, layout: &Layout) -> Vec<Diagnostic> {
    let mut coarsest: Vec<&layout::Placement> = Vec::new();
    for p in &layout.placements {
        match coarsest.iter_mut().find(|c| c.src == p.src) {
            Some(c) if p.ppi < c.ppi => *c = p,
            Some(_) => {}
            None => coarsest.push(p),
        }
    }
    coarsest
        .into_iter()
        .filter(|p| p.ppi < layout::MIN_PPI)
        // Vectors print sharp at any size.
        .filter(|p| {
            loaded
                .images
                .get(&p.src)
                .is_none_or(|i| i.encoding != crate::images::Encoding::Svg)
        })
        .map(|p| {
            let message = format!(
                "image \"{}\" prints at {:.0} ppi on page {} ({:.0} × {:.0} mm); expected at least {:.0} ppi for print",
                p.src,
                p.ppi,
                p.page,
                p.size.0 / 72.0 * 25.4,
                p.size.1 / 72.0 * 25.4,
                layout::MIN_PPI
            );
            let want = layout::MIN_PPI / p.ppi;
            let hint = match loaded.images.get(&p.src).map(|i| i.shown_size()) {
                Some((w, h)) => format!(
                    "use a larger original (about {} × {} pixels), or set it smaller (width=half)",
                    (w as f32 * want).ceil() as u32,
                    (h as f32 * want).ceil() as u32
                ),
                None => "use a larger original, or set it smaller (width=half)".to_string(),
            };
            let d = match image_span(loaded, &p.src) {
                Some(span) => Diagnostic::warning(message, span),
                None => {
                    let mut d = Diagnostic::unlocated(message);
                    d.severity = crate::diagnostic::Severity::Warning;
                    d
                }
            };
            d.with_hint(hint)
        })
        .collect()
}

/// Writes the files and the manifest into `out`, all or nothing (see
/// [`crate::output::write_all`]).
fn write(rendered: &Rendered, out: &Path, manifest: &str) -> Result<Written, BuildError> {
    if out.exists() && !out.is_dir() {
        return Err(BuildError::Write {
            path: out.to_path_buf(),
            message: "it is a file; expected a folder for the outputs (--out)".into(),
        });
    }
    let files: Vec<(&str, &[u8])> = rendered
        .files
        .iter()
        .map(|a| (a.name.as_str(), a.bytes.as_slice()))
        .collect();
    let own = (crate::changes::MANIFEST, manifest.as_bytes());
    crate::output::write_outputs(out, &files, &rendered.folders, Some(own)).map_err(|e| {
        BuildError::Write {
            path: out.to_path_buf(),
            message: e.to_string(),
        }
    })
}

/// What a finished build tells the user.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Files written, and those already as this build makes them.
    pub written: Written,
    /// Files in the folder that this build did not write (left from an
    /// earlier build, or put there by someone).
    pub extras: Vec<String>,
    /// PDF pages.
    pub pages: usize,
    /// What changed since the previous build into the same folder.
    pub changes: String,
    /// Warnings from layout (images too coarse for print).
    pub warnings: Vec<Diagnostic>,
}

impl BuildReport {
    /// The line `folio build` and `folio watch` close a build with: "built
    /// report.toml in 41 ms: 33 pages; no change".
    pub fn closing_line(&self, report: &Path, start: std::time::Instant) -> String {
        format!(
            "built {} in {} ms: {} pages; {}",
            report.display(),
            start.elapsed().as_millis(),
            self.pages,
            self.changes
        )
    }
}

/// Renders, writes and records a build in `out`, with the change summary
/// against the previous build there.
pub fn build(
    loaded: &Loaded,
    out: &Path,
    setter: &mut Setter,
    csv: bool,
) -> Result<BuildReport, BuildError> {
    let rendered = render(loaded, setter, csv).map_err(BuildError::Invalid)?;
    let previous = crate::changes::Snapshot::read(out);
    let snap = crate::changes::Snapshot::of(&loaded.report, &rendered);
    let written = write(&rendered, out, &snap.to_text())?;
    let changes = match previous {
        Some(old) => crate::changes::summary(&old, &snap),
        None => "first build".to_string(),
    };
    let names: Vec<&str> = rendered
        .files
        .iter()
        .map(|a| a.name.as_str())
        .chain(rendered.folders.iter().map(|f| f.name.as_str()))
        .collect();
    Ok(BuildReport {
        extras: crate::output::extras(out, &names),
        written,
        pages: rendered.pages,
        changes,
        warnings: rendered.warnings,
    })
}
