//! Typst on the same content, in the same run, for the ratios the issue
//! sets targets on: the report's composed document (chapters' headings,
//! prose, lists, call-outs, key figures, tables with their header rows
//! repeated, charts' data as tables, photos) written as Typst markup
//! ([`source`]) with the report's own fonts, compiled to a tagged PDF.
//!
//! The `typst` command when it is on the PATH; else the Python binding
//! (`pip install typst`), whose interpreter start and import are measured
//! separately and taken off. When neither is there, [`Typst::find`] says
//! so and the bench prints no ratio.

use folio::compose::{Block, Document, Inline, Link, Row, Run};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// Escapes text for Typst markup: every character with a meaning there.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => out.push(' '),
            '\\' | '#' | '*' | '_' | '`' | '$' | '<' | '>' | '@' | '[' | ']' | '~' | '/' | '-'
            | '=' | '+' | '\'' | '"' | '.' | ':' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
}

/// A paragraph's runs as markup: bold, italic and links kept.
fn runs(out: &mut String, rs: &[Run]) {
    for r in rs {
        let text = match &r.inline {
            Inline::Text(t) => t,
            Inline::LineBreak => {
                out.push_str(" \\ ");
                continue;
            }
        };
        let mut inner = String::new();
        escape(&mut inner, text);
        if r.style.bold {
            inner = format!("#strong[{inner}]");
        }
        if r.style.italic {
            inner = format!("#emph[{inner}]");
        }
        if let Some(Link::Uri(u)) = &r.link {
            let _ = write!(out, "#link(\"{}\")[{inner}]", u.replace(['"', '\\'], ""));
        } else {
            out.push_str(&inner);
        }
    }
}

/// Runs as a table cell or list item: `[…]`.
fn cell(out: &mut String, rs: &[Run]) {
    out.push('[');
    runs(out, rs);
    out.push(']');
}

fn blocks(out: &mut String, bs: &[Block], doc: &Document) {
    for b in bs {
        block(out, b, doc);
    }
}

fn block(out: &mut String, b: &Block, doc: &Document) {
    match b {
        Block::Heading { level, text, .. } => {
            if *level == 1 {
                out.push_str("#pagebreak(weak: true)\n");
            }
            out.push_str(&"=".repeat(usize::from(*level)));
            out.push(' ');
            escape(out, text);
            out.push_str("\n\n");
        }
        Block::Lead(rs, _) => {
            out.push_str("#text(size: 13pt)[");
            runs(out, rs);
            out.push_str("]\n\n");
        }
        Block::Paragraph(rs) => {
            runs(out, rs);
            out.push_str("\n\n");
        }
        Block::List(items) => {
            for item in items {
                out.push_str("- ");
                let mut inner = String::new();
                blocks(&mut inner, item, doc);
                out.push_str(inner.trim_end().replace("\n\n", " ").as_str());
                out.push('\n');
            }
            out.push('\n');
        }
        Block::Callout(bs) => {
            out.push_str("#block(stroke: 0.5pt, inset: 8pt, width: 100%)[\n");
            blocks(out, bs, doc);
            out.push_str("]\n\n");
        }
        Block::KeyFigures(figures) => {
            out.push_str("#grid(columns: 3, gutter: 12pt,\n");
            for (value, label) in figures {
                out.push_str("[#text(size: 24pt)[");
                escape(out, value);
                out.push_str("] \\ ");
                escape(out, label);
                out.push_str("],\n");
            }
            out.push_str(")\n\n");
        }
        Block::Table(t) => {
            let _ = writeln!(out, "#table(columns: {}, table.header(", t.columns.len());
            for c in &t.columns {
                out.push_str("[*");
                escape(out, &c.header);
                out.push_str("*], ");
            }
            out.push_str("),\n");
            for row in &t.rows {
                match row {
                    Row::Group(label) => {
                        let _ = write!(out, "table.cell(colspan: {})[*", t.columns.len());
                        escape(out, label);
                        out.push_str("*],\n");
                    }
                    Row::Cells(cells) => {
                        for c in cells {
                            cell(out, c);
                            out.push_str(", ");
                        }
                        out.push('\n');
                    }
                }
            }
            out.push_str(")\n\n");
        }
        Block::Chart(c) => {
            out.push_str("#figure(caption: [");
            escape(out, &c.title);
            let _ = writeln!(out, "], table(columns: {},", c.series.len() + 1);
            out.push_str("[],");
            for s in &c.series {
                cell(out, &[Run::plain(s.name.as_str())]);
                out.push(',');
            }
            out.push('\n');
            for (i, cat) in c.categories.iter().enumerate() {
                cell(out, &[Run::plain(cat.as_str())]);
                out.push(',');
                for s in &c.series {
                    let _ = write!(out, "[{}],", s.values.get(i).copied().unwrap_or(0.0));
                }
                out.push('\n');
            }
            out.push_str("))\n\n");
        }
        Block::Figure {
            src, alt, caption, ..
        } => {
            if doc.images.contains_key(src) {
                // Typst's root is `/` (the source is in a temporary
                // folder), so the image by its absolute path.
                let path = std::env::current_dir()
                    .map(|d| d.join(src))
                    .unwrap_or_else(|_| src.into());
                let path = path.to_string_lossy().replace(['"', '\\'], "");
                let _ = write!(out, "#figure(image(\"{path}\", alt: \"");
                out.push_str(&alt.replace(['"', '\\'], ""));
                out.push_str("\", width: 100%), caption: [");
                escape(out, caption);
                out.push_str("])\n\n");
            }
        }
        // The supporters by name: the comparison is about setting text.
        Block::Logos { alt, .. } => {
            escape(out, alt);
            out.push_str("\n\n");
        }
    }
}

