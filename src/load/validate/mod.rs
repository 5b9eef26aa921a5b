//! Checks that need the whole report: unique ids, references between
//! sections and data, date order, heading levels, placeholders.

mod funders;
mod prose;

use super::closest;
use crate::diagnostic::Diagnostic;
use crate::model::parse_colour;
use crate::model::*;
use prose::{links, placeholders};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Deepest heading level.
pub(super) const MAX_LEVEL: u8 = 4;

/// Looks up spans in the parsed file.
struct Spans<'a, 'i> {
    root: &'a DeTable<'i>,
}

impl Spans<'_, '_> {
    fn elem(&self, key: &str, i: usize) -> Option<&Spanned<DeValue<'_>>> {
        match self.root.get(key)?.get_ref() {
            DeValue::Array(a) => a.get(i),
            _ => None,
        }
    }

    /// Span of `key[i].field`'s value, else of the entry, else of the file start.
    fn field(&self, key: &str, i: usize, field: &str) -> Range<usize> {
        let Some(e) = self.elem(key, i) else {
            return 0..0;
        };
        match e.get_ref() {
            DeValue::Table(t) => t.get(field).map_or_else(|| e.span(), |v| v.span()),
            _ => e.span(),
        }
    }

    /// Span of `table.field`'s value.
    fn table_field(&self, key: &str, field: &str) -> Range<usize> {
        match self.root.get(key).map(|v| (v.span(), v.get_ref())) {
            Some((_, DeValue::Table(t))) => t.get(field).map_or(0..0, |v| v.span()),
            Some((s, _)) => s,
            None => 0..0,
        }
    }
}

