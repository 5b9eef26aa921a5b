//! Checks of what prose refers to: `{{placeholders}}` that name data,
//! and link targets (web and mail addresses, `#id` of a section).

use super::super::closest;
use super::locate_in;
use crate::diagnostic::Diagnostic;
use crate::model::*;
use std::ops::Range;

pub(super) fn placeholders(
    r: &Report,
    body: &str,
    span: Range<usize>,
    src: &str,
    push: &mut impl FnMut(Diagnostic),
) {
    let mut rest = body;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            push(Diagnostic::new(
                "`{{` without a closing `}}`; expected a placeholder such as {{events.count}}",
                locate_in(src, span.clone(), "{{"),
            ));
            return;
        };
        let name = after[..close].trim();
        if r.placeholder_value(name).is_none() {
            let needle = &rest[open..open + 2 + close + 2];
            let mut d = Diagnostic::new(
                format!(
                    "unknown placeholder {{{{{name}}}}}; expected events.overview, figures.ID or TABLE.count for a data table (events, members, people, …)"
                ),
                locate_in(src, span.clone(), needle),
            );
            let names = r.placeholder_names();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            // A figure's id is the likelier meaning of a near miss than a
            // table's count (`figures.country` → `figures.countries`).
            let figures: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| n.starts_with("figures.") && !n.ends_with(".count"))
                .collect();
            if let Some(best) = closest(name, &figures).or_else(|| closest(name, &names)) {
                d = d.with_hint(format!("did you mean {{{{{best}}}}}?"));
            }
            push(d);
        }
        rest = &after[close + 2..];
    }
}

/// Link targets in prose: a web address (http, https), an email address
/// (mailto) or `#id` of a section. Anything else (javascript:, file:, a
/// relative path) would reach the PDF as an action readers may run or
/// cannot follow, so it is an error.
pub(super) fn links(
    r: &Report,
    body: &str,
    span: Range<usize>,
    src: &str,
    push: &mut impl FnMut(Diagnostic),
) {
    for dest in crate::markdown::link_targets(body) {
        let at = || {
            let s = locate_in(src, span.clone(), &format!("]({dest}"));
            if s == span { s } else { s.start + 2..s.end }
        };
        if let Some(id) = dest.strip_prefix('#') {
            let ids: Vec<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
            if !ids.contains(&id) {
                let mut d = Diagnostic::new(
                    format!(
                        "link to \"#{id}\", but no section has the id \"{id}\"; expected #ID of a [[sections]] entry"
                    ),
                    at(),
                );
                if let Some(best) = closest(id, &ids) {
                    d = d.with_hint(format!("did you mean \"#{best}\"?"));
                }
                push(d);
            }
            continue;
        }
        let scheme = dest.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let ok = matches!(scheme.as_deref(), Some("http" | "https" | "mailto"))
            && dest.len() > dest.find(':').map_or(0, |c| c + 1);
        if !ok {
            push(
                Diagnostic::new(
                    format!("link target \"{dest}\" is not allowed; expected an address starting with https://, http:// or mailto:, or #ID of a section"),
                    at(),
                )
                .with_hint("a link must point at a web page, an email address or a part of this report"),
            );
        }
    }
}
