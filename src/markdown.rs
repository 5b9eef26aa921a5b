//! What the loader reads of a section's Markdown before compose sets it:
//! the images it shows and the links it makes, with their places, so both
//! can be checked (and located) at load time.

use pulldown_cmark::{Event, Parser, Tag};

/// Image references `![alt](src "caption")` in Markdown prose, with the
/// byte offset of each in the text.
///
/// ```
/// let refs = folio::markdown::image_references("Text\n\n![a](images/p.png)");
/// assert_eq!(refs, [("images/p.png".to_string(), 6)]);
/// ```
pub fn image_references(markdown: &str) -> Vec<(String, usize)> {
    Parser::new(markdown)
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::Image { dest_url, .. }) => Some((dest_url.to_string(), range.start)),
            _ => None,
        })
        .collect()
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
