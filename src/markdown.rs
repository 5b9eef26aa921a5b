//! What the loader reads of a section's Markdown before compose sets it:
//! the images it shows (with their figure attributes) and the links it
//! makes, with their places, so both can be checked (and located) at load
//! time.
//!
//! A figure's placement is written as Pandoc writes image attributes, in
//! braces right after the image:
//! `![alt](images/stage.jpg "Caption"){width=half credit="Photo: ICLEI"}`.

use pulldown_cmark::{Event, Parser, Tag};
use std::ops::Range;

/// How wide a figure is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FigureWidth {
    /// Its pixels at 150 per inch, no wider than the text (charts, logos).
    #[default]
    Natural,
    /// The text width.
    Full,
    /// Half the text width; two in a row are set side by side.
    Half,
    /// A page of its own, the photo to every edge (and into the bleed).
    Bleed,
}

impl FigureWidth {
    /// The values `width=` takes, as written.
    pub const NAMES: [&'static str; 4] = ["natural", "full", "half", "bleed"];

    fn parse(s: &str) -> Option<FigureWidth> {
        Some(match s {
            "natural" => FigureWidth::Natural,
            "full" => FigureWidth::Full,
            "half" => FigureWidth::Half,
            "bleed" => FigureWidth::Bleed,
            _ => return None,
        })
    }
}

/// The attributes written in braces after an image.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FigureAttributes {
    /// `width=`.
    pub width: FigureWidth,
    /// `credit="Photo: …"`: the credit line under the caption.
    pub credit: Option<String>,
}

/// A mistake in an image's attributes: what is wrong, where in the
/// Markdown (byte range), and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeError {
    /// What is wrong and what was expected.
    pub message: String,
    /// Where, in the Markdown text.
    pub at: Range<usize>,
    /// A suggestion, if there is one.
    pub hint: Option<String>,
}

/// An image written in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageReference {
    /// The path as written.
    pub src: String,
    /// Byte offset of the image in the text.
    pub offset: usize,
    /// Its attributes, or what is wrong with them.
    pub attributes: Result<FigureAttributes, AttributeError>,
}

/// Image references `![alt](src "caption")` in Markdown prose, with the
/// byte offset of each in the text and the attributes after it.
///
/// ```
/// use folio::markdown::{image_references, FigureWidth};
/// let refs = image_references("Text\n\n![a](images/p.png){width=half}");
/// assert_eq!((refs[0].src.as_str(), refs[0].offset), ("images/p.png", 6));
/// assert_eq!(refs[0].attributes.as_ref().unwrap().width, FigureWidth::Half);
/// ```
pub fn image_references(markdown: &str) -> Vec<ImageReference> {
    Parser::new(markdown)
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::Image { dest_url, .. }) => Some(ImageReference {
                src: dest_url.to_string(),
                offset: range.start,
                attributes: attributes_after(markdown, range.end)
                    .map_or(Ok(FigureAttributes::default()), |(_, a)| a),
            }),
            _ => None,
        })
        .collect()
}

/// The attributes in braces starting at `at` (right after an image), with
/// the range they take; `None` when no brace follows.
///
/// ```
/// use folio::markdown::{attributes_after, FigureWidth};
/// let text = r#"![a](p.jpg){width=full credit="Photo: A. B."} and on"#;
/// let (range, attrs) = attributes_after(text, 11).unwrap();
/// assert_eq!(&text[range], r#"{width=full credit="Photo: A. B."}"#);
/// let attrs = attrs.unwrap();
/// assert_eq!((attrs.width, attrs.credit.as_deref()), (FigureWidth::Full, Some("Photo: A. B.")));
/// assert!(attributes_after(text, 12).is_none());
/// ```
#[allow(clippy::type_complexity)]
pub fn attributes_after(
    text: &str,
    at: usize,
) -> Option<(Range<usize>, Result<FigureAttributes, AttributeError>)> {
    let rest = text.get(at..)?;
    if !rest.starts_with('{') {
        return None;
    }
    // The closing brace, outside quotes; a brace left open is an error
    // reaching to the end of the line.
    let mut quote: Option<char> = None;
    let mut close = None;
    for (i, c) in rest.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q || (q == '“' && c == '”') => quote = None,
            (None, '"' | '“') => quote = Some(if c == '“' { '“' } else { '"' }),
            (None, '}') => {
                close = Some(i);
                break;
            }
            (None, '\n') => break,
            _ => {}
        }
    }
    let Some(close) = close else {
        let end = rest.find('\n').unwrap_or(rest.len());
        return Some((
            at..at + end,
            Err(AttributeError {
                message: "the figure's attributes have no closing brace; expected `{width=… credit=\"…\"}`".into(),
                at: at..at + end,
                hint: Some("close the braces after the last attribute".into()),
            }),
        ));
    };
    let range = at..at + close + 1;
    Some((range, parse_attributes(&rest[1..close], at + 1)))
}

