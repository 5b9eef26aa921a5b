//! One paragraph from shaped text to lines of placed glyphs: break
//! opportunities from UAX #14 (unicode-linebreak; Chinese breaks between
//! characters), hyphenation points from the `hyphenation` crate (Liang's
//! patterns, en-US), Knuth–Plass to choose the breaks, then justification.

use super::fonts::{FontSet, primary};
use super::linebreak::{INFINITY, Item, Params, break_lines, try_break};
use super::shape::Shaped;
use hyphenation::{Hyphenator as _, Language, Load, Standard};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::ops::Range;
use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Hyphenation patterns, loaded, with the points found per word.
pub struct Hyphenator {
    dict: Option<Standard>,
    /// Points found per word: pattern matching is costly and a report
    /// hyphenates the same words again and again.
    seen: RefCell<FxHashMap<Box<str>, Vec<usize>>>,
}

impl Hyphenator {
    /// en-US patterns, embedded in the binary.
    pub fn english() -> Hyphenator {
        Hyphenator {
            dict: Standard::from_embedded(Language::EnglishUS).ok(),
            seen: RefCell::default(),
        }
    }

    /// No hyphenation (for tests of the breaker alone).
    pub fn none() -> Hyphenator {
        Hyphenator {
            dict: None,
            seen: RefCell::default(),
        }
    }

    /// Byte offsets inside `word` where it may be hyphenated.
    pub fn points(&self, word: &str) -> Vec<usize> {
        match &self.dict {
            // Only plain words: no digits, no capitals-only acronyms, no URLs.
            Some(d)
                if word.chars().count() >= 5
                    && word.chars().all(|c| c.is_alphabetic())
                    && !word.chars().all(|c| c.is_uppercase()) =>
            {
                if let Some(p) = self.seen.borrow().get(word) {
                    return p.clone();
                }
                let points = d.hyphenate(word).breaks;
                self.seen.borrow_mut().insert(word.into(), points.clone());
                points
            }
            _ => Vec::new(),
        }
    }
}

/// The cost of breaking a word at a line end (TeX's `\hyphenpenalty`,
/// whose default is 50). At 50, a fifth of the report's body lines ended in
/// a hyphen; at 500 about 7 % do (Typst sets the same text with 7 %), with
/// the same tolerance for loose lines, so a hyphen is chosen only where the
/// alternative is a visibly looser paragraph.
const HYPHEN_PENALTY: f32 = 500.0;

/// A glyph placed on a line.
#[derive(Debug, Clone)]
pub struct PlacedGlyph {
    /// Glyph id.
    pub gid: u16,
    /// Face.
    pub face: u8,
    /// Style index into the paragraph's styles.
    pub style: usize,
    /// x from the line start, in points.
    pub x: f32,
    /// Advance used for this glyph (justified spaces are wider).
    pub advance: f32,
    /// The text this glyph stands for.
    pub source: Source,
}

/// What a placed glyph stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A byte range of the paragraph text: its cluster for the first glyph
    /// of a cluster, empty for the others.
    Text(u32, u32),
    /// A hyphen inserted where a word was broken.
    Hyphen,
}

impl PlacedGlyph {
    /// The text this glyph stands for, if any, given the paragraph text.
    pub fn text<'a>(&self, paragraph: &'a str) -> Option<&'a str> {
        match self.source {
            Source::Text(a, b) if b > a => paragraph.get(a as usize..b as usize),
            Source::Text(..) => None,
            Source::Hyphen => Some("\u{ad}"),
        }
    }
}

/// A set line.
#[derive(Debug, Clone)]
pub struct Line {
    /// Glyphs left to right.
    pub glyphs: Vec<PlacedGlyph>,
    /// Width of the set material.
    pub width: f32,
    /// Ends at a hyphen: an inserted one, or the hyphen of a compound.
    pub hyphenated: bool,
    /// Byte range of the paragraph text on this line.
    pub range: Range<usize>,
    /// How far its first and last glyphs hang into the margins (margin
    /// kerning); the measure runs from `-hang.0` to `width - hang.0 - hang.1`.
    pub hang: (f32, f32),
}

/// How lines are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Justify {
    /// Both edges flush (body text); the last line ragged.
    Full,
    /// Flush left, ragged right (tables, headings).
    Ragged,
}

#[derive(Debug, Clone, Copy)]
enum ItemClass {
    Box,
    Glue,
    Hyphen,
    Other,
}

