use super::*;
use crate::diagnostic::line_col;

fn report() -> String {
    std::fs::read_to_string(crate::FROZEN_2023).expect("the 2023 report fixture")
}

/// Loads `src` and returns the failure's diagnostics with line and column.
fn problems(src: &str) -> Vec<(usize, usize, String, Option<String>)> {
    match load_str("report.toml", src) {
        Ok(_) => panic!("expected the input to be rejected"),
        Err(f) => f
            .diagnostics
            .iter()
            .map(|d| {
                let (l, c) = d.span.as_ref().map_or((0, 0), |s| line_col(src, s.start));
                (l, c, d.message.clone(), d.hint.clone())
            })
            .collect(),
    }
}

/// Line (1-based) of the first occurrence of `needle`.
fn line_of(src: &str, needle: &str) -> usize {
    line_col(src, src.find(needle).expect("needle in source")).0
}

fn replace_once(src: &str, from: &str, to: &str) -> String {
    assert!(src.contains(from), "fixture text not found: {from}");
    src.replacen(from, to, 1)
}

#[test]
fn the_default_report_is_valid() {
    let src = report();
    let loaded = load_str("report.toml", &src).unwrap_or_else(|f| panic!("{}", f.render()));
    assert_eq!(loaded.report.report.year, 2023);
}

#[test]
fn unknown_key_is_located_with_a_suggestion() {
    let src = replace_once(
        &report(),
        "id = \"cop28\"\ntitle = \"UNFCCC COP28\"",
        "id = \"cop28\"\ntitel = \"UNFCCC COP28\"",
    );
    let p = problems(&src);
    let line = line_of(&src, "titel =");
    let hit = p
        .iter()
        .find(|x| x.2.contains("unknown key `titel`"))
        .expect("unknown key reported");
    assert_eq!((hit.0, hit.1), (line, 1));
    assert_eq!(hit.3.as_deref(), Some("did you mean `title`?"));
}

#[test]
fn impossible_date_is_located() {
    let src = replace_once(&report(), "start = 2023-04-18", "start = 2023-02-30");
    let p = problems(&src);
    let line = line_of(&src, "start = 2023-02-30");
    assert!(p.iter().any(|x| x.0 == line), "{p:?}");
}

#[test]
fn end_before_start_is_located_on_the_end() {
    let src = replace_once(
        &report(),
        "start = 2023-04-10\nend = 2023-04-11",
        "start = 2023-04-10\nend = 2023-03-11",
    );
    let p = problems(&src);
    let line = line_of(&src, "end = 2023-03-11");
    let hit = p
        .iter()
        .find(|x| x.2.contains("before it starts"))
        .expect("order reported");
    assert_eq!((hit.0, hit.1), (line, 7));
    assert!(
        hit.2.contains("undrr-resilience-series ends on 2023-03-11")
            || hit
                .2
                .contains("`undrr-resilience-series` ends on 2023-03-11")
    );
}

#[test]
fn duplicate_id_points_at_the_second_and_names_the_first() {
    let src = replace_once(
        &report(),
        "id = \"world-cities-day-china\"",
        "id = \"sifce-2023\"",
    );
    let p = problems(&src);
    let second = src.match_indices("id = \"sifce-2023\"").nth(1).unwrap().0;
    let (line, _) = line_col(&src, second);
    let hit = p
        .iter()
        .find(|x| x.2.contains("duplicate id \"sifce-2023\""))
        .expect("duplicate reported");
    assert_eq!(hit.0, line);
    assert!(
        hit.3
            .as_deref()
            .unwrap_or("")
            .contains(&format!("line {}", line_of(&src, "id = \"sifce-2023\"")))
    );
}

#[test]
fn dangling_section_reference_suggests_the_nearest_id() {
    let src = replace_once(
        &report(),
        "section = \"beijing-forum\"",
        "section = \"beijing-forun\"",
    );
    let p = problems(&src);
    let hit = p
        .iter()
        .find(|x| x.2.contains("no section has the id \"beijing-forun\""))
        .expect("dangling ref");
    assert_eq!(hit.0, line_of(&src, "section = \"beijing-forun\""));
    assert_eq!(hit.3.as_deref(), Some("did you mean \"beijing-forum\"?"));
}

#[test]
fn wrong_type_says_what_was_found() {
    let src = replace_once(&report(), "year = 2023", "year = \"2023\"");
    let p = problems(&src);
    let hit = p
        .iter()
        .find(|x| x.2.contains("wrong type"))
        .expect("type error");
    assert_eq!(hit.0, line_of(&src, "year = \"2023\""));
    assert!(
        hit.2.contains("expected i32") || hit.2.contains("expected"),
        "{}",
        hit.2
    );
}

#[test]
fn missing_required_field_names_it() {
    let src = replace_once(
        &report(),
        "category = \"forum\"\nstart = 2023-03-01",
        "start = 2023-03-01",
    );
    let p = problems(&src);
    assert!(
        p.iter()
            .any(|x| x.2.contains("required key `category` is missing")),
        "{p:?}"
    );
}

#[test]
fn syntax_error_is_located() {
    let src = replace_once(
        &report(),
        "title = \"Daring Cities 2023\"",
        "title = \"Daring Cities 2023",
    );
    let p = problems(&src);
    assert!(p[0].2.contains("no closing quote"), "{p:?}");
    assert_eq!(p[0].0, line_of(&src, "title = \"Daring Cities 2023"));
    // A slip we do not recognise keeps the parser's words.
    let src = replace_once(&report(), "[[events]]", "[[events]");
    assert!(problems(&src)[0].2.starts_with("TOML syntax error"));
}

