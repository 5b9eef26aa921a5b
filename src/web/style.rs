//! The edition's look: the style sheet (edition.css, fixed) and, after it,
//! a class per colour the report uses, with the shades that keep text
//! readable (WCAG AA: 4.5:1 for text, on white and as white on a field),
//! and the fonts it is set in.

use crate::compose::Colour;

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
        let mut css = String::from(include_str!("edition.css"));
        // The text shade reaches 4.5:1 on white, so it serves for text on
        // white and as the field behind white text alike.
        css.push_str("\n/* The report's colours: the brand colour, and its shade for text. */\n");
        for (i, c) in self.colours.iter().enumerate() {
            css.push_str(&format!(
                ".c{i}{{--accent:{};--accent-text:{}}}\n",
                c.css(),
                c.readable_on(Colour::WHITE, 4.5).css(),
            ));
        }
        css
    }
}

/// The font files the style sheet names (the bundled Noto faces the
/// edition sets text in, and their licence), as (name, bytes).
pub(super) fn fonts() -> Vec<(&'static str, &'static [u8])> {
    use crate::layout::fonts::FACES;
    let mut out: Vec<(&str, &[u8])> = FACES
        .iter()
        .filter(|f| WEB_FACES.contains(&f.file))
        .map(|f| (f.file, f.bytes))
        .collect();
    out.push((
        "LICENSE-noto-core.txt",
        include_bytes!("../../fonts/LICENSE-noto-core.txt"),
    ));
    out
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
            assert!(c.readable_on(Colour::WHITE, 4.5).contrast(Colour::WHITE) >= 4.5);
        }
        assert_eq!(p.get(Colour::hex("#F08A24")), "c1");
        assert!(p.css().contains(".c4{--accent:#ffd400;"));
    }
}
