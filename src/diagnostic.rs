//! Located problems in a report file, rendered the way compilers do: file,
//! line and column, the offending line, what was expected.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use std::ops::Range;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build: nothing is written.
    #[default]
    Error,
    /// Reported, but the build goes on (a section not written yet).
    Warning,
}

/// One problem found in an input file.
///
/// ```
/// use folio::diagnostic::Diagnostic;
/// let d = Diagnostic::new("unknown key `titel`", 0..5).with_hint("did you mean `title`?");
/// assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong and what was expected.
    pub message: String,
    /// Byte range in the source; `None` when the problem has no place (an unreadable file).
    pub span: Option<Range<usize>>,
    /// How to fix it, when we can tell.
    pub hint: Option<String>,
    /// Error or warning.
    pub severity: Severity,
}

impl Diagnostic {
    /// A problem at `span`.
    pub fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        Diagnostic {
            message: message.into(),
            span: Some(span),
            hint: None,
            severity: Severity::Error,
        }
    }

    /// A warning at `span`: reported, but nothing stops.
    pub fn warning(message: impl Into<String>, span: Range<usize>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(message, span)
        }
    }

    /// A problem with no place in the source.
    pub fn unlocated(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: None,
            hint: None,
            severity: Severity::Error,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The problems of one file, with the file's name and text to render them.
#[derive(Debug, Clone)]
pub struct Failure {
    /// File name as the user gave it.
    pub file: String,
    /// The file's text (empty when it could not be read).
    pub source: String,
    /// All problems found, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.source, offset)
    }

    /// Renders every problem as plain text (no colour), closing with how
    /// many there are and that nothing was written (a failed build).
    pub fn render(&self) -> String {
        self.render_closing("; nothing was written")
    }

    /// Renders every problem, closing with how many there are and `then`.
    pub fn render_closing(&self, then: &str) -> String {
        let mut out = self.render_each();
        let n = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        out.push_str(&format!(
            "{}: {} problem{} found{then}\n",
            printable(&self.file),
            thousands(n),
            if n == 1 { "" } else { "s" }
        ));
        out
    }

    /// Renders each diagnostic, without a closing line (warnings of a
    /// report that builds). The first [`SHOWN`] are shown in full and the
    /// rest counted, each source line is cut to a window around its span,
    /// and control characters are shown escaped, so the output stays small
    /// and cannot drive the terminal whatever the input.
    pub fn render_each(&self) -> String {
        let mut out = String::new();
        let config = term::Config::default();
        for d in self.diagnostics.iter().take(SHOWN) {
            let cs = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            };
            let mut cs = cs.with_message(printable(&d.message));
            if let Some(h) = &d.hint {
                cs = cs.with_notes(vec![format!("hint: {}", printable(h))]);
            }
            // Rendering into a memory buffer cannot fail for a span inside
            // the line shown.
            match &d.span {
                Some(span) => {
                    let (file, span) = OneLine::new(&self.file, &self.source, span.clone());
                    let cs = cs.with_labels(vec![Label::primary((), span)]);
                    let _ = term::emit_to_string(&mut out, &config, &file, &cs);
                }
                None => {
                    let file = SimpleFile::new(self.file.as_str(), "");
                    let _ = term::emit_to_string(&mut out, &config, &file, &cs);
                }
            }
        }
        let rest = self.diagnostics.len().saturating_sub(SHOWN);
        if rest > 0 {
            let errors = self.diagnostics[SHOWN..]
                .iter()
                .any(|d| d.severity == Severity::Error);
            out.push_str(&format!(
                "… and {} more {}{} (the first {SHOWN} are shown)\n\n",
                thousands(rest),
                if errors { "problem" } else { "warning" },
                if rest == 1 { "" } else { "s" }
            ));
        }
        out
    }

    /// The diagnostics as JSON objects, for editors and CI: file, 1-based
    /// line and column of the start and the end, severity, message, hint.
    ///
    /// ```
    /// use folio::diagnostic::{Diagnostic, Failure};
    /// let f = Failure {
    ///     file: "report.toml".into(),
    ///     source: "year = 20x3\n".into(),
    ///     diagnostics: vec![Diagnostic::new("not a year", 7..11).with_hint("write 2023")],
    /// };
    /// let json = f.to_json();
    /// assert_eq!(json[0]["line"], 1);
    /// assert_eq!(json[0]["column"], 8);
    /// assert_eq!(json[0]["end_column"], 12);
    /// assert_eq!(json[0]["severity"], "error");
    /// ```
    pub fn to_json(&self) -> Vec<serde_json::Value> {
        self.diagnostics
            .iter()
            .map(|d| {
                let (start, end) = match &d.span {
                    Some(s) => (Some(self.line_col(s.start)), Some(self.line_col(s.end))),
                    None => (None, None),
                };
                serde_json::json!({
                    "file": self.file,
                    "line": start.map(|p| p.0),
                    "column": start.map(|p| p.1),
                    "end_line": end.map(|p| p.0),
                    "end_column": end.map(|p| p.1),
                    "severity": d.severity,
                    "message": d.message,
                    "hint": d.hint,
                })
            })
            .collect()
    }
}

