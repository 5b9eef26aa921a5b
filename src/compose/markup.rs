//! Section prose (a small Markdown dialect) → blocks of styled runs, parsed
//! by pulldown-cmark: paragraphs, **bold**, *italic*, links, bullet lists,
//! `>` call-outs and hard line breaks. Anything else is kept as plain text.

use super::{Block, Inline, Link, Run, Style};
use crate::markdown::{FigureAttributes, MAX_NESTING, attributes_after, is_remote, link_target};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Deepest list nesting we lay out; deeper items are flattened into the last
/// level so hostile input cannot push text off the page.
pub const MAX_LIST_DEPTH: usize = 4;

/// Parses Markdown prose into blocks.
///
/// ```
/// use folio::compose::{markup::parse, Block};
/// let blocks = parse("Hello **world**");
/// assert!(matches!(&blocks[0], Block::Paragraph(p) if p.len() == 2));
/// ```
pub fn parse(text: &str) -> Vec<Block> {
    let opts = Options::ENABLE_SMART_PUNCTUATION;
    let mut stack: Vec<Frame> = vec![Frame::Root(Vec::new())];
    let mut style = Style::default();
    let mut links: Vec<Link> = Vec::new();
    let mut depth = 0usize;
    let mut quotes = 0usize;
    // An image being read: (src, caption, alt text so far, attributes).
    let mut image: Option<(String, String, String, FigureAttributes)> = None;
    // The `{…}` after an image: its attributes, not text.
    let mut skip = 0..0;

    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        let ev = match ev {
            // Text inside the attributes is not prose; what follows them
            // on the same line is.
            Event::Text(_) if skip.contains(&range.start) => {
                if range.end <= skip.end {
                    continue;
                }
                Event::Text(text[skip.end..range.end].to_string().into())
            }
            ev => ev,
        };
        // Tight list items carry text without a paragraph; a block starting
        // after such text closes the implicit paragraph first.
        if matches!(
            ev,
            Event::Start(
                Tag::List(_)
                    | Tag::BlockQuote(_)
                    | Tag::Item
                    | Tag::Paragraph
                    | Tag::Heading { .. }
            ) | Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_))
        ) {
            close_para(&mut stack);
        }
        match ev {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Heading { .. }) => {
                stack.push(Frame::Para(Vec::new()))
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => {
                close_para(&mut stack)
            }
            // Nesting past MAX_NESTING is refused at load time; here the
            // deeper quotes are folded into the last level, so nothing
            // recurses deeper than that whatever the text.
            Event::Start(Tag::BlockQuote(_)) => {
                quotes += 1;
                if quotes <= MAX_NESTING {
                    stack.push(Frame::Quote(Vec::new()));
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quotes -= 1;
                if quotes < MAX_NESTING
                    && matches!(stack.last(), Some(Frame::Quote(_)))
                    && let Some(Frame::Quote(blocks)) = stack.pop()
                {
                    push_block(&mut stack, Block::Callout(blocks));
                }
            }
            Event::Start(Tag::List(_)) => {
                depth += 1;
                if depth <= MAX_LIST_DEPTH {
                    stack.push(Frame::List(Vec::new()));
                }
            }
            Event::End(TagEnd::List(_)) => {
                if depth <= MAX_LIST_DEPTH
                    && matches!(stack.last(), Some(Frame::List(_)))
                    && let Some(Frame::List(items)) = stack.pop()
                {
                    push_block(&mut stack, Block::List(items));
                }
                depth -= 1;
            }
            Event::Start(Tag::Item) if depth <= MAX_LIST_DEPTH => {
                stack.push(Frame::Item(Vec::new()));
            }
            Event::End(TagEnd::Item) if depth <= MAX_LIST_DEPTH => {
                close_para(&mut stack);
                if matches!(stack.last(), Some(Frame::Item(_)))
                    && let Some(Frame::Item(blocks)) = stack.pop()
                    && let Some(Frame::List(items)) = stack.last_mut()
                {
                    items.push(blocks);
                }
            }
            Event::Start(Tag::Strong) => style.bold = true,
            Event::End(TagEnd::Strong) => style.bold = false,
            Event::Start(Tag::Emphasis) => style.italic = true,
            Event::End(TagEnd::Emphasis) => style.italic = false,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => links.push(link_to(&link_target(link_type, &dest_url))),
            Event::End(TagEnd::Link) => {
                links.pop();
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                // Attributes were checked at load time; a bad set is ignored.
                let attrs = match attributes_after(text, range.end) {
                    Some((r, a)) => {
                        skip = r;
                        a.unwrap_or_default()
                    }
                    None => FigureAttributes::default(),
                };
                image = Some((
                    dest_url.to_string(),
                    title.to_string(),
                    String::new(),
                    attrs,
                ));
            }
            Event::End(TagEnd::Image) => {
                if let Some((src, title, alt, attrs)) = image.take() {
                    if is_remote(&src) {
                        // Not fetched: left out (a warning at load time).
                        continue;
                    }
                    close_para(&mut stack);
                    let caption = if title.is_empty() { alt.clone() } else { title };
                    push_block(
                        &mut stack,
                        Block::Figure {
                            src,
                            alt,
                            caption,
                            credit: attrs.credit,
                            width: attrs.width,
                        },
                    );
                }
            }
            Event::Text(t) if image.is_some() => {
                if let Some((_, _, alt, _)) = image.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                push_run(&mut stack, Run::text(&t, style, links.last().cloned()))
            }
            Event::SoftBreak => push_run(&mut stack, Run::text(" ", style, links.last().cloned())),
            Event::HardBreak => push_run(
                &mut stack,
                Run {
                    inline: Inline::LineBreak,
                    style,
                    link: None,
                },
            ),
            _ => {}
        }
    }
    close_para(&mut stack);
    // Unwind anything pulldown-cmark left open (it closes everything, but a
    // depth cap may leave frames): fold them into the root.
    while stack.len() > 1 {
        match stack.pop() {
            Some(Frame::Para(runs)) => push_block(&mut stack, Block::Paragraph(runs)),
            Some(Frame::Quote(b)) | Some(Frame::Item(b)) => {
                push_block(&mut stack, Block::Callout(b))
            }
            Some(Frame::List(items)) => push_block(&mut stack, Block::List(items)),
            _ => {}
        }
    }
    match stack.pop() {
        Some(Frame::Root(blocks)) => blocks,
        _ => Vec::new(),
    }
}

