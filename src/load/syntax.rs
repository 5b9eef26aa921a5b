//! TOML syntax errors in words a non-programmer can act on. The TOML
//! parser says what its grammar expected ("string values must be quoted");
//! the people who keep report.toml made a date the way a calendar writes
//! it, pasted curly quotes from a word processor, forgot a closing quote or
//! typed a non-breaking space. This recognises those slips on the line the
//! parser stopped at and says what to type instead.

use crate::diagnostic::Diagnostic;
use std::ops::Range;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A clearer diagnostic for the syntax error at `span`, if the line shows a
/// slip we know; `None` leaves the parser's own message.
///
/// ```
/// use folio::load::syntax::explain;
/// let src = "[report]\nstart = June 12, 2023\n";
/// let d = explain(src, 17..18).unwrap();
/// assert!(d.message.contains("2023-06-12"), "{}", d.message);
/// ```
pub fn explain(src: &str, span: Range<usize>) -> Option<Diagnostic> {
    let at = span.start.min(src.len());
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    let line = &src[line_start..line_end];
    let line = line.strip_suffix('\r').unwrap_or(line);
    if let Some(d) = odd_space_in_key(line, line_start) {
        return Some(d);
    }
    let eq = line.find('=')?;
    let raw = &line[eq + 1..];
    let value = raw.trim();
    let value = value.split(" #").next().unwrap_or(value).trim();
    let start = line_start + eq + 1 + (raw.len() - raw.trim_start().len());
    let here = start..start + value.len();
    if value.is_empty() {
        return None;
    }
    if let Some(d) = date_slip(value, here.clone()) {
        return Some(d);
    }
    if value.starts_with(['“', '”', '‘', '’', '„']) {
        let fixed: String = value
            .chars()
            .map(|c| match c {
                '“' | '”' | '„' => '"',
                '‘' | '’' => '\'',
                c => c,
            })
            .collect();
        return Some(
            Diagnostic::new(
                "curly quotes around a value; TOML needs straight quotes (\") around text",
                here,
            )
            .with_hint(format!(
                "a word processor turned the quotes curly; write {fixed}"
            )),
        );
    }
    // The whole value: a " #" inside quotes is text, not a comment.
    let whole = raw.trim();
    if value.starts_with('"') && !value.starts_with("\"\"\"") && whole[1..].find('"').is_none() {
        return Some(
            Diagnostic::new(
                "this text has no closing quote; expected a \" at the end of the value",
                here,
            )
            .with_hint(format!("write {value}\" (text stays on one line between two quotes; use ''' … ''' for several lines)")),
        );
    }
    None
}

/// A tab or an unusual space (no-break, thin, ideographic) where a key
/// belongs: invisible in an editor, and not allowed in a bare key.
fn odd_space_in_key(line: &str, line_start: usize) -> Option<Diagnostic> {
    let key_end = line.find('=').unwrap_or(line.len());
    let key = &line[..key_end];
    if key.trim_start().starts_with(['[', '#']) {
        return None;
    }
    let (i, c) = key
        .char_indices()
        .find(|&(_, c)| {
            matches!(
                c,
                '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{3000}' | '\u{200b}' | '\u{feff}'
            )
        })
        .or_else(|| {
            // A tab inside the key (after its first letter) rather than
            // before it, where it is indentation.
            let name = key.trim();
            name.find('\t')
                .map(|t| (key.find(name).unwrap_or(0) + t, '\t'))
        })?;
    let what = match c {
        '\t' => "a tab".to_string(),
        '\u{a0}' => "a non-breaking space (U+00A0)".to_string(),
        c => format!("an invisible space (U+{:04X})", u32::from(c)),
    };
    let at = line_start + i;
    Some(
        Diagnostic::new(
            format!("{what} in a key; expected a key of letters, digits, - and _ followed by ="),
            at..at + c.len_utf8(),
        )
        .with_hint("delete it and type the key again with ordinary spaces around the ="),
    )
}

