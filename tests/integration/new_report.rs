//! `folio new`: next year's report starts from this one, builds, lists
//! what is left to write, and never overwrites a file.

use crate::common;

#[test]
fn next_years_report_builds_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("report.toml");
    std::fs::copy("report.toml", &from).unwrap();
    let out = dir.path().join("report-2024.toml");
    let o = common::folio()
        .args(["new", "2024", "--from"])
        .arg(&from)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("sections to write"));
    let first = std::fs::read(&out).unwrap();

    // check: valid, with a warning per section still to write.
    let o = common::folio()
        .args(["check", "--format", "json"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["ok"], true);
    let diags = json["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    assert!(diags.iter().all(|d| d["severity"] == "warning"));
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("not written yet")
    );
    assert!(diags[0]["line"].as_u64().unwrap() > 1);

    // It builds: the PDF and the workbooks, with no events yet.
    let built = common::build(&out);
    for f in [
        "annual-report-2024.pdf",
        "events-2024.xlsx",
        "members-2024.xlsx",
        "publications-2024.xlsx",
    ] {
        assert!(built.path().join(f).exists(), "{f} not written");
    }

    // A second run refuses and leaves the file as it was.
    std::fs::write(&out, b"my edits").unwrap();
    let o = common::folio()
        .args(["new", "2024", "--from"])
        .arg(&from)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("never overwrites"));
    assert_eq!(std::fs::read(&out).unwrap(), b"my edits");
    assert_ne!(first, b"my edits");

    // A year that is not after the report's is an error, and writes nothing.
    let o = common::folio()
        .args(["new", "2022", "--from"])
        .arg(&from)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("report-2022.toml").exists());
}

/// Next year's report in another folder (`--out drafts/…`) still builds at
/// once: its photos are copied beside it (a path climbing out of its
/// folder would be refused by the build); one written into a parent folder
/// reaches them by a rewritten path. Sections that only show data get no
/// placeholder, and the workbooks' names carry the new year.
#[test]
fn a_new_report_in_another_folder_keeps_its_photos() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("2023");
    std::fs::create_dir(&sub).unwrap();
    let from = common::photos::fixture(&sub);
    std::fs::create_dir(sub.join("drafts")).unwrap();

    let drafts = sub.join("drafts/r.toml");
    let o = common::folio()
        .args(["new", "2024", "--from"])
        .arg(&from)
        .arg("--out")
        .arg(&drafts)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&drafts).unwrap();
    assert!(text.contains("src = \"images/opener.jpg\""), "{text}");
    assert!(sub.join("drafts/images/opener.jpg").is_file());
    assert_eq!(
        std::fs::read(sub.join("drafts/images/opener.jpg")).unwrap(),
        std::fs::read(sub.join("images/opener.jpg")).unwrap()
    );
    common::build(&drafts);

    let up = dir.path().join("r.toml");
    let o = common::folio()
        .args(["new", "2024", "--from"])
        .arg(&from)
        .arg("--out")
        .arg(&up)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&up).unwrap();
    assert!(text.contains("src = \"2023/images/opener.jpg\""), "{text}");
    assert!(!dir.path().join("images").exists(), "copied needlessly");
    common::build(&up);
}

/// Only sections that had prose get a `TODO:` body; next year's workbooks
/// do not take this year's names.
#[test]
fn only_prose_sections_get_a_placeholder_and_workbooks_are_yeared() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("report.toml");
    std::fs::copy("report.toml", &from).unwrap();
    let o = common::folio()
        .args(["new", "2024", "--from"])
        .arg(&from)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let old = folio::load::load_file(&from).unwrap().report;
    let new = folio::load::load_file(&dir.path().join("report-2024.toml"))
        .unwrap()
        .report;
    let mut table_only = 0;
    for (a, b) in old.sections.iter().zip(&new.sections) {
        if a.body.trim().is_empty() {
            table_only += 1;
            assert!(b.body.trim().is_empty(), "{}: {:?}", b.title, b.body);
        }
    }
    assert_eq!(table_only, 14);
    let names = |r: &folio::model::Report| {
        [&r.output.events, &r.output.members, &r.output.publications]
            .map(|n| n.clone().unwrap_or_default())
    };
    let (before, after) = (names(&old), names(&new));
    for (a, b) in before.iter().zip(&after) {
        assert_ne!(a, b, "next year's workbook would overwrite this year's");
        assert!(b.contains("2024"), "{b}");
    }
}
