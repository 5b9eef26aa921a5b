//! What every data table (`[[events]]`, `[[members]]`, …) shares: an entry's
//! key, the label it is named by, a digest of its contents, and whether
//! keys must be unique. Load, `folio check`, the change summary,
//! placeholders and `folio new` go through [`Report::tables`], so they
//! cover a new table without being edited.

use super::*;
use std::borrow::Cow;

/// One entry of a data table.
pub trait Record: std::fmt::Debug {
    /// The field whose value identifies an entry, checked unique within
    /// its table; `None` for a table whose entries have no key of their
    /// own (people are named by name and role).
    const KEY_FIELD: Option<&'static str> = Some("id");

    /// Entries belong to one year: `folio new` starts the table empty
    /// rather than carrying it over (events, publications).
    const YEARLY: bool = false;

    /// What identifies the entry within its table.
    fn key(&self) -> Cow<'_, str>;

    /// What the change summary names the entry by: its title or name.
    fn label(&self) -> &str;
}

/// One entry, as the lists over every table see it.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// [`Record::key`].
    pub key: Cow<'a, str>,
    /// [`Record::label`].
    pub label: &'a str,
    /// The entry itself, for [`Entry::digest`].
    row: &'a dyn std::fmt::Debug,
}

impl Entry<'_> {
    /// Everything the entry says, so an edit that keeps its key (a moved
    /// date) is seen as a change. Made on demand: only the change summary
    /// asks, and formatting every entry is the costliest part of a view.
    pub fn digest(&self) -> u128 {
        crate::fingerprint::of(format!("{:?}", self.row).as_bytes())
    }
}

/// A data table of a report, seen without its row type.
#[derive(Debug, Clone)]
pub struct TableView<'a> {
    /// Its key in report.toml (`events` for `[[events]]`).
    pub name: &'static str,
    /// [`Record::KEY_FIELD`] of its rows.
    pub key_field: Option<&'static str>,
    /// Its entries, in file order.
    pub entries: Vec<Entry<'a>>,
}

impl<'a> TableView<'a> {
    /// The view of `rows` under `name`.
    pub fn of<R: Record>(name: &'static str, rows: &'a [R]) -> TableView<'a> {
        TableView {
            name,
            key_field: R::KEY_FIELD,
            entries: rows
                .iter()
                .map(|r| Entry {
                    key: r.key(),
                    label: r.label(),
                    row: r,
                })
                .collect(),
        }
    }
}

/// Reads one data table from the parsed file; load implements it, so the
/// model names the tables and load keeps its located diagnostics.
pub trait ReadTable {
    /// The entries of `[[name]]` that deserialize (each problem reported
    /// by the reader), or none when the key is absent.
    fn read<R: Record + serde::de::DeserializeOwned>(&mut self, name: &str) -> Vec<R>;
}

/// Declares the data tables: each line is a [`Report`] field and its row
/// type, which implements [`Record`]. It generates [`TABLE_KEYS`],
/// [`Report::tables`] and [`Report::assemble`].
///
/// To add a table: (1) its row struct (`Deserialize`, `JsonSchema`,
/// `#[serde(deny_unknown_fields)]`, a doc comment per field) in a module
/// of `model`; (2) `impl Record` for it (key, label; `KEY_FIELD` when the
/// key is not `id`); (3) a `Vec<Row>` field of [`Report`] with
/// `#[serde(default)]`; (4) a line `name: Row,` below; (5) write the schema
/// again: `cargo run --release -- schema --out report.schema.json`. Load,
/// unique keys, `folio check`'s count, the change summary, `{{name.count}}`
/// and `folio new` (carried over unless `YEARLY`) then cover it.
macro_rules! tables {
    ($($name:ident: $row:ty,)*) => {
        /// Every data table's key in report.toml, in file order.
        pub const TABLE_KEYS: &[&str] = &[$(stringify!($name)),*];

        /// The tables whose entries belong to one year ([`Record::YEARLY`]):
        /// `folio new` starts them empty.
        pub fn yearly_tables() -> Vec<&'static str> {
            [$((stringify!($name), <$row as Record>::YEARLY)),*]
                .into_iter()
                .filter_map(|(name, yearly)| yearly.then_some(name))
                .collect()
        }

        impl Report {
            /// Every data table, in [`TABLE_KEYS`] order.
            pub fn tables(&self) -> Vec<TableView<'_>> {
                vec![$(TableView::of(stringify!($name), &self.$name)),*]
            }

            /// Every data table's name and number of entries, in
            /// [`TABLE_KEYS`] order.
            pub fn table_sizes(&self) -> Vec<(&'static str, usize)> {
                vec![$((stringify!($name), self.$name.len())),*]
            }

            /// A report from its top-level tables and the data tables
            /// `read` gives; `None` without `[report]`. Every table is
            /// read even then, so all problems are reported in one run.
            pub fn assemble(
                report: Option<Meta>,
                output: Outputs,
                worldwide: Option<Worldwide>,
                read: &mut impl ReadTable,
            ) -> Option<Report> {
                $(let $name: Vec<$row> = read.read(stringify!($name));)*
                Some(Report { report: report?, output, worldwide, $($name),* })
            }
        }
    };
}