/// A date written as a calendar or a letter writes it.
fn date_slip(value: &str, here: Range<usize>) -> Option<Diagnostic> {
    let iso = |y: u32, m: u32, d: u32| format!("{y:04}-{m:02}-{d:02}");
    let fix = if let Some((a, b, y)) = numeric_date(value) {
        match (a, b) {
            // Either could be the month: say both readings.
            (a, b) if a <= 12 && b <= 12 && a != b => format!(
                "write {} if it is {a} {}, or {} if it is {b} {}",
                iso(y, b, a),
                month_name(b),
                iso(y, a, b),
                month_name(a)
            ),
            (a, b) if b <= 12 && a <= 31 => format!("write {}", iso(y, b, a)),
            (a, b) if a <= 12 && b <= 31 => format!("write {}", iso(y, a, b)),
            _ => "write the year, month and day as YYYY-MM-DD".to_string(),
        }
    } else {
        let (d, m, y) = worded_date(value)?;
        format!("write {}", iso(y, m, d))
    };
    Some(
        Diagnostic::new(
            format!("\"{value}\" is not a date TOML reads; dates are written year-month-day, as 2023-06-12"),
            here,
        )
        .with_hint(format!("{fix} (no quotes)")),
    )
}

fn month_name(m: u32) -> String {
    let n = MONTHS[(m as usize).clamp(1, 12) - 1];
    let mut c = n.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// `12/06/2023`, `12.06.2023`, `12-06-2023`: (first, second, year).
fn numeric_date(v: &str) -> Option<(u32, u32, u32)> {
    let sep = v.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = v.split(sep).collect();
    if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    (n[0] >= 1 && n[1] >= 1).then_some((n[0], n[1], n[2]))
}

/// `June 12, 2023` or `12 June 2023`: (day, month, year).
fn worded_date(v: &str) -> Option<(u32, u32, u32)> {
    let words: Vec<String> = v
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    if words.len() != 3 {
        return None;
    }
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| w.len() >= 3 && m.starts_with(w))
            .map(|i| i as u32 + 1)
    };
    let year: u32 = words[2].parse().ok().filter(|y| *y >= 1000)?;
    let (day, m) = match (month(&words[0]), month(&words[1])) {
        (Some(m), None) => (words[1].parse().ok()?, m),
        (None, Some(m)) => (words[0].parse().ok()?, m),
        _ => return None,
    };
    (1..=31).contains(&day).then_some((day, m, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(src: &str, needle: &str) -> Diagnostic {
        let i = src.find(needle).unwrap();
        explain(src, i..i + 1).unwrap_or_else(|| panic!("no explanation for {src:?}"))
    }

    #[test]
    fn calendar_dates_get_the_iso_form() {
        let d = at("start = 25/06/2023\n", "25");
        assert!(d.message.contains("year-month-day"), "{}", d.message);
        assert_eq!(d.hint.as_deref(), Some("write 2023-06-25 (no quotes)"));
        let d = at("start = 12.06.2023\n", "12");
        let hint = d.hint.unwrap();
        assert!(
            hint.contains("2023-06-12 if it is 12 June")
                && hint.contains("2023-12-06 if it is 6 December"),
            "{hint}"
        );
        let d = at("start = June 12, 2023\n", "June");
        assert_eq!(d.hint.as_deref(), Some("write 2023-06-12 (no quotes)"));
        let d = at("end = 3 Sept 2023 # x\n", "3");
        assert_eq!(d.hint.as_deref(), Some("write 2023-09-03 (no quotes)"));
    }

    #[test]
    fn curly_quotes_and_missing_quotes_are_named() {
        let d = at("title = “Daring Cities”\n", "“");
        assert!(d.message.contains("curly quotes"));
        assert!(d.hint.unwrap().contains("\"Daring Cities\""));
        let d = at("title = \"Daring Cities\ncity = \"Bonn\"\n", "\"Daring");
        assert!(d.message.contains("no closing quote"));
    }

    #[test]
    fn odd_spaces_in_keys_are_named() {
        let d = at("\u{a0}title = \"x\"\n", "title");
        assert!(d.message.contains("non-breaking space"), "{}", d.message);
        assert_eq!(d.span, Some(0..2));
        let d = at("ti\ttle = \"x\"\n", "ti");
        assert!(d.message.starts_with("a tab in a key"));
    }

    #[test]
    fn other_errors_keep_the_parsers_words() {
        assert!(explain("[report\n", 0..1).is_none());
        assert!(explain("year = 20x3\n", 7..8).is_none());
    }
}