/// Breaks a shaped paragraph into lines of `width` points.
pub fn set_paragraph(
    fonts: &FontSet,
    s: &Shaped,
    width: f32,
    justify: Justify,
    hyph: &Hyphenator,
) -> Vec<Line> {
    if s.text.is_empty() {
        return Vec::new();
    }
    let size = s.styles.first().map_or(10.0, |st| st.size);
    // As TeX does: first without hyphenation at a strict tolerance; only a
    // paragraph that cannot be set well that way is hyphenated.
    let none = Hyphenator::none();
    let (mut items, mut ranges, mut kinds) = build_items(fonts, s, width, justify, &none, size);
    let breaks = match try_break(&items, |_| width, &Params::default(), 1.0) {
        Some(b) => b,
        None => {
            (items, ranges, kinds) = build_items(fonts, s, width, justify, hyph, size);
            break_lines(&items, |_| width, &Params::default())
        }
    };
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start_item = 0usize;
    let count = breaks.len();
    for (n, b) in breaks.into_iter().enumerate() {
        // Skip discardable items at the start of the line.
        while start_item < b.index && !matches!(kinds[start_item], ItemClass::Box) {
            start_item += 1;
        }
        let insert_hyphen = matches!(kinds[b.index], ItemClass::Hyphen);
        let span = start_item..b.index;
        let set = |ratio: f32| {
            make_line(
                fonts,
                s,
                &items,
                &ranges,
                &kinds,
                span.clone(),
                ratio,
                (b.hyphenated, insert_hyphen),
                justify,
            )
        };
        let mut line = set(b.ratio);
        // Margin kerning (as microtype does): a justified line's edge
        // punctuation hangs partly into the margin, so the edge looks
        // straight; the line's spaces take up the difference.
        if justify == Justify::Full && n + 1 < count {
            let hang = |g: Option<&PlacedGlyph>, right: bool| {
                g.map_or(0.0, |g| protrusion(g.text(&s.text), right) * g.advance)
            };
            let (left, right) = (
                hang(line.glyphs.first(), false),
                hang(line.glyphs.last(), true),
            );
            if left + right > 0.0 {
                let (stretch, shrink) = glue_of(&items, span.clone());
                let extra = left + right;
                // A shrunk line first gives back its shrink, then stretches.
                let released = (-b.ratio).max(0.0) * shrink;
                let ratio = if b.ratio < 0.0 && extra <= released {
                    b.ratio + extra / shrink
                } else if stretch > 0.0 {
                    b.ratio.max(0.0) + (extra - released) / stretch
                } else {
                    f32::INFINITY
                };
                if ratio <= 3.0 {
                    line = set(ratio);
                    for g in &mut line.glyphs {
                        g.x -= left;
                    }
                    line.hang = (left, right);
                }
            }
        }
        lines.push(line);
        start_item = b.index + 1;
    }
    lines
}

/// How far a character at a line's edge hangs into the margin, as a share
/// of its advance (microtype's defaults, in short): hyphens, full stops,
/// commas and closing quotes at the right, opening quotes at the left.
fn protrusion(text: Option<&str>, right: bool) -> f32 {
    let Some(c) = text.and_then(|t| t.chars().next()) else {
        return 0.0;
    };
    match (c, right) {
        ('-' | '\u{ad}' | '.' | ',' | '”' | '’' | '"' | '\'', true) => 0.6,
        ('–' | '—', true) => 0.3,
        (':' | ';', true) => 0.3,
        ('“' | '‘' | '"' | '\'', false) => 0.5,
        _ => 0.0,
    }
}

/// The stretch and shrink of the glue in a line's items.
fn glue_of(items: &[Item], span: Range<usize>) -> (f32, f32) {
    items[span]
        .iter()
        .fold((0.0, 0.0), |(st, sh), it| match *it {
            Item::Glue {
                stretch, shrink, ..
            } if stretch < INFINITY / 2.0 => (st + stretch, sh + shrink),
            _ => (st, sh),
        })
}

type Built = (Vec<Item>, Vec<Range<usize>>, Vec<ItemClass>);