/// `key=value` pairs separated by spaces; a value with spaces is quoted.
fn parse_attributes(inner: &str, base: usize) -> Result<FigureAttributes, AttributeError> {
    let mut attrs = FigureAttributes::default();
    let bytes: Vec<(usize, char)> = inner.char_indices().collect();
    let mut i = 0;
    let err = |message: String, at: Range<usize>, hint: Option<String>| AttributeError {
        message,
        at: base + at.start..base + at.end,
        hint,
    };
    while i < bytes.len() {
        if bytes[i].1.is_whitespace() {
            i += 1;
            continue;
        }
        let key_start = bytes[i].0;
        while i < bytes.len() && bytes[i].1 != '=' && !bytes[i].1.is_whitespace() {
            i += 1;
        }
        let key_end = bytes.get(i).map_or(inner.len(), |b| b.0);
        let key = &inner[key_start..key_end];
        if bytes.get(i).map(|b| b.1) != Some('=') {
            return Err(err(
                format!("figure attribute `{key}` has no value; expected `{key}=…`"),
                key_start..key_end,
                None,
            ));
        }
        i += 1;
        let (value, value_range) = match bytes.get(i).map(|b| b.1) {
            Some(q @ ('"' | '“')) => {
                let close = if q == '“' { '”' } else { '"' };
                let start = bytes[i].0 + q.len_utf8();
                i += 1;
                while i < bytes.len() && bytes[i].1 != close && bytes[i].1 != '"' {
                    i += 1;
                }
                let end = bytes.get(i).map_or(inner.len(), |b| b.0);
                i += 1;
                (&inner[start..end], start..end)
            }
            _ => {
                let start = bytes.get(i).map_or(inner.len(), |b| b.0);
                while i < bytes.len() && !bytes[i].1.is_whitespace() {
                    i += 1;
                }
                let end = bytes.get(i).map_or(inner.len(), |b| b.0);
                (&inner[start..end], start..end)
            }
        };
        match key {
            "width" => {
                attrs.width = FigureWidth::parse(value).ok_or_else(|| {
                    let names = FigureWidth::NAMES.map(|n| format!("\"{n}\"")).join(", ");
                    let near = FigureWidth::NAMES
                        .iter()
                        .min_by_key(|n| strsim::levenshtein(n, value))
                        .filter(|n| strsim::levenshtein(n, value) <= 2);
                    err(
                        format!("figure width \"{value}\" is not one of {names}"),
                        value_range.clone(),
                        near.map(|n| format!("did you mean \"{n}\"?")),
                    )
                })?
            }
            "credit" => attrs.credit = Some(value.trim().to_string()).filter(|c| !c.is_empty()),
            other => {
                let near = ["width", "credit"]
                    .into_iter()
                    .find(|n| strsim::levenshtein(n, other) <= 2);
                return Err(err(
                    format!("unknown figure attribute `{other}`; expected `width` or `credit`"),
                    key_start..key_end,
                    near.map(|n| format!("did you mean `{n}`?")),
                ));
            }
        }
    }
    Ok(attrs)
}

/// Every link target written in `text`, in order.
///
/// ```
/// use folio::markdown::link_targets;
/// assert_eq!(link_targets("[a](https://x.org) and [b](#cop28)"), ["https://x.org", "#cop28"]);
/// ```
pub fn link_targets(text: &str) -> Vec<String> {
    Parser::new(text)
        .filter_map(|ev| match ev {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(s: &str) -> Result<FigureAttributes, AttributeError> {
        attributes_after(s, 0).map_or(Ok(FigureAttributes::default()), |(_, a)| a)
    }

    #[test]
    fn widths_and_credits_are_read() {
        let a = attrs("{width=bleed credit=\"Photo: ICLEI East Asia Secretariat\"}").unwrap();
        assert_eq!(a.width, FigureWidth::Bleed);
        assert_eq!(
            a.credit.as_deref(),
            Some("Photo: ICLEI East Asia Secretariat")
        );
        // Curly quotes pasted from a word processor are quotes too.
        let a = attrs("{credit=“Photo: A. Lee” width=half}").unwrap();
        assert_eq!(
            (a.width, a.credit.as_deref()),
            (FigureWidth::Half, Some("Photo: A. Lee"))
        );
        assert_eq!(attrs("{}").unwrap(), FigureAttributes::default());
    }

    #[test]
    fn mistakes_are_located_with_a_hint() {
        let text = "{width=hafl}";
        let e = attrs(text).unwrap_err();
        assert_eq!(&text[e.at.clone()], "hafl");
        assert_eq!(e.hint.as_deref(), Some("did you mean \"half\"?"));
        let text = "{widht=half}";
        let e = attrs(text).unwrap_err();
        assert_eq!(&text[e.at.clone()], "widht");
        assert!(e.message.contains("expected `width` or `credit`"));
        let e = attrs("{width=half").unwrap_err();
        assert!(e.message.contains("no closing brace"));
        let e = attrs("{credit}").unwrap_err();
        assert!(e.message.contains("has no value"));
    }
}
