//! TOML → validated [`Report`]: every problem found in one pass, each with its
//! place in the file, and nothing handed on unless the whole file is sound.

mod slips;
pub mod syntax;
mod validate;

#[cfg(test)]
mod tests;

use crate::diagnostic::{Diagnostic, Failure, Severity};
use crate::images::Image;
use crate::model::*;
use serde::de::DeserializeOwned;
use slips::{control_characters, escaped_control_characters, single_table_headers};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// Largest report file accepted; a bigger one is almost surely not a report.
pub const MAX_REPORT_BYTES: u64 = 64 * 1024 * 1024;

/// How a report file is read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Let image paths be absolute or leave the report's folder. Off by
    /// default, so a report from someone else cannot pull arbitrary local
    /// files into a PDF that gets shared.
    pub allow_outside_paths: bool,
}

/// A report that passed validation, with the text it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated model.
    pub report: Report,
    /// File name as given.
    pub file: String,
    /// The file's text, for locating later problems (a character no font covers).
    pub source: String,
    /// The folder relative paths in the report are resolved against.
    pub base: PathBuf,
    /// Images report.toml names (prose, photos, funders' logos), probed,
    /// by their path as written.
    pub images: BTreeMap<String, Image>,
    /// Problems that do not stop a build (sections not written yet).
    pub warnings: Vec<Diagnostic>,
}

impl Loaded {
    /// A located problem found after loading (layout, images, fonts).
    pub fn failure(&self, diagnostics: Vec<Diagnostic>) -> Failure {
        Failure {
            file: self.file.clone(),
            source: self.source.clone(),
            diagnostics,
        }
    }
}

/// Reads and validates a report file.
///
/// ```no_run
/// let loaded = folio::load::load_file("report.toml".as_ref()).unwrap();
/// assert!(!loaded.report.sections.is_empty());
/// ```
pub fn load_file(path: &Path) -> Result<Loaded, Failure> {
    load_file_with(path, &Options::default())
}

