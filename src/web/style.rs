//! The edition's look: the style sheet (edition.css, fixed) and, after it,
//! a class per colour the report uses, with the shades that keep text
//! readable (WCAG AA: 4.5:1 for text, on white and as white on a field),
//! and the fonts it is set in.

use crate::style::Colour;

/// The colours the edition uses, each a class (`c0`, `c1`, …) that sets
/// the custom properties the style sheet reads.
#[derive(Debug, Default)]
pub(super) struct Palette {
    colours: Vec<Colour>,
}

impl Palette {
    /// The class for `c`, added on first use.
    pub(super) fn class(&mut self, c: Colour) -> String {
        let i = match self.colours.iter().position(|k| *k == c) {
            Some(i) => i,
            None => {
                self.colours.push(c);
                self.colours.len() - 1
            }
        };
        format!("c{i}")
    }

    /// The class of a colour already added.
    pub(super) fn get(&self, c: Colour) -> String {
        let i = self.colours.iter().position(|k| *k == c).unwrap_or(0);
        format!("c{i}")
    }

    /// The style sheet: the fixed rules, then one rule per colour.
    pub(super) fn css(&self) -> String {
        // edition.css names the brand colours as `{name}`: filled in from
        // the style module, so the PDF, the workbooks and the edition
        // cannot drift apart.
        let mut css = include_str!("edition.css").to_string();
        for (name, value) in [
            ("{text}", Colour::SCREEN_TEXT.css()),
            ("{muted}", Colour::SCREEN_MUTED.css()),
            ("{rule}", Colour::RULE.css()),
            ("{tint}", TINT.css()),
            ("{link}", Colour::ACCENT.css()),
            ("{accent}", Colour::ACCENT.css()),
            ("{accent-text}", shade(Colour::ACCENT, TINT, 4.5)),
            (
                "{accent-graphic}",
                shade(Colour::ACCENT, Colour::WHITE, 3.0),
            ),
        ] {
            css = css.replace(name, &value);
        }
        // The text shade reaches 4.5:1 on the tint (group rows, call-outs),
        // and so on white: it serves for text on either and as the field
        // behind white text alike. The graphic shade (bars, swatches)
        // reaches 3:1 on white (WCAG 1.4.11).
        css.push_str(
            "\n/* The report's colours: the brand colour, its shade for text and for graphics. */\n",
        );
        for (i, c) in self.colours.iter().enumerate() {
            css.push_str(&format!(
                ".c{i}{{--accent:{};--accent-text:{};--accent-graphic:{}}}\n",
                c.css(),
                shade(*c, TINT, 4.5),
                shade(*c, Colour::WHITE, 3.0),
            ));
        }
        css
    }
}

/// The rules for the back cover's supporters, added to the style sheet
/// only when the report shows them (a report without has the same style
/// sheet as before they existed): one height for every logo, a name in
/// its place where there is none.
pub(super) const LOGOS_CSS: &str = "\n/* The supporters' logos */\n\
.logos{list-style:none;padding:0;margin:.75rem 0 0;display:flex;flex-wrap:wrap;align-items:center;gap:1rem 2rem;font-family:var(--sans);font-weight:700;color:var(--text)}\n\
.logos li{margin:0;max-width:12rem}\n\
.logos img{display:block;height:3rem;width:auto;max-width:100%;object-fit:contain}\n";

/// The tint behind group rows and call-outs (`--tint` in edition.css).
const TINT: Colour = Colour::TINT;

/// `c`, or the lightest shade of it that reaches `ratio` against `ground`,
/// as `#rrggbb`: checked after rounding to 8 bits per channel (what a
/// browser and axe measure), with a little to spare, since a shade that
/// reaches 4.5:1 before rounding can fall to 4.49 after it.
pub(super) fn shade(c: Colour, ground: Colour, ratio: f32) -> String {
    let mut want = ratio;
    loop {
        let css = c.readable_on(ground, want).css();
        if Colour::hex(&css).contrast(ground) >= ratio + 0.02 || want >= 21.0 {
            return css;
        }
        want += 0.01;
    }
}

/// The pages' icon (a browser's tab, a bookmark): a page with lines of
/// text, white on the report's accent. Served from the folder, so a
/// browser does not ask the server for /favicon.ico.
pub(super) fn icon(doc: &crate::compose::Document) -> String {
    let accent = doc.chapters.first().map_or(Colour::ACCENT, |c| c.colour);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"{}\"/><path d=\"M8 8h16v3H8zm0 6.5h16v3H8zM8 21h10v3H8z\" fill=\"#fff\"/></svg>\n",
        shade(accent, TINT, 4.5)
    )
}

