//! The contents: one entry per chapter and section, dot leaders, page
//! numbers that link to their headings; and the register of every heading
//! that the outline and the contents share.

use super::*;

/// The contents page: a Sect with its heading and a TOC, one TOCI per
/// chapter whose sections are a TOC inside it; each entry's title and
/// page number are the text of a Link (inside a Reference) to its heading.
pub(super) fn contents_units(
    doc: &Document,
    s: &Setter,
    numbers: &HashMap<String, usize>,
    tree: &mut Structure,
) -> Res<Vec<Unit>> {
    let mut units = Vec::new();
    let sect = tree.add(Structure::ROOT, StructType::Sect);
    let h1 = tree.add(sect, StructType::H(1));
    heading_units(
        s,
        1,
        "Contents",
        "contents",
        Colour::ACCENT,
        BODY_WIDTH,
        &mut units,
        tree,
        h1,
    )?;
    let toc = tree.add(sect, StructType::TOC);
    // The chapter entry whose sections are being listed, and their TOC.
    let mut chapter: Option<(NodeId, Option<NodeId>)> = None;
    for ch in &doc.chapters {
        for b in &ch.blocks {
            let Block::Heading {
                level,
                text,
                anchor,
                ..
            } = b
            else {
                continue;
            };
            if *level > 2 {
                continue;
            }
            let list = match (*level, &mut chapter) {
                (2, Some((toci, inner))) => {
                    *inner.get_or_insert_with(|| tree.add(*toci, StructType::TOC))
                }
                _ => toc,
            };
            let toci = tree.add(list, StructType::TOCI);
            if *level == 1 || chapter.is_none() {
                chapter = Some((toci, None));
            }
            units.push(contents_entry(
                s,
                *level,
                text,
                anchor,
                numbers.get(anchor).copied(),
                tree,
                toci,
            )?);
        }
    }
    Ok(units)
}

pub(super) fn contents_entry(
    s: &Setter,
    level: u8,
    text: &str,
    anchor: &str,
    page: Option<usize>,
    tree: &mut Structure,
    toci: NodeId,
) -> Res<Unit> {
    let reference = tree.add(toci, StructType::Reference);
    let link = tree.add(reference, StructType::Link);
    use space::contents::*;
    let (base, indent, space) = if level == 1 {
        (text::CONTENTS_CHAPTER, 0.0, CHAPTER_BEFORE)
    } else {
        (text::CONTENTS_SECTION, SECTION_INDENT, SECTION_BEFORE)
    };
    let num_w = NUMBER_WIDTH;
    let number = page.map_or("00".to_string(), |p| p.to_string());
    let mut set = s.set(
        &[Run::plain(text)],
        base,
        BODY_WIDTH - indent - num_w - LEADER_ROOM,
        Justify::Ragged,
    )?;
    // A space after the title, so the link reads "Foreword 4", not
    // "Foreword4" (the leaders between are decoration).
    s.space_after(&mut set);
    set.tag_as(tree, link);
    let mut num = s.set(&[Run::plain(number)], base, num_w, Justify::Ragged)?;
    num.tag_as(tree, link);
    let mut items = Vec::new();
    for i in 0..set.lines.len() {
        items.extend(set.line_items(i, indent, i as f32 * set.leading, None));
    }
    let last = set.lines.len().saturating_sub(1);
    let last_w = set.lines.get(last).map_or(0.0, |l| l.width);
    let ly = last as f32 * set.leading;
    // Dot leaders between the title's end and the number.
    let dot = s.set(
        &[Run::plain(".")],
        Base {
            colour: Colour::MUTED,
            ..base
        },
        DOT_MEASURE,
        Justify::Ragged,
    )?;
    // One run of dots on a fixed pitch (dots of all entries line up), set
    // as an artifact: leaders are decoration, not content to read aloud.
    let pitch = LEADER_PITCH;
    let dx = ((indent + last_w + LEADER_AFTER_TITLE) / pitch).ceil() * pitch;
    let count = ((BODY_WIDTH - num_w - LEADER_BEFORE_NUMBER - dx) / pitch)
        .ceil()
        .max(0.0) as usize;
    if let Some(FrameItem::Glyphs(mut run)) = dot.line_items(0, dx, ly, None).into_iter().next()
        && let Some(g) = run.glyphs.first().cloned()
    {
        run.tag = Tag::Artifact(Artifact::Layout);
        run.glyphs = (0..count)
            .map(|k| RunGlyph {
                advance: pitch,
                cluster: k as u32,
                ..g.clone()
            })
            .collect();
        run.text = ".".repeat(count);
        if count > 0 {
            items.push(FrameItem::Glyphs(run));
        }
    }
    items.extend(num.line_items(0, BODY_WIDTH - num_w, ly, Some(num_w)));
    let h = set.height();
    items.push(FrameItem::Link {
        x: indent,
        y: 0.0,
        w: BODY_WIDTH - indent,
        h,
        target: Target::Anchor(anchor.to_string()),
        tag: Tag::Content(link),
    });
    Ok(Unit {
        height: h,
        space_before: space,
        items,
        keep_with_next: level == 1,
        ..Default::default()
    })
}

/// Every heading of the document in order, not yet on a page; placing the
/// units that carry their anchors fills in page and position.
pub fn register_headings(doc: &Document) -> Vec<Heading> {
    let mut v = Vec::new();
    let mut push = |level: u8, text: &str, anchor: &str| {
        v.push(Heading {
            anchor: anchor.to_string(),
            title: text.to_string(),
            level,
            page: 0,
            y: 0.0,
        })
    };
    push(1, "Contents", "contents");
    for ch in doc.chapters.iter().chain(doc.back_cover.iter()) {
        for b in &ch.blocks {
            if let Block::Heading {
                level,
                text,
                anchor,
                ..
            } = b
            {
                push(*level, text, anchor);
            }
        }
    }
    v
}