/// How many diagnostics are shown in full; the rest are counted.
pub const SHOWN: usize = 50;

/// Characters of a source line shown around a span when the line is long.
const WINDOW: usize = 120;

/// Longest message or hint shown, in characters (a value quoted in it may
/// be a whole line of the file).
const LONGEST_MESSAGE: usize = 400;

/// `3950` → `3,950`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether a character is shown escaped: control characters (they can
/// retitle or clear a terminal) and the bidirectional controls that
/// reorder what is shown (U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C).
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

fn escape(c: char, out: &mut String) {
    if hidden(c) {
        out.push_str(&format!("<U+{:04X}>", u32::from(c)));
    } else {
        out.push(c);
    }
}

/// Text as it may be printed: hidden characters escaped (line breaks kept),
/// and cut in the middle when very long.
///
/// ```
/// use folio::diagnostic::printable;
/// assert_eq!(printable("a\u{1b}[2Jb\u{202e}c"), "a<U+001B>[2Jb<U+202E>c");
/// ```
pub fn printable(text: &str) -> String {
    let mut out = String::new();
    let n = text.chars().count();
    for (i, c) in text.chars().enumerate() {
        if n > LONGEST_MESSAGE && i >= LONGEST_MESSAGE / 2 && i < n - LONGEST_MESSAGE / 2 {
            if i == LONGEST_MESSAGE / 2 {
                out.push('…');
            }
            continue;
        }
        if c == '\n' {
            out.push(c);
        } else {
            escape(c, &mut out);
        }
    }
    out
}

/// The one line of a file a diagnostic shows, as shown: hidden characters
/// escaped and a long line cut to a window around the span (with … where it
/// is cut), numbered with the line and column it has in the file.
struct OneLine<'a> {
    name: &'a str,
    text: String,
    line: usize,
    column: usize,
}

