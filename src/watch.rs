//! `folio watch`: build, then rebuild whenever the report or an image it uses
//! is saved. Editors save in several steps (write a temporary file, rename
//! it), so events are debounced and the report's folder is watched rather
//! than the file. An invalid edit prints its located errors and leaves the
//! last good outputs alone; the next good save rebuilds.

use crate::load::{self, Options};
use crate::pipeline::{self, BuildError};
use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the file system must be quiet before a rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// What `folio build`'s flags add to the outputs report.toml asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Also {
    /// Each workbook's data sheets as CSV (`--csv`).
    pub csv: bool,
    /// The print-shop edition (`--print`).
    pub print: bool,
    /// The web edition (`--html`).
    pub html: bool,
}

/// How a build went, for `folio serve`'s pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Built; the web edition's folder name, when one was written.
    Built(Option<String>),
    /// Not rebuilt: the problems as `folio check` words them.
    Failed(String),
}

/// Builds once, then watches until the process is stopped.
pub fn run(report: &Path, out: &Path, opts: &Options, also: Also) -> Result<(), String> {
    run_with(report, out, opts, also, &mut |_| {})
}

/// [`run`], telling `on_build` how each build went.
pub fn run_with(
    report: &Path,
    out: &Path,
    opts: &Options,
    also: Also,
    on_build: &mut dyn FnMut(Status),
) -> Result<(), String> {
    let mut setter = pipeline::setter().map_err(|f| f.render())?;
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(DEBOUNCE, tx).map_err(|e| format!("cannot watch files: {e}"))?;
    let report_abs = absolute(report);
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    // Watch the report's folder before the first build, so a save made
    // while it runs is not missed.
    if let Some(dir) = report_abs.parent() {
        debouncer
            .watcher()
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
        watched.insert(dir.to_path_buf());
    }
    let (mut inputs, mut seen) = once(report, &report_abs, out, opts, also, &mut setter, on_build);
    loop {
        // Watch the folders of every input (new images may appear after an
        // edit). A folder that does not exist yet (an images folder still
        // to be made) is watched once it does.
        let mut newly = false;
        for dir in inputs
            .iter()
            .filter_map(|p| p.parent().map(Path::to_path_buf))
        {
            if !watched.contains(&dir) && dir.is_dir() {
                debouncer
                    .watcher()
                    .watch(&dir, RecursiveMode::NonRecursive)
                    .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
                watched.insert(dir);
                newly = true;
            }
        }
        // A folder made with its images in it brings no event for them.
        if newly && fingerprint(&inputs) != seen {
            (inputs, seen) = once(report, &report_abs, out, opts, also, &mut setter, on_build);
            continue;
        }
        let Ok(events) = rx.recv() else {
            return Ok(());
        };
        let Ok(events) = events else { continue };
        let touched = events.iter().any(|e| inputs.contains(&absolute(&e.path)));
        // Reading a file is an event too (our own build reads the report):
        // rebuild only when an input's bytes really changed.
        if touched && fingerprint(&inputs) != seen {
            (inputs, seen) = once(report, &report_abs, out, opts, also, &mut setter, on_build);
        }
    }
}

/// One build with its status line; returns the files it depends on and
/// their fingerprints as read (taken before the build, so a save made
/// during it still triggers the next one).
fn once(
    report: &Path,
    report_abs: &Path,
    out: &Path,
    opts: &Options,
    also: Also,
    setter: &mut crate::layout::text::Setter,
    on_build: &mut dyn FnMut(Status),
) -> (Vec<PathBuf>, Vec<Option<u128>>) {
    let start = Instant::now();
    let mut inputs = vec![report_abs.to_path_buf()];
    let mut seen = fingerprint(&inputs);
    let stdout = std::io::stdout();
    match load::load_file_with(report, opts) {
        Err(f) => {
            // The images the report names are inputs too: adding a
            // missing one rebuilds, without another save of the report.
            inputs.extend(referenced_images(report_abs, opts));
            seen = fingerprint(&inputs);
            let text = f.render_closing("; the last good outputs are unchanged");
            eprint!("{}", f.render());
            println!(
                "{} not rebuilt: {} problem(s); the last good outputs are unchanged",
                report.display(),
                f.diagnostics.len()
            );
            on_build(Status::Failed(text));
        }
        Ok(mut loaded) => {
            if also.html {
                loaded.report.output.want_web_edition();
            }
            if also.print {
                loaded.report.output.want_print_edition();
            }
            // The images as they are on disk (the loaded bytes of a JPEG
            // have its metadata cut out, so they cannot be compared).
            let images: Vec<PathBuf> = loaded.images.values().map(|i| absolute(&i.path)).collect();
            seen.extend(fingerprint(&images));
            inputs.extend(images);
            eprint!("{}", loaded.failure(loaded.warnings.clone()).render_each());
            match pipeline::build(&loaded, out, setter, also.csv) {
                Ok(b) => {
                    on_build(Status::Built(loaded.report.output.html.clone()));
                    eprint!("{}", loaded.failure(b.warnings.clone()).render_each());
                    println!("{}", b.closing_line(report, start))
                }
                Err(BuildError::Invalid(f)) => {
                    on_build(Status::Failed(
                        f.render_closing("; the last good outputs are unchanged"),
                    ));
                    eprint!("{}", f.render());
                    println!(
                        "{} not rebuilt; the last good outputs are unchanged",
                        report.display()
                    );
                }
                Err(e) => {
                    on_build(Status::Failed(format!("error: {e}")));
                    println!("error: {e}")
                }
            }
        }
    }
    let _ = stdout.lock().flush();
    (inputs, seen)
}

/// The images a report that did not load names, as far as its text can be
/// read: each section's photo and the images in its body, resolved as the
/// loader would (paths it refuses are left out).
fn referenced_images(report_abs: &Path, opts: &Options) -> Vec<PathBuf> {
    let Ok(text) = std::fs::read_to_string(report_abs) else {
        return Vec::new();
    };
    let Ok(doc) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let base = report_abs.parent().unwrap_or(Path::new("."));
    let mut srcs: Vec<String> = Vec::new();
    for s in doc
        .get("sections")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(src) = s
            .get("photo")
            .and_then(|p| p.get("src"))
            .and_then(toml::Value::as_str)
        {
            srcs.push(src.to_string());
        }
        if let Some(body) = s.get("body").and_then(toml::Value::as_str) {
            srcs.extend(
                crate::markdown::image_references(body)
                    .into_iter()
                    .map(|r| r.src),
            );
        }
    }
    srcs.iter()
        .filter_map(|src| crate::images::joined(base, src, opts.allow_outside_paths).ok())
        .map(|p| absolute(&p))
        .collect()
}

/// Content hashes of the inputs (missing files hash as absent).
fn fingerprint(inputs: &[PathBuf]) -> Vec<Option<u128>> {
    inputs
        .iter()
        .map(|p| std::fs::read(p).ok().map(|b| crate::fingerprint::of(&b)))
        .collect()
}

fn absolute(p: &Path) -> PathBuf {
    let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Canonical where the file exists, so event paths compare equal.
    p.canonicalize().unwrap_or(p)
}