/// The font files the style sheet names, as (name, bytes): the bundled
/// Noto faces the edition sets text in, each subset to the characters in
/// `used` (a few hundred glyphs instead of thousands: tens of kilobytes a
/// face instead of half a megabyte), and their licence. A face that cannot
/// be subset is shipped whole.
pub(super) fn fonts(used: &std::collections::BTreeSet<char>) -> Vec<(&'static str, Vec<u8>)> {
    use crate::layout::fonts::FACES;
    let mut out: Vec<(&str, Vec<u8>)> = FACES
        .iter()
        .filter(|f| WEB_FACES.contains(&f.file))
        .map(|f| {
            (
                f.file,
                subset(f.bytes, used).unwrap_or_else(|| f.bytes.to_vec()),
            )
        })
        .collect();
    out.push((
        "LICENSE-noto-core.txt",
        include_bytes!("../../fonts/LICENSE-noto-core.txt").to_vec(),
    ));
    out
}

/// `font` with only the glyphs of `used` (and .notdef), as a complete
/// OpenType font a browser accepts: a Unicode cmap, OS/2, hhea and the
/// rest of the minimal profile (allsorts' subsetter; kerning and
/// ligature tables are left out).
fn subset(font: &[u8], used: &std::collections::BTreeSet<char>) -> Option<Vec<u8>> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let face = ttf_parser::Face::parse(font, 0).ok()?;
    let mut gids: Vec<u16> = vec![0];
    gids.extend(
        used.iter()
            .filter_map(|c| face.glyph_index(*c))
            .map(|g| g.0),
    );
    gids.sort_unstable();
    gids.dedup();
    let data = ReadScope::new(font).read::<FontData<'_>>().ok()?;
    let provider = data.table_provider(0).ok()?;
    allsorts::subset::subset(
        &provider,
        &gids,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .ok()
}

/// The faces edition.css declares. (Chinese, Japanese and Korean text
/// falls back to the reader's own Noto Sans CJK or system face: the
/// bundled collection is 19 MB.)
const WEB_FACES: [&str; 5] = [
    "NotoSerif-Regular.ttf",
    "NotoSerif-Italic.ttf",
    "NotoSerif-Bold.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_shade_reads_on_white() {
        let mut p = Palette::default();
        for hex in ["#3A9A45", "#F08A24", "#1B9AAA", "#00578C", "#FFD400"] {
            p.class(Colour::hex(hex));
        }
        for c in &p.colours {
            let text = Colour::hex(&shade(*c, TINT, 4.5));
            assert!(text.contrast(TINT) >= 4.5 && text.contrast(Colour::WHITE) >= 4.5);
            assert!(Colour::hex(&shade(*c, Colour::WHITE, 3.0)).contrast(Colour::WHITE) >= 3.0);
        }
        // #33873c, the nature-based green's shade before rounding was
        // checked, measures 4.49:1 on white.
        assert_ne!(shade(Colour::hex("#3A9A45"), Colour::WHITE, 4.5), "#33873c");
        assert_eq!(p.get(Colour::hex("#F08A24")), "c1");
        assert!(p.css().contains(".c4{--accent:#ffd400;"));
    }

    #[test]
    fn a_subset_face_maps_every_used_character_and_is_small() {
        let used: std::collections::BTreeSet<char> =
            "Annual Report – Kunming, café ’24".chars().collect();
        let fonts = fonts(&used);
        let (_, serif) = fonts
            .iter()
            .find(|(n, _)| *n == "NotoSerif-Regular.ttf")
            .unwrap();
        assert!(serif.len() < 20_000, "{} bytes", serif.len());
        let face = ttf_parser::Face::parse(serif, 0).unwrap();
        for c in used.iter().filter(|c| !c.is_whitespace() || **c == ' ') {
            assert!(
                face.glyph_index(*c).is_some_and(|g| g.0 != 0),
                "{c:?} not mapped"
            );
        }
        assert!(face.glyph_index('Z').is_none());
        // Browsers need these beside the glyphs (Chrome's sanitizer refuses
        // a font without them).
        for table in [
            b"cmap", b"OS/2", b"hhea", b"hmtx", b"maxp", b"name", b"post", b"head",
        ] {
            let tag = ttf_parser::Tag::from_bytes(table);
            assert!(
                face.raw_face().table(tag).is_some(),
                "{}",
                String::from_utf8_lossy(table)
            );
        }
    }
}
