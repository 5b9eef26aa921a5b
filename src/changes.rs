//! What changed since the previous build, in words: `events +1 (Daring
//! Cities 2024), pages 36 → 37, publications.xlsx unchanged`. A snapshot of
//! each build is kept beside the outputs (`.folio-manifest`) so `folio build`
//! can say it too, not only `folio watch`.

use crate::model::Report;
use crate::output::Rendered;
use std::collections::BTreeMap;
use std::path::Path;

/// Name of the snapshot file in the output folder.
pub const MANIFEST: &str = ".folio-manifest";

/// What a build produced, as far as the change summary cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Collection name → (id → title).
    pub data: BTreeMap<String, BTreeMap<String, String>>,
    /// PDF pages.
    pub pages: usize,
    /// Output file → content hash.
    pub files: BTreeMap<String, u128>,
}

impl Snapshot {
    /// The snapshot of a build.
    pub fn of(r: &Report, rendered: &Rendered) -> Snapshot {
        let mut data = BTreeMap::new();
        let mut put = |name: &str, items: Vec<(String, String)>| {
            data.insert(
                name.to_string(),
                items.into_iter().collect::<BTreeMap<_, _>>(),
            );
        };
        put(
            "events",
            r.events
                .iter()
                .map(|e| (e.id.clone(), e.title.clone()))
                .collect(),
        );
        put(
            "members",
            r.members
                .iter()
                .map(|m| (m.id.clone(), m.name.clone()))
                .collect(),
        );
        put(
            "people",
            r.people
                .iter()
                .map(|p| (format!("{}/{}", p.name, p.role), p.name.clone()))
                .collect(),
        );
        put(
            "publications",
            r.publications
                .iter()
                .map(|p| (p.id.clone(), p.title.clone()))
                .collect(),
        );
        put(
            "sections",
            r.sections
                .iter()
                .map(|s| (s.id.clone(), s.title.clone()))
                .collect(),
        );
        // Edits that keep ids (a changed date) count as changed entries.
        put(
            "event details",
            r.events
                .iter()
                .map(|e| (e.id.clone(), format!("{e:?}")))
                .collect(),
        );
        Snapshot {
            data,
            pages: rendered.pages,
            files: rendered
                .artifacts
                .iter()
                .map(|a| (a.name.clone(), crate::fingerprint::of(&a.bytes)))
                .chain(rendered.folders.iter().flat_map(|f| {
                    f.files.iter().map(|(p, bytes)| {
                        (format!("{}/{p}", f.name), crate::fingerprint::of(bytes))
                    })
                }))
                .collect(),
        }
    }

    /// Serialises the snapshot (one entry a line; tabs separate fields).
    pub fn to_text(&self) -> String {
        let mut s = format!("pages\t{}\n", self.pages);
        for (f, h) in &self.files {
            s.push_str(&format!("file\t{f}\t{h:032x}\n"));
        }
        for (name, items) in &self.data {
            for (id, title) in items {
                s.push_str(&format!("item\t{name}\t{}\t{}\n", clean(id), clean(title)));
            }
        }
        s
    }

