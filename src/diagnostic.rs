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
            "{}: {n} problem{} found{then}\n",
            self.file,
            if n == 1 { "" } else { "s" }
        ));
        out
    }

    /// Renders each diagnostic, without a closing line (warnings of a
    /// report that builds).
    pub fn render_each(&self) -> String {
        let file = SimpleFile::new(self.file.as_str(), self.source.as_str());
        let mut out = String::new();
        let config = term::Config::default();
        for d in &self.diagnostics {
            let cs = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            };
            let mut cs = cs.with_message(&d.message);
            if let Some(span) = &d.span {
                let span = clamp(span.clone(), &self.source);
                cs = cs.with_labels(vec![Label::primary((), span)]);
            }
            if let Some(h) = &d.hint {
                cs = cs.with_notes(vec![format!("hint: {h}")]);
            }
            // Rendering into a memory buffer cannot fail for a span inside the file.
            let _ = term::emit_to_string(&mut out, &config, &file, &cs);
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
