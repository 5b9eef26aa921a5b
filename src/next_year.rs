//! Next year's report from this one (`folio new 2024`): what lasts from
//! year to year is kept (organisation, contacts, offices, pathways, people,
//! members, figures, abbreviations, the design of every section and the
//! data it shows), what belongs to the year is cleared (events,
//! publications, staff who left) or marked to be written (each section's
//! prose), and the year moves on in titles, dates and file names. The
//! file is edited, not regenerated, so its comments and layout stay.

use crate::model::TO_WRITE;
use toml_edit::{DocumentMut, Item, Value, value};

/// A new report's text and what was done to make it.
#[derive(Debug)]
pub struct NextYear {
    /// The new report.toml.
    pub text: String,
    /// Sections whose prose is now a placeholder.
    pub to_write: usize,
    /// Each yearly table emptied (events, publications), with how many
    /// entries it had.
    pub cleared: Vec<(&'static str, usize)>,
    /// People who had left during the old year, left out.
    pub departed: usize,
    /// Projects (kept, with their funders) whose `end` year is before the
    /// new year: ids, for the user to remove or extend.
    pub ended: Vec<String>,
}

/// Makes next year's report from `src` (this year's report.toml).
///
/// ```
/// let src = "[report]\ntitle = \"2023 Annual Report\"\norganisation = \"O\"\nyear = 2023\n\
///            language = \"en\"\nauthor = \"A\"\ndate = 2023-12-31\n\n\
///            [[sections]]\nid = \"foreword\"\ntitle = \"Foreword\"\nbody = \"It was a year.\"\n";
/// let next = folio::next_year::next_year(src, 2024).unwrap();
/// assert!(next.text.contains("title = \"2024 Annual Report\""));
/// assert!(next.text.contains("date = 2024-12-31"));
/// assert!(next.text.contains("TODO:"));
/// ```
pub fn next_year(src: &str, year: i32) -> Result<NextYear, String> {
    next_year_with(src, year, &|p: &str| p.to_string())
}

/// [`next_year`], with every image path (a section's `photo`, an image in
/// the back cover's text, a funder's `logo`) passed through `image`: the new file may be in
/// another folder than the old one, and image paths are relative to the
/// report's folder.
pub fn next_year_with(
    src: &str,
    year: i32,
    image: &dyn Fn(&str) -> String,
) -> Result<NextYear, String> {
    let mut doc: DocumentMut = src
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("the report is not valid TOML: {e}"))?;
    let old = doc
        .get("report")
        .and_then(|r| r.get("year"))
        .and_then(Item::as_integer)
        .ok_or("the report has no [report] year to start from")? as i32;
    if year <= old {
        return Err(format!(
            "the new year {year} is not after the report's year {old}; expected a later year"
        ));
    }
    let shift = |s: &str| shift_years(s, old, year);

    if let Some(meta) = doc.get_mut("report").and_then(Item::as_table_mut) {
        meta["year"] = value(i64::from(year));
        for key in ["title", "subject", "copyright"] {
            retext(meta.get_mut(key), &shift);
        }
        if let Some(list) = meta.get_mut("keywords").and_then(Item::as_array_mut) {
            for v in list.iter_mut() {
                if let Some(s) = v.as_str() {
                    let new = shift(s);
                    replace_str(v, &new);
                }
            }
        }
        if meta.contains_key("date") {
            let date: toml_edit::Datetime = format!("{year:04}-12-31")
                .parse()
                .map_err(|_| "cannot write the new date".to_string())?;
            let decor = meta["date"].as_value().map(|v| v.decor().clone());
            let mut v = Value::from(date);
            if let Some(d) = decor {
                *v.decor_mut() = d;
            }
            meta["date"] = Item::Value(v);
        }
    }
    // Output names carry the year, so that next year's build into the same
    // folder does not overwrite this year's files.
    let year_name = |s: &str| {
        if s.contains(&old.to_string()) {
            shift(s)
        } else {
            match s.rfind('.') {
                Some(dot) if dot > 0 => format!("{}-{year}{}", &s[..dot], &s[dot..]),
                _ => format!("{s}-{year}"),
            }
        }
    };
    if let Some(out) = doc.get_mut("output").and_then(Item::as_table_mut) {
        for (_, item) in out.iter_mut() {
            retext(Some(item), &year_name);
        }
    }

