//! Slips a person makes in a TOML file that the parser's own messages
//! would explain badly: control characters (raw or written as escapes),
//! and a table header `[events]` typed for the array `[[events]]`.

use crate::diagnostic::Diagnostic;
use crate::model::TABLE_KEYS;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Control characters other than tab and line ends make text that prints as
/// nothing, so they are errors rather than silently dropped.
pub(super) fn control_characters(src: &str) -> Vec<Diagnostic> {
    src.char_indices()
        .filter(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .take(20)
        .map(|(i, c)| {
            Diagnostic::new(
                format!(
                    "control character U+{:04X} in the file; expected printable text",
                    u32::from(c)
                ),
                i..i + c.len_utf8(),
            )
            .with_hint("delete it; it may come from copying text out of another program")
        })
        .collect()
}

/// A `[events]` header (one bracket) for a collection written `[[events]]`,
/// outside multi-line strings: one diagnostic per collection, at its first
/// such header.
pub(super) fn single_table_headers(src: &str) -> Vec<Diagnostic> {
    let mut found: Vec<(&str, Range<usize>, usize)> = Vec::new();
    let mut in_string: Option<&str> = None;
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        // Multi-line strings open and close on a line with ''' or """.
        for delim in ["'''", "\"\"\""] {
            if in_string.is_none_or(|d| d == delim) && line.matches(delim).count() % 2 == 1 {
                in_string = if in_string.is_some() {
                    None
                } else {
                    Some(delim)
                };
            }
        }
        if in_string.is_some() {
            continue;
        }
        let t = line.split('#').next().unwrap_or("").trim();
        let Some(name) = t
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .filter(|n| !n.starts_with('[') && !n.ends_with(']'))
            .map(str::trim)
        else {
            continue;
        };
        let Some(key) = TABLE_KEYS.iter().find(|k| **k == name) else {
            continue;
        };
        match found.iter_mut().find(|(k, _, _)| k == key) {
            Some(f) => f.2 += 1,
            None => {
                let at = start + line.find('[').unwrap_or(0);
                found.push((key, at..at + t.len(), 1));
            }
        }
    }
    found
        .into_iter()
        .map(|(key, span, n)| {
            let more = if n > 1 {
                format!(" ({n} headers are written [{key}])")
            } else {
                String::new()
            };
            Diagnostic::new(
                format!("[{key}] is written with single brackets; expected [[{key}]] with two, as each entry of {key} is one of a list{more}"),
                span,
            )
            .with_hint(format!("write [[{key}]] above every entry"))
        })
        .collect()
}

/// Control characters written as escapes (`"\u0007"`) in text: refused like
/// the raw ones, except tabs and line breaks in a section's Markdown body.
pub(super) fn escaped_control_characters(
    table: &DeTable<'_>,
    key: Option<&str>,
    src: &str,
    diags: &mut Vec<Diagnostic>,
) {
    fn walk(v: &Spanned<DeValue<'_>>, key: Option<&str>, src: &str, diags: &mut Vec<Diagnostic>) {
        match v.get_ref() {
            DeValue::String(s) => {
                let body = key == Some("body");
                let bad = s
                    .chars()
                    .find(|&c| c.is_control() && !(c == '\t' || body && matches!(c, '\n' | '\r')));
                if let (Some(c), true) = (bad, diags.len() < 100) {
                    let span = v.span();
                    let written = escape_in(src, span.clone(), c);
                    let what = match c {
                        '\n' | '\r' => "a line break".to_string(),
                        c => format!("control character U+{:04X}", u32::from(c)),
                    };
                    diags.push(
                        Diagnostic::new(
                            format!(
                                "{what} written as an escape in this text; expected printable text"
                            ),
                            written.unwrap_or(span),
                        )
                        .with_hint(if body || !matches!(c, '\n' | '\r') {
                            "delete the escape".to_string()
                        } else {
                            "keep this text on one line (line breaks belong in a section's body)"
                                .to_string()
                        }),
                    );
                }
            }
            DeValue::Array(a) => a.iter().for_each(|x| walk(x, key, src, diags)),
            DeValue::Table(t) => escaped_control_characters(t, key, src, diags),
            _ => {}
        }
    }
    for (k, v) in table.iter() {
        walk(v, Some(k.get_ref().as_ref()).or(key), src, diags);
    }
}

/// Where `c` is written as an escape inside `span` of the file.
pub(super) fn escape_in(src: &str, span: Range<usize>, c: char) -> Option<Range<usize>> {
    let text = src.get(span.clone())?.to_ascii_lowercase();
    let n = u32::from(c);
    let mut forms = vec![
        format!("\\u{n:04x}"),
        format!("\\u{n:08x}"),
        format!("\\x{n:02x}"),
    ];
    match c {
        '\u{8}' => forms.push("\\b".into()),
        '\u{c}' => forms.push("\\f".into()),
        '\u{1b}' => forms.push("\\e".into()),
        '\n' => forms.push("\\n".into()),
        '\r' => forms.push("\\r".into()),
        _ => {}
    }
    forms
        .iter()
        .filter_map(|f| {
            text.find(f.as_str())
                .map(|i| span.start + i..span.start + i + f.len())
        })
        .min_by_key(|r| r.start)
}