#[test]
fn several_problems_are_reported_in_one_run() {
    let src = replace_once(
        &report(),
        "section = \"beijing-forum\"",
        "section = \"nowhere\"",
    );
    let src = replace_once(
        &src,
        "start = 2023-04-10\nend = 2023-04-11",
        "start = 2023-04-10\nend = 2023-03-11",
    );
    let src = replace_once(&src, "colour = \"#1B75BB\"", "colour = \"blue\"");
    let p = problems(&src);
    assert!(p.len() >= 3, "{p:?}");
}

#[test]
fn unknown_placeholder_is_located_inside_the_body() {
    let src = replace_once(
        &report(),
        "{{figures.countries}} countries worldwide",
        "{{figures.countrys}} countries worldwide",
    );
    let p = problems(&src);
    let hit = p
        .iter()
        .find(|x| x.2.contains("unknown placeholder"))
        .expect("placeholder");
    let (l, c) = line_col(&src, src.find("{{figures.countrys}}").unwrap());
    assert_eq!((hit.0, hit.1), (l, c));
    assert_eq!(
        hit.3.as_deref(),
        Some("did you mean {{figures.countries}}?")
    );
}

#[test]
fn heading_levels_may_not_jump() {
    let src = replace_once(
        &report(),
        "id = \"iclei-council\"\ntitle = \"ICLEI Council\"\nlevel = 2",
        "id = \"iclei-council\"\ntitle = \"ICLEI Council\"\nlevel = 4",
    );
    let p = problems(&src);
    assert!(
        p.iter()
            .any(|x| x.2.contains("level 4 right after a level 1")),
        "{p:?}"
    );
}

#[test]
fn invalid_utf8_and_control_characters_are_errors() {
    let mut bytes = report().into_bytes();
    bytes.extend_from_slice(b"\n# \xff\xfe\n");
    let f = load_bytes("report.toml", &bytes).unwrap_err();
    assert!(f.diagnostics[0].message.contains("not valid UTF-8"));
    let src = replace_once(&report(), "Daring Cities 2023", "Daring\u{7} Cities 2023");
    let p = problems(&src);
    assert!(p.iter().any(|x| x.2.contains("control character U+0007")));
}

#[test]
fn empty_file_asks_for_the_report_table() {
    let p = problems("");
    assert!(p[0].2.contains("[report] table is missing"));
}

#[test]
fn rendered_message_shows_file_line_and_column() {
    let src = replace_once(&report(), "format = \"hybrid\"", "format = \"hybird\"");
    let f = load_str("report.toml", &src).unwrap_err();
    let text = f.render();
    let (l, c) = line_col(&src, src.find("\"hybird\"").unwrap());
    assert!(text.contains(&format!("report.toml:{l}:{c}")), "{text}");
    assert!(text.contains("did you mean \"hybrid\"?"), "{text}");
    assert!(text.contains("nothing was written"));
}

/// Tables, footnotes, raw HTML and remote images load with a warning each,
/// located on their own line, saying what happens to them; a remote image
/// is not looked for on disk.
#[test]
fn unsupported_markdown_is_a_located_warning() {
    let extra = "the cities are focused\n\n| Year | Cities |\n|---|---|\n| 2023 | 12 |\n\nA note[^1] and <b>bold</b>.\n\n[^1]: The note.\n\n![map](https://example.org/map.png)\n\nWrite to <someone@example.com>.\n\nthe cities are focused";
    let src = replace_once(&report(), "the cities are focused", extra);
    let loaded = load_str("report.toml", &src).unwrap_or_else(|f| panic!("{}", f.render()));
    let warned: Vec<(usize, usize, &str)> = loaded
        .warnings
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| {
            let (l, c) = line_col(&src, d.span.as_ref().unwrap().start);
            (l, c, d.message.as_str())
        })
        .collect();
    let expect = [
        (
            "| Year",
            "tables are not supported",
            "printed as plain text",
        ),
        (
            "[^1] and",
            "footnotes are not supported",
            "printed as plain text",
        ),
        ("<b>bold", "raw HTML is not supported", "printed as written"),
        (
            "[^1]: The",
            "footnotes are not supported",
            "printed as plain text",
        ),
        ("![map]", "remote images are not supported", "left out"),
    ];
    for (at, what, then) in expect {
        let (line, col) = line_col(&src, src.find(at).unwrap());
        assert!(
            warned
                .iter()
                .any(|w| (w.0, w.1) == (line, col) && w.2.contains(what) && w.2.contains(then)),
            "no warning {what} at {line}:{col}: {warned:?}"
        );
    }
    assert_eq!(warned.len(), expect.len(), "{warned:?}");
}

#[test]
fn nesting_past_eight_levels_is_located() {
    let deep = "the cities are focused\n\n> > > > intro\n> > > > - > - > - > - > nine\n\nthe cities are focused";
    let src = replace_once(&report(), "the cities are focused", deep);
    let p = problems(&src);
    assert_eq!(p.len(), 1, "{p:?}");
    let line = line_of(&src, "> > > > - > - >");
    // The ninth container is the last `>`.
    assert_eq!((p[0].0, p[0].1), (line, 17), "{p:?}");
    assert!(p[0].2.contains("expected at most 8 levels"));
}
