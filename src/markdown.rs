//! What the loader reads of a section's Markdown before compose sets it:
//! the images it shows (with their figure attributes) and the links it
//! makes, with their places, so both can be checked (and located) at load
//! time.
//!
//! A figure's placement is written as Pandoc writes image attributes, in
//! braces right after the image:
//! `![alt](images/stage.jpg "Caption"){width=half credit="Photo: ICLEI"}`.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
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

/// Every link target written in `text`, in order; an email autolink
/// (`<someone@example.org>`) is a `mailto:` address.
///
/// ```
/// use folio::markdown::link_targets;
/// assert_eq!(link_targets("[a](https://x.org) and [b](#cop28)"), ["https://x.org", "#cop28"]);
/// assert_eq!(link_targets("Write to <info@iclei.org>."), ["mailto:info@iclei.org"]);
/// ```
pub fn link_targets(text: &str) -> Vec<String> {
    Parser::new(text)
        .filter_map(|ev| match ev {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => Some(link_target(link_type, &dest_url)),
            _ => None,
        })
        .collect()
}

/// A link's target as the PDF gets it: an email autolink gains `mailto:`.
pub fn link_target(link_type: LinkType, dest: &str) -> String {
    match link_type {
        LinkType::Email if !dest.to_ascii_lowercase().starts_with("mailto:") => {
            format!("mailto:{dest}")
        }
        _ => dest.to_string(),
    }
}

/// Deepest nesting of call-outs (`>`) and lists, one inside another, that
/// a section body may have; deeper is an error at load time.
pub const MAX_NESTING: usize = 8;

/// Markdown the report does not support, found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// What it is and what happens to it.
    pub message: String,
    /// Where, in the Markdown text.
    pub at: Range<usize>,
}

/// What a body holds that folio cannot set as written: nesting past
/// [`MAX_NESTING`] (the byte offset of the first container too deep) and
/// Markdown it does not support (tables, footnotes, raw HTML, remote
/// images), each with what happens to it.
///
/// ```
/// use folio::markdown::{scan, MAX_NESTING};
/// let deep = ">".repeat(MAX_NESTING + 1) + " x";
/// assert_eq!(scan(&deep).0, Some(MAX_NESTING));
/// assert_eq!(scan("> > ok").0, None);
/// let (_, unsupported) = scan("Hi <b>there</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
/// assert_eq!(unsupported.len(), 2);
/// ```
pub fn scan(text: &str) -> (Option<usize>, Vec<Unsupported>) {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let mut depth = 0usize;
    let mut too_deep = None;
    let mut found: Vec<Unsupported> = Vec::new();
    let starts: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line = |at: usize| starts.partition_point(|&s| s < at);
    let mut note = |message: &str, at: Range<usize>| {
        // One warning per kind and line is enough.
        if found.len() < 100
            && !found
                .iter()
                .any(|u| u.message == message && line(u.at.start) == line(at.start))
        {
            found.push(Unsupported {
                message: message.to_string(),
                at,
            });
        }
    };
    let mut html_block: Option<bool> = None;
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match ev {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                depth += 1;
                if depth > MAX_NESTING && too_deep.is_none() {
                    too_deep = Some(range.start);
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Table(_)) => note(
                "tables are not supported in a section body; the table is printed as plain text",
                range,
            ),
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)) => note(
                "footnotes are not supported in a section body; the footnote is printed as plain text",
                range,
            ),
            // An HTML block is one warning, not one per line.
            Event::Start(Tag::HtmlBlock) => html_block = Some(false),
            Event::End(TagEnd::HtmlBlock) => html_block = None,
            Event::Html(_) | Event::InlineHtml(_) if html_block != Some(true) => {
                if html_block.is_some() {
                    html_block = Some(true);
                }
                note(
                    "raw HTML is not supported in a section body; it is printed as written, tags and all",
                    range,
                )
            }
            Event::Start(Tag::Image { dest_url, .. }) if is_remote(&dest_url) => note(
                "remote images are not supported; the image is left out (save it in the images folder and write its path)",
                range,
            ),
            _ => {}
        }
    }
    (too_deep, found)
}

/// Whether an image source is an address on the web rather than a file.
pub fn is_remote(src: &str) -> bool {
    let lower = src.trim().to_ascii_lowercase();
    lower.starts_with("//")
        || lower.split_once(':').is_some_and(|(scheme, _)| {
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        })
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