/// The document as Typst markup: A4, the report's serif for text and its
/// sans-serif for headings, CJK from the same collection folio embeds.
pub fn source(doc: &Document) -> String {
    let mut out = String::with_capacity(1 << 20);
    out.push_str("#set document(title: [");
    escape(&mut out, &doc.meta.title);
    out.push_str("])\n");
    let _ = writeln!(
        out,
        "#set text(font: (\"Noto Serif\", \"Noto Sans CJK SC\"), size: 10pt, lang: \"{}\")",
        doc.meta.language.split('-').next().unwrap_or("en")
    );
    out.push_str("#set page(paper: \"a4\", margin: 20mm, numbering: \"1\")\n");
    out.push_str("#set par(justify: true)\n");
    out.push_str("#show heading: set text(font: (\"Noto Sans\", \"Noto Sans CJK SC\"))\n\n");
    out.push_str("#align(center)[#text(size: 28pt)[");
    escape(&mut out, &doc.meta.title);
    out.push_str("]]\n#outline()\n\n");
    for ch in doc.chapters.iter().chain(&doc.back_cover) {
        blocks(&mut out, &ch.blocks, doc);
        blocks(&mut out, &ch.colophon, doc);
    }
    out
}

/// How Typst is run here.
pub enum Typst {
    /// The `typst` command.
    Cli,
    /// `python3` with the `typst` module; the interpreter's start and the
    /// module's import are measured apart ([`Typst::start_command`]) and
    /// taken off.
    Python,
}

/// Python that compiles `argv[1]` to `argv[2]` with the fonts in `argv[3]`
/// only (as folio uses only its own), `/` as Typst's root.
const PYTHON_COMPILE: &str = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root='/', font_paths=[sys.argv[3]], ignore_system_fonts=True)";

impl Typst {
    /// Typst as found on this machine, with why not when it is not.
    pub fn find() -> Result<Typst, String> {
        let ok = |c: &mut Command| c.output().is_ok_and(|o| o.status.success());
        if ok(Command::new("typst").arg("--version")) {
            return Ok(Typst::Cli);
        }
        if !ok(Command::new("python3").args(["-c", "import typst"])) {
            return Err("Typst is not available (neither the `typst` command nor Python's `typst` module, `pip install typst`): no ratios to Typst.".into());
        }
        Ok(Typst::Python)
    }

    /// The command compiling `src` to `pdf`.
    pub fn command(&self, src: &Path, pdf: &Path) -> Command {
        match self {
            Typst::Cli => {
                let mut c = Command::new("typst");
                c.args([
                    "compile",
                    "--root",
                    ".",
                    "--ignore-system-fonts",
                    "--font-path",
                    "fonts",
                ])
                .arg(src)
                .arg(pdf);
                c
            }
            Typst::Python => {
                let mut c = Command::new("python3");
                c.args(["-c", PYTHON_COMPILE])
                    .arg(src)
                    .arg(pdf)
                    .arg("fonts");
                c
            }
        }
    }

    /// What [`Typst::command`] costs besides compiling, to measure beside
    /// it and take off: the interpreter starting and importing the module.
    pub fn start_command(&self) -> Option<Command> {
        match self {
            Typst::Cli => None,
            Typst::Python => {
                let mut c = Command::new("python3");
                c.args(["-c", "import sys, typst"]);
                Some(c)
            }
        }
    }

    /// How Typst was run, for the report, with the start taken off (CPU
    /// seconds, median) when there is one.
    pub fn describe(&self, start: Option<f64>) -> String {
        match (self, start) {
            (Typst::Python, Some(s)) => format!(
                "Python's typst module, its interpreter's start and import ({:.1} ms, median) taken off",
                s * 1000.0
            ),
            _ => "the typst command".into(),
        }
    }
}