pub(super) fn check(r: &Report, root: &DeTable<'_>, src: &str, diags: &mut Vec<Diagnostic>) {
    let sp = Spans { root };
    let mut push = |d: Diagnostic| diags.push(d);
    funders::check(r, &sp, src, &mut push);

    // Unique keys in every table that has them.
    for t in r.tables() {
        if let Some(field) = t.key_field {
            unique(
                &sp,
                src,
                t.name,
                field,
                t.entries.iter().map(|e| e.key.as_ref()),
                &mut push,
            );
        }
    }

    outputs(&r.output, &sp, &mut push);

    let section_ids: Vec<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
    let pathway_ids: Vec<&str> = r.pathways.iter().map(|s| s.id.as_str()).collect();
    let office_ids: Vec<&str> = r.offices.iter().map(|s| s.id.as_str()).collect();

    if r.report.title.trim().is_empty() {
        push(Diagnostic::new(
            "the report title is empty; expected the title printed on the cover",
            sp.table_field("report", "title"),
        ));
    }
    if !valid_language(&r.report.language) {
        push(Diagnostic::new(
            format!(
                "\"{}\" is not a language tag; expected a BCP 47 tag such as \"en\" or \"zh-Hans\"",
                r.report.language
            ),
            sp.table_field("report", "language"),
        ));
    }
    // Headings nest one level at a time.
    let mut prev = 0u8;
    for (i, s) in r.sections.iter().enumerate() {
        if s.level == 0 || s.level > MAX_LEVEL {
            push(Diagnostic::new(
                format!(
                    "heading level {} is out of range; expected 1 to {MAX_LEVEL}",
                    s.level
                ),
                sp.field("sections", i, "level"),
            ));
        } else if s.level > prev + 1 {
            push(
                Diagnostic::new(
                    format!("section `{}` is at level {} right after a level {prev} heading; expected level {} at most", s.id, s.level, prev + 1),
                    sp.field("sections", i, "level"),
                )
                .with_hint("levels go down one step at a time: 1, 2, 3"),
            );
        }
        prev = s.level.min(MAX_LEVEL);
        if s.title.trim().is_empty() {
            push(Diagnostic::new(
                "empty section title; expected the heading text",
                sp.field("sections", i, "title"),
            ));
        }
        if let Some(p) = &s.pathway {
            reference(
                &mut push,
                "pathway",
                p,
                &pathway_ids,
                sp.field("sections", i, "pathway"),
            );
        }
        placeholders(r, &s.body, sp.field("sections", i, "body"), src, &mut push);
        links(r, &s.body, sp.field("sections", i, "body"), src, &mut push);
        let body = sp.field("sections", i, "body");
        let (too_deep, unsupported) = crate::markdown::scan(&s.body);
        if let Some(at) = too_deep {
            push(
                Diagnostic::new(
                    format!(
                        "call-outs (>) and lists are nested more than {} levels deep here; expected at most {} levels, one inside another",
                        crate::markdown::MAX_NESTING,
                        crate::markdown::MAX_NESTING
                    ),
                    in_body(src, body.clone(), &s.body, at..at + 1),
                )
                .with_hint("take out some of the > marks or some of the list's indentation"),
            );
        }
        for u in unsupported {
            push(Diagnostic::warning(
                u.message,
                in_body(src, body.clone(), &s.body, u.at),
            ));
        }
        if s.body.trim_start().starts_with(crate::model::TO_WRITE) {
            push(
                Diagnostic::warning(
                    format!(
                        "section \"{}\" is not written yet: its body is a placeholder",
                        s.id
                    ),
                    sp.field("sections", i, "body"),
                )
                .with_hint(format!(
                    "replace the text starting with {} by the section's prose",
                    crate::model::TO_WRITE
                )),
            );
        }
    }

    for (i, p) in r.pathways.iter().enumerate() {
        if parse_colour(&p.colour).is_none() {
            push(Diagnostic::new(
                format!(
                    "\"{}\" is not a colour; expected \"#RRGGBB\", such as \"#1B75BB\"",
                    p.colour
                ),
                sp.field("pathways", i, "colour"),
            ));
        }
    }

    for (i, e) in r.events.iter().enumerate() {
        match (e.start, e.end, e.whole_year) {
            (None, _, false) => push(
                Diagnostic::new(format!("event `{}` has no date; expected start = YYYY-MM-DD or whole_year = true", e.id), sp.field("events", i, "id"))
                    .with_hint("add start = 2023-04-10 (and end = … for a multi-day event)"),
            ),
            (Some(_), _, true) => push(Diagnostic::new(
                format!("event `{}` has both a start date and whole_year = true; expected one of them", e.id),
                sp.field("events", i, "whole_year"),
            )),
            (Some(s), Some(end), false) if end < s => push(
                Diagnostic::new(format!("event `{}` ends on {end}, before it starts on {s}; expected an end on or after the start", e.id), sp.field("events", i, "end"))
                    .with_hint("swap start and end, or correct the month"),
            ),
            _ => {}
        }
        if e.title.trim().is_empty() {
            push(Diagnostic::new(
                "empty event title",
                sp.field("events", i, "title"),
            ));
        }
        if let Some(sec) = &e.section {
            reference(
                &mut push,
                "section",
                sec,
                &section_ids,
                sp.field("events", i, "section"),
            );
        }
        for p in &e.pathways {
            let span = locate_in(src, sp.field("events", i, "pathways"), &format!("\"{p}\""));
            reference(&mut push, "pathway", p, &pathway_ids, span);
        }
    }

    for (i, m) in r.members.iter().enumerate() {
        if m.name.trim().is_empty() {
            push(Diagnostic::new(
                "empty member name; expected the member's name, such as \"Dongying City\"",
                sp.field("members", i, "name"),
            ));
        }
        if let Some(sec) = &m.section {
            reference(
                &mut push,
                "section",
                sec,
                &section_ids,
                sp.field("members", i, "section"),
            );
        }
    }
    for (i, p) in r.publications.iter().enumerate() {
        if let Some(sec) = &p.section {
            reference(
                &mut push,
                "section",
                sec,
                &section_ids,
                sp.field("publications", i, "section"),
            );
        }
    }
    for (i, p) in r.people.iter().enumerate() {
        if p.name.trim().is_empty() {
            push(Diagnostic::new(
                "empty name in [[people]]; expected the person's full name as printed",
                sp.field("people", i, "name"),
            ));
        }
        if let Some(o) = &p.office {
            reference(
                &mut push,
                "office",
                o,
                &office_ids,
                sp.field("people", i, "office"),
            );
        }
        if p.body != Body::Team && (p.office.is_some() || p.departed) {
            push(Diagnostic::new(
                format!(
                    "{} is on the {}; `office` and `departed` are for the team only",
                    p.name,
                    p.body.label()
                ),
                sp.field(
                    "people",
                    i,
                    if p.office.is_some() {
                        "office"
                    } else {
                        "departed"
                    },
                ),
            ));
        }
    }
}

/// Output names are plain file names, one per output: a name that climbs out
/// of the output folder would overwrite whatever it names.
fn outputs(o: &Outputs, sp: &Spans<'_, '_>, push: &mut impl FnMut(Diagnostic)) {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (key, name) in o.named() {
        let span = sp.table_field("output", key);
        if let Err(e) = crate::output::check_name(name) {
            push(Diagnostic::new(format!("[output] {key}: {e}"), span));
        } else if let Some((other, _)) =
            seen.iter().find(|(_, n)| crate::output::same_name(n, name))
        {
            push(
                Diagnostic::new(
                    format!("[output] {key} is \"{name}\", the name {other} already has; expected a different name for each output"),
                    span,
                )
                .with_hint("one would overwrite the other in the output folder"),
            );
        } else {
            seen.push((key, name));
        }
    }
}