/// Where a link written in prose goes: `#id` is a section of this report,
/// anything else an address (validated at load time).
fn link_to(dest: &str) -> Link {
    match dest.strip_prefix('#') {
        Some(id) => Link::Anchor(id.to_string()),
        None => Link::Uri(dest.to_string()),
    }
}

enum Frame {
    Root(Vec<Block>),
    Para(Vec<Run>),
    Quote(Vec<Block>),
    List(Vec<Vec<Block>>),
    Item(Vec<Block>),
}

fn close_para(stack: &mut Vec<Frame>) {
    if matches!(stack.last(), Some(Frame::Para(_)))
        && let Some(Frame::Para(runs)) = stack.pop()
    {
        // What is left of a paragraph around an image may be nothing
        // (or only spaces): no paragraph then.
        let blank = runs.iter().all(|r| match &r.inline {
            Inline::Text(t) => t.trim().is_empty(),
            Inline::LineBreak => true,
        });
        if !blank {
            push_block(stack, Block::Paragraph(runs));
        }
    }
}

fn push_block(stack: &mut [Frame], block: Block) {
    match stack.last_mut() {
        Some(Frame::Root(b)) | Some(Frame::Quote(b)) | Some(Frame::Item(b)) => b.push(block),
        Some(Frame::List(items)) => match items.last_mut() {
            Some(item) => item.push(block),
            None => items.push(vec![block]),
        },
        Some(Frame::Para(runs)) => {
            // A block inside a paragraph (cannot happen in CommonMark) keeps its text.
            if let Block::Paragraph(r) = block {
                runs.extend(r);
            }
        }
        None => {}
    }
}

fn push_run(stack: &mut Vec<Frame>, run: Run) {
    // Tight list items carry text without a paragraph: open one.
    if !matches!(stack.last(), Some(Frame::Para(_))) {
        stack.push(Frame::Para(Vec::new()));
    }
    if let Some(Frame::Para(runs)) = stack.last_mut() {
        // Merge with the previous run when nothing but the text differs.
        if let (Some(prev), Inline::Text(t)) = (runs.last_mut(), &run.inline)
            && prev.style == run.style
            && prev.link == run.link
            && let Inline::Text(p) = &mut prev.inline
        {
            p.push_str(t);
            return;
        }
        runs.push(run);
    }
}