fn build_items(
    fonts: &FontSet,
    s: &Shaped,
    width: f32,
    justify: Justify,
    hyph: &Hyphenator,
    size: f32,
) -> Built {
    // About a word and a space per six bytes of text; reserved once, as a
    // paragraph pushes an item per word, space and break point.
    let guess = s.text.len() / 3 + 4;
    let mut items = Vec::with_capacity(guess);
    let mut ranges: Vec<Range<usize>> = Vec::with_capacity(guess);
    let mut kinds = Vec::with_capacity(guess);
    let text = s.text.as_str();
    // A byte starts a cluster when the first glyph at or after it is there.
    let cluster_start =
        |p: usize| p >= text.len() || s.glyphs.get(s.glyph_at(p)).is_some_and(|g| g.cluster == p);
    let mut push = |item: Item, r: Range<usize>, k: ItemClass, items: &mut Vec<Item>| {
        items.push(item);
        ranges.push(r);
        kinds.push(k);
    };
    let ragged_stretch = 3.0 * size;
    // (position, penalty item, kind) for each place a word may break;
    // one buffer for every word of the paragraph.
    let mut splits: Vec<(usize, Item, ItemClass)> = Vec::new();
    let mut prev = 0usize;
    for (at, opp) in linebreaks(text) {
        let seg = &text[prev..at];
        let trimmed_len = seg.trim_end_matches([' ', '\n', '\u{2028}']).len();
        let word = prev..prev + trimmed_len;
        let space = prev + trimmed_len..at;
        // The word: boxes split at hyphenation points (or at every cluster
        // when it is wider than the line, e.g. a URL in a narrow cell).
        splits.clear();
        if s.width(word.clone()) > width {
            splits.extend(
                text[word.clone()]
                    .char_indices()
                    .skip(1)
                    .map(|(i, _)| word.start + i)
                    .filter(|&p| cluster_start(p))
                    .map(|p| {
                        (
                            p,
                            Item::Penalty {
                                width: 0.0,
                                penalty: 500.0,
                                flagged: false,
                            },
                            ItemClass::Other,
                        )
                    }),
            );
        } else {
            splits.extend(
                hyph.points(&text[word.clone()])
                    .into_iter()
                    .map(|p| word.start + p)
                    // A point inside a ligature cannot be broken.
                    .filter(|&p| cluster_start(p))
                    .map(|p| {
                        let hyphen = Item::Penalty {
                            width: hyphen_width(fonts, s, p),
                            penalty: HYPHEN_PENALTY,
                            flagged: true,
                        };
                        (p, hyphen, ItemClass::Hyphen)
                    }),
            );
        }
        if !word.is_empty() {
            let mut last = word.start;
            for &(p, penalty, kind) in &splits {
                push(
                    Item::Box {
                        width: s.width(last..p),
                    },
                    last..p,
                    ItemClass::Box,
                    &mut items,
                );
                push(penalty, p..p, kind, &mut items);
                last = p;
            }
            push(
                Item::Box {
                    width: s.width(last..word.end),
                },
                last..word.end,
                ItemClass::Box,
                &mut items,
            );
        }
        let is_end = at >= text.len();
        match opp {
            BreakOpportunity::Mandatory if !is_end => {
                forced_break(space.clone(), &mut push, &mut items);
            }
            _ if is_end => {}
            _ if !space.is_empty() => {
                let w = s.width(space.clone());
                match justify {
                    Justify::Full => push(
                        Item::Glue {
                            width: w,
                            stretch: w * 0.6,
                            shrink: w * 0.3,
                        },
                        space,
                        ItemClass::Glue,
                        &mut items,
                    ),
                    Justify::Ragged => {
                        push(
                            Item::Glue {
                                width: 0.0,
                                stretch: ragged_stretch,
                                shrink: 0.0,
                            },
                            space.start..space.start,
                            ItemClass::Other,
                            &mut items,
                        );
                        push(
                            Item::Penalty {
                                width: 0.0,
                                penalty: 0.0,
                                flagged: false,
                            },
                            space.start..space.start,
                            ItemClass::Other,
                            &mut items,
                        );
                        push(
                            Item::Glue {
                                width: w,
                                stretch: -ragged_stretch,
                                shrink: 0.0,
                            },
                            space,
                            ItemClass::Glue,
                            &mut items,
                        );
                    }
                }
            }
            _ => {
                // A break without a space: after a hyphen or dash, or between
                // CJK characters.
                let after_hyphen = text[..at].ends_with(['-', '–', '—', '/']);
                let penalty = if after_hyphen { 50.0 } else { 0.0 };
                push(
                    Item::Penalty {
                        width: 0.0,
                        penalty,
                        flagged: after_hyphen,
                    },
                    at..at,
                    ItemClass::Other,
                    &mut items,
                );
            }
        }
        prev = at;
    }
    let end = text.len();
    forced_break(end..end, &mut push, &mut items);
    (items, ranges, kinds)
}

/// A line end that must be taken: glue that fills the line, then a break.
fn forced_break(
    at: Range<usize>,
    push: &mut impl FnMut(Item, Range<usize>, ItemClass, &mut Vec<Item>),
    items: &mut Vec<Item>,
) {
    let fill = Item::Glue {
        width: 0.0,
        stretch: INFINITY,
        shrink: 0.0,
    };
    push(fill, at.clone(), ItemClass::Other, items);
    let force = Item::Penalty {
        width: 0.0,
        penalty: -INFINITY,
        flagged: false,
    };
    push(force, at.end..at.end, ItemClass::Other, items);
}

/// Width of a hyphen in the style at byte `at`.
fn hyphen_width(fonts: &FontSet, s: &Shaped, at: usize) -> f32 {
    hyphen_glyph(fonts, s, s.style_at(at.saturating_sub(1))).2
}