/// Resolves and probes every image report.toml names: the prose's, the
/// sections' photos and the funders' logos.
pub(super) fn images(
    r: &Report,
    root: &DeTable<'_>,
    src: &str,
    base: &std::path::Path,
    opts: &super::Options,
    diags: &mut Vec<Diagnostic>,
) -> std::collections::BTreeMap<String, crate::images::Image> {
    use crate::images::{Image, ImageError, PIXEL_BUDGET};
    let sp = Spans { root };
    let mut found = std::collections::BTreeMap::new();
    // Each file is read and decoded once, however it is spelled: the
    // spellings share one Image (and the PDF one object).
    let mut by_file: HashMap<std::path::PathBuf, Image> = HashMap::new();
    let mut pixels = 0u64;
    let mut probe = |path: &str, span: Range<usize>, diags: &mut Vec<Diagnostic>| {
        if found.contains_key(path) {
            return;
        }
        let probed = crate::images::resolve(base, path, opts.allow_outside_paths).and_then(|p| {
            if let Some(img) = by_file.get(&p) {
                return Ok(img.clone());
            }
            let img = crate::images::probe(&p, path)?;
            pixels += u64::from(img.width) * u64::from(img.height);
            if pixels > PIXEL_BUDGET {
                return Err(ImageError::OverBudget(path.into(), pixels));
            }
            by_file.insert(p, img.clone());
            Ok(img)
        });
        match probed {
            Ok(img) => {
                found.insert(path.to_string(), img);
            }
            Err(e) => {
                let mut d = Diagnostic::new(e.to_string(), span);
                if let Some(h) = e.hint().filter(|h| !h.is_empty()) {
                    d = d.with_hint(h.to_string());
                }
                diags.push(d);
            }
        }
    };
    for (i, s) in r.sections.iter().enumerate() {
        if let Some(photo) = &s.photo {
            let within = sp.field("sections", i, "photo");
            let span = locate_in(src, within, &format!("\"{}\"", photo.src));
            probe(&photo.src, span.start + 1..span.end - 1, diags);
        }
        let body = sp.field("sections", i, "body");
        for reference in crate::markdown::image_references(&s.body) {
            let path = &reference.src;
            if crate::markdown::is_remote(path) {
                // Left out, with a warning (see `markdown::scan`).
                continue;
            }
            let span = locate_in(src, body.clone(), &format!("]({path}"));
            if let Err(e) = &reference.attributes {
                // The attributes as written, found after the image in the file.
                let text = &s.body[e.at.clone()];
                let after = span.end..body.end;
                let at = locate_in(src, after, text);
                let mut d = Diagnostic::new(e.message.clone(), at);
                if let Some(h) = &e.hint {
                    d = d.with_hint(h.clone());
                }
                diags.push(d);
            }
            probe(path, span.start + 2..span.end, diags);
        }
    }
    // Every funder's logo, not only the supporters': a path in report.toml
    // is checked where it is written, so a broken logo shows now and not
    // the year its funder joins `supporters`. Outputs embed only what
    // they place, so an unused logo costs a read, never bytes.
    for (i, f) in r.funders.iter().enumerate() {
        if let Some(logo) = &f.logo {
            let within = sp.field("funders", i, "logo");
            let span = locate_in(src, within, &format!("\"{logo}\""));
            probe(logo, span.start + 1..span.end - 1, diags);
        }
    }
    found
}

fn unique<'a>(
    sp: &Spans<'_, '_>,
    src: &str,
    key: &str,
    field: &str,
    ids: impl Iterator<Item = &'a str>,
    push: &mut impl FnMut(Diagnostic),
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            push(Diagnostic::new(
                format!("empty `{field}` in [[{key}]]; expected a short name such as \"cop28\""),
                sp.field(key, i, field),
            ));
            continue;
        }
        if let Some(&first) = seen.get(id) {
            let (line, _) = crate::diagnostic::line_col(src, sp.field(key, first, field).start);
            push(
                Diagnostic::new(
                    format!("duplicate {field} \"{id}\" in [[{key}]]; expected each {field} once"),
                    sp.field(key, i, field),
                )
                .with_hint(format!(
                    "\"{id}\" is first used on line {line}; rename one of them"
                )),
            );
        } else {
            seen.insert(id, i);
        }
    }
}

fn reference(
    push: &mut impl FnMut(Diagnostic),
    what: &str,
    id: &str,
    known: &[&str],
    span: Range<usize>,
) {
    if known.contains(&id) {
        return;
    }
    let mut d = Diagnostic::new(
        format!("no {what} has the id \"{id}\"; expected the id of a [[{what}s]] entry"),
        span,
    );
    if let Some(best) = closest(id, known) {
        d = d.with_hint(format!("did you mean \"{best}\"?"));
    }
    push(d);
}

/// Where `range` of a Markdown body is in the file: its line found in the
/// body's value (escapes only make the file's text longer, so the search
/// starts as far in as the line is in the body), else the whole value.
fn in_body(src: &str, value: Range<usize>, body: &str, range: Range<usize>) -> Range<usize> {
    let at = range.start.min(body.len());
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
    let line = &body[line_start..line_end];
    let from = (value.start + line_start).min(value.end);
    match src.get(from..value.end).and_then(|s| s.find(line)) {
        Some(found) if !line.is_empty() => {
            let start = from + found + (at - line_start);
            let end = start + range.end.min(line_end).saturating_sub(at).max(1);
            start..end.min(from + found + line.len()).max(start)
        }
        _ => value,
    }
}

/// The span of `needle` inside `within`, or `within` itself.
fn locate_in(src: &str, within: Range<usize>, needle: &str) -> Range<usize> {
    src.get(within.clone())
        .and_then(|s| s.find(needle))
        .map_or(within.clone(), |at| {
            within.start + at..within.start + at + needle.len()
        })
}

fn valid_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