/// Reads and validates a report file with options.
pub fn load_file_with(path: &Path, opts: &Options) -> Result<Loaded, Failure> {
    let file = path.display().to_string();
    let fail = |msg: String| Failure {
        file: file.clone(),
        source: String::new(),
        diagnostics: vec![Diagnostic::unlocated(msg)],
    };
    let meta = std::fs::metadata(path).map_err(|e| {
        let mut f = fail(format!("cannot read {file}: {e}"));
        if e.kind() == std::io::ErrorKind::NotFound {
            // What a user meant is most often a report in this folder.
            let here = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let mut reports: Vec<String> = std::fs::read_dir(here)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml") && !n.starts_with('.'))
                // A report has a [report] table (Cargo.toml has not).
                .filter(|n| {
                    std::fs::read_to_string(here.join(n))
                        .is_ok_and(|t| t.lines().any(|l| l.trim() == "[report]"))
                })
                .collect();
            reports.sort();
            let hint = if reports.is_empty() {
                format!(
                    "there is no .toml file in {}; start one with `folio new YEAR --from OTHER.toml`, or give the path of a report",
                    here.display()
                )
            } else {
                format!("the report files in {} are: {}", here.display(), reports.join(", "))
            };
            f.diagnostics[0] = f.diagnostics[0].clone().with_hint(hint);
        }
        f
    })?;
    if meta.is_dir() {
        return Err(fail(format!(
            "{file} is a folder; expected a report file such as report.toml"
        )));
    }
    if meta.len() > MAX_REPORT_BYTES {
        return Err(fail(format!(
            "{file} is {} MiB; the limit for a report file is {} MiB",
            meta.len() >> 20,
            MAX_REPORT_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read {file}: {e}")))?;
    let base = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    load_bytes_in(&file, &bytes, &base, opts)
}

/// Validates report text already in memory; `file` names it in messages.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Loaded, Failure> {
    load_bytes_in(file, bytes, Path::new("."), &Options::default())
}

fn load_bytes_in(file: &str, bytes: &[u8], base: &Path, opts: &Options) -> Result<Loaded, Failure> {
    match std::str::from_utf8(bytes) {
        Ok(src) => load_str_in(file, src, base, opts),
        Err(e) => {
            let source = String::from_utf8_lossy(bytes).into_owned();
            // The lossy text has the same prefix up to the bad byte.
            let at = e.valid_up_to();
            Err(Failure {
                file: file.to_string(),
                source,
                diagnostics: vec![
                    Diagnostic::new(
                        "the file is not valid UTF-8 text; expected a TOML file saved as UTF-8",
                        at..at + 1,
                    )
                    .with_hint("save the file as UTF-8 in your editor"),
                ],
            })
        }
    }
}

/// Validates report text; relative paths resolve against the current folder.
pub fn load_str(file: &str, src: &str) -> Result<Loaded, Failure> {
    load_str_in(file, src, Path::new("."), &Options::default())
}

/// Validates report text whose relative paths resolve against `base`.
pub fn load_str_in(file: &str, src: &str, base: &Path, opts: &Options) -> Result<Loaded, Failure> {
    let failure = |diagnostics| Failure {
        file: file.to_string(),
        source: src.to_string(),
        diagnostics,
    };
    let mut diags = control_characters(src);
    let (root, errors) = DeTable::parse_recoverable(src);
    // `[events]` for `[[events]]`: one message at the header, not a
    // "duplicate key" for every later entry.
    let single = single_table_headers(src);
    for e in errors {
        if !single.is_empty() && e.message().contains("duplicate") {
            continue;
        }
        let span = e.span().unwrap_or(0..0);
        diags.push(syntax::explain(src, span.clone()).unwrap_or_else(|| {
            Diagnostic::new(
                format!("TOML syntax error: {}", first_line(e.message())),
                span,
            )
        }));
    }
    diags.extend(single);
    // One slip can trip the parser more than once on the same line.
    diags.dedup_by(|a, b| a.message == b.message && a.span == b.span);
    if !diags.is_empty() {
        diags.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
        return Err(failure(diags));
    }
    let root_span = root.span();
    let table = root.into_inner();
    escaped_control_characters(&table, None, src, &mut diags);
    let report = build(&table, root_span, &mut diags);
    let mut images = BTreeMap::new();
    // Cross-checks index entries by position, so they need every entry read.
    if let (Some(report), true) = (&report, diags.is_empty()) {
        validate::check(report, &table, src, &mut diags);
        images = validate::images(report, &table, src, base, opts, &mut diags);
    }
    diags.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    diags.dedup();
    let errors = diags.iter().any(|d| d.severity == Severity::Error);
    match report {
        Some(report) if !errors => Ok(Loaded {
            report,
            file: file.to_string(),
            source: src.to_string(),
            base: base.to_path_buf(),
            images,
            warnings: diags,
        }),
        _ => Err(failure(diags)),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

fn build(
    table: &DeTable<'_>,
    root_span: Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Report> {
    let top_keys = top_keys();
    for (k, _) in table.iter() {
        if !top_keys.contains(&k.get_ref().as_ref()) {
            diags.push(unknown_key(
                k.get_ref(),
                k.span(),
                top_keys,
                "a top-level table",
            ));
        }
    }
    let meta = match table.get("report") {
        Some(v) => one::<Meta>(v, diags),
        None => {
            diags.push(
                Diagnostic::new(
                    "the [report] table is missing; expected the report's title, organisation, year, language, author and date",
                    root_span.start..root_span.start,
                )
                .with_hint("start the file with [report] and title = \"…\""),
            );
            None
        }
    };
    let output = table
        .get("output")
        .and_then(|v| one::<Outputs>(v, diags))
        .unwrap_or_default();
    let worldwide = table
        .get("worldwide")
        .and_then(|v| one::<Worldwide>(v, diags));
    Report::assemble(meta, output, worldwide, &mut Tables { table, diags })
}

/// Reads the data tables for [`Report::assemble`], an entry at a time.
struct Tables<'a, 'i> {
    table: &'a DeTable<'i>,
    diags: &'a mut Vec<Diagnostic>,
}

impl ReadTable for Tables<'_, '_> {
    fn read<R: Record + DeserializeOwned>(&mut self, name: &str) -> Vec<R> {
        many(self.table, name, self.diags)
    }
}

/// Deserializes one value, turning serde's message into a located diagnostic.
fn one<T: DeserializeOwned>(v: &Spanned<DeValue<'_>>, diags: &mut Vec<Diagnostic>) -> Option<T> {
    match T::deserialize(ValueDeserializer::from(v.clone())) {
        Ok(t) => Some(t),
        Err(e) => {
            diags.push(serde_diagnostic(&e, v));
            None
        }
    }
}

/// Deserializes each element of an array of tables on its own, so one bad
/// event does not hide the problems of the next.
fn many<T: DeserializeOwned>(
    table: &DeTable<'_>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let Some(v) = table.get(key) else {
        return Vec::new();
    };
    match v.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| one::<T>(item, diags))
            .collect(),
        other => {
            diags.push(
                Diagnostic::new(
                    format!(
                        "`{key}` is {}; expected an array of tables written as [[{key}]]",
                        article(other.type_str())
                    ),
                    v.span(),
                )
                .with_hint(format!("write each entry under its own [[{key}]] header")),
            );
            Vec::new()
        }
    }
}

/// serde's Rust type names in words a report editor knows.
fn plain_types(s: &str) -> String {
    let mut out = s.to_string();
    for (from, to) in [
        ("expected i32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u8", "expected a whole number from 1 to 4"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list in [brackets]"),
    ] {
        out = out.replace(from, to);
    }
    out
}

fn article(t: &str) -> String {
    match t.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {t}"),
        _ => format!("a {t}"),
    }
}

/// Rewrites a serde error into our wording, locating unknown and missing keys.
fn serde_diagnostic(e: &toml::de::Error, v: &Spanned<DeValue<'_>>) -> Diagnostic {
    let msg = first_line(e.message());
    let span = e.span().unwrap_or_else(|| v.span());
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let key_span = find_key(v, name).unwrap_or(span);
        return unknown_key(name, key_span, &expected, "a key here");
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::new(
            format!("required key `{name}` is missing from this table"),
            v.span(),
        )
        .with_hint(format!("add {name} = … to this entry"));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let mut d = Diagnostic::new(
            format!(
                "\"{name}\" is not allowed here; expected one of {}",
                expected
                    .iter()
                    .map(|x| format!("\"{x}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            span,
        );
        if let Some(best) = closest(name, &expected) {
            d = d.with_hint(format!("did you mean \"{best}\"?"));
        }
        return d;
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some(d) = quoted_date(rest, span.clone()) {
            return d;
        }
        return Diagnostic::new(format!("wrong type: found {}", plain_types(rest)), span);
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        return Diagnostic::new(format!("wrong value: found {}", plain_types(rest)), span);
    }
    Diagnostic::new(msg.to_string(), span)
}

/// A date in quotes (`start = "2023-04-10"`): TOML reads it as text.
fn quoted_date(rest: &str, span: Range<usize>) -> Option<Diagnostic> {
    let (found, expected) = rest.split_once(", expected ")?;
    if !expected.contains("datetime") && !expected.contains("date") {
        return None;
    }
    let text = found.strip_prefix("string \"")?.strip_suffix('"')?;
    let looks_like_date = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    Some(if looks_like_date {
        Diagnostic::new(
            format!(
                "wrong type: found the text \"{text}\"; dates are written without quotes: {text}"
            ),
            span,
        )
        .with_hint(format!("write {text} (no quotes)"))
    } else {
        Diagnostic::new(
            format!("wrong type: found the text \"{text}\"; expected a date written without quotes, such as 2023-04-10"),
            span,
        )
        .with_hint("write the year, month and day as YYYY-MM-DD, without quotes")
    })
}

fn unknown_key(name: &str, span: Range<usize>, expected: &[&str], what: &str) -> Diagnostic {
    let mut d = Diagnostic::new(
        format!(
            "unknown key `{name}`; expected {what}: {}",
            expected
                .iter()
                .map(|x| format!("`{x}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        span,
    );
    if let Some(best) = closest(name, expected) {
        d = d.with_hint(format!("did you mean `{best}`?"));
    }
    d
}

/// The nearest allowed name, if it is near enough to be a typo.
pub(crate) fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4) && *d < name.len().max(1))
        .min()
        .map(|(_, c)| c)
}

/// Span of the first key called `name` in a (nested) table.
fn find_key(v: &Spanned<DeValue<'_>>, name: &str) -> Option<Range<usize>> {
    match v.get_ref() {
        DeValue::Table(t) => t.iter().find_map(|(k, val)| {
            if k.get_ref() == name {
                Some(k.span())
            } else {
                find_key(val, name)
            }
        }),
        DeValue::Array(a) => a.iter().find_map(|x| find_key(x, name)),
        _ => None,
    }
}
