//! Which language a piece of text is in, where the report mixes scripts:
//! a Chinese city's name in an English report is read by a screen reader
//! in Chinese, in the PDF (`/Lang` on a Span) and on the web (`lang` on a
//! span) alike. Decided from the script alone: Hangul is Korean, kana
//! Japanese, Han characters alone Chinese.

/// The language a text's script implies, where it is not Latin: Korean
/// for Hangul, Japanese for kana, Chinese for Han characters alone,
/// Mongolian for Cyrillic with Mongolian letters (Ө, Ү), else Russian.
///
/// ```
/// use folio::lang::script_language;
/// assert_eq!(script_language("Seoul"), None);
/// assert_eq!(script_language("서울특별시"), Some("ko"));
/// assert_eq!(script_language("東京都"), Some("zh"));
/// assert_eq!(script_language("とうきょう"), Some("ja"));
/// assert_eq!(script_language("Улаанбаатар Өлгий"), Some("mn"));
/// ```
pub fn script_language(text: &str) -> Option<&'static str> {
    if text.is_ascii() {
        return None;
    }
    let (mut han, mut kana, mut hangul, mut cyrillic, mut mongolian) =
        (false, false, false, false, false);
    for c in text.chars() {
        match u32::from(c) {
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => hangul = true,
            0x3040..=0x30FF | 0x31F0..=0x31FF => kana = true,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => han = true,
            0x04AE | 0x04AF | 0x04E8 | 0x04E9 => {
                cyrillic = true;
                mongolian = true;
            }
            0x0400..=0x04FF => cyrillic = true,
            _ => {}
        }
    }
    if hangul {
        Some("ko")
    } else if kana {
        Some("ja")
    } else if han {
        Some("zh")
    } else if mongolian {
        Some("mn")
    } else if cyrillic {
        Some("ru")
    } else {
        None
    }
}

/// Splits `text` into runs of one language: `None` for the document's own
/// (Latin) text, `Some(lang)` for a stretch in another script. Digits,
/// punctuation and spaces between two words of one language stay in its
/// stretch, so a date inside a Chinese line is read in Chinese, not as a
/// voice switch for every number.
///
/// ```
/// use folio::lang::segments;
/// assert_eq!(
///     segments("Held in 2023年11月8-10日 云南昆明, with mayors."),
///     vec![("Held in ", None), ("2023年11月8-10日 云南昆明", Some("zh")), (", with mayors.", None)]
/// );
/// assert_eq!(segments("Seoul"), vec![("Seoul", None)]);
/// ```
pub fn segments(text: &str) -> Vec<(&str, Option<&'static str>)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Piece {
        /// A word with letters, in this language (None: the document's).
        Word(Option<&'static str>),
        /// Spaces, digits, punctuation: the language of what surrounds it.
        Neutral,
    }
    if text.is_ascii() {
        return vec![(text, None)];
    }
    let mut pieces: Vec<(usize, Piece)> = Vec::new();
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += word.len();
        let core = word.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
        if core.chars().any(char::is_alphabetic) {
            pieces.push((start, Piece::Word(script_language(core))));
            if core.len() < word.len() {
                pieces.push((start + core.len(), Piece::Neutral));
            }
        } else {
            pieces.push((start, Piece::Neutral));
        }
    }
    let word_lang = |p: &(usize, Piece)| match p.1 {
        Piece::Word(l) => Some(l),
        Piece::Neutral => None,
    };
    let langs: Vec<Option<&'static str>> = (0..pieces.len())
        .map(|i| match pieces[i].1 {
            Piece::Word(l) => l,
            Piece::Neutral => {
                let before = pieces[..i].iter().rev().find_map(word_lang);
                let after = pieces[i + 1..].iter().find_map(word_lang);
                match (before, after) {
                    (Some(Some(a)), Some(Some(b))) if a == b => Some(a),
                    _ => None,
                }
            }
        })
        .collect();
    let mut out: Vec<(&str, Option<&'static str>)> = Vec::new();
    let mut start = 0;
    for i in 1..pieces.len() {
        if langs[i] != langs[i - 1] {
            out.push((&text[start..pieces[i].0], langs[i - 1]));
            start = pieces[i].0;
        }
    }
    out.push((&text[start..], langs.last().copied().flatten()));
    out
}