impl<'a> OneLine<'a> {
    /// The line holding `span`'s start, and the span within it (a span
    /// running past the line is shown to the line's end).
    fn new(name: &'a str, src: &str, span: Range<usize>) -> (Self, Range<usize>) {
        let span = clamp(span, src);
        let (line, column) = line_col(src, span.start);
        let line_start = src[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[span.start..]
            .find('\n')
            .map_or(src.len(), |i| span.start + i);
        let raw = &src[line_start..line_end];
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let (s, e) = (
            span.start - line_start,
            (span.end.min(line_end) - line_start).min(raw.len()),
        );
        // Escaped, with the span's place in the escaped text (in chars).
        let mut shown = String::new();
        let (mut ds, mut de) = (None, None);
        let mut chars = 0usize;
        for (i, c) in raw.char_indices() {
            if i == s {
                ds = Some(chars);
            }
            if i == e {
                de = Some(chars);
            }
            let before = shown.len();
            escape(c, &mut shown);
            chars += shown[before..].chars().count();
        }
        let ds = ds.unwrap_or(chars);
        let de = de.unwrap_or(chars).max(ds);
        let all: Vec<char> = shown.chars().collect();
        let (from, to) = if all.len() <= WINDOW + WINDOW / 3 {
            (0, all.len())
        } else {
            let from = ds.saturating_sub(WINDOW / 3);
            (from, (from + WINDOW).min(all.len()))
        };
        let mut text = String::new();
        if from > 0 {
            text.push('…');
        }
        let start = text.len() + all[from..ds].iter().map(|c| c.len_utf8()).sum::<usize>();
        let end = start
            + all[ds..de.min(to).max(ds)]
                .iter()
                .map(|c| c.len_utf8())
                .sum::<usize>();
        text.extend(&all[from..to]);
        if to < all.len() {
            text.push('…');
        }
        text.push('\n');
        (
            OneLine {
                name,
                text,
                line,
                column,
            },
            start..end,
        )
    }
}

impl<'a> codespan_reporting::files::Files<'a> for OneLine<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line)
    }

    fn column_number(
        &'a self,
        (): (),
        _: usize,
        _: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.column)
    }

    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        if line_index == 0 {
            Ok(0..self.text.len())
        } else {
            Err(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: 0,
            })
        }
    }
}

fn clamp(span: Range<usize>, src: &str) -> Range<usize> {
    let mut start = span.start.min(src.len());
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, src.len());
    while !src.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = clamp(offset..offset, src).start;
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 4,000 problems on one 60 KB line printed 544 MB: now 50 are shown,
    /// each with a window of the line, and the rest counted.
    #[test]
    fn output_stays_small_however_many_problems_and_however_long_the_line() {
        let line: String = (0..4000)
            .map(|i| format!("![p](missing{i:04}.png) "))
            .collect();
        let source = format!("[report]\nbody = '''\n{line}\n'''\n");
        let diagnostics = (0..4000)
            .map(|i| {
                let at = source.find(&format!("missing{i:04}")).unwrap();
                Diagnostic::new(format!("missing{i:04}.png does not exist"), at..at + 15)
            })
            .collect();
        let f = Failure {
            file: "report.toml".into(),
            source,
            diagnostics,
        };
        let out = f.render();
        assert!(out.len() < 30_000, "{} bytes", out.len());
        assert_eq!(out.matches("does not exist").count(), SHOWN);
        assert!(out.contains("… and 3,950 more problems"), "{out}");
        assert!(out.ends_with("report.toml: 4,000 problems found; nothing was written\n"));
        // The 50th is shown with its place in the file and its own text.
        let at = f.source.find("missing0049").unwrap();
        let (line, col) = f.line_col(at);
        assert!(out.contains(&format!("report.toml:{line}:{col}")), "{out}");
        assert!(
            out.contains("](missing0049.png) ![p](missing0050.png)"),
            "{out}"
        );
        assert!(out.contains(&format!("{line} │ …")), "{out}");
        for l in out.lines() {
            assert!(l.chars().count() < 160, "{l}");
        }
    }

    #[test]
    fn control_and_bidi_characters_are_shown_escaped() {
        let source = "title = \"a\u{1b}]0;pwned\u{7}b\u{202e}cba\"\n".to_string();
        let f = Failure {
            file: "report.toml".into(),
            diagnostics: vec![
                Diagnostic::new("bad \u{1b}[2J value", 10..11).with_hint("x\u{2066}y"),
            ],
            source,
        };
        let out = f.render();
        assert!(!out.chars().any(|c| c != '\n' && hidden(c)), "{out:?}");
        assert!(
            out.contains("a<U+001B>]0;pwned<U+0007>b<U+202E>cba"),
            "{out}"
        );
        assert!(out.contains("bad <U+001B>[2J value") && out.contains("x<U+2066>y"));
        // The caret is under the escaped character.
        assert!(out.contains("1 │ title = \"a<U+001B>"), "{out}");
        assert!(out.contains("  │           ^^^^^^^^\n"), "{out}");
        assert!(out.contains("report.toml:1:11"), "{out}");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(3950), "3,950");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
