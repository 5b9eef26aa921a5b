//! Checks of `[[funders]]`, `[[projects]]` and what names them: ids unique
//! and usable as file names (a funder's workbook is `{id}.xlsx`), every
//! reference to a funder, project, section or pathway known (with a
//! did-you-mean), a project's years in order.

use super::{Spans, locate_in, reference};
use crate::diagnostic::Diagnostic;
use crate::model::Report;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

pub(super) fn check(r: &Report, sp: &Spans<'_, '_>, src: &str, push: &mut impl FnMut(Diagnostic)) {
    let funder_ids: Vec<&str> = r.funders.iter().map(|f| f.id.as_str()).collect();
    let project_ids: Vec<&str> = r.projects.iter().map(|p| p.id.as_str()).collect();
    let section_ids: Vec<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
    let pathway_ids: Vec<&str> = r.pathways.iter().map(|p| p.id.as_str()).collect();

    let mut by_folded_id: HashMap<String, usize> = HashMap::new();
    for (i, f) in r.funders.iter().enumerate() {
        if !f.id.trim().is_empty()
            && let Err(e) = crate::output::check_name(&format!("{}.xlsx", f.id))
        {
            push(Diagnostic::new(
                format!("funder id \"{}\" names its workbook, and {e}", f.id),
                sp.field("funders", i, "id"),
            ));
        }
        // Ids that differ only in case name two workbooks that Windows and
        // macOS take for one file. (The same id twice is reported as a
        // duplicate.) A map, not a scan of the earlier funders: a report
        // may hold very many.
        match by_folded_id.entry(f.id.to_lowercase()) {
            Entry::Vacant(v) => {
                v.insert(i);
            }
            Entry::Occupied(o) if r.funders[*o.get()].id != f.id => {
                let j = *o.get();
                let first = &r.funders[j].id;
                let (line, _) =
                    crate::diagnostic::line_col(src, sp.field("funders", j, "id").start);
                push(
                    Diagnostic::new(
                        format!(
                            "funder id \"{}\" differs from \"{first}\" only in case; expected ids that differ in their letters",
                            f.id
                        ),
                        sp.field("funders", i, "id"),
                    )
                    .with_hint(format!(
                        "each funder's workbook is named by its id, and on Windows and macOS {}.xlsx would overwrite {first}.xlsx (line {line})",
                        f.id
                    )),
                );
            }
            Entry::Occupied(_) => {}
        }
        if f.name.trim().is_empty() {
            push(Diagnostic::new(
                "empty funder name; expected the name the report credits, such as \"Global Environment Facility\"",
                sp.field("funders", i, "name"),
            ));
        }
    }
    for (i, p) in r.projects.iter().enumerate() {
        if p.name.trim().is_empty() {
            push(Diagnostic::new(
                "empty project name; expected its name, such as \"INTERACT-Bio\"",
                sp.field("projects", i, "name"),
            ));
        }
        for f in &p.funders {
            let span = locate_in(src, sp.field("projects", i, "funders"), &format!("\"{f}\""));
            reference(push, "funder", f, &funder_ids, span);
        }
        if let Some(s) = &p.section {
            reference(
                push,
                "section",
                s,
                &section_ids,
                sp.field("projects", i, "section"),
            );
        }
        if let Some(pw) = &p.pathway {
            reference(
                push,
                "pathway",
                pw,
                &pathway_ids,
                sp.field("projects", i, "pathway"),
            );
        }
        if let (Some(s), Some(e)) = (p.start, p.end)
            && e < s
        {
            push(Diagnostic::new(
                format!(
                    "project `{}` ends in {e}, before it starts in {s}; expected an end on or after the start",
                    p.id
                ),
                sp.field("projects", i, "end"),
            ));
        }
    }
    for (i, e) in r.events.iter().enumerate() {
        if let Some(p) = &e.project {
            reference(
                push,
                "project",
                p,
                &project_ids,
                sp.field("events", i, "project"),
            );
        }
    }
    for (i, p) in r.publications.iter().enumerate() {
        if let Some(pr) = &p.project {
            reference(
                push,
                "project",
                pr,
                &project_ids,
                sp.field("publications", i, "project"),
            );
        }
    }
    for s in &r.report.supporters {
        let span = locate_in(
            src,
            sp.table_field("report", "supporters"),
            &format!("\"{s}\""),
        );
        reference(push, "funder", s, &funder_ids, span);
    }
}
