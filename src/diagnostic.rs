//! Located problems in a report file, rendered the way compilers do: file,
//! line and column, the offending line, what was expected.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use std::ops::Range;

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
}

impl Diagnostic {
    /// A problem at `span`.
    pub fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        Diagnostic {
            message: message.into(),
            span: Some(span),
            hint: None,
        }
    }

    /// A problem with no place in the source.
    pub fn unlocated(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: None,
            hint: None,
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

    /// Renders every problem as plain text (no colour).
    pub fn render(&self) -> String {
        let file = SimpleFile::new(self.file.as_str(), self.source.as_str());
        let mut out = String::new();
        let config = term::Config::default();
        for d in &self.diagnostics {
            let mut cs = CsDiagnostic::error().with_message(&d.message);
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
        let n = self.diagnostics.len();
        out.push_str(&format!(
            "{}: {n} problem{} found; nothing was written\n",
            self.file,
            if n == 1 { "" } else { "s" }
        ));
        out
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