tables! {
    sections: Section,
    pathways: Pathway,
    events: Event,
    members: Member,
    figures: Figure,
    people: Person,
    publications: Publication,
    abbreviations: Abbreviation,
    offices: Office,
    funders: Funder,
    projects: Project,
}

impl Record for Section {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
    }
    fn label(&self) -> &str {
        &self.title
    }
}

impl Record for Pathway {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
    }
    fn label(&self) -> &str {
        &self.name
    }
}

impl Record for Event {
    const YEARLY: bool = true;
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
    }
    fn label(&self) -> &str {
        &self.title
    }
}

impl Record for Member {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
    }
    fn label(&self) -> &str {
        &self.name
    }
}

impl Record for Figure {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
    }
    fn label(&self) -> &str {
        &self.label
    }
}

impl Record for Person {
    // One person may sit on two bodies, so the name alone repeats.
    const KEY_FIELD: Option<&'static str> = None;
    fn key(&self) -> Cow<'_, str> {
        Cow::Owned(format!("{}/{}", self.name, self.role))
    }
    fn label(&self) -> &str {
        &self.name
    }
}

impl Record for Publication {
    const YEARLY: bool = true;
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
    }
    fn label(&self) -> &str {
        &self.title
    }
}

impl Record for Abbreviation {
    const KEY_FIELD: Option<&'static str> = Some("term");
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.term)
    }
    fn label(&self) -> &str {
        &self.meaning
    }
}

impl Record for Office {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
    }
    fn label(&self) -> &str {
        &self.name
    }
}

impl Record for Funder {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
    }
    fn label(&self) -> &str {
        &self.name
    }
}

impl Record for Project {
    fn key(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.id)
    }
    fn label(&self) -> &str {
        &self.name
    }
}

impl Report {
    /// "49 sections, 5 pathways, 38 events, …": every data table counted,
    /// as `folio check` says it.
    pub fn table_summary(&self) -> String {
        self.table_sizes()
            .iter()
            .map(|(name, n)| format!("{n} {name}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Every top-level key of report.toml, in the order [`Report`] declares
/// them, as its derived `Deserialize` reads them: the "unknown key"
/// message lists these, so no hand-kept list can drift from the model.
pub fn top_keys() -> &'static [&'static str] {
    use serde::de::{Deserialize, Visitor};
    // A deserializer that only notes the field list serde's derive hands
    // to `deserialize_struct`, then stops.
    struct Fields<'a>(&'a mut &'static [&'static str]);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("field names noted")
        }
    }
    impl std::error::Error for Stop {}
    impl serde::de::Error for Stop {
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            Stop
        }
    }
    impl<'de> serde::de::Deserializer<'de> for Fields<'_> {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0 = fields;
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = Report::deserialize(Fields(&mut fields));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table is a field of [`Report`] that its Deserialize reads,
    /// in the same order as the struct (the "unknown key" message lists
    /// them so).
    #[test]
    fn every_table_is_a_report_field_in_order() {
        let fields = top_keys();
        assert_eq!(fields.first(), Some(&"report"));
        let mut at = 0;
        for k in TABLE_KEYS {
            let i = fields.iter().position(|f| f == k).expect(k);
            assert!(i >= at, "{k} out of order");
            at = i;
        }
    }
}
