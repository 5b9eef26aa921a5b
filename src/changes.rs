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
    /// Table name → (entry key → what the entry was).
    pub data: BTreeMap<String, BTreeMap<String, Noted>>,
    /// PDF pages.
    pub pages: usize,
    /// Output file → content hash.
    pub files: BTreeMap<String, u128>,
}

/// One table entry as a snapshot keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Noted {
    /// What the summary names it by (its title or name).
    pub label: String,
    /// A hash of everything it says; `None` when read from a manifest
    /// written before entries had one (then only the label is compared).
    pub digest: Option<u128>,
}

impl Noted {
    /// Whether `self` (before) and `now` differ as far as is known.
    fn differs(&self, now: &Noted) -> bool {
        match (self.digest, now.digest) {
            (Some(a), Some(b)) => a != b,
            _ => self.label != now.label,
        }
    }
}

/// The collection older manifests kept for events' contents; entries now
/// carry their own digest, so it is skipped when read.
const OLD_DETAILS: &str = "event details";

impl Snapshot {
    /// The snapshot of a build: every data table ([`Report::tables`]).
    pub fn of(r: &Report, rendered: &Rendered) -> Snapshot {
        let data = r
            .tables()
            .into_iter()
            .map(|t| {
                let entries = t
                    .entries
                    .into_iter()
                    .map(|e| {
                        let noted = Noted {
                            label: e.label.to_string(),
                            digest: Some(e.digest()),
                        };
                        (e.key.into_owned(), noted)
                    })
                    .collect();
                (t.name.to_string(), entries)
            })
            .collect();
        Snapshot {
            data,
            pages: rendered.pages,
            files: rendered
                .files
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
            // Named even when empty, so a first entry later is "added".
            s.push_str(&format!("table\t{name}\n"));
            for (key, n) in items {
                s.push_str(&format!(
                    "item\t{name}\t{}\t{}",
                    clean(key),
                    clean(&n.label)
                ));
                if let Some(d) = n.digest {
                    s.push_str(&format!("\t{d:032x}"));
                }
                s.push('\n');
            }
        }
        s
    }

    /// Reads a serialised snapshot, this version's or an older one;
    /// unreadable lines are skipped.
    pub fn from_text(text: &str) -> Snapshot {
        let mut snap = Snapshot::default();
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let (table, key, label, digest) = match f.as_slice() {
                ["pages", n] => {
                    snap.pages = n.parse().unwrap_or(0);
                    continue;
                }
                ["file", name, h] => {
                    snap.files
                        .insert(name.to_string(), u128::from_str_radix(h, 16).unwrap_or(0));
                    continue;
                }
                ["table", table] => {
                    snap.data.entry(table.to_string()).or_default();
                    continue;
                }
                ["item", table, key, label] => (table, key, label, None),
                ["item", table, key, label, d] => {
                    (table, key, label, u128::from_str_radix(d, 16).ok())
                }
                _ => continue,
            };
            if *table == OLD_DETAILS {
                continue;
            }
            snap.data.entry(table.to_string()).or_default().insert(
                key.to_string(),
                Noted {
                    label: label.to_string(),
                    digest,
                },
            );
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

/// The first few labels, "; …" when there are more.
fn labels(list: &[&Noted]) -> String {
    let mut s = list
        .iter()
        .take(NAMED)
        .map(|n| n.label.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if list.len() > NAMED {
        s.push_str("; …");
    }
    s
}

/// How many entries of one kind of change the summary names.
const NAMED: usize = 3;

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
        // A table the old snapshot did not note (a manifest from before
        // it was) is not "all added".
        if !old.data.contains_key(name) {
            continue;
        }
        let added: Vec<&Noted> = items
            .iter()
            .filter(|(k, _)| !before.contains_key(*k))
            .map(|(_, n)| n)
            .collect();
        let removed: Vec<&Noted> = before
            .iter()
            .filter(|(k, _)| !items.contains_key(*k))
            .map(|(_, n)| n)
            .collect();
        let changed: Vec<&Noted> = items
            .iter()
            .filter(|(k, n)| before.get(*k).is_some_and(|b| b.differs(n)))
            .map(|(_, n)| n)
            .collect();
        for (sign, list) in [(" +", &added), (" −", &removed), (" changed ", &changed)] {
            if !list.is_empty() {
                parts.push(format!("{name}{sign}{} ({})", list.len(), labels(list)));
            }
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

    fn noted(label: &str, digest: u128) -> Noted {
        Noted {
            label: label.into(),
            digest: Some(digest),
        }
    }

    /// An entry whose contents changed (a moved date) is named by its
    /// label, in any table.
    #[test]
    fn a_changed_entry_is_named() {
        let mut a = Snapshot::default();
        a.data.insert(
            "events".into(),
            [("cop28".to_string(), noted("UNFCCC COP28", 1))].into(),
        );
        a.data.insert(
            "offices".into(),
            [("seoul".to_string(), noted("Seoul Office", 1))].into(),
        );
        let mut b = a.clone();
        b.data
            .get_mut("events")
            .unwrap()
            .insert("cop28".into(), noted("UNFCCC COP28", 2));
        b.data
            .get_mut("offices")
            .unwrap()
            .insert("bonn".into(), noted("Bonn Office", 3));
        assert_eq!(
            summary(&a, &b),
            "events changed 1 (UNFCCC COP28), offices +1 (Bonn Office)"
        );
    }

    /// A manifest round-trips, empty tables included.
    #[test]
    fn the_manifest_round_trips() {
        let mut a = Snapshot {
            pages: 33,
            ..Snapshot::default()
        };
        a.files.insert("report.pdf".into(), 7);
        a.data.insert(
            "events".into(),
            [("e\t1".to_string(), noted("A", 9))].into(),
        );
        a.data.insert("offices".into(), BTreeMap::new());
        let b = Snapshot::from_text(&a.to_text());
        assert_eq!(b.data["offices"], BTreeMap::new());
        assert_eq!(b.data["events"]["e 1"], noted("A", 9));
        assert_eq!((b.pages, b.files), (a.pages, a.files));
    }

    /// A manifest from before entries had digests: its "event details"
    /// are skipped, labels compared, and tables it did not note are not
    /// reported as added.
    #[test]
    fn an_old_manifest_is_read() {
        let old = Snapshot::from_text(
            "pages\t33\nitem\tevents\tcop28\tUNFCCC COP28\nitem\tevent details\tcop28\tEvent { … }\n",
        );
        assert_eq!(old.data.len(), 1);
        let mut new = Snapshot {
            pages: 33,
            ..Snapshot::default()
        };
        new.data.insert(
            "events".into(),
            [("cop28".to_string(), noted("UNFCCC COP28", 5))].into(),
        );
        new.data.insert(
            "figures".into(),
            [("members".to_string(), noted("Members", 5))].into(),
        );
        assert_eq!(summary(&old, &new), "");
        new.data
            .get_mut("events")
            .unwrap()
            .insert("cop28".into(), noted("COP 28", 5));
        assert_eq!(summary(&old, &new), "events changed 1 (COP 28)");
    }
}