    /// Reads a serialised snapshot; unreadable lines are skipped.
    pub fn from_text(text: &str) -> Snapshot {
        let mut snap = Snapshot::default();
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["pages", n] => snap.pages = n.parse().unwrap_or(0),
                ["file", name, h] => {
                    snap.files
                        .insert(name.to_string(), u128::from_str_radix(h, 16).unwrap_or(0));
                }
                ["item", coll, id, title] => {
                    snap.data
                        .entry(coll.to_string())
                        .or_default()
                        .insert(id.to_string(), title.to_string());
                }
                _ => {}
            }
        }
        snap
    }

    /// Reads the snapshot left in an output folder, if any.
    pub fn read(out: &Path) -> Option<Snapshot> {
        std::fs::read_to_string(out.join(MANIFEST))
            .ok()
            .map(|t| Snapshot::from_text(&t))
    }
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The change summary from `old` to `new`.
///
/// ```
/// use folio::changes::{summary, Snapshot};
/// let mut a = Snapshot::default();
/// a.pages = 36;
/// let mut b = a.clone();
/// b.pages = 37;
/// assert_eq!(summary(&a, &b), "pages 36 → 37");
/// ```
pub fn summary(old: &Snapshot, new: &Snapshot) -> String {
    let mut parts = Vec::new();
    for (name, items) in &new.data {
        let empty = BTreeMap::new();
        let before = old.data.get(name).unwrap_or(&empty);
        let added: Vec<&String> = items.keys().filter(|k| !before.contains_key(*k)).collect();
        let removed: Vec<&String> = before.keys().filter(|k| !items.contains_key(*k)).collect();
        let changed = items
            .iter()
            .filter(|(k, v)| before.get(*k).is_some_and(|b| b != *v))
            .count();
        if name == "event details" {
            if changed > 0 {
                // Named by their titles, as added and removed events are.
                let titles = new.data.get("events");
                let names: Vec<String> = items
                    .iter()
                    .filter(|(k, v)| before.get(*k).is_some_and(|b| b != *v))
                    .take(3)
                    .map(|(k, _)| {
                        titles
                            .and_then(|t| t.get(k))
                            .cloned()
                            .unwrap_or_else(|| k.clone())
                    })
                    .collect();
                let more = if changed > 3 { "; …" } else { "" };
                parts.push(format!(
                    "events changed {changed} ({}{more})",
                    names.join("; ")
                ));
            }
            continue;
        }
        let titles = |keys: &[&String], from: &BTreeMap<String, String>| {
            keys.iter()
                .take(3)
                .map(|k| from.get(*k).cloned().unwrap_or_default())
                .collect::<Vec<_>>()
                .join("; ")
        };
        if !added.is_empty() {
            parts.push(format!(
                "{name} +{} ({})",
                added.len(),
                titles(&added, items)
            ));
        }
        if !removed.is_empty() {
            parts.push(format!(
                "{name} −{} ({})",
                removed.len(),
                titles(&removed, before)
            ));
        }
        if name != "people" && changed > 0 && name != "events" {
            parts.push(format!("{name} renamed {changed}"));
        }
    }
    if old.pages != new.pages {
        parts.push(format!("pages {} → {}", old.pages, new.pages));
    }
    // A folder output (the web edition) is named once, with how many of
    // its files changed, not file by file.
    let mut unchanged = Vec::new();
    let mut folders: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (f, h) in &new.files {
        let same = old.files.get(f) == Some(h);
        if let Some((folder, _)) = f.split_once('/') {
            let e = folders.entry(folder).or_default();
            e.0 += 1;
            e.1 += usize::from(!same);
            continue;
        }
        match old.files.get(f) {
            Some(_) if same => unchanged.push(f.clone()),
            Some(_) => parts.push(format!("{f} updated")),
            None => parts.push(format!("{f} new")),
        }
    }
    for (folder, (all, changed)) in folders {
        if changed == 0 {
            unchanged.push(format!("{folder}/"));
        } else {
            parts.push(format!("{folder}/ updated ({changed} of {all} files)"));
        }
    }
    if !unchanged.is_empty() && !parts.is_empty() {
        parts.push(format!("{} unchanged", unchanged.join(", ")));
    } else if !unchanged.is_empty() && parts.is_empty() {
        parts.push("no change".to_string());
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event whose date moved is named by its title.
    #[test]
    fn a_changed_event_is_named() {
        let mut a = Snapshot::default();
        let events: BTreeMap<String, String> =
            [("cop28".to_string(), "UNFCCC COP28".to_string())].into();
        a.data.insert("events".into(), events.clone());
        a.data.insert(
            "event details".into(),
            [("cop28".to_string(), "start 2023-11-30".to_string())].into(),
        );
        let mut b = a.clone();
        b.data.insert(
            "event details".into(),
            [("cop28".to_string(), "start 2023-12-01".to_string())].into(),
        );
        assert_eq!(summary(&a, &b), "events changed 1 (UNFCCC COP28)");
    }
}