    let mut to_write = 0;
    if let Some(sections) = doc
        .get_mut("sections")
        .and_then(Item::as_array_of_tables_mut)
    {
        for s in sections.iter_mut() {
            for key in ["title", "tagline"] {
                retext(s.get_mut(key), &shift);
            }
            if let Some(photo) = s.get_mut("photo") {
                if let Some(t) = photo.as_inline_table_mut() {
                    if let Some(v) = t.get_mut("src")
                        && let Some(p) = v.as_str()
                    {
                        let new = image(p);
                        replace_str(v, &new);
                    }
                } else if let Some(t) = photo.as_table_mut() {
                    retext(t.get_mut("src"), &|p: &str| image(p));
                }
            }
            let is_back_cover = s.get("role").and_then(Item::as_str) == Some("back-cover");
            if is_back_cover {
                // Contacts and credits last; only the year moves.
                retext(s.get_mut("body"), &|b: &str| {
                    rebase_images(&shift(b), image)
                });
                continue;
            }
            // A section that only shows data (a table, charts) has no prose
            // to write; it stays as it was.
            let has_prose = s
                .get("body")
                .and_then(Item::as_str)
                .is_some_and(|b| !b.trim().is_empty());
            if !has_prose {
                continue;
            }
            let title = s
                .get("title")
                .and_then(Item::as_str)
                .unwrap_or("")
                .to_string();
            s["body"] = value(format!(
                "{TO_WRITE} write the {year} text of “{title}” here (Markdown, as last year)."
            ));
            to_write += 1;
        }
    }
    let mut count_removed = |key: &str| {
        let n = doc
            .get(key)
            .and_then(Item::as_array_of_tables)
            .map_or(0, |a| a.len());
        doc.remove(key);
        n
    };
    let cleared: Vec<(&'static str, usize)> = crate::model::yearly_tables()
        .into_iter()
        .map(|t| (t, count_removed(t)))
        .collect();
    let mut departed = 0;
    if let Some(people) = doc.get_mut("people").and_then(Item::as_array_of_tables_mut) {
        let before = people.len();
        people.retain(|p| p.get("departed").and_then(Item::as_bool) != Some(true));
        departed = before - people.len();
    }
    // Projects and funders carry over, a funder's logo found from the new
    // file's folder; a project that has ended is reported.
    if let Some(funders) = doc
        .get_mut("funders")
        .and_then(Item::as_array_of_tables_mut)
    {
        for f in funders.iter_mut() {
            retext(f.get_mut("logo"), &|p: &str| image(p));
        }
    }
    let ended: Vec<String> = doc
        .get("projects")
        .and_then(Item::as_array_of_tables)
        .map(|ps| {
            ps.iter()
                .filter(|p| {
                    p.get("end")
                        .and_then(Item::as_integer)
                        .is_some_and(|e| e < i64::from(year))
                })
                .filter_map(|p| p.get("id").and_then(Item::as_str).map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let header = format!(
        "# {year} report, started from the {old} report by `folio new {year}`.\n\
         # Sections marked {TO_WRITE} are still to be written (`folio check` lists them);\n\
         # add the year's [[events]] and [[publications]].\n"
    );
    let mut text = doc.to_string();
    // After a `#:schema` line, which editors read only as the first line.
    let at = if text.starts_with("#:schema") {
        text.find('\n').map_or(text.len(), |i| i + 1)
    } else {
        0
    };
    text.insert_str(at, &header);
    Ok(NextYear {
        text,
        to_write,
        cleared,
        departed,
        ended,
    })
}

/// Image paths of a report in one folder, made right for a new report
/// file in another (`folio new --out drafts/report-2024.toml`). An image
/// inside the new file's folder gets the path from there; one outside it
/// (which the build refuses to read) is to be copied into it, at the path
/// it had, listed in `copies`. Paths stay relative and never climb out.
#[derive(Debug)]
pub struct Rebase {
    from: std::path::PathBuf,
    to: std::path::PathBuf,
    /// Images to copy: (the image, where the new report expects it).
    pub copies: std::cell::RefCell<Vec<(std::path::PathBuf, std::path::PathBuf)>>,
}

impl Rebase {
    /// From the old report's folder to the new file's (both must exist).
    pub fn new(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<Rebase> {
        Ok(Rebase {
            from: std::fs::canonicalize(from)?,
            to: std::fs::canonicalize(to)?,
            copies: Default::default(),
        })
    }

    /// The path by which the new report reaches the image at `src`.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// std::fs::create_dir(dir.path().join("drafts")).unwrap();
    /// let up = folio::next_year::Rebase::new(&dir.path().join("drafts"), dir.path()).unwrap();
    /// assert_eq!(up.path("images/a.jpg"), "drafts/images/a.jpg");
    /// let down = folio::next_year::Rebase::new(dir.path(), &dir.path().join("drafts")).unwrap();
    /// assert_eq!(down.path("images/a.jpg"), "images/a.jpg");
    /// assert_eq!(down.copies.borrow().len(), 1);
    /// ```
    pub fn path(&self, src: &str) -> String {
        use std::path::Component;
        let p = std::path::Path::new(src);
        if self.from == self.to || p.is_absolute() || src.contains("://") {
            return src.to_string();
        }
        // Lexically: the image may be missing, and a symlink is the
        // build's to refuse.
        let mut target = self.from.clone();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    target.pop();
                }
                Component::Normal(n) => target.push(n),
                _ => {}
            }
        }
        match target.strip_prefix(&self.to) {
            Ok(rel) => rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => {
                self.copies.borrow_mut().push((target, self.to.join(p)));
                src.to_string()
            }
        }
    }
}

/// Markdown with each image's path passed through `image`.
fn rebase_images(markdown: &str, image: &dyn Fn(&str) -> String) -> String {
    let mut out = markdown.to_string();
    let mut refs = crate::markdown::image_references(markdown);
    refs.sort_by_key(|r| std::cmp::Reverse(r.offset));
    for r in refs {
        let needle = format!("]({}", r.src);
        if let Some(at) = out[r.offset..].find(&needle) {
            let start = r.offset + at + 2;
            out.replace_range(start..start + r.src.len(), &image(&r.src));
        }
    }
    out
}

/// The report's year moved to the new one; the year after it (a "2024
/// Preview" chapter) moves on too, but only at the start of a text, so a
/// term of office such as "2021–2024" stays.
fn shift_years(s: &str, old: i32, new: i32) -> String {
    let (next_old, next_new) = ((old + 1).to_string(), (new + 1).to_string());
    let s = match s.strip_prefix(&next_old) {
        Some(rest) if !rest.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("{next_new}{rest}")
        }
        _ => s.to_string(),
    };
    s.replace(&old.to_string(), &new.to_string())
}

/// Rewrites a string item's text, keeping its decoration.
fn retext(item: Option<&mut Item>, f: &impl Fn(&str) -> String) {
    if let Some(v) = item.and_then(Item::as_value_mut)
        && let Some(s) = v.as_str()
    {
        let new = f(s);
        replace_str(v, &new);
    }
}

fn replace_str(v: &mut Value, new: &str) {
    let decor = v.decor().clone();
    *v = Value::from(new);
    *v.decor_mut() = decor;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_move_but_terms_of_office_stay() {
        assert_eq!(shift_years("2023 Overview", 2023, 2024), "2024 Overview");
        assert_eq!(shift_years("2024 Preview", 2023, 2024), "2025 Preview");
        assert_eq!(
            shift_years("2021–2024 East Asia RexCom", 2023, 2024),
            "2021–2024 East Asia RexCom"
        );
        assert_eq!(
            shift_years("annual-report-2023.pdf", 2023, 2024),
            "annual-report-2024.pdf"
        );
    }

    #[test]
    fn the_default_report_moves_on_a_year() {
        let src = std::fs::read_to_string(crate::FROZEN_2023).unwrap();
        let next = next_year(&src, 2024).unwrap();
        assert!(
            next.text
                .starts_with("#:schema ./report.schema.json\n# 2024 report")
        );
        assert!(next.text.contains("annual-report-2024.pdf"));
        // Workbook names without a year get one.
        assert!(next.text.contains("events = \"events-2024.xlsx\""));
        assert!(next.text.contains("members = \"members-2024.xlsx\""));
        // Only the sections that had prose get a placeholder; the 14 that
        // only show data stay without a body.
        let before = crate::load::load_str("report.toml", &src).unwrap();
        let prose = before
            .report
            .sections
            .iter()
            .filter(|s| !s.body.trim().is_empty())
            .count();
        let back_cover = 1;
        assert_eq!(next.to_write, prose - back_cover);
        assert_eq!(before.report.sections.len() - prose, 14);
        assert!(next.text.contains("\"2024 Overview\""));
        assert!(next.text.contains("\"2025 Preview\""));
        assert!(next.text.contains("2021–2024 President and Vice President"));
        assert!(
            !next
                .text
                .lines()
                .any(|l| l == "[[events]]" || l == "[[publications]]")
        );
        let cleared: Vec<&str> = next.cleared.iter().map(|(t, _)| *t).collect();
        assert_eq!(cleared, ["events", "publications"]);
        assert!(next.cleared.iter().all(|(_, n)| *n > 0));
        // Valid, with a warning for each section still to write.
        let loaded = crate::load::load_str("report-2024.toml", &next.text)
            .unwrap_or_else(|f| panic!("{}", f.render()));
        assert_eq!(loaded.report.report.year, 2024);
        assert_eq!(loaded.warnings.len(), next.to_write);
        assert!(loaded.report.events.is_empty());
        assert!(loaded.report.people.iter().all(|p| !p.departed));
        assert_eq!(loaded.report.members.len(), 2);
        assert!(next_year(&src, 2023).is_err());
    }

    #[test]
    fn image_paths_go_through_the_rebase() {
        let src = "[report]\ntitle = \"2023 Annual Report\"\norganisation = \"O\"\nyear = 2023\n\
                   language = \"en\"\nauthor = \"A\"\n\n[output]\npdf = \"report.pdf\"\n\n\
                   [[sections]]\nid = \"a\"\ntitle = \"A\"\n\
                   photo = { src = \"images/a.jpg\", alt = \"A\" }\nbody = \"Text.\"\n\n\
                   [[sections]]\nid = \"back\"\ntitle = \"Back\"\nrole = \"back-cover\"\n\
                   body = \"![Logo](images/logo.png) (c) 2023\"\n\n\
                   [[funders]]\nid = \"gef\"\nname = \"GEF\"\nlogo = \"logos/gef.svg\"\n";
        let next = next_year_with(src, 2024, &|p: &str| format!("../{p}")).unwrap();
        assert!(
            next.text.contains("logo = \"../logos/gef.svg\""),
            "{}",
            next.text
        );
        assert!(
            next.text.contains("src = \"../images/a.jpg\""),
            "{}",
            next.text
        );
        assert!(next.text.contains("![Logo](../images/logo.png) (c) 2024"));
        assert!(next.text.contains("pdf = \"report-2024.pdf\""));
    }

    #[test]
    fn projects_and_funders_carry_over_and_an_ended_one_is_reported() {
        let src = "[report]\ntitle = \"2023 Annual Report\"\norganisation = \"O\"\nyear = 2023\n\
                   language = \"en\"\nauthor = \"A\"\ndate = 2023-12-31\n\n\
                   [[funders]]\nid = \"gef\"\nname = \"Global Environment Facility\"\n\n\
                   [[projects]]\nid = \"old\"\nname = \"Old\"\nfunders = [\"gef\"]\nend = 2023\n\n\
                   [[projects]]\nid = \"going\"\nname = \"Going\"\nfunders = [\"gef\"]\nend = 2025\n";
        let next = next_year(src, 2024).unwrap();
        assert!(next.text.contains("[[funders]]") && next.text.contains("id = \"going\""));
        assert_eq!(next.ended, ["old"]);
    }
}