#[allow(clippy::too_many_arguments)]
fn make_line(
    fonts: &FontSet,
    s: &Shaped,
    items: &[Item],
    ranges: &[Range<usize>],
    kinds: &[ItemClass],
    span: Range<usize>,
    ratio: f32,
    (hyphenated, insert_hyphen): (bool, bool),
    justify: Justify,
) -> Line {
    let glyph_count = match (span.clone().next(), span.clone().next_back()) {
        (Some(a), Some(b)) => s
            .glyph_at(ranges[b].end)
            .saturating_sub(s.glyph_at(ranges[a].start)),
        _ => 0,
    };
    // One more for a hyphen the line may end with.
    let mut glyphs: Vec<PlacedGlyph> = Vec::with_capacity(glyph_count + 1);
    let mut x = 0.0f32;
    let ratio = if justify == Justify::Full {
        ratio.clamp(-1.0, 3.0)
    } else {
        0.0
    };
    let start_byte = span.clone().next().map_or(0, |i| ranges[i].start);
    let mut end_byte = start_byte;
    for i in span.clone() {
        let r = ranges[i].clone();
        let (natural, target) = match items[i] {
            Item::Glue {
                width,
                stretch,
                shrink,
            } if justify == Justify::Full => {
                let adj = if ratio >= 0.0 {
                    width + ratio * stretch
                } else {
                    width + ratio * shrink
                };
                (width, adj)
            }
            Item::Glue { width, .. } => (width, width),
            _ => (0.0, 0.0),
        };
        match kinds[i] {
            ItemClass::Box | ItemClass::Glue => {
                let a = s.glyph_at(r.start);
                let b = s.glyph_at(r.end);
                let scale = if matches!(kinds[i], ItemClass::Glue) && natural > 0.0 {
                    target / natural
                } else {
                    1.0
                };
                for gi in a..b {
                    let g = &s.glyphs[gi];
                    let adv = g.advance * scale;
                    glyphs.push(PlacedGlyph {
                        gid: g.gid,
                        face: g.face,
                        style: g.style,
                        x,
                        advance: adv,
                        source: cluster_text(s, gi),
                    });
                    x += adv;
                }
                if matches!(kinds[i], ItemClass::Glue) && b == a {
                    x += target;
                }
                end_byte = end_byte.max(r.end);
            }
            _ => {
                if let Item::Glue { .. } = items[i] {
                    x += target;
                }
            }
        }
    }
    let mut line = Line {
        glyphs,
        width: x,
        hyphenated,
        range: start_byte..end_byte,
        hang: (0.0, 0.0),
    };
    if insert_hyphen {
        add_hyphen(fonts, s, &mut line);
    }
    line
}

/// The text of glyph `gi`'s cluster, if `gi` is the first glyph of it.
fn cluster_text(s: &Shaped, gi: usize) -> Source {
    let g = &s.glyphs[gi];
    if gi > 0 && s.glyphs[gi - 1].cluster == g.cluster {
        return Source::Text(g.cluster as u32, g.cluster as u32);
    }
    let end = s.glyphs[gi + 1..]
        .iter()
        .map(|n| n.cluster)
        .find(|&c| c > g.cluster)
        .unwrap_or(s.text.len());
    // A cluster that runs past a line break (never for Latin or CJK) is cut.
    let end = end.max(g.cluster);
    Source::Text(g.cluster as u32, end as u32)
}

fn add_hyphen(fonts: &FontSet, s: &Shaped, line: &mut Line) {
    let Some(last) = line.glyphs.last() else {
        return;
    };
    let style = last.style;
    let (face, gid, advance) = hyphen_glyph(fonts, s, style);
    line.glyphs.push(PlacedGlyph {
        gid,
        face,
        style,
        x: line.width,
        advance,
        source: Source::Hyphen,
    });
    line.width += advance;
}

/// The hyphen of a style's primary face: (face, glyph id, advance in points).
fn hyphen_glyph(fonts: &FontSet, s: &Shaped, style: usize) -> (u8, u16, f32) {
    let st = &s.styles[style];
    let face = primary(st.family, st.bold, st.italic);
    let f = fonts.face(face);
    // The soft hyphen's glyph (the same shape in the bundled faces) where
    // the face has one: its text is U+00AD, so a word broken at a line end
    // extracts and reads aloud whole ("orga\u{ad}nized"), while a hyphen
    // that is part of the text stays "-".
    let visible = |g: ttf_parser::GlyphId| f.glyph_hor_advance(g).is_some_and(|a| a > 0);
    let gid = f
        .glyph_index('\u{ad}')
        .filter(|&g| visible(g))
        .or_else(|| f.glyph_index('-'))
        .map_or(0, |g| g.0);
    let adv = f.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0);
    (
        face,
        gid,
        f32::from(adv) * st.size / fonts.upem[usize::from(face)],
    )
}
